"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` builder calls ``build(book, ctx, inputs)``:
pdf_html cuts the book into parts, pdf_layout lays them out (body once)
and joins them, pdf_pagemap records where each body page starts (the
``pagemap`` artefact this builder provides to the EPUB, with
``locator_pages``: each index anchor's folio, notes included), and ``write``
saves it with page labels, outline, links, metadata, subset fonts and,
tags (PDF/UA-1, finished by pdf/tagging.py) unless ``ctx.pdf_options`` say otherwise. The footnote fixes pdf_layout had to
make are kept in ``ctx.state_dir/pdf-note-hints.json`` (keyed by each
chapter's HTML and styles), so an unchanged chapter is laid out once next time;
so are the glossary's fixes and the index's "(continued)" lines (pdf/glossary.py,
pdf/continued.py: an unchanged glossary or index is laid out once).
In a long-running process (``build.py watch``) ``ctx.layouts`` keeps the
chapters themselves, laid out, between builds (pdf/reuse.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from pressroom.build.output import atomic_path, atomic_write_text
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.builders.pdf.layout import A5, RenderedBook, render_book, write  # noqa: F401 (API)
from pressroom.builders.common import pdfid
from pressroom.builders.pdf import proof
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.pagemap import pagemap as _pagemap
from pressroom.doctree.book import Book


def locator_pages(rendered: RenderedBook) -> dict[str, str]:
    """{index anchor: the folio it is printed on}, footnotes included: the
    EPUB's index gives these as its locators' labels."""
    return {a: label for a, label in rendered.numbers.items() if a.startswith("ix-")}

HINTS = "pdf-note-hints.json"      # pdf_layout's footnote fixes, kept between builds


def build(book: Book, ctx: BuildContext, inputs: Inputs) -> Result:
    out = ctx.out / f"{book.config.slug}.pdf"
    hints = _load_hints(ctx.state_dir / HINTS)
    rendered = render_book(book, note_hints=hints, layouts=ctx.layouts)
    pagemap = _pagemap(rendered)
    with atomic_path(out) as tmp:
        # Tagged (PDF/UA-1) unless the context says otherwise (the benchmark).
        options = pdf_tagging.OPTIONS if ctx.pdf_options is None else ctx.pdf_options
        write(rendered, tmp, **options, **pdfid.WEASY_OPTIONS)
        pdfid.stamp(tmp)
    labels, artefacts = rendered.labels, {"pagemap": pagemap,
                                          "locator_pages": locator_pages(rendered)}
    atomic_write_text(ctx.state_dir / HINTS,
                      json.dumps(rendered.note_hints, indent=1, sort_keys=True))
    # The pages go before the proof: its glyphs would set the cyclic
    # collector walking every box of them, again and again (at 10x the book,
    # 2.5 GB of boxes).
    del rendered
    proof.proof_edition(book, out, out.name, labels=labels)
    return Result([out], artefacts)


def prime(book: Book, ctx: BuildContext) -> None:
    """Lay the pamphlet out into ``ctx.layouts`` and write nothing: a watch
    that starts on an up-to-date dist/ does this once, so that the first
    edit already reuses every chapter it leaves alone (pdf/reuse.py)."""
    render_book(book, note_hints=_load_hints(ctx.state_dir / HINTS), layouts=ctx.layouts)


def _load_hints(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

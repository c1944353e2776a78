"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` builder calls ``build(book, ctx, inputs)``:
pdf_html cuts the book into parts, pdf_layout lays them out (body once),
writes each (pdf/parts.py) and joins them (pdf/join.py) with page labels,
outline, links, metadata, subset fonts and tags (PDF/UA-1, finished by
pdf/tagging.py) unless ``ctx.pdf_options`` say otherwise; pdf_pagemap
records where each page starts (the ``pagemap`` artefact this builder
provides to the EPUB, with ``locator_pages``: each index anchor's folio,
notes included). The footnote fixes pdf_layout had to make are kept in
``ctx.state_dir/pdf-note-hints.json`` (keyed by each chapter's HTML and
styles), so an unchanged chapter is laid out once next time; so are the
glossary's fixes and the index's "(continued)" lines (pdf/glossary.py,
pdf/continued.py: an unchanged glossary or index is laid out once). The
parts' PDFs are kept in ``ctx.state_dir/parts`` (pdf/parts.py): a part
whose HTML (numbers filled in), styles and first folio are unchanged is
not laid out at all; the sections' HTML is kept in ``ctx.state_dir/html``
(common/html.py: pandoc renders only the sections that changed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.build.output import atomic_path, atomic_write_text
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.builders.common import pdfid
from pressroom.builders.common.html import KEPT
from pressroom.builders.pdf import proof
from pressroom.doctree.book import Book

if TYPE_CHECKING:
    from pressroom.builders.pdf.layout import Typeset

PARTS = "parts"                    # the parts' PDFs, kept between builds


def locator_pages(done: Typeset) -> dict[str, str]:
    """{index anchor: the folio it is printed on}, footnotes included: the
    EPUB's index gives these as its locators' labels."""
    return {a: label for a, label in done.numbers.items() if a.startswith("ix-")}


HINTS = "pdf-note-hints.json"      # pdf_layout's footnote fixes, kept between builds
REUSED = "reused.json"             # the parts the last build did not lay out


def build(book: Book, ctx: BuildContext, inputs: Inputs) -> Result:
    # this package's other modules (the proof, reused_parts) serve the report
    # and the watch, which never lay a page out
    from pressroom.builders.pdf.layout import typeset     # lazy: WeasyPrint
    from pressroom.builders.pdf.markup import BookHTML    # lazy: with the layout
    from pressroom.builders.pdf.parts import Store        # lazy: WeasyPrint
    out = ctx.out / f"{book.config.slug}.pdf"
    with atomic_path(out) as tmp:
        done = typeset(book, tmp, Store(ctx.state_dir / PARTS),
                       html=BookHTML.of(book, ctx.state_dir / KEPT),
                       note_hints=_load_hints(ctx.state_dir / HINTS),
                       pdf_options=ctx.pdf_options)
        pdfid.stamp(tmp)
    atomic_write_text(ctx.state_dir / HINTS,
                      json.dumps(done.note_hints, indent=1, sort_keys=True))
    atomic_write_text(ctx.state_dir / REUSED, json.dumps(done.reused))
    proof.proof_edition(book, out, out.name, labels=done.labels, readings=readings(done))
    return Result([out], {"pagemap": done.pagemap, "locator_pages": locator_pages(done)})


def readings(done: Typeset) -> dict:
    """{page index: its lines} of the joined file, read part by part (a kept
    part's reading is kept with it: pdf/parts.py)."""
    from pressroom.builders.pdf.parts import page_lines   # lazy: WeasyPrint
    pages = [lines for part in done.parts for lines in page_lines(part)]
    return dict(enumerate(pages))


def reused_parts(state_dir: Path) -> list[str]:
    """The parts the last build took from the store ("body:<chapter id>",
    "front", "glossary", "index"; the watch says how many)."""
    try:
        return [str(name) for name in json.loads((state_dir / REUSED).read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def _load_hints(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

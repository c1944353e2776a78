"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` builder is a builder of tasks (builders/
__init__.py). ``tasks`` makes the book's HTML (pdf_html) and lists the
chapters the parts' store lacks; ``run_task`` lays one out and writes it
into the store (pdf/chapter.py: a chapter is laid out as from folio 1, its
folios stamped at the join, so it depends on nothing before it); the
runner shares them out among its workers. ``finish`` then runs pdf_layout:
the chapters, all kept now, placed in order, then glossary, front matter
and index laid out, the parts joined (pdf/join.py) with page labels,
outline, links, metadata, subset fonts, folios (pdf/stamps.py) and tags
(PDF/UA-1, finished by pdf/tagging.py) unless ``ctx.pdf_options`` say
otherwise; pdf_pagemap records where each page starts (the ``pagemap``
artefact this builder provides to the EPUB, with ``locator_pages``: each
index anchor's folio, notes included). The footnote fixes the layouts had
to make are kept in ``ctx.state_dir/pdf-note-hints.json`` (keyed by each
chapter's HTML and styles), so an unchanged chapter is laid out once next
time; so are the glossary's fixes and the index's "(continued)" lines
(pdf/glossary.py, pdf/continued.py: an unchanged glossary or index is laid
out once). The parts' PDFs are kept in ``ctx.state_dir/parts``
(pdf/parts.py): a part whose HTML (numbers filled in) and styles are
unchanged (and, but for a chapter, its first folio) is not laid out at
all; the sections' HTML is kept in ``ctx.state_dir/html`` (common/html.py:
pandoc renders only the sections that changed).
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


def tasks(book: Book, ctx: BuildContext) -> list:
    """The chapters and the glossary the parts' store does not keep, each a
    task (the longest first), laid out in whichever worker takes it
    (pdf/chapter.py); the sections' HTML is made here, once, and kept
    (common/html.py)."""
    from pressroom.builders.pdf import chapter as pdf_chapter   # lazy: with the layout
    from pressroom.builders.pdf.layout import to_lay_out   # lazy: WeasyPrint
    from pressroom.builders.pdf.markup import BookHTML     # lazy: with the layout
    from pressroom.builders.pdf.parts import Store         # lazy: WeasyPrint
    html = BookHTML.of(book, ctx.state_dir / KEPT)
    sources = [pdf_chapter.source_of(html, sec.id) for sec in book.chapters]
    if html.has("glossary"):
        sources.append(pdf_chapter.glossary_of(html))
    todo = to_lay_out(book, Store(ctx.state_dir / PARTS), sources, ctx.pdf_options)
    return sorted(todo, key=lambda source: -len(source.plain))


def run_task(book: Book, ctx: BuildContext, task) -> str:
    """One chapter (or the glossary) laid out and written into the parts'
    store, and read back for the proof (kept beside it: the finish reads no
    such part's PDF); its part's name."""
    from pressroom.builders.pdf.layout import lay_out_part     # lazy: WeasyPrint
    from pressroom.builders.pdf.parts import Store, page_lines  # lazy: WeasyPrint
    page_lines(lay_out_part(book, Store(ctx.state_dir / PARTS), task,
                            _load_hints(ctx.state_dir / HINTS), ctx.pdf_options))
    return task.name


def finish(book: Book, ctx: BuildContext, inputs: Inputs, done: list) -> Result:
    """The pamphlet, every chapter in the store now: glossary, front matter
    and index laid out, the parts joined (pdf_layout), then proofed."""
    from pressroom.builders.pdf.layout import typeset     # lazy: WeasyPrint
    from pressroom.builders.pdf.markup import BookHTML    # lazy: with the layout
    from pressroom.builders.pdf.parts import Store        # lazy: WeasyPrint
    out = ctx.out / f"{book.config.slug}.pdf"
    with atomic_path(out) as tmp:
        done_here = typeset(book, tmp, Store(ctx.state_dir / PARTS),
                            html=BookHTML.of(book, ctx.state_dir / KEPT),
                            note_hints=_load_hints(ctx.state_dir / HINTS),
                            pdf_options=ctx.pdf_options)
        pdfid.stamp(tmp)
    atomic_write_text(ctx.state_dir / HINTS,
                      json.dumps(done_here.note_hints, indent=1, sort_keys=True))
    laid_out = {name for _, name in done}           # by the tasks: not reused
    atomic_write_text(ctx.state_dir / REUSED,
                      json.dumps([p for p in done_here.reused if p not in laid_out]))
    proof.proof_edition(book, out, out.name, labels=done_here.labels,
                        readings=readings(done_here))
    return Result([out], {"pagemap": done_here.pagemap,
                          "locator_pages": locator_pages(done_here)})


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

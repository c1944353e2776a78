"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` target calls ``build(book, dist)``:
pdf_html cuts the book into parts, pdf_layout lays them out (body once)
and joins them, pdf_pagemap records where each body page starts (for the
EPUB's page list, stored as ``book.pagemap``), and ``write`` saves it with
page labels, outline, links, metadata, subset fonts and, when
``PDF_OPTIONS`` says so, tags. The footnote fixes pdf_layout had to make
are kept in ``dist/.cache/state/pdf/pdf-note-hints.json`` (keyed by each chapter's HTML
and styles), so an unchanged chapter is laid out once next time.
"""

from __future__ import annotations

import json
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.build.output import atomic_path, atomic_write_text
from pressroom.builders.pdf.layout import A5, RenderedBook, render_book, write  # noqa: F401 (API)
from pressroom.builders.common import pdfid
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.pagemap import pagemap as _pagemap

# The options the pamphlet is written with (see bench_pdf for their cost):
# tagged, PDF/UA-1 (pdf_tagging finishes the tags).
PDF_OPTIONS: dict = dict(pdf_tagging.OPTIONS)


def compute_pagemap(book: Book) -> list[dict]:
    """``book.pagemap`` without writing a PDF (lays the book out)."""
    return _pagemap(render_book(book))


HINTS = "pdf-note-hints.json"      # pdf_layout's footnote fixes, kept between builds


def build(book: Book, dist: Path) -> list[Path]:
    out = dist / f"{book.config.slug}.pdf"
    state = getattr(book, "state_dir", None) or dist   # the command gives one in its cache
    hints = _load_hints(state / HINTS)
    rendered = render_book(book, note_hints=hints)
    book.pagemap = _pagemap(rendered)
    with atomic_path(out) as tmp:
        write(rendered, tmp, **PDF_OPTIONS, **pdfid.WEASY_OPTIONS)
        pdfid.stamp(tmp)
    atomic_write_text(state / HINTS, json.dumps(rendered.note_hints, indent=1, sort_keys=True))
    return [out]


def _load_hints(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` target calls ``build(book, dist)``:
pdf_html cuts the book into parts, pdf_layout lays them out (body once)
and joins them, pdf_pagemap records where each body page starts (for the
EPUB's page list, stored as ``book.pagemap``), and ``write`` saves it with
page labels, outline, links, metadata, subset fonts and, when
``PDF_OPTIONS`` says so, tags.
"""

from __future__ import annotations

from pathlib import Path

from ..book import Book
from ..output import atomic_path
from .pdf_layout import A5, RenderedBook, render_book, write  # noqa: F401 (API)
from .pdf_pagemap import pagemap as _pagemap

# The options the pamphlet is written with (see bench_pdf for their cost).
PDF_OPTIONS: dict = {}


def compute_pagemap(book: Book) -> list[dict]:
    """``book.pagemap`` without writing a PDF (lays the book out)."""
    return _pagemap(render_book(book))


def build(book: Book, dist: Path) -> list[Path]:
    out = dist / f"{book.config.slug}.pdf"
    rendered = render_book(book)
    book.pagemap = _pagemap(rendered)
    with atomic_path(out) as tmp:
        write(rendered, tmp, **PDF_OPTIONS)
    return [out]

"""The pamphlet PDF: A5, EB Garamond, exact page numbers, one layout pass.

Place in the flow: the ``pdf`` target calls ``build(book, dist)``:
pdf_html cuts the book into parts, pdf_layout lays them out (body once)
and joins them, pdf_pagemap records where each body page starts (for the
EPUB's page list, stored as ``book.pagemap``; each index anchor's folio as
``book.locator_pages``), and ``write`` saves it with
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
from pressroom.builders.pdf.pagemap import pagemap as _pagemap

# The options the pamphlet is written with (see bench_pdf for their cost).
PDF_OPTIONS: dict = {}


def compute_pagemap(book: Book) -> list[dict]:
    """``book.pagemap`` (and ``book.locator_pages``) without writing a PDF
    (lays the book out)."""
    rendered = render_book(book)
    book.locator_pages = locator_pages(rendered)
    return _pagemap(rendered)


def locator_pages(rendered: RenderedBook) -> dict[str, str]:
    """{index anchor: the folio it is printed on}, footnotes included: the
    EPUB's index gives these as its locators' labels."""
    return {a: label for a, label in rendered.numbers.items() if a.startswith("ix-")}


HINTS = "pdf-note-hints.json"      # pdf_layout's footnote fixes, kept between builds


def build(book: Book, dist: Path) -> list[Path]:
    out = dist / f"{book.config.slug}.pdf"
    state = getattr(book, "state_dir", None) or dist   # the command gives one in its cache
    hints = _load_hints(state / HINTS)
    rendered = render_book(book, note_hints=hints)
    book.pagemap = _pagemap(rendered)
    book.locator_pages = locator_pages(rendered)
    with atomic_path(out) as tmp:
        write(rendered, tmp, **PDF_OPTIONS)
    atomic_write_text(state / HINTS, json.dumps(rendered.note_hints, indent=1, sort_keys=True))
    return [out]


def _load_hints(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

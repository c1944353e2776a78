"""The print interior: the pamphlet's pages, finished for a print shop.

Place in the flow: the pdf builder's pamphlet → **interior** → finish →
``dist/print/<slug>-interior.pdf``.

At A5 the interior IS the pamphlet: same pages, same page numbers (the EPUB
cites them), so it is not laid out again: the builder hands in the pdf
builder's file (a needed input; missing, the build fails with one line).
The pamphlet's text block is symmetric, so mirrored margins are made by moving each recto's content
outwards (away from the spine) and each verso's the other way, by
``print.gutter_mm``; chapters already open on rectos after blank versos
that carry no folio. Other trims need their own layout: the pamphlet's
HTML and CSS with the page size changed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.builders.printing.finish import Sheet, finish
from pressroom.builders.printing.geometry import PrintSettings
from pressroom.settings.labels import labels


def _other_trim(book: Book, settings: PrintSettings, scratch: Path) -> Path:
    """The pamphlet's layout at another page size (a second layout)."""
    from pressroom.builders.pdf.layout import typeset     # lazy: WeasyPrint's layout, only for a trim other than A5
    from pressroom.builders.pdf.parts import Store
    out = scratch / "interior-layout.pdf"
    typeset(book, out, Store(scratch / "parts"), page_size=settings.trim_size)
    return out


def build_interior(book: Book, settings: PrintSettings, out: Path,
                   pamphlet: Path | None) -> int:
    """Write the interior from ``pamphlet`` (the A5 pages), or at another
    trim from a layout of its own; returns its final (padded) page count."""
    import pikepdf
    with tempfile.TemporaryDirectory(prefix="pressroom-print-") as tmp:
        source = pamphlet or _other_trim(book, settings, Path(tmp))
        with pikepdf.open(source) as pdf:       # reads the xref, not every object
            pages = len(pdf.pages)
        g = settings.gutter_shift
        # page 1 is a recto: rectos move right, versos left (away from the spine)
        shifts = [g if i % 2 == 0 else -g for i in range(pages)]
        w, h = settings.trim_size
        sheet = Sheet(w, h, settings.interior_bleed, settings.slug, marks=settings.marks)
        title = labels(book.config.data["language"])["interior_document"]
        return finish(source, out, sheet, title=title.format(title=book.config.title),
                      date=book.config.build_date, shifts=shifts,
                      pad_to=settings.multiple, coated=settings.coated)

"""The ``print`` target: interior and cover for a print shop.

Place in the flow: Book → **print_edition** → print_interior (the pamphlet's
pages, finished) and then cover (its spine sized from the interior's final
page count) → ``dist/print/<slug>-interior.pdf`` and ``<slug>-cover.pdf``.
Settings: ``print:`` in book.yaml (see print_geometry).
"""

from __future__ import annotations

from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.build.output import atomic_path
from pressroom.builders.pdf import proof
from pressroom.builders.printing.cover import build_cover
from pressroom.builders.printing.geometry import settings
from pressroom.builders.printing.interior import build_interior


def build(book: Book, dist: Path) -> list[Path]:
    conf = settings(book.config.data)
    folder = dist / "print"
    slug = book.config.slug
    interior = folder / f"{slug}-interior.pdf"
    cover = folder / f"{slug}-cover.pdf"
    with atomic_path(interior) as tmp:
        pages = build_interior(book, conf, tmp)
    proof.proof_edition(book, interior, f"print/{interior.name}")
    with atomic_path(cover) as tmp:
        build_cover(book, conf, pages, tmp)
    return [interior, cover]

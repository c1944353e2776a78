"""The ``print`` builder: interior and cover for a print shop.

Place in the flow: Book + the pamphlet PDF (an input from the ``pdf``
builder) → **printing** → interior (the pamphlet's pages, finished) and then
cover (its spine sized from the interior's final page count) →
``dist/print/<slug>-interior.pdf`` and ``<slug>-cover.pdf``. The
typographic proof reads an interior laid out at another trim; at A5 its
lines are the pamphlet's, already proofed by the pdf builder.
Settings: ``print:`` in book.yaml, checked at load (settings/print.py).
"""

from __future__ import annotations

from pressroom.build.output import atomic_path
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.builders.pdf import proof
from pressroom.builders.printing.cover import build_cover
from pressroom.builders.printing.interior import build_interior
from pressroom.doctree.book import Book


def build(book: Book, ctx: BuildContext, inputs: Inputs) -> Result:
    conf = book.config.print_settings
    folder = ctx.out / "print"
    slug = book.config.slug
    interior = folder / f"{slug}-interior.pdf"
    cover = folder / f"{slug}-cover.pdf"
    # At A5 the interior is the pamphlet itself: the pdf builder's file.
    pamphlet = inputs.file("pdf", ".pdf", "print") if conf.trim == "a5" else None
    with atomic_path(interior) as tmp:
        pages = build_interior(book, conf, tmp, pamphlet)
    if pamphlet is None:        # its own layout; the pamphlet's pages were proofed by pdf
        proof.proof_edition(book, interior, f"print/{interior.name}")
    with atomic_path(cover) as tmp:
        build_cover(book, conf, pages, tmp)
    return Result([interior, cover])

"""The print edition's settings, checked when book.yaml loads: trim, bleed,
binding, paper, signature, blurb, and the sizes that follow from them.

Place in the flow: book.yaml ``print:`` → **settings/print.py** (here, at
load: every mistake is one line with book.yaml's file:line, before any
layout) → ``BookConfig.print_settings`` → the print builder's interior and
cover (builders/printing/), which lay out and finish with the sizes computed
here. Everything is in PostScript points (1/72 in); book.yaml speaks
millimetres. Defaults give a perfect-bound A5 book on 80 g/m² book wove:
``print:`` may be left out entirely.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pressroom.errors import UserError

MM = 72 / 25.4                     # points per millimetre
INCH = 72.0

TRIMS = {                          # name → (width, height) in points
    "a5": (148 * MM, 210 * MM),
    "5.5x8.5in": (5.5 * INCH, 8.5 * INCH),
    "6x9in": (6 * INCH, 9 * INCH),
}

DEFAULT_PPI = 444                  # pages per inch, 80 g/m² uncoated book wove
SADDLE_MULTIPLE = 4                # a saddle-stitched book is folded sheets of 4 pages
@dataclass(frozen=True)
class PrintSettings:
    trim: str = "a5"
    bleed_mm: float = 3.0
    gutter_mm: float = 3.0         # content moves this far away from the spine (mirrored margins)
    binding: str = "perfect"       # perfect | saddle
    ppi: float | None = None       # pages per inch (paper's bulk) ...
    caliper_mm: float | None = None    # ... or one sheet's thickness
    signature: int = 16            # perfect binding pads to this many pages
    spine_text_min_mm: float = 6.0
    blurb: str | None = None       # the back-cover text (print.blurb); none: no blurb

    # --- sizes -------------------------------------------------------------
    @property
    def trim_size(self) -> tuple[float, float]:
        return TRIMS[self.trim]

    @property
    def bleed(self) -> float:
        return self.bleed_mm * MM

    @property
    def gutter_shift(self) -> float:
        return self.gutter_mm * MM

    @property
    def slug(self) -> float:
        """Room outside the bleed for crop marks: 2 mm gap + 6 mm mark + 1 mm."""
        return 9 * MM

    @property
    def multiple(self) -> int:
        """The page count must be a multiple of this for the binding."""
        return SADDLE_MULTIPLE if self.binding == "saddle" else self.signature

    def padded(self, pages: int) -> int:
        return math.ceil(pages / self.multiple) * self.multiple

    # --- spine -------------------------------------------------------------
    def spine_width(self, pages: int) -> float:
        """Spine width in points for ``pages`` printed pages (pages ÷ PPI,
        or leaves × caliper). A saddle-stitched book has no spine."""
        if self.binding == "saddle":
            return 0.0
        if self.caliper_mm is not None:
            return pages / 2 * self.caliper_mm * MM
        return pages / (self.ppi or DEFAULT_PPI) * INCH

    def spine_has_text(self, pages: int) -> bool:
        return self.spine_width(pages) >= self.spine_text_min_mm * MM


def load(raw: dict | None, path: Path) -> PrintSettings:
    """PrintSettings from book.yaml's schema-checked ``print:`` mapping (with
    its ``__lines__``): the checks the schema cannot express, with lines."""
    raw = dict(raw or {})
    lines = raw.pop("__lines__", {})
    if raw.get("binding") == "saddle" and "signature" not in raw:
        raw["signature"] = SADDLE_MULTIPLE
    if raw.get("signature", 16) % 4:
        raise UserError(f"print.signature must be a multiple of 4, not {raw['signature']}",
                        path, lines.get("signature"), "e.g. 16 or 32")
    if raw.get("ppi") is not None and raw.get("caliper_mm") is not None:
        raise UserError("print: give the paper's ppi or its caliper_mm, not both",
                        path, lines.get("caliper_mm"))
    return PrintSettings(**raw)


def mm(points: float) -> float:
    return points / MM

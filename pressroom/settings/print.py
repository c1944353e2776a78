"""The print edition's settings, checked when book.yaml loads: trim, bleed,
binding, paper, signature, blurb, and the sizes that follow from them.

Place in the flow: book.yaml ``print:`` → **settings/print.py** (here, at
load: every mistake is one line with book.yaml's file:line, before any
layout) → ``BookConfig.print_settings`` → the print builder's interior and
cover (builders/printing/), which lay out and finish with the sizes computed
here. Everything is in PostScript points (1/72 in); book.yaml speaks
millimetres. Defaults give a perfect-bound A5 book on 80 g/m² book wove for
an offset printer: ``print:`` may be left out entirely. ``print.preset``
(kdp, ingramspark, lulu) takes trim sizes, bleed, marks, padding, spine
formula and barcode area from that service's published rules
(settings/presets.yaml); ``print.paper`` (white, cream, coated) picks the
spine factor and the output intent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pressroom.errors import UserError
from pressroom.settings.presets import Preset, preset as _preset

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
    preset: str = "offset"         # offset | kdp | ingramspark | lulu (presets.yaml)
    paper: str = "white"           # white | cream (uncoated) | coated

    @property
    def rules(self) -> Preset:
        return _preset(self.preset)

    @property
    def pod(self) -> bool:
        """A print-on-demand service: no marks, no signature padding."""
        return self.preset != "offset"

    @property
    def marks(self) -> bool:
        return self.rules.marks

    @property
    def coated(self) -> bool:
        return self.paper == "coated"

    # --- sizes -------------------------------------------------------------
    @property
    def trim_size(self) -> tuple[float, float]:
        return self.rules.trims[self.trim] if self.trim in self.rules.trims else TRIMS[self.trim]

    @property
    def bleed(self) -> float:
        """The cover's bleed (points): the service's, or print.bleed_mm."""
        return self.rules.bleed if self.rules.bleed is not None else self.bleed_mm * MM

    @property
    def interior_bleed(self) -> float:
        return self.bleed if self.rules.interior_bleed else 0.0

    @property
    def gutter_shift(self) -> float:
        return self.gutter_mm * MM

    @property
    def slug(self) -> float:
        """Room outside the bleed for crop marks: 2 mm gap + 6 mm mark + 1 mm
        (none without marks)."""
        return 9 * MM if self.marks else 0.0

    @property
    def multiple(self) -> int:
        """The page count must be a multiple of this for the binding (a
        print-on-demand service: its own, no padding blanks)."""
        if self.binding == "saddle":
            return SADDLE_MULTIPLE
        return self.rules.pad_to or self.signature

    def padded(self, pages: int) -> int:
        return math.ceil(pages / self.multiple) * self.multiple

    # --- spine -------------------------------------------------------------
    def spine_width(self, pages: int) -> float:
        """Spine width in points for ``pages`` printed pages: the service's
        formula, else pages ÷ PPI or leaves × caliper. A saddle-stitched
        book has no spine."""
        if self.binding == "saddle":
            return 0.0
        by_service = self.rules.spine_width(pages, self.paper)
        if by_service is not None:
            return by_service
        if self.caliper_mm is not None:
            return pages / 2 * self.caliper_mm * MM
        return pages / (self.ppi or DEFAULT_PPI) * INCH

    def spine_has_text(self, pages: int) -> bool:
        return self.spine_width(pages) >= self.spine_text_min_mm * MM

    # --- barcode area on the back cover -------------------------------------
    def barcode_box(self) -> tuple[float, float, float, float]:
        """(right inset from the spine fold, bottom inset from the trim, width,
        height) of the barcode area on the back panel, in points."""
        (w, h), (dx, dy) = self.rules.barcode, self.rules.barcode_inset
        return dx, dy, w, h


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
    conf = PrintSettings(**raw)
    if conf.trim not in conf.rules.trims:
        raise UserError(f"print.trim {conf.trim!r} is not a trim size {conf.preset} prints",
                        path, lines.get("trim"), "one of: " + ", ".join(conf.rules.trims))
    return conf


def mm(points: float) -> float:
    return points / MM

"""Print presets: the printing services' published rules, as data.

Place in the flow: book.yaml ``print.preset`` → **presets** (rules from
presets.yaml, each with its source) → settings/print.py (PrintSettings: trim,
bleed, marks, padding, spine, barcode area) → the print builder's interior
and cover. This
module only reads the data and turns inches and millimetres into points.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("presets.yaml")
MM = 72 / 25.4
INCH = 72.0
NAMES = ("offset", "kdp", "ingramspark", "lulu")
PAPERS = ("white", "cream", "coated")


@dataclass(frozen=True)
class Preset:
    name: str
    trims: dict[str, tuple[float, float]]       # points
    bleed: float | None                         # points; None: print.bleed_mm
    interior_bleed: bool
    marks: bool
    pad_to: int | None                          # None: the binding's signature
    spine: dict                                 # as in presets.yaml
    barcode: tuple[float, float]                # points
    barcode_inset: tuple[float, float]          # points
    pdf: str

    def spine_width(self, pages: int, paper: str) -> float | None:
        """Spine in points by the service's formula (None: offset, by ppi)."""
        if self.spine == "ppi":
            return None
        if "ppi" in self.spine:
            inches = pages / self.spine["ppi"]
        else:
            inches = pages * self.spine["per_page_in"][paper]
        return (inches + self.spine.get("plus_in", 0)) * INCH


def _length(block: dict, key: str):
    if f"{key}_in" in block:
        return block[f"{key}_in"], INCH
    if f"{key}_mm" in block:
        return block[f"{key}_mm"], MM
    return None, None


def _pair(block: dict, key: str) -> tuple[float, float]:
    value, unit = _length(block, key)
    return (value[0] * unit, value[1] * unit)


@functools.lru_cache(maxsize=1)
def _all() -> dict[str, Preset]:
    # libyaml when present: the project's own file, read by every build
    raw = yaml.load(DATA.read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = {}
    for name, block in raw.items():
        trims, unit = _length(block, "trims")
        bleed, bunit = _length(block, "bleed")
        out[name] = Preset(
            name=name,
            trims={k: (v[0] * unit, v[1] * unit) for k, v in trims.items()},
            bleed=None if name == "offset" else bleed * bunit,
            interior_bleed=bool(block["interior_bleed"]), marks=bool(block["marks"]),
            pad_to=None if block["pad_to"] == "signature" else int(block["pad_to"]),
            spine=block["spine"], barcode=_pair(block, "barcode"),
            barcode_inset=_pair(block, "barcode_inset"), pdf=block["pdf"])
    return out


def preset(name: str) -> Preset:
    return _all()[name]

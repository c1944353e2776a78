"""The ISBN as an EAN-13 barcode for the back cover, drawn by python-barcode.

Place in the flow: book.yaml ``isbn:`` (checked by settings/isbn.py) →
**barcode** (an SVG: bars at 100 % magnification, 0.33 mm modules, with the
human-readable digits under them) → templates/print/cover.html.j2, inside
the barcode area of the back cover, with the "ISBN ..." line above it.
"""

from __future__ import annotations

import re

MODULE_MM = 0.33          # EAN-13 at 100 % (nominal 37.29 x 25.93 mm with digits)
BAR_HEIGHT_MM = 16.0


def ean13_svg(isbn: str) -> str:
    """Inline ``<svg>`` for ``isbn`` (13 digits, already checked)."""
    from barcode import EAN13
    from barcode.writer import SVGWriter
    # guard bars drawn long, digits in the standard 1 + 6 + 6 layout
    code = EAN13(isbn[:12], writer=SVGWriter(), guardbar=True)
    if re.sub(r"\D", "", code.get_fullcode()) != isbn:
        raise ValueError(f"EAN-13 check digit mismatch for {isbn}")
    svg = code.render({"module_width": MODULE_MM, "module_height": BAR_HEIGHT_MM,
                       "font_size": 9, "text_distance": 4, "quiet_zone": 3.63,
                       "background": "white", "foreground": "black"}).decode("utf-8")
    svg = svg[svg.index("<svg"):]
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S)


def isbn_line(isbn: str) -> str:
    return f"ISBN {isbn}"

"""Folios: roman numerals for the front matter, the label of a blank page.

Place in the flow: pdf/layout.py numbers the pages it lays out with these;
the PDF's /PageLabels (layout.page_labels_finisher) show the same folios.
"""

from __future__ import annotations


def roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"),
                          (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def blank_label(previous: str) -> str:
    if previous.isdigit():
        return str(int(previous) + 1)
    return roman(from_roman(previous) + 1)


def from_roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total

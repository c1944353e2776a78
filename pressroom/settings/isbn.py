"""book.yaml's ``isbn:``: an ISBN-13, checked where it is written.

Place in the flow: settings/config.py's BOOK schema → **Isbn** (the value,
hyphens and spaces allowed, must be 13 digits with a correct ISBN-13 check
digit; an error names book.yaml and the line) → the print cover's EAN-13
barcode (builders/printing/barcode.py) and the EPUB's identifier list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressroom.settings.schema import Spec, _is_null, _scalar


def check_digit(first12: str) -> int:
    """ISBN-13 / EAN-13 check digit: weights 1, 3, 1, 3, ... mod 10."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def normalise(value: str) -> str | None:
    """The 13 digits of a valid ISBN-13, or None."""
    digits = re.sub(r"[\s-]", "", str(value))
    if not re.fullmatch(r"97[89]\d{10}", digits):
        return None
    return digits if check_digit(digits[:12]) == int(digits[12]) else None


@dataclass
class Isbn(Spec):
    nullable: bool = True

    def describe(self):
        return "an ISBN-13 (e.g. 978-0-306-40615-7)"

    def check(self, node, path, where):
        if _is_null(node):
            return None
        value = str(_scalar(node, path, where, self))
        digits = normalise(value)
        if digits is None:
            raw = re.sub(r"[\s-]", "", value)
            why = (f"check digit should be {check_digit(raw[:12])}"
                   if re.fullmatch(r"97[89]\d{10}", raw) else "13 digits starting 978 or 979")
            self.fail(node, path, where,
                      f"is not a valid ISBN-13 ({value!r}: {why}); "
                      "copy it from the ISBN agency's record")
        return digits

"""Is this paragraph an image caption? One predicate for the plain-text
reader (which must not join a caption to the text around it) and the
``image-caption`` transform (which drops it): the images are not reproduced.
"""

from __future__ import annotations

import difflib
import re

CREDIT = re.compile(r"\s/\s*(Image|Photo|Picture|Illustration|Credit|Source)s?\s*:", re.I)


def _alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def is_caption(text: str) -> bool:
    if len(text) > 400:
        return False
    if CREDIT.search(text):
        return True
    # "Caption CreditCaption / Credit": the same caption twice around a credit.
    head, sep, credit = text.rpartition(" / ")
    if not sep or len(credit.split()) > 5:
        return False
    flat, cred = _alnum(head), _alnum(credit)
    k = flat.rfind(cred) if cred else -1
    if k <= 0:
        return False
    first, second = flat[:k], flat[k + len(cred):]
    return len(second) >= 8 and difflib.SequenceMatcher(None, first, second).ratio() > 0.6

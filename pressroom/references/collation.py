"""Collation: THE order and page style of every sorted list the book prints.

One sort key for the glossary, the index and every edition that shows them
(PDF, EPUB, packets): **word by word**. Comparison stops at the end of a
word, so "Morris, W." < "Morris dance" < "Morrison"; case, diacritics and
punctuation are ignored when comparing words ("Émigré" files under E), and
the part of a heading before its first comma sorts first (inverted names).
A hyphen, dash or apostrophe separates words as a space does, the British
practice: "social-chauvinism" < "social fascism" < "social patriotism".
(Chicago 16.60 would ignore the hyphen instead and file "social-chauvinism"
last.) Builders never sort these lists again: they print the models' order.

Also here: the letter group of a heading and the index's page ranges.
"""

from __future__ import annotations

import re
import unicodedata


def plain(text: str) -> str:
    """Case and diacritics folded away: 'Émigré' -> 'emigre'."""
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


_WORD = re.compile(r"[^\W_]+")


_PAREN = re.compile(r"\s*\(([^()]*)\)")


def sort_key(heading: str) -> tuple:
    """Word-by-word order (CMOS 16.61), ignoring case, diacritics and
    punctuation. The part before the first comma sorts first ("Morris, W."
    < "Morris dance"), and a parenthetical qualifier sorts after the bare
    words it qualifies ("Bombay (Mumbai)" < "Bombay Presidency",
    "Prussia (kingdom)" < "Prussia 1701 to 1918")."""
    quals = " ".join(_PAREN.findall(heading))
    bare = _PAREN.sub(" ", heading)
    head, _, rest = bare.partition(",")
    return (tuple(_WORD.findall(plain(head))), tuple(_WORD.findall(plain(quals))),
            tuple(_WORD.findall(plain(rest))), heading)


def letter_of(heading: str) -> str:
    """The letter group: the first letter, folded ('Émigré' -> 'E'); '#'
    for headings that start with a digit."""
    words = _WORD.findall(plain(heading))
    first = words[0][0] if words else "#"
    return first.upper() if first.isalpha() else "#"


def format_pages(pages: list[int]) -> str:
    """Page numbers as an index prints them: sorted, duplicates merged,
    runs of consecutive pages as Chicago abbreviated ranges with an en dash
    (3–4, 71–72, 100–104, 101–8, 112–15, 1496–504)."""
    nums = sorted(set(int(p) for p in pages))
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}\u2013{abbreviate_range(a, b)}"
                     for a, b in runs)


def abbreviate_range(a: int, b: int) -> str:
    """The second number of the range a–b, Chicago style (CMOS 9.64)."""
    sa, sb = str(a), str(b)
    if a < 100 or a % 100 == 0 or len(sa) != len(sb):
        return sb
    i = 0
    while sa[i] == sb[i]:
        i += 1
    changed = sb[i:]
    if a % 100 < 10:                      # 101–8, 808–33, 1103–4
        return changed
    return changed if len(changed) >= 2 else sb[-2:]   # 321–28, 1087–89

"""Plain text: headings written on more than one line, and short lines
that only look like headings.

``merge_labels``: a heading's number on a line of its own ("CHAPTER I.",
"I", "216.") followed by its title ("GRETCHEN'S VIOLIN.") is one heading,
"CHAPTER I: GRETCHEN'S VIOLIN"; an alternative title ("OR, The
contemplative Mans RECREATION.") joins the heading above it; a two-line
title set apart by section gaps is one heading. ``demote`` undoes a
heading that is followed by nothing of its own (the next line is another
heading's number, a note, or the end): in letters and prefaces those are
signatures ("BEETHOVEN.", "THE G----S."). Lines set far to the right are
signatures and dates, never headings.
"""

from __future__ import annotations

import re

from pressroom.readers import textlines as T

ALTERNATIVE = re.compile(r"^or,?\s+\S", re.I)
RIGHT = 30                       # leading spaces of a right-aligned line


def merge_labels(units: list[dict], width: int | None = None) -> list[dict]:
    out: list[dict] = []
    i = 0
    while i < len(units):
        u = units[i]
        nxt = units[i + 1] if i + 1 < len(units) else None
        if _single(u, width) and T.LABEL.match(u["text"]) and nxt is not None and _short(nxt, width) \
                and nxt["blanks"] <= 3 and _title_like(nxt["text"]):
            label = u["text"].rstrip(".: ")
            out.append(dict(u, text=f"{label}: {nxt['text']}", forced=True,
                            merged=[u["text"], nxt["text"]]))
            i += 2
            continue
        if out and out[-1].get("forced") and _single(u, width) and ALTERNATIVE.match(u["text"]):
            out[-1]["text"] += " " + u["text"]
            i += 1
            continue
        if _single(u, width) and not T.ends_sentence(u["text"].rstrip(".")) \
                and T.looks_like_heading(u["text"].rstrip("."), True) \
                and nxt is not None and _single(nxt, width) and ALTERNATIVE.match(nxt["text"]):
            out.append(dict(u, text=f"{u['text']} {nxt['text']}", forced=True))
            i += 2
            continue
        if u["kind"] == "para" and u.get("lines") == 2 and u["blanks"] >= 2 \
                and (nxt is None or nxt["blanks"] >= 2) and len(u["text"].split()) <= 16 \
                and re.search(r"\b[A-Z]{3,}\.?$", u["text"]):
            out.append(dict(u, forced=True))
            i += 1
            continue
        if u["kind"] == "para" and 2 <= (u.get("lines") or 0) <= 3 and u["blanks"] >= 2 \
                and T.HEADING_WORD.match(u["text"]) and u["text"].isupper() \
                and len(u["text"].split()) <= 30:
            # "CHAPTER IV -- WHY THE KINGDOM OF DARIUS ... DID NOT / REBEL ...": wrapped.
            out.append(dict(u, forced=True))
            i += 1
            continue
        out.append(u)
        i += 1
    return out


def _single(u: dict, width: int | None = None) -> bool:
    return u["kind"] == "para" and bool(u.get("single")) and not right_aligned(u, width)


def _short(u: dict, width: int | None = None) -> bool:
    """One line, or a title wrapped over two or three lines."""
    return _single(u, width) or (u["kind"] == "para" and (u.get("lines") or 9) <= 3
                          and u["text"].isupper() and len(u["text"].split()) <= 25)


def _title_like(text: str) -> bool:
    bare = re.sub(r"\[\d+\]$", "", text).rstrip()
    if len(bare) > 120 or not bare:
        return False
    return bare.isupper() or T.title_case_ratio(bare) >= 0.6


def demote(units: list[dict]) -> None:
    """Right to left: a heading with nothing of its own under it is a
    signature line."""
    for i in range(len(units) - 1, -1, -1):
        u = units[i]
        if u["kind"] != "heading" or u.get("forced"):
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        prev = units[i - 1] if i else None
        closing = prev is not None and prev["kind"] == "para" \
            and re.search(r",(--)?$", prev.get("text", ""))
        if nxt is None or nxt["kind"] == "note-def" or nxt.get("forced") \
                or nxt.get("signature") or closing \
                or (nxt["kind"] in ("para", "heading") and T.LABEL.match(nxt.get("text", ""))):
            u["kind"], u["signature"] = "para", True


def right_aligned(u: dict, width: int | None = None) -> bool:
    """Set far to the right and ending near the right margin: a signature
    or a date. A line as far in but centred ("PREFACE.", "CHAPTER I.") is
    not (its right margin is about as wide as its left)."""
    raw = u.get("raw", "")
    lead = len(raw) - len(raw.lstrip())
    if lead < RIGHT:
        return False
    end = len(raw.rstrip())
    return max(width or 72, end) - end < lead / 2

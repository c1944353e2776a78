"""Text runs: rewrite the words of a tree as plain strings, in context.

Typography, corrections and white-space rules need to see text across
Pandoc's Str/Space boundaries ("Ilyin Zhenevsky", "word - word") and know
the character just before and after (is this '"' opening or closing?).
``map_runs`` hands each maximal run of Str/Space/SoftBreak to a function
as one string, with its neighbouring characters, and splits the result
back into Str and Space. Code, Math and raw nodes are never touched.
"""

from __future__ import annotations

import re
from typing import Callable

from pressroom.doctree import pandoc as P

RUN = ("Str", "Space", "SoftBreak")
# Nodes whose content (at this index of "c", or "c" itself) is a list of inlines.
INLINE_LISTS = {"Para": None, "Plain": None, "Emph": None, "Strong": None,
                "Underline": None, "Strikeout": None, "SmallCaps": None,
                "Superscript": None, "Subscript": None, "Header": 2, "Span": 1,
                "Link": 1, "Quoted": 1, "Cite": 1}

Fn = Callable[[str, str, str], str]


def _edge(node: P.Node, last: bool) -> str:
    text = P.stringify(node)
    if not text:
        return " " if node["t"] != "Note" else ""
    return text[-1] if last else text[0]


def map_inlines(inlines: list[P.Node], fn: Fn, start: str = "", end: str = "") -> list[P.Node]:
    out: list[P.Node] = []
    i = 0
    while i < len(inlines):
        if inlines[i]["t"] not in RUN:
            out.append(inlines[i])
            i += 1
            continue
        j = i
        while j < len(inlines) and inlines[j]["t"] in RUN:
            j += 1
        text = "".join(n["c"] if n["t"] == "Str" else " " for n in inlines[i:j])
        before = _edge(inlines[i - 1], True) if i else start
        after = _edge(inlines[j], False) if j < len(inlines) else end
        new = fn(text, before, after)
        out.extend(split(new) if new != text else inlines[i:j])
        i = j
    return out


def split(text: str) -> list[P.Node]:
    out: list[P.Node] = []
    for piece in re.split(r"( +)", text):
        if not piece:
            continue
        out.append({"t": "Space"} if piece.startswith(" ") else {"t": "Str", "c": piece})
    return out


def map_runs(doc: P.Node, fn: Fn) -> P.Node:
    """Apply fn to every text run of the document (notes included)."""
    def visit(node):
        t = node["t"]
        if t in INLINE_LISTS:
            idx = INLINE_LISTS[t]
            c = node["c"]
            if idx is None:
                return {"t": t, "c": map_inlines(c, fn)}
            c = list(c)
            c[idx] = map_inlines(c[idx], fn)
            return {"t": t, "c": c}
        if t == "LineBlock":
            return {"t": t, "c": [map_inlines(line, fn) for line in node["c"]]}
        return None
    return P.walk(doc, visit)



"""Headings: one way of writing a heading, at the right level.

``heading-numerals``: a section numeral written as LaTeX math
(``$\\mathbf{V}$``) or with a Greek capital that looks like a Latin one
(Ι for I) becomes a plain roman numeral; a paragraph that is only a roman
numeral becomes a heading at the level of its sibling numerals; bold
inside a heading is dropped (the heading is already set bold).
``heading-levels``: the levels used are closed up so the text's top
level is 2 (level 1 is the chapter), and numbered siblings share a level.
"""

from __future__ import annotations

import re
from collections import Counter

from pressroom.doctree import pandoc as P

GREEK_LATIN = str.maketrans({"Ι": "I", "Χ": "X", "Μ": "M", "Ϲ": "C"})
ROMAN = re.compile(r"^[IVXLCM]+\.?$")
MATH_NUMERAL = re.compile(r"^\\math(?:bf|rm|it)?\{([IVXLCM0-9]+)\}$|^([IVXLCM0-9]+)$")


def _plain(inl: list[P.Node]) -> list[P.Node]:
    out = []
    for n in inl:
        if n["t"] in ("Strong", "Emph") and all(m["t"] in ("Str", "Space") for m in n["c"]):
            out.extend(n["c"])
        elif n["t"] == "Math":
            m = MATH_NUMERAL.match(n["c"][1].strip())
            out.append({"t": "Str", "c": (m.group(1) or m.group(2)) if m else n["c"][1]})
        else:
            out.append(n)
    return out


def heading_numerals(doc: P.Node, ctx) -> P.Node:
    blocks = doc["blocks"]
    levels = Counter()
    for b in blocks:
        if b["t"] == "Header":
            b["c"][2] = _plain(b["c"][2])
            text = P.stringify(b["c"][2]).translate(GREEK_LATIN)
            if ROMAN.match(text):
                levels[b["c"][0]] += 1
    numeral_level = levels.most_common(1)[0][0] if levels else 2
    out = []
    for b in blocks:
        if b["t"] == "Header":
            text = P.stringify(b["c"][2])
            fixed = text.translate(GREEK_LATIN)
            if ROMAN.match(fixed):
                b = P.Header(numeral_level, P.inlines(fixed), *b["c"][1][:2])
        elif b["t"] in ("Para", "Plain"):
            text = P.stringify(b)
            fixed = text.translate(GREEK_LATIN)
            if len(text) <= 6 and ROMAN.match(fixed) and (levels or fixed != text):
                b = P.Header(numeral_level, P.inlines(fixed))
        out.append(b)
    return {**doc, "blocks": out}


def heading_levels(doc: P.Node, ctx) -> P.Node:
    used = sorted({b["c"][0] for b in P.iter_nodes(doc["blocks"]) if b["t"] == "Header"})
    remap = {lvl: min(i + 2, 6) for i, lvl in enumerate(used)}
    if all(k == v for k, v in remap.items()):
        return doc

    def visit(node):
        if node["t"] == "Header":
            c = list(node["c"])
            c[0] = remap[c[0]]
            return {"t": "Header", "c": c}
    return P.walk(doc, visit)


heading_numerals.rule = "heading-numerals"
heading_levels.rule = "heading-levels"

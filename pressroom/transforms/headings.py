"""Headings: one way of writing a heading, at the right level.

``heading-numerals``: a section numeral written as LaTeX math
(``$\\mathbf{V}$``) or with a Greek capital that looks like a Latin one
(Ι for I) becomes a plain roman numeral; a paragraph that is only a roman
numeral becomes a heading at the level of its sibling numerals; bold
inside a heading is dropped (the heading is already set bold).
``heading-levels``: the levels used are closed up so the text's top
level is 2 (level 1 is the chapter), and numbered siblings share a level;
a section that comes before the text's first top-level heading is a top
section itself (a Markdown "## Introduction" before "# Chapter One").
``heading-case``: an ALL-CAPS heading is set in title case, like the rest:
the book's headings are set one way, and title case (not small caps) keeps
the capitals of names, which lowercasing for small caps would lose; a
full stop closing an ALL-CAPS heading goes with it.
"""

from __future__ import annotations

import re
from collections import Counter

from pressroom.doctree import pandoc as P
from pressroom.readers.textlines import MINOR
from pressroom.readers.textlines import LABEL

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


def _lead_sections(blocks: list) -> None:
    """Headings before the first top-level one move up to the top level
    (with their own subsections)."""
    heads = [b for b in blocks if b["t"] == "Header"]
    if not heads:
        return
    top = min(h["c"][0] for h in heads)
    lead = []
    for h in heads:
        if h["c"][0] == top:
            break
        lead.append(h)
    if not lead or len(lead) == len(heads):
        return
    shift = min(h["c"][0] for h in lead) - top
    for h in lead:
        h["c"][0] -= shift


def heading_levels(doc: P.Node, ctx) -> P.Node:
    _lead_sections(doc["blocks"])
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


ROMAN_WORD = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.,:;]?$")


def title_case(text: str) -> str:
    """An ALL-CAPS heading in title case: minor words lower, roman
    numerals and initials kept ("CHAPTER IV. THE U.S. MAIL" ->
    "Chapter IV. The U.S. Mail")."""
    out = []
    words = text.split(" ")
    for i, w in enumerate(words):
        core = w.strip("“”‘’\"'()[],.:;!?—–-")
        if not core:
            out.append(w)
            continue
        if ROMAN_WORD.match(core) and (len(core) > 1 or i > 0 and words[i - 1].upper() in
                                       ("CHAPTER", "PART", "BOOK", "LETTER", "SECTION")):
            out.append(w)
            continue
        if re.fullmatch(r"([A-Z]\.)+[A-Z]?\.?", core):
            out.append(w)
            continue
        low = w.lower()
        if i and core.lower() in MINOR and not out[-1].endswith((":", ".", "—")):
            out.append(low)
            continue
        out.append("-".join(_cap(part) for part in low.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    for k, ch in enumerate(part):
        if ch.isalpha():
            return part[:k] + ch.upper() + part[k + 1:]
    return part


def _caps(inl: list) -> bool:
    letters = [ch for ch in P.stringify(inl) if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def heading_case(doc: P.Node, ctx) -> P.Node:
    """A bare number label ("CHAPTER I", "PART II") is left as written:
    it carries no words to set."""

    def visit(node):
        if node["t"] != "Header" or not _caps(node["c"][2]) \
                or LABEL.match(P.stringify(node["c"][2]).strip()):
            return None
        c = list(node["c"])
        c[2] = _case_inlines(c[2])
        return {"t": "Header", "c": c}
    return P.walk(doc, visit)


def _case_inlines(inl: list) -> list:
    """Title-case the Str words of a heading, keeping its notes and
    emphasis; drop the full stop that closes it."""
    strs = [n for n in P.iter_nodes(inl) if n["t"] == "Str"]
    words = " ".join(n["c"] for n in strs).split(" ")
    cased = title_case(" ".join(words)).split(" ")
    if cased and cased[-1].endswith(".") and not re.search(r"\b\w\.$", cased[-1]):
        cased[-1] = cased[-1][:-1]
    for n, w in zip(strs, cased):
        n["c"] = w
    return inl


heading_case.rule = "heading-case"


BYLINE = re.compile(r"^\s*by\s+\S", re.I)


def heading_lines(doc: P.Node, ctx) -> P.Node:
    """A heading set on several lines (<br/>) is one line: its number and
    its title joined by a colon ("CHAPTER I: DICKENS AS A MUSICIAN"); a
    byline inside it ("By ROSA NOUCHETTE CAREY, Author of …") leaves the
    heading and follows it as a paragraph of class byline."""
    def visit(node):
        if node["t"] != "Header" or not any(n["t"] == "LineBreak" for n in node["c"][2]):
            return None
        parts: list[list] = [[]]
        for n in node["c"][2]:
            if n["t"] == "LineBreak":
                parts.append([])
            elif n["t"] == "SoftBreak":
                parts[-1].append({"t": "Space"})
            else:
                parts[-1].append(n)
        parts = [_trim(p) for p in parts if P.stringify(p).strip()]
        by = next((i for i, p in enumerate(parts) if i and BYLINE.match(P.stringify(p))), None)
        byline = parts[by:] if by is not None else []
        parts = parts[:by] if by is not None else parts
        inl: list = []
        for i, p in enumerate(parts):
            if i:
                last = inl[-1] if inl and inl[-1]["t"] == "Str" else None
                if last is not None:
                    last["c"] = last["c"].rstrip(".:") + ":"
                inl.append({"t": "Space"})
            inl.extend(p)
        c = list(node["c"])
        c[2] = inl
        header = {"t": "Header", "c": c}
        if not byline:
            return header
        body = []
        for i, p in enumerate(byline):
            body.extend(([{"t": "Space"}] if i else []) + p)
        return [header, P.Div([P.Para(body)], classes=["byline"])]
    return P.walk(doc, visit)


def _trim(inl: list) -> list:
    while inl and inl[0]["t"] in ("Space", "SoftBreak"):
        inl = inl[1:]
    while inl and inl[-1]["t"] in ("Space", "SoftBreak"):
        inl = inl[:-1]
    return inl


heading_lines.rule = "heading-lines"

"""White-space clean-up, each a named rule, before the corrections.

``nbsp``: no-break spaces (residue of stripped italics in the scrapes)
become plain spaces. ``split-possessive``: "Darwin’ s" becomes
"Darwin’s". ``colon-space``: "wrote:"The" gets its space back.
``note-space``: a note's call follows its word, as in print ("operatives¹."),
where a source set it apart ("operatives <sup>1</sup>.", "word [^1]"). Runs
of spaces collapse as a side effect of rebuilding the text runs.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.transforms.textruns import map_runs


def nbsp(doc: P.Node, ctx) -> P.Node:
    def fn(s, before, after):
        return s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return map_runs(doc, fn)


def split_possessive(doc: P.Node, ctx) -> P.Node:
    return map_runs(doc, lambda s, b, a: re.sub(r"(?<=\w)([’']) s\b", r"\1s", s))


def colon_space(doc: P.Node, ctx) -> P.Node:
    return map_runs(doc, lambda s, b, a: re.sub(r"(?<=[a-z]):(?=[\"“][A-Z])", ": ", s))


_SPACES = ("Space", "SoftBreak")
_INLINES_AT = {t: 0 for t in ("Para", "Plain", "Emph", "Strong", "Underline", "Strikeout",
                              "SmallCaps", "Superscript", "Subscript")}
_INLINES_AT.update(Span=1, Link=1, Quoted=1)       # c[1]: after the attributes or quote type


def note_space(doc: P.Node, ctx) -> P.Node:
    def hug(inlines: list) -> list:
        """``inlines`` without a space just before a note (the same list if
        there is none: the walk shares what it does not change)."""
        drop = {i for i, n in enumerate(inlines[:-1])
                if n["t"] in _SPACES and inlines[i + 1]["t"] == "Note"}
        return [n for i, n in enumerate(inlines) if i not in drop] if drop else inlines

    def fn(node):
        t, c = node["t"], node.get("c")
        if t == "LineBlock":
            lines = [hug(line) for line in c]
            return None if all(a is b for a, b in zip(lines, c)) else {"t": t, "c": lines}
        if t not in _INLINES_AT:
            return None
        at = _INLINES_AT[t]
        before = c if at == 0 else c[at]
        inlines = hug(before)
        if inlines is before:
            return None
        return {"t": t, "c": inlines if at == 0 else [*c[:at], inlines, *c[at + 1:]]}
    return P.walk(doc, fn)


nbsp.rule = "nbsp"
split_possessive.rule = "split-possessive"
colon_space.rule = "colon-space"
note_space.rule = "note-space"

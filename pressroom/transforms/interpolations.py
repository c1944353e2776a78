"""Editorial interpolations: "[ed: …]" and "(ed: …)" become notes.

A republisher's remark in the running text ("exiled to Siberia [ed: it was
actually Alma Ata]") interrupts the author's sentence; it becomes a note at
that point, its words unchanged apart from the brackets, which the ledger
counts under ``editor-interpolation``. It is the source's editor speaking,
not ours, so it carries no editor span.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P

OPEN = re.compile(r"^([\[(])(ed|editor|ed\.|eds?\. note|editor's note)\s*[:.]", re.I)
CLOSE = {"[": "]", "(": ")"}


def _fix(inl: list[P.Node]) -> list[P.Node] | None:
    for i, n in enumerate(inl):
        if n["t"] != "Str":
            continue
        m = OPEN.match(n["c"])
        if not m:
            continue
        close = CLOSE[m.group(1)]
        for j in range(i, len(inl)):
            s = inl[j]
            if s["t"] == "Str" and re.search(re.escape(close) + r"[.,;:!?]*$", s["c"]):
                inner = [dict(x) for x in inl[i:j + 1]]
                inner[0] = {"t": "Str", "c": inner[0]["c"][1:]}
                tail = re.search(re.escape(close) + r"([.,;:!?]*)$", inner[-1]["c"])
                inner[-1] = {"t": "Str", "c": inner[-1]["c"][:tail.start()]}
                inner = [x for x in inner if x["t"] != "Str" or x["c"]]
                if inner and inner[0]["t"] == "Str":      # "ed:" -> "Ed.:"
                    inner[0] = {"t": "Str", "c": inner[0]["c"][:1].upper() + inner[0]["c"][1:]}
                before = inl[:i]
                while before and before[-1]["t"] == "Space":
                    before = before[:-1]
                after = ([{"t": "Str", "c": tail.group(1)}] if tail.group(1) else []) + inl[j + 1:]
                note = {"t": "Note", "c": [P.Para(inner)]}
                rest = _fix(after)
                return before + [note] + (rest if rest is not None else after)
        return None
    return None


def editor_interpolations(doc: P.Node, ctx) -> P.Node:
    def visit(node):
        if node["t"] == "Para":
            new = _fix(node["c"])
            if new is not None:
                ctx.report.fix("editor-interpolation")
                return P.Para(new)
        return None
    return P.walk(doc, visit)


editor_interpolations.rule = "editor-interpolation"

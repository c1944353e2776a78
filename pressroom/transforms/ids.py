"""Stable, unique ids for every heading: ``<chapter>-<slug>``.

Pandoc's automatic identifiers collide across chapters ("Introduction",
"The October Revolution" occur in several texts), so ids are assigned here,
explicitly, from the chapter id and the heading text.
"""

from __future__ import annotations

from pressroom.doctree import pandoc as P


def assign_ids(doc: P.Node, ctx) -> P.Node:
    prefix = ctx.source.id
    used: set[str] = {prefix}

    def fix(node):
        if node["t"] != "Header":
            return None
        level, (ident, classes, kv), content = node["c"]
        base = f"{prefix}-{P.slugify(P.stringify(content))}"[:80].rstrip("-")
        new, n = base, 2
        while new in used:
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        return {"t": "Header", "c": [level, [new, classes, kv], content]}

    return P.walk(doc, fix)

"""Editorial corrections: the sidecar's ``corrections:`` list, as data.

Each entry is ``find`` / ``replace`` / ``reason`` and, when a find
legitimately occurs more than once, ``count``. Finds are matched in the
text runs after white-space clean-up and before typography, so they are
written as in the source (straight quotes, NBSP as a space). A correction
that matches nothing, or a different number of times than its count (1 by
default), stops the build naming it: a silent no-op would hide a typo that
was never fixed.
"""

from __future__ import annotations

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.transforms.textruns import map_runs


def _line(ctx, index: int) -> int | None:
    """The sidecar line of corrections[index], for the error message."""
    lines = getattr(ctx.source, "correction_lines", None) or []
    return lines[index] if index < len(lines) else None


def apply_corrections(doc: P.Node, ctx) -> P.Node:
    entries = ctx.source.corrections or []
    for k, entry in enumerate(entries):
        find, repl = entry["find"], entry["replace"]
        hits = [0]

        def fn(s, before, after, find=find, repl=repl, hits=hits):
            n = s.count(find)
            if n:
                hits[0] += n
                return s.replace(find, repl)
            return s
        new = map_runs(doc, fn)
        want = entry.get("count", 1)
        if hits[0] != want:
            what = "matches nothing" if not hits[0] else \
                f"matches {hits[0]} times, expected {want} (set count: to allow it)"
            raise UserError(f"correction '{find}' → '{repl}' {what}",
                            ctx.source.sidecar_path, _line(ctx, k))
        doc = new
    return doc


apply_corrections.rule = "corrections"

"""White-space clean-up, each a named rule, before the corrections.

``nbsp``: no-break spaces (residue of stripped italics in the scrapes)
become plain spaces. ``split-possessive``: "Darwin’ s" becomes
"Darwin’s". ``colon-space``: "wrote:"The" gets its space back. Runs of
spaces collapse as a side effect of rebuilding the text runs.
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


nbsp.rule = "nbsp"
split_possessive.rule = "split-possessive"
colon_space.rule = "colon-space"

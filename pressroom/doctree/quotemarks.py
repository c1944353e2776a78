"""Quotation marks in a language's own style (« » in French, „ “ in German).

Place in the flow: templates/labels/<language>.yaml (``quotes:``) →
settings/labels.quote_style → **QuoteStyle** → the ``quotes`` transform
(transforms/typography.py) and the string rules (doctree/typography.py).

The house rule reads the sources' marks in the convention most of them
are written in: straight marks, or the English curly ones, double marks
for a quotation and single marks for one inside it. For a style that *is*
that convention (English) nothing but the straight marks needs deciding,
and ``quotes_text`` keeps its own rule. For any other style every mark is
decided again here: whether it opens or closes from its neighbours, as
the English rule does, and whether it is the outer or the inner level
from the marks still open in the same run of text (a double mark inside
an open quotation is the inner level, as in « … “ … ” … »). Marks that
only ever open („ ‚ « ‹) or close (» ›) keep their direction, so a text
already in the style comes out unchanged. An apostrophe (l'homme, it's)
is always ’.
"""

from __future__ import annotations

import re

from pressroom.settings.labels import QuoteStyle

DOUBLE = "\"“”„«»"
SINGLE = "'‘’‚‹›"
ALWAYS_OPEN = "„‚«‹"
ALWAYS_CLOSE = "»›"
APOSTROPHE = "’"
# What may stand before an opening mark (besides white space).
OPENING_CONTEXT = set("([{<—–‒-/:;") | set(ALWAYS_OPEN) | {"", "“", "‘", "\"", "'"}
ELISIONS = re.compile(r"^(\d\d(s|\b)|em\b|tis\b|twas\b|n['’]\s)", re.I)
INNER_SPACE = " \u00a0\u202f"     # white space a style's own spacing replaces


def localise(s: str, before: str, after: str, style: QuoteStyle) -> str:
    """Every quotation mark of ``s`` in ``style``; ``before`` and ``after``
    are the characters around the run (see transforms/textruns.py)."""
    out: list[str] = []
    open_levels: list[tuple[str, str]] = []     # (level, kind) of marks open in this run
    prev_role = None                             # "open" | "close" after a decided mark
    i = 0
    while i < len(s):
        ch = s[i]
        if ch not in DOUBLE and ch not in SINGLE:
            out.append(ch)
            prev_role = None
            i += 1
            continue
        prev = s[i - 1] if i else before
        nxt = s[i + 1] if i + 1 < len(s) else after
        role = _role(ch, prev, prev_role, nxt, s[i + 1:i + 5] or after)
        if role == "apostrophe":
            out.append(APOSTROPHE)
        elif role == "open":
            level = _open_level(ch, open_levels, style)
            open_levels.append((level, "single" if ch in SINGLE else "double"))
            out.append(_mark(style, level, 0))
            if level == "outer" and style.space:
                out.append(style.space)
                while i + 1 < len(s) and s[i + 1] in INNER_SPACE:
                    i += 1
        else:
            level = _close_level(ch, open_levels)
            if level == "outer" and style.space:
                while out and out[-1] in INNER_SPACE:
                    out.pop()
                out.append(style.space)
            out.append(_mark(style, level, 1))
        prev_role = "close" if role == "apostrophe" else role
        i += 1
    return "".join(out)


def _role(ch: str, prev: str, prev_role: str | None, nxt: str, rest: str) -> str:
    """"open", "close" or "apostrophe", from the mark and its neighbours."""
    if ch in ALWAYS_OPEN:
        return "open"
    if ch in ALWAYS_CLOSE:
        return "close"
    if ch in SINGLE and prev.isalnum() and nxt.isalnum():
        return "apostrophe"                      # l'homme, it's
    after_opening = prev_role == "open" if prev_role else (
        prev in OPENING_CONTEXT or prev.isspace())
    if after_opening and not (nxt == "" or nxt.isspace()):
        if ch in SINGLE and ELISIONS.match(rest):
            return "apostrophe"                  # '30s, 'em
        return "open"
    return "close"


def _open_level(ch: str, open_levels: list[tuple[str, str]], style: QuoteStyle) -> str:
    if ch in SINGLE or open_levels:
        return "inner"
    if ch == style.inner[0] and ch != style.outer[0] and ch in ALWAYS_OPEN:
        return "inner"                           # Russian „ opened outside this run
    return "outer"


def _close_level(ch: str, open_levels: list[tuple[str, str]]) -> str:
    """The level a closing mark ends ("outer", "inner"), or "apostrophe"
    for a single mark that closes no quotation open in this run (the
    workers' hall)."""
    kind = "single" if ch in SINGLE else "double"
    if ch in ALWAYS_CLOSE:
        kind = "single" if ch == "›" else "double"
    if open_levels and open_levels[-1] == ("inner", kind):
        open_levels.pop()
        return "inner"
    if kind == "single":
        return "apostrophe"
    while open_levels and open_levels[-1][0] == "inner":
        open_levels.pop()                        # an inner quote left open: closed with it
    if open_levels:
        open_levels.pop()
    return "outer"


def _mark(style: QuoteStyle, level: str, side: int) -> str:
    if level == "apostrophe":
        return APOSTROPHE
    return (style.outer if level == "outer" else style.inner)[side]

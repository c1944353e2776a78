"""The house style's typography as rules over plain strings.

The rules themselves (why the spaced en dash, how quotes are decided) are
described where they run over the tree, transforms/typography.py. They live
here, below the transforms, because the glossary and index models and the
chapter titles need the same rules on strings from their YAML.
"""

from __future__ import annotations

import re

from pressroom.doctree.quotemarks import QuoteStyle, localise

OPENERS = set(" \t([{<—–‒-/:;“‘\"'") | {""}
ELISIONS = re.compile(r"^(\d\d(s|\b)|em\b|tis\b|twas\b|n['’]\s)", re.I)


def quotes_text(s: str, before: str = "", after: str = "",
                style: QuoteStyle | None = None) -> str:
    """Curly quotes, in ``style`` (doctree/quotemarks.py; none: the
    English marks the sources are read in)."""
    if style is not None and not style.is_source_convention:
        return localise(s, before, after, style)
    out = []
    for i, ch in enumerate(s):
        if ch not in "\"'":
            out.append(ch)
            continue
        prev = out[-1] if out else before
        nxt = s[i + 1] if i + 1 < len(s) else after
        nxt_space = nxt == "" or nxt.isspace()
        if ch == '"':
            opening = (prev in OPENERS or prev.isspace()) and not nxt_space
            out.append("“" if opening else "”")
            continue
        if prev.isalnum() and nxt.isalnum():
            out.append("’")                        # it's, people's
        elif (prev in OPENERS or prev.isspace()) and not nxt_space:
            rest = s[i + 1:i + 5] or after
            out.append("’" if ELISIONS.match(rest) else "‘")   # '30s, 'em
        else:
            out.append("’")
    return "".join(out)


DASH_SPACED = re.compile(r" +(?:--|[-–—‒]) +")
DASH_GLUED = re.compile(r"(?<=[\w”’\"'.,:;!?)…])(?:—|--|‒)(?=[\w“‘\"'(])")
DASH_TRAIL = re.compile(r" +[-—‒] *$")
DASH_LEAD = re.compile(r"^(?:---?|[-—‒–]) ?(?=[A-Z“‘\"'])")
RANGE = re.compile(r"(?<=\d)[-‒](?=\d)")
EM_SIDE = re.compile(r"(?<=\S)— +|(?<= )—(?=\S)")


def dashes_text(s: str, before: str = "", after: str = "") -> str:
    s = DASH_SPACED.sub(" – ", s)
    s = DASH_GLUED.sub(" – ", s)
    s = EM_SIDE.sub(" – ", s)
    s = re.sub(r"(?<=[^\s\d])–(?= )", " –", s)     # armies…– this
    s = re.sub(r"(?<=\S )–(?=[^\s\d])", "– ", s)
    s = RANGE.sub("–", s)
    if not after:
        s = DASH_TRAIL.sub(" –", s)
    if before == "":
        s = DASH_LEAD.sub("– ", s)                 # attribution: "–Darwin"
    s = re.sub(r"  +", " ", s)
    # Next to a quotation mark the dash closes up on the quote's side:
    # "--and then" -> "–and then", "but--" -> "but –" with the quote after it.
    s = QUOTE_DASH_OPEN.sub(r"\1\2–", s)
    return QUOTE_DASH_CLOSE.sub(r" –\1", s)


QUOTE_DASH_OPEN = re.compile(r"(^|\s)([\"“‘])\s?–\s")
QUOTE_DASH_CLOSE = re.compile(r"\s–\s([\"”’])(?=\s|$|[.,;:!?)\]])")


def ellipses_text(s: str, before: str = "", after: str = "") -> str:
    s = re.sub(r"\. \. \.", "…", s)
    s = s.replace("...", "…")
    s = re.sub(r"(^|\s)([\"“‘']) +…", r"\1\2…", s)  # “ …I was sick
    s = re.sub(r"(?<=\w)…(?=[A-Za-z])", "… ", s)     # production…take
    return s


# A mark that takes a space before it: after a word, a number or a closing
# mark; before white space, a closing mark or the end of the run (never in
# "10:30" or "http://").
SPACED_MARK = re.compile(r"(?<=[\w)\]»”’…])[ \u00a0\u202f]?([;:!?])(?=$|[\s)\]»”’!?])")


def punctuation_spaces_text(s: str, spaces: dict[str, str], after: str = "") -> str:
    """The space ``spaces`` gives each mark before it (French: a narrow
    no-break space before ; ! ?, a no-break space before :)."""
    if not spaces:
        return s
    def space(m: re.Match) -> str:
        mark = m.group(1)
        if mark not in spaces or (m.end() == len(s) and after and not _ends(after)):
            return m.group(0)
        return spaces[mark] + mark
    return SPACED_MARK.sub(space, s)


def _ends(ch: str) -> bool:
    return ch.isspace() or ch in ")]»”’!?"


def smarten_text(s: str, style: QuoteStyle | None = None) -> str:
    return quotes_text(dashes_text(ellipses_text(s)), style=style)

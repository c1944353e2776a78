"""Plain text: a chunk of lines cut into units.

A unit is one paragraph, heading candidate, list item, verse stanza,
indented quotation or attribution line, as a dict the classifier
(textclassify) then labels. Web scrapes put one paragraph on each line;
Project Gutenberg files wrap paragraphs at ~70 columns, and there a chunk
is one paragraph unless it is verse, a list or indented prose.
"""

from __future__ import annotations

import re

from pressroom.readers import textlines as T
from pressroom.readers.textnotes import FOOTNOTE_DEF, SIGN_DEF


ILLUSTRATION = re.compile(r"^\[Illustrations?(:.*)?\]$", re.S)


def units(r, chunks: list[T.Chunk]) -> list[dict]:
    """Every chunk cut into units (r: the reader, for its wrap width)."""
    units: list[dict] = []
    for c in chunks:
        if r.width:
            units.extend(wrapped_units(r, c))
        else:
            units.extend(line_units(r, c))
    return units


def line_units(r, c: T.Chunk) -> list[dict]:
    """One paragraph per line (web scrapes)."""
    lines = [l for l in c.lines]
    if (len(lines) >= 3 and max(len(T.clean(l)) for l in lines) <= 60
            and not any(marker(l) for l in lines)):
        return [dict(kind="verse", lines=[T.clean(l) for l in lines], start=c.start,
                     blanks=c.blanks_before, single=False)]
    out = []
    for j, line in enumerate(lines):
        text = T.clean(line)
        u = dict(kind="para", text=text, start=c.start + j, single=c.single,
                 blanks=c.blanks_before if j == 0 else 0, raw=line)
        prev = out[-1] if out else None
        if prev and prev["kind"] == "para" and is_attribution(text, prev["text"]):
            u["kind"] = "attribution"
        out.append(u)
    return out


def wrapped_units(r, c: T.Chunk) -> list[dict]:
    """A hard-wrapped chunk: a paragraph, unless it is verse or a list."""
    texts = [T.clean(l) for l in c.lines]
    base = dict(start=c.start, blanks=c.blanks_before, single=c.single)
    indented = all(re.match(r"^\s{2,}\S", l) for l in c.lines)
    if SIGN_DEF.match(texts[0]) or ILLUSTRATION.match(" ".join(texts)):
        # A note opened by its sign, or an illustration's caption, wrapped and indented.
        return [dict(base, kind="para", text=T.join_wrapped(texts, r.ctx.report),
                     raw=c.lines[0], lines=len(texts))]
    if indented and len(texts) >= 2 and r.width and not marker(c.lines[0]) \
            and sum(len(t) >= 0.6 * r.width for t in texts[:-1]) >= 0.8 * (len(texts) - 1) \
            and re.search(r"[.!?;:’'\"”)]$", texts[-1]):
        # Indented prose, wrapped like the text around it: a quotation.
        return [dict(base, kind="quote", text=T.join_wrapped(texts, r.ctx.report),
                     raw=c.lines[0], lines=len(texts))]
    if len(texts) >= 2 and not marker(c.lines[0]) and not FOOTNOTE_DEF.match(texts[0]) \
            and (indented or max(map(len, texts)) <= 0.7 * r.width):
        return [dict(base, kind="verse", lines=texts)]
    if marker(c.lines[0]) and any(marker(l) for l in c.lines[1:]):
        items, out = [], []
        for l in c.lines:
            if marker(l) or not items:
                items.append([l])
            else:
                items[-1].append(l)
        for k, it in enumerate(items):
            out.append(dict(base, kind="para", text=" ".join(T.clean(x) for x in it),
                            raw=it[0], start=c.start + k, single=False))
        return out
    return [dict(base, kind="para", text=T.join_wrapped(texts, r.ctx.report), raw=c.lines[0],
                 lines=len(texts))]


def marker(line: str) -> bool:
    return bool(T.ORDERED.match(line) or T.LETTERED.match(line) or T.BULLET.match(line))


def is_attribution(text: str, before: str) -> bool:
    """A short line right under a quotation (no blank line between) names
    its source: "—Quoted in Ibid.", "My Life, 1930", "–Darwin"."""
    if len(text) > 160 or not text:
        return False
    if T.DASH_LEAD.match(text):
        return True
    closes = before.rstrip(" .").endswith(tuple(T.CLOSE_QUOTES) + ("…",)) \
        or re.search(r"[”\"’']\s*\([^)]*\)\.?$", before)
    return bool(closes) and before[:1] in T.OPEN_QUOTES and (
        not T.ends_sentence(text) or text in ("Ibid.", "Ib.", "Idem."))

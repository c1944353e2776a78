"""Block quotations, attributions and epigraphs, recognised in the tree.

A paragraph that is a quotation from end to end ("…" optionally followed
by a parenthetical source) is a block quotation when it is introduced
("He wrote:"), long, or followed by an attribution. A quotation may run
over several paragraphs, each opening with a quote mark (or none) and
only the last one closing. An attribution line ("—Quoted in Ibid.",
"-John Reed, …", or a line the reader found right under a quotation)
becomes the quote's last block, a Div of class ``attribution``. Quotes
with an attribution right under a heading are its epigraph. Nothing here
changes a word: it only moves paragraphs into quotes.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P

OPEN = ("\"", "“")
CLOSE_END = re.compile(r"[\"”’'][.,;]?\s*(\((?:[^()]|\([^()]*\))*\))?\s*[.,;]?$")
DASH_LEAD = re.compile(r"^(?:---?|[—–‒-])\s?[A-Z“\"‘']")
MAX_PARAS = 10


def _text(b: P.Node) -> str:
    return P.stringify(b) if b["t"] in ("Para", "Plain") else ""


def _is_attr_div(b: P.Node) -> bool:
    return b["t"] == "Div" and "attribution" in b["c"][0][1]


def _attribution_para(b: P.Node) -> bool:
    t = _text(b)
    return bool(t) and bool(DASH_LEAD.match(t)) and len(t.split()) <= 25


def _unclosed(t: str) -> bool:
    straight = t.count('"') % 2 == 1
    curly = t.count("“") > t.count("”")
    return straight or curly


def _quote_end(blocks: list[P.Node], i: int) -> int | None:
    """Index of the last paragraph of a quotation starting at i, or None."""
    t = _text(blocks[i])
    if not t.startswith(OPEN):
        return None
    if CLOSE_END.search(t) and not (_unclosed(t) and t.count('"') == 1):
        return i
    if not _unclosed(t):
        return None
    for j in range(i + 1, min(len(blocks), i + MAX_PARAS)):
        tj = _text(blocks[j])
        if blocks[j]["t"] in ("OrderedList", "BulletList", "LineBlock"):
            tj = P.stringify(blocks[j])      # a quoted list may close the quote
        elif not tj:
            return None
        if CLOSE_END.search(tj):
            return j
    return None


def _words(blocks: list[P.Node]) -> int:
    return len(P.words(blocks))


SPEECH = re.compile(r"[,.!?—–-]?[”\"]\s+[a-z][^”\"]*[“\"]")


def _dialogue(group: list[P.Node]) -> bool:
    """A speaker's words broken by narration ("“Merle,” observed Aunt
    Agatha, “we may…”) are dialogue, not a quotation."""
    return any(SPEECH.search(_text(b)) for b in group)


def group_quotes(blocks: list[P.Node], by_length: bool = True) -> list[P.Node]:
    """by_length: a long quoted paragraph is a block quotation even when
    nothing introduces it (web scrapes, which lose their indentation);
    texts that mark their quotations (hard-wrapped plain text indents
    them, HTML and Markdown tag them) never need that guess, and in their
    fiction it would turn dialogue into quotations."""
    out: list[P.Node] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        j = _quote_end(blocks, i) if b["t"] == "Para" else None
        if j is not None:
            group = blocks[i:j + 1]
            nxt = blocks[j + 1] if j + 1 < len(blocks) else None
            attributed = nxt is not None and (_is_attr_div(nxt) or _attribution_para(nxt))
            lead = _text(out[-1]) if out else ""
            if not _dialogue(group) and (attributed or lead.endswith((":", ","))
                                         or (by_length and _words(group) >= 25)):
                out.append(P.BlockQuote(list(group)))
                i = j + 1
                continue
        if _is_attr_div(b) or (_attribution_para(b) and out and out[-1]["t"] == "BlockQuote"):
            div = b if _is_attr_div(b) else P.Div([b], classes=["attribution"])
            if out and out[-1]["t"] == "BlockQuote":
                out[-1] = P.BlockQuote(out[-1]["c"] + [div])
            elif out and out[-1]["t"] == "Para":
                out[-1] = P.BlockQuote([out[-1], div])     # an unmarked quote
            else:
                out.append(div)
            i += 1
            continue
        out.append(b)
        i += 1
    return out


def _epigraphs(blocks: list[P.Node]) -> list[P.Node]:
    out: list[P.Node] = []
    i = 0
    while i < len(blocks):
        out.append(blocks[i])
        if blocks[i]["t"] == "Header":
            j = i + 1
            while j < len(blocks) and blocks[j]["t"] == "BlockQuote" \
                    and _is_attr_div(blocks[j]["c"][-1]) and _words(blocks[j]) <= 80:
                j += 1
            if j > i + 1 and j < len(blocks):
                out.append(P.Div(blocks[i + 1:j], classes=["epigraph"]))
                i = j
                continue
        i += 1
    return out


def _close_title(div: P.Node) -> P.Node:
    """An attribution that opens a quoted title and never closes it
    (—“Three Lectures on Bridges, with no closing mark) gets its close."""
    para = div["c"][1][0] if div["c"][1] else None
    if not para or para["t"] != "Para" or not para["c"] or para["c"][-1]["t"] != "Str":
        return div
    t = P.stringify(para)
    close = "”" if t.count("“") > t.count("”") else '"' if t.count('"') % 2 else ""
    if not close:
        return div
    last = dict(para["c"][-1], c=para["c"][-1]["c"] + close)
    return P.Div([P.Para(para["c"][:-1] + [last])] + div["c"][1][1:], classes=["attribution"])


def _inner_attribution(node):
    """A quote written as one (Markdown "> …"): its last line may be its
    attribution."""
    if node["t"] == "BlockQuote" and len(node["c"]) > 1 and _attribution_para(node["c"][-1]):
        return P.BlockQuote(node["c"][:-1] + [P.Div([node["c"][-1]], classes=["attribution"])])
    return None


def block_quotes(doc: P.Node, ctx) -> P.Node:
    doc = P.walk(doc, _inner_attribution)
    by_length = ctx.source.format == "markdown" or (
        ctx.source.format == "text" and not getattr(ctx, "wrapped", False))
    doc = {**doc, "blocks": group_quotes(doc["blocks"], by_length)}
    doc = P.walk(doc, lambda n: _close_title(n) if _is_attr_div(n) else None)
    return {**doc, "blocks": _epigraphs(doc["blocks"])}


block_quotes.rule = "block-quotes"

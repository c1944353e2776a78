"""Plain text: the classified units as a Pandoc tree.

Headings, paragraphs, verse (stanzas of one poem merged, a quoted stanza
set as a quotation), list items merged into lists, note texts, and the
sidecar's unmarked quotations and line blocks (``structure: quotes:`` and
``verse:`` line ranges) wrapped round the units they cover.
"""

from __future__ import annotations

from pressroom.doctree import pandoc as P
from pressroom.readers import textlines as T
from pressroom.readers.textnotes import note_block


def blocks(r, units: list[dict]) -> list[P.Node]:
    items: list[list] = []           # [node, quote range, verse range]
    for u in units:
        verse = T.in_ranges(u["start"], r.verse_ranges)
        quote = T.in_ranges(u["start"], r.quote_ranges)
        if verse and u["kind"] in ("para", "heading", "attribution", "item"):
            node = {"t": "LineBlock", "c": [T.markup(u["text"])]}
        elif quote and u["kind"] in ("para", "heading") and u["single"] \
                and T.looks_like_heading(u["text"], True):
            node = P.Para([{"t": "Strong", "c": T.markup(u["text"])}])  # a date line
        else:
            node = unit_block(r, u)
            if u["kind"] == "verse" and u["lines"][0][:1] in T.OPEN_QUOTES:
                node = dict(P.BlockQuote([node]), _verse=True)
        if items and items[-1][1] == quote and _merge(items[-1][0], node, verse == items[-1][2]):
            continue
        items.append([node, quote, verse])
    blocks: list[P.Node] = []
    last_quote = None
    for node, quote, _ in items:
        if quote and quote == last_quote:
            blocks[-1]["c"].append(node)
        elif quote:
            blocks.append(P.BlockQuote([node]))
        else:
            blocks.append(node)
        last_quote = quote
    return P.walk(blocks, _strip_private)


def _merge(prev: P.Node, node: P.Node, same_verse: bool) -> bool:
    """Merge node into prev: list items, verse lines, quoted stanzas."""
    if node["t"] == "LineBlock" and prev["t"] == "LineBlock" and same_verse \
            and not node.get("_stanza"):
        prev["c"].extend(node["c"])
        return True
    kind = node.get("_kind")
    if kind and prev.get("_kind") == kind:
        if node["t"] == "OrderedList":
            prev["c"][1].extend(node["c"][1])
        else:
            prev["c"].extend(node["c"])
        return True
    if node.get("_verse") and prev.get("_verse"):
        prev["c"].extend(node["c"])
        return True
    return False


def unit_block(r, u: dict) -> P.Node:
    kind = u["kind"]
    if kind == "heading":
        return P.Header(u["level"], T.markup(u["text"]))
    if kind == "verse":
        return {"t": "LineBlock", "c": T.markup_lines(u["lines"]), "_stanza": True}
    if kind == "quote":
        return P.BlockQuote([P.Para(T.markup(u["text"]))])
    if kind == "attribution":
        return P.Div([P.Para(T.markup(u["text"]))], classes=["attribution"])
    if kind == "note-def":
        return note_block(r, u)
    if kind == "item":
        raw = u["raw"]
        text = u["text"]
        for rx, kindname in ((T.LETTERED, "alpha"), (T.ORDERED, "num"), (T.BULLET, "bullet")):
            m = rx.match(raw)
            if m:
                marker = text.split()[0]
                r.drop("list-marker", marker)
                body = text[len(marker):].strip()
                if kindname == "bullet":
                    return dict({"t": "BulletList", "c": [[P.Plain(T.markup(body))]]},
                                _kind="bullet")
                start = ord(m.group(2)) - 96 if kindname == "alpha" else int(m.group(2))
                style = "LowerAlpha" if kindname == "alpha" else "Decimal"
                delim = "TwoParens" if kindname == "alpha" else "Period"
                return dict({"t": "OrderedList",
                             "c": [[start, {"t": style}, {"t": delim}],
                                   [[P.Plain(T.markup(body))]]]}, _kind=kindname)
    return P.Para(T.markup(u["text"]))


def _strip_private(node):
    if any(k.startswith("_") for k in node):
        return {k: v for k, v in node.items() if not k.startswith("_")}

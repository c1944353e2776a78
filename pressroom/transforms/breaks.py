"""Page-break splits: a paragraph cut in two mid-sentence is joined again.

Scrapes of paginated originals (004) break a sentence at the end of a page
into two paragraphs: "…that organization's" / "collapse at the outbreak…".
Join two paragraphs when the first is long, does not end a sentence, and
the second does not start like a new paragraph (a heading, a quotation,
a list). The continuation may start with a capital ("London"), so the
test is the first paragraph's missing final punctuation, not the case.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P

TERMINAL = re.compile(r"[.?!:;…\"”’')\]*]$")


def _joinable(a: P.Node, b: P.Node) -> bool:
    if a["t"] != "Para" or b["t"] != "Para" or not a["c"] or not b["c"]:
        return False
    last = a["c"][-1]
    if last["t"] in ("Note", "RawInline", "Superscript", "LineBreak"):
        return False
    text_a, text_b = P.stringify(a), P.stringify(b)
    if len(text_a) <= 80:
        return False
    if TERMINAL.search(text_a):
        # "…with the Workers'" is a possessive, not a closing quote, when
        # no single quotation opens in the paragraph.
        if not (re.search(r"s['’]$", text_a) and not re.search(r"(^|\s)['‘]\w", text_a)):
            return False
    return text_b[:1].isalnum()


def join_page_breaks(doc: P.Node, ctx) -> P.Node:
    def fix(blocks: list) -> list:
        out: list = []
        for b in blocks:
            if out and _joinable(out[-1], b):
                out[-1] = P.Para(out[-1]["c"] + [{"t": "Space"}] + b["c"])
                ctx.report.fix("page-break-join")
                continue
            out.append(b)
        return out

    def visit(node):
        if node["t"] in ("BlockQuote",):
            return {"t": node["t"], "c": fix(node["c"])}
        if node["t"] == "Div":
            return {"t": "Div", "c": [node["c"][0], fix(node["c"][1])]}
        return None
    doc = P.walk(doc, visit)
    return {**doc, "blocks": fix(doc["blocks"])}


join_page_breaks.rule = "page-break-join"

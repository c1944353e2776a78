"""Web artefacts: paragraphs that belong to the web page, not the text.

Named rules, each dropping whole paragraphs: ``image-caption`` (captions
of images the book does not reproduce, including the scrapes' doubled
"caption Image creditcaption / Image: credit" lines), ``web-artefact``
(download links, series navigation, share prompts) and ``sidecar-drop``
(paragraphs the sidecar's ``drop:`` list names, each with a reason).
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.doctree.captions import is_caption
from pressroom.errors import UserError

WEB = [re.compile(p, re.I) for p in (
    r"^download (an? )?(illustrated |printable )?(pdf|e-?book|epub)\b",
    r"^(next|previous|continued|read)\s*[—–:-]*\s*(part|chapter)\s+[ivxlc\d]+\b",
    r"^(share|print|email|tweet) (this|on)\b",
    r"^(click here|subscribe|sign up|read more)\b",
    r"^(back to top|return to (the )?(top|index|contents))$",
)]


def _drop_paras(doc: P.Node, pred) -> P.Node:
    """Drop every paragraph or heading whose text ``pred`` accepts."""
    def visit(node):
        if node["t"] in ("Para", "Plain", "Header") and pred(P.stringify(node)):
            return []
        return None
    return P.walk(doc, visit)


def image_captions(doc: P.Node, ctx) -> P.Node:
    return _drop_paras(doc, is_caption)


def web_artefacts(doc: P.Node, ctx) -> P.Node:
    return _drop_paras(doc, lambda t: len(t) < 200 and any(rx.search(t) for rx in WEB))


def sidecar_drop(doc: P.Node, ctx) -> P.Node:
    """Drop the paragraphs that the sidecar's ``drop:`` entries start with."""
    entries = ctx.source.meta.get("drop") or []
    if not entries:
        return doc
    hits = [0] * len(entries)
    for e in entries:
        if not isinstance(e, dict) or not e.get("match") or not e.get("reason"):
            raise UserError("each drop: entry needs 'match' and 'reason'",
                            ctx.source.sidecar_path)

    def pred(text: str) -> bool:
        for i, e in enumerate(entries):
            if text.startswith(e["match"]):
                hits[i] += 1
                return True
        return False
    doc = _drop_paras(doc, pred)
    for i, e in enumerate(entries):
        if not hits[i]:
            raise UserError(f"drop: no paragraph starts with '{e['match']}'",
                            ctx.source.sidecar_path, hint="check the text against the source")
    return doc


image_captions.rule = "image-caption"
web_artefacts.rule = "web-artefact"
sidecar_drop.rule = "sidecar-drop"

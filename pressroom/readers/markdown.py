"""Markdown reader: Pandoc's own, with headings shifted under the chapter."""

from __future__ import annotations

from .. import pandoc as P
from ..config import Source
from .decode import read_source_text


def read_markdown(source: Source, ctx) -> P.Node:
    text, _ = read_source_text(source.path)
    doc = P.parse(text, "markdown-smart")
    blocks = doc["blocks"]
    title = None
    if blocks and blocks[0]["t"] == "Header" and blocks[0]["c"][0] == 1:
        title = P.stringify(blocks.pop(0))
    def shift(node):
        if node["t"] == "Header":
            return P.Header(min(node["c"][0] + 1, 6), node["c"][2])
    doc["blocks"] = P.walk(blocks, shift)
    if title:
        doc["meta"]["title"] = {"t": "MetaString", "c": title}
    return doc

"""Markdown reader: Pandoc's own, with the title and metadata lines lifted.

Pandoc reads the structure (headings, emphasis, ``[^N]`` notes, lists);
raw HTML such as ``<sup>2</sup>`` is kept as RawInline for the notes
transform, and passes issue 9's whitelist when it exists. Heading levels
are normalised later (transforms/headings.py), so that normalising this
reader's own output again changes nothing.
"""

from __future__ import annotations

from .. import pandoc as P
from ..fidelity import words
from ..config import Source
from .decode import read_source_text
from .html import _sanitize
from .plaintext import DATE_ONLY, METADATA


def read_markdown(source: Source, ctx) -> P.Node:
    text, _ = read_source_text(source.path)
    doc = P.parse(text, "markdown-smart")
    ctx.source_tokens = words(doc)
    doc = _sanitize(doc, ctx)
    blocks = doc["blocks"]
    if blocks and blocks[0]["t"] == "Header" and blocks[0]["c"][0] == 1:
        title = blocks.pop(0)
        doc["meta"]["title"] = {"t": "MetaString", "c": P.stringify(title)}
        ctx.report.remove("title-line", words(title))
    # Date or byline paragraphs under the title belong to the sidecar.
    while blocks and blocks[0]["t"] == "Para":
        line = P.stringify(blocks[0])
        if not (DATE_ONLY.match(line) or METADATA.match(line)) or len(line) > 60:
            break
        ctx.report.remove("metadata-line", words(blocks.pop(0)))
    doc["blocks"] = blocks
    return doc

"""Plain-text reader: lines and blank lines to paragraphs and headings.

First version: one paragraph per blank-line-separated block, the first line
as the title, and short isolated lines without final punctuation as
section headings.
"""

from __future__ import annotations

import re

from .. import pandoc as P
from ..config import Source
from .decode import read_source_text


def read_text(source: Source, ctx) -> P.Node:
    text, _ = read_source_text(source.path)
    blocks_text = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    title = blocks_text.pop(0) if blocks_text else source.title
    blocks: list[P.Node] = []
    for chunk in blocks_text:
        one_line = " ".join(chunk.split())
        if (len(one_line) <= 100 and "\n" not in chunk
                and not re.search(r"[.:,;\"”’]$", one_line)):
            blocks.append(P.Header(2, P.inlines(one_line)))
        else:
            blocks.append(P.Para(P.inlines(one_line)))
    return P.document(blocks, {"title": {"t": "MetaString", "c": title}})

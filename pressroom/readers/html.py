"""HTML reader: Pandoc's HTML reader on the article's text."""

from __future__ import annotations

from .. import pandoc as P
from ..config import Source
from .decode import read_source_text


def read_html(source: Source, ctx) -> P.Node:
    text, _ = read_source_text(source.path)
    return P.parse(text, "html")

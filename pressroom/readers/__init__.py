"""Readers: each turns one source file into a Pandoc document.

A reader returns the *chapter body* as a Pandoc JSON document: the chapter
title as ``meta.title`` (when the source states one) and the text's own
sections as Header level 2 (subsections level 3 ...), because level 1 is
the chapter itself. Readers recover structure; clean-up, typography and
notes are left to the transforms.
"""

from __future__ import annotations

from pressroom.settings.config import Source
from pressroom.doctree.pandoc import Node


def read(source: Source, ctx) -> Node:
    """Dispatch on the source's format (from its sidecar or its extension)."""
    if source.format == "markdown":
        from pressroom.readers.markdown import read_markdown
        return read_markdown(source, ctx)
    if source.format == "html":
        from pressroom.readers.html import read_html
        return read_html(source, ctx)
    from pressroom.readers.plaintext import read_text
    return read_text(source, ctx)

"""Readers: each turns one source file into a Pandoc document.

A reader returns the *chapter body* as a Pandoc JSON document: the chapter
title as ``meta.title`` (when the source states one) and the text's own
sections as Header level 2 (subsections level 3 ...), because level 1 is
the chapter itself. Readers recover structure; clean-up, typography and
notes are left to the transforms.
"""

from __future__ import annotations

from pressroom.doctree.pandoc import Node
from pressroom.readers.html import read_html
from pressroom.readers.markdown import read_markdown
from pressroom.readers.plaintext import read_text
from pressroom.settings.config import Source

# A source's format (from its sidecar or its extension) -> its reader.
READERS = {"markdown": read_markdown, "html": read_html, "text": read_text}


def read(source: Source, ctx) -> Node:
    """The source's chapter body, read by the reader for its format."""
    return READERS.get(source.format, read_text)(source, ctx)

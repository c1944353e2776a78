"""The manuscript writer: the whole normalised book as one Pandoc Markdown file.

This is the file an editor reads and diffs: one paragraph per line, explicit
heading ids, real footnotes, curly quotes (so no straight quotes outside
code), and a YAML metadata block from book.yaml.
"""

from __future__ import annotations

import re

from pressroom.build.output import atomic_write_text
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book


def manuscript_doc(book: Book) -> P.Node:
    cfg = book.config
    meta = {k: {"t": "MetaString", "c": str(cfg.data[k])}
            for k in ("title", "subtitle", "editor", "language", "identifier",
                      "date", "rights") if cfg.data.get(k)}
    blocks: list[P.Node] = []
    for sec in book.sections:
        # The editor's manuscript stays clean: no index/glossary marks.
        blocks.extend(sec.clean_blocks if sec.clean_blocks is not None else sec.blocks)
    return P.document(blocks, meta)


def render_manuscript(book: Book) -> str:
    return escape_closing_hashes(P.render(manuscript_doc(book), "markdown-smart",
                                          ["--wrap=none", "--standalone"]))


_HEADING_END = re.compile(r"^(#{1,6} .*?)(?<![\\#])(#+)(\s*\{[^{}]*\})?$")


def escape_closing_hashes(markdown: str) -> str:
    """A heading ending in ``#`` ("C#") is written by pandoc as ``## C#``,
    which pandoc (and CommonMark) read back as "C": the ``#`` run is taken
    for a closing sequence. Escape it, outside fenced code."""
    out, fence = [], None
    for line in markdown.split("\n"):
        m = re.match(r"^(`{3,}|~{3,})", line)
        if m and (fence is None or line.startswith(fence)):
            fence = None if fence else m.group(1)
        elif fence is None:
            h = _HEADING_END.match(line)
            if h:
                line = h.group(1) + "\\#" * len(h.group(2)) + (h.group(3) or "")
        out.append(line)
    return "\n".join(out)


def build(book: Book, ctx: BuildContext, inputs: Inputs) -> Result:
    out = ctx.out / f"{book.config.slug}.md"
    atomic_write_text(out, render_manuscript(book))
    return Result([out])


def render_section_markdown(section) -> str:
    """One normalised section on its own (``build.py normalise``)."""
    return escape_closing_hashes(P.render(P.document(section.blocks), "markdown-smart",
                                          ["--wrap=none"]))

"""The manuscript writer: the whole normalised book as one Pandoc Markdown file.

This is the file an editor reads and diffs: one paragraph per line, explicit
heading ids, real footnotes, curly quotes (so no straight quotes outside
code), and a YAML metadata block from book.yaml.
"""

from __future__ import annotations

import json
import re

from pressroom.build.output import atomic_write_text
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.doctree import batches
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book


def manuscript_doc(book: Book) -> P.Node:
    return P.document([b for sec in book.sections for b in _clean_blocks(sec)], _meta(book))


def _meta(book: Book) -> dict:
    cfg = book.config
    return {k: {"t": "MetaString", "c": str(cfg.data[k])}
            for k in ("title", "subtitle", "editor", "language", "identifier",
                      "date", "rights") if cfg.data.get(k)}


def _clean_blocks(sec) -> list[P.Node]:
    # The editor's manuscript stays clean: no index/glossary marks.
    return sec.clean_blocks if sec.clean_blocks is not None else sec.blocks


def render_manuscript(book: Book) -> str:
    """The manuscript's text: one pandoc call, or, for a book past
    ``batches.BATCH``, one call per run of sections (pandoc's memory), their
    notes renumbered and gathered at the end as one call puts them."""
    args = ["--wrap=none", "--standalone"]
    texts = {sec.id: json.dumps(_clean_blocks(sec)) for sec in book.sections}
    runs = batches.batches(list(texts), texts)
    if len(runs) > 1:
        bodies: list[str] = []
        notes: list[str] = []
        for k, run in enumerate(runs):
            first = k == 0              # the metadata block, with the first run
            out = P.render_json(batches.document_json((texts[i] for i in run), _meta(book) if first
                                                else None),
                                "markdown-smart", args if first else args[:1])
            split = _notes_apart(out, sum(texts[i].count('{"t": "Note"') for i in run),
                                 len(notes))
            if split is None:           # a note mark pandoc did not write: one call after all
                break
            bodies.append(split[0])
            notes.extend(split[1])
        else:
            return escape_closing_hashes("\n\n".join(bodies + notes) + "\n")
    # one call: from the sections' JSON already made, not serialised again
    return escape_closing_hashes(P.render_json(batches.document_json(texts.values(), _meta(book)),
                                               "markdown-smart", args))


_NOTE_MARK = re.compile(r"(?<!\\)\[\^(\d+)\]")


def _notes_apart(markdown: str, count: int, before: int) -> tuple[str, list[str]] | None:
    """(the text, its note definitions) of a run of sections rendered alone
    with ``count`` notes, their numbers moved on by the ``before`` notes of
    the runs before; None if its note marks are not exactly pandoc's: each
    number from 1 in the text, then each again for its definition at the
    end (a code block quoting "[^1]" would be renumbered)."""
    numbers = [int(m.group(1)) for m in _NOTE_MARK.finditer(markdown)]
    if numbers != [*range(1, count + 1)] * 2:
        return None
    text = _NOTE_MARK.sub(lambda m: f"[^{int(m.group(1)) + before}]", markdown)
    marks = list(_NOTE_MARK.finditer(text))[count:]     # the definitions, renumbered
    starts = [m.start() for m in marks]
    body = text[:starts[0]] if starts else text
    return body.rstrip("\n"), [text[a:b].rstrip("\n")
                               for a, b in zip(starts, [*starts[1:], len(text)])]


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

"""Markdown reader: Pandoc's own, with the title and metadata lines lifted.

Pandoc reads the structure (headings, emphasis, ``[^N]`` notes, lists);
raw HTML such as ``<sup>2</sup>`` is kept as RawInline for the notes
transform; the first source transform (transforms/sanitize.py) whitelists it. Heading levels
are normalised later (transforms/headings.py), so that normalising this
reader's own output again changes nothing.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.doctree.ledger import words
from pressroom.settings.config import Source
from pressroom.readers.decode import read_source
from pressroom.readers.plaintext import DATE_ONLY, METADATA


def read_markdown(source: Source, ctx) -> P.Node:
    text, _ = read_source(source, ctx)
    ctx.source_text = text
    doc = P.parse(text, "markdown-smart")
    _check_dangling_refs(doc, text, source)
    for heads_before, div in _orphan_notes(text):   # pandoc drops them; in source order
        doc["blocks"] = _insert_in_section(doc["blocks"], heads_before, div)
    ctx.source_tokens = words(doc)
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


NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*", re.M)
NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
ANY_REF = re.compile(r"\[\^([^\]\s]+)\]")


def _check_dangling_refs(doc: P.Node, text: str, source: Source) -> None:
    """A [^id] mark whose note text is missing is left by pandoc as text:
    the mark points nowhere, which only the author can fix."""
    for n in P.iter_nodes(doc["blocks"]):
        if n["t"] == "Str":
            m = NOTE_REF.search(n["c"])
            if m:
                pos = text.find(m.group(0))
                line = text.count("\n", 0, pos) + 1 if pos >= 0 else None
                raise UserError(f"note reference {m.group(0)} has no note text",
                                source.path, line,
                                hint=f"add a '{m.group(0)}: …' paragraph or remove the mark")


def _insert_in_section(blocks: list[P.Node], heads_before: int, div: P.Node) -> list[P.Node]:
    """Put div at the end of the section its text was written in: before
    the (heads_before + 1)-th top-level heading."""
    seen = 0
    for i, b in enumerate(blocks):
        if b["t"] == "Header":
            seen += 1
            if seen > heads_before:
                return blocks[:i] + [div] + blocks[i:]
    return blocks + [div]


def _orphan_notes(text: str) -> list[tuple[int, P.Node]]:
    """Note texts ([^id]: …) that nothing refers to, as note-def divs for
    the notes transform, which places them (sidecar notes:) or warns."""
    # A mark followed by a colon inside a line ("the reason[^1]: it…") is a
    # reference too: only a mark that opens a line defines a note.
    refs = set(ANY_REF.findall(NOTE_DEF.sub("", text)))
    out = []
    for m in NOTE_DEF.finditer(text):
        ident = m.group(1)
        if ident in refs:
            continue
        # The note's text: its first line, then indented continuation lines.
        lines = text[m.end():].split("\n")
        body = [lines[0]]
        for line in lines[1:]:
            if line.strip() and not line.startswith(("    ", "\t")) and body[-1].strip() == "":
                break
            if NOTE_DEF.match(line):
                break
            body.append(line[4:] if line.startswith("    ") else line.lstrip("\t"))
        blocks = P.parse("\n".join(body).strip(), "markdown-smart")["blocks"]
        if blocks:
            heads = len(re.findall(r"^#{1,6}\s", text[:m.start()], re.M))
            line = str(text.count("\n", 0, m.start()) + 1)
            out.append((heads, P.Div(blocks, classes=["note-def"],
                                     kv={"n": ident, "line": line})))
    return out

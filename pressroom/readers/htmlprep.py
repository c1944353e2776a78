"""HTML before Pandoc: cut the apparatus, move the notes.

Runs on the page's source text (htmlparts finds the elements): every cut
is charged to its rule in the ledger; every note reference becomes an
empty ``span.pressroom-note`` that ``place_notes`` replaces, after Pandoc
has read the page, with the note's text as a Pandoc note. A note file
named by the sidecar (``endnotes:``) is read too, and the words of the
notes taken from it join the source's words, so the ledger still balances.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import words
from pressroom.errors import UserError
from pressroom.readers import htmlparts as H
from pressroom.readers.decode import read_source_text


def prepare(text: str, ctx) -> tuple[str, dict[str, str], list[str]]:
    """(the page with apparatus cut and note marks replaced, note html by
    key, the words of the notes brought in from the endnotes file)."""
    doc = H.Elements(text)
    name = ctx.source.meta.get("endnotes")
    endnotes = None
    if name:
        path = ctx.source.path.parent / name
        if not path.is_file():
            raise UserError(f"endnotes: no file {name} beside the source", ctx.source.sidecar_path,
                            hint="name the file that holds the notes, e.g. endnotes.xhtml")
        endnotes = H.Elements(read_source_text(path)[0])
    found = H.notes(doc, endnotes, name)
    linked = {id(n.ref) for n in found}
    for a in doc.all:
        href = a.attrs.get("href", "")
        if a.tag == "a" and id(a) not in linked and ("noteref" in a.cls() or (
                re.match(r"[\w./-]+\.x?html?#", href) and H.MARKER.match(doc.text_of(a)))):
            line = text.count("\n", 0, a.start) + 1
            ctx.warn(f"note reference to {href} has no note text here: name the file that "
                     "holds it in the sidecar (endnotes:)", line)
    edits: list[tuple[int, int, str]] = []          # (start, end, replacement)
    bodies: dict[str, str] = {}
    imported: list[str] = []
    for k, note in enumerate(found, 1):
        key = str(k)
        bodies[key] = note.html
        edits.append((note.ref.start, note.ref.end,
                      f'<span class="pressroom-note" data-note="{key}"></span>'))
        # The mark as the page's words have it: with the stop glued after it ("(1).").
        glued = re.match(r"(?:\s*</\w+>)*([^\s<\w]*)(?=\s|<|$)", text[note.ref.end:])
        marker = note.marker + (glued.group(1) if glued else "")
        ctx.report.remove("note-markers", marker.split() + note.removed)
        if endnotes is not None and note.ref.attrs.get("href", "").split("#")[0]:
            imported.extend(words(P.parse(note.html, "html")) + note.removed)
    defs = {id(n.ref): n for n in found}
    for n in found:
        if not n.ref.attrs.get("href", "").split("#")[0]:       # a note in this page
            block = _def_block(doc, n)
            if block is not None:
                edits.append((block.start, block.end, ""))
    for start, end, rule in H.apparatus(doc):
        if any(s >= start and e <= end for s, e, _ in edits):
            edits = [x for x in edits if not (x[0] >= start and x[1] <= end)]
        ctx.report.remove(rule, words(P.parse(text[start:end], "html")))
        edits.append((start, end, ""))
    del defs
    return _apply(text, edits), bodies, imported


def _def_block(doc: H.Elements, note: H.Note):
    target = note.ref.attrs["href"].split("#", 1)[1]
    anchor = next((e for e in doc.all if target in (e.attrs.get("id"), e.attrs.get("name"))), None)
    return H._ancestor(anchor, H.BLOCKS) if anchor is not None else None


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def place_notes(doc: P.Node, bodies: dict[str, str]) -> P.Node:
    """The placeholders, each replaced by its note."""
    def visit(node):
        if node["t"] == "Span" and "pressroom-note" in node["c"][0][1]:
            key = dict(node["c"][0][2]).get("note", "")
            if key in bodies:
                return {"t": "Note", "c": P.parse(bodies[key], "html")["blocks"]
                        or [P.Para([])]}
        return None
    return P.walk(doc, visit)

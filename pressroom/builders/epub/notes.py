"""EPUB: a section's blocks made ready for the EPUB's HTML (the ``prepare`` step).

Runs on the Pandoc tree of one section before ``sections_html`` renders it:

- each footnote becomes a ``noteref`` link (``epub:type="noteref"``,
  ``role="doc-noteref"``) and its text an ``aside epub:type="footnote"``
  at the end of the section, opening with a link back to the reference,
  so Apple Books and Kobo show the note as a pop-up and every other
  reader as a note at the chapter's end;
- a glossary mark (``Link`` class ``gl`` to ``#gl-<key>``) points into the
  glossary file, and only the first one per section stays a link;
- index marks (``Span`` class ``ix``) keep their ids: the index links to them.

Note ids are ``fn-<section>-<n>`` and ``fnref-<section>-<n>``.
"""

from __future__ import annotations

from html import escape

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section

GLOSSARY_FILE = "glossary.xhtml"


def noteref_html(sec_id: str, n: int) -> str:
    return (f'<sup class="noteref"><a epub:type="noteref" role="doc-noteref" '
            f'id="fnref-{sec_id}-{n}" href="#fn-{sec_id}-{n}">{n}</a></sup>')


def _aside(sec_id: str, n: int, blocks: list[P.Node]) -> list[P.Node]:
    back = P.RawInline("html", f'<a class="note-back" role="doc-backlink" '
                               f'href="#fnref-{sec_id}-{n}">{n}.</a>')
    blocks = list(blocks) or [P.Plain([])]
    first = blocks[0]
    if first["t"] in ("Para", "Plain"):
        blocks[0] = {"t": first["t"], "c": [back, {"t": "Space"}, *first["c"]]}
    else:
        blocks.insert(0, P.Plain([back]))
    return [P.RawBlock("html", f'<aside epub:type="footnote" role="doc-footnote" '
                               f'id="fn-{sec_id}-{n}" class="footnote">'),
            *blocks, P.RawBlock("html", "</aside>")]


def prepare(sec: Section, glossary_file: str | None = GLOSSARY_FILE,
            glossary_keys: set[str] | None = None, notes_label: str = "Notes") -> list[P.Node]:
    """The section's blocks with EPUB notes and glossary links.

    ``glossary_file`` None (no glossary in this book) unwraps glossary links,
    and so does a key not in ``glossary_keys`` (when given)."""
    notes: list[list[P.Node]] = []
    linked: set[str] = set()

    def fix(node):
        t = node["t"]
        if t == "Note":
            notes.append(node["c"])
            return P.RawInline("html", noteref_html(sec.id, len(notes)))
        if t == "Link":
            (ident, classes, kv), content, (href, title) = node["c"]
            if "gl" not in classes:
                return None
            key = href.split("#gl-", 1)[-1]
            if glossary_file is None or key in linked or (
                    glossary_keys is not None and key not in glossary_keys):
                return P.Span(content, ident, [c for c in classes if c != "gl"] + ["gl-use"])
            linked.add(key)
            kv = [[k, v] for k, v in kv if k not in ("role", "epub:type")]
            kv += [["epub:type", "glossref"], ["role", "doc-glossref"]]
            return {"t": "Link", "c": [[ident, classes, kv], content,
                                       [f"{glossary_file}#gl-{key}", title]]}
        return None

    # Notes are collected bottom-up by P.walk, which is document order for
    # notes because a note never contains another note.
    blocks = P.walk(sec.blocks, fix)
    if notes:
        blocks.append(P.RawBlock("html", '<section class="footnotes" '
                                         f'aria-label="{escape(notes_label)}">'))
        for n, note in enumerate(notes, 1):
            blocks.extend(_aside(sec.id, n, note))
        blocks.append(P.RawBlock("html", "</section>"))
    return blocks

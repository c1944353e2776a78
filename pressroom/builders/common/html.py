"""Book sections to HTML fragments, with one pandoc call per edition (for
the sections a build before did not already render, when it keeps them;
more than one for a book past ``batches.BATCH``).

Writers differ in how notes and marks look (a float for WeasyPrint, an
``aside`` for EPUB), so each passes a ``prepare`` function that rewrites
the section's blocks first; everything else is pandoc's HTML5 writer.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable, Iterable

from pressroom.build.cache import code_hash
from pressroom.build.output import atomic_write_text
from pressroom.doctree import batches
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section
from pressroom.builders.common import safety

KEPT = "html"        # the folder of a builder's state where its sections' HTML is kept
_MARK = "<!--pressroom-section:{}-->"
_SPLIT = re.compile(r"<!--pressroom-section:([^>]*)-->\n?")


def sections_html(sections: Iterable[Section],
                  prepare: Callable[[Section], list[P.Node]] | None = None,
                  extra_args: Iterable[str] = (), store: Path | None = None,
                  prune: bool = True) -> dict[str, str]:
    """{section id: HTML fragment} for the given sections, the ones to
    render in one pandoc call (or more, each of at most ``batches.BATCH``
    characters of JSON: a fragment does not depend on the sections rendered
    with it).

    ``store``: a folder keeping each fragment under a digest of what pandoc
    was given for it (its prepared blocks, the arguments, pandoc's version):
    a section unchanged since the call before is not rendered again (a
    one-chapter edit renders one chapter). Fragments of sections not in this
    call are deleted from it (pass every section), unless ``prune`` is
    False: a caller asking for some sections of a store another call filled
    (a packet's readings: packets.tasks renders every packet's at once)."""
    prepared = {sec.id: json.dumps(prepare(sec) if prepare else sec.blocks) for sec in sections}
    args = ["--wrap=none", "--section-divs=false", *extra_args]
    keys: dict[str, str] = {}
    if store:
        store.mkdir(parents=True, exist_ok=True)
        salt = f"{code_hash(('builders/common/html.py',))} {pandoc_version()} {args}"
        keys = {ident: _key(salt, ident, blocks) for ident, blocks in prepared.items()}
    out: dict[str, str] = {}
    for ident, key in keys.items():
        try:
            out[ident] = (store / f"{key}.html").read_text(encoding="utf-8")
        except OSError:
            pass
    for batch in batches.batches([ident for ident in prepared if ident not in out], prepared):
        text = batches.document_json(part for ident in batch
                               for part in (json.dumps([P.RawBlock("html", _MARK.format(ident))]),
                                            prepared[ident]))
        parts = _SPLIT.split(safety.check(P.render_json(text, "html5-smart", args), "HTML"))
        for i in range(1, len(parts) - 1, 2):
            out[parts[i]] = number_paragraphs(parts[i + 1].strip(), parts[i])
            if store:
                atomic_write_text(store / f"{keys[parts[i]]}.html", out[parts[i]])
    if store and prune:
        for path in store.glob("*.html"):
            if path.stem not in keys.values():
                path.unlink(missing_ok=True)
    return {ident: out[ident] for ident in prepared}


def _key(salt: str, ident: str, blocks: str) -> str:
    """What a fragment depends on: this module (``salt``: its code, pandoc's
    version, the arguments), the section's id and prepared blocks (their
    JSON text)."""
    return hashlib.sha256(json.dumps([salt, ident]).encode() + blocks.encode()).hexdigest()


def pandoc_version() -> str:
    import pypandoc     # on first use: a no-op build never runs pandoc
    return pypandoc.get_pandoc_version()


_BLOCK = re.compile(r'<(p|li)>|<div class="line-block">')
_PREFIX = {"p": "p", "li": "li", None: "lb"}


def number_paragraphs(html: str, section_id: str) -> str:
    """Give every text block a stable id, in document order: ``<p>``
    ``p-<section>-<n>``, ``<li>`` ``li-<section>-<n>``, a line block (verse)
    ``lb-<section>-<n>``, each kind counted on its own.

    Every edition renders the same pandoc output, so these ids name the
    same block in the PDF, the EPUB and the packets: the EPUB's print
    page-breaks and the packets' paragraph numbers are keyed on them."""
    counters = {kind: iter(range(1, 1_000_000)) for kind in _PREFIX.values()}

    def number(m: re.Match) -> str:
        kind = _PREFIX[m.group(1)]
        ident = f"{kind}-{section_id}-{next(counters[kind])}"
        if m.group(1):
            return f'<{m.group(1)} id="{ident}">'
        return f'<div class="line-block" id="{ident}">'
    return _BLOCK.sub(number, html)


def note_inlines(note: P.Node) -> list[P.Node]:
    """A Note's blocks as one run of inlines (paragraphs joined by line
    breaks), to sit inline where CSS ``float: footnote`` can take it."""
    content: list[P.Node] = []
    for i, block in enumerate(note["c"]):
        if i:
            content.append({"t": "LineBreak"})
        if block["t"] in ("Para", "Plain"):
            content.extend(block["c"])
        else:
            content.extend(P.inlines(P.stringify(block)))
    return content


def notes_inline(blocks: list[P.Node], cls: str = "footnote") -> list[P.Node]:
    """Replace each Note by a Span holding its text, for CSS ``float: footnote``."""
    def fix(node):
        if node["t"] != "Note":
            return None
        return P.Span(note_inlines(node), classes=[cls])
    return P.walk(blocks, fix)


def anchors_before(blocks: list[P.Node], keep_ids: bool = True) -> list[P.Node]:
    """Index marks (``Span`` class ``ix``) and glossary marks (``Link``
    class ``gl``) as an empty element carrying the mark's id just before
    the words, not an element around them, for the paginated editions.

    WeasyPrint breaks lines differently inside an inline box: a word that
    opens or closes one (``<span>Darwin</span>’s``) lost its break
    opportunities and hyphenation, and the line before was stretched to
    80 pt word gaps or ended on a lone fragment (issue 16). An empty
    inline box takes no room and joins no word, so a marked chapter breaks
    exactly as an unmarked one. ``keep_ids=False`` drops the marks
    altogether (the packets have no index and repeat the book's ids)."""
    def fix(node):
        t = node["t"]
        if t not in ("Span", "Link"):
            return None
        ident, classes, _ = node["c"][0]
        cls = {"Span": "ix", "Link": "gl"}[t]
        if cls not in classes:
            return None
        children = node["c"][1]
        if not (keep_ids and ident):
            return children
        return [P.RawInline("html", f'<span id="{ident}" class="{cls}"></span>'), *children]
    return P.walk(blocks, fix)

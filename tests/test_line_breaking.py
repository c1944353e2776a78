"""Index and glossary marks never change how a line breaks (issue 16).

A chapter is laid out twice, once as the book has it (every index and
glossary mark in place) and once from its unmarked blocks, and the two
PDFs must have the same text on every line of every page. Each index
mark must still be found on the page the layout gives it. Text is read
back from the written PDFs with pypdf, not from the layout code.
"""

from __future__ import annotations

import copy
import io
import re

import pytest
from pypdf import PdfReader

from pressroom.doctree import pandoc as P

CHAPTER = "oakley"       # the chapter of the review's p. 8 "but ⟷ Marx's"


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u00ad]", "", text).casefold()


def _layout(book, chapter):
    from pressroom.builders.pdf import layout
    from pressroom.builders.pdf.markup import BookHTML
    r = layout._Renderer(book, "", layout.A5)
    doc = r.render(BookHTML.of(book).render(["body"], chapters=[chapter]))
    buf = io.BytesIO()
    doc.write_pdf(buf)
    pages = [(p.extract_text() or "").splitlines() for p in PdfReader(buf).pages]
    return doc, pages


@pytest.fixture(scope="module")
def both(book):
    marked_doc, marked = _layout(book, CHAPTER)
    clean = copy.copy(book)
    clean.chapters = [copy.copy(s) for s in book.chapters]
    for s in clean.chapters:
        s.blocks = s.clean_blocks
    _, unmarked = _layout(clean, CHAPTER)
    return marked_doc, marked, unmarked


def test_marking_moves_no_line(both):
    _, marked, unmarked = both
    assert len(marked) == len(unmarked)
    diffs = [(i + 1, a, b) for i, (pa, pb) in enumerate(zip(marked, unmarked))
             for a, b in zip(pa + [""] * (len(pb) - len(pa)), pb + [""] * (len(pa) - len(pb)))
             if a != b]
    assert diffs == [], diffs[:5]
    assert sum(len(p) for p in marked) > 1000


def test_every_index_mark_is_on_its_page(book, both):
    doc, pages, _ = both
    sec = next(s for s in book.chapters if s.id == CHAPTER)
    words: dict[str, str] = {}

    def collect(node):
        if node["t"] == "Span" and "ix" in node["c"][0][1]:
            words[node["c"][0][0]] = P.stringify(node["c"][1])
    for _ in P.iter_nodes(sec.blocks):
        collect(_)
    assert len(words) > 500
    where = {name: i for i, page in enumerate(doc.pages) for name in page.anchors}
    texts = [_squash(" ".join(p)) for p in pages]
    wrong = []
    for ident, word in words.items():
        assert ident in where, ident
        i = where[ident]
        first = _squash(word.split()[0])[:4]
        # a word hyphenated across the page turn starts on this page
        if first not in texts[i] and not (i + 1 < len(texts) and first[:2] in texts[i][-400:]):
            wrong.append((ident, word, i + 1))
    assert wrong == []

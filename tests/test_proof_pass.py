"""The editorial proof pass (issue 16): what a proofreader marks in any edition.

- no straight quote or apostrophe in the text of any edition (code aside);
- no source-line reference such as "(L3)" leaking from a sidecar's
  reasons into the book;
- within a chapter, section headings are either all numbered or none, and
  the numbered ones run 1, 2, 3 ...
Read from the session's outputs (PDF text with pypdf, EPUB XHTML with the
standard library), except the headings, which come from the book model.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

SOURCE_LINE = re.compile(r"\(L\d+(?:[-–]\d+)?\)")
STRAIGHT = re.compile(r"['\"]")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("code", "pre", "script", "style", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("code", "pre", "script", "style", "head"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _epub_texts(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xhtml"):
                p = _Text()
                p.feed(z.read(name).decode("utf-8"))
                yield name, " ".join(p.parts)


def _pdf_texts(path):
    for i, page in enumerate(PdfReader(str(path)).pages):
        yield f"{path.name} page {i + 1}", page.extract_text() or ""


@pytest.fixture(scope="module")
def texts(built):
    out = list(_pdf_texts(built.pdf))
    for path in sorted((built.dist / "print").glob("*-interior.pdf")):
        out += list(_pdf_texts(path))
    for path in sorted((built.dist / "packets").glob("[0-9][0-9]-*.pdf")):
        if not path.name.endswith("-booklet.pdf"):
            out += list(_pdf_texts(path))
    out += list(_epub_texts(built.epub))
    assert len(out) > 500
    return out


def test_no_straight_quotes(texts):
    found = [(where, text[max(0, m.start() - 30):m.end() + 30])
             for where, text in texts for m in STRAIGHT.finditer(text)]
    assert found == []


def test_no_source_line_references(texts):
    found = [(where, m.group(0)) for where, text in texts for m in SOURCE_LINE.finditer(text)]
    assert found == []


def test_colophon_and_preface_slips(built):
    first = " ".join(page.extract_text() or "" for page in PdfReader(str(built.pdf)).pages[:9])
    first = " ".join(first.split())
    assert "Manifesto of 1848" in first.replace("*", "")
    assert "of 1847" not in first
    assert "—" not in first          # one dash style: spaced en dashes


def test_section_numbering_is_consistent_within_each_chapter(book):
    for sec in book.chapters:
        heads = [text for level, _, text in sec.headings() if level == 2]
        numbers = [re.match(r"(\d+)\.\s", t) for t in heads]
        numbered = [int(m.group(1)) for m in numbers if m]
        assert not numbered or len(numbered) == len(heads), (sec.id, heads)
        if numbered:
            assert numbered == list(range(numbered[0], numbered[0] + len(numbered))), sec.id
        lower = [t for t in heads if t[:1].islower()]
        assert lower == [], (sec.id, lower)

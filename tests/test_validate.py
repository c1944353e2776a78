"""Issue 18: the built book passes the outside validators and is tagged.

EPUB: EPUBCheck 0 errors 0 warnings, Ace by DAISY 0 violations (Ace is
installed from tools/ace/package-lock.json and runs Debian's Chromium; .ci/run
installs what is missing). Pamphlet: tagged (PDF/UA-1), its tag tree passes
tools/pdfcheck's Matterhorn checks, notes are /Note, lists /L with /LI,
running heads and folios are pagination artifacts. Every PDF has a trailer /ID.
"""

from __future__ import annotations

import re
import zipfile

from pypdf import PdfReader

from pressroom.tools import pdfcheck, validate


def test_epubcheck_clean(built):
    assert validate.epubcheck_messages(built.epub) == []


def test_ace_no_violations(built):
    assert validate.ace_violations(built.epub) == []


def test_epub_states_conformance_only_with_its_metadata(built):
    with zipfile.ZipFile(built.epub) as z:
        opf = z.read("EPUB/content.opf").decode("utf-8")
    assert re.search(r'<package [^>]*xml:lang="en"', opf)
    assert "EPUB Accessibility 1.1 - WCAG 2.1 Level AA" in opf
    assert 'property="a11y:certifiedBy"' in opf
    assert 'property="schema:accessibilitySummary"' in opf
    assert ">glossary<" not in opf


def test_epub_chapters_open_with_source_line_and_subtitle(built, book):
    with zipfile.ZipFile(built.epub) as z:
        for sec in book.chapters:
            text = z.read(f"EPUB/text/{sec.id}.xhtml").decode("utf-8")
            head = text[text.index('<header class="opening">'):text.index("</header>")]
            meta = sec.source.meta
            assert (meta.get("author") or "Author not stated") in head.replace("&#39;", "'")
            if meta.get("subtitle"):
                assert f'role="doc-subtitle">{meta["subtitle"]}<' in head
    subtitles = [s.source.meta.get("subtitle") for s in book.chapters]
    assert "Part I: The Long Road to Revolution" in subtitles


def test_pamphlet_tag_tree_passes_checks(built):
    assert pdfcheck.tag_problems(built.pdf) == []


def test_pamphlet_tags_headings_lists_notes_and_artifacts(built):
    reader = PdfReader(str(built.pdf))
    tags = [tag for _, tag, _ in pdfcheck.tag_tree(reader)]
    for needed in ("H1", "H2", "P", "L", "LI", "LBody", "BlockQuote", "Link", "Note"):
        assert needed in tags, needed
    counts = pdfcheck.has_notes_and_artifacts(built.pdf)
    # every note of the book is a /Note (a note split over two pages counts twice);
    # the notes are counted in the EPUB, where each is one <aside>
    with zipfile.ZipFile(built.epub) as z:
        notes = sum(z.read(n).decode("utf-8").count('epub:type="footnote"')
                    for n in z.namelist() if n.endswith(".xhtml"))
    assert notes > 0 and counts["notes"] >= notes
    # every page with a folio has its running head and folio as artifacts
    folio_pages = [i for i, p in enumerate(reader.pages)
                   if re.search(r"(^|\n)\s*([0-9]+|[ivx]+)\s*$", p.extract_text() or "")]
    assert counts["pagination"] >= len(folio_pages) > 200


def test_every_pdf_has_a_trailer_id(built):
    pdfs = [p for p in built.dist.rglob("*.pdf") if ".cache" not in p.parts]
    assert len(pdfs) > 10
    for pdf in pdfs:
        assert pdfcheck.id_problems(pdf) == [], pdf

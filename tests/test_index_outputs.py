"""The glossary and index as the editions print them.

PDF: every index locator's anchor is a named destination, and the page it
lands on shows the entry's heading words (one of its variants); the
glossary pages list every term. EPUB: the glossary lists every term with
its anchor, and every locator's anchor is an id in the text.
"""

from __future__ import annotations

import html
import re
import zipfile

import pytest

from pressroom.references.matcher import fold, normal_variant


def _flat(text: str, joiner: str = "") -> str:
    """PDF page text for matching: words hyphenated at a line end joined
    (``joiner`` is what stands for the hyphen), case, apostrophes and
    whitespace folded."""
    text = re.sub(r"[-\u00ad\u2010]\s*\n\s*", joiner, text)
    return " ".join(fold(text).lower().split())


def _body_pages(pages: list[str]) -> list[str]:
    """Page texts without running heads and folios (lines found on many
    pages), so a word broken across a page turn reads as one."""
    from collections import Counter
    counts = Counter(line.strip() for p in pages for line in set(p.splitlines()))
    heads = {line for line, n in counts.items() if n > 10}
    return ["\n".join(line for line in p.splitlines()
                      if line.strip() not in heads and not line.strip().isdigit())
            for p in pages]


def _turn(page: str) -> str:
    """The page's last main-text line when it ends in a hyphen: the page's
    last line, or the line just before its first footnote ("3. ...")."""
    lines = page.rstrip().splitlines()
    for k, line in enumerate(lines):
        last = k == len(lines) - 1 or re.match(r"\d+\.\s", lines[k + 1])
        if last and re.search(r"[-\u00ad\u2010]\s*$", line):
            return line + "\n"
    return ""


@pytest.fixture(scope="module")
def pdf_destinations(built) -> dict[str, int]:
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    return {name: reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()}


def test_pdf_every_locator_shows_its_term(book, pdf_destinations, pdf_pages):
    body = _body_pages(pdf_pages)
    missing, wrong = [], []
    for e in book.index.entries:
        forms = [" ".join(normal_variant(v).lower().split()) for v in e.variants]
        for loc in e.all_locators:
            page = pdf_destinations.get(loc.anchor)
            if page is None:
                missing.append(loc.anchor)
                continue
            # a word broken across the page turn starts on this page, at the
            # end of its text or just before its footnotes
            following = body[page + 1][:100] if page + 1 < len(body) else ""
            text = body[page] + "\n" + _turn(body[page]) + following
            texts = (_flat(text), _flat(text, "-"))
            if not any(f in t for f in forms for t in texts):
                wrong.append((e.heading, loc.anchor, page + 1))
    assert not missing, f"{len(missing)} locators with no PDF destination: {missing[:5]}"
    assert not wrong, f"{len(wrong)} locators on a page without their term: {wrong[:5]}"


def _between(pdf_pages, pdf_destinations, start: str, end: str | None) -> str:
    first = pdf_destinations[start]
    last = pdf_destinations[end] if end in pdf_destinations else len(pdf_pages)
    return _flat("\n".join(pdf_pages[first:max(last, first + 1)]))


def test_pdf_glossary_lists_every_entry(book, pdf_destinations, pdf_pages):
    anchor = book.glossary.entries[0].anchor
    assert anchor in pdf_destinations
    text = _between(pdf_pages, pdf_destinations, anchor, "index")
    absent = [e.term for e in book.glossary.entries
              if " ".join(fold(e.term).lower().split()) not in text]
    assert not absent, absent


def _epub_texts(built) -> dict[str, str]:
    with zipfile.ZipFile(built.epub) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if n.endswith((".xhtml", ".html"))}


def test_epub_glossary_lists_every_entry(book, built):
    texts = _epub_texts(built)
    for e in book.glossary.entries:
        homes = [n for n, t in texts.items() if f'id="{e.anchor}"' in t]
        assert len(homes) == 1, (e.term, homes)
        assert fold(e.term) in fold(html.unescape(texts[homes[0]])), e.term


def test_epub_locators_are_ids(book, built):
    ids = set()
    for t in _epub_texts(built).values():
        ids.update(re.findall(r'\sid="([^"]+)"', t))
    missing = [loc.anchor for e in book.index.entries for loc in e.all_locators
               if loc.anchor not in ids]
    assert not missing, f"{len(missing)} locators not in the EPUB: {missing[:5]}"


def _html_text(text: str) -> str:
    import html
    return html.escape(text, quote=False)

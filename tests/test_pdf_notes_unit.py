"""Footnote deferral on small constructed pages, not on this book's accidents.

A page of short paragraphs, then a paragraph with a footnote call and a
paragraph after it, laid out with ``orphans``/``widows`` 2 on a small page:
for some number of lines before the call, WeasyPrint defers the note to the
next page. The PDF's own text says where the call and the note landed (the
expectation); ``pdf.notes.misplaced`` must find exactly those pages, and
the CSS ``fix_css`` writes must bring every note back to its call's page.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from pressroom.builders.pdf.notes import fix_css, misplaced
from pressroom.paths import STYLES

FONTS = STYLES / "fonts"
CSS = """@import "fonts.css";
@page { size: 100mm 80mm; margin: 10mm; }
body { font-family: "EB Garamond"; font-size: 10pt; line-height: 12pt; margin: 0;
       orphans: 2; widows: 2; }
p { margin: 0; text-indent: 1em; }
.footnote { float: footnote; footnote-policy: line; font-size: 8pt; line-height: 10pt; }
.footnote::footnote-call { content: counter(footnote); vertical-align: super;
  font-size: 6pt; line-height: 0; }
.footnote::footnote-marker { content: counter(footnote) ". "; }
"""
NOTE = "The note text zebra quagga."


def page_html(before: int, extra_css: str = "") -> str:
    filler = "".join(f"<p id='f{k}'>" + " ".join(f"w{k}x{i}" for i in range(6)) + "</p>"
                     for k in range(before))
    words = [f"tail{i}" for i in range(18)]
    words.insert(8, f"<a id='fn-c-1-call'><span id='fn-c-1' class='footnote'>{NOTE}</span></a>")
    after = " ".join(f"after{i}" for i in range(30))
    return (f"<html><head><style>{extra_css}</style></head><body>{filler}"
            f"<p id='call'>{' '.join(words)}</p><p id='after'>{after}</p></body></html>")


def render(html: str):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    sheet = weasyprint.CSS(string=CSS, base_url=str(FONTS) + "/", font_config=fonts)
    return weasyprint.HTML(string=html).render(stylesheets=[sheet], font_config=fonts)


def pdf_text(doc) -> list[str]:
    buf = io.BytesIO()
    doc.write_pdf(buf)
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(buf).pages]


def call_and_note_pages(pages: list[str]) -> tuple[int, int]:
    """From the PDF text: the page with the call (a superscript 1 after
    "tail7") and the page that prints the note."""
    call = [i for i, t in enumerate(pages) if re.search(r"tail7 ?1\b", t)]
    note = [i for i, t in enumerate(pages) if NOTE in t]
    assert len(call) == 1 and len(note) == 1, pages
    return call[0], note[0]


@pytest.fixture(scope="module")
def layouts():
    return {n: render(page_html(n)) for n in range(6, 14)}


def test_deferred_notes_are_found_on_the_call_page(layouts):
    deferred = 0
    for n, doc in layouts.items():
        call, note = call_and_note_pages(pdf_text(doc))
        expected = [call] if note != call else []
        assert misplaced(doc.pages) == expected, n
        deferred += note != call
    assert 0 < deferred < len(layouts)      # the construction has both kinds


def test_the_fix_brings_each_note_back_to_its_call(layouts):
    fixed = 0
    for n, doc in layouts.items():
        bad = misplaced(doc.pages)
        if not bad:
            continue
        css = fix_css(doc.pages, bad)
        assert re.fullmatch(r'\[id="(after|call|f\d)"\] \{ [^}]+ \}', css), css
        again = render(page_html(n, css))
        call, note = call_and_note_pages(pdf_text(again))
        assert call == note and misplaced(again.pages) == []
        fixed += 1
    assert fixed


def test_a_note_on_a_later_page_is_found_there():
    """Several pages of text before: the page index is the call's page."""
    doc = render(page_html(0).replace("<body>", "<body>" + "<p>" + "lorem " * 400 + "</p>"))
    call, note = call_and_note_pages(pdf_text(doc))
    assert call >= 2
    assert misplaced(doc.pages) == ([call] if note != call else [])

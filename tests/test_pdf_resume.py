"""pdf_resume: a chapter laid out again from a page matches the whole layout.

The footnote fix lays only the end of a chapter out again; that is only
right if a chapter cut before a clean page lays out exactly as the whole
chapter does from that page on: the same lines, running heads, folios and
footnotes. Checked on a real chapter of the book, from the last clean page
before its end and from one near its middle.
"""

from __future__ import annotations

import pytest

from pressroom.builders.pdf import layout as pdf_layout
from pressroom.builders.pdf import resume as pdf_resume
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.pagemap import flow_lines, line_text


def _page_text(page) -> list[list[str]]:
    """Every line of every box of the page: main flow, footnotes, margins."""
    return [[line_text(line) for _, line in flow_lines(box)]
            for box in page._page_box.children]


@pytest.fixture(scope="module")
def chapter(book):
    html = BookHTML.of(book)
    r = pdf_layout._Renderer(book, "", pdf_layout.A5)
    # the shortest chapter with notes, so the test stays quick
    sec = min((s for s in book.chapters if _notes(s.blocks)),
              key=lambda s: len(html.fragments[s.id]))
    doc = r.render(html.render(["body"], chapters=[sec.id]), 41)
    return r, html, sec, list(doc.pages)


def _notes(blocks):
    from pressroom.doctree import pandoc as P
    return [n for n in P.iter_nodes(blocks) if n.get("t") == "Note"]


@pytest.mark.parametrize("where", ["end", "middle"])
def test_resumed_layout_is_the_whole_layout_from_that_page(chapter, where):
    r, html, sec, pages = chapter
    assert len(pages) > 4
    before = len(pages) - 1 if where == "end" else len(pages) // 2
    section = f"sec-{sec.id}"
    point = pdf_resume.resume_point(pages, before, section)
    assert point is not None and 0 < point.page <= before
    css = pdf_resume.resume_css(point, section, pdf_layout.css_string(sec.title))
    cut = pdf_resume.resume_html(html.render(["body"], chapters=[sec.id], css=css),
                                 section, point)
    tail = r.render(cut, 41 + point.page).pages
    assert len(tail) == len(pages) - point.page
    for k, (a, b) in enumerate(zip(pages[point.page:], tail)):
        assert _page_text(a) == _page_text(b), f"page {point.page + k} differs"
    # the cut really is a cut: the chapter's opening is not in it
    assert "<h1" not in cut and f'id="{point.element}"' in cut

"""pdf/glossary: the fixes a build found for the glossary make the next
build lay it out once, to the same pages.

The real book's glossary (its layout needs at least one pdf_fixes fix, a
second layout without the kept fix), laid out from folio 251 with the
renderer counted; compared line by line and anchor by anchor.
"""

from __future__ import annotations

import pytest

from pressroom.builders.pdf import layout as pdf_layout
from pressroom.builders.pdf.chapter import glossary_of
from pressroom.builders.pdf.glossary import lay_out_glossary
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.pagemap import flow_lines, line_text

FOLIO = 251


class Counted:
    """pdf_layout's renderer, counting its layouts."""

    def __init__(self, book, extra_css=""):
        self.r = pdf_layout._Renderer(book, extra_css, pdf_layout.A5)
        self.signature = self.r.signature
        self.layouts = 0
        self.sources: list[str] = []

    def render(self, html, folio, timing="other"):
        self.layouts += 1
        self.sources.append(html)
        return self.r.render(html, folio, timing=timing)


def _dump(doc):
    return [([line_text(line) for _, line in flow_lines(page._page_box.children[0])],
             sorted(page.anchors)) for page in doc.pages]


@pytest.fixture(scope="module")
def glossary(book):
    html = BookHTML.of(book)
    assert html.has("glossary")
    return glossary_of(html)


def test_kept_fixes_lay_the_glossary_out_once(book, glossary):
    cold, used = Counted(book), {}
    first = lay_out_glossary(cold, glossary, FOLIO, {}, used)
    assert cold.layouts > 1 and len(used) == 1, "no fix in this glossary: the check is empty"
    warm, again_used = Counted(book), {}
    again = lay_out_glossary(warm, glossary, FOLIO, dict(used), again_used)
    assert warm.layouts == 1
    kept, = used.values()
    assert kept.strip() in warm.sources[0]
    assert _dump(again) == _dump(first)
    assert again_used == used            # kept again for the build after


def test_fixes_kept_for_other_styles_are_not_used(book, glossary):
    cold, used = Counted(book), {}
    lay_out_glossary(cold, glossary, FOLIO, {}, used)
    other = Counted(book, "section.glossary dd { text-indent: 0.5em; }")
    lay_out_glossary(other, glossary, FOLIO, dict(used), {})
    kept, = used.values()
    assert kept.strip() and kept.strip() not in other.sources[0]

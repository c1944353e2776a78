"""pdf_fixes.stranded on small constructed pages: a heading at a page foot
with fewer than two lines of text under it is moved to the next page; one
with text under it is left alone, whatever else is on its page.

Each expectation is read off the laid-out lines themselves (the boxes'
font sizes and the page each line is on), not from the code under test.
"""

from __future__ import annotations

import pytest

from pressroom.builders.pdf import fixes
from pressroom.builders.pdf.pagemap import flow_lines, own_text
from pressroom.paths import STYLES

CSS = """@import "fonts.css";
@page { size: 90mm 120mm; margin: 8mm; }
body { font-family: "EB Garamond"; margin: 0; }
p { font-size: 10pt; line-height: 12pt; margin: 0; orphans: 1; widows: 1; }
blockquote { margin: 0 0 0 5mm; }
blockquote p { font-size: 8pt; line-height: 10pt; }
h2 { font-size: 13pt; line-height: 16pt; margin: 0; }
"""
BODY = 10.0 * 4 / 3        # the body size in px, WeasyPrint's unit
PROSE = ("The committee met again in the spring and agreed to print the minutes "
         "of every session for the members who could not attend. ")


def render(html: str):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    sheet = weasyprint.CSS(string=CSS, base_url=str(STYLES / "fonts") + "/", font_config=fonts)
    return weasyprint.HTML(string=f"<html lang='en'><body>{html}</body></html>").render(
        stylesheets=[sheet], font_config=fonts)


def body_lines(sizes: list[float]) -> int:
    return sum(1 for size in sizes if abs(size - BODY) < 0.01)


def under_heading(doc, ident: str) -> tuple[int, list[float]]:
    """(the page the heading ends on, the font sizes of the lines after it there)."""
    for i, page in enumerate(doc.pages):
        lines = list(flow_lines(page._page_box.children[0]))
        ends = [k for k, (el, _) in enumerate(lines) if el is not None and el.get("id") == ident]
        if ends:
            return i, [ln.style["font_size"] for _, ln in lines[ends[-1] + 1:]]
    raise AssertionError(f"{ident} not laid out")


def quotation_then_heading(pad: int, lines_under: int, quoted: int) -> str:
    """``pad`` one-line paragraphs, a quotation of ``quoted`` sentences, then a heading with
    ``lines_under`` one-line paragraphs of body text under it, then body
    text enough for several pages."""
    opening = "".join(f"<p id='o{k}'>Line {k}.</p>" for k in range(pad))
    quote = f"<blockquote><p id='q'>{PROSE * quoted}</p></blockquote>"
    under = "".join(f"<p id='u{k}'>Short line {k}.</p>" for k in range(lines_under))
    after = "".join(f"<p id='b{k}'>{PROSE * 3}</p>" for k in range(12))
    return f"{opening}{quote}<h2 id='h'>A heading</h2>{under}{after}"


def first_page_foot(lines_under: int, wanted, quoted: int = 6):
    """The first layout, pushing the heading down line by line, where it is
    still on the first page and ``wanted(sizes of the lines under it)``."""
    for pad in range(40):
        doc = render(quotation_then_heading(pad, lines_under, quoted))
        page, sizes = under_heading(doc, "h")
        if page == 0 and wanted(sizes):
            return doc
    pytest.fail("no padding put the heading where the test needs it")


@pytest.fixture(scope="module")
def padded():
    """The heading at the foot with one line of body text under it."""
    return first_page_foot(0, lambda sizes: body_lines(sizes) == 1)


def test_a_heading_with_one_line_under_it_is_stranded(padded):
    doc = padded
    page, sizes = under_heading(doc, "h")
    assert body_lines(sizes) == 1                # one body line under it on its page
    first, rules = fixes.stranded(doc.pages)
    assert (first, rules) == (page, ['[id="h"] { break-before: page; }'])


def test_text_under_a_heading_counts_on_a_page_mostly_quotation():
    doc = first_page_foot(3, lambda sizes: 2 <= body_lines(sizes) <= 3, quoted=10)
    page, sizes = under_heading(doc, "h")
    on_page = [ln.style["font_size"] for el, ln in flow_lines(doc.pages[page]._page_box.children[0])
               if el is not None and el.tag == "p"]
    assert body_lines(on_page) < len(on_page) / 2       # the page is mostly quotation
    assert body_lines(sizes) >= 2                       # yet the heading has text under it
    assert fixes.stranded(doc.pages) == (None, [])

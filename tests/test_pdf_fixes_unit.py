"""pdf_fixes.stranded on small constructed pages: a heading at a page foot
with fewer than two lines of text under it is moved to the next page; one
with text under it (a quotation's, in its smaller type, too; a margin
number is not text) is left alone, whatever else is on its page. And the
packets' stylesheet keeps an epigraph whole and with its text.

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


def render(html: str, extra: str = ""):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    sheet = weasyprint.CSS(string=CSS + extra, base_url=str(STYLES / "fonts") + "/",
                           font_config=fonts)
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


def heading_then_quotation(pad: int, numbered: bool) -> str:
    """``pad`` one-line paragraphs, a heading, then a long quotation (each
    paragraph with a margin number, when ``numbered``, as the packets
    have), then body text."""
    num = "<span style='position: absolute; left: -6mm'>{}</span>" if numbered else "{}"
    opening = "".join(f"<p id='o{k}'>Line {k}.</p>" for k in range(pad))
    quote = "".join(f"<p id='q{k}'>{num.format(k) if numbered else ''}{PROSE * 2}</p>"
                    for k in range(4))
    after = "".join(f"<p id='b{k}'>{PROSE * 3}</p>" for k in range(12))
    return f"{opening}<h2 id='h'>A heading</h2><blockquote>{quote}</blockquote>{after}"


def foot_of_first_page(numbered: bool, lines_under: int, quote_pt: float = 8):
    """A layout with the heading on the first page and exactly
    ``lines_under`` lines of the quotation's text (in ``quote_pt`` type)
    after it there."""
    extra = f"blockquote p {{ font-size: {quote_pt}pt; }}"
    for pad in range(40):
        doc = render(heading_then_quotation(pad, numbered), extra)
        page, sizes = under_heading(doc, "h")
        text = [s for s in sizes if abs(s - quote_pt * 4 / 3) < 0.01]
        if page == 0 and len(text) == lines_under:
            return doc, sizes
    pytest.fail("no padding put the heading where the test needs it")


def test_a_quotation_under_a_heading_is_text_under_it():
    doc, sizes = foot_of_first_page(False, 3)
    assert body_lines(sizes) == 0                # no line in the body size under it
    assert fixes.stranded(doc.pages) == (None, [])


def test_a_margin_number_is_not_a_line_under_a_heading():
    # one line of quotation and its margin number under the heading: the
    # number's line box is out of the flow, so the heading is stranded
    doc, sizes = foot_of_first_page(True, 1)
    assert len(sizes) == 1
    assert fixes.stranded(doc.pages) == (0, ['[id="h"] { break-before: page; }'])


def test_an_epigraph_is_kept_whole_and_with_the_text_it_opens():
    """The packets' stylesheet, a heading with an epigraph pushed down the
    first page line by line: wherever the page ends, the epigraph is on
    one page, with the heading above it and the text it opens after it."""
    from pressroom.builders.common import weasy
    epigraph = ("<div class='epigraph'><blockquote><p id='e1'>The quoted sentence of the "
                "epigraph, long enough to take two lines of the page.</p>"
                "<div class='attribution'><p id='e2'>– Its author</p></div></blockquote></div>")
    seen = set()
    for pad in range(0, 60, 2):
        opening = "".join(f"<p id='o{k}'>Line {k}.</p>" for k in range(pad))
        html = (f"<html lang='en'><body><section class='reading'>{opening}<h2 id='h'>A heading</h2>"
                f"{epigraph}<h3 id='s'>A section</h3><p id='t'>{PROSE * 4}</p>"
                "</section></body></html>")
        doc = weasy.render(html, "packets/packet.css")
        where = {}
        for i, page in enumerate(doc.pages):
            for el, _ in flow_lines(page._page_box.children[0]):
                if el is not None and el.get("id") in ("h", "e1", "e2", "s", "t"):
                    where.setdefault(el.get("id"), i)
        seen.add(where["h"])
        assert where["h"] == where["e1"] == where["e2"] == where["s"] == where["t"], (pad, where)
    assert seen == {0, 1}           # the heading reached the foot and went overleaf


def _proof_stranded(doc, tmp_path) -> list[int]:
    """The pages the typographic proof, reading the written PDF, calls stranded."""
    from pressroom.builders.pdf import proof
    path = tmp_path / "laid.pdf"
    doc.write_pdf(path)
    found = proof.check(path, "laid.pdf", labels=[str(n) for n in range(1, len(doc.pages) + 1)])
    return [f.page for f in found.findings if f.kind == "stranded"]


def test_the_proof_agrees_a_quotation_is_text_under_a_heading(tmp_path):
    # the proof reads type under proof.SMALL of the body as notes; a
    # quotation a little smaller than the body (this book's: 9.5 on 10.5)
    # is text under the heading, as for the layout's own check
    doc, _ = foot_of_first_page(False, 3, quote_pt=9.5)
    assert fixes.stranded(doc.pages) == (None, [])
    assert _proof_stranded(doc, tmp_path) == []


def test_the_proof_reports_a_heading_with_one_line_under_it(padded, tmp_path):
    assert _proof_stranded(padded, tmp_path) == [0]

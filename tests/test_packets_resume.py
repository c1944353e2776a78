"""packets_layout: a packet laid out again from a page equals the whole
packet laid out with the same fixes (the real book's packets, both sizes).

The expectation is a whole layout of the packet by WeasyPrint with the
same CSS, compared line by line (main flow) and by the text of each
written page (running head and folio included).
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from pressroom.builders.common import weasy
from pressroom.builders.packets import layout as packets_layout
from pressroom.builders.packets.markup import packet_html, reading_fragments
from pressroom.builders.packets.plan import plan
from pressroom.builders.pdf import fixes
from pressroom.builders.pdf.pagemap import flow_lines, line_text, own_text


def lines(pages) -> list[list[str]]:
    return [[line_text(ln) for _, ln in flow_lines(p._page_box.children[0])] for p in pages]


def page_texts(pages, document) -> list[str]:
    out = io.BytesIO()
    document.copy(pages).write_pdf(out)
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]


CASES = 5


def a_change_from(pages, k: int) -> tuple[int, str]:
    """(a page from ``k`` on, a rule that changes its layout as a fix
    would): no hyphenation in the first paragraph with a hyphenated line
    there. (None, "") if none has one."""
    for i in range(k, len(pages)):
        for el, ln in flow_lines(pages[i]._page_box.children[0]):
            if el is not None and el.tag == "p" and el.get("id") \
                    and own_text(ln).endswith("\u2010"):
                return i, f'[id="{el.get("id")}"] {{ hyphens: manual; }}'
    return None, ""


def resumed_cases(book):
    """(packet, half, the first layout, its fonts, its fix CSS, the first
    page it changes) of every packet whose first fault is past its cover,
    or, while there are fewer than ``CASES``, for a packet with none, a
    change made half-way through it."""
    from weasyprint.text.fonts import FontConfiguration
    found = []
    for packet in plan(book):
        for half in (True, False):
            fonts = FontConfiguration()
            html = packet_html(book, packet, "a4", half)
            doc = weasy.render(html, packets_layout.STYLE, fonts=fonts)
            bad, css = fixes.next_fix(doc.pages, 1, "")
            if not css and len(found) < CASES:
                bad, css = a_change_from(doc.pages, len(doc.pages) // 2)
            if css and bad >= 3:
                found.append((packet, half, doc, fonts, css + "\n", bad))
    return found


@pytest.fixture(scope="module")
def cases(book):
    found = resumed_cases(book)
    assert len(found) >= 4
    return found


def test_a_packet_laid_out_again_from_a_page_is_the_whole_layout(book, cases):
    resumed_somewhere = False
    for packet, half, doc, fonts, css, bad in cases:
        pages = list(doc.pages)
        again = packets_layout.lay_out_again(book, packet, ("a4", half), css, pages, bad, fonts,
                                             reading_fragments(book, packet))
        whole = weasy.render(packet_html(book, packet, "a4", half), packets_layout.STYLE, css)
        kept = next(i for i, (a, b) in enumerate(zip(again + [None], pages + [None]))
                    if a is not b)
        resumed_somewhere |= kept > 0
        assert lines(again) == lines(whole.pages), (packet.slug, half, kept)
        assert page_texts(again, doc) == page_texts(whole.pages, whole), (packet.slug, half)
    assert resumed_somewhere          # the pages before the fault were kept, not laid out

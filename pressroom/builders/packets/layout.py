"""Study packets, step 3: one packet laid out, with the pamphlet's fixes.

Place in the flow: packets_plan → packets_html → **packets_layout** →
packets (written, proofed; the booklet padded and imposed).

The packet is laid out, then laid out again (at most ``ROUNDS`` times)
while pdf_fixes finds a fault: a note deferred past its call's page, a
heading stranded at a page foot, a line broken in mid-paragraph, a
hyphenation fault. As for a pamphlet chapter (pdf_resume), only the tail
is laid out again: from the last page at or before the first fault that
opens with a paragraph of a reading, with the cover and the readings
before it left out of the HTML, and the folio, the side of the sheet, the
note counter and the running head carried over in CSS. The tail's first
line must be the one the whole layout had there; if not, the whole packet
is laid out again.
"""

from __future__ import annotations

from pathlib import Path

from pressroom.builders.common import weasy
from pressroom.builders.common.templating import theme_of
from pressroom.builders.packets.markup import packet_html, reading_fragments, reading_id
from pressroom.builders.pdf import fixes as pdf_fixes
from pressroom.builders.pdf import resume as pdf_resume
from pressroom.builders.pdf.layout import css_string
from pressroom.doctree.book import Book

ROUNDS = 6      # layouts of a packet to fix deferred notes and hyphenation
STYLE = "packets/packet.css"


def lay_out(book: Book, packet, paper: str, half: bool, store: Path | None = None):
    """The packet's WeasyPrint document, every fix applied (``store``: where
    its readings' HTML is kept, packets_html.reading_fragments)."""
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()          # one for every layout: their pages are joined
    fragments = reading_fragments(book, packet, store)
    html = packet_html(book, packet, paper, half, fragments=fragments)
    doc = weasy.render(html, STYLE, theme=theme_of(book), fonts=fonts)
    pages, _ = pdf_fixes.until_clean(
        list(doc.pages), 1, "", lambda css, pages, bad: lay_out_again(
            book, packet, (paper, half), css, pages, bad, fonts, fragments),
        rounds=ROUNDS)
    return doc.copy(pages)


def lay_out_again(book: Book, packet, size: tuple[str, bool], css: str, pages: list,
                  bad: int, fonts, fragments: list[str]) -> list:
    """The packet's pages with ``css``: those before a clean page at or
    before ``bad`` kept, the rest laid out again (or all of them).
    ``fragments``: the packet's reading_fragments."""
    paper, half = size
    theme = theme_of(book)
    for k in reversed(range(len(packet.readings))):
        section = reading_id(k)
        point = pdf_resume.resume_point(pages, bad, section)
        if point is None:
            continue                     # the fault is before this reading
        cut = pdf_resume.resume_html(packet_html(book, packet, paper, half, k, fragments),
                                     section, point)
        if cut is None:
            break
        extra = (pdf_resume.resume_css(point, section, css_string(packet.title),
                                        running="packettitle", page="auto")
                 + f"@page :first {{ counter-set: page {point.page + 1}; }}\n")
        tail = weasy.render(cut, STYLE, css + extra, theme, fonts=fonts,
                            first_folio=point.page + 1)
        if tail.pages and pdf_resume.first_line(tail.pages[0])[1] == \
                pdf_resume.first_line(pages[point.page])[1]:
            return pages[:point.page] + list(tail.pages)
        break
    html = packet_html(book, packet, paper, half, fragments=fragments)
    return list(weasy.render(html, STYLE, css, theme, fonts=fonts).pages)

"""Study packets, step 2: one packet as an HTML document for WeasyPrint.

Place in the flow: packets_plan (what each session reads) → **packets_html**
→ packets (laid out at full and half sheet, imposed). The reading is the
book's own HTML (notes as ``float: footnote`` with ids, as in the pamphlet,
so pdf_notes can check them; no glossary or index marks);
every paragraph gets a number in the margin, 1..N across the packet, so a
group can say "paragraph 14".
"""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.builders.common.html import anchors_before, sections_html
from pressroom.builders.pdf.markup import prepare as notes_as_floats
from pressroom.builders.common import images
from pressroom.builders.packets.plan import Packet, glossary_terms
from pressroom.builders.printing.geometry import MM
from pressroom.builders.common.templating import render_style, render_template, theme_of
from pressroom.settings.labels import labels, style_from_labels

PAPERS = {               # name → (full sheet, half sheet) in mm
    "a4": ((210, 297), (148, 210)),
    "letter": ((8.5 * 25.4, 11 * 25.4), (5.5 * 25.4, 8.5 * 25.4)),
}
# Ruled note lines that fit the margins of styles/packets/page.css.j2.
NOTE_LINES = {"full": 27, "half": 18}

_P = re.compile(r'<p id="[^"]*">')


def number_paragraphs(fragments: list[str]) -> tuple[list[str], int]:
    """Put ``<span class="pnum">n</span>`` at the start of every paragraph,
    counting on across the fragments; returns them and the last number."""
    n = 0

    def mark(m):
        nonlocal n
        n += 1
        return f'{m.group(0)}<span class="pnum">{n}</span>'
    return [_P.sub(mark, f) for f in fragments], n


def page_css(paper: str, half: bool, theme=None) -> str:
    """The packet's @page rules (styles/packets/page.css.j2) for this paper:
    the booklet's notes margin mirrored to the outer side of each page."""
    (w, h) = PAPERS[paper][1 if half else 0]
    return render_style("packets/page.css.j2", theme=theme, half=half, size=f"{w:.2f}mm {h:.2f}mm").rstrip()


def quoted(style):
    """A function that puts a text in ``style``'s outer quotation marks."""
    def quote(text: str) -> str:
        return f"{style.outer[0]}{style.space}{text}{style.space}{style.outer[1]}"
    return quote


def _source_info(book: Book, reading, L: dict) -> dict:
    sec = reading.section
    meta = sec.source.meta if sec.source else {}
    info = {"title": sec.title, "author": meta.get("author"), "lang": meta.get("language"),
            "date": str(meta["date"]) if meta.get("date") else None, "range": None}
    if reading.partial:
        heads = [P.stringify(b["c"][2]) for b in reading.blocks[1:]
                 if b["t"] == "Header" and b["c"][0] == 2]
        if heads:
            quote = quoted(style_from_labels(L))
            info["range"] = (L["packet_range"].format(first=quote(heads[0]), last=quote(heads[-1]))
                             if len(heads) > 1 else quote(heads[0]))
    return info


def reading_id(k: int) -> str:
    """The id of the packet's ``k``-th reading (from 0) section."""
    return f"reading-{k + 1}"


def _readings(packet: Packet) -> list[Section]:
    """The packet's readings as sections for pandoc (``<slug>-<n>``)."""
    parts = [Section(id=f"{packet.slug}-{i}", title=r.section.title, blocks=r.blocks)
             for i, r in enumerate(packet.readings)]
    for part in parts:          # no index here: marks go (they would move lines)
        part.blocks = anchors_before(part.blocks, keep_ids=False)
    return parts


def readings_html(book: Book, packets: list[Packet], store: Path | None = None,
                  prune: bool = True) -> dict[str, str]:
    """{reading section id: its HTML} for ``packets``, in one pandoc call;
    ``store``: kept there between calls (common/html.sections_html)."""
    return sections_html([part for packet in packets for part in _readings(packet)],
                         lambda s: images.embed(notes_as_floats(s), book.config.root),
                         store=store, prune=prune)


def reading_fragments(book: Book, packet: Packet, store: Path | None = None) -> list[str]:
    """Each reading's HTML (pandoc), its paragraphs numbered across the
    packet: the same at every paper size. ``store``: where the packets'
    task list put every packet's readings (packets.tasks), so neither of a
    packet's two files runs pandoc again."""
    html = readings_html(book, [packet], store, prune=False)
    fragments, _ = number_paragraphs([html[f"{packet.slug}-{i}"]
                                      for i in range(len(packet.readings))])
    return fragments


def packet_html(book: Book, packet: Packet, paper: str = "a4", half: bool = False,
                first_reading: int | None = None, fragments: list[str] | None = None) -> str:
    """The packet as one HTML document; from ``first_reading`` on, with no
    cover and none of the readings before it (packets_layout lays a tail
    out again from there). Paragraph numbers are those of the whole packet.
    ``fragments``: its ``reading_fragments``, if already made."""
    if fragments is None:
        fragments = reading_fragments(book, packet)
    minutes, L = packet.minutes, labels(book.config.data["language"])
    readings = []
    for k, (r, frag) in enumerate(zip(packet.readings, fragments)):
        readings.append({**_source_info(book, r, L), "html": frag, "id": reading_id(k)})
    minutes_text = (L["minutes"].format(minutes=minutes) if minutes < 90
                    else L["hours_minutes"].format(hours=minutes // 60, minutes=minutes % 60))
    return render_template(
        "packets/packet.html.j2", theme=theme_of(book), cfg=book.config.data, editor=book.config.editor_name, packet=packet,
        readings=readings[first_reading or 0:], cover=first_reading is None,
        sources=readings, terms=glossary_terms(book, packet), labels=L,
        minutes_text=minutes_text, build_date=book.config.build_date,
        page_css=page_css(paper, half, theme_of(book)), booklet=half,
        note_lines=NOTE_LINES["half" if half else "full"])


def sheet_points(paper: str, half: bool) -> tuple[float, float]:
    w, h = PAPERS[paper][1 if half else 0]
    return w * MM, h * MM

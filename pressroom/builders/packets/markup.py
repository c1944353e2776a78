"""Study packets, step 2: one packet as an HTML document for WeasyPrint.

Place in the flow: packets_plan (what each session reads) → **packets_html**
→ packets (laid out at full and half sheet, imposed). The reading is the
book's own HTML (writers/html.py, notes inlined for ``float: footnote``);
every paragraph gets a number in the margin, 1..N across the packet, so a
group can say "paragraph 14".
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.builders.common import images
from pressroom.builders.common.html import notes_inline, sections_html
from pressroom.builders.packets.plan import Packet, glossary_terms
from pressroom.builders.printing.geometry import MM
from pressroom.builders.common.templating import render_template

PAPERS = {               # name → (full sheet, half sheet) in mm
    "a4": ((210, 297), (148, 210)),
    "letter": ((8.5 * 25.4, 11 * 25.4), (5.5 * 25.4, 8.5 * 25.4)),
}
# top, right (notes), bottom, left (paragraph numbers), in mm
MARGINS = {"full": (20, 58, 22, 26), "half": (14, 34, 16, 19)}
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


def page_css(paper: str, half: bool) -> str:
    (w, h) = PAPERS[paper][1 if half else 0]
    t, r, b, l = MARGINS["half" if half else "full"]
    return (f"@page {{ size: {w:.2f}mm {h:.2f}mm; "
            f"margin: {t}mm {r}mm {b}mm {l}mm; }}")


def _source_info(book: Book, reading) -> dict:
    sec = reading.section
    meta = sec.source.meta if sec.source else {}
    info = {"title": sec.title, "author": meta.get("author"),
            "date": str(meta["date"]) if meta.get("date") else None, "range": None}
    if reading.partial:
        heads = [P.stringify(b["c"][2]) for b in reading.blocks[1:]
                 if b["t"] == "Header" and b["c"][0] == 2]
        if heads:
            info["range"] = (f"from “{heads[0]}” to “{heads[-1]}”"
                             if len(heads) > 1 else f"“{heads[0]}”")
    return info


def packet_html(book: Book, packet: Packet, paper: str = "a4", half: bool = False) -> str:
    parts = [Section(id=f"{packet.slug}-{i}", title=r.section.title, blocks=r.blocks)
             for i, r in enumerate(packet.readings)]
    html = sections_html(parts, lambda s: images.embed(notes_inline(s.blocks), book.config.root))
    fragments, _ = number_paragraphs([html[s.id] for s in parts])
    readings = []
    for r, frag in zip(packet.readings, fragments):
        readings.append({**_source_info(book, r), "html": frag})
    minutes = packet.minutes
    minutes_text = (f"{minutes} minutes" if minutes < 90
                    else f"{minutes // 60} h {minutes % 60:02d} min")
    return render_template(
        "packets/packet.html.j2", cfg=book.config.data, packet=packet,
        readings=readings, terms=glossary_terms(book, packet),
        minutes_text=minutes_text, build_date=book.config.build_date,
        page_css=page_css(paper, half),
        note_lines=NOTE_LINES["half" if half else "full"])


def sheet_points(paper: str, half: bool) -> tuple[float, float]:
    w, h = PAPERS[paper][1 if half else 0]
    return w * MM, h * MM

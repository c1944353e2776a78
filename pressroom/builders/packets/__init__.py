"""The ``packets`` target: one printable reading per group session.

Place in the flow: packets_plan → packets_html → **packets** → dist/packets/.
For each session it writes

``NN-<name>.pdf``          the packet on A4 (or US Letter: ``packets.paper``);
``NN-<name>-booklet.pdf``  the packet laid out again at half the sheet (A5 /
                           5.5 × 8.5 in, so the type keeps its size), padded
                           with blank pages to a multiple of 4 and imposed
                           with pdfimpose for saddle stitching: two pages a
                           side on A4/Letter landscape, print duplex (flip on
                           the short edge), fold, staple;

and ``all-packets.pdf``, every full-size packet in one file with a bookmark
each, for the facilitator.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.build.output import atomic_path
from pressroom.builders.common import pdfid, weasy
from pressroom.builders.packets.markup import packet_html, sheet_points
from pressroom.builders.packets.plan import Packet, plan

BOOKLET_MULTIPLE = 4


def lay_out(book: Book, packet: Packet, paper: str, half: bool, out: Path) -> int:
    doc = weasy.render(packet_html(book, packet, paper, half), "packets/packet.css")
    doc.write_pdf(out, **pdfid.WEASY_OPTIONS)
    return len(doc.pages)


def pad(source: Path, out: Path, multiple: int, size: tuple[float, float]) -> int:
    """Copy ``source`` with blank pages up to a multiple, put before the last
    page, so the notes page stays the booklet's back page."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    while len(writer.pages) % multiple:
        writer.insert_blank_page(*size, index=len(writer.pages) - 1)
    with open(out, "wb") as fh:
        writer.write(fh)
    return len(writer.pages)


def impose_saddle(source: Path, out: Path, sheet: tuple[float, float]) -> None:
    """Two pages a side, one fold: pdfimpose's saddle schema. Two A5 pages
    make 296 mm, so each side is centred on the real sheet (A4: 297 mm)."""
    from pdfimpose.schema import saddle
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    saddle.impose([str(source)], str(out), folds="h")
    writer = PdfWriter(clone_from=PdfReader(str(out)))
    w, h = sheet
    for page in writer.pages:
        dx = (w - float(page.mediabox.width)) / 2
        dy = (h - float(page.mediabox.height)) / 2
        page.mediabox = RectangleObject([-dx, -dy, w - dx, h - dy])
    with open(out, "wb") as fh:
        writer.write(fh)


def build_booklet(book: Book, packet: Packet, paper: str, out: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="pressroom-packet-") as tmp:
        half, padded = Path(tmp) / "half.pdf", Path(tmp) / "padded.pdf"
        lay_out(book, packet, paper, True, half)
        pages = pad(half, padded, BOOKLET_MULTIPLE, sheet_points(paper, True))
        full_w, full_h = sheet_points(paper, False)
        impose_saddle(padded, out, (full_h, full_w))     # landscape
    return pages


def facilitator_file(book: Book, packets: list[Packet], files: list[Path], out: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for packet, path in zip(packets, files):
        start = len(writer.pages)
        writer.append(PdfReader(str(path)), import_outline=False)
        writer.add_outline_item(f"{packet.number}. {packet.title}", start)
    writer.add_metadata({"/Title": f"{book.config.title}: all study packets",
                         "/Author": book.config.editor})
    pdfid.prepare(writer)
    with open(out, "wb") as fh:
        writer.write(fh)


def build(book: Book, dist: Path) -> list[Path]:
    packets = plan(book)
    paper = (book.config.data.get("packets") or {}).get("paper") or "a4"
    folder = dist / "packets"
    outs: list[Path] = []
    full: list[Path] = []
    for packet in packets:
        pdf = folder / f"{packet.slug}.pdf"
        booklet = folder / f"{packet.slug}-booklet.pdf"
        with atomic_path(pdf) as tmp:
            lay_out(book, packet, paper, False, tmp)
            pdfid.stamp(tmp)
        with atomic_path(booklet) as tmp:
            build_booklet(book, packet, paper, tmp)
            pdfid.stamp(tmp)
        full.append(pdf)
        outs += [pdf, booklet]
    if packets:
        everything = folder / "all-packets.pdf"
        with atomic_path(everything) as tmp:
            facilitator_file(book, packets, full, tmp)
            pdfid.stamp(tmp)
        outs.append(everything)
    return outs

"""The ``packets`` target: one printable reading per group session.

Place in the flow: packets_plan → packets_html → **packets** → dist/packets/.
For each session it writes

``NN-<name>.pdf``          the packet on A4 (or US Letter: ``packets.paper``);
``NN-<name>-booklet.pdf``  the packet laid out again at half the sheet (A5 /
                           5.5 × 8.5 in, so the type keeps its size), padded
                           with blank pages to a multiple of 4 and imposed
                           (pikepdf) for saddle stitching: two pages a
                           side on A4/Letter landscape, print duplex (flip on
                           the short edge), fold, staple;

and ``all-packets.pdf``, every full-size packet in one file with a bookmark
each, for the facilitator; a blank page after a packet of odd length, so
every packet opens on a recto when the file is printed double-sided.

Layouts: each session is laid out twice, once per page size, and that is
needed: the booklet keeps the packet's type size (11.5 pt) on a page half
as large, so every line breaks elsewhere; scaling the A4 pages down would
shrink the type to 8 pt, and the pamphlet's A5 pages have another type
size, no paragraph numbers and no notes margin. Nothing else is laid out
twice except by the fix loop (packets_layout: a deferred note, a stranded
heading, a hyphenation fault; from the page before the first fault).
``all-packets.pdf`` joins the packets' own pages (pypdf). The readings'
HTML is made once for every packet, in one pandoc call, when the tasks are
listed, and kept in ``state/packets/html``. Each of the 2 × sessions files
is a task (``tasks``, ``run_task``, ``finish``): the runner
(build/runner.py) shares them out among its workers with the other
editions' work.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.build.output import atomic_path
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.builders.common import pdfid, weasy
from pressroom.builders.packets.layout import lay_out
from pressroom.builders.common.html import KEPT
from pressroom.builders.packets.markup import readings_html, sheet_points
from pressroom.builders.packets.plan import Packet, plan
from pressroom.builders.pdf import proof

BOOKLET_MULTIPLE = 4


def write_packet(book: Book, packet: Packet, paper: str, half: bool, out: Path,
                 store: Path | None = None) -> int:
    """The packet laid out with its fixes (packets_layout) and written;
    returns its page count. ``store``: its readings' HTML (``tasks``)."""
    doc = lay_out(book, packet, paper, half, store)
    with weasy.laying_out():
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


def saddle_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page indexes of each printed side, sheet by sheet,
    front then back: the outer sheet carries the last and first pages."""
    out = []
    for s in range(pages // 4):
        out.append((pages - 1 - 2 * s, 2 * s))
        out.append((2 * s + 1, pages - 2 - 2 * s))
    return out


def impose_saddle(source: Path, out: Path, sheet: tuple[float, float]) -> None:
    """Two pages a side, one fold, for saddle stitching. Each page becomes a
    form XObject placed on the side (pikepdf/qpdf): its content stream is
    referenced, not parsed and rewritten, and fonts stay shared. Two A5
    pages make 296 mm, so each pair is centred on the real sheet (A4: 297 mm)."""
    import pikepdf
    with pikepdf.open(source) as pdf:
        n = len(pdf.pages)
        box = [float(v) for v in pdf.pages[0].mediabox]
        pw, ph = box[2] - box[0], box[3] - box[1]
        w, h = sheet
        x0, y0 = (w - 2 * pw) / 2, (h - ph) / 2
        for left, right in saddle_order(n):
            side = pdf.add_blank_page(page_size=(w, h))
            draw = []
            for k, (page, x) in enumerate(((left, x0), (right, x0 + pw))):
                # named here, not by add_overlay (a random name: not reproducible)
                form = pdf.pages[page].as_form_xobject()
                name = side.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/P{k}"))
                draw.append(f"q 1 0 0 1 {x:.4f} {y0:.4f} cm {name} Do Q")
            side.contents_add(pdf.make_stream("\n".join(draw).encode()))
        del pdf.pages[:n]
        for key in ("/Outlines", "/Names", "/Dests"):   # they point at the pages removed
            if key in pdf.Root:
                del pdf.Root[key]
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)


def build_booklet(book: Book, packet: Packet, paper: str, out: Path,
                  store: Path | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="pressroom-packet-") as tmp:
        half, padded = Path(tmp) / "half.pdf", Path(tmp) / "padded.pdf"
        write_packet(book, packet, paper, True, half, store)
        pages = pad(half, padded, BOOKLET_MULTIPLE, sheet_points(paper, True))
        full_w, full_h = sheet_points(paper, False)
        impose_saddle(padded, out, (full_h, full_w))     # landscape
    return pages


def facilitator_file(book: Book, packets: list[Packet], files: list[Path], out: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for packet, path in zip(packets, files):
        if len(writer.pages) % 2:       # every packet opens on a recto
            last = writer.pages[-1]
            writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
        start = len(writer.pages)
        writer.append(PdfReader(str(path)), import_outline=False)
        writer.add_outline_item(f"{packet.number}. {packet.title}", start)
    writer.add_metadata({"/Title": f"{book.config.title}: all study packets",
                         "/Author": book.config.editor_name})
    pdfid.prepare(writer)
    with open(out, "wb") as fh:
        writer.write(fh)


def packet_file(book: Book, packet: Packet, paper: str, booklet: bool, out: Path,
                store: Path | None = None) -> list:
    """One file of one session: the full-size packet (proofed) or its booklet.
    Returns the proof's warnings, taken out of ``book`` (in a worker
    process it is a copy the caller never sees)."""
    before = len(book.warnings)
    with atomic_path(out) as tmp:
        if booklet:
            build_booklet(book, packet, paper, tmp, store)
        else:
            pages = write_packet(book, packet, paper, False, tmp, store)
        pdfid.stamp(tmp)
    if not booklet:
        proof.proof_edition(book, out, f"packets/{out.name}", pages=list(range(1, pages)))
    found = book.warnings[before:]
    del book.warnings[before:]          # the caller adds them, in the sessions' order
    return found


def tasks(book: Book, ctx: BuildContext) -> list[tuple[int, bool]]:
    """A task per file, (session's index, booklet?), the longest readings
    first, so the workers end together. Every file is laid out on its own
    (none waits for another's pages): the runner shares them out. First,
    every packet's readings are rendered to HTML in one pandoc call and
    kept (``state/packets/html``): each file's task takes its packet's from
    there, and a reading unchanged since the last build is not rendered."""
    packets = plan(book)
    readings_html(book, packets, ctx.state_dir / KEPT)
    order = sorted(range(len(packets)), key=lambda i: -packets[i].words)
    return [(i, booklet) for i in order for booklet in (False, True)]


def _paths(ctx: BuildContext, packet: Packet) -> tuple[Path, Path]:
    folder = ctx.out / "packets"
    return folder / f"{packet.slug}.pdf", folder / f"{packet.slug}-booklet.pdf"


def run_task(book: Book, ctx: BuildContext, task: tuple[int, bool]) -> list:
    """One file; returns its proof's warnings."""
    index, booklet = task
    packet = plan(book)[index]
    out = _paths(ctx, packet)[booklet]
    out.parent.mkdir(parents=True, exist_ok=True)
    return packet_file(book, packet, book.config.packet_settings.paper, booklet, out,
                       ctx.state_dir / KEPT)


def finish(book: Book, ctx: BuildContext, inputs: Inputs, done: list) -> Result:
    """The warnings in the sessions' order, then the facilitator's file,
    joined from the packets' own pages (no new layout)."""
    packets = plan(book)
    for _, found in sorted(done, key=lambda pair: pair[0]):
        book.warnings.extend(found)
    outs = [path for p in packets for path in _paths(ctx, p)]
    if packets:
        everything = ctx.out / "packets" / "all-packets.pdf"
        with atomic_path(everything) as tmp:
            facilitator_file(book, packets, [_paths(ctx, p)[0] for p in packets], tmp)
            pdfid.stamp(tmp)
        outs.append(everything)
    return Result(outs)

"""Prepress finishing: laid-out pages → a PDF/X-1a file a print shop accepts.

Place in the flow: WeasyPrint pages (the pamphlet's, or the cover's) →
**print_finish** → ``dist/print/``. With pikepdf (qpdf), every page is
placed on a larger sheet: the TrimBox is the page as designed, the
BleedBox extends it by the bleed, and crop marks are drawn in the slug
outside the bleed. Link annotations go, RGB colour operators become CMYK
(black text is K only), the page count is padded with blank pages, and the
file gets the PDF/X-1a identification and an output intent for the paper
(coated: FOGRA39, uncoated: FOGRA52). A print-on-demand preset has no slug
and no marks.

Why X-1a rather than X-4: X-4 must embed the output intent's ICC profile,
and no CMYK profile that may be redistributed is available to the build;
X-1a may name a registered characterisation (FOGRA39) instead, and the
content (black text, flat CMYK cover) needs nothing X-4 adds (no
transparency, no RGB images).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from pressroom.builders.common import pdfid
from pressroom.builders.printing.geometry import MM

# Registered characterisations (ICC's registry, color.org): coated paper
# FOGRA39; uncoated (white or cream book paper) FOGRA52, "PSO Uncoated v3".
OUTPUT_INTENTS = {
    True: {
        "identifier": "FOGRA39",
        "condition": "Offset printing, according to ISO 12647-2:2004/Amd 1, "
                     "coated paper (PT 1 and 2), 115 g/m2, screen 60/cm",
        "info": "Coated FOGRA39 (ISO 12647-2:2004)",
        "registry": "http://www.color.org",
    },
    False: {
        "identifier": "FOGRA52",
        "condition": "Offset printing, according to ISO 12647-2:2013, "
                     "uncoated white paper (PT 5), 115 g/m2, screen 60/cm",
        "info": "PSO Uncoated v3 (FOGRA52)",
        "registry": "http://www.color.org",
    },
}
OUTPUT_INTENT = OUTPUT_INTENTS[True]
PDFX = "PDF/X-1a:2003"
MARK_GAP = 2 * MM                  # between the BleedBox and a mark
MARK_LEN = 6 * MM
MARK_WIDTH = 0.25                  # points


@dataclass(frozen=True)
class Sheet:
    """Where a laid-out page goes on the finished page."""
    trim_w: float
    trim_h: float
    bleed: float
    slug: float                    # from the BleedBox to the MediaBox edge
    includes_bleed: bool = False   # the laid-out page already has the bleed area
    marks: bool = True             # crop marks in the slug (offset; none for POD)

    @property
    def media(self) -> tuple[float, float]:
        m = self.bleed + self.slug
        return self.trim_w + 2 * m, self.trim_h + 2 * m

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        m = self.bleed + self.slug
        return m, m, m + self.trim_w, m + self.trim_h

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return x0 - b, y0 - b, x1 + b, y1 + b


def crop_marks(sheet: Sheet, folds: tuple[float, ...] = ()) -> bytes:
    """Eight crop marks in line with the trim edges, outside the BleedBox;
    ``folds`` (x offsets from the trim's left edge, e.g. the cover's spine)
    get short marks top and bottom too. None when the sheet has no marks."""
    if not sheet.marks:
        return b""
    x0, y0, x1, y1 = sheet.trim_box
    bx0, by0, bx1, by1 = sheet.bleed_box
    a, b = MARK_GAP, MARK_GAP + MARK_LEN
    lines = []
    for x in (x0, x1):                             # vertical marks
        lines += [(x, by0 - a, x, by0 - b), (x, by1 + a, x, by1 + b)]
    for y in (y0, y1):                             # horizontal marks
        lines += [(bx0 - a, y, bx0 - b, y), (bx1 + a, y, bx1 + b, y)]
    for f in folds:
        x = x0 + f
        lines += [(x, by0 - a, x, by0 - b), (x, by1 + a, x, by1 + b)]
    ops = [f"{p[0]:.3f} {p[1]:.3f} m {p[2]:.3f} {p[3]:.3f} l" for p in lines]
    return ("q 0 0 0 1 K {:.2f} w 0 J\n{}\nS Q\n".format(
        MARK_WIDTH, "\n".join(ops))).encode()


# --- colour: RGB operators to CMYK ----------------------------------------

_NUM = rb"(-?\d*\.?\d+)"
_RGB = re.compile(rb"(?<![\w.])" + _NUM + rb"\s+" + _NUM + rb"\s+" + _NUM + rb"\s+(rg|RG)\b")


def _cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0, 0, 0, 1
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


def _cmyk_operator(m: re.Match) -> bytes:
    c = _cmyk(*(float(x) for x in m.groups()[:3]))
    op = b"k" if m.group(4) == b"rg" else b"K"
    return " ".join(f"{v:.4g}" for v in c).encode() + b" " + op


_OPERATOR = re.compile(rb"rg|RG")
# what a match holds before its operator: numbers and white space
_OPERANDS = frozenset(b"0123456789.-" + b" \t\n\r\f\v")


def rgb_to_cmyk(data: bytes) -> bytes:
    """Rewrite ``r g b rg``/``RG`` as ``c m y k k``/``K`` (black → K only).

    The result is ``_RGB.sub`` over the whole stream, but each match is
    looked for back from an operator: run forwards, the pattern is tried at
    every digit of every hex string (most of a page), 0.6 s for the book."""
    out, last = [], 0
    for op in _OPERATOR.finditer(data):
        start = op.start()
        while start > last and data[start - 1] in _OPERANDS:
            start -= 1
        # the look-behind sees before ``start``; endpos keeps one byte for \b
        m = _RGB.search(data, start, op.end() + 1)
        if m is None or m.end() != op.end():
            continue
        out += [data[last:m.start()], _cmyk_operator(m)]
        last = m.end()
    out.append(data[last:])
    return b"".join(out)


def _convert_forms(resources, seen: set) -> None:
    """RGB → CMYK inside the page's form XObjects too."""
    if resources is None or "/XObject" not in resources:
        return
    for xobj in resources.XObject.values():
        key = xobj.objgen if xobj.is_indirect else id(xobj)
        if key in seen:
            continue
        seen.add(key)
        if xobj.get("/Subtype") == Name.Form:
            data = xobj.read_bytes()
            converted = rgb_to_cmyk(data)
            if converted != data:
                xobj.write(converted)           # stored plain; compressed on save
            _convert_forms(xobj.get("/Resources"), seen)


def _note_colour_spaces(page, body: bytes, used: dict) -> None:
    """Record which of the page's declared colour spaces its content names.
    WeasyPrint shares one resources dictionary between pages, so the names
    are gathered per dictionary (``used``) and pruned once all pages are seen."""
    res = page.get("/Resources")
    if res is None or "/ColorSpace" not in res:
        return
    key = res.objgen if res.is_indirect else ("direct", len(used))
    names = used.setdefault(key, (res, set()))[1]
    names.update(k for k in res.ColorSpace.keys() if k.encode() in body)


def _drop_unused_colour_spaces(used: dict) -> None:
    """WeasyPrint declares Lab spaces on every page; X-1a allows none, so
    spaces no page using the resources names are removed from them."""
    for res, names in used.values():
        spaces = res.ColorSpace
        res.ColorSpace = Dictionary({k: spaces[k] for k in sorted(names)})


# --- the finished file ------------------------------------------------------

def _box(values) -> Array:
    return Array([round(v, 4) for v in values])


def _set_boxes(page, sheet: Sheet) -> None:
    w, h = sheet.media
    page.MediaBox = _box((0, 0, w, h))
    page.BleedBox = _box(sheet.bleed_box)
    page.TrimBox = _box(sheet.trim_box)
    for key in ("/CropBox", "/ArtBox"):
        if key in page:
            del page[key]


def _content(page) -> bytes:
    """The page's content, its streams decoded and joined."""
    contents = page.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def _place_pages(pdf: pikepdf.Pdf, sheet: Sheet, marks: bytes,
                 shifts: list[float] | None) -> None:
    """Each page onto the sheet: content moved (and made CMYK), marks
    added, links and structure references removed, boxes set."""
    offset = sheet.slug if sheet.includes_bleed else sheet.slug + sheet.bleed
    seen: set = set()
    used: dict = {}
    for i, page in enumerate(pdf.pages):
        obj = page.obj
        dx = offset + (shifts[i] if shifts else 0.0)
        body = rgb_to_cmyk(_content(obj))
        _convert_forms(obj.get("/Resources"), seen)
        obj.Contents = pdf.make_stream(f"q 1 0 0 1 {dx:.4f} {offset:.4f} cm\n".encode()
                                       + body + b"\nQ\n" + marks)
        _note_colour_spaces(obj, body, used)
        for key in ("/Annots", "/StructParents"):   # no links, no structure tree in print
            if key in obj:
                del obj[key]
        _set_boxes(obj, sheet)
    _drop_unused_colour_spaces(used)


def _pad(pdf: pikepdf.Pdf, sheet: Sheet, marks: bytes, pad_to: int) -> None:
    """Blank pages (crop marks only) up to a multiple of ``pad_to``."""
    while len(pdf.pages) % pad_to:
        page = pdf.add_blank_page(page_size=sheet.media).obj
        page.Contents = pdf.make_stream(marks)
        _set_boxes(page, sheet)


def finish(source: Path, out: Path, sheet: Sheet, *, title: str, date: str,
           shifts: list[float] | None = None, pad_to: int = 1,
           folds: tuple[float, ...] = (), coated: bool = True) -> int:
    """Finish ``source`` into ``out``; returns the final page count.

    ``shifts`` moves each page's content horizontally (mirrored margins);
    ``pad_to`` adds blank pages (crop marks only) up to a multiple. qpdf
    writes only the objects still reachable, so what the structure tree
    and the link annotations held is left out of the file."""
    marks = crop_marks(sheet, folds)
    with pikepdf.open(source) as pdf:
        _place_pages(pdf, sheet, marks, shifts)
        _pad(pdf, sheet, marks, pad_to)
        _identify(pdf, title, date, OUTPUT_INTENTS[coated])
        pages = len(pdf.pages)
        # qpdf would keep the laid-out file's /ID as the first string: the
        # print file gets one of its own (16 bytes each), which pdfid.stamp
        # then replaces in place. X-1a:2003 is PDF 1.4: a classic xref
        # table, no object streams.
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        pdf.save(out, force_version="1.4", deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    pdfid.stamp(out)
    return pages


def _identify(pdf: pikepdf.Pdf, title: str, date: str, intent_data: dict) -> None:
    """PDF/X-1a:2003: version keys, trapping, dates and the output intent."""
    root = pdf.Root
    # the pamphlet's tags serve screen readers, not presses: a print file
    # keeps no structure tree (its link annotations are gone too)
    for key in ("/Metadata", "/OutputIntents", "/AcroForm", "/StructTreeRoot",
                "/MarkInfo", "/ViewerPreferences"):
        if key in root:
            del root[key]
    root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(intent_data["identifier"]),
        OutputCondition=String(intent_data["condition"]),
        RegistryName=String(intent_data["registry"]),
        Info=String(intent_data["info"]),
    )])
    stamp = "D:" + date.replace("-", "").ljust(8, "1")[:8] + "000000Z"
    info = pdf.docinfo
    for key, value in (("/Title", title), ("/Creator", "pressroom"),
                       ("/Producer", "pressroom (WeasyPrint, pikepdf)"),
                       ("/CreationDate", stamp), ("/ModDate", stamp),
                       ("/GTS_PDFXVersion", PDFX), ("/GTS_PDFXConformance", PDFX)):
        info[key] = String(value)
    info.Trapped = Name("/False")

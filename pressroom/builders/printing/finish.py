"""Prepress finishing: laid-out pages → a PDF/X-1a file a print shop accepts.

Place in the flow: WeasyPrint pages (the pamphlet's, or the cover's) →
**print_finish** → ``dist/print/``. With pypdf, every page is placed on a
larger sheet: the TrimBox is the page as designed, the BleedBox extends it
by the bleed, and crop marks are drawn in the slug outside the bleed. Link
annotations go, RGB colour operators become CMYK (black text is K only),
the page count is padded with blank pages, and the file gets the PDF/X-1a
identification and an output intent for the paper (coated: FOGRA39,
uncoated: FOGRA52). A print-on-demand preset has no slug and no marks.

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

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject,
                           FloatObject, NameObject, TextStringObject)

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


def rgb_to_cmyk(data: bytes) -> bytes:
    """Rewrite ``r g b rg``/``RG`` as ``c m y k k``/``K`` (black → K only)."""
    def sub(m):
        c = _cmyk(*(float(x) for x in m.groups()[:3]))
        op = b"k" if m.group(4) == b"rg" else b"K"
        return " ".join(f"{v:.4g}" for v in c).encode() + b" " + op
    return _RGB.sub(sub, data)


def _convert_forms(resources, seen: set) -> None:
    """RGB → CMYK inside the page's form XObjects too."""
    if not resources or "/XObject" not in resources:
        return
    for ref in resources["/XObject"].values():
        key = getattr(ref, "idnum", id(ref))
        if key in seen:
            continue
        seen.add(key)
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Form":
            obj.set_data(rgb_to_cmyk(obj.get_data()))
            _convert_forms(obj.get("/Resources"), seen)


def _drop_unused_colour_spaces(page, body: bytes) -> None:
    """WeasyPrint declares Lab spaces on every page; X-1a allows none, so
    spaces the page never names are removed from its resources."""
    res = page.get("/Resources")
    if not res or "/ColorSpace" not in res:
        return
    spaces = res["/ColorSpace"].get_object()
    kept = DictionaryObject({k: v for k, v in spaces.items() if k.encode() in body})
    res.get_object()[NameObject("/ColorSpace")] = kept


# --- the finished file ------------------------------------------------------

def _box(values) -> ArrayObject:
    return ArrayObject([FloatObject(round(v, 4)) for v in values])


def _set_boxes(page, sheet: Sheet) -> None:
    w, h = sheet.media
    page[NameObject("/MediaBox")] = _box((0, 0, w, h))
    page[NameObject("/BleedBox")] = _box(sheet.bleed_box)
    page[NameObject("/TrimBox")] = _box(sheet.trim_box)
    for key in ("/CropBox", "/ArtBox"):
        if key in page:
            del page[key]


def finish(source: Path, out: Path, sheet: Sheet, *, title: str, date: str,
           shifts: list[float] | None = None, pad_to: int = 1,
           folds: tuple[float, ...] = (), coated: bool = True) -> int:
    """Finish ``source`` into ``out``; returns the final page count.

    ``shifts`` moves each page's content horizontally (mirrored margins);
    ``pad_to`` adds blank pages (crop marks only) up to a multiple."""
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    marks = crop_marks(sheet, folds)
    offset = sheet.slug if sheet.includes_bleed else sheet.slug + sheet.bleed
    seen: set = set()
    for i, page in enumerate(writer.pages):
        dx = offset + (shifts[i] if shifts else 0.0)
        contents = page.get_contents()
        body = rgb_to_cmyk(contents.get_data()) if contents is not None else b""
        _convert_forms(page.get("/Resources"), seen)
        stream = DecodedStreamObject()
        stream.set_data(f"q 1 0 0 1 {dx:.4f} {offset:.4f} cm\n".encode()
                        + body + b"\nQ\n" + marks)
        page[NameObject("/Contents")] = writer._add_object(stream)
        _drop_unused_colour_spaces(page, body)
        if "/Annots" in page:                    # links: none in print
            del page["/Annots"]
        if "/StructParents" in page:             # no structure tree in print
            del page["/StructParents"]
        _set_boxes(page, sheet)
    w, h = sheet.media
    while len(writer.pages) % pad_to:
        page = writer.add_blank_page(w, h)
        stream = DecodedStreamObject()
        stream.set_data(marks)
        page[NameObject("/Contents")] = writer._add_object(stream)
        _set_boxes(page, sheet)
    for page in writer.pages:
        page.compress_content_streams()
    _identify(writer, title, date, OUTPUT_INTENTS[coated])
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    pdfid.prepare(writer)
    with open(out, "wb") as fh:
        writer.write(fh)
    pdfid.stamp(out)
    return len(writer.pages)


def _drop_structure(writer: PdfWriter) -> None:
    """Remove the tag tree (and the link annotations it points at): its
    elements refer to each other, so they are freed one by one, following
    children and the parent tree, never pages (``/Pg``)."""
    from pypdf.generic import IndirectObject
    tree = writer._root_object.get("/StructTreeRoot")
    if tree is None:
        return
    todo, seen = [tree], set()
    while todo:
        ref = todo.pop()
        if isinstance(ref, IndirectObject):
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
        obj = ref.get_object() if isinstance(ref, IndirectObject) else ref
        if isinstance(obj, ArrayObject):
            todo.extend(obj)
        elif isinstance(obj, DictionaryObject):
            todo.extend(obj[k] for k in ("/K", "/ParentTree", "/Nums", "/Kids", "/Obj")
                        if k in obj)
    for idnum in seen:
        writer._objects[idnum - 1] = None


def _identify(writer: PdfWriter, title: str, date: str, intent_data: dict) -> None:
    """PDF/X-1a:2003: version keys, trapping, dates and the output intent."""
    root = writer._root_object
    _drop_structure(writer)
    # the pamphlet's tags serve screen readers, not presses: a print file
    # keeps no structure tree (its link annotations are gone too)
    for key in ("/Metadata", "/OutputIntents", "/AcroForm", "/StructTreeRoot",
                "/MarkInfo", "/ViewerPreferences"):
        if key in root:
            del root[key]
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(intent_data["identifier"]),
        NameObject("/OutputCondition"): TextStringObject(intent_data["condition"]),
        NameObject("/RegistryName"): TextStringObject(intent_data["registry"]),
        NameObject("/Info"): TextStringObject(intent_data["info"]),
    })
    root[NameObject("/OutputIntents")] = ArrayObject([intent])
    stamp = "D:" + date.replace("-", "").ljust(8, "1")[:8] + "000000Z"
    writer.add_metadata({
        "/Title": title, "/Creator": "pressroom", "/Producer": "pressroom (WeasyPrint, pypdf)",
        "/CreationDate": stamp, "/ModDate": stamp,
        "/GTS_PDFXVersion": PDFX, "/GTS_PDFXConformance": PDFX,
    })
    writer._info.get_object()[NameObject("/Trapped")] = NameObject("/False")
    writer.pdf_header = b"%PDF-1.4"

"""The print edition (issue 7), checked from the PDFs themselves.

The real book is read from the session's ``built`` dist (conftest); the
other trims and bindings are laid out from a one-chapter book, which is
enough for the geometry and keeps the suite quick.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from pressroom.settings import print as print_settings
from pressroom.settings.print import INCH, MM, TRIMS, PrintSettings

TOL = 0.1     # points


def _box(page, name):
    return [float(v) for v in page[name]]


def _check_boxes(pdf: Path, trim_w: float, trim_h: float, bleed: float):
    for page in PdfReader(str(pdf)).pages:
        x0, y0, x1, y1 = _box(page, "/TrimBox")
        assert abs((x1 - x0) - trim_w) < TOL and abs((y1 - y0) - trim_h) < TOL
        b = _box(page, "/BleedBox")
        assert all(abs(v) < TOL for v in (x0 - b[0] - bleed, y0 - b[1] - bleed,
                                           b[2] - x1 - bleed, b[3] - y1 - bleed))
        m = _box(page, "/MediaBox")
        assert m[0] <= b[0] and m[1] <= b[1] and m[2] >= b[2] and m[3] >= b[3]


def _fonts_embedded(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(str(pdf)).pages:
        res = page.get("/Resources")
        fonts = res.get_object().get("/Font") if res is not None else None
        if fonts is None:
            continue                        # a blank padding page
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descs = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            desc = next((d["/FontDescriptor"].get_object() for d in descs
                         if "/FontDescriptor" in d), None)
            assert desc is not None, font.get("/BaseFont")
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                font.get("/BaseFont")
            names.add(str(font.get("/BaseFont")))
    return names


def _assert_pdfx(pdf: Path):
    r = PdfReader(str(pdf))
    intents = r.trailer["/Root"]["/OutputIntents"]
    assert intents[0]["/S"] == "/GTS_PDFX"
    assert intents[0]["/OutputConditionIdentifier"]
    assert r.metadata["/GTS_PDFXVersion"].startswith("PDF/X-")
    assert r.metadata["/Trapped"] == "/False"


# --- the real book ----------------------------------------------------------

@pytest.fixture(scope="session")
def interior(built) -> Path:
    return built.dist / "print" / f"{built.slug}-interior.pdf"


@pytest.fixture(scope="session")
def cover(built) -> Path:
    return built.dist / "print" / f"{built.slug}-cover.pdf"


def test_interior_boxes_exact_a5(interior, config):
    s = config.print_settings
    _check_boxes(interior, *TRIMS["a5"], s.bleed)


def test_interior_page_count_is_a_multiple_of_the_binding(interior, config):
    assert len(PdfReader(str(interior)).pages) % config.print_settings.multiple == 0


def test_interior_keeps_the_pamphlet_pagination(interior, built):
    """A5: the interior is the pamphlet's pages, plus blank padding only."""
    pam = PdfReader(str(built.pdf)).pages
    pages = PdfReader(str(interior)).pages
    assert len(pages) >= len(pam)
    for i in (0, len(pam) // 2, len(pam) - 1):
        assert _words(pages[i].extract_text()) == _words(pam[i].extract_text())
    for page in pages[len(pam):]:
        assert not _words(page.extract_text())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text or "")


def test_interior_fonts_embedded_and_pdfx(interior):
    assert _fonts_embedded(interior)
    _assert_pdfx(interior)


def test_interior_has_no_links_and_black_text(interior):
    for page in PdfReader(str(interior)).pages[:40]:
        assert "/Annots" not in page
        data = page.get_contents().get_data()
        assert not re.search(rb"\brg\b|\bRG\b", data)      # no RGB colour at all


def test_interior_forms_have_no_rgb_or_lab_colour(interior):
    """PDF/X-1a: no RGB operator and no Lab colour space in any content,
    the form XObjects' included (each page's folio is one: pdf/stamps.py)."""
    import pikepdf
    forms = 0
    with pikepdf.open(interior) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            spaces = obj.get("/ColorSpace")
            if obj.get("/Type") != "/Pattern" and isinstance(spaces, pikepdf.Dictionary):
                assert not any(isinstance(v, pikepdf.Array) and v[0] == "/Lab"
                               for v in spaces.values()), obj.objgen
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
                forms += 1
                assert not re.search(rb"\brg\b|\bRG\b", obj.read_bytes()), obj.objgen
    assert forms > 200          # the folios, at least


def test_blank_pages_carry_no_folio(interior):
    pages = PdfReader(str(interior)).pages
    blank = [p for p in pages if not (p.extract_text() or "").strip()]
    assert blank, "the book has blank versos and padding"
    text_pages = [p for p in pages if (p.extract_text() or "").strip()]
    # a folio is a lone number: only pages with text have one
    assert all(not re.search(r"\d", p.extract_text() or "") for p in blank)
    assert any(re.search(r"(^|\n)\s*\d+\s*($|\n)", p.extract_text()) for p in text_pages)


def test_crop_marks_outside_the_trim_and_bleed(interior, cover):
    import pymupdf
    for path in (interior, cover):
        doc = pymupdf.open(str(path))
        page = doc[0]
        r = PdfReader(str(path)).pages[0]
        h = float(r.mediabox.height)
        tx0, ty0, tx1, ty1 = _box(r, "/TrimBox")
        bx0, by0, bx1, by1 = _box(r, "/BleedBox")
        marks = []
        for d in page.get_drawings():
            for item in d["items"]:
                if item[0] == "l":
                    p, q = item[1], item[2]
                    # pymupdf's y runs down: back to PDF space
                    marks.append((p.x, h - p.y, q.x, h - q.y))
        outside = [m for m in marks
                   if max(m[0], m[2]) <= bx0 or min(m[0], m[2]) >= bx1
                   or max(m[1], m[3]) <= by0 or min(m[1], m[3]) >= by1]
        assert len(outside) >= 8, (path.name, marks[:10])
        xs = {round(m[0], 1) for m in outside if abs(m[0] - m[2]) < 0.01}
        ys = {round(m[1], 1) for m in outside if abs(m[1] - m[3]) < 0.01}
        assert {round(tx0, 1), round(tx1, 1)} <= xs and {round(ty0, 1), round(ty1, 1)} <= ys


def test_cover_is_one_spread_with_the_computed_spine(cover, interior, config):
    s = config.print_settings
    pages = len(PdfReader(str(interior)).pages)
    spine = s.spine_width(pages)
    w, h = TRIMS[s.trim]
    r = PdfReader(str(cover))
    assert len(r.pages) == 1
    _check_boxes(cover, 2 * w + spine, h, s.bleed)
    _fonts_embedded(cover)
    _assert_pdfx(cover)
    text = r.pages[0].extract_text()
    assert config.title in " ".join(text.split())


def test_cover_spine_text_runs_top_to_bottom(cover, config):
    import pymupdf
    page = pymupdf.open(str(cover))[0]
    lines = [l for b in page.get_text("dict")["blocks"] for l in b.get("lines", [])]
    spine = [l for l in lines if abs(l["dir"][0]) < 0.01 and l["dir"][1] > 0.99]
    assert spine and config.title in "".join(s["text"] for l in spine for s in l["spans"])


# --- arithmetic -------------------------------------------------------------

@pytest.mark.parametrize("pages", [96, 288, 512])
def test_spine_width_for_two_papers(pages):
    by_ppi = PrintSettings(ppi=400)
    by_caliper = PrintSettings(caliper_mm=0.1)
    assert by_ppi.spine_width(pages) == pytest.approx(pages / 400 * INCH)
    assert by_caliper.spine_width(pages) == pytest.approx(pages / 2 * 0.1 * MM)
    assert PrintSettings(binding="saddle").spine_width(pages) == 0


def test_padding_multiples():
    assert PrintSettings(binding="saddle", signature=4).padded(29) == 32
    assert PrintSettings(signature=16).padded(275) == 288
    assert PrintSettings(signature=32).padded(288) == 288


# --- RGB → CMYK (finish.rgb_to_cmyk), on content streams made up here -----

def test_rgb_operators_become_cmyk():
    from pressroom.builders.printing.finish import rgb_to_cmyk
    assert rgb_to_cmyk(b"0 0 0 rg") == b"0 0 0 1 k"                 # black: K only
    assert rgb_to_cmyk(b"q 1 0 0 RG 2 w") == b"q 0 1 1 0 K 2 w"
    assert rgb_to_cmyk(b"BT 0.5 .5 0.50 rg ET") == b"BT 0 0 0 0.5 k ET"
    for kept in (b"x1 0 0 rg", b"1 0 0 rgb", b"0 0 rg", b"<0a0b0c> Tj"):
        assert rgb_to_cmyk(kept) == kept


_TOKENS = [b"0", b"1", b"5", b"0.25", b".5", b"-", b".", b" ", b"\n", b"\t",
           b"rg", b"RG", b"r", b"g", b"k", b"x", b"_", b"(", b"<", b">", b"TJ"]
# the operator with its three operands, looked for over the whole stream
_WHOLE = re.compile(rb"(?<![\w.])(-?\d*\.?\d+)\s+(-?\d*\.?\d+)\s+(-?\d*\.?\d+)\s+(rg|RG)\b")


@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map(b"".join))
def test_rgb_to_cmyk_rewrites_exactly_the_operators_a_forward_scan_finds(data):
    from pressroom.builders.printing.finish import rgb_to_cmyk
    assert rgb_to_cmyk(data) == _WHOLE.sub(lambda m: rgb_to_cmyk(m.group(0)), data)


# --- other trims and bindings, from a one-chapter book ----------------------

def _small_book(book, **print_conf):
    chapter = min(book.chapters, key=lambda s: len(s.blocks))
    data = dict(book.config.data, print=print_conf)
    config = dataclasses.replace(book.config, data=data,
                                 print_settings=print_settings.load(print_conf, book.config.path))
    small = dataclasses.replace(book, config=config, chapters=[chapter], front=[])
    small.warnings = []            # its own, not the session book's
    return small


def _build_print(book, out):
    """The print builder as the runner calls it: at A5, with the pamphlet the
    pdf builder made handed in."""
    from pressroom.builders import BUILDERS, BuildContext, Inputs, printing
    ctx = BuildContext(build_date=book.config.build_date, out=out, state_dir=out)
    inputs = Inputs()
    if book.config.print_settings.trim == "a5":
        inputs.files["pdf"] = BUILDERS["pdf"].build(book, ctx, Inputs()).files
    return printing.build(book, ctx, inputs).files


@pytest.mark.parametrize("trim,binding", [("a5", "saddle"), ("5.5x8.5in", "perfect"),
                                          ("6x9in", "saddle")])
def test_every_trim_setting(book, tmp_path, trim, binding):
    small = _small_book(book, trim=trim, binding=binding, bleed_mm=3, ppi=444)
    interior, cover = _build_print(small, tmp_path)
    s = small.config.print_settings
    w, h = TRIMS[trim]
    _check_boxes(interior, w, h, s.bleed)
    pages = len(PdfReader(str(interior)).pages)
    assert pages % (4 if binding == "saddle" else 16) == 0
    _check_boxes(cover, 2 * w + s.spine_width(pages), h, s.bleed)
    _fonts_embedded(interior)
    _assert_pdfx(interior)
    # no spine (saddle) or a thin one: no spine text, and a build warning says so
    warned = any("spine text left off" in w for w in small.warnings)
    assert warned == (not s.spine_has_text(pages)), small.warnings
    if binding == "saddle":
        assert warned

"""Print presets (issue 18): each service's page and cover geometry, spine
and barcode, from the services' published rules, to 0.1 pt.

Expected values are computed here from the published formulas (constants
typed from the services' documents), never with the code under test:
- KDP: spine = pages x 0.002252 in (white) / 0.0025 in (cream); bleed
  0.125 in; A5 trim 5.83 x 8.27 in; interior without bleed = trim; no marks.
- IngramSpark: spine = pages x 0.002252 in (white) / 0.0025 in (creme);
  bleed 0.125 in; A5 148 x 210 mm; interior = trim; no marks.
- Lulu: spine = pages / 444 + 0.06 in; bleed 0.125 in on the cover and the
  interior; A5 148 x 210 mm; no marks.
- offset: spine = pages / ppi; 3 mm bleed; crop marks in a 9 mm slug;
  16-page signatures.
The test book is tests/bad_inputs/base (small: quick to lay out).
"""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build

IN = 72.0
MM = 72 / 25.4
TOL = 0.1
BASE = ROOT / "tests" / "bad_inputs" / "base"
ISBN = "9780306406157"          # a valid ISBN-13 (check digit 7)

EXPECTED = {  # preset: (trim w, trim h, cover bleed, interior bleed, slug, pad multiple)
    "offset": (148 * MM, 210 * MM, 3 * MM, 3 * MM, 9 * MM, 16),
    "kdp": (5.83 * IN, 8.27 * IN, 0.125 * IN, 0.0, 0.0, 2),
    "ingramspark": (148 * MM, 210 * MM, 0.125 * IN, 0.0, 0.0, 2),
    "lulu": (148 * MM, 210 * MM, 0.125 * IN, 0.125 * IN, 0.0, 2),
}


def published_spine(preset: str, pages: int, paper: str = "white") -> float:
    if preset == "offset":
        return pages / 444 * IN
    if preset == "lulu":
        return (pages / 444 + 0.06) * IN
    return pages * {"white": 0.002252, "cream": 0.0025}[paper] * IN


@pytest.fixture(scope="module")
def small_book():
    from pressroom.pipeline import build_book
    from pressroom.settings.config import load_book
    return build_book(load_book(BASE / "book.yaml"))


def _with(book, **data):
    """The small book with other book.yaml settings, checked as they load."""
    from pressroom.settings import print as print_settings
    cfg = dict(book.config.data, **data)
    config = dataclasses.replace(
        book.config, data=cfg,
        print_settings=print_settings.load(cfg.get("print"), book.config.path))
    new = dataclasses.replace(book, config=config)
    new.warnings = []
    return new


def build(book, out):
    """The print builder as the runner calls it, with the pamphlet the pdf
    builder made handed in when the trim is the pamphlet's (A5)."""
    from pressroom.builders import BUILDERS, BuildContext, Inputs, printing
    ctx = BuildContext(build_date=book.config.build_date, out=out, state_dir=out)
    inputs = Inputs()
    if book.config.print_settings.trim == "a5":
        inputs.files["pdf"] = BUILDERS["pdf"].build(book, ctx, Inputs()).files
    return printing.build(book, ctx, inputs).files


@pytest.fixture(scope="module")
def built_presets(small_book, tmp_path_factory):
    out = {}
    for preset in EXPECTED:
        dist = tmp_path_factory.mktemp(preset)
        book = _with(small_book, isbn=ISBN,
                     print={"preset": preset, "paper": "white", "ppi": 444})
        out[preset] = build(book, dist)
    return out


def _box(page, name):
    return [float(v) for v in page[name]]


def _check(pdf, trim_w, trim_h, bleed, slug):
    for page in PdfReader(str(pdf)).pages:
        t, b, m = _box(page, "/TrimBox"), _box(page, "/BleedBox"), _box(page, "/MediaBox")
        assert abs(t[2] - t[0] - trim_w) < TOL and abs(t[3] - t[1] - trim_h) < TOL
        for i, sign in ((0, -1), (1, -1), (2, 1), (3, 1)):
            assert abs(b[i] - (t[i] + sign * bleed)) < TOL
            assert abs(m[i] - (b[i] + sign * slug)) < TOL


@pytest.mark.parametrize("preset", list(EXPECTED))
def test_preset_interior_and_cover_geometry(built_presets, preset):
    interior, cover = built_presets[preset]
    w, h, bleed, inner_bleed, slug, multiple = EXPECTED[preset]
    _check(interior, w, h, inner_bleed, slug)
    pages = len(PdfReader(str(interior)).pages)
    assert pages % multiple == 0
    if multiple == 2:            # print on demand: no padding blanks beyond a leaf
        assert pages - 17 < 2    # the small book lays out 17 pages
    _check(cover, 2 * w + published_spine(preset, pages), h, bleed, slug)


@pytest.mark.parametrize("preset", list(EXPECTED))
def test_marks_only_for_offset(built_presets, preset):
    interior, _ = built_presets[preset]
    data = PdfReader(str(interior)).pages[0].get_contents().get_data()
    assert (b"0 0 0 1 K" in data) == (preset == "offset")


@pytest.mark.parametrize("preset", ["offset", "kdp", "ingramspark", "lulu"])
@pytest.mark.parametrize("pages", [120, 288])
def test_spine_width_by_published_formula(preset, pages):
    from pressroom.settings.print import PrintSettings
    for paper in ("white", "cream") if preset in ("kdp", "ingramspark") else ("white",):
        got = PrintSettings(preset=preset, paper=paper, ppi=444).spine_width(pages)
        assert abs(got - published_spine(preset, pages, paper)) < TOL


def test_lulu_spine_for_the_real_book_page_count():
    # the review: 288 pages on Lulu -> 288/444 + 0.06 in = 18.0 mm
    from pressroom.settings.print import PrintSettings
    assert round(PrintSettings(preset="lulu").spine_width(288) / MM, 1) == 18.0


def test_output_intent_follows_the_paper(small_book, tmp_path):
    for paper, ident in (("white", "FOGRA52"), ("coated", "FOGRA39")):
        book = _with(small_book, print={"preset": "kdp", "paper": paper})
        interior, cover = build(book, tmp_path / paper)
        for pdf in (interior, cover):
            r = PdfReader(str(pdf))
            assert r.trailer["/Root"]["/OutputIntents"][0]["/OutputConditionIdentifier"] == ident
            assert r.trailer.get("/ID")


# --- the barcode -----------------------------------------------------------

L_CODES = ["0001101", "0011001", "0010011", "0111101", "0100011",
           "0110001", "0101111", "0111011", "0110111", "0001011"]
PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
          "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def ean13_modules(code: str) -> str:
    """The 95 modules of an EAN-13 (GS1 General Specifications, 5.2.2)."""
    r = lambda d: "".join("1" if c == "0" else "0" for c in L_CODES[d])
    g = lambda d: r(d)[::-1]
    left = "".join(L_CODES[int(d)] if p == "L" else g(int(d))
                   for d, p in zip(code[1:7], PARITY[int(code[0])]))
    return "101" + left + "01010" + "".join(r(int(d)) for d in code[7:]) + "101"


def test_kdp_cover_barcode_reads_as_the_isbn(built_presets, tmp_path):
    import pypdfium2 as pdfium
    _, cover = built_presets["kdp"]
    text = PdfReader(str(cover)).pages[0].extract_text()
    assert f"ISBN {ISBN}" in text
    w, h, bleed, *_ = EXPECTED["kdp"]
    scale = 12                   # pixels per point: a 0.33 mm module is ~11 px
    img = pdfium.PdfDocument(str(cover))[0].render(scale=scale).to_pil().convert("L")
    # the barcode area: 2 x 1.2 in, 0.25 in from the spine fold and the bottom trim
    right = (bleed + w - 0.25 * IN) * scale
    left = right - 2.0 * IN * scale
    bottom = img.height - (bleed + 0.25 * IN) * scale
    top = bottom - 1.2 * IN * scale
    y = int(top + (bottom - top) * 0.5)
    row = [img.getpixel((x, y)) < 128 for x in range(int(left), int(right))]
    runs, last, count = [], row[0], 0
    for px in row:
        if px == last:
            count += 1
        else:
            runs.append((last, count))
            last, count = px, 1
    runs.append((last, count))
    bars = runs[1:-1] if not runs[0][0] else runs       # drop the white margins
    if bars and not bars[-1][0]:
        bars = bars[:-1]
    unit = sum(n for _, n in bars) / 95
    modules = "".join(("1" if dark else "0") * round(n / unit) for dark, n in bars)
    assert modules == ean13_modules(ISBN)


# --- a wrong ISBN -----------------------------------------------------------

def test_invalid_isbn_is_a_clear_error(tmp_path):
    project = tmp_path / "manuscript"
    shutil.copytree(BASE, project)
    book_yaml = project / "book.yaml"
    book_yaml.write_text(book_yaml.read_text() + "isbn: 978-0-306-40615-8\n")
    lines = book_yaml.read_text().splitlines()
    line = next(i for i, l in enumerate(lines, 1) if l.startswith("isbn:"))
    dist = tmp_path / "dist"
    proc = run_build("print", "--book", str(book_yaml), "--dist", str(dist), cwd=tmp_path)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert re.search(rf"book\.yaml:{line}: .*isbn.*check digit should be 7", proc.stderr), \
        proc.stderr
    assert not dist.exists() or not any(dist.rglob("*.pdf"))

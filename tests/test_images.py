"""Images inside the book folder reach both editions as figures: the EPUB
carries the file and an <img> with its alt text inside a <figure>; the PDF
draws it (its page, rendered, has the image's red pixels). Relative links
never become file:// links in the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"


@pytest.fixture(scope="module")
def image_book(tmp_path_factory):
    from PIL import Image
    tmp = tmp_path_factory.mktemp("img")
    book = tmp / "manuscript"
    shutil.copytree(BASE, book)
    (book / "sources" / "img").mkdir()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(book / "sources" / "img" / "red.png")
    gamma = book / "sources" / "gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace(
        "## Looking back", "![A red square](img/red.png)\n\nSee [the other page](other.md) "
        "and [the notes](#gamma).\n\n## Looking back"), encoding="utf-8")
    dist = tmp / "dist"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "pdf", "epub", "--book",
                           str(book / "book.yaml"), "--dist", str(dist), "--jobs", "1"],
                          cwd=tmp, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return book, dist, proc.stderr


def test_epub_carries_the_image_as_a_figure(image_book):
    from lxml import etree
    book, dist, _ = image_book
    with zipfile.ZipFile(next(dist.glob("*.epub"))) as z:
        names = z.namelist()
        png = [n for n in names if n.startswith("EPUB/images/") and n != "EPUB/images/cover.png"]
        assert len(png) == 1
        assert z.read(png[0]) == (book / "sources" / "img" / "red.png").read_bytes()
        root = etree.fromstring(z.read("EPUB/text/gamma.xhtml"))
        assert 'media-type="image/png"' in z.read("EPUB/content.opf").decode()
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    figures = root.findall(".//h:figure", ns)
    assert len(figures) == 1
    img = figures[0].find("h:img", ns)
    assert img.get("alt") == "A red square"
    assert img.get("src") == "../" + png[0].removeprefix("EPUB/")


def test_pdf_draws_the_image(image_book):
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    _, dist, _ = image_book
    pdf = next(dist.glob("*.pdf"))
    pages = [i for i, p in enumerate(PdfReader(pdf).pages)
             if "A red square" in (p.extract_text() or "")]
    assert len(pages) == 1
    image = pdfium.PdfDocument(pdf)[pages[0]].render(scale=1).to_pil().convert("RGB")
    px = image.tobytes()
    red = sum(1 for i in range(0, len(px), 3)
              if px[i] > 180 and px[i + 1] < 60 and px[i + 2] < 60)
    assert red > 2000, red          # 120 x 80 px at 96 dpi is about 5,000 px at 72 dpi


def test_pdf_links_are_never_file_urls(image_book):
    from pypdf import PdfReader
    _, dist, log = image_book
    raw = next(dist.glob("*.pdf")).read_bytes()
    assert b"file:" not in raw
    for page in PdfReader(next(dist.glob("*.pdf"))).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert "/URI" not in action or re.match(r"^(https?|mailto):", str(action["/URI"]))
    assert re.search(r"gamma\.md:\d+: link to 'other\.md' kept as text", log)


def test_decompression_bomb_is_one_line(tmp_path):
    """A 20,000 x 20,000 PNG (50 kB on disk, 400 million pixels) is refused
    before anything tries to decode it."""
    from PIL import Image
    book = tmp_path / "manuscript"
    shutil.copytree(BASE, book)
    Image.new("1", (20000, 20000)).save(book / "sources" / "bomb.png", optimize=True)
    gamma = book / "sources" / "gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace(
        "## Looking back", "![Bomb](bomb.png)\n\n## Looking back"), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "pdf", "--book",
                           str(book / "book.yaml"), "--dist", str(tmp_path / "dist"), "--quiet"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "error: manuscript/sources/gamma.md:6: image too large to lay out: bomb.png "
        "(scale it down (a book page needs a few million pixels at most))"]
    assert not list((tmp_path / "dist").glob("*.pdf"))

"""pdf/stamps.py: a chapter's folios taken off its pages, laid out alone, and
stamped back at the join, where they stood, as pagination artifacts.

Small WeasyPrint documents with stylesheets of the tests' own; what each
page should show is read back with pypdfium2 and computed here from the
page numbers, not by the code under test."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import weasyprint

from pressroom.builders.pdf import stamps

PAGES = """
@page { size: 148mm 210mm; margin: 20mm;
  @top-center { content: "HEAD"; }
  @bottom-center { content: counter(page); } }
@page :first { @bottom-center { content: none; } }
@page plain { @bottom-center { content: none; } }
"""


def _render(html: str, first: int = 1):
    css = PAGES + (f"@page :first {{ counter-set: page {first}; }}" if first != 1 else "")
    return weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=css)])


def _body(pages: int) -> str:
    return "".join(f'<p style="break-before: page">body {n + 1}</p>' for n in range(pages))


def _texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    return [doc[i].get_textpage().get_text_range().strip() for i in range(len(doc))]


def _chars(path: Path, page: int, text: str) -> tuple:
    """The box of ``text``'s first character on ``page``, rounded to 0.1 pt."""
    doc = pdfium.PdfDocument(str(path))
    tp = doc[page].get_textpage()
    at = tp.get_text_range().index(text)
    return tuple(round(v, 1) for v in tp.get_charbox(at))


def test_take_off_says_which_pages_had_a_folio_and_draws_none(tmp_path):
    doc = _render(_body(3))
    assert stamps.take_off(doc.pages) == [False, True, True]
    doc.write_pdf(tmp_path / "off.pdf")
    texts = _texts(tmp_path / "off.pdf")
    assert [t.replace("HEAD", "").strip() for t in texts] == ["body 1", "body 2", "body 3"]
    assert all("HEAD" in t for t in texts)           # the running heads stay


def _folios(tmp_path: Path, shown: list[bool], first: int) -> Path:
    doc = _render(stamps.folio_html(shown, None), first)
    stamps.keep_only_folios(doc.pages)
    path = tmp_path / "folios.pdf"
    doc.write_pdf(path)
    return path


def test_the_folio_document_has_a_page_per_folio_and_only_folios(tmp_path):
    shown = [False, True, True, False, True]
    texts = _texts(_folios(tmp_path, shown, 7))
    assert texts == [str(7 + i) if on else "" for i, on in enumerate(shown)]


def test_stamp_draws_each_folio_where_the_layout_put_it_as_an_artifact(tmp_path):
    whole = _render(_body(4))                      # the folios as a plain layout prints them
    whole.write_pdf(tmp_path / "whole.pdf")
    doc = _render(_body(4))
    shown = stamps.take_off(doc.pages)
    doc.write_pdf(tmp_path / "bare.pdf")
    folios = _folios(tmp_path, shown, 1)

    with pikepdf.open(tmp_path / "bare.pdf") as pdf, pikepdf.open(folios) as source:
        stamps.stamp(pdf, source, {n: n for n, on in enumerate(shown) if on})
        pdf.save(tmp_path / "stamped.pdf", deterministic_id=True)
        content = [pikepdf.Page(p).obj.Contents for p in pdf.pages]
        resources = {str(kind): sorted(names.keys()) for kind, names
                     in pdf.pages[1].obj.Resources.XObject["/Folio1"].Resources.items()}
        streams = [b"".join(c.read_bytes() for c in (x if isinstance(x, pikepdf.Array) else [x]))
                   for x in content]

    assert _texts(tmp_path / "stamped.pdf") == _texts(tmp_path / "whole.pdf")
    for n in (1, 2, 3):
        assert _chars(tmp_path / "stamped.pdf", n, str(n + 1)) == \
            _chars(tmp_path / "whole.pdf", n, str(n + 1))        # the folio's place
        assert _chars(tmp_path / "stamped.pdf", n, "body") == \
            _chars(tmp_path / "whole.pdf", n, "body")            # the page's own text
        tail = streams[n][streams[n].rindex(b"Q\n"):]
        assert tail == (b"Q\n/Artifact <</Type /Pagination>> BDC\n/Folio%d Do\nEMC\n" % n)
        assert streams[n].startswith(b"q\n")
    assert b"/Folio" not in streams[0]               # the opening page: no folio
    # the form keeps only what its content names: a font (no Lab colour
    # space, pattern or shading of WeasyPrint's page resources)
    assert set(resources) <= {"/Font", "/ExtGState"} and len(resources["/Font"]) == 1


def test_the_same_stamps_make_the_same_file(tmp_path):
    doc = _render(_body(3))
    shown = stamps.take_off(doc.pages)
    doc.write_pdf(tmp_path / "bare.pdf")
    folios = _folios(tmp_path, shown, 1)
    made = []
    for n in range(2):
        with pikepdf.open(tmp_path / "bare.pdf") as pdf, pikepdf.open(folios) as source:
            stamps.stamp(pdf, source, {1: 1, 2: 2})
            pdf.save(tmp_path / f"s{n}.pdf", deterministic_id=True)
        made.append((tmp_path / f"s{n}.pdf").read_bytes())
    assert made[0] == made[1]

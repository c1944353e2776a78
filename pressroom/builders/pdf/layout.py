"""Lay the pamphlet out once, with exact page numbers, and join the parts.

Place in the flow: pdf_html (HTML per part) → **pdf_layout** (WeasyPrint
documents, page numbers) → pdf (writes the file; also the print edition).

Every part of the book opens on a recto (see pdf_html), and so does every
chapter, so each can be laid out on its own, in the order their page
numbers become known:

1. the chapters, one document each, folios 1…N running on from one to the
   next. Their ``Page.anchors`` give the page of every heading, paragraph,
   note and index mark: the ``numbers`` map. A chapter in which WeasyPrint
   deferred a footnote past its call's page is laid out again with
   pdf_notes' fix: only that chapter, and only from the last page before
   the fix that opens cleanly (pdf_resume; ``RenderedBook.note_fixes``).
   In a long-running process (watch), a chapter whose HTML, styles and
   first folio are those of its previous build is reused as it was laid
   out (pdf_reuse): a one-chapter edit lays out that chapter alone.
2. ``glossary``: starts on the next recto after the body (pdf/glossary.py).
3. ``front``: its contents now knows every page number (its own preface
   uses ``target-counter``, a handful of lookups inside a small document).
4. ``index``: every locator's page is known, front matter included; laid
   out again with "(continued)" lines where an entry breaks (pdf/continued.py),
   from the first page they change; up front if a build before kept them.

No ``target-counter()`` is ever resolved across the book, so page numbers
cost one small extra layout each for contents and index instead of a
second pass over the body. The parts' pages are joined with
``Document.copy()`` (links and bookmarks are resolved at write time over
all pages, so they survive the join), with a blank page wherever a part
would otherwise open on a verso.

API for the other editions (the print interior reuses this pagination):

    rendered = render_book(book, extra_css="", page_size="148mm 210mm")
                             # page_size: CSS size, or (width, height) in pt
    rendered.document        # joined weasyprint.Document
    rendered.labels          # folio label of every physical page
    rendered.numbers         # anchor id -> folio label
    rendered.parts           # part name -> weasyprint.Document
    write(rendered, path, **pdf_options)   # or rendered.write_pdf(path)
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.builders.common import safety, weasy
from pressroom.builders.common.fetch import project_url_fetcher
from pressroom.builders.pdf import anchors as pdf_anchors
from pressroom.builders.pdf import continued as pdf_continued
from pressroom.builders.pdf import fixes as pdf_fixes
from pressroom.builders.pdf import resume as pdf_resume
from pressroom.builders.pdf import reuse as pdf_reuse
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.folios import blank_label, roman
from pressroom.builders.pdf.glossary import lay_out_glossary
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.nametree import balance_dests
from pressroom.builders.common.templating import PACKAGE, render_style, style_base, style_path, theme_of

A5 = "148mm 210mm"


@dataclass
class RenderedBook:
    book: Book
    document: object                       # weasyprint.Document, all pages
    labels: list[str]                      # folio label per physical page
    numbers: dict[str, str]                # anchor -> folio label
    parts: dict[str, object]               # part -> weasyprint.Document
    first_page: dict[str, int] = field(default_factory=dict)  # part -> index
    html: BookHTML | None = None
    note_fixes: list[str] = field(default_factory=list)      # CSS pdf_notes added
    timings: dict[str, list[float]] = field(default_factory=dict)  # part -> layouts (s)
    note_hints: dict[str, str] = field(default_factory=dict)  # to keep for next build

    @property
    def pages(self):
        return self.document.pages

    def write_pdf(self, path, **pdf_options) -> None:
        write(self, Path(path), **pdf_options)


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


class _Renderer:
    """Shared fonts and stylesheets for the parts of one book."""

    def __init__(self, book: Book, extra_css: str, page_size):
        import weasyprint
        if not isinstance(page_size, str):          # (width, height) in pt
            page_size = f"{page_size[0]:.3f}pt {page_size[1]:.3f}pt"
        from weasyprint.text.fonts import FontConfiguration
        self.weasyprint = weasyprint
        self.fonts = FontConfiguration()
        self.theme = theme = theme_of(book)
        book_css = render_style("pdf/pages.css.j2", theme=theme, page_size=page_size,
                                title=css_string(book.config.data["title"]))
        self.sheets = [
            weasyprint.CSS(string=style_path("pdf/book.css", theme).read_text(encoding="utf-8"),
                           base_url=style_base("pdf/book.css"),
                           url_fetcher=project_url_fetcher, font_config=self.fonts),
            weasyprint.CSS(string=book_css, font_config=self.fonts),
        ]
        if extra_css:
            self.sheets.append(weasyprint.CSS(string=extra_css, font_config=self.fonts,
                                              base_url=str(PACKAGE) + "/",
                                              url_fetcher=project_url_fetcher))
        self.page_size = page_size
        self.signature = "\n".join([style_path("pdf/book.css", theme).read_text(encoding="utf-8"),
                                    book_css, extra_css or ""])
        self.timings: dict[str, list[float]] = {}

    def render(self, html: str, first_folio: int = 1, folio_style: str = "decimal",
               timing: str = "other"):
        started = time.perf_counter()
        try:
            with weasy.laying_out(first_folio):
                return self._render(html, first_folio, folio_style)
        finally:
            self.timings.setdefault(timing, []).append(time.perf_counter() - started)

    def _render(self, html: str, first_folio: int, folio_style: str):
        part_css = render_style("pdf/folios.css.j2", theme=self.theme, first_folio=first_folio,
                                folio_style=folio_style)
        sheets = list(self.sheets)
        if part_css:
            sheets.append(self.weasyprint.CSS(string=part_css, font_config=self.fonts))
        doc = self.weasyprint.HTML(string=safety.check(html, "PDF"), base_url=str(PACKAGE) + "/",
                                   url_fetcher=project_url_fetcher)
        rendered = doc.render(stylesheets=sheets, font_config=self.fonts)
        pdf_anchors.place(rendered.pages)
        return rendered

    def blank(self):
        doc = self.weasyprint.HTML(string="<html><body></body></html>")
        css = self.weasyprint.CSS(string=render_style("pdf/blank.css.j2", theme=self.theme,
                                                      page_size=self.page_size).rstrip())
        return doc.render(stylesheets=[css]).pages[0]


def _anchors(doc, labels: list[str], numbers: dict[str, str]) -> None:
    for label, page in zip(labels, doc.pages):
        for name in page.anchors:
            numbers.setdefault(name, label)


def render_book(book: Book, extra_css: str = "", page_size=A5,
                html: BookHTML | None = None,
                note_hints: dict[str, str] | None = None,
                layouts: pdf_reuse.LaidOut | None = None) -> RenderedBook:
    """Lay the whole pamphlet out (see the module docstring); ``layouts``:
    chapters laid out by an earlier build of this process (pdf_reuse)."""
    html = html or BookHTML.of(book)
    layouts = layouts if layouts is not None else pdf_reuse.LaidOut()
    layouts.begin()
    r = _Renderer(book, extra_css, page_size)
    parts = html.parts()
    docs: dict[str, object] = {}
    labels: dict[str, list[str]] = {}
    numbers: dict[str, str] = {}
    start: dict[str, str] = {}
    fixes: list[str] = []
    used_hints: dict[str, str] = {}

    folio = 1
    for sec in book.chapters:
        doc, notes_fixed = _chapter(r, html, sec.id, folio, note_hints, used_hints, layouts)
        fixes.extend(notes_fixed)
        docs[f"body:{sec.id}"] = doc
        labels[f"body:{sec.id}"] = [str(folio + i) for i in range(len(doc.pages))]
        _anchors(doc, labels[f"body:{sec.id}"], numbers)
        folio = _next_recto(folio + len(doc.pages))
    next_folio = folio
    if "glossary" in parts:
        start["glossary"] = str(next_folio)
        docs["glossary"] = lay_out_glossary(r, html, numbers, next_folio, note_hints or {},
                                             used_hints)
        labels["glossary"] = [str(next_folio + i) for i in range(len(docs["glossary"].pages))]
        _anchors(docs["glossary"], labels["glossary"], numbers)
        next_folio = _next_recto(next_folio + len(docs["glossary"].pages))
    if "index" in parts:
        start["index"] = str(next_folio)

    docs["front"] = r.render(html.render(["front"], numbers, start),
                             folio_style="lower-roman", timing="front")
    labels["front"] = [roman(i + 1) for i in range(len(docs["front"].pages))]
    _anchors(docs["front"], labels["front"], numbers)

    if "index" in parts:
        docs["index"] = pdf_continued.lay_out_kept(
            lambda cont, css: html.render(["index"], numbers, start, continued=cont, css=css),
            lambda text, page: r.render(text, next_folio + page, timing="index"),
            f"{r.signature}\n{next_folio}", note_hints or {}, used_hints)
        labels["index"] = [str(next_folio + i) for i in range(len(docs["index"].pages))]
        _anchors(docs["index"], labels["index"], numbers)

    pages, all_labels, first_page = [], [], {}
    blank = None
    order = ["front", *(f"body:{s.id}" for s in book.chapters), "glossary", "index"]
    for part in order:
        if part not in docs:
            continue
        if len(pages) % 2:       # the part would open on a verso
            blank = blank or r.blank()
            pages.append(blank)
            all_labels.append(blank_label(all_labels[-1]))
        first_page[part] = len(pages)
        pages.extend(docs[part].pages)
        all_labels.extend(labels[part])
    first_page["body"] = first_page[f"body:{book.chapters[0].id}"]
    document = docs["front"].copy(pages)
    layouts.keep_only_used()
    return RenderedBook(book=book, document=document, labels=all_labels,
                        numbers=numbers, parts=docs, first_page=first_page, html=html,
                        note_fixes=fixes, timings=r.timings, note_hints=used_hints)


def _chapter(r: "_Renderer", html: BookHTML, ident: str, folio: int,
             hints: dict[str, str] | None, used: dict[str, str], layouts: pdf_reuse.LaidOut):
    """One chapter laid out from ``folio``; laid out again (at most
    ``pdf_fixes.ROUNDS`` times) with pdf_fixes' next fix (a footnote deferred past its
    call's page, a heading stranded at a page foot, a paragraph breaking a
    hyphenation rule), from the page where the fix can make a difference
    (pdf_resume).
    ``hints`` (chapter HTML + styles digest -> fix CSS, kept between
    builds by pdf.build) lets an unchanged chapter get its fix up front;
    ``layouts`` (pdf_reuse) gives it as a previous build laid it out."""
    source = html.render(["body"], chapters=[ident])
    key = hashlib.sha256((r.signature + source).encode()).hexdigest()
    kept_key = pdf_reuse.chapter_key(r.signature, source, folio)
    if (kept := layouts.get(kept_key, ident)) is not None:
        used.update({key: kept.css} if kept.css else {})
        return kept.document, list(kept.fixes)
    css = (hints or {}).get(key, "")
    doc = r.render(html.render(["body"], chapters=[ident], css=css), folio,
                   timing=f"body:{ident}")
    title = css_string(next(s.title for s in html.book.chapters if s.id == ident))
    pages, css = pdf_fixes.until_clean(
        list(doc.pages), folio, css,
        lambda css, pages, bad: pdf_resume.lay_out_again(r, html, ident, folio, css, pages,
                                                         bad, title))
    if css:
        used[key] = css
    laid_out, fixes = doc.copy(pages), [line for line in css.splitlines() if line]
    layouts.put(kept_key, pdf_reuse.Entry(r, laid_out, fixes, css))
    return laid_out, fixes


def _next_recto(folio: int) -> int:
    return folio if folio % 2 else folio + 1


def page_labels_finisher(rendered: RenderedBook):
    """A write_pdf finisher that sets /PageLabels: roman for the front
    matter, arabic from 1 for the rest, so viewers show the folios; and
    makes the named destinations a balanced tree (nametree.py)."""
    import pydyf

    def finish(document, pdf):
        nums = pydyf.Array([0, pydyf.Dictionary({"S": "/r"})])
        body = rendered.first_page.get("body")
        if body:
            nums.extend([body, pydyf.Dictionary({"S": "/D", "St": 1})])
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": nums})
        pdf_tagging.finish_tags(document, pdf)
        balance_dests(pdf)
    return finish


def write(rendered: RenderedBook, path: Path, **pdf_options) -> None:
    """Write the joined document to ``path`` with page labels (the tagger's
    page lookups cached: tagging.page_references; the collector as while
    laying out: common/weasy.py)."""
    with pdf_tagging.page_references(), weasy.laying_out():
        rendered.document.write_pdf(str(path), finisher=page_labels_finisher(rendered),
                                    **pdf_options)

"""Lay the pamphlet out a part at a time, with exact page numbers; write
each part and join them.

Place in the flow: pdf_html (HTML per part) → **pdf_layout** (WeasyPrint
documents, page numbers; each part written by pdf/parts.py, joined by
pdf/join.py) → pdf (the file's /ID, the proof; also the print edition).

Every part of the book opens on a recto (see pdf_html), and so does every
chapter, so each can be laid out on its own, in the order their page
numbers become known:

1. the chapters, one document each, folios 1…N running on from one to the
   next. Their ``Page.anchors`` give the page of every heading, paragraph,
   note and index mark: the ``numbers`` map. A chapter in which WeasyPrint
   deferred a footnote past its call's page is laid out again with
   pdf_notes' fix: only that chapter, and only from the last page before
   the fix that opens cleanly (pdf_resume; ``Typeset.note_fixes``).
   A chapter whose HTML, styles and first folio are those of a build
   before is taken from pdf/parts.py's store as it was written: a
   one-chapter edit lays out that chapter alone.
2. ``glossary``: starts on the next recto after the body (pdf/glossary.py).
3. ``front``: its contents now knows every page number (its own preface
   uses ``target-counter``, a handful of lookups inside a small document).
4. ``index``: every locator's page is known, front matter included; laid
   out again with "(continued)" lines where an entry breaks (pdf/continued.py),
   from the first page they change; up front if a build before kept them.

No ``target-counter()`` is ever resolved across the book, so page numbers
cost one small extra layout each for contents and index instead of a
second pass over the body. Each part is written as soon as it is laid out
and its pages let go (one part's pages in memory at a time); pdf/join.py
joins the files, with a blank page wherever a part would otherwise open on
a verso.

API for the other editions (the print interior reuses this pagination):

    done = typeset(book, out, Store(folder), extra_css="", page_size="148mm 210mm")
                             # page_size: CSS size, or (width, height) in pt
    done.labels              # folio label of every physical page
    done.numbers             # anchor id -> folio label
    done.pagemap             # where each page starts (pdf/pagemap.py)
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
from pressroom.builders.pdf import join as pdf_join
from pressroom.builders.pdf import parts as pdf_parts
from pressroom.builders.pdf import resume as pdf_resume
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.folios import blank_label, roman
from pressroom.builders.pdf.glossary import lay_out_glossary
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.common.templating import PACKAGE, render_style, style_base, style_path, theme_of

A5 = "148mm 210mm"


@dataclass
class Typeset:
    """A book laid out and written (see ``typeset``)."""
    labels: list[str]                      # folio label per physical page
    numbers: dict[str, str]                # anchor -> folio label
    first_page: dict[str, int]             # part -> index of its first page
    pagemap: list[dict]                    # pagemap.py's entry per physical page
    parts: list = field(default_factory=list)  # pdf/parts.Part per part, None: a blank page
    note_fixes: list[str] = field(default_factory=list)      # CSS pdf_fixes added
    timings: dict[str, list[float]] = field(default_factory=dict)  # part -> layouts (s)
    note_hints: dict[str, str] = field(default_factory=dict)  # to keep for next build
    reused: list[str] = field(default_factory=list)          # chapters kept, not laid out


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


def typeset(book: Book, out: Path, store: pdf_parts.Store, extra_css: str = "",
            page_size=A5, html: BookHTML | None = None,
            note_hints: dict[str, str] | None = None,
            pdf_options: dict | None = None) -> Typeset:
    """Lay the whole pamphlet out (see the module docstring), a part at a
    time, write each part and join them into ``out``; ``store`` keeps the
    chapters' PDFs between builds (pdf/parts.py); ``pdf_options``: WeasyPrint
    ``write_pdf`` options (tagged PDF/UA-1 unless given)."""
    html = html or BookHTML.of(book)
    options = pdf_tagging.OPTIONS if pdf_options is None else pdf_options
    r = _Renderer(book, extra_css, page_size)
    signature = f"{r.signature}\n{sorted(options.items())}"
    made: dict[str, pdf_parts.Part] = {}
    numbers: dict[str, str] = {}
    used_hints: dict[str, str] = {}
    store.begin()

    def written(name: str, doc, labels: list[str]) -> None:
        _anchors(doc, labels, numbers)
        made[name] = pdf_parts.write(name, doc, labels, numbers, store.path(name), options)

    folio = 1
    for sec in book.chapters:
        part = _chapter(r, html, sec.id, folio, (note_hints, used_hints), store,
                        (signature, options))
        made[part.name] = part
        for name, i in part.anchors.items():
            numbers.setdefault(name, part.labels[i])
        folio = _next_recto(folio + len(part.labels))
    _front_and_back(r, html, folio, (note_hints or {}, used_hints), numbers, written)
    order = ["front", *(f"body:{s.id}" for s in book.chapters), "glossary", "index"]
    placed, labels, first_page, pagemap = _assemble([made[p] for p in order if p in made])
    pdf_join.join([p and Path(p.pdf) for p in placed], out,
                  first_page.get(f"body:{book.chapters[0].id}"))
    store.keep_only_used()
    first_page["body"] = first_page[f"body:{book.chapters[0].id}"]
    return Typeset(labels=labels, numbers=numbers, first_page=first_page, pagemap=pagemap,
                   parts=placed,
                   note_fixes=[f for p in made.values() for f in p.fixes], timings=r.timings,
                   note_hints=used_hints, reused=list(store.reused))


def _front_and_back(r: "_Renderer", html: BookHTML, folio: int, hints: tuple,
                    numbers: dict[str, str], written) -> None:
    """Glossary (from ``folio``), front matter and index laid out, each once
    the page numbers it shows are known, and ``written``."""
    kept, used = hints
    parts, start = html.parts(), {}
    if "glossary" in parts:
        start["glossary"] = str(folio)
        doc = lay_out_glossary(r, html, numbers, folio, kept, used)
        written("glossary", doc, [str(folio + i) for i in range(len(doc.pages))])
        folio = _next_recto(folio + len(doc.pages))
    if "index" in parts:
        start["index"] = str(folio)
    doc = r.render(html.render(["front"], numbers, start), folio_style="lower-roman",
                   timing="front")
    written("front", doc, [roman(i + 1) for i in range(len(doc.pages))])
    if "index" in parts:
        doc = pdf_continued.lay_out_kept(
            lambda cont, css: html.render(["index"], numbers, start, continued=cont, css=css),
            lambda text, page: r.render(text, folio + page, timing="index"),
            f"{r.signature}\n{folio}", kept, used)
        written("index", doc, [str(folio + i) for i in range(len(doc.pages))])


def _assemble(parts: list[pdf_parts.Part]):
    """The parts in the book's order, a blank page (``None``) wherever one
    would open on a verso: (those, labels, part -> first page, page map)."""
    placed: list[pdf_parts.Part | None] = []
    labels: list[str] = []
    first_page: dict[str, int] = {}
    pagemap: list[dict] = []
    for part in parts:
        if len(labels) % 2:       # the part would open on a verso
            placed.append(None)
            labels.append(blank_label(labels[-1]))
            pagemap.append({"page": labels[-1], "id": None, "offset": 0})
        first_page[part.name] = len(labels)
        placed.append(part)
        labels.extend(part.labels)
        pagemap.extend(part.pagemap)
    return placed, labels, first_page, pagemap


def _chapter(r: "_Renderer", html: BookHTML, ident: str, folio: int, hints: tuple,
             store: pdf_parts.Store, written: tuple) -> pdf_parts.Part:
    """One chapter laid out from ``folio`` and written; laid out again (at most
    ``pdf_fixes.ROUNDS`` times) with pdf_fixes' next fix (a footnote deferred past its
    call's page, a heading stranded at a page foot, a paragraph breaking a
    hyphenation rule), from the page where the fix can make a difference
    (pdf_resume).
    ``hints``: (kept, used): chapter HTML + styles digest -> fix CSS, kept
    between builds by pdf.build, lets an unchanged chapter get its fix up
    front; ``store`` (pdf/parts.py) gives it as a previous build wrote it;
    ``written``: (store signature, write_pdf options)."""
    kept_hints, used = hints
    signature, options = written
    source = html.render(["body"], chapters=[ident])
    key = hashlib.sha256((r.signature + source).encode()).hexdigest()
    kept_key = pdf_parts.key(signature, source, folio)
    if (kept := store.get(kept_key)) is not None:
        used.update({key: kept.css} if kept.css else {})
        return kept
    css = (kept_hints or {}).get(key, "")
    doc = r.render(html.render(["body"], chapters=[ident], css=css), folio,
                   timing=f"body:{ident}")
    title = css_string(next(s.title for s in html.book.chapters if s.id == ident))
    pages, css = pdf_fixes.until_clean(
        list(doc.pages), folio, css,
        lambda css, pages, bad: pdf_resume.lay_out_again(r, html, ident, folio, css, pages,
                                                         bad, title))
    if css:
        used[key] = css
    doc = doc.copy(pages)
    labels = [str(folio + i) for i in range(len(pages))]
    own: dict[str, str] = {}
    _anchors(doc, labels, own)
    part = pdf_parts.write(f"body:{ident}", doc, labels, own, store.path(kept_key), options)
    part.fixes, part.css = [line for line in css.splitlines() if line], css
    store.put(kept_key, part)
    return part


def _next_recto(folio: int) -> int:
    return folio if folio % 2 else folio + 1

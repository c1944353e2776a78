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
   before is taken from pdf/parts.py's store as it was written.
2. ``glossary``: starts on the next recto after the body (pdf/glossary.py).
3. ``front``: its contents now knows every page number (its own preface
   uses ``target-counter``, a handful of lookups inside a small document).
4. ``index``: every locator's page is known, front matter included; laid
   out again with "(continued)" lines where an entry breaks (pdf/continued.py),
   from the first page they change; up front if a build before kept them.

Glossary, front matter and index are kept in the store like the chapters,
by their HTML with every number they show filled in: a one-chapter edit
that moves no printed number lays out that chapter alone.

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

import time
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.build.output import atomic_path
from pressroom.doctree.book import Book
from pressroom.builders.common import safety, weasy
from pressroom.builders.common.fetch import project_url_fetcher
from pressroom.builders.pdf import anchors as pdf_anchors
from pressroom.builders.pdf import chapter as pdf_chapter
from pressroom.builders.pdf.chapter import css_string
from pressroom.builders.pdf import continued as pdf_continued
from pressroom.builders.pdf import join as pdf_join
from pressroom.builders.pdf import parts as pdf_parts
from pressroom.builders.pdf import stamps as pdf_stamps
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.folios import blank_label, roman
from pressroom.builders.pdf import glossary as pdf_glossary
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
    reused: list[str] = field(default_factory=list)          # parts kept, not laid out


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


def typeset(book: Book, out: Path, store: pdf_parts.Store, extra_css: str = "",
            page_size=A5, html: BookHTML | None = None,
            note_hints: dict[str, str] | None = None,
            pdf_options: dict | None = None) -> Typeset:
    """Lay the whole pamphlet out (see the module docstring), a part at a
    time, write each part and join them into ``out``; ``store`` keeps the
    parts' PDFs between builds (pdf/parts.py); ``pdf_options``: WeasyPrint
    ``write_pdf`` options (tagged PDF/UA-1 unless given)."""
    html = html or BookHTML.of(book)
    r = _Renderer(book, extra_css, page_size)
    parts = _parts(r, store, pdf_options)
    store.begin()
    folio = 1
    for sec in book.chapters:
        part = pdf_chapter.lay_out(r, pdf_chapter.source_of(html, sec.id), folio,
                                   note_hints or {}, parts)
        folio = _next_recto(folio + len(part.labels))
    _front_and_back(r, html, folio, note_hints or {}, parts)
    order = ["front", *(f"body:{s.id}" for s in book.chapters), "glossary", "index"]
    placed, labels, first_page, pagemap = _assemble([parts.made[p] for p in order
                                                      if p in parts.made])
    joining = pdf_join.join_apart if len(labels) >= pdf_join.APART else pdf_join.join
    joining([p and Path(p.pdf) for p in placed], out,
            first_page.get(f"body:{book.chapters[0].id}"), _stamps(r, placed, store))
    store.keep_only_used()
    first_page["body"] = first_page[f"body:{book.chapters[0].id}"]
    return Typeset(labels=labels, numbers=parts.numbers, first_page=first_page,
                   pagemap=pagemap, parts=placed,
                   note_fixes=[f for p in parts.made.values() for f in p.fixes],
                   timings=r.timings, note_hints=parts.hints,
                   reused=list(store.reused))


def _parts(r: "_Renderer", store: pdf_parts.Store, pdf_options: dict | None) -> pdf_parts.Parts:
    """The parts of one build, kept in ``store`` by the renderer's styles
    and the ``write_pdf`` options (tagged PDF/UA-1 unless given)."""
    options = pdf_tagging.OPTIONS if pdf_options is None else pdf_options
    return pdf_parts.Parts(store, f"{r.signature}\n{sorted(options.items())}", options, {})


def to_lay_out(book: Book, store: pdf_parts.Store, sources: list[pdf_chapter.PartSource],
               pdf_options: dict | None = None) -> list[pdf_chapter.PartSource]:
    """Those of ``sources`` (chapters, glossary) that ``store`` does not
    keep (pdf/chapter.py)."""
    parts = _parts(_Renderer(book, "", A5), store, pdf_options)
    return [s for s in sources if not parts.kept(s.name, s.plain, stamped=True)]


def lay_out_part(book: Book, store: pdf_parts.Store, source: pdf_chapter.PartSource,
                 note_hints: dict[str, str], pdf_options: dict | None = None) -> pdf_parts.Part:
    """A chapter or the glossary laid out (at A5) and written into
    ``store``, where ``typeset`` will find it (pdf/chapter.py: the pdf
    builder's task)."""
    r = _Renderer(book, "", A5)
    parts = _parts(r, store, pdf_options)
    if source.name == "glossary":
        return pdf_glossary.part(r, source, 1, note_hints, parts)
    return pdf_chapter.lay_out(r, source, 1, note_hints, parts)


def _front_and_back(r: "_Renderer", html: BookHTML, folio: int, kept: dict[str, str],
                    parts: pdf_parts.Parts) -> None:
    """Glossary (from ``folio``), front matter and index laid out, each once
    the page numbers it shows are known (``kept``: the note hints of the
    build before)."""
    numbers, have, start = parts.numbers, html.parts(), {}

    def decimal(first: int):
        return lambda n: [str(first + i) for i in range(n)]

    if "glossary" in have:
        start["glossary"] = str(folio)
        glossary = pdf_glossary.part(r, pdf_chapter.glossary_of(html), folio, kept, parts)
        folio = _next_recto(folio + len(glossary.labels))
    if "index" in have:
        start["index"] = str(folio)
    front = html.render(["front"], numbers, start)
    parts.part("front", front, 0, lambda n: [roman(i + 1) for i in range(n)],
               lambda used: (r.render(front, folio_style="lower-roman", timing="front"), []))
    if "index" in have:
        def index(continued, css):
            return html.render(["index"], numbers, start, continued=continued, css=css)

        parts.part("index", index(frozenset(), ""), folio, decimal(folio),
                   lambda used: (pdf_continued.lay_out_kept(
                       index, lambda text, page: r.render(text, folio + page, timing="index"),
                       f"{r.signature}\n{folio}", kept, used), []))


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


def _stamps(r: "_Renderer", placed: list, store: pdf_parts.Store):
    """(the PDF of the body's folios, {page of the book: its page in that
    PDF}) for the parts laid out without their folios, or None; the PDF is
    kept in ``store`` by the folios it shows (pdf/stamps.py)."""
    at, book_page = {}, 0
    for part in placed:
        if part is not None and part.folios is not None:
            at.update({book_page + i: (int(label), on)
                       for i, (label, on) in enumerate(zip(part.labels, part.folios))})
        book_page += 1 if part is None else len(part.labels)
    if not at:
        return None
    first = min(folio for folio, _ in at.values())
    shown = [False] * (max(folio for folio, _ in at.values()) - first + 1)
    for folio, on in at.values():
        shown[folio - first] = on
    path = store.path(pdf_parts.key(r.signature, f"folios\0{shown}", first))
    if not path.is_file():
        doc = r.render(pdf_stamps.folio_html(shown, r.theme), first, timing="folios")
        pdf_stamps.keep_only_folios(doc.pages)
        with weasy.laying_out(), atomic_path(path) as tmp:
            doc.write_pdf(str(tmp))
    return path, {page: folio - first for page, (folio, on) in at.items() if on}


def _next_recto(folio: int) -> int:
    return folio if folio % 2 else folio + 1

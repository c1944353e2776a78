"""The pamphlet PDF: Jinja template + CSS, laid out by WeasyPrint.

A5, EB Garamond, footnotes at the foot of the page, running heads, and
front matter (half-title, title page, colophon, contents, preface).
"""

from __future__ import annotations

from pathlib import Path

from .. import pandoc as P
from ..book import Book, Section
from ..output import atomic_path
from .fetch import project_url_fetcher
from .html import notes_inline, sections_html
from .templating import PROJECT, render_template, style_path


def _prepare(sec: Section) -> list[P.Node]:
    return notes_inline(sec.blocks)


def book_html(book: Book) -> str:
    html = sections_html(book.sections, _prepare)
    contents = []
    for sec in book.sections:
        for level, ident, text in sec.headings():
            if level <= 2 and sec.kind == "chapter" or level == 1:
                contents.append({"level": level, "id": ident, "text": text})
    return render_template(
        "pdf/book.html.j2", book=book, cfg=book.config.data,
        front=[(s, html[s.id]) for s in book.front],
        chapters=[(s, html[s.id]) for s in book.chapters],
        contents=contents, build_date=book.config.build_date)


def build(book: Book, dist: Path) -> list[Path]:
    out = dist / f"{book.config.slug}.pdf"
    import weasyprint
    html = weasyprint.HTML(string=book_html(book), base_url=str(PROJECT) + "/",
                           url_fetcher=project_url_fetcher)
    css = weasyprint.CSS(filename=str(style_path("pdf/book.css")),
                         url_fetcher=project_url_fetcher)
    doc = html.render(stylesheets=[css])
    with atomic_path(out) as tmp:
        doc.write_pdf(tmp)
    return [out]

"""The EPUB: one XHTML file per section, packaged with ebooklib.

Navigation document and NCX come from the sections' headings; the book's
fonts and CSS are embedded.
"""

from __future__ import annotations

from pathlib import Path

from ebooklib import epub

from .. import pandoc as P
from ..book import Book, Section
from ..output import atomic_path
from .html import sections_html
from .templating import STYLES, render_template, style_path


def _toc(sec: Section, href: str):
    """Nested (Link, [children]) for the nav: chapter, then its sections."""
    heads = [h for h in sec.headings() if h[0] <= 3]
    root = epub.Link(href, heads[0][2], heads[0][1])
    children = []
    stack: list[tuple[int, list]] = [(1, children)]
    for level, ident, text in heads[1:]:
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else children
        kids: list = []
        link = epub.Link(f"{href}#{ident}", text, ident)
        parent.append((link, kids) if level < 3 else link)
        stack.append((level, kids))
    # ebooklib wants (Section-or-Link, [children]) tuples; flatten empties
    def norm(items):
        out = []
        for it in items:
            if isinstance(it, tuple):
                link, kids = it
                out.append((epub.Section(link.title, link.href), norm(kids)) if kids else link)
            else:
                out.append(it)
        return out
    kids = norm(children)
    return (epub.Section(root.title, root.href), kids) if kids else root


def build_epub(book: Book) -> epub.EpubBook:
    cfg = book.config.data
    eb = epub.EpubBook()
    eb.set_identifier(cfg["identifier"])
    eb.set_title(cfg["title"])
    eb.set_language(cfg["language"])
    eb.add_metadata("DC", "creator", cfg["editor"])
    eb.add_metadata("DC", "rights", cfg["rights"])
    css = epub.EpubItem(uid="css", file_name="styles/book.css", media_type="text/css",
                        content=style_path("epub/book.css").read_bytes())
    eb.add_item(css)
    for font in sorted((STYLES / "fonts").glob("*.ttf")):
        eb.add_item(epub.EpubItem(uid=font.stem, file_name=f"fonts/{font.name}",
                                  media_type="font/ttf", content=font.read_bytes()))
    html = sections_html(book.sections)
    spine, toc = ["nav"], []
    for sec in book.sections:
        href = f"text/{sec.id}.xhtml"
        item = epub.EpubHtml(uid=f"s-{sec.id}", file_name=href, title=sec.title,
                             lang=cfg["language"])
        item.content = render_template("epub/section.xhtml.j2", sec=sec,
                                       body=html[sec.id], cfg=cfg)
        item.add_link(href="../styles/book.css", rel="stylesheet", type="text/css")
        eb.add_item(item)
        spine.append(item)
        toc.append(_toc(sec, href))
    eb.toc = toc
    eb.spine = spine
    eb.add_item(epub.EpubNcx())
    eb.add_item(epub.EpubNav())
    return eb


def _build_datetime(book: Book):
    import datetime as dt
    return dt.datetime.fromisoformat(book.config.build_date)


def build(book: Book, dist: Path) -> list[Path]:
    out = dist / f"{book.config.slug}.epub"
    eb = build_epub(book)
    with atomic_path(out) as tmp:
        epub.write_epub(str(tmp), eb, {"epub3_pages": False,
                                       "mtime": _build_datetime(book)})
    return [out]

"""The EPUB 3: one XHTML file per section, packaged with ebooklib.

Flow: a builder of tasks (builders/__init__.py), so that the EPUB's text is
made while the pamphlet is laid out:

1. its one task, ``make_text`` (epub/text.py): every section's body, the
   glossary's, the images they show, the cover image; it needs nothing of
   the PDF;
2. its finish, once the PDF builder has handed over its ``pagemap`` and
   ``locator_pages`` artefacts (without them the EPUB fails with one line,
   never lays the pamphlet out itself): the print edition's page breaks are
   placed in the bodies (epub_pages), the index is made with them
   (epub_backmatter), each part is wrapped in an XHTML document
   (templates/epub/document.xhtml.j2), and the nav document, NCX, fonts,
   CSS and metadata (epub_meta) are packaged by ebooklib. Last, the zip is
   rewritten with fixed timestamps (epub_zip) so that two builds are
   byte-identical.

Files inside the EPUB: ``EPUB/text/<section id>.xhtml``, ``text/glossary.xhtml``,
``text/index.xhtml``, ``text/cover.xhtml``, ``text/titlepage.xhtml``,
``nav.xhtml``, ``toc.ncx``, ``styles/``, ``fonts/``, ``images/cover.png``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ebooklib import epub

from pressroom.settings.labels import labels
from pressroom.doctree.book import Book
from pressroom.build.output import atomic_path
from pressroom.builders import BuildContext, Inputs, Result
from pressroom.builders.epub import backmatter as epub_backmatter
from pressroom.builders.epub import cover as epub_cover
from pressroom.builders.epub import meta as epub_meta
from pressroom.builders.epub import nav as epub_nav
from pressroom.builders.epub import pages as epub_pages
from pressroom.builders.epub.container import normalise_zip
from pressroom.builders.epub.text import Part, Text, as_xhtml, make_text, wrap  # noqa: F401 (as_xhtml: API)
from pressroom.builders.common import images
from pressroom.builders.common.html import KEPT
from pressroom.builders.common.templating import STYLES, render_template, style_path, theme_of

TEXT = "text"


def _titlepage(book: Book, has_pages: bool) -> Part:
    cfg = book.config.data
    info = {k: cfg.get(k) for k in ("title", "subtitle", "editor", "publisher",
                                    "edition", "date", "rights", "identifier")}
    authors = []
    for src in book.config.sources:
        if src.author and src.author not in authors:
            authors.append(src.author)
    body = render_template("epub/titlepage.xhtml.j2", theme=theme_of(book), cfg=info,
                           contributors=authors,
                           anonymous=any(not s.author for s in book.config.sources),
                           print_edition=epub_meta.print_edition(book) if has_pages else None,
                           labels=labels(cfg["language"]))
    return Part("titlepage", "titlepage.xhtml", cfg["title"], body, "frontmatter",
                landmark="titlepage")


def _place_pagebreaks(parts: list[Part], pagemap: list[dict]):
    """({part id: body with page-break markers}, the breaks in print order)."""
    marked, breaks, _stacked = epub_pages.insert_pagebreaks(
        {p.id: p.body for p in parts}, pagemap)
    return marked, breaks


def build_epub(book: Book, pagemap: list[dict],
               locator_pages: dict[str, str] | None = None,
               text: Text | None = None) -> epub.EpubBook:
    """The EPUB, with the print edition's pages from ``pagemap`` (the PDF
    builder's artefact; an empty list: no page list), from ``text``
    (epub/text.make_text: made here if not given)."""
    cfg = book.config.data
    lang, theme = cfg["language"], theme_of(book)
    L = labels(lang)
    text = text or make_text(book)
    parts, found_images = list(text.parts), text.images
    has_glossary = any(p.id == "glossary" for p in parts)
    has_index = book.index is not None

    # the print edition's page breaks; the index's locators need the pages of
    # the chapters' anchors, and the index's own pages are marked too, so
    # the breaks are placed once to learn those pages, then again with the index
    title = _titlepage(book, has_pages=bool(pagemap))
    marked, breaks = _place_pagebreaks([title, *parts], pagemap)
    if has_index:
        where = epub_backmatter.places((p.id, p.file, marked[p.id]) for p in parts)
        numbers = {sec.id: L["chapter_short"].format(n=i) for i, sec in enumerate(book.chapters, 1)}
        numbers.update({sec.id: sec.title for sec in book.front})
        fragment = epub_backmatter.index_fragment(book.index, where, numbers, L["index"],
                                                  pages=locator_pages, L=L, theme=theme)
        has_index = fragment is not None
        if has_index:
            parts.append(Part("index", "index.xhtml", L["index"], fragment, "backmatter",
                              landmark="index"))
            marked, breaks = _place_pagebreaks([title, *parts], pagemap)
    for p in [title, *parts]:
        p.body = marked[p.id]
    for p in parts:
        if p.toc is None:
            p.toc = epub_nav.Node(p.title, p.file, f"nav-{p.id}")
    parts[len(book.front)].landmark = "bodymatter"
    has_pages = bool(breaks)

    eb = epub.EpubBook()
    epub_meta.set_metadata(eb, book, has_pages=has_pages, has_index=has_index,
                           has_glossary=has_glossary)
    eb.add_item(epub.EpubItem(uid="css", file_name="styles/book.css", media_type="text/css",
                              content=style_path("epub/book.css", theme).read_bytes()))
    eb.add_item(epub.EpubItem(uid="css-cover", file_name="styles/cover.css",
                              media_type="text/css",
                              content=style_path("epub/cover.css", theme).read_bytes()))
    eb.add_item(epub.EpubItem(uid="css-fonts", file_name="fonts/fonts.css",
                              media_type="text/css",
                              content=(STYLES / "fonts" / "fonts.css").read_bytes()))
    for name, path in sorted(found_images.items()):
        eb.add_item(epub.EpubItem(uid=f"img-{Path(name).stem}", file_name=f"images/{name}",
                                  media_type=images.MEDIA[path.suffix.lower()],
                                  content=path.read_bytes()))
    for font in sorted((STYLES / "fonts").glob("*.ttf")):
        eb.add_item(epub.EpubItem(uid=f"font-{font.stem}", file_name=f"fonts/{font.name}",
                                  media_type="font/ttf", content=font.read_bytes()))

    # cover image and page
    args = (cfg["title"], cfg.get("subtitle"), cfg["editor"])
    eb.set_cover("images/cover.png", text.cover, create_page=False)
    cover = Part("cover", "cover.xhtml", L["cover"],
                 render_template("epub/cover.xhtml.j2", theme=theme, src="../images/cover.png",
                                 alt=epub_cover.cover_alt(*args, template=L["cover_alt"]),
                                 labels=L),
                 "cover", landmark="cover", extra_css=["cover.css"], body_class="cover")

    # the nav document: contents, landmarks, page-list
    href = lambda p: f"{TEXT}/{p.file}"
    toc = [_prefixed(p.toc) for p in parts]
    landmarks = [{"type": "cover", "href": href(cover), "title": L["cover"]},
                 {"type": "titlepage", "href": href(title), "title": L["title_page"]},
                 {"type": "toc", "href": "nav.xhtml#toc", "title": L["contents"]}]
    for p in parts:
        if p.landmark:
            landmarks.append({"type": p.landmark, "href": href(p),
                              "title": L["start_of_text"] if p.landmark == "bodymatter"
                              else p.title})
    files = {p.id: p.file for p in [title, *parts]}
    pages = [{"label": b.label, "href": f"{TEXT}/{files[b.part]}#{b.anchor}"} for b in breaks]
    nav = Part("nav", "nav.xhtml", L["contents"],
               epub_nav.nav_body(toc, landmarks, pages, L, theme), "frontmatter")

    spine = []
    for p in [cover, title]:
        spine.append(_add_doc(eb, p, lang, theme))
    nav_item = epub.EpubItem(uid="nav", file_name="nav.xhtml",
                             media_type="application/xhtml+xml",
                             content=wrap(nav, lang, "", theme))
    nav_item.properties = ["nav"]
    eb.add_item(nav_item)
    spine.append(nav_item)
    for p in parts:
        spine.append(_add_doc(eb, p, lang, theme))
    eb.spine = spine
    eb.toc = epub_nav.ncx_toc(toc)
    eb.add_item(epub.EpubNcx())
    eb.page_list = pages        # for the NCX's pageList (_Writer)
    eb.page_list_label = L["pages"]
    eb.guide = [{"type": "cover", "href": href(cover), "title": L["cover"]},
                {"type": "toc", "href": "nav.xhtml", "title": L["contents"]},
                {"type": "text", "href": href(parts[len(book.front)]), "title": L["start"]}]
    return eb


def _prefixed(node: epub_nav.Node) -> epub_nav.Node:
    return epub_nav.Node(node.title, f"{TEXT}/{node.href}", node.uid,
                         [_prefixed(c) for c in node.children])


def _add_doc(eb: epub.EpubBook, part: Part, lang: str, theme=None) -> epub.EpubItem:
    item = epub.EpubItem(uid=f"x-{part.id}", file_name=f"{TEXT}/{part.file}",
                         media_type="application/xhtml+xml", content=wrap(part, lang, theme=theme))
    eb.add_item(item)
    return item


class _Writer(epub.EpubWriter):
    """ebooklib's writer, with the print page list in the NCX as well, for
    EPUB 2 reading systems (ebooklib writes only the NCX's navMap)."""

    def _get_ncx(self):
        return epub_nav.ncx_page_list(super()._get_ncx(), getattr(self.book, "page_list", []),
                                      getattr(self.book, "page_list_label", None) or labels("en")["pages"])

    def _write_opf_file(self, root):
        """The book's language on ``<package>`` as well (Ace: epub-lang)."""
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)


def build(book: Book, ctx: BuildContext, inputs: Inputs) -> Result:
    """The whole EPUB in this process (its task, then its finish)."""
    return finish(book, ctx, inputs, [("text", run_task(book, ctx, "text"))])


def tasks(book: Book, ctx: BuildContext) -> list[str]:
    return ["text"]


def run_task(book: Book, ctx: BuildContext, task: str) -> Text:
    """The EPUB's text (epub/text.py), while the PDF is laid out."""
    return make_text(book, ctx.state_dir / KEPT)


def finish(book: Book, ctx: BuildContext, inputs: Inputs, done: list) -> Result:
    """The EPUB, from its text and the PDF's page map."""
    ((_, text),) = done
    out = ctx.out / f"{book.config.slug}.epub"
    eb = build_epub(book, inputs.artefact("pagemap", "pdf", "epub"),
                    inputs.artefact("locator_pages", "pdf", "epub"), text)
    when = epub_meta.modified(book)
    with tempfile.TemporaryDirectory(prefix="pressroom-epub-") as tmpdir:
        raw = Path(tmpdir) / "raw.epub"
        writer = _Writer(str(raw), eb, {"epub3_pages": False, "epub3_landmark": False,
                                        "mtime": when, "raise_exceptions": True})
        writer.process()
        writer.write()
        with atomic_path(out) as tmp:
            normalise_zip(raw, tmp, when)
    return Result([out])

"""The EPUB's text: every section as the body of its XHTML file, before the
print edition's page breaks are placed in it, and a body wrapped as an XHTML
document.

Place in the flow: the epub builder's one task (``make_text``, which needs
nothing of the PDF, so it runs while the pamphlet is laid out) → its finish
(epub/__init__.py: page breaks from the PDF's page map, the index, the nav
document; each part ``wrap``-ped and packaged). The sections are made ready
for EPUB first (epub_notes: pop-up footnotes, glossary links; epub_opening:
heading levels without jumps, each chapter's subtitle and source line under
its title) and rendered in one pandoc call (html.sections_html, kept between
builds in the builder's state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pressroom.builders.common import images, safety
from pressroom.builders.common.html import sections_html
from pressroom.builders.common.templating import render_template, theme_of
from pressroom.builders.epub import backmatter as epub_backmatter
from pressroom.builders.epub import cover as epub_cover
from pressroom.builders.epub import nav as epub_nav
from pressroom.builders.epub import notes as epub_notes
from pressroom.builders.epub import opening as epub_opening
from pressroom.doctree.book import Book, Section
from pressroom.errors import UserError
from pressroom.settings.labels import labels, text_language

FRONT_TYPES = {"preface": "preface", "foreword": "foreword", "introduction": "introduction",
               "prologue": "prologue", "acknowledgements": "acknowledgments",
               "acknowledgments": "acknowledgments"}
ROLES = {"chapter": "doc-chapter", "preface": "doc-preface", "foreword": "doc-foreword",
         "introduction": "doc-introduction", "prologue": "doc-prologue",
         "acknowledgments": "doc-acknowledgments"}


@dataclass
class Part:
    """One XHTML file of the book, before it is wrapped."""
    id: str
    file: str                 # "oakley.xhtml", inside text/
    title: str
    body: str                 # the HTML fragment
    matter: str               # frontmatter | bodymatter | backmatter
    landmark: str | None = None
    toc: epub_nav.Node | None = None
    extra_css: list[str] = field(default_factory=list)
    body_class: str | None = None
    lang: str | None = None   # a chapter in another language than the book's (its sidecar's)


@dataclass
class Text:
    """What the print pages do not change (``make_text``): picklable, handed
    from the builder's task to its finish."""
    parts: list[Part]                   # front matter, chapters, glossary
    images: dict[str, Path]             # file name in images/ -> the file
    cover: bytes                        # images/cover.png


def make_text(book: Book, store: Path | None = None) -> Text:
    """Every section's part, the glossary's, the images they show and the
    cover image; ``store``: where the sections' HTML is kept between builds."""
    cfg = book.config.data
    L, theme = labels(cfg["language"]), theme_of(book)
    has_glossary = book.glossary is not None and bool(getattr(book.glossary, "entries", None))
    found: dict[str, Path] = {}
    parts = _section_parts(book, "glossary.xhtml" if has_glossary else None, found, store)
    if has_glossary:
        parts.append(Part("glossary", "glossary.xhtml", L["glossary"],
                          epub_backmatter.glossary_fragment(book.glossary, L["glossary"], L, theme),
                          "backmatter", landmark="glossary"))
    cover = epub_cover.cover_png(cfg["title"], cfg.get("subtitle"), cfg["editor"], theme=theme)
    return Text(parts, found, cover)


def section_type(sec: Section) -> str:
    return "chapter" if sec.kind == "chapter" else FRONT_TYPES.get(sec.id, "")


def _section_parts(book: Book, glossary_file: str | None,
                   found_images: dict | None = None, store: Path | None = None) -> list[Part]:
    keys = {e.key for e in book.glossary.entries} if glossary_file else None
    notes_label = labels(book.config.data["language"])["notes"]
    found = found_images if found_images is not None else {}
    html = sections_html(book.sections,
                         lambda s: images.for_epub(epub_opening.level_headings(
                             epub_notes.prepare(s, glossary_file, keys, notes_label)),
                             book.config.root, found), store=store)
    parts = []
    for sec in book.sections:
        kind = section_type(sec)
        head, rest = epub_opening.opening(sec, html[sec.id], theme_of(book))
        body = render_template("epub/section.xhtml.j2", theme=theme_of(book), sec=sec, body=rest,
                               opening=head, epub_type=kind, role=ROLES.get(kind))
        file = f"{sec.id}.xhtml"
        parts.append(Part(sec.id, file, sec.title, body,
                          "bodymatter" if sec.kind == "chapter" else "frontmatter",
                          toc=epub_nav.section_node(sec, file),
                          lang=text_language(book.config.data, sec.source.meta if sec.source else None)))
    return parts


def wrap(part: Part, lang: str, css_prefix: str = "../", theme=None) -> bytes:
    lang = part.lang or lang
    css = [f"{css_prefix}styles/book.css"] + [f"{css_prefix}styles/{c}" for c in part.extra_css]

    def render(body: str) -> bytes:
        return render_template("epub/document.xhtml.j2", theme=theme, lang=lang, title=part.title,
                               css=css, matter=part.matter, body=body,
                               body_class=part.body_class).encode("utf-8")
    data = render(part.body)
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError:
        # raw HTML from a source (``<br>``, ``&nbsp;``): re-serialise as XHTML
        data = render(as_xhtml(part.body))
        try:
            etree.fromstring(data)
        except etree.XMLSyntaxError as err:
            raise UserError(f"EPUB: {part.file} is not well-formed XHTML: {err}") from None
    safety.check(data.decode("utf-8"), f"EPUB {part.file}")
    return data


def as_xhtml(html: str) -> str:
    """An HTML fragment parsed as HTML and written back as XML."""
    import lxml.html
    from html import escape
    out = []
    for node in lxml.html.fragments_fromstring(html):
        out.append(escape(node, quote=False) if isinstance(node, str)
                   else etree.tostring(node, method="xml", encoding="unicode"))
    return "".join(out)



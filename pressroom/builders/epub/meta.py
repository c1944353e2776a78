"""EPUB: the package metadata (the OPF's ``<metadata>``).

Title and subtitle, the editor as creator (role ``edt``), each source's
author as a contributor (role ``aut``), language, identifier, publisher,
date, rights, description, ``dcterms:modified`` from the build date setting
(never the clock), and the accessibility metadata of EPUB Accessibility 1.1
(schema.org accessMode, accessModeSufficient, accessibilityFeature,
accessibilityHazard, accessibilitySummary) with ``pageBreakSource`` naming
the print edition when the EPUB carries its page breaks, and the
conformance claim (``dcterms:conformsTo`` EPUB Accessibility 1.1 - WCAG 2.1
Level AA, ``a11y:certifiedBy`` the publisher) that ``make validate`` and
tests/test_validate.py hold it to: Ace by DAISY 0 violations, EPUBCheck
0 errors 0 warnings. The language goes on the OPF's ``<package>`` too
(the EPUB writer, ``xml:lang``).
"""

from __future__ import annotations

import datetime as dt

from ebooklib import epub

from pressroom.doctree.book import Book
from pressroom.settings.labels import labels


# EPUB Accessibility 1.1, section 2.1: the conformance statement's exact form
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def modified(book: Book) -> dt.datetime:
    """The build date as the time of ``dcterms:modified`` (midnight UTC)."""
    return dt.datetime.fromisoformat(book.config.build_date)


def print_edition(book: Book) -> str:
    """The printed edition whose pages the EPUB marks, for pageBreakSource."""
    cfg = book.config.data
    L = labels(cfg["language"])
    edition = (cfg.get("edition") or "").strip()
    who = cfg.get("publisher") or book.config.editor_name
    if not edition:
        return L["print_edition_plain"].format(title=cfg["title"], who=who, year=str(cfg["date"])[:4])
    return L["print_edition"].format(title=cfg["title"], edition=edition[:1].lower() + edition[1:],
                                     who=who, year=str(cfg["date"])[:4])


def _meta(eb: epub.EpubBook, prop: str, value: str, **attrs: str) -> None:
    eb.add_metadata(None, "meta", value, {"property": prop, **attrs})


def set_metadata(eb: epub.EpubBook, book: Book, *, has_pages: bool,
                 has_index: bool, has_glossary: bool) -> None:
    cfg = book.config.data
    eb.set_identifier(cfg["identifier"])
    eb.set_title(cfg["title"])
    if cfg.get("subtitle"):
        # EPUB 3: a second dc:title refined as the subtitle
        eb.add_metadata("DC", "title", cfg["subtitle"], {"id": "subtitle"})
        _meta(eb, "title-type", "subtitle", refines="#subtitle")
    eb.set_language(cfg["language"])
    eb.add_author(book.config.editor_name, role="edt", uid="editor")
    seen: set[str] = set()
    for i, src in enumerate(book.config.sources, 1):
        author = src.author
        if not author or author in seen:
            continue
        seen.add(author)
        uid = f"contributor-{i}"
        eb.add_metadata("DC", "contributor", author, {"id": uid})
        _meta(eb, "role", "aut", refines=f"#{uid}", scheme="marc:relators")
    if cfg.get("publisher"):
        eb.add_metadata("DC", "publisher", cfg["publisher"])
    eb.add_metadata("DC", "date", str(cfg["date"]))
    eb.add_metadata("DC", "rights", " ".join(str(cfg["rights"]).split()))
    if cfg.get("description"):
        eb.add_metadata("DC", "description", " ".join(str(cfg["description"]).split()))
    _accessibility(eb, book, has_pages=has_pages, has_index=has_index,
                   has_glossary=has_glossary)


def _accessibility(eb, book, *, has_pages, has_index, has_glossary) -> None:
    _meta(eb, "schema:accessMode", "textual")
    _meta(eb, "schema:accessModeSufficient", "textual")
    features = ["tableOfContents", "readingOrder", "structuralNavigation",
                "displayTransformability"]
    if has_index:
        features.append("index")
    if has_pages:
        features += ["printPageNumbers", "pageNavigation"]
    for f in features:
        _meta(eb, "schema:accessibilityFeature", f)
    _meta(eb, "schema:accessibilityHazard", "none")
    L = labels(book.config.data["language"])
    summary = L["a11y_base"]
    if has_glossary:
        summary += L["a11y_glossary"]
    if has_index:
        summary += L["a11y_index"]
    if has_pages:
        summary += L["a11y_pages"]
    summary += L["a11y_end"]
    _meta(eb, "schema:accessibilitySummary", summary)
    _meta(eb, "dcterms:conformsTo", CONFORMS_TO)
    cfg = book.config.data
    _meta(eb, "a11y:certifiedBy", cfg.get("publisher") or book.config.editor_name)
    if has_pages:
        _meta(eb, "pageBreakSource", print_edition(book))

"""Chapters' folios, stamped on their pages at the join.

Place in the flow: pdf_layout lays each chapter out as if it began on
folio 1 → parts.py takes the folios off its pages (``take_off``: which
pages had one) and keeps the chapter by its HTML alone → once every
chapter's first folio is known, pdf_layout lays out one small document of
the body's folios (``folio_html``, ``keep_only_folios``; kept in the same
store) → join.py draws each folio over its page (``stamp``), marked as a
pagination artifact.

Why: a chapter's pages depend on its HTML, the stylesheets and the parity
of its first folio, and every chapter opens on a recto. Laid out without
its folios, a chapter depends on nothing before it: an edit that adds a
page to chapter 1 moves the folios of every later chapter, and only the
folios are laid out again (empty pages), not the chapters.

The folio document has a page per folio from the first chapter's to the
last chapter's end, under the same ``@page`` rules (size, margins, the
folio's font and place), an empty page (``page: plain``) where the book
prints no folio (a chapter's opening, a blank page); only its
``@bottom-center`` boxes are kept, so nothing else it would draw (running
heads) reaches the page. One document, so the digits' font is embedded
once.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from pressroom.builders.common.templating import render_template

FOLIO_BOX = "@bottom-center"          # where book.css prints the folio
ARTIFACT = b"/Artifact <</Type /Pagination>> BDC\n"     # PDF/UA: not the text


def _is_folio(box) -> bool:
    return getattr(box, "at_keyword", None) == FOLIO_BOX


def take_off(pages) -> list[bool]:
    """Take the folio boxes off WeasyPrint's ``pages`` (in place); which
    pages had one."""
    shown = []
    for page in pages:
        box = page._page_box
        kept = [child for child in box.children if not _is_folio(child)]
        shown.append(len(kept) < len(box.children))
        box.children = kept
    return shown


def keep_only_folios(pages) -> None:
    """Everything but the folio boxes taken off WeasyPrint's ``pages``."""
    for page in pages:
        box = page._page_box
        box.children = [child for child in box.children if _is_folio(child)]


def folio_html(shown: list[bool], theme) -> str:
    """A document of ``len(shown)`` pages, a folio on those ``shown``."""
    return render_template("pdf/folios.html.j2", theme=theme, shown=shown)


def stamp(pdf: pikepdf.Pdf, folios: pikepdf.Pdf, where: dict[int, int]) -> None:
    """Draw page ``where[n]`` of ``folios`` over page n of ``pdf``: a form
    XObject named ``/Folio<n>`` (the pages of a part share their resources,
    and a fixed name makes the same book the same file), drawn after the
    page's own content, which is wrapped in ``q``/``Q`` (WeasyPrint leaves
    its page transform on), as a pagination artifact."""
    _only_what_is_named(folios)
    for n, k in where.items():
        page, name = pdf.pages[n], Name(f"/Folio{n}")
        page.add_resource(pdf.copy_foreign(folios.pages[k].as_form_xobject()), Name.XObject,
                          name, replace_existing=False)
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n" + ARTIFACT + name.unparse() + b" Do\nEMC\n")
        page.contents_coalesce()        # one stream a page, as WeasyPrint's


def _only_what_is_named(folios: pikepdf.Pdf) -> None:
    """The folios' resources cut to those their content names: WeasyPrint
    declares Lab colour spaces, patterns and shadings for every page, which
    the forms would carry into the book (the print edition's PDF/X-1a
    allows no Lab space)."""
    named = b"".join(_content(page) for page in folios.pages)
    for page in folios.pages:
        resources = page.obj.get("/Resources")
        for kind in list(resources.keys()) if resources is not None else []:
            kept = {k: v for k, v in resources[kind].items() if k.encode() in named}
            if kept:
                resources[kind] = pikepdf.Dictionary(kept)
            else:
                del resources[kind]


def _content(page) -> bytes:
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    return b"".join(stream.read_bytes() for stream in streams)

"""Where each printed page starts: the EPUB's print page list.

Place in the flow: pdf_layout lays the book out → **pdf_pagemap** reads
the laid-out pages → ``pdf.build`` provides the result as the ``pagemap``
artefact, which the EPUB builder turns into page-break markers.

``pagemap(labels, pages, numbers)`` returns one entry per printed page of a
laid-out part (pdf/parts.py), front matter,
blank pages and back matter included::

    {"page": "17",            # the folio label printed on the page
     "id": "p-oakley-42",     # the element the page's first line belongs to
     "offset": 311}           # characters of that element's text before the
                              # page's first character

``id`` is an element every edition shares (see ``_is_anchor``): a
paragraph (``p-<section>-<n>``), a list item (``li-…``), verse (``lb-…``),
a heading, the title page or colophon, a glossary term or definition
(``gl-…``), an index entry (``ix-…``). It is None for a page with no such
text: a blank page, the half-title, the contents (the EPUB has its own);
the EPUB puts those markers just before the next page's.

``offset`` counts characters of the element's text as a reader sees it in
the running text: footnote text left out (the note call too), every run
of whitespace counted as one space, no leading space. A page that starts a
paragraph or heading has offset 0. An index entry's text differs between
editions (the PDF joins page ranges), so an index page is marked at the
first entry that begins on it, offset 0.

It walks WeasyPrint's layout boxes (``page._page_box``: the root block is
its first child; the footnote area and margin boxes are skipped): the
first line box of the page gives the element and the first line's text,
which is found in the element's text after the previous page's last line.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_BREAK = "\u2010-\u00ad"      # hyphenate characters WeasyPrint adds at a break
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def norm(text: str) -> str:
    return _WS.sub(" ", text)


def element_text(element) -> str:
    """The element's running text: notes left out, whitespace collapsed."""
    parts: list[str] = []

    def go(el):
        if el.text:
            parts.append(el.text)
        for child in el:
            if "footnote" not in (child.get("class") or "").split():
                go(child)
            if child.tail:
                parts.append(child.tail)
    go(element)
    return norm("".join(parts)).lstrip()


# Front-matter blocks the EPUB's title page repeats under the same id.
SHARED_BLOCKS = {"titlepage", "colophon"}


def _is_anchor(element) -> bool:
    """A text block with an id that the EPUB has too (same id, same text)."""
    ident = element.get("id") or ""
    if not ident:
        return False
    return (ident.startswith(("p-", "li-", "lb-")) or element.tag in _HEADINGS
            or (ident.startswith("gl-") and element.tag in ("dt", "dd"))
            or (ident.startswith("ix-") and element.tag == "li")
            or ident in SHARED_BLOCKS)


def flow_lines(box, owner=None):
    """(owning element, line box) for every line in the main flow, in order:
    not the lines of a box taken out of it (``position: absolute`` or
    ``fixed``: a packet's margin number)."""
    style = getattr(box, "style", None)
    if style is not None and style["position"] in ("absolute", "fixed"):
        return
    element = getattr(box, "element", None)
    if element is not None and element.get("id") \
            and getattr(box, "element_tag", "") == element.tag:
        if _is_anchor(element) or owner is None or not _is_anchor(owner):
            owner = element
    if type(box).__name__ == "LineBox":
        yield owner, box
        return
    for child in getattr(box, "children", ()):
        yield from flow_lines(child, owner)


def own_text(line, skip=None) -> str:
    """The text a line box holds, pseudo elements (note calls, markers,
    ::before/::after) left out, and the boxes of any element ``skip(element)``
    says are not this line's own (a footnote nested in its paragraph)."""
    parts: list[str] = []

    def go(box):
        if "::" in (getattr(box, "element_tag", "") or ""):
            return
        element = getattr(box, "element", None)
        if skip is not None and element is not None and skip(element):
            return
        if type(box).__name__ == "TextBox":
            parts.append(box.text)
        for child in getattr(box, "children", ()):
            go(child)
    go(line)
    return "".join(parts).rstrip()


def line_text(line) -> str:
    parts: list[str] = []

    def go(box):
        tag = getattr(box, "element_tag", "") or ""
        if "::footnote-call" in tag or "::marker" in tag:
            return
        if hasattr(box, "text") and type(box).__name__ == "TextBox":
            parts.append(box.text)
        for child in getattr(box, "children", ()):
            go(child)
    go(line)
    return norm("".join(parts)).strip().rstrip(_BREAK)


def pagemap(labels: list[str], pages, numbers: dict[str, str]) -> list[dict]:
    """An entry per page (``labels``, WeasyPrint's ``pages``); ``numbers``:
    anchor -> folio label, this part's anchors at least."""
    out: list[dict] = []
    texts: dict[int, str] = {}
    cursor: dict[int, int] = {}        # element -> end of its last placed line

    def text_of(el):
        key = id(el)
        if key not in texts:
            texts[key] = element_text(el)
        return texts[key]

    for label, page in zip(labels, pages):
        root = page._page_box.children[0]
        lines = [(el, ln, line_text(ln)) for el, ln in flow_lines(root) if el is not None]
        lines = [x for x in lines if x[2]]
        entry = {"page": label, "id": None, "offset": 0}
        out.append(entry)
        if not lines:
            continue
        el, _, first = lines[0]
        text = text_of(el)
        start = cursor.get(id(el), 0)
        pos = text.find(first, start)
        if pos < 0:
            pos = max(text.find(first), 0)
        last_el, _, last = lines[-1]
        ltext = text_of(last_el)
        from_ = pos if last_el is el else cursor.get(id(last_el), 0)
        lpos = ltext.find(last, from_)
        if lpos >= 0:
            cursor[id(last_el)] = lpos + len(last)
        ident = el.get("id") or ""
        # an entry that began on an earlier page (``numbers``: where its anchor
        # first is); in an index laid out again from this page, its text there
        # starts at its continued line, so ``pos`` alone cannot tell
        if ident.startswith("ix-") and (pos or numbers.get(ident, label) != label):
            el = next((e for e, _, line in lines
                       if e is not el and _is_anchor(e) and (e.get("id") or "").startswith("ix-")
                       and text_of(e).startswith(line)), None)
            pos = 0
        if el is not None and _is_anchor(el):
            entry.update(id=el.get("id"), offset=pos)
    return out

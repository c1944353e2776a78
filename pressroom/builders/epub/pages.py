"""EPUB: the print edition's page breaks, placed in the XHTML fragments.

The print layout (the PDF writer) records where each printed page begins
as the ``pagemap`` artefact: ``[{"page": "17", "id": <element id>, "offset": n}]``,
``n`` being the character offset, in that element's text, of the page's
first character. Here each entry becomes

    <span epub:type="pagebreak" role="doc-pagebreak" id="page-17" aria-label="17"/>

at that offset inside that element, and the list of breaks feeds the
nav's page-list and the NCX's pageList. A page with no element of its own
(``id`` None: a blank page, the half-title, the printed contents) is
marked just before the next page.

Offsets count the element's text as the PDF layer does
(pdf_pagemap.element_text): an entity is one character, every run of
whitespace one space, leading whitespace nothing, and footnote references
(``sup.noteref``) nothing, since the print edition carries its notes at the
foot of the page. An offset of 0 puts the break just before the element
(just inside it for a list item or a glossary term or definition, whose
parents take no text), an offset past its end just before its end tag; a
break just before an inline element (``<em>``) goes outside it. This runs
on the HTML text, stepping over tags and entities, so it never breaks
either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# Elements a marker cannot stand before (their parent takes no text: ul, dl),
# so a page that starts with one is marked just inside it.
INSIDE = {"li", "dt", "dd"}
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_ID = re.compile(r"""\sid="([^"]+)\"""")


@dataclass(frozen=True)
class PageBreak:
    label: str          # the printed page number, "17" or "xi"
    anchor: str         # the marker's id, "page-17"
    part: str           # the fragment (section id) that holds it


def marker(label: str, anchor: str) -> str:
    return (f'<span epub:type="pagebreak" role="doc-pagebreak" class="pagebreak" '
            f'id="{escape(anchor)}" aria-label="{escape(label)}"></span>')


def element_position(html: str, elem_id: str, offset: int, at: int | None = None) -> int | None:
    """Index in ``html`` where a page starting ``offset`` characters into the
    text of the element with id ``elem_id`` begins; None if there is none.
    ``at``: where its ``id`` attribute is, if the caller has found it (a
    book's pages are placed from one scan of its ids, not a search each)."""
    if at is None:
        m = re.search(r'\sid="%s"' % re.escape(elem_id), html)
        if not m:
            return None
        at = m.start()
    start = html.rfind("<", 0, at)
    tag = _TAG.match(html, start)
    if offset <= 0 and (not tag or tag.group(2).lower() not in INSIDE):
        return start
    if not tag:
        return None
    i, depth, count, skip = tag.end(), 1, 0, None
    if tag.group(4) or tag.group(2).lower() in VOID:
        return tag.end()
    n = len(html)
    hoist = None        # start of the opening tags just before the next character
    space = True        # the last counted character was whitespace (or none yet)
    while i < n:
        ch = html[i]
        if ch == "<":
            if html.startswith("<!--", i):
                i = html.find("-->", i) + 3 if "-->" in html[i:] else n
                continue
            t = _TAG.match(html, i)
            if t and t.group(1):            # end tag
                hoist = None
                depth -= 1
                if skip is not None and depth < skip:
                    skip = None
                if depth == 0:
                    return i                # offset past the end: clamp
                i = t.end()
                continue
            if t:
                if not t.group(4) and t.group(2).lower() not in VOID:
                    depth += 1
                    if skip is None and re.search(r'class="[^"]*\bnoteref\b', t.group(3)):
                        skip = depth
                    elif skip is None and hoist is None:
                        hoist = i
                else:
                    hoist = None
                i = t.end()
                continue
            # a stray "<" is text
        step = 1
        if ch == "&":
            semi = html.find(";", i)
            if 0 < semi - i <= 10:
                step = semi + 1 - i
                ch = unescape(html[i:i + step])[:1] or ch
        if skip is None:
            if ch.isspace() and space:
                pass                        # leading or repeated whitespace
            else:
                if count == offset:
                    return i if hoist is None else hoist
                count += 1
                hoist = None
            space = ch.isspace()
        i += step
    return n


def insert_pagebreaks(parts: dict[str, str], pagemap: list[dict] | None
                      ) -> tuple[dict[str, str], list[PageBreak], list[dict]]:
    """(fragments with markers, the breaks in print order, entries stacked).

    ``parts`` is {part name: HTML fragment}. A page whose element is in no
    fragment (a blank page, the half-title, the printed contents: ``id``
    None or unknown) has nothing of its own to mark, so its marker goes just
    before the next page's, or after the last marker when no page follows;
    those entries are returned as stacked. Every page of the map is marked,
    in print order."""
    if not pagemap:
        return dict(parts), [], []
    where: dict[str, tuple[str, int]] = {}      # id -> (its part, where its attribute is)
    for name, html in parts.items():
        for m in _ID.finditer(html):
            where.setdefault(m.group(1), (name, m.start()))
    placed: list[tuple[str, int] | None] = []
    for entry in pagemap:
        name, at = where.get(entry.get("id") or "", (None, None))
        pos = None if name is None else element_position(
            parts[name], entry["id"], int(entry.get("offset") or 0), at)
        placed.append(None if pos is None else (name, pos))
    stacked = [e for e, p in zip(pagemap, placed) if p is None]
    # stacked pages take the place of the next placed page, or the end of the last one
    following = None
    for k in range(len(placed) - 1, -1, -1):
        if placed[k] is None:
            placed[k] = following
        else:
            following = placed[k]
    last = next((p for p in reversed(placed) if p is not None), None)
    if last is None:
        return dict(parts), [], list(pagemap)
    end = (last[0], _fragment_end(parts[last[0]]))
    placed = [p if p is not None else end for p in placed]

    inserts: dict[str, list[tuple[int, int, str]]] = {}
    breaks: list[PageBreak] = []
    used: set[str] = set()
    for order, (entry, (name, pos)) in enumerate(zip(pagemap, placed)):
        label = str(entry["page"])
        anchor = base = "page-" + re.sub(r"[^A-Za-z0-9_-]", "-", label)
        k = 2
        while anchor in used or anchor in where:
            anchor, k = f"{base}-{k}", k + 1
        used.add(anchor)
        inserts.setdefault(name, []).append((pos, order, marker(label, anchor)))
        breaks.append(PageBreak(label, anchor, name))
    out = dict(parts)
    for name, items in inserts.items():
        html = out[name]
        # from the end, so earlier positions stay valid; at one position the
        # earlier page goes first
        for pos, order, span in sorted(items, reverse=True):
            html = html[:pos] + span + html[pos:]
        out[name] = html
    return out, breaks, stacked


def _fragment_end(html: str) -> int:
    """Just inside the fragment's last closing tag (a section's ``</section>``),
    so a marker added there stays inside the element that holds the text."""
    stripped = html.rstrip()
    m = re.search(r"</[A-Za-z][\w:.-]*>$", stripped)
    return m.start() if m else len(stripped)

"""Lay the end of a chapter out again, from a page, instead of all of it.

Place in the flow: pdf_layout lays a chapter out → pdf_notes finds a
footnote WeasyPrint deferred past its call's page and the CSS that fixes
it → **pdf_resume** lays the chapter out again from the last page before
the fix that opens cleanly, and keeps the pages before it as they were.

WeasyPrint lays pages out in order, and what lands on a page depends only
on where the page starts. A page that opens with the first line of a
paragraph that is a child of the chapter's ``<section>``, with no note
carried over from the page before, starts from nothing but that paragraph.
So the chapter's HTML cut just before that paragraph, with

- the paragraph's previous sibling kept as an empty, hidden stub (so
  ``h2 + p``, ``p:first-child`` and the like match as before),
- the notes before it counted into ``counter-reset: footnote``,
- the chapter's title set as the running-head string (its ``h1`` is cut),
- the first page on the same side, and not the chapter's opening page:
  a named page still (``resumed``), since WeasyPrint treats margins at the
  top of a named page differently (as after a forced break),

lays out exactly as the whole chapter does from that page on; the caller
checks that the first lines agree and lays the whole chapter out if not.
The cost is the tail, a few pages for a note deferred near the end,
instead of the whole chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressroom.builders.pdf.pagemap import flow_lines, line_text

VOID = {"hr", "br", "img"}


@dataclass(frozen=True)
class Resume:
    page: int            # index of the first page laid out again
    element: str         # id of the paragraph that opens it
    stub: str            # the hidden previous sibling, as HTML
    notes_before: int    # notes of the chapter before that paragraph


def first_line(page) -> tuple[object, str]:
    """(owning element, text) of the first line in the page's main flow."""
    for el, line in flow_lines(page._page_box.children[0]):
        text = line_text(line)
        if text:
            return el, text
    return None, ""


def resume_point(pages: list, before: int, section_id: str) -> Resume | None:
    """The last page at or before ``before`` that opens with a paragraph the
    chapter section holds directly, not right after a heading (which keeps
    with it), with no note whose call is on an earlier page."""
    root = pages[0]._page_box.children[0].element
    section = next((e for e in root.iter() if e.get("id") == section_id), None)
    if section is None:
        return None
    children = list(section)
    position = {id(child): n for n, child in enumerate(children)}
    for j in range(before, 0, -1):
        el, _ = first_line(pages[j])
        n = position.get(id(el))
        if el is None or n is None or n == 0 or el.tag != "p":
            continue
        if el.get("id") in pages[j - 1].anchors:
            continue        # it began on the page before (a split box repeats its anchor)
        prev = children[n - 1]
        if prev.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "header"):
            continue
        if _carried_notes(pages, j):
            continue
        notes = sum(1 for child in children[:n] for e in child.iter()
                    if "footnote" in (e.get("class") or "").split())
        cls = prev.get("class")
        attrs = f' class="{cls} resume-stub"' if cls else ' class="resume-stub"'
        stub = f"<{prev.tag}{attrs}>" if prev.tag in VOID else f"<{prev.tag}{attrs}></{prev.tag}>"
        return Resume(j, el.get("id"), stub, notes)
    return None


def _carried_notes(pages: list, j: int) -> bool:
    """Whether page ``j`` holds a note whose call is on an earlier page."""
    earlier = {name[:-len("-call")] for page in pages[:j] for name in page.anchors
               if name.startswith("fn-") and name.endswith("-call")}
    return any(name in earlier for name in pages[j].anchors if name.startswith("fn-"))


def resume_html(html: str, section_id: str, resume: Resume) -> str | None:
    """The chapter's HTML cut just before ``resume.element``."""
    opening = re.search(r'<section\b[^>]*\sid="%s"[^>]*>' % re.escape(section_id), html)
    cut = html.find(f'<p id="{resume.element}"', opening.end()) if opening else -1
    if cut < 0:
        return None
    return html[:opening.end()] + resume.stub + html[cut:]


def resume_css(resume: Resume, section_id: str, title: str, running: str = "chaptertitle",
               page: str = "resumed") -> str:
    """The cut's CSS: its first page on the same side (the document opens on
    a recto), of the same kind (``page``: a chapter's pages are named, so
    its cut's are too; packets_layout's are not: ``auto``), the notes
    counted on, ``title`` (a CSS string) as the running head's string
    ``running``."""
    side = "right" if resume.page % 2 == 0 else "left"
    # the body carries on from the page before: no top margin of its own
    # there (a margin is truncated at a break), so none on the cut's first page
    return (f"html {{ break-before: {side}; }}\nbody {{ margin-top: 0; }}\n"
            # html body: more specific than the stylesheet's "section.reading"
            f'html body [id="{section_id}"] {{ break-before: auto; page: {page}; '
            f"counter-reset: footnote {resume.notes_before}; string-set: {running} {title}; }}\n"
            ".resume-stub { display: none; }\n")


def lay_out_again(r, source, ident: str, folio: int, css: str, pages: list, bad: int,
                  title: str) -> list:
    """The chapter's pages with ``css`` applied: the pages before a clean
    page at or before ``bad`` kept, the rest laid out again; the whole
    chapter if no such page opens the same way when laid out on its own.
    ``r`` is pdf_layout's renderer, ``source(css)`` the chapter's HTML with
    ``css`` (pdf/chapter.py); ``title`` the chapter's title as a CSS string
    (the running head)."""
    section = f"sec-{ident}"
    point = resume_point(pages, bad, section)
    if point is not None:
        extra = resume_css(point, section, title)
        cut = resume_html(source(css + extra), section, point)
        if cut is not None:
            tail = r.render(cut, folio + point.page, timing=f"body:{ident}")
            if tail.pages and first_line(tail.pages[0])[1] == first_line(pages[point.page])[1]:
                return pages[:point.page] + list(tail.pages)
    doc = r.render(source(css), folio, timing=f"body:{ident}")
    return list(doc.pages)

"""EPUB: a section's opening, as the reader meets it.

Place in the flow: between a section's blocks and its XHTML file
(epub ``_section_parts``):

- ``level_headings``: heading levels that never jump (h1 then h3 becomes
  h1 then h2; Ace's ``heading-order``, WCAG 1.3.1), since the preface's
  Markdown starts at ``##`` under the document's own title;
- ``opening``: a chapter's ``<h1>`` with the same subtitle and source line
  (author, original publication, date, as the sidecar has them) that the
  PDF prints under it (pdf.markup.source_line), in ``templates/epub/``.
"""

from __future__ import annotations

from pressroom.builders.common.templating import render_template
from pressroom.builders.pdf.markup import source_line, split_title
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section


def level_headings(blocks: list[P.Node]) -> list[P.Node]:
    """``blocks`` with no heading more than one level below the heading
    before it (a new Header where one moves up; the rest shared, as
    P.walk shares what it does not change)."""
    last = 0

    def fix(node):
        nonlocal last
        if node["t"] != "Header":
            return None
        level = last = min(node["c"][0], last + 1)
        return None if level == node["c"][0] else {"t": "Header", "c": [level, *node["c"][1:]]}
    return P.walk(blocks, fix)


def opening(sec: Section, body: str, theme=None) -> tuple[str, str]:
    """(the opening ``<header>`` HTML, the rest of the body) for a chapter;
    ("", body) for front matter."""
    if sec.kind != "chapter":
        return "", body
    head, rest = split_title(body)
    if not head:
        return "", body
    return render_template("epub/opening.xhtml.j2", theme=theme, head=head,
                           line=source_line(sec)), rest

"""EPUB: navigation, the nav document (contents, landmarks, page-list) and the NCX.

The contents come from the sections' headings (levels 1-3) plus the
glossary and index; the same tree feeds ``nav.xhtml`` (rendered from
``templates/epub/nav.xhtml.j2``) and ebooklib's NCX for EPUB 2 readers.
The page-list holds the print edition's page breaks (see epub_pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ebooklib import epub

from ..book import Section
from .templating import render_template


@dataclass
class Node:
    title: str
    href: str
    uid: str
    children: list["Node"] = field(default_factory=list)


def section_node(sec: Section, href: str, max_level: int = 3) -> Node:
    """The section and its headings down to ``max_level``, nested."""
    heads = [h for h in sec.headings() if h[0] <= max_level]
    root = Node(sec.title if not heads else heads[0][2], href, f"nav-{sec.id}")
    stack: list[tuple[int, Node]] = [(1, root)]
    for level, ident, text in heads[1:]:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        node = Node(text, f"{href}#{ident}", f"nav-{ident}")
        stack[-1][1].children.append(node)
        stack.append((level, node))
    return root


def ncx_toc(nodes: list[Node]) -> list:
    """The tree as ebooklib's (Section, [children]) / Link structure."""
    out = []
    for n in nodes:
        if n.children:
            out.append((epub.Section(n.title, n.href), ncx_toc(n.children)))
        else:
            out.append(epub.Link(n.href, n.title, n.uid))
    return out


def nav_body(toc: list[Node], landmarks: list[dict], pages: list[dict],
             toc_title: str = "Contents") -> str:
    return render_template("epub/nav.xhtml.j2", toc=toc, landmarks=landmarks,
                           pages=pages, toc_title=toc_title)

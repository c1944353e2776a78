"""EPUB: navigation, the nav document (contents, landmarks, page-list) and the NCX.

The contents come from the sections' headings (levels 1-3) plus the
glossary and index; the same tree feeds ``nav.xhtml`` (rendered from
``templates/epub/nav.xhtml.j2``) and ebooklib's NCX for EPUB 2 readers.
The page-list holds the print edition's page breaks (see epub_pages); the
NCX gets the same list as its ``pageList`` (``ncx_page_list``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ebooklib import epub
from lxml import etree

from pressroom.doctree.book import Section
from pressroom.builders.common.templating import render_template


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
             L: dict, theme=None) -> str:
    """The nav document's body; ``L``: the book's labels (settings/labels.py)."""
    return render_template("epub/nav.xhtml.j2", theme=theme, toc=toc, landmarks=landmarks,
                           pages=pages, toc_title=L["contents"], labels=L)


NCX = "http://www.daisy.org/z3986/2005/ncx/"


def ncx_page_list(ncx: bytes, pages: list[dict], title: str) -> bytes:
    """The NCX ebooklib wrote, with a ``pageList`` of ``pages`` ({label,
    href}) after its navMap and the page-count metadata filled in. Roman
    folios are ``front`` pages; arabic ones ``normal``, with their value."""
    if not pages:
        return ncx
    root = etree.fromstring(ncx)
    q = lambda tag: f"{{{NCX}}}{tag}"
    numbers = [int(p["label"]) for p in pages if p["label"].isdigit()]
    for meta in root.iter(q("meta")):
        if meta.get("name") == "dtb:totalPageCount":
            meta.set("content", str(len(pages)))
        elif meta.get("name") == "dtb:maxPageNumber":
            meta.set("content", str(max(numbers, default=0)))
    page_list = etree.Element(q("pageList"))
    label = etree.SubElement(etree.SubElement(page_list, q("navLabel")), q("text"))
    label.text = title
    for i, page in enumerate(pages, 1):
        attrs = {"id": f"pt-{i}", "type": "normal" if page["label"].isdigit() else "front"}
        if page["label"].isdigit():
            attrs["value"] = page["label"]
        target = etree.SubElement(page_list, q("pageTarget"), attrs)
        etree.SubElement(etree.SubElement(target, q("navLabel")), q("text")).text = page["label"]
        etree.SubElement(target, q("content"), {"src": page["href"]})
    root.find(q("navMap")).addnext(page_list)
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)

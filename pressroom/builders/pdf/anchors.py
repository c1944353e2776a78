"""Index and glossary marks placed after layout, so they cannot move a line.

Place in the flow: pdf_html writes each mark as an empty
``<span id="ix-…" class="ix"></span>`` (common.html.anchors_before);
**lift** takes those out of the HTML again and writes, on the text block
that held them, where they stood: ``data-marks="ix-a@12 glref-b@40"``,
``@n`` counting the block's non-space characters before the mark (the
text of its notes left out; a note is a block of its own). pdf_layout
lays the HTML out with no element inside the running text at all, then
**place** walks each page's lines, counts the same characters and adds
every mark to ``page.anchors`` at the start of the line that holds its
first character: the index and contents read page numbers from there,
and links to a mark land on that line.

Why: WeasyPrint (as of v70) breaks a line differently at the edge of any
inline box, even an empty one (Kozea/WeasyPrint#1614): a marked word lost
its break opportunities and the lines before it were stretched to 80 pt
word gaps or ended on a lone fragment (issue 16). Blocks are ``<p>``,
``<li>`` and line blocks with an id, and note spans (``fn-…``); a mark
anywhere else (a table cell) stays an empty span.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pressroom.builders.pdf.pagemap import own_text

_MARK = re.compile(r'<span id="([^"]+)" class="(?:ix|gl)"></span>')
_HYPHEN = "\u2010"            # the hyphenate-character WeasyPrint inserts


def _count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


class _Scan(HTMLParser):
    """Finds, for every mark, its block and its character count there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []     # (tag, block id)
        self.counts: dict[str, int] = {}
        self.marks: dict[str, list[tuple[str, int]]] = {}  # block -> [(mark, n)]
        self.placed: set[str] = set()

    def block(self) -> str | None:
        return next((b for _, b in reversed(self.stack) if b), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        ident, classes = a.get("id"), (a.get("class") or "").split()
        if tag == "span" and ("ix" in classes or "gl" in classes) and ident:
            owner = self.block()
            if owner is not None:
                self.marks.setdefault(owner, []).append((ident, self.counts.get(owner, 0)))
                self.placed.add(ident)
        is_block = bool(ident) and (
            tag in ("p", "li") or (tag == "div" and "line-block" in classes)
            or (tag == "span" and "footnote" in classes))
        if tag not in ("br", "img", "hr", "wbr"):
            self.stack.append((tag, ident if is_block else None))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        owner = self.block()
        if owner is not None:
            self.counts[owner] = self.counts.get(owner, 0) + _count(data)


def lift(html: str) -> str:
    """The fragment without its empty mark spans, each block that held
    marks carrying them in ``data-marks`` (see the module docstring)."""
    if 'class="ix"></span>' not in html and 'class="gl"></span>' not in html:
        return html
    scan = _Scan()
    scan.feed(html)
    scan.close()
    html = _MARK.sub(lambda m: "" if m.group(1) in scan.placed else m.group(0), html)
    for block, marks in scan.marks.items():
        value = " ".join(f"{ident}@{n}" for ident, n in marks)
        html = html.replace(f' id="{block}"', f' id="{block}" data-marks="{value}"', 1)
    return html


def _marks_of(element) -> list[tuple[str, int]]:
    out = []
    for item in (element.get("data-marks") or "").split():
        ident, _, n = item.rpartition("@")
        out.append((ident, int(n)))
    return out


def _lines(box, owner=None):
    """(element with data-marks, line box) for every line on the page,
    the footnote area included."""
    element = getattr(box, "element", None)
    if (element is not None and element.get("data-marks")
            and getattr(box, "element_tag", "") == element.tag):
        owner = element
    if type(box).__name__ == "LineBox":
        if owner is not None:
            yield owner, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, owner)


def line_chars(line, owner) -> int:
    """Non-space characters of ``owner``'s own text on this line: pseudo
    elements (note calls, markers), a nested note and the hyphen added
    at a break left out."""
    def nested_note(element) -> bool:
        return element is not owner and "footnote" in (element.get("class") or "").split()
    text = own_text(line, nested_note)
    if text.endswith(_HYPHEN):
        text = text[:-1]
    return _count(text)


def place(pages) -> int:
    """Add every lifted mark of these pages (one laid-out document, in
    order) to its page's anchors; returns how many were placed."""
    done: dict[int, int] = {}          # id(element) -> characters so far
    pending: dict[int, list] = {}
    placed = 0
    for page in pages:
        for element, line in _lines(page._page_box):
            key = id(element)
            if key not in pending:
                pending[key] = sorted(_marks_of(element), key=lambda m: m[1])
                done[key] = 0
            done[key] = after = done[key] + line_chars(line, element)
            queue = pending[key]
            while queue and queue[0][1] < after:
                ident, _ = queue.pop(0)
                page.anchors.setdefault(
                    ident, (line.position_x, line.position_y, line.width, line.height))
                placed += 1
    return placed

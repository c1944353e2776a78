"""PDF index: "(continued)" lines where an entry breaks across a column or page.

Place in the flow: pdf_layout lays the index out with ``lay_out_index``:
once plainly, then, for every column whose first line is a sub-entry
(its entry began in the column or page before), again with a line
"Heading (continued)" just before that sub-entry (CMOS 16.139), until the
columns that need one are those that have one. The stylesheet keeps each
index line whole (no entry or sub-entry split across columns), so a
column can only begin at an entry, a sub-entry or a continued line.

The index template marks each sub-entry ``<li class="sub" data-key=…>``
(the key ``<entry id>/<n>``) and each continued line ``<li class="cont"
data-key=…>`` with the key of the sub-entry it stands before.
"""

from __future__ import annotations

from typing import Callable

ROUNDS = 4


def _lines(box, li=None):
    """(the index li a line belongs to, the line box), for every line."""
    element = getattr(box, "element", None)
    if (element is not None and getattr(box, "element_tag", "") == "li"
            and element.tag == "li"):
        li = element
    if type(box).__name__ == "LineBox":
        yield li, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, li)


def column_tops(doc) -> list[tuple[str, str]]:
    """(class, data-key) of the index li opening each column of each page."""
    out = []
    for page in doc.pages:
        page_box = page._page_box
        mid = page_box.content_box_x() + page_box.width / 2
        tops: dict[int, tuple[float, object]] = {}
        for li, line in _lines(page_box.children[0]):
            if li is None:
                continue
            col = int(line.position_x >= mid)
            if col not in tops or line.position_y < tops[col][0]:
                tops[col] = (line.position_y, li)
        for col in sorted(tops):
            li = tops[col][1]
            out.append(((li.get("class") or "").split()[0] if li.get("class") else "",
                        li.get("data-key") or ""))
    return out


def needed(doc) -> frozenset[str]:
    """Keys of the sub-entries that must have a continued line before them:
    those opening a column, and those whose continued line opens one."""
    return frozenset(key for cls, key in column_tops(doc) if cls in ("sub", "cont") and key)


def lay_out_index(render: Callable[[frozenset[str]], object]):
    """``render(continued keys)`` -> a laid-out index; the layout whose
    continued lines are exactly where columns open inside an entry."""
    keys: frozenset[str] = frozenset()
    doc = render(keys)
    for _ in range(ROUNDS):
        want = needed(doc)
        if want == keys:
            break
        keys = want
        doc = render(keys)
    return doc

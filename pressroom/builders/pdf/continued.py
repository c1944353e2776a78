"""PDF index: "(continued)" lines where an entry breaks across a column or page.

Place in the flow: pdf_layout lays the index out with ``lay_out_index``:
once plainly, then, for every column whose first line is a sub-entry
(its entry began in the column or page before), again with a line
"Heading (continued)" just before that sub-entry (CMOS 16.139), until the
columns that need one are those that have one. The stylesheet keeps each
index line whole (no entry or sub-entry split across columns), so a
column can only begin at an entry, a sub-entry or a continued line.

Each layout after the first starts at the first page a changed line can
move (pdf_resume's reasoning, for the index): what lands on a page
depends only on where the page starts, so the pages before it are kept
and the index's HTML is cut just before the line that opens that page
(``resume_html``). A cut that does not open its first page as expected
is laid out whole instead. The keys found are kept between builds with
pdf_layout's note hints (``hint``): an index whose HTML, styles and first
folio are unchanged is laid out once, with them, and checked.

The index template marks each sub-entry ``<li class="sub" data-key=…>``
(the key ``<entry id>/<n>``) and each continued line ``<li class="cont"
data-key=…>`` with the key of the sub-entry it stands before.
"""

from __future__ import annotations

import gc
import hashlib
import html as htmllib
import re
from typing import Callable

from pressroom.builders.pdf import columns as index_columns
from pressroom.builders.pdf.resume import Resume, resume_css

ROUNDS = 4
LAST = "index:last"        # the hint with the keys the last build found
SECTION = "index"          # the index section's id (templates/pdf/_index.html.j2)


def _lines(box, li=None):
    """(the index li or letter heading a line belongs to, the line box),
    for every line in order: the left column's, then the right's."""
    element = getattr(box, "element", None)
    if (element is not None and getattr(box, "element_tag", "") == element.tag
            and element.tag in ("li", "h2")):
        li = element
    if type(box).__name__ == "LineBox":
        yield li, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, li)


def _owners(page):
    """(the index li or letter heading owning a line, the line), for each
    line of ``page``: pdf/columns.py's view of it."""
    return _lines(page._page_box.children[0])


def _kind(el) -> tuple[str, str]:
    """(class, data-key) of an index li; ("", "") for anything else."""
    if el is None or el.tag != "li":
        return "", ""
    cls = (el.get("class") or "").split()
    return (cls[0] if cls else "", el.get("data-key") or "")


def column_tops(doc) -> list[tuple[str, str]]:
    """(class, data-key) of the index li opening each column of each page."""
    return [top for page in doc.pages for top in _page_tops(page)]


def _page_tops(page) -> list[tuple[str, str]]:
    page_box = page._page_box
    mid = page_box.content_box_x() + page_box.width / 2
    tops: dict[int, tuple[float, object]] = {}
    for el, line in _lines(page_box.children[0]):
        if el is None or el.tag != "li":
            continue
        col = int(line.position_x >= mid)
        if col not in tops or line.position_y < tops[col][0]:
            tops[col] = (line.position_y, el)
    return [_kind(tops[col][1]) for col in sorted(tops)]


def needed(doc) -> frozenset[str]:
    """Keys of the sub-entries that must have a continued line before them:
    those opening a column, and those whose continued line opens one."""
    return _needed(doc.pages)


def _needed(pages) -> frozenset[str]:
    return frozenset(key for page in pages for cls, key in _page_tops(page)
                     if cls in ("sub", "cont") and key)


def _first_changed(pages, have: frozenset[str], want: frozenset[str]) -> int:
    """The first page holding a continued line to add or to take away."""
    for n, page in enumerate(pages):
        keys = {key for el, _ in _lines(page._page_box.children[0])
                for cls, key in [_kind(el)] if cls in ("sub", "cont")}
        if keys & (have ^ want):
            return n
    return 0


def _opening(page):
    """The li or letter heading owning the page's first line."""
    return next((el for el, _ in _lines(page._page_box.children[0]) if el is not None), None)


def resume_html(source: str, opening, keys: frozenset[str]) -> str | None:
    """The index's HTML (laid out with continued lines at ``keys``) cut
    just before ``opening``, the element that opens the page to lay out
    again, inside the same enclosing elements (a sub-entry stays in an
    entry's list, under its entry without the entry's own lines); the
    index heading left out. None if the element is not where the template puts it."""
    cls, key = _kind(opening)
    if opening is None:
        return None
    if opening.tag == "h2":
        marker, wrap = f'<h2 class="letter" id="{opening.get("id")}"', '<div class="resume-stub"></div>'
    elif cls == "entry":
        marker, wrap = f'<li class="entry" id="{opening.get("id")}"', "<ul>"
    elif cls in ("sub", "cont") and key:
        first = "cont" if key in keys else "sub"
        entry = key.rsplit("/", 1)[0]        # its entry's id: the li repeats its anchor
        marker = f'<li class="{first}" data-key="{key}"'
        wrap = f'<ul><li class="entry" id="{entry}"><ul>'
    else:
        return None
    head = re.search(r'<h1 id="index-title">.*?</h1>\s*<div class="index-columns">', source, re.S)
    cut = source.find(marker, head.end()) if head else -1
    if cut < 0:
        return None
    return source[:head.start()] + '<div class="index-columns">' + wrap + source[cut:]


def running_head(source: str) -> str:
    """The index heading (what its running head repeats) as a CSS string."""
    found = re.search(r'<h1 id="index-title">(.*?)</h1>', source, re.S)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _same(a, b) -> bool:
    """Whether two index elements are the same line's (a sub-entry and the
    continued line before it count as one: the key names both)."""
    if a is None or b is None:
        return False
    return (a.tag, a.get("id"), a.get("data-key")) == (b.tag, b.get("id"), b.get("data-key"))


def _on(page, el) -> bool:
    """Whether ``el`` has lines on ``page`` (the page before the cut: an
    entry long enough to break across pages is no place to cut)."""
    return any(_same(owner, el) for owner, _ in _lines(page._page_box.children[0]))


def _again(source, lay_out, pages: list, keys: frozenset[str], page: int) -> list:
    """The index's pages with continued lines at ``keys``: those before
    ``page`` kept, the rest laid out again from there. The pages replaced
    are taken out of ``pages`` and freed before the new layout (at 10x the
    index's pages are 250 MB: never two sets at once)."""
    whole = source(keys, "")
    opening = _opening(pages[page]) if 0 < page < len(pages) else None
    if opening is not None and not _on(pages[page - 1], opening):
        css = resume_css(Resume(page, "", "", 0), SECTION, running_head(whole))
        cut = resume_html(source(keys, css), opening, keys)
        if cut is not None:
            _let_go(pages, page)
            tail = list(lay_out(cut, page).pages)
            if tail and _same(_opening(tail[0]), opening):
                return pages + tail
    _let_go(pages, 0)
    return list(lay_out(whole, 0).pages)


def _let_go(pages: list, first: int) -> None:
    """Pages from ``first`` on taken out of ``pages`` and collected now
    (their boxes hold cycles; layouts run with the collector paused)."""
    del pages[first:]
    gc.collect()


def lay_out_index(source: Callable[[frozenset[str], str], str],
                  lay_out: Callable[[str, int], object],
                  known: frozenset[str] = frozenset()):
    """The laid-out index whose continued lines are exactly where columns
    open inside an entry. ``source(continued keys, css)`` is its HTML;
    ``lay_out(html, n)`` lays HTML out as from the index's page ``n``;
    ``known``: the keys a build before found (a guess: checked as any)."""
    keys = known
    first = lay_out(source(keys, ""), 0)
    pages = list(first.pages)
    doc = first.copy([])        # what the pages are copied into at the end, without
    del first                   # the first layout's own list of them (freed as replaced)
    for _ in range(ROUNDS):
        want = _needed(pages)
        if want == keys:
            break
        # the lines this layout asks for, and those they will make needed
        # in turn, as pdf/columns.py's model pours the index again
        want = index_columns.guess(pages, _owners, want, _first_changed(pages, keys, want))
        page = _first_changed(pages, keys, want)
        keys = want
        # what a round's layout leaves in cycles is collected by the next
        # round's _let_go, before it lays out, or once the part is written
        pages = _again(source, lay_out, pages, keys, page)
    return doc.copy(pages)


def lay_out_kept(source, lay_out, signature: str, hints: dict[str, str],
                 used: dict[str, str]):
    """``lay_out_index`` starting from the keys ``hints`` keeps for this
    index (its HTML without continued lines, every locator's page in it,
    and ``signature``: styles, first folio); the keys found put in ``used``
    for the next build (pdf_layout's note hints). An index that changed
    (an edit moved some locators) starts from the keys the last build
    found that it still has: its columns mostly open where they did, so
    the guess is mostly right, and lay_out_index checks it as any."""
    plain = source(frozenset(), "")
    key = "index:" + hashlib.sha256(f"{signature}\n{plain}".encode()).hexdigest()
    kept = hints.get(key)
    if kept is None:
        kept = " ".join(k for k in hints.get(LAST, "").split()
                        if f'data-key="{htmllib.escape(k)}"' in plain)
    doc = lay_out_index(source, lay_out, frozenset(kept.split()))
    if keys := " ".join(sorted(needed(doc))):
        used[key] = used[LAST] = keys
    return doc

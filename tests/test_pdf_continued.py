"""pdf/continued: the index's "(continued)" lines, laid out from a page.

The index of the real book, with page numbers made up in reading order
(every anchor of the body, 31 to a page, about as many as the pamphlet
has), so no chapter has to be laid out; once as the pamphlet sets it and
once in smaller type, so the columns break elsewhere. Checked on the
laid-out pages themselves, never through continued.py's own readers:

- the pages are those of one whole layout of the index HTML with the same
  continued lines (the layouts after the first start at a page);
- a column opens inside an entry (on a sub-entry or continued line) if and
  only if it opens with a continued line naming that entry, followed by
  the sub-entry it stands before;
- the last page's two columns are balanced (heights within two lines);
- the continued lines a build found, kept for the next, make that one lay
  the index out once, to the same pages; an index that changed starts
  from the last build's lines it still has.
"""

from __future__ import annotations

import re

import pytest

from pressroom.builders.pdf import layout as pdf_layout
from pressroom.builders.pdf import columns, continued
from pressroom.builders.pdf.continued import LAST, lay_out_index, lay_out_kept
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.pagemap import line_text

FIRST = 259                         # the index's first folio (odd: a recto)
PER_PAGE = 31                       # anchors to a page
LINE = 10.5 * 4 / 3                 # the index's line height (book.css), in px
TOKEN = re.compile(r'\sid="([^"]+)"|data-marks="([^"]+)"')
VARIANTS = {"as set": "", "smaller type": ".index-columns { font-size: 8pt; line-height: 9.8pt; }"}


@pytest.fixture(scope="module")
def index(book):
    html = BookHTML.of(book)
    order = []
    for sec in book.chapters:
        for m in TOKEN.finditer(html.fragments[sec.id]):
            order.extend([m.group(1)] if m.group(1)
                         else [item.rpartition("@")[0] for item in m.group(2).split()])
    numbers = {a: str(1 + n // PER_PAGE) for n, a in enumerate(order)}
    return html, numbers


def _laid_out(book, index, extra_css):
    html, numbers = index
    r = pdf_layout._Renderer(book, extra_css, pdf_layout.A5)
    starts = []

    def source(keys, css):
        return html.render(["index"], numbers, {"index": str(FIRST)}, continued=keys, css=css)

    def lay_out(text, page):
        starts.append(page)
        return r.render(text, FIRST + page)
    return r, source, lay_out_index(source, lay_out), starts


def _lines(page):
    """(li or None, line box) for every line of the page's main flow."""
    def go(box, li):
        el = getattr(box, "element", None)
        if el is not None and el.tag == "li" and getattr(box, "element_tag", "") == "li":
            li = el
        if type(box).__name__ == "LineBox":
            yield li, box
            return
        for child in getattr(box, "children", ()):
            yield from go(child, li)
    return list(go(page._page_box.children[0], None))


def _columns(page):
    """The page's columns, left then right: their lines by height."""
    box = page._page_box
    mid = box.content_box_x() + box.width / 2
    cols = [[], []]
    for li, line in _lines(page):
        cols[int(line.position_x >= mid)].append((line.position_y, li, line))
    return [sorted(c, key=lambda t: t[0]) for c in cols]


def _dump(page):
    return [(line_text(line), round(line.position_x, 3), round(line.position_y, 3))
            for _, line in _lines(page)]


def _cls(li):
    return (li.get("class") or "").split()[0] if li is not None and li.get("class") else ""


@pytest.fixture(scope="module", params=list(VARIANTS))
def laid_out(request, book, index):
    return (request.param, *_laid_out(book, index, VARIANTS[request.param]))


def test_the_index_is_its_whole_layout(laid_out):
    name, r, source, doc, starts = laid_out
    keys = frozenset(li.get("data-key") for page in doc.pages for li, _ in _lines(page)
                     if _cls(li) == "cont")
    whole = r.render(source(keys, ""), FIRST)
    assert len(whole.pages) == len(doc.pages)
    for n, (a, b) in enumerate(zip(whole.pages, doc.pages)):
        assert _dump(a) == _dump(b), f"{name}: page {n} differs"
        assert sorted(a.anchors) == sorted(b.anchors), f"{name}: page {n} anchors"
    # some layout after the first really started at a later page
    assert starts[0] == 0 and any(s > 0 for s in starts[1:]), starts


def test_continued_lines_exactly_where_a_column_opens_inside_an_entry(laid_out):
    name, _, _, doc, _ = laid_out
    conts = 0
    whole = doc.pages[0]._page_box.children[0].element   # the first layout's: every entry
    entries = {el.get("id"): el for el in whole.iter("li") if el.get("id")}
    for n, page in enumerate(doc.pages):
        root = page._page_box.children[0].element    # a page laid out again: its own tree
        parents = {child: el for el in root.iter() for child in el}
        for col in _columns(page):
            if not col:
                continue
            top = col[0][1]
            inside = _cls(top) in ("sub", "cont")
            opens_cont = _cls(top) == "cont"
            assert inside == opens_cont, (name, n, line_text(col[0][2]))
            if opens_cont:
                conts += 1
                text = " ".join(line_text(line) for _, li, line in col if li is top)
                after = next(li for _, li, _ in col if li is not top)
                assert _cls(after) == "sub" and after.get("data-key") == top.get("data-key")
                entry = parents[parents[top]]          # li.cont < ul < li.entry
                head = re.sub(r"[,.\s]+$", "", entries[entry.get("id")].text or "")
                assert _cls(entry) == "entry" and text == f"{head} (continued)", (text, head)
        # no continued line anywhere but at a column's top
        tops = {id(col[0][1]) for col in _columns(page) if col}
        stray = [line_text(line) for li, line in _lines(page)
                 if _cls(li) == "cont" and id(li) not in tops]
        assert not stray, (name, n, stray)
    assert conts, f"{name}: no column opens inside an entry: the check is empty"


def test_last_page_balanced(laid_out):
    name, _, _, doc, _ = laid_out
    left, right = _columns(doc.pages[-1])
    assert left and right, name
    heights = [col[-1][2].position_y + col[-1][2].height - col[0][0] for col in (left, right)]
    assert abs(heights[0] - heights[1]) <= 2 * LINE + 0.5, (name, heights)


def _kept_first(laid_out):
    """(name, source, lay_out counting its starts, the starts, the index
    laid out with nothing kept, the keys it kept for the next build)."""
    name, r, source, _, _ = laid_out
    used: dict[str, str] = {}
    starts: list[int] = []

    def lay_out(text, page):
        starts.append(page)
        return r.render(text, FIRST + page)
    first = lay_out_kept(source, lay_out, "styles", {}, used)
    return name, source, lay_out, starts, first, used


def test_kept_keys_lay_the_index_out_once(book, index, laid_out):
    name, source, lay_out, starts, first, used = _kept_first(laid_out)
    assert len(starts) > 1 and list(used.values())
    starts.clear()
    again = lay_out_kept(source, lay_out, "styles", dict(used), {})
    assert starts == [0], (name, starts)
    assert [_dump(p) for p in again.pages] == [_dump(p) for p in first.pages]
    starts.clear()
    lay_out_kept(source, lay_out, "styles", {}, {})
    assert len(starts) > 1, "laid out once with nothing kept"


def test_a_changed_index_starts_from_the_last_keys_it_still_has(book, index, laid_out):
    """An edit changes the index (its key misses), but its columns mostly
    open where they did: the last build's keys, those still in the index,
    are the first guess; a key no longer there is left out."""
    name, source, lay_out, starts, first, used = _kept_first(laid_out)
    exact = [v for k, v in used.items() if k != LAST]
    assert exact and used[LAST] == exact[0] and len(starts) > 1
    starts.clear()
    again = lay_out_kept(source, lay_out, "edited styles",
                         {LAST: used[LAST] + " ix-no-such-entry/1"}, {})
    assert starts == [0], (name, starts)
    assert [_dump(p) for p in again.pages] == [_dump(p) for p in first.pages]


# --- pdf/columns.py: the model that guesses the continued lines -----------------

def _model(pages):
    cols = [blocks for page in pages for blocks in columns._blocks(page, continued._owners)]
    gaps = columns._gaps(cols)
    return cols, gaps, columns._capacities(pages, cols, continued._owners, gaps)


def test_the_model_pours_the_index_as_it_was_laid_out(laid_out):
    """Poured again into columns of the heights it measured, the blocks of
    a layout open every column where WeasyPrint opened it."""
    name, r, source, doc, starts = laid_out
    cols, gaps, capacities = _model(doc.pages)
    flow = [block for blocks in cols for block in blocks]
    tops = columns._pour(flow, capacities, gaps)
    assert [(t.kind, t.key) for t in tops] == [(c[0].kind, c[0].key) for c in cols if c], name
    assert any(c and c[0].kind == "cont" for c in cols), name     # a line to model


def test_the_guess_from_the_first_layout_is_where_the_lines_end(laid_out):
    """From the first layout (no continued line), the model names the keys
    the layouts end with, so the index is laid out twice, not three times."""
    name, r, source, doc, starts = laid_out
    pages = list(r.render(source(frozenset(), ""), FIRST).pages)
    want = continued._needed(pages)
    first = continued._first_changed(pages, frozenset(), want)
    if name == "as set":      # there the first layout's keys are not the last: a third
        assert want != continued.needed(doc)    # layout, were it not for the model
    assert columns.guess(pages, continued._owners, want, first) == continued.needed(doc), name
    assert len(starts) == 2, (name, starts)

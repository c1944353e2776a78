"""The PDF page map and the footnote fix (builders/pdf/pagemap.py,
builders/pdf/notes.py) on layout trees built here: small stand-ins for
WeasyPrint's boxes (a ``LineBox``, a ``TextBox`` and a plain box, each with
the attributes WeasyPrint gives them) over ElementTree elements. Every
expected id, offset and CSS rule is written by hand from the page drawn in
the test."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from pressroom.builders.pdf.notes import fix_css, misplaced
from pressroom.builders.pdf.pagemap import (element_text, flow_lines, line_text, own_text,
                                            pagemap)


class Box:
    def __init__(self, element=None, tag=None, children=()):
        self.element = element
        self.element_tag = tag if tag is not None else (element.tag if element is not None else "")
        self.children = list(children)


class LineBox(Box):
    pass


class TextBox:
    """WeasyPrint's text box: text, an element and its tag, no children."""
    def __init__(self, text, element=None, tag=None):
        self.element, self.element_tag, self.text = element, tag or "", text


def el(tag: str, ident: str | None = None, text: str = "", cls: str | None = None):
    e = ET.Element(tag)
    if ident:
        e.set("id", ident)
    if cls:
        e.set("class", cls)
    e.text = text
    return e


def line(*texts: str, owner=None) -> LineBox:
    return LineBox(owner, children=[TextBox(t) for t in texts])


def block(element, *lines) -> Box:
    return Box(element, children=lines)


def page(*blocks) -> SimpleNamespace:
    root = Box(el("body"), children=blocks)
    return SimpleNamespace(_page_box=SimpleNamespace(children=[root]), anchors={})


def rendered(*pages, labels=None, numbers=None):
    return (labels or [str(i + 1) for i in range(len(pages))], list(pages), numbers or {})


# -- element_text, line_text, own_text ---------------------------------------

def test_element_text_leaves_notes_out_and_collapses_space():
    p = ET.fromstring('<p id="p-a-1">  One  <em>two</em>\n three'
                      '<span class="x footnote">note</span> four'
                      '<span class="footnoted">kept</span></p>')
    assert element_text(p) == "One two three fourkept"
    assert element_text(el("p", text="")) == ""


def test_line_text_skips_calls_and_markers_and_break_hyphens():
    ln = LineBox(None, children=[
        TextBox("  Revolu"), Box(None, "p::footnote-call", [TextBox("7")]),
        Box(None, "li::marker", [TextBox("1.")]), TextBox("tion\u2010"),
        SimpleNamespace(text="not a text box", children=[])])
    assert line_text(ln) == "Revolution"
    assert line_text(line("word-")) == "word"
    assert line_text(line("soft\u00ad")) == "soft"
    assert line_text(line("a   b ", " c")) == "a b c"
    assert line_text(LineBox(None, tag=None, children=[TextBox("x")])) == "x"


def test_own_text_leaves_pseudo_elements_and_skipped_elements_out():
    note = el("span", cls="footnote")
    ln = LineBox(None, children=[
        TextBox("Start "), Box(None, "a::before", [TextBox("[")]),
        Box(note, "span", [TextBox("note words")]), TextBox("end  ")])
    assert own_text(ln) == "Start note wordsend"
    assert own_text(ln, skip=lambda e: e is note) == "Start end"
    assert own_text(LineBox(None, tag=None, children=[TextBox("x")])) == "x"


# -- flow_lines ---------------------------------------------------------------

def test_flow_lines_owner_is_the_nearest_anchor():
    p = el("p", "p-s-1")
    span = el("span", "inner")          # an id, but no anchor: the paragraph keeps it
    li = el("li", "li-s-2")
    plain = el("div")                   # no id: the owner stays
    l1, l2, l3, l4 = line("a"), line("b"), line("c"), line("d")
    root = Box(el("body"), children=[
        Box(p, children=[l1, Box(span, children=[l2])]),
        Box(plain, children=[Box(li, children=[l3])]),
        l4])
    assert [(o.get("id") if o is not None else None, ln) for o, ln in flow_lines(root)] == [
        ("p-s-1", l1), ("p-s-1", l2), ("li-s-2", l3), (None, l4)]


def test_flow_lines_pseudo_element_boxes_do_not_own():
    p = el("p", "p-s-1")
    l1 = line("x")
    root = Box(None, children=[Box(p, "p::before", [l1])])
    assert list(flow_lines(root)) == [(None, l1)]


def test_flow_lines_non_anchor_with_id_owns_when_nothing_above():
    d = el("div", "box")
    l1 = line("x")
    assert list(flow_lines(Box(d, children=[l1]))) == [(d, l1)]
    h = el("h2", "intro")
    l2 = line("y")
    assert list(flow_lines(Box(d, children=[Box(h, children=[l2])]))) == [(h, l2)]


# -- pagemap ------------------------------------------------------------------

@pytest.mark.parametrize("tag, ident, anchor", [
    ("p", "p-x-1", True), ("div", "li-x-1", True), ("span", "lb-x-1", True),
    ("h3", "anything", True), ("h6", "s", True), ("dt", "gl-term", True),
    ("dd", "gl-def", True), ("p", "gl-term", False), ("li", "ix-lenin", True),
    ("p", "ix-lenin", False), ("div", "titlepage", True), ("div", "colophon", True),
    ("div", "toc", False), ("p", "x-p-1", False),
])
def test_which_elements_are_page_anchors(tag, ident, anchor):
    e = el(tag, ident, "Some words here.")
    got = pagemap(*rendered(page(block(e, line("Some words here.")))))
    assert got == [{"page": "1", "id": ident if anchor else None, "offset": 0}]


def test_pages_split_a_paragraph_with_offsets():
    text = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    p = el("p", "p-c-1", text)
    h = el("h2", "c-head", "Head")
    pages = [page(block(h, line("Head")), block(p, line("Alpha beta"), line("gamma. Delta"))),
             page(block(p, line("epsilon zeta. Eta"))),
             page(block(p, line("theta iota."))),
             page(),
             page(block(el("div"), line("   ")))]
    got = pagemap(*rendered(*pages, labels=["i", "1", "2", "3", "4"]))
    assert got == [{"page": "i", "id": "c-head", "offset": 0},
                   {"page": "1", "id": "p-c-1", "offset": text.index("epsilon")},
                   {"page": "2", "id": "p-c-1", "offset": text.index("theta")},
                   {"page": "3", "id": None, "offset": 0},
                   {"page": "4", "id": None, "offset": 0}]


def test_repeated_words_found_after_the_previous_page():
    text = "the same words. the same words. the same words."
    p = el("p", "p-r-1", text)
    pages = [page(block(p, line("the same words."))),
             page(block(p, line("the same words."))),
             page(block(p, line("the same words.")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 16, 32]


def test_first_line_not_found_after_the_cursor_falls_back():
    text = "one two three"
    p = el("p", "p-f-1", text)
    pages = [page(block(p, line("one two three"))), page(block(p, line("two")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 4]
    pages = [page(block(p, line("nowhere in it")))]
    assert pagemap(*rendered(*pages))[0]["offset"] == 0


def test_last_line_of_another_element_moves_its_cursor():
    a = el("p", "p-a-1", "first para")
    b = el("p", "p-a-2", "xx yy xx yy")
    pages = [page(block(a, line("first para")), block(b, line("xx yy"))),
             page(block(b, line("xx yy")))]
    assert pagemap(*rendered(*pages))[1] == {"page": "2", "id": "p-a-2", "offset": 6}


def test_last_line_of_the_first_element_searched_from_the_first_line():
    b = el("p", "p-b-1", "ab ab ab ab")
    pages = [page(block(b, line("ab"), line("ab"))),
             page(block(b, line("ab ab")))]
    # page 1 ends at the first "ab" found from its first line (0): cursor 2
    assert pagemap(*rendered(*pages))[1]["offset"] == 3


def test_index_page_marked_at_the_first_entry_beginning_on_it():
    e1 = el("li", "ix-alpha", "Alpha, 3, 5, 7, 9")
    e2 = el("li", "ix-beta", "Beta, 4")
    e3 = el("li", "ix-gamma", "Gamma, 8")
    pages = [page(block(e1, line("Alpha, 3, 5,"))),
             page(block(e1, line("7, 9")), block(e2, line("Beta, 4")),
                  block(e3, line("Gamma, 8")))]
    assert pagemap(*rendered(*pages))[1] == {"page": "2", "id": "ix-beta", "offset": 0}


def test_index_page_laid_out_again_from_a_continued_entry():
    # pdf/continued.py lays the index out again from page 2: there the entry
    # is a new element whose text starts with its continued line
    e1 = el("li", "ix-alpha", "Alpha, 3, 5, 7, 9")
    again = el("li", "ix-alpha", "Alpha (continued) 7, 9")
    e2 = el("li", "ix-beta", "Beta, 4")
    pages = [page(block(e1, line("Alpha, 3, 5,"))),
             page(block(again, line("Alpha (continued)"), line("7, 9")),
                  block(e2, line("Beta, 4")))]
    found = pagemap(*rendered(*pages, numbers={"ix-alpha": "1", "ix-beta": "2"}))
    assert found[1] == {"page": "2", "id": "ix-beta", "offset": 0}
    assert found[0] == {"page": "1", "id": "ix-alpha", "offset": 0}


def test_index_page_with_no_entry_beginning_on_it():
    e1 = el("li", "ix-alpha", "Alpha, 3, 5, 7, 9")
    p = el("p", "p-z-1", "Zeta")
    pages = [page(block(e1, line("Alpha, 3,"))),
             page(block(e1, line("5, 7, 9")), block(p, line("Zeta")))]
    assert pagemap(*rendered(*pages))[1] == {"page": "2", "id": None, "offset": 0}


def test_index_entry_whose_text_does_not_start_with_its_line_is_skipped():
    e1 = el("li", "ix-alpha", "Alpha, 3, 5")
    e2 = el("li", "ix-beta", "Beta, 4")
    e3 = el("li", "ix-gamma", "Gamma, 8")
    pages = [page(block(e1, line("Alpha,"))),
             page(block(e1, line("3, 5")), block(e2, line("4")), block(e3, line("Gamma, 8")))]
    assert pagemap(*rendered(*pages))[1]["id"] == "ix-gamma"


# -- footnote deferral --------------------------------------------------------

def anchors(*names):
    return SimpleNamespace(anchors=set(names))


def test_misplaced_pages():
    pages = [anchors("fn-a-call", "fn-a", "fn-b-call"), anchors("fn-b", "other"),
             anchors("fn-c-call"), anchors("fn-d-call"), anchors("fn-d", "fn-c")]
    assert misplaced(pages) == [0, 2, 3]
    assert misplaced([anchors("fn-e-call")]) == []          # a note never printed
    assert misplaced([anchors("fn-f"), anchors("fn-f-call")]) == [1]
    assert misplaced([anchors("ffn-g-call"), anchors("ffn-g")]) == []


def deferring_page(last_lines: int, ident: str | None = "p-s-9"):
    prev = el("p", "p-s-8")
    last = el("p", ident) if ident else el("p")
    return page(block(el("div"), line("loose")), block(prev, line("a"), line("b"), line("c")),
                block(last, *[line(f"w{k}") for k in range(last_lines)]))


@pytest.mark.parametrize("n, rule", [
    (1, '[id="p-s-9"] { break-before: page; }'),
    (2, '[id="p-s-9"] { break-before: page; }'),
    (3, '[id="p-s-9"] { widows: 1; orphans: 1; }'),
    (4, '[id="p-s-9"] { widows: 1; orphans: 1; }'),
])
def test_fix_css_by_lines_on_the_page(n, rule):
    assert fix_css([deferring_page(n)], [0]) == rule


def test_fix_css_skips_pages_it_cannot_name_and_goes_on():
    pages = [page(block(el("div"), line("unowned"))), page(), deferring_page(3),
             deferring_page(1, ident="p-t-2")]
    assert fix_css(pages, [0, 1, 2, 3]) == ('[id="p-s-9"] { widows: 1; orphans: 1; }\n'
                                            '[id="p-t-2"] { break-before: page; }')
    assert fix_css(pages, []) == ""


def test_boxes_without_children_or_element():
    p = el("p", "p-b-1")
    l1 = line("x")
    root = Box(None, children=[object(), Box(p, children=[TextBox("stray"), l1])])
    assert list(flow_lines(root)) == [(p, l1)]


def test_first_line_not_found_after_the_cursor_takes_the_first_occurrence():
    p = el("p", "p-g-1", "ab ab ab")
    pages = [page(block(p, line("ab ab ab"))), page(block(p, line("ab")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 0]


def test_last_line_of_a_second_element_searched_from_its_own_cursor():
    a = el("p", "p-h-1", "one two three four five")
    b = el("p", "p-h-2", "xx yy xx yy")
    pages = [page(block(a, line("one two three"))),
             page(block(a, line("four five")), block(b, line("xx yy"))),
             page(block(b, line("xx yy")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 14, 6]


def test_last_line_of_the_first_element_searched_from_where_the_page_starts():
    p = el("p", "p-i-1", "xy cd ab cd ef cd")
    pages = [page(block(p, line("xy"))), page(block(p, line("ab"), line("cd"))),
             page(block(p, line("cd")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 6, 15]


def test_an_element_met_again_as_a_page_s_last_continues_from_its_cursor():
    a = el("p", "p-j-1", "a")
    b = el("p", "p-j-2", "xx yy xx yy xx yy")
    pages = [page(block(b, line("xx yy"))), page(block(a, line("a")), block(b, line("xx yy"))),
             page(block(b, line("xx yy")))]
    assert [e["offset"] for e in pagemap(*rendered(*pages))] == [0, 0, 12]

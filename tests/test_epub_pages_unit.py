"""The print edition's page breaks in the EPUB (builders/epub/pages.py) on
XHTML fragments written here. A marker is shown as ``|label|`` (or
``|label#anchor|`` where the anchor matters); every expected fragment is
written out by hand from the offsets given."""

from __future__ import annotations

import re

import pytest

from pressroom.builders.epub.pages import (PageBreak, element_position, insert_pagebreaks,
                                           marker)

MARK = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" class="pagebreak" '
                  r'id="([^"]*)" aria-label="([^"]*)"></span>')


def short(html: str, anchors: bool = False) -> str:
    return MARK.sub(lambda m: f"|{m.group(2)}#{m.group(1)}|" if anchors else f"|{m.group(2)}|",
                    html)


def one(html: str, ident: str, offset: int) -> str:
    out, breaks, stacked = insert_pagebreaks({"s": html},
                                             [{"page": "9", "id": ident, "offset": offset}])
    assert breaks == [PageBreak("9", "page-9", "s")] and stacked == []
    return short(out["s"])


def test_marker_markup():
    assert marker('1"<', "page-1") == ('<span epub:type="pagebreak" role="doc-pagebreak" '
                                       'class="pagebreak" id="page-1" aria-label="1&quot;&lt;">'
                                       '</span>')
    assert 'id="a&amp;b"' in marker("1", "a&b")


P = '<section id="s"><p id="p-1">One  two <em>three</em> four.</p></section>'


@pytest.mark.parametrize("offset, expected", [
    (0, '<section id="s">|9|<p id="p-1">One  two <em>three</em> four.</p></section>'),
    (-3, '<section id="s">|9|<p id="p-1">One  two <em>three</em> four.</p></section>'),
    (1, '<section id="s"><p id="p-1">O|9|ne  two <em>three</em> four.</p></section>'),
    (4, '<section id="s"><p id="p-1">One  |9|two <em>three</em> four.</p></section>'),
    (8, '<section id="s"><p id="p-1">One  two |9|<em>three</em> four.</p></section>'),
    (9, '<section id="s"><p id="p-1">One  two <em>t|9|hree</em> four.</p></section>'),
    (14, '<section id="s"><p id="p-1">One  two <em>three</em> |9|four.</p></section>'),
    (19, '<section id="s"><p id="p-1">One  two <em>three</em> four.|9|</p></section>'),
    (99, '<section id="s"><p id="p-1">One  two <em>three</em> four.|9|</p></section>'),
])
def test_offsets_in_a_paragraph(offset, expected):
    assert one(P, "p-1", offset) == expected


def test_leading_space_entities_and_comments():
    html = '<p id="p-2">\n  A&amp;B <!-- x --> &#x43;D&nbsp;E &bogus F</p>'
    assert one(html, "p-2", 1) == '<p id="p-2">\n  A|9|&amp;B <!-- x --> &#x43;D&nbsp;E &bogus F</p>'
    assert one(html, "p-2", 2) == '<p id="p-2">\n  A&amp;|9|B <!-- x --> &#x43;D&nbsp;E &bogus F</p>'
    # "A&B " then the comment (nothing), then " " collapsed: C is the 5th character
    assert one(html, "p-2", 4) == '<p id="p-2">\n  A&amp;B <!-- x --> |9|&#x43;D&nbsp;E &bogus F</p>'
    assert one(html, "p-2", 6) == '<p id="p-2">\n  A&amp;B <!-- x --> &#x43;D|9|&nbsp;E &bogus F</p>'
    assert one(html, "p-2", 10) == '<p id="p-2">\n  A&amp;B <!-- x --> &#x43;D&nbsp;E &|9|bogus F</p>'


def test_unclosed_comment_and_stray_angle():
    assert one('<p id="p-3">a < b<!-- open', "p-3", 2) == '<p id="p-3">a |9|< b<!-- open'
    assert one('<p id="p-3">ab<!-- open', "p-3", 5) == '<p id="p-3">ab<!-- open|9|'


def test_note_references_count_nothing():
    html = ('<p id="p-4">Word<sup class="noteref"><a href="#n1">12</a></sup> next'
            '<sup class="x noteref y">3</sup>.</p>')
    assert one(html, "p-4", 4) == ('<p id="p-4">Word<sup class="noteref"><a href="#n1">12</a>'
                                   '</sup>|9| next<sup class="x noteref y">3</sup>.</p>')
    assert one(html, "p-4", 9) == ('<p id="p-4">Word<sup class="noteref"><a href="#n1">12</a>'
                                   '</sup> next<sup class="x noteref y">3</sup>|9|.</p>')
    html = '<p id="p-5">a<sup class="other">1</sup>b</p>'
    assert one(html, "p-5", 1) == '<p id="p-5">a|9|<sup class="other">1</sup>b</p>'
    assert one(html, "p-5", 2) == '<p id="p-5">a<sup class="other">1</sup>|9|b</p>'


def test_nested_inline_elements_hoist_to_the_outermost():
    html = '<p id="p-6">x <b><i>deep</i></b> y<br/>z<img src="a.png">w</p>'
    assert one(html, "p-6", 2) == '<p id="p-6">x |9|<b><i>deep</i></b> y<br/>z<img src="a.png">w</p>'
    assert one(html, "p-6", 8) == '<p id="p-6">x <b><i>deep</i></b> y<br/>|9|z<img src="a.png">w</p>'
    assert one(html, "p-6", 9) == '<p id="p-6">x <b><i>deep</i></b> y<br/>z<img src="a.png">|9|w</p>'


def test_list_items_and_glossary_terms_marked_inside():
    html = '<ul><li id="li-1">First item</li></ul><dl><dt id="gl-a">Term</dt><dd id="gl-b">Def</dd></dl>'
    assert one(html, "li-1", 0) == '<ul><li id="li-1">|9|First item</li></ul><dl><dt id="gl-a">Term</dt><dd id="gl-b">Def</dd></dl>'
    assert one(html, "gl-a", 0) == '<ul><li id="li-1">First item</li></ul><dl><dt id="gl-a">|9|Term</dt><dd id="gl-b">Def</dd></dl>'
    assert one(html, "gl-b", 0) == '<ul><li id="li-1">First item</li></ul><dl><dt id="gl-a">Term</dt><dd id="gl-b">|9|Def</dd></dl>'
    html = '<ul><LI id="li-2">x</LI></ul>'
    assert one(html, "li-2", 0) == '<ul><LI id="li-2">|9|x</LI></ul>'


def test_void_and_self_closed_elements():
    assert one('<p>a<img id="i-1" src="x"/>b</p>', "i-1", 2) == '<p>a<img id="i-1" src="x"/>|9|b</p>'
    assert one('<p>a<hr id="i-2">b</p>', "i-2", 1) == '<p>a<hr id="i-2">|9|b</p>'
    assert one('<p>a<br id="i-3">b</p>', "i-3", 1) == '<p>a<br id="i-3">|9|b</p>'


def test_nested_same_tag_depth():
    html = '<div id="d-1"><div>inner</div> tail</div> after'
    assert one(html, "d-1", 6) == '<div id="d-1"><div>inner</div> |9|tail</div> after'
    assert one(html, "d-1", 20) == '<div id="d-1"><div>inner</div> tail|9|</div> after'


def test_element_position_directly():
    assert element_position('<p id="x">ab</p>', "y", 0) is None
    assert element_position('<p id="x.y">ab</p>', "x-y", 0) is None
    assert element_position('<p id="x">ab</p>', "x", 1) == 11
    assert element_position('<p data-id="x">ab</p>', "x", 0) is None
    assert element_position('<p class="c" id="x">ab</p>', "x", 0) == 0
    # an id not inside a well-formed tag
    assert element_position('<p title="a>b" id="x">ab</p>', "x", 1) == 23
    assert element_position('<1 id="x">ab', "x", 1) is None
    assert element_position('<p id="x">', "x", 3) == 10


def test_element_position_from_a_found_id():
    """``at`` (where the caller found the id) places a page where the
    search would: the second element's id, not the first's text."""
    html = '<p id="a">say id="b" here</p><p class="c" id="b">bee</p>'
    at = html.index(' id="b">')
    assert element_position(html, "b", 0, at) == html.index('<p class="c"')
    assert element_position(html, "b", 2, at) == html.index("e</p>", at)


def test_several_pages_in_order_and_parts():
    parts = {"a": '<section id="a"><p id="p-a">Alpha beta</p></section>',
             "b": '<section id="b"><p id="p-b">Gamma</p>\n</section>  '}
    pagemap = [{"page": "i", "id": None, "offset": 0},
               {"page": "1", "id": "p-a", "offset": 0},
               {"page": "2", "id": "p-a", "offset": 6},
               {"page": "3", "id": "missing", "offset": 0},
               {"page": "4", "id": "p-b", "offset": 2},
               {"page": "5", "id": None}]
    out, breaks, stacked = insert_pagebreaks(parts, pagemap)
    assert short(out["a"]) == '<section id="a">|i||1|<p id="p-a">Alpha |2|beta</p></section>'
    assert short(out["b"]) == '<section id="b"><p id="p-b">Ga|3||4|mma</p>\n|5|</section>  '
    assert [(b.label, b.anchor, b.part) for b in breaks] == [
        ("i", "page-i", "a"), ("1", "page-1", "a"), ("2", "page-2", "a"),
        ("3", "page-3", "b"), ("4", "page-4", "b"), ("5", "page-5", "b")]
    assert stacked == [pagemap[0], pagemap[3], pagemap[5]]
    assert parts["a"] == '<section id="a"><p id="p-a">Alpha beta</p></section>'


def test_same_position_keeps_print_order():
    parts = {"a": '<p id="p-a">Alpha</p>'}
    pagemap = [{"page": "7", "id": "p-a", "offset": 0}, {"page": "8", "id": "p-a", "offset": 0},
               {"page": "9", "id": "p-a", "offset": "0"}]
    out, _, _ = insert_pagebreaks(parts, pagemap)
    assert short(out["a"]) == "|7||8||9|<p id=\"p-a\">Alpha</p>"


def test_anchor_names_unique_and_safe():
    parts = {"a": '<p id="p-a">Alpha</p><p id="page-3">x</p>'}
    pagemap = [{"page": "3", "id": "p-a", "offset": 1}, {"page": "3", "id": "p-a", "offset": 2},
               {"page": "3", "id": "p-a", "offset": 3}, {"page": "x/ v", "id": "p-a", "offset": 4}]
    out, breaks, _ = insert_pagebreaks(parts, pagemap)
    assert [b.anchor for b in breaks] == ["page-3-2", "page-3-3", "page-3-4", "page-x--v"]
    assert short(out["a"], anchors=True) == ('<p id="p-a">A|3#page-3-2|l|3#page-3-3|p'
                                             '|3#page-3-4|h|x/ v#page-x--v|a</p>'
                                             '<p id="page-3">x</p>')
    out, breaks, _ = insert_pagebreaks({"a": '<p id="p-a">A</p>'}, [{"page": 12, "id": "p-a"}])
    assert breaks == [PageBreak("12", "page-12", "a")]


def test_first_fragment_holding_an_id_wins():
    parts = {"a": '<p id="dup">one</p>', "b": '<p id="dup">two</p>'}
    out, breaks, _ = insert_pagebreaks(parts, [{"page": "1", "id": "dup", "offset": 1}])
    assert short(out["a"]) == '<p id="dup">o|1|ne</p>' and out["b"] == parts["b"]
    assert breaks[0].part == "a"


def test_no_map_or_nothing_placeable():
    parts = {"a": '<p id="p-a">A</p>'}
    assert insert_pagebreaks(parts, None) == (parts, [], [])
    assert insert_pagebreaks(parts, []) == (parts, [], [])
    pm = [{"page": "1", "id": None}, {"page": "2", "id": "nowhere"}]
    assert insert_pagebreaks(parts, pm) == (parts, [], pm)


def test_fragment_end_without_a_closing_tag():
    parts = {"a": '<p id="p-a">A</p>', "b": "loose text  \n"}
    pm = [{"page": "1", "id": "p-a", "offset": 0}, {"page": "2", "id": None}]
    out, _, stacked = insert_pagebreaks(parts, pm)
    assert short(out["a"]) == '|1|<p id="p-a">A|2|</p>'
    assert stacked == [pm[1]]


def test_two_comments_and_the_text_between():
    html = '<p id="p-7">a<!--1-->bc<!--2-->d</p>'
    assert one(html, "p-7", 1) == '<p id="p-7">a<!--1-->|9|bc<!--2-->d</p>'
    assert one(html, "p-7", 3) == '<p id="p-7">a<!--1-->bc<!--2-->|9|d</p>'


def test_entity_spaces_collapse_with_spaces():
    html = '<p id="p-8">a &nbsp;b</p>'
    assert one(html, "p-8", 2) == '<p id="p-8">a &nbsp;|9|b</p>'


def test_text_after_an_element_inside_a_note_reference_is_skipped():
    html = '<p id="p-9">w<sup class="noteref"><a href="#n">1</a>2</sup>x</p>'
    assert one(html, "p-9", 1) == '<p id="p-9">w<sup class="noteref"><a href="#n">1</a>2</sup>|9|x</p>'


def test_upper_case_labels_and_closing_tags():
    out, breaks, _ = insert_pagebreaks({"a": '<SECTION><P id="p-a">A</P></SECTION>'},
                                       [{"page": "A1", "id": None}, {"page": "Z", "id": None},
                                        {"page": "2", "id": "p-a", "offset": 0}])
    assert [b.anchor for b in breaks] == ["page-A1", "page-Z", "page-2"]
    out, _, _ = insert_pagebreaks({"a": '<SECTION><P id="p-a">A</P></SECTION>'},
                                  [{"page": "2", "id": "p-a", "offset": 0}, {"page": "3"}])
    assert short(out["a"]) == '<SECTION>|2|<P id="p-a">A</P>|3|</SECTION>'

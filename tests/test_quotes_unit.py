"""Block quotations, attributions and epigraphs (transforms/quotes.py) on
small trees written here. Each tree is shown as a nested list of strings
(``P:`` a paragraph, ``Q`` a block quotation, ``A:`` an attribution, ``E``
an epigraph, ``H:`` a heading), and every expected shape is written out by
hand from the rules in the module's docstring."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.transforms.quotes import block_quotes, group_quotes


def para(text: str) -> P.Node:
    return P.Para(P.inlines(text))


def attribution(text: str) -> P.Node:
    return P.Div([para(text)], classes=["attribution"])


def shape(blocks):
    out = []
    for b in blocks:
        t = b["t"]
        if t in ("Para", "Plain"):
            out.append(("P:" if t == "Para" else "L:") + P.stringify(b))
        elif t == "Header":
            out.append("H:" + P.stringify(b))
        elif t == "BlockQuote":
            out.append(["Q"] + shape(b["c"]))
        elif t == "Div":
            classes = b["c"][0][1]
            tag = "A" if "attribution" in classes else "E" if "epigraph" in classes else "D"
            inner = shape(b["c"][1])
            out.append(tag + ":" + P.stringify(b) if tag == "A" else [tag] + inner)
        else:
            out.append(t)
    return out


def words(n: int, end: str = ".") -> str:
    return " ".join(f"w{k}" for k in range(n - 1)) + " last" + end


# --- when a quoted paragraph is a block quotation -----------------------------

def test_an_introduced_quotation_is_a_block_quote():
    blocks = [para("He wrote:"), para('"The bridge held."'), para("After.")]
    assert shape(group_quotes(blocks)) == [
        "P:He wrote:", ["Q", 'P:"The bridge held."'], "P:After."]


def test_a_comma_also_introduces_one():
    blocks = [para("She answered,"), para("“It held.”")]
    assert shape(group_quotes(blocks)) == ["P:She answered,", ["Q", "P:“It held.”"]]


def test_a_short_quotation_with_nothing_around_it_stays_a_paragraph():
    blocks = [para("He wrote."), para('"The bridge held."'), para("After.")]
    assert shape(group_quotes(blocks)) == ["P:He wrote.", 'P:"The bridge held."', "P:After."]


def test_the_first_block_has_no_introduction():
    assert shape(group_quotes([para('"Short."')])) == ['P:"Short."']


@pytest.mark.parametrize("n, quoted", [(24, False), (25, True)])
def test_a_long_quotation_by_length(n, quoted):
    text = '"' + words(n) + '"'
    got = shape(group_quotes([para(text)], by_length=True))
    assert got == ([["Q", "P:" + text]] if quoted else ["P:" + text])
    assert shape(group_quotes([para(text)], by_length=False)) == ["P:" + text]


def test_length_counts_every_paragraph_of_the_quotation():
    first, last = '"' + words(13), words(12) + '"'
    got = shape(group_quotes([para(first), para(last)]))
    assert got == [["Q", "P:" + first, "P:" + last]]


def test_a_quotation_ending_in_a_parenthetical_source():
    for text in ('"It held." (Reed 1919)', '"It held" (Reed (ed.) 1919).', "“It held,” (p. 4);"):
        blocks = [para("He wrote:"), para(text)]
        assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", "P:" + text]], text


def test_a_paragraph_not_opening_with_a_double_mark_is_no_quotation():
    for text in ("'It held.'", "‘It held.’", "It held."):
        blocks = [para("He wrote:"), para(text)]
        assert shape(group_quotes(blocks)) == ["P:He wrote:", "P:" + text], text


def test_a_closed_quotation_followed_by_more_text_is_no_quotation():
    blocks = [para("He wrote:"), para('"It held," he said, and left.')]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'P:"It held," he said, and left.']


# --- quotations over several paragraphs ---------------------------------------

def test_a_quotation_over_three_paragraphs():
    blocks = [para("He wrote:"), para('"One.'), para('"Two.'), para('Three."'), para("After.")]
    assert shape(group_quotes(blocks)) == [
        "P:He wrote:", ["Q", 'P:"One.', 'P:"Two.', 'P:Three."'], "P:After."]


def test_curly_marks_over_two_paragraphs():
    blocks = [para("He wrote:"), para("“One."), para("Two.”")]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", "P:“One.", "P:Two.”"]]


def test_a_lone_straight_mark_before_an_apostrophe_stays_open():
    # '"… workers’' ends in a mark but only opens: the quotation closes later
    blocks = [para("He wrote:"), para('"It is the workers’'), para('hall."')]
    assert shape(group_quotes(blocks)) == [
        "P:He wrote:", ["Q", 'P:"It is the workers’', 'P:hall."']]


def test_a_balanced_paragraph_that_does_not_close_at_its_end_is_no_quotation():
    blocks = [para("He wrote:"), para('"One" and two'), para('three."')]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'P:"One" and two', 'P:three."']


def test_an_unclosed_quotation_stops_at_a_heading():
    blocks = [para("He wrote:"), para('"One.'), P.Header(2, P.inlines("Next")), para('Two."')]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'P:"One.', "H:Next", 'P:Two."']


def test_a_quoted_list_may_close_the_quotation():
    lst = {"t": "BulletList", "c": [[P.Plain(P.inlines("alpha"))], [P.Plain(P.inlines('beta."'))]]}
    blocks = [para("He wrote:"), para('"The list:'), lst]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", 'P:"The list:', "BulletList"]]


def test_a_list_that_does_not_close_lets_the_search_go_on():
    lst = {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}],
                                      [[P.Plain(P.inlines("alpha"))]]]}
    blocks = [para("He wrote:"), para('"The list:'), lst, para('end."')]
    assert shape(group_quotes(blocks)) == [
        "P:He wrote:", ["Q", 'P:"The list:', "OrderedList", 'P:end."']]


@pytest.mark.parametrize("n, quoted", [(10, True), (11, False)])
def test_a_quotation_runs_over_at_most_ten_paragraphs(n, quoted):
    body = [para('"Start.')] + [para("More.") for _ in range(n - 2)] + [para('End."')]
    got = shape(group_quotes([para("He wrote:")] + body))
    want_body = shape(body)
    assert got == (["P:He wrote:", ["Q"] + want_body] if quoted else ["P:He wrote:"] + want_body)


def test_an_unclosed_quotation_at_the_end_of_the_text():
    blocks = [para("He wrote:"), para('"One.'), para("Two.")]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'P:"One.', "P:Two."]


def test_a_quotation_opening_in_a_plain_block_is_not_grouped():
    blocks = [para("He wrote:"), P.Plain(P.inlines('"It held."'))]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'L:"It held."']


# --- dialogue ---------------------------------------------------------------------

def test_dialogue_broken_by_narration_is_not_a_quotation():
    for text in ('"Merle," observed Aunt Agatha, "we may go."',
                 "“Merle” said she “we may go.”",
                 '"Merle?" asked he, "we may go."'):
        blocks = [para("Then:"), para(text), para("—A Writer")]
        got = shape(group_quotes(blocks))
        assert got[:2] == ["P:Then:", "P:" + text], text


def test_a_capital_after_the_close_is_not_narration():
    text = '"Merle," Agatha said, "we may go."'
    assert shape(group_quotes([para("Then:"), para(text)])) == ["P:Then:", ["Q", "P:" + text]]


# --- attributions ---------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "—Quoted in Ibid.", "-John Reed, Ten Days", "--John Reed", "---John Reed",
    "– Ann Lee", "‒Ann Lee", "—“Three Lectures”", '—"Three Lectures"', "—‘Lectures’", "—'Lectures'",
])
def test_an_attribution_line_closes_the_quotation(line):
    blocks = [para('"It held."'), para(line), para("After.")]
    assert shape(group_quotes(blocks, by_length=False)) == [
        ["Q", 'P:"It held."', "A:" + line], "P:After."]


@pytest.mark.parametrize("line", ["—john reed", "John Reed", "----John", "— 1919"])
def test_not_an_attribution_line(line):
    blocks = [para('"It held."'), para(line)]
    assert shape(group_quotes(blocks, by_length=False)) == ['P:"It held."', "P:" + line]


@pytest.mark.parametrize("n, attributed", [(25, True), (26, False)])
def test_an_attribution_has_at_most_25_words(n, attributed):
    line = "—Reed " + " ".join(f"w{k}" for k in range(n - 1))
    assert len(line.split()) == n
    blocks = [para('"It held."'), para(line)]
    got = shape(group_quotes(blocks, by_length=False))
    assert got == ([["Q", 'P:"It held."', "A:" + line]] if attributed
                   else ['P:"It held."', "P:" + line])


def test_an_attribution_line_after_a_block_quote_joins_it():
    quote = P.BlockQuote([para("It held.")])
    blocks = [quote, para("—John Reed")]
    assert shape(group_quotes(blocks)) == [["Q", "P:It held.", "A:—John Reed"]]


def test_an_attribution_line_after_a_paragraph_is_only_a_paragraph():
    blocks = [para("Text."), para("—John Reed")]
    assert shape(group_quotes(blocks)) == ["P:Text.", "P:—John Reed"]


def test_an_attribution_div_from_the_reader():
    # under a block quote: joins it; under a paragraph: the paragraph was a quote
    quote = P.BlockQuote([para("It held.")])
    assert shape(group_quotes([quote, attribution("Reed")])) == [["Q", "P:It held.", "A:Reed"]]
    assert shape(group_quotes([para("It held."), attribution("Reed")])) == [
        ["Q", "P:It held.", "A:Reed"]]
    assert shape(group_quotes([attribution("Reed")])) == ["A:Reed"]
    assert shape(group_quotes([P.Header(1, P.inlines("T")), attribution("Reed")])) == [
        "H:T", "A:Reed"]


def test_a_quotation_with_a_div_attribution():
    blocks = [para('"It held."'), attribution("Reed"), para("After.")]
    assert shape(group_quotes(blocks, by_length=False)) == [
        ["Q", 'P:"It held."', "A:Reed"], "P:After."]


def test_an_attributed_quotation_at_the_end():
    blocks = [para('"It held."')]
    assert shape(group_quotes(blocks, by_length=False)) == ['P:"It held."']


# --- block_quotes: the whole transform -------------------------------------------

def ctx(fmt: str, wrapped: bool | None = None):
    c = SimpleNamespace(source=SimpleNamespace(format=fmt))
    if wrapped is not None:
        c.wrapped = wrapped
    return c


LONG = '"' + words(30) + '"'


@pytest.mark.parametrize("fmt, wrapped, by_length", [
    ("markdown", None, True), ("text", None, True), ("text", False, True),
    ("text", True, False), ("html", None, False), ("html", False, False),
])
def test_which_sources_guess_quotations_by_length(fmt, wrapped, by_length):
    doc = P.document([para(LONG)])
    got = shape(block_quotes(doc, ctx(fmt, wrapped))["blocks"])
    assert got == ([["Q", "P:" + LONG]] if by_length else ["P:" + LONG])


def test_an_epigraph_under_a_heading():
    doc = P.document([P.Header(1, P.inlines("Chapter")), para('"It held."'), para("—John Reed"),
                      para("Text.")])
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "H:Chapter", ["E", ["Q", 'P:"It held."', "A:—John Reed"]], "P:Text."]


def test_two_epigraphs_under_one_heading():
    doc = P.document([P.Header(1, P.inlines("Chapter")),
                      para('"One."'), para("—Ann Lee"), para('"Two."'), para("—Bo Lin"),
                      para("Text.")])
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "H:Chapter", ["E", ["Q", 'P:"One."', "A:—Ann Lee"], ["Q", 'P:"Two."', "A:—Bo Lin"]],
        "P:Text."]


def test_no_epigraph_without_a_heading_or_an_attribution_or_text_after_it():
    q = [para('"It held."'), para("—John Reed")]
    doc = P.document([para("Intro.")] + q + [para("Text.")])
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "P:Intro.", ["Q", 'P:"It held."', "A:—John Reed"], "P:Text."]
    doc = P.document([P.Header(1, P.inlines("C"))] + q)                       # nothing after it
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "H:C", ["Q", 'P:"It held."', "A:—John Reed"]]
    doc = P.document([P.Header(1, P.inlines("C")), P.BlockQuote([para("It held.")]), para("T.")])
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "H:C", ["Q", "P:It held."], "P:T."]


@pytest.mark.parametrize("n, epigraph", [(80, True), (81, False)])
def test_an_epigraph_has_at_most_80_words(n, epigraph):
    text = '"' + words(n - 2) + '"'          # the quotation, plus the two words "—John Reed"
    doc = P.document([P.Header(1, P.inlines("C")), para(text), para("—John Reed"), para("T.")])
    quote = ["Q", "P:" + text, "A:—John Reed"]
    want = ["H:C", ["E", quote], "P:T."] if epigraph else ["H:C", quote, "P:T."]
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == want


@pytest.mark.parametrize("line, closed", [
    ("—“Three Lectures on Bridges", "—“Three Lectures on Bridges”"),
    ('—"Three Lectures on Bridges', '—"Three Lectures on Bridges"'),
    ("—“Three Lectures” on Bridges", "—“Three Lectures” on Bridges"),
    ('—"Three Lectures" on Bridges', '—"Three Lectures" on Bridges'),
    ("—John Reed", "—John Reed"),
])
def test_an_attribution_opening_a_title_gets_its_close(line, closed):
    doc = P.document([para("Intro."), para('"It held."'), para(line), para("After.")])
    assert shape(block_quotes(doc, ctx("html"))["blocks"]) == [
        "P:Intro.", ["Q", 'P:"It held."', "A:" + closed], "P:After."]


def test_an_attribution_title_keeps_its_other_blocks_and_its_last_word_only_changes():
    div = P.Div([para("—“Three Lectures"), para("second")], classes=["attribution"])
    doc = P.document([P.BlockQuote([para("It held."), div])])
    got = block_quotes(doc, ctx("html"))["blocks"][0]["c"][1]
    assert got == P.Div([P.Para([{"t": "Str", "c": "—“Three"}, {"t": "Space"},
                                 {"t": "Str", "c": "Lectures”"}]), para("second")],
                        classes=["attribution"])


def test_an_attribution_not_ending_in_a_word_is_left_alone():
    emph = P.Para([{"t": "Str", "c": "—“Three"}, {"t": "Space"},
                   {"t": "Emph", "c": [{"t": "Str", "c": "Lectures"}]}])
    for first in (emph, P.Plain(P.inlines("—“Three")), P.Para([])):
        div = P.Div([first], classes=["attribution"])
        doc = P.document([P.BlockQuote([para("It held."), div])])
        assert block_quotes(doc, ctx("html"))["blocks"][0]["c"][1] == div
    empty = P.Div([], classes=["attribution"])
    doc = P.document([P.BlockQuote([para("It held."), empty])])
    assert block_quotes(doc, ctx("html"))["blocks"][0]["c"][1] == empty


def test_the_last_line_of_a_written_block_quote_may_be_its_attribution():
    doc = P.document([para("Intro."), P.BlockQuote([para("It held."), para("—John Reed")])])
    assert shape(block_quotes(doc, ctx("markdown"))["blocks"]) == [
        "P:Intro.", ["Q", "P:It held.", "A:—John Reed"]]
    doc = P.document([para("Intro."), P.BlockQuote([para("—John Reed")])])
    assert shape(block_quotes(doc, ctx("markdown"))["blocks"]) == ["P:Intro.", ["Q", "P:—John Reed"]]
    doc = P.document([para("Intro."), P.BlockQuote([para("It held."), para("Then more.")])])
    assert shape(block_quotes(doc, ctx("markdown"))["blocks"]) == [
        "P:Intro.", ["Q", "P:It held.", "P:Then more."]]


# --- cases the first mutation run found untested -------------------------------------

def test_a_reader_attribution_div_is_kept_as_it_is():
    div = attribution("Reed")
    got = group_quotes([P.BlockQuote([para("It held.")]), div])
    assert got == [P.BlockQuote([para("It held."), div])]
    got = group_quotes([para("It held."), div])
    assert got == [P.BlockQuote([para("It held."), div])]


def test_the_last_of_three_lines_of_a_written_quote_is_its_attribution():
    doc = P.document([para("Intro."), P.BlockQuote([para("One."), para("Two."), para("—Ann Lee")])])
    got = block_quotes(doc, ctx("markdown"))["blocks"][1]
    assert got == P.BlockQuote([para("One."), para("Two."), attribution("—Ann Lee")])
    doc = P.document([para("Intro."), P.BlockQuote([para("—Ann Lee"), para("Two."), para("Three.")])])
    assert shape(block_quotes(doc, ctx("markdown"))["blocks"]) == [
        "P:Intro.", ["Q", "P:—Ann Lee", "P:Two.", "P:Three."]]


def test_a_quoted_verse_may_close_the_quotation():
    verse = {"t": "LineBlock", "c": [P.inlines("a line"), P.inlines('the last."')]}
    blocks = [para("He wrote:"), para('"The poem:'), verse, para("After.")]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", 'P:"The poem:', "LineBlock"],
                                           "P:After."]


def test_plain_blocks_count_as_text():
    blocks = [para("He wrote:"), para('"One.'), P.Plain(P.inlines('Two."'))]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", 'P:"One.', 'L:Two."']]
    blocks = [P.Plain(P.inlines("He wrote:")), para('"One."')]
    assert shape(group_quotes(blocks)) == ["L:He wrote:", ["Q", 'P:"One."']]
    blocks = [para('"One."'), P.Plain(P.inlines("—Ann Lee"))]
    assert shape(group_quotes(blocks, by_length=False)) == [["Q", 'P:"One."', "A:—Ann Lee"]]


def test_an_inner_quotation_left_open_inside_one_paragraph():
    # two opening curly marks, one closing: the paragraph still ends the quotation
    blocks = [para("He wrote:"), para("“He said “yes.”"), para("After.")]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", "P:“He said “yes.”"], "P:After."]


def test_marks_counted_to_see_whether_a_paragraph_leaves_its_quotation_open():
    # curly marks balanced, not closing at the end: no quotation
    blocks = [para("He wrote:"), para("“One” and two"), para("three.”")]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", "P:“One” and two", "P:three.”"]
    # three straight marks: one left open, closed in the next paragraph
    blocks = [para("He wrote:"), para('"One "two" three'), para('four."')]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", ["Q", 'P:"One "two" three', 'P:four."']]
    # four: balanced
    blocks = [para("He wrote:"), para('"One "two" three" and'), para('four."')]
    assert shape(group_quotes(blocks)) == ["P:He wrote:", 'P:"One "two" three" and', 'P:four."']

"""The plain-text reader's pieces on lines written here: how a chunk of lines
is cut into units (readers/textunits.py), how a note's text is recognised
and written (readers/textnotes.py), and how classified units become a tree
(readers/textblocks.py). A small stand-in reader records what is dropped;
every expected unit, node and drop is written out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.readers import textlines as T
from pressroom.readers.textblocks import blocks
from pressroom.readers.textnotes import SIGN_DEF, defs_follow, marked_before, note_block
from pressroom.readers.textunits import is_attribution, line_units, marker, units, \
    wrapped_units


class Report:
    def __init__(self):
        self.removed: list[tuple[str, list[str]]] = []

    def remove(self, rule, words):
        self.removed.append((rule, list(words)))


class Reader:
    def __init__(self, width=None, quotes=(), verse=()):
        self.width = width
        self.ctx = SimpleNamespace(report=Report())
        self.dropped: list[tuple[str, str]] = []
        self.quote_ranges = list(quotes)
        self.verse_ranges = list(verse)

    def drop(self, rule, text):
        self.dropped.append((rule, text))


def chunk(lines, start=1, blanks=0):
    return T.Chunk(start, list(lines), blanks)


# --- textnotes: where note texts are and how they are written ------------------------

def u(text, kind="para"):
    return {"kind": kind, "text": text}


@pytest.mark.parametrize("nxt, follows", [
    ("{1} The text.", True), ("[Footnote 1: The text.]", True), ("[Note 2: x]", True),
    ("[1] The text.", True), ("{1}x", False), ("[1]x", False), ("The text.", False),
])
def test_a_notes_line_heads_note_texts(nxt, follows):
    assert defs_follow([u("Notes:"), u(nxt)], 0) is follows


def test_a_notes_line_at_the_end_or_before_verse():
    assert defs_follow([u("Notes:")], 0) is False
    assert defs_follow([u("Notes:"), {"kind": "verse", "lines": ["{1} x"]}], 0) is False
    assert defs_follow([u("{1} x"), u("Notes:"), u("{1} The text.")], 1) is True


def sign(text):
    return SIGN_DEF.match(text)


@pytest.mark.parametrize("before, note, marked", [
    ("the word*", "* The note.", True),
    ("the word,*", "* The note.", True),
    ("the word.”*", "* The note.", False),       # one mark of punctuation at most
    ("the word”*", "* The note.", True),
    ("the word *", "* The note.", False),
    ("the word", "* The note.", False),
    ("the word†", "† The note.", True),
    ("the word*", "† The note.", False),
    ("the word‡", "‡ The note.", True),
    ("Charles)(*)", "(*) The note.", True),
    ("the word(+)", "(+) The note.", True),
    ("the word (+)", "(+) The note.", False),
    ("the word+", "(+) The note.", False),
    ("the word(*)", "(+) The note.", False),
])
def test_the_text_before_a_note_carries_its_mark(before, note, marked):
    units_ = [u(before), u(note)]
    assert marked_before(units_, 1, sign(note)) is marked


def test_notes_before_are_skipped_and_the_first_unit_has_nothing_before():
    units_ = [u("the word* and word†"), u("* One.", "note-def"), u("† Two.")]
    assert marked_before(units_, 2, sign("† Two.")) is True
    assert marked_before([u("* One.", "note-def"), u("† Two.")], 1, sign("† Two.")) is False
    assert marked_before([u("† Two.")], 0, sign("† Two.")) is False
    verse = {"kind": "verse", "lines": ["word†"]}
    assert marked_before([verse, u("† Two.")], 1, sign("† Two.")) is False


@pytest.mark.parametrize("text, n, head, body", [
    ("[Footnote 1: The text.]", "1", "[Footnote 1: ", "The text."),
    ("[Note 12: The text.]", "12", "[Note 12: ", "The text."),
    ("[Footnote A:The text]", "A", "[Footnote A:", "The text"),
    ("[Footnote 1: The text", "1", "[Footnote 1: ", "The text"),
    ("[1] The text [2]", "1", "[1]", "The text [2]"),
    ("{3} The text.", "3", "{3}", "The text."),
    ("* The text.", "*", "*", "The text."),
    ("† The text.", "†", "†", "The text."),
    ("‡ The text.", "‡", "‡", "The text."),
    ("(*) The text.", "*", "(*)", "The text."),
    ("(+) The text.", "+", "(+)", "The text."),
])
def test_a_note_block(text, n, head, body):
    r = Reader(width=70)
    got = note_block(r, {"text": text, "n": n})
    assert got == P.Div([P.Para(P.inlines(body))], classes=["note-def"], kv={"n": n})
    assert r.dropped == [("note-markers", head)]


# --- textunits: chunks cut into units -------------------------------------------------

def test_units_follow_the_wrap_width():
    c = chunk(["One line.", "Another line."], start=5, blanks=2)
    assert units(Reader(), [c]) == line_units(Reader(), c)
    assert units(Reader(width=70), [c]) == wrapped_units(Reader(width=70), c)
    two = units(Reader(), [c, chunk(["Third."], start=9)])
    assert [x["text"] for x in two] == ["One line.", "Another line.", "Third."]


def test_one_paragraph_per_line():
    c = chunk(["First  line\u00a0here.", "Second line."], start=5, blanks=2)
    assert line_units(Reader(), c) == [
        dict(kind="para", text="First line here.", start=5, single=False, blanks=2,
             raw="First  line\u00a0here."),
        dict(kind="para", text="Second line.", start=6, single=False, blanks=0, raw="Second line."),
    ]
    one = chunk(["Only."], start=3, blanks=1)
    assert line_units(Reader(), one) == [
        dict(kind="para", text="Only.", start=3, single=True, blanks=1, raw="Only.")]


def test_three_short_lines_are_verse():
    c = chunk(["The  river bends,", "the bridge holds,", "x" * 60], start=4, blanks=1)
    assert line_units(Reader(), c) == [dict(kind="verse", lines=[
        "The river bends,", "the bridge holds,", "x" * 60], start=4, blanks=1, single=False)]


@pytest.mark.parametrize("lines", [
    ["The river bends,", "the bridge holds,", "x" * 61],          # one line too long
    ["The river bends,", "the bridge holds,"],                    # two lines only
    ["The river bends,", "1. the bridge holds,", "done."],        # a list marker
])
def test_not_verse(lines):
    got = line_units(Reader(), chunk(lines))
    assert [x["kind"] for x in got] == ["para"] * len(lines)


@pytest.mark.parametrize("quote, line, kind", [
    ('"It held."', "—John Reed", "attribution"),
    ("“It held.”", "My Life, 1930", "attribution"),
    ("“It held.”", "Ibid.", "attribution"),
    ("“It held.”", "Ib.", "attribution"),
    ("“It held.”", "Idem.", "attribution"),
    ("“It held.”", "He left.", "para"),
    ("“It held” (Reed 1919).", "My Life", "attribution"),
    ("“It held…", "My Life", "attribution"),
    ("It held.”", "My Life", "para"),
    ("“It held.", "My Life", "para"),
    ("It held.", "—John Reed", "attribution"),
])
def test_an_attribution_under_a_quotation(quote, line, kind):
    got = line_units(Reader(), chunk([quote, line]))
    assert [x["kind"] for x in got] == ["para", kind]


def test_is_attribution_limits():
    assert is_attribution("—" + "x" * 159, "") is True
    assert is_attribution("—" + "x" * 160, "") is False
    assert is_attribution("", "“It held.”") is False
    assert is_attribution("My Life", "“It held.” ") is True
    assert is_attribution("My Life", "“It held.” .") is True
    assert is_attribution("My Life", "“It held” (p. 4)") is True
    assert is_attribution("My Life", "'It held'") is True
    assert is_attribution("My Life", "‘It held’") is True
    assert is_attribution("My Life", "“It held” (p. 4) and more") is False


def test_an_attribution_needs_a_paragraph_above_it():
    c = chunk(["—John Reed", "—Ann Lee"])
    assert [x["kind"] for x in line_units(Reader(), c)] == ["para", "attribution"]


W = 70
LONG = "x" * 50          # at least 0.6 of the width; more than 0.7 of it


def test_a_wrapped_paragraph():
    r = Reader(width=W)
    c = chunk([LONG + " good-", "tempered end.", "more"], start=7, blanks=3)
    assert wrapped_units(r, c) == [dict(kind="para", text=LONG + " good-tempered end. more",
                                        start=7, blanks=3, single=False, raw=LONG + " good-",
                                        lines=3)]
    assert r.ctx.report.removed == [("line-end-hyphen (joined)", ["tempered"])]
    assert wrapped_units(r, chunk(["Short."], start=2)) == [
        dict(kind="para", text="Short.", start=2, blanks=0, single=True, raw="Short.", lines=1)]


def test_a_wrapped_note_opened_by_its_sign_and_a_caption_are_paragraphs():
    r = Reader(width=W)
    got = wrapped_units(r, chunk(["* A note,", "  short."]))
    assert got == [dict(kind="para", text="* A note, short.", start=1, blanks=0, single=False,
                        raw="* A note,", lines=2)]
    got = wrapped_units(r, chunk(["[Illustration: A", "bridge.]"]))
    assert [(x["kind"], x["text"]) for x in got] == [("para", "[Illustration: A bridge.]")]
    got = wrapped_units(r, chunk(["[Illustrations]"]))
    assert [(x["kind"], x["text"]) for x in got] == [("para", "[Illustrations]")]


def test_indented_wrapped_prose_is_a_quotation():
    r = Reader(width=W)
    lines = ["  " + "y" * 42, "  " + "z" * 42, "   end."]
    got = wrapped_units(r, chunk(lines, start=3, blanks=1))
    assert got == [dict(kind="quote", text=f"{'y' * 42} {'z' * 42} end.", start=3, blanks=1,
                        single=False, raw=lines[0], lines=3)]


@pytest.mark.parametrize("lines, kind", [
    (["  " + "y" * 41, "  " + "z" * 42, "  end."], "verse"),       # a line shorter than 0.6 wide
    (["  " + "y" * 42, "  " + "z" * 42, "  end"], "verse"),        # no closing punctuation
    (["  " + "y" * 42, "  end”"], "quote"),
    (["  " + "y" * 42, "  end)"], "quote"),
    (["  " + "y" * 42, "  end;"], "quote"),
    ([" " + "y" * 50, " end."], "para"),                           # indented by one space: prose
    (["  1. " + "y" * 42, "  end."], "para"),                      # a list marker
    (["  " + "y" * 42], "para"),                                   # one line
])
def test_indented_chunks(lines, kind):
    got = wrapped_units(Reader(width=W), chunk(lines))
    assert [x["kind"] for x in got] == [kind]


def test_four_of_five_long_lines_still_make_a_quotation():
    lines = ["  " + "y" * 42] * 4 + ["  short", "  end."]
    got = wrapped_units(Reader(width=W), chunk(lines))
    assert [x["kind"] for x in got] == ["quote"]
    lines = ["  " + "y" * 42] * 3 + ["  short", "  short", "  end."]
    got = wrapped_units(Reader(width=W), chunk(lines))
    assert [x["kind"] for x in got] == ["verse"]


def test_short_wrapped_lines_are_verse():
    lines = ["The  river bends,", "x" * 49]
    got = wrapped_units(Reader(width=W), chunk(lines, start=2, blanks=1))
    assert got == [dict(kind="verse", lines=["The river bends,", "x" * 49], start=2, blanks=1,
                        single=False)]
    got = wrapped_units(Reader(width=W), chunk(["The river bends,", "x" * 50]))
    assert [x["kind"] for x in got] == ["para"]
    got = wrapped_units(Reader(width=W), chunk(["[Footnote 1: a", "short one.]"]))
    assert [x["kind"] for x in got] == ["para"]


def test_a_wrapped_list():
    lines = ["1. First item", "   goes on.", "2. Second.", "- third"]
    got = wrapped_units(Reader(width=W), chunk(lines, start=10, blanks=2))
    assert got == [
        dict(kind="para", text="1. First item goes on.", raw="1. First item", start=10,
             blanks=2, single=False),
        dict(kind="para", text="2. Second.", raw="2. Second.", start=11, blanks=2, single=False),
        dict(kind="para", text="- third", raw="- third", start=12, blanks=2, single=False),
    ]
    # one marker only: a paragraph
    got = wrapped_units(Reader(width=W), chunk(["1. " + LONG, LONG]))
    assert [x["kind"] for x in got] == ["para"]


def test_marker():
    assert marker("1. x") and marker("  12) x") and marker("(a) x") and marker("• x")
    assert not marker("1.x") and not marker("x") and not marker("(ab) x")


# --- textblocks: the tree ------------------------------------------------------------

def para_unit(text, start=1, kind="para", **kw):
    return dict(kind=kind, text=text, start=start, single=True, raw=text, **kw)


def test_headings_paragraphs_quotes_attributions():
    r = Reader()
    got = blocks(r, [para_unit("Title", kind="heading", level=2), para_unit("Text.", 2),
                     para_unit("Quoted.", 3, kind="quote"), para_unit("—Reed", 4, kind="attribution")])
    assert got == [P.Header(2, P.inlines("Title")), P.Para(P.inlines("Text.")),
                   P.BlockQuote([P.Para(P.inlines("Quoted."))]),
                   P.Div([P.Para(P.inlines("—Reed"))], classes=["attribution"])]


def test_a_note_text_becomes_its_div():
    r = Reader(width=70)
    got = blocks(r, [para_unit("[1] The note.", kind="note-def", n="1")])
    assert got == [P.Div([P.Para(P.inlines("The note."))], classes=["note-def"], kv={"n": "1"})]


def test_stanzas_of_one_poem_merge_into_one_line_block():
    r = Reader()
    got = blocks(r, [dict(kind="verse", lines=["a b", "c"], start=1, single=False),
                     dict(kind="verse", lines=["d"], start=4, single=False),
                     para_unit("Text.", 6)])
    assert got == [{"t": "LineBlock", "c": [P.inlines("a b"), P.inlines("c")]},
                   {"t": "LineBlock", "c": [P.inlines("d")]},
                   P.Para(P.inlines("Text."))]


def test_quoted_stanzas_are_one_quotation():
    r = Reader()
    got = blocks(r, [dict(kind="verse", lines=["“a", "b"], start=1, single=False),
                     dict(kind="verse", lines=["“c", "d.”"], start=4, single=False)])
    assert got == [P.BlockQuote([{"t": "LineBlock", "c": [P.inlines("“a"), P.inlines("b")]},
                                 {"t": "LineBlock", "c": [P.inlines("“c"), P.inlines("d.”")]}])]


def test_list_items_merge_into_lists():
    r = Reader()
    got = blocks(r, [para_unit("1. One", 1, kind="item"), para_unit("2. Two", 2, kind="item"),
                     para_unit("(b) Bee", 3, kind="item"), para_unit("(c) Sea", 4, kind="item"),
                     para_unit("• Dot", 5, kind="item"), para_unit("• Dash", 6, kind="item"),
                     para_unit("Text.", 7)])
    assert got == [
        {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}],
                                   [[P.Plain(P.inlines("One"))], [P.Plain(P.inlines("Two"))]]]},
        {"t": "OrderedList", "c": [[2, {"t": "LowerAlpha"}, {"t": "TwoParens"}],
                                   [[P.Plain(P.inlines("Bee"))], [P.Plain(P.inlines("Sea"))]]]},
        {"t": "BulletList", "c": [[P.Plain(P.inlines("Dot"))], [P.Plain(P.inlines("Dash"))]]},
        P.Para(P.inlines("Text.")),
    ]
    assert r.dropped == [("list-marker", m) for m in ("1.", "2.", "(b)", "(c)", "•", "•")]


def test_a_list_starts_at_its_first_number():
    got = blocks(Reader(), [para_unit("7. Seven", kind="item")])
    assert got[0]["c"][0] == [7, {"t": "Decimal"}, {"t": "Period"}]


def test_the_sidecar_quote_and_verse_ranges():
    r = Reader(quotes=[(2, 4)], verse=[(6, 7)])
    got = blocks(r, [para_unit("Before.", 1), para_unit("One.", 2), para_unit("May 1919", 3),
                     para_unit("Two.", 4), para_unit("Between.", 5),
                     para_unit("a line", 6), para_unit("b line", 7), para_unit("After.", 8)])
    assert got == [
        P.Para(P.inlines("Before.")),
        P.BlockQuote([P.Para(P.inlines("One.")),
                      P.Para([{"t": "Strong", "c": P.inlines("May 1919")}]),
                      P.Para(P.inlines("Two."))]),
        P.Para(P.inlines("Between.")),
        {"t": "LineBlock", "c": [P.inlines("a line"), P.inlines("b line")]},
        P.Para(P.inlines("After.")),
    ]


def test_two_quote_ranges_side_by_side_are_two_quotations():
    r = Reader(quotes=[(1, 1), (2, 2)])
    got = blocks(r, [para_unit("One.", 1), para_unit("Two.", 2)])
    assert got == [P.BlockQuote([P.Para(P.inlines("One."))]),
                   P.BlockQuote([P.Para(P.inlines("Two."))])]


def test_two_verse_ranges_side_by_side_are_two_line_blocks():
    r = Reader(verse=[(1, 1), (2, 2)])
    got = blocks(r, [para_unit("a", 1), para_unit("b", 2)])
    assert got == [{"t": "LineBlock", "c": [P.inlines("a")]},
                   {"t": "LineBlock", "c": [P.inlines("b")]}]


def test_no_private_key_reaches_the_tree():
    r = Reader()
    got = blocks(r, [dict(kind="verse", lines=["a"], start=1, single=False),
                     para_unit("• Dot", 2, kind="item")])
    assert all(not k.startswith("_") for b in got for k in b)


# --- cases the first mutation run found untested -------------------------------------

def test_a_notes_line_looks_below_itself_only():
    assert defs_follow([u("Text."), u("Notes:"), u("{1} The text.")], 1) is True
    assert defs_follow([u("{1} x"), u("Notes:"), u("Text.")], 1) is False


def test_the_first_unit_being_a_note_text_is_not_the_marked_text():
    units_ = [u("The word† note.", "note-def"), u("† Two.")]
    assert marked_before(units_, 1, sign("† Two.")) is False


def test_words_joined_at_a_line_end_hyphen_are_recorded_in_every_kind_of_unit():
    r = Reader(width=W)
    got = wrapped_units(r, chunk(["* A good-", "  tempered note."]))
    assert got[0]["text"] == "* A good-tempered note."
    lines = ["  " + "y" * 40 + " good-", "  tempered " + "z" * 40, "  end."]
    got = wrapped_units(r, chunk(lines))
    assert got[0]["kind"] == "quote" and "good-tempered" in got[0]["text"]
    assert r.ctx.report.removed == [("line-end-hyphen (joined)", ["tempered"]),
                                    ("line-end-hyphen (joined)", ["tempered"])]


def test_a_list_needs_a_marker_on_its_first_line_and_another_below():
    got = wrapped_units(Reader(width=W), chunk([LONG + " intro", "2. " + LONG]))
    assert [x["kind"] for x in got] == ["para"]
    got = wrapped_units(Reader(width=W), chunk(["1. " + LONG, "2. " + LONG]))
    assert [x["text"] for x in got] == ["1. " + LONG, "2. " + LONG]


def test_every_kind_of_line_in_a_verse_range_is_a_line_of_verse():
    r = Reader(verse=[(1, 4)])
    got = blocks(r, [para_unit("Title", 1, kind="heading", level=2), para_unit("a line", 2),
                     para_unit("—Reed", 3, kind="attribution"), para_unit("1. x", 4, kind="item")])
    assert got == [{"t": "LineBlock", "c": [P.inlines("Title"), P.inlines("a line"),
                                            P.inlines("—Reed"), P.inlines("1. x")]}]
    assert r.dropped == []


def test_a_heading_line_in_a_quote_range_is_set_in_bold():
    r = Reader(quotes=[(3, 5)])
    got = blocks(r, [para_unit("A.", 1), para_unit("B.", 2),
                     para_unit("May 1919", 3, kind="heading", level=2),
                     para_unit("What Is The Meaning Of This Old Bridge?", 4), para_unit("One.", 5)])
    assert got == [P.Para(P.inlines("A.")), P.Para(P.inlines("B.")),
                   P.BlockQuote([P.Para([{"t": "Strong", "c": P.inlines("May 1919")}]),
                                 P.Para([{"t": "Strong", "c": P.inlines(
                                     "What Is The Meaning Of This Old Bridge?")}]),
                                 P.Para(P.inlines("One."))])]


def test_a_quoted_stanza_after_a_paragraph_is_its_own_quotation():
    got = blocks(Reader(), [para_unit("Text.", 1),
                            dict(kind="verse", lines=["“a", "b.”"], start=2, single=False)])
    assert got == [P.Para(P.inlines("Text.")),
                   P.BlockQuote([{"t": "LineBlock", "c": [P.inlines("“a"), P.inlines("b.”")]}])]

"""Reference marks and note texts (transforms/notes.py) on small trees
written here: every way a source writes a mark or a definition, notes that
share a number, definitions with no mark (sidecar-placed or warned), and the
sidecar's mistakes. Each expected result is written out by hand, with a
note shown as ``[^its text]`` at the place it lands."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.transforms.notes import link_notes

PLACED = "[Reference mark placed by the editor.]"
MISSING = "[Reference mark missing in the source; placed by the editor.]"


def show_inlines(inl) -> str:
    out = []
    for n in inl:
        t = n["t"]
        if t == "Str":
            out.append(n["c"])
        elif t == "Space":
            out.append(" ")
        elif t == "SoftBreak":
            out.append("~")
        elif t == "Note":
            out.append("[^" + " | ".join(show_block(b) for b in n["c"]) + "]")
        elif t == "RawInline":
            out.append(n["c"][1])
        elif t == "Superscript":
            out.append("^" + show_inlines(n["c"]))
        elif t == "Span":
            out.append(show_inlines(n["c"][1]))
        else:
            out.append(P.stringify(n))
    return "".join(out)


def show_block(b) -> str:
    t = b["t"]
    if t in ("Para", "Plain"):
        return show_inlines(b["c"])
    if t == "Header":
        return "#" * b["c"][0] + " " + show_inlines(b["c"][2])
    if t == "LineBlock":
        return " / ".join(show_inlines(line) for line in b["c"])
    if t == "OrderedList":
        return "OL(" + "; ".join(" ".join(show_block(x) for x in item) for item in b["c"][1]) + ")"
    if t == "Div":
        return "Div(" + "; ".join(show_block(x) for x in b["c"][1]) + ")"
    return t


def show(doc) -> list[str]:
    return [show_block(b) for b in doc["blocks"]]


def para(text: str) -> P.Node:
    return P.Para(P.inlines(text))


def head(level: int, text: str) -> P.Node:
    return P.Header(level, P.inlines(text))


def olist(*texts: str, start: int = 1) -> P.Node:
    return {"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}],
                                      [[para(t)] for t in texts]]}


def sup(n: str) -> P.Node:
    return P.RawInline("html", f"<sup>{n}</sup>")


def note_def(n: str | None, text: str, line: int | None = None) -> P.Node:
    kv = {}
    if n is not None:
        kv["n"] = n
    if line is not None:
        kv["line"] = str(line)
    return P.Div([para(text)], classes=["note-def"], kv=kv)


class Ctx:
    def __init__(self, notes=None):
        meta = {"notes": notes} if notes is not None else {}
        self.source = SimpleNamespace(meta=meta, sidecar_path=Path("src.yaml"))
        self.config = None
        self.warnings: list[tuple[int | None, str]] = []

    def warn(self, message, line=None):
        self.warnings.append((line, message))


def run(blocks, notes=None):
    ctx = Ctx(notes)
    return show(link_notes(P.document(blocks), ctx)), ctx.warnings


# -- definitions under a Notes heading ---------------------------------------

@pytest.mark.parametrize("heading", ["Notes", "Note", "Footnotes", "ENDNOTES", "footnote",
                                     "Notes:", "**Notes**", " Notes "])
def test_notes_heading_with_a_numbered_list(heading):
    blocks = [head(1, "Chapter"),
              P.Para(P.inlines("A claim") + [sup("1"), {"t": "Space"}] + P.inlines("here.")),
              head(2, heading), olist("First note.")]
    if heading == "**Notes**":
        blocks[2] = P.Header(2, [{"t": "Strong", "c": P.inlines("Notes")}])
    got, warned = run(blocks)
    assert got == ["# Chapter", "A claim[^First note.] here."]
    assert warned == []


@pytest.mark.parametrize("heading", ["Notebook", "Notes on the text", "Sources"])
def test_other_headings_are_not_notes(heading):
    blocks = [P.Para(P.inlines("A claim") + [sup("1")]), head(2, heading), olist("Kept.")]
    got, warned = run(blocks)
    assert got == ["A claim<sup>1</sup>", "## " + heading, "OL(Kept.)"]


def test_notes_heading_without_definitions_stays():
    blocks = [para("Text[1] here."), head(2, "Notes"), para("Nothing numbered.")]
    got, _ = run(blocks)
    assert got == ["Text[1] here.", "## Notes", "Nothing numbered."]


def test_list_start_and_section_end():
    blocks = [P.Para(P.inlines("One") + [sup("3")] + P.inlines("two") + [sup("4")]),
              head(2, "Notes"), olist("Third.", "Fourth.", start=3),
              head(3, "Sub"), olist("Fifth.", start=5),
              head(2, "Next"), para("After.")]
    got, warned = run(blocks)
    assert got == [f"One[^Third.]two[^Fourth.][^{MISSING} Fifth.]", "## Next", "After."]
    assert [m for _, m in warned] == [
        "note 5 has no reference mark in the text; placed at the end of its section "
        "(say where it belongs in the sidecar's notes:)"]


def test_higher_heading_ends_the_notes_section():
    blocks = [para("See[1]."), head(2, "Notes"), olist("Def."), head(1, "Part"), olist("Stays.")]
    got, _ = run(blocks)
    assert got == ["See.[^Def.]", "# Part", "OL(Stays.)"]


@pytest.mark.parametrize("line, text", [
    ("1. Plain numbered.", "Plain numbered."), ("[1] Bracketed.", "Bracketed."),
    ("1) Parenthesised.", "Parenthesised."),
])
def test_numbered_paragraphs_as_definitions(line, text):
    got, warned = run([para("Word[1] end."), head(2, "Footnotes"), para(line)])
    assert got == [f"Word[^{text}] end."]
    assert warned == []


def test_numbered_paragraph_mark_not_its_own_word():
    d = P.Para([{"t": "Str", "c": "1."}, {"t": "SoftBreak"}, {"t": "Str", "c": "Joined"}])
    got, _ = run([para("Word[1]"), head(2, "Notes"), d])
    assert got == ["Word[^~Joined]"]
    d = P.Para([{"t": "Emph", "c": [{"t": "Str", "c": "1."}]}, {"t": "Space"},
                {"t": "Str", "c": "Emph"}])
    got, _ = run([para("Word[1]"), head(2, "Notes"), d])
    assert got == ["Word[^1. Emph]"]
    got, _ = run([para("Word[2]"), head(2, "Notes"), para("2.no space")])
    assert got == ["Word[2]", "## Notes", "2.no space"]


def test_bullet_list_of_numbered_paragraphs():
    bullets = {"t": "BulletList", "c": [[para("1. Alpha.")], [para("2. Beta.")],
                                        [olist("Gamma.", start=3)]]}
    got, _ = run([para("a[1] b[2] c[3]"), head(2, "Notes"), bullets])
    assert got == ["a[^Alpha.] b[^Beta.] c[^Gamma.]"]


# -- reader's note-def divs ---------------------------------------------------

def test_note_def_divs_and_star_notes():
    blocks = [para("Odd claim* and more†"), note_def("*", "Star note."),
              note_def("†", "Dagger note."), para("Next.")]
    got, warned = run(blocks)
    assert got == ["Odd claim[^Star note.] and more[^Dagger note.]", "Next."]
    assert warned == []


def test_note_def_without_number_is_a_star():
    got, _ = run([para("Claim*"), note_def(None, "Unnamed.")])
    assert got == ["Claim[^Unnamed.]"]


def test_numbers_repeat_per_chapter_each_mark_gets_the_next_definition():
    blocks = [para("A[1] B[2]"), note_def("1", "one-a"), note_def("2", "two-a"),
              para("C[1] D[2]"), note_def("1", "one-b"), note_def("2", "two-b"),
              para("E[1]"), note_def("1", "one-c")]
    got, warned = run(blocks)
    assert got == ["A[^one-a] B[^two-a]", "C[^one-b] D[^two-b]", "E[^one-c]"]
    assert warned == []


def test_a_mark_after_its_definition_takes_the_nearest_before():
    blocks = [note_def("1", "early"), para("gap"), note_def("1", "middle"), para("X[1]"),
              para("Y[1]"), para("Z[1]")]
    got, warned = run(blocks)
    assert got == ["gap", "X[^middle]", "Y[^early]", "Z[1]"]
    assert [m for _, m in warned] == [
        "the mark in 'Z[1]' has no note text left to attach: a note lost in the source, "
        "or a mark that is part of the text?"]


def test_a_definition_before_the_mark_belongs_to_earlier_text():
    blocks = [note_def("1", "a"), para("P[1]"), note_def("1", "b")]
    got, warned = run(blocks)
    assert got == ["P[^b]", f"[^{MISSING} a]"]
    assert len(warned) == 1


# -- the forms of a reference mark --------------------------------------------

@pytest.mark.parametrize("inl, expected", [
    (P.inlines("Said") + [sup("1")], "Said[^N.]"),
    (P.inlines("Said ") + [{"t": "Space"}, sup("1")], "Said[^N.]"),
    ([{"t": "Str", "c": "Said"}, P.RawInline("html", "<SUP> 1 </SUP>")], "Said[^N.]"),
    ([{"t": "Str", "c": "Said"}, P.RawInline("html", "<sup>"), {"t": "Str", "c": "1"},
      P.RawInline("html", "</sup>"), {"t": "Str", "c": "."}], "Said[^N.]."),
    ([{"t": "Str", "c": "Said"}, P.RawInline("html", "<SUP>"), {"t": "Str", "c": "1"},
      P.RawInline("html", "</SUP>")], "Said[^N.]"),
    ([{"t": "Str", "c": "Said"}, {"t": "Superscript", "c": [{"t": "Str", "c": "1"}]}],
     "Said[^N.]"),
    ([{"t": "Str", "c": "Said[1]."}], "Said.[^N.]"),
    ([{"t": "Str", "c": "Said{1},"}], "Said,[^N.]"),
    ([{"t": "Str", "c": "“Said[1]”"}], "“Said”[^N.]"),
], ids=["sup", "space-before", "sup-spaces-upper", "sup-split", "sup-split-upper",
        "superscript", "bracket", "brace", "quote"])
def test_reference_forms(inl, expected):
    got, warned = run([P.Para(inl), head(2, "Notes"), olist("N.")])
    assert got == [expected]
    assert warned == []


@pytest.mark.parametrize("inl", [
    [{"t": "Str", "c": "Said"}, P.RawInline("html", "<sup>"), {"t": "Str", "c": "1"}],
    [{"t": "Str", "c": "Said"}, P.RawInline("html", "<sup>"), {"t": "Space"},
     P.RawInline("html", "</sup>")],
    [{"t": "Str", "c": "Said"}, P.RawInline("html", "<sup>"), {"t": "Str", "c": "1"},
     P.RawInline("html", "</b>")],
    [{"t": "Str", "c": "Said"}, P.RawInline("tex", "<sup>1</sup>")],
    [{"t": "Str", "c": "Said"}, {"t": "Superscript", "c": [{"t": "Str", "c": "a"}]}],
    [{"t": "Str", "c": "Said"}, {"t": "Superscript", "c": [{"t": "Str", "c": "1a"}]}],
    [{"t": "Str", "c": "[1]"}],
    [{"t": "Str", "c": "Said [1]"}],
], ids=["sup-unclosed", "sup-space", "sup-wrong-close", "tex", "sup-letter", "sup-mixed",
        "bare-mark", "space-in-str"])
def test_not_reference_marks(inl):
    got, _ = run([P.Para(list(inl)), head(2, "Notes"), olist("N.")])
    assert got == [show_inlines(inl) + f"[^{MISSING} N.]"]


def test_superscript_star_and_unknown_numbers():
    inl = [{"t": "Str", "c": "a"}, {"t": "Superscript", "c": [{"t": "Str", "c": "*"}]},
           {"t": "Str", "c": "b"}, sup("7")]
    got, _ = run([P.Para(inl), note_def("*", "star")])
    assert got == ["a[^star]b<sup>7</sup>"]


def test_marks_in_headings_and_line_blocks():
    blocks = [P.Header(2, [{"t": "Str", "c": "Title*"}]),
              {"t": "LineBlock", "c": [[{"t": "Str", "c": "verse[1]"}],
                                       [{"t": "Str", "c": "line[2]"}]]},
              {"t": "Div", "c": [P.attr(), [para("inner[3]")]]},
              note_def("*", "h"), note_def("1", "v1"), note_def("2", "v2"),
              note_def("3", "d")]
    got, warned = run(blocks)
    assert got == ["## Title[^h]", "verse[^v1] / line[^v2]", "Div(inner[^d])"]
    assert warned == []


def test_nothing_to_do_returns_the_document():
    doc = P.document([para("Plain text[1] with a bracket.")])
    assert link_notes(doc, Ctx()) is doc


def test_marks_without_definitions_stay_without_warning():
    got, warned = run([P.Para(P.inlines("x") + [sup("2")])])
    assert got == ["x<sup>2</sup>"] and warned == []


# -- definitions with no mark -------------------------------------------------

def test_orphan_goes_to_the_end_of_its_section_with_a_warning():
    blocks = [para("First para."), para("Second para."), note_def("4", "Lost.", line=12),
              head(2, "Next"), para("Later.")]
    got, warned = run(blocks)
    assert got == ["First para.", f"Second para.[^{MISSING} Lost.]", "## Next", "Later."]
    assert warned == [(12, "note 4 has no reference mark in the text; placed at the end of "
                           "its section (say where it belongs in the sidecar's notes:)")]


def test_orphan_skips_non_paragraphs_back_to_a_paragraph():
    blocks = [{"t": "Plain", "c": P.inlines("Plain one.")}, head(2, "H"),
              {"t": "HorizontalRule"}, note_def("1", "Lost.", line=0)]
    got, warned = run(blocks)
    assert got == [f"Plain one.[^{MISSING} Lost.]", "## H", "HorizontalRule"]
    assert warned[0][0] == 0


def test_orphan_with_no_paragraph_before_gets_its_own():
    got, warned = run([note_def("1", "Alone.", line=5), head(2, "H")])
    assert got == ["## H", f"[^{MISSING} Alone.]"]
    got, warned = run([note_def("1", "Alone.")])
    assert got == [f"[^{MISSING} Alone.]"]
    assert warned[0][0] is None


def test_orphan_line_must_be_a_number():
    _, warned = run([para("p"), note_def("1", "x", line=None)])
    assert warned[0][0] is None
    d = note_def("1", "x")
    d["c"][0][2] = [["n", "1"], ["line", "12a"]]
    _, warned = run([para("p"), d])
    assert warned[0][0] is None


def test_orphan_note_starting_with_a_list():
    d = P.Div([olist("Item."), para("After.")], classes=["note-def"], kv={"n": "1"})
    got, _ = run([para("p"), d])
    assert got == [f"p[^{MISSING} | OL(Item.) | After.]"]
    d = P.Div([], classes=["note-def"], kv={"n": "1"})
    got, _ = run([para("p"), d])
    assert got == [f"p[^{MISSING} ]"]


def test_sidecar_places_an_orphan():
    blocks = [para("The delegates voted on the land decree that night."),
              note_def("3", "On the decree."), para("Later text.")]
    got, warned = run(blocks, notes=[{"n": 3, "after": "land decree", "reason": "r"}])
    assert got == [f"The delegates voted on the land decree[^{PLACED} On the decree.] "
                   "that night.", "Later text."]
    assert warned == []


def test_sidecar_place_in_the_first_matching_paragraph_only():
    blocks = [para("Alpha beta."), para("Gamma alpha beta."), note_def("1", "N.")]
    got, _ = run(blocks, notes=[{"n": "1", "after": "alpha beta", "reason": "r"}])
    assert got == ["Alpha beta.", f"Gamma alpha beta.[^{PLACED} N.]"]


def test_sidecar_entry_for_a_note_that_has_its_mark_is_ignored():
    blocks = [para("Marked[1]."), note_def("1", "N.")]
    got, warned = run(blocks, notes=[{"n": 1, "after": "nowhere", "reason": "r"}])
    assert got == ["Marked.[^N.]"] and warned == []


def test_sidecar_places_the_unmarked_copy_of_a_shared_number():
    blocks = [para("Once[1]."), note_def("1", "first"), para("Twice here."),
              note_def("1", "second")]
    got, warned = run(blocks, notes=[{"n": "1", "after": "Twice", "reason": "r"}])
    assert got == ["Once.[^first]", f"Twice[^{PLACED} second] here."]
    assert warned == []


@pytest.mark.parametrize("notes, message", [
    ([{"after": "x"}], "notes[1] needs 'n' and 'after' (and a 'reason')"),
    ([{"n": 1, "after": "x"}, {"n": 2}], "notes[2] needs 'n' and 'after' (and a 'reason')"),
    (["1"], "notes[1] needs 'n' and 'after' (and a 'reason')"),
    ([{"n": 9, "after": "x"}], "notes: the source has no note 9"),
    ([{"n": 1, "after": "absent words"}],
     "notes: note 1: no paragraph contains 'absent words'"),
])
def test_sidecar_mistakes(notes, message):
    with pytest.raises(UserError) as e:
        run([para("Text."), note_def("1", "N.")], notes=notes)
    assert e.value.message == message
    assert e.value.path == Path("src.yaml")
    if "absent" in message:
        assert e.value.hint == "quote the text the note follows"


def test_sidecar_placement_language():
    ctx = Ctx([{"n": 1, "after": "Text", "reason": "r"}])
    ctx.config = SimpleNamespace(data={"language": "de"})
    out = link_notes(P.document([para("Text."), note_def("1", "N.")]), ctx)
    assert show(out) == ["Text.[^[Anmerkungszeichen vom Herausgeber gesetzt.] N.]"]


# -- edges ------------------------------------------------------------------

def test_of_two_definitions_before_a_mark_the_nearer_one():
    got, _ = run([note_def("1", "far"), note_def("1", "near"), para("X[1]")])
    assert got == ["X[^near]", f"[^{MISSING} far]"]


def test_notes_heading_directly_followed_by_a_heading_is_empty():
    got, _ = run([para("See[1]."), head(2, "Notes"), head(2, "Next"), olist("Stays.")])
    assert got == ["See[1].", "## Notes", "## Next", "OL(Stays.)"]


def test_numbered_paragraph_before_the_notes_heading_is_text():
    got, _ = run([para("See[2]."), para("1. Not a note."), head(2, "Notes"), olist("N.")])
    assert got == ["See[2].", f"1. Not a note.[^{MISSING} N.]"]


def test_plain_blocks_as_definitions_and_targets():
    plain = {"t": "Plain", "c": P.inlines("2. Plain def.")}
    got, _ = run([{"t": "Plain", "c": P.inlines("Word[2] end")}, head(2, "Notes"), plain])
    assert got == ["Word[^Plain def.] end"]
    d = P.Div([{"t": "Plain", "c": P.inlines("Plain body.")}, para("More.")],
              classes=["note-def"], kv={"n": "1"})
    got, _ = run([{"t": "Plain", "c": P.inlines("Before the note.")}, d])
    assert got == [f"Before the note.[^{MISSING} Plain body. | More.]"]


def test_orphan_with_three_paragraphs_keeps_them_all():
    d = P.Div([para("One."), para("Two."), para("Three.")], classes=["note-def"], kv={"n": "1"})
    got, _ = run([para("p"), d])
    assert got == [f"p[^{MISSING} One. | Two. | Three.]"]


def test_orphan_after_a_heading_at_the_top():
    got, _ = run([head(2, "H"), note_def("1", "Lost.")])
    assert got == ["## H", f"[^{MISSING} Lost.]"]


def test_orphan_goes_to_the_nearest_paragraph_back():
    got, _ = run([para("First."), para("Second."), head(2, "H"), note_def("1", "Lost.")])
    assert got == ["First.", f"Second.[^{MISSING} Lost.]", "## H"]


def test_sidecar_entries_after_one_that_is_not_needed():
    blocks = [para("Marked[1] text."), note_def("1", "N1."), para("Alpha beta."),
              note_def("2", "N2."), para("Gamma."), note_def("3", "N3.")]
    notes = [{"n": 1, "after": "x", "reason": "r"}, {"n": 2, "after": "Alpha", "reason": "r"}]
    got, warned = run(blocks, notes=notes)
    assert got == ["Marked[^N1.] text.", f"Alpha[^{PLACED} N2.] beta.",
                   f"Gamma.[^{MISSING} N3.]"]
    assert [m.split(" has")[0] for _, m in warned] == ["note 3"]


def test_sidecar_text_inside_a_div_goes_in_its_paragraph():
    blocks = [P.Div([para("Alpha beta.")]), note_def("1", "N.")]
    got, _ = run(blocks, notes=[{"n": 1, "after": "Alpha", "reason": "r"}])
    assert got == [f"Div(Alpha[^{PLACED} N.] beta.)"]


def test_editor_words_are_marked_as_the_editors():
    ctx = Ctx()
    out = link_notes(P.document([para("p"), note_def("1", "N.")]), ctx)
    note = out["blocks"][0]["c"][-1]
    span = note["c"][0]["c"][0]
    assert span["t"] == "Span" and span["c"][0] == ["", ["editor"], []]


def test_superscript_without_definitions_leaves_the_text():
    inl = [{"t": "Str", "c": "x"}, {"t": "Superscript", "c": [{"t": "Str", "c": "2"}]}]
    got, warned = run([P.Para(inl)])
    assert got == ["x^2"] and warned == []

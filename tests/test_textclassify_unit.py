"""What each plain-text unit is (readers/textclassify.py), on units written
here: headings and their levels (from the contents, from blank lines, from
the sidecar), list items, note texts and their headings, captions dropped,
and the warning for two blank lines before a paragraph. A small stand-in
reader records drops and warnings; every expected kind, level and message
is written out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressroom.readers.textclassify import classify

BODY = "The bridge carried the line for many years, and nobody doubted it would go on."


class Reader:
    def __init__(self, width=None, toc=(), forced=None, not_headings=(), subheadings=()):
        self.width = width
        self.toc = list(toc)
        self.forced = dict(forced or {})
        self.not_headings = set(not_headings)
        self.subheadings = set(subheadings)
        self.dropped: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, int]] = []
        self.ctx = SimpleNamespace(warn=lambda msg, line=None: self.warnings.append((msg, line)))

    def drop(self, rule, text):
        self.dropped.append((rule, text))


def unit(text, start, blanks=1, single=True, raw=None):
    return dict(kind="para", text=text, start=start, blanks=blanks, single=single,
                raw=text if raw is None else raw)


def run(r, texts_or_units):
    units = [x if isinstance(x, dict) else unit(x, i + 1) for i, x in enumerate(texts_or_units)]
    classify(r, units)
    return units


def kinds(units):
    return [(u["kind"], u.get("level")) if u["kind"] == "heading" else u["kind"] for u in units]


def test_a_heading_and_its_text():
    got = run(Reader(), ["The Old Bridge", BODY])
    assert kinds(got) == [("heading", 2), "para"]


def test_a_line_after_a_colon_and_a_line_of_several_lines_are_no_headings():
    got = run(Reader(), ["He wrote as follows:", "The Old Bridge", BODY])
    assert kinds(got) == ["para", "para", "para"]
    got = run(Reader(), [unit("The Old Bridge", 1, single=False), unit(BODY, 2)])
    assert kinds(got) == ["para", "para"]


def test_an_illustration_is_dropped():
    r = Reader()
    got = run(r, ["[Illustration: The bridge in 1920.]", BODY])
    assert kinds(got) == ["drop", "para"]
    assert r.dropped == [("image-caption", "[Illustration: The bridge in 1920.]")]


def test_a_notes_line_over_note_texts_is_dropped():
    r = Reader()
    got = run(r, [BODY, "Notes:", "{1} The first note.", "{2} The second."])
    assert kinds(got) == ["para", "drop", "note-def", "note-def"]
    assert [u.get("n") for u in got[2:]] == ["1", "2"]
    assert r.dropped == [("note-markers", "Notes:")]
    got = run(Reader(), [BODY, unit("Notes:", 2, single=False), unit("{1} The first note.", 3)])
    assert kinds(got) == ["para", "para", "note-def"]
    got = run(Reader(), [BODY, "Notes:", BODY])
    assert kinds(got) == ["para", "para", "para"]


@pytest.mark.parametrize("width, text, kind, n", [
    (None, "[Footnote 2: The text.]", "note-def", "2"),
    (None, "[Note B: The text.]", "note-def", "B"),
    (72, "[3] The text.", "note-def", "3"),
    (None, "[3] The text.", "para", None),          # one line per paragraph: a reference, not a note
])
def test_note_texts(width, text, kind, n):
    got = run(Reader(width=width), [BODY, text])
    assert got[1]["kind"] == kind and got[1].get("n") == n


@pytest.mark.parametrize("before, note, kind, n", [
    ("The bridge* stood.", "* The note.", "note-def", "*"),
    ("The bridge(+) stood.", "(+) The note.", "note-def", "+"),
    ("The bridge† stood.", "† The note.", "note-def", "†"),
    ("The bridge stood.", "* The note.", "item", None),     # no mark above: a bullet
])
def test_notes_opened_by_their_sign(before, note, kind, n):
    got = run(Reader(), [before, note])
    assert got[1]["kind"] == kind and got[1].get("n") == n


def test_list_items_and_numbered_headings():
    got = run(Reader(), [BODY, "1. The first thing to say.", "2. The second thing to say.", BODY])
    assert kinds(got) == ["para", "item", "item", "para"]
    got = run(Reader(), ["1. Introduction", BODY])
    assert kinds(got) == [("heading", 2), "para"]
    got = run(Reader(), [unit("  1. Introduction", 1, raw="  1. Introduction"), unit(BODY, 2)])
    assert kinds(got) == ["item", "para"]
    got = run(Reader(), [unit("1. Introduction", 1, single=False), unit(BODY, 2)])
    assert kinds(got) == ["item", "para"]


def test_the_sidecar_forces_a_heading_and_its_level():
    r = Reader(forced={1: 4})
    got = run(r, ["a line in lower case that is no heading", BODY])
    assert kinds(got) == [("heading", 4), "para"] and got[0]["forced"] is True
    got = run(Reader(), [dict(unit("a lower-case line", 1), forced=True), unit(BODY, 2)])
    assert kinds(got) == [("heading", 2), "para"]
    got = run(Reader(forced={1: 4}, not_headings={1}), ["a lower case line", BODY])
    assert kinds(got) == ["para", "para"]
    got = run(Reader(not_headings={1}), ["The Old Bridge", BODY])
    assert kinds(got) == ["para", "para"]


def test_subheadings_go_one_level_down_to_six_at_most():
    got = run(Reader(subheadings={1, 3}, forced={3: 6}),
              ["The Old Bridge", BODY, "The New Bridge", BODY])
    assert kinds(got) == [("heading", 3), "para", ("heading", 6), "para"]


def test_a_right_aligned_line_is_no_heading():
    raw = " " * 60 + "John Reed"
    got = run(Reader(width=72), [BODY, unit("John Reed", 2, raw=raw), unit(BODY, 3)])
    assert kinds(got) == ["para", "para", "para"]
    centred = " " * 30 + "The Old Bridge"
    got = run(Reader(width=72), [BODY, unit("The Old Bridge", 2, raw=centred), unit(BODY, 3)])
    assert kinds(got) == ["para", ("heading", 2), "para"]


QUESTION = "What Is The Old Bridge For In The End?"


def test_a_question_is_a_heading_only_in_a_title_case_file():
    titled = ["The Old Bridge", BODY, "The New Road", BODY, QUESTION, BODY]
    assert kinds(run(Reader(), titled))[4] == ("heading", 2)
    plain = ["The old bridge", BODY, "The new road", BODY, QUESTION, BODY]
    assert kinds(run(Reader(), plain))[4] == "para"
    half = ["The Old Bridge", BODY, "The new road", BODY, QUESTION, BODY]
    assert kinds(run(Reader(), half))[4] == "para"          # half is not more than half
    assert kinds(run(Reader(), [QUESTION, BODY]))[0] == "para"


def test_levels_from_the_contents():
    r = Reader(toc=["The Old Bridge"])
    got = run(r, ["The Old Bridge", BODY, "A Side Note", BODY])
    assert kinds(got) == [("heading", 2), "para", ("heading", 3), "para"]


@pytest.mark.parametrize("blanks, levels", [
    ((3, 1, 3), (2, 3, 2)),
    ((2, 1, 2), (2, 3, 2)),
    ((3, 1, 2), (2, 2, 2)),      # the longest run only once: not used
    ((1, 1, 1), (2, 2, 2)),
    ((2, 2, 2), (2, 2, 2)),
    ((1, 0, 1), (2, 2, 2)),      # runs of one blank line are no sections
])
def test_levels_from_blank_lines(blanks, levels):
    units = []
    for k, b in enumerate(blanks):
        units += [unit(f"The Part {'ABC'[k]}", 2 * k + 1, blanks=b), unit(BODY, 2 * k + 2)]
    got = run(Reader(), units)
    assert [u["level"] for u in got if u["kind"] == "heading"] == list(levels)


def test_two_blank_lines_before_a_paragraph_are_flagged():
    r = Reader()
    run(r, [unit(BODY, 1), unit(BODY, 3, blanks=2)])
    assert r.warnings == [("two blank lines before this paragraph: a lost subheading or "
                           "section break?", 3)]
    r = Reader()
    run(r, [unit(BODY, 1, blanks=2), unit(BODY, 3, blanks=1)])       # the first unit: not flagged
    assert r.warnings == []
    r = Reader()
    run(r, [unit("The Old Bridge", 1, blanks=2), unit(BODY, 2), unit(BODY, 5, blanks=3)])
    assert r.warnings == []                                         # sections use blank runs
    r = Reader()
    run(r, [unit(BODY, 1), unit("The old bridge / Photo: John Reed", 4, blanks=2, single=False)])
    assert r.warnings == []                                         # a caption
    r = Reader()
    run(r, [unit(BODY, 1), unit("* A list item.", 4, blanks=2)])
    assert r.warnings == []                                         # an item, not a paragraph


# --- cases the first mutation run found untested -------------------------------------

def test_three_capitals_in_four_words_is_title_case():
    # "The old Bridge Road": 3 of its 4 significant words capitalised, 0.75
    got = run(Reader(), ["The old Bridge Road", BODY, QUESTION, BODY])
    assert kinds(got)[2] == ("heading", 2)


def test_right_alignment_is_measured_against_the_file_s_own_width():
    raw = " " * 60 + "John Reed"                 # ends at column 69
    got = run(Reader(width=100), [BODY, unit("John Reed", 2, raw=raw), unit(BODY, 3)])
    assert kinds(got) == ["para", ("heading", 2), "para"]
    got = run(Reader(width=None), [BODY, unit("John Reed", 2, raw=raw), unit(BODY, 3)])
    assert kinds(got) == ["para", "para", "para"]


def test_a_heading_after_verse():
    verse = dict(kind="verse", lines=["a line", "another"], start=1, blanks=0, single=False)
    got = run(Reader(), [verse, unit("The Old Bridge", 4), unit(BODY, 5)])
    assert kinds(got) == ["verse", ("heading", 2), "para"]

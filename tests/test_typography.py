"""Typography: the traps of sources-analysis §3.4, one test each."""

from __future__ import annotations

import pytest

from pressroom.doctree import pandoc as P
from pressroom.transforms.typography import (
    dashes_text,
    ellipses_text,
    quotes,
    quotes_text,
    smarten_text)
from pressroom.transforms.whitespace import colon_space, split_possessive


@pytest.mark.parametrize("raw,want", [
    # 1. nested straight double quotes, the outer one never closed
    ('"The madness will cease movement: "workers of the world unite!"',
     "“The madness will cease movement: “workers of the world unite!”"),
    # 2. unbalanced straight quotes
    ('"Mad fascist police dogs!" "Despicable! Scum of the underworld! "Shoot the reptiles!"',
     "“Mad fascist police dogs!” “Despicable! Scum of the underworld! “Shoot the reptiles!”"),
    # 3. mixed curly/straight pairs
    ("‘committee' bureaucrats", "‘committee’ bureaucrats"),
    ("his 'Testament”", "his ‘Testament”"),
    # 4. plural possessive next to a closing scare quote
    ("the 'social-fascists' even going", "the ‘social-fascists’ even going"),
    ("\"'Committees of Workers' have taken over", "“‘Committees of Workers’ have taken over"),
    ("the workers' state", "the workers’ state"),
    # 5. apostrophe inside single quotes
    ("19. the 'people's front'", "19. the ‘people’s front’"),
    # 10. decade abbreviation
    ("in the '30s and '40s", "in the ’30s and ’40s"),
    # 11. closing quote before a parenthetical source, and glued to one
    ('order." (Quoted by John Reed, pages 115-116)', "order.” (Quoted by John Reed, pages 115-116)"),
    ("is over\"(!)", "is over”(!)"),
    # contractions and o'clock
    ("didn't, it's, o'clock", "didn’t, it’s, o’clock"),
    # a quotation that goes on in the next paragraph stays open
    ('"We rest all our hope on this', "“We rest all our hope on this"),
])
def test_quotes(raw, want):
    assert quotes_text(raw) == want


@pytest.mark.parametrize("raw,want", [
    ("the war - and after", "the war – and after"),
    ("This Changed Everything—Twice", "This Changed Everything – Twice"),
    ("in Russia ‒ from which", "in Russia – from which"),
    ("the war -- and after", "the war – and after"),
    ("pages 102-103, 1903-1917", "pages 102–103, 1903–1917"),
    ("the \"socialist\"—society", "the \"socialist\" – society"),
    ("anti-Semitism and self-determination", "anti-Semitism and self-determination"),
    ("the imperialist armies…– this is", "the imperialist armies… – this is"),
    # a dash after a colon or semicolon (ASCII Gutenberg, The Prince)
    ("of our time:--Let us enjoy", "of our time: – Let us enjoy"),
])
def test_dashes(raw, want):
    assert dashes_text(raw, "x", "x") == want


def test_dash_at_line_end_and_attribution_start():
    assert dashes_text("A bridge of Soviet carrion -", "x", "") == "A bridge of Soviet carrion –"
    assert dashes_text("-John Reed, Ten Days", "", "") == "– John Reed, Ten Days"
    assert dashes_text("—Quoted in Ibid.", "", "") == "– Quoted in Ibid."


@pytest.mark.parametrize("raw,want", [
    ("“ …I was sick", "“…I was sick"),          # 6. space between quote and ellipsis
    ("imperative…. The", "imperative…. The"),     # 7. four dots: ellipsis + full stop
    ("imperative.... The", "imperative…. The"),
    ("production...take", "production… take"),   # 8. glued ellipsis
    ("armies…take", "armies… take"),
    ("and so on . . . until", "and so on … until"),
    ("in places. ...", "in places. …"),         # a full stop, then an ellipsis
])
def test_ellipses(raw, want):
    assert ellipses_text(raw) == want


def test_colon_space_and_split_possessive():
    doc = P.document([P.Para(P.inlines('She wrote:"The daily struggle'))])
    assert P.stringify(colon_space(doc, None)["blocks"]) == 'She wrote: "The daily struggle'
    doc = P.document([P.Para(P.inlines("supporting Trotsky’ s revolutionary policies"))])
    assert P.stringify(split_possessive(doc, None)["blocks"]) == "supporting Trotsky’s revolutionary policies"


def test_code_is_left_alone():
    doc = P.document([P.Para([{"t": "Code", "c": [["", [], []], 'x = "a"']},
                              {"t": "Space"}, {"t": "Str", "c": '"quoted"'}])])
    out = quotes(doc, None)["blocks"][0]["c"]
    assert out[0]["c"][1] == 'x = "a"'
    assert out[-1]["c"] == "“quoted”"


def test_quotes_across_inline_boundaries():
    # "*word*" : the marks sit outside the emphasis
    doc = P.document([P.Para([{"t": "Str", "c": "a"}, {"t": "Space"}, {"t": "Str", "c": '"'},
                              {"t": "Emph", "c": [{"t": "Str", "c": "word"}]},
                              {"t": "Str", "c": '"'}])])
    out = quotes(doc, None)["blocks"][0]["c"]
    assert out[2]["c"] == "“" and out[-1]["c"] == "”"


def test_smarten_is_idempotent():
    s = "He said - \"it's the '30s... isn't it?\" -John"
    once = smarten_text(s)
    assert smarten_text(once) == once
    assert '"' not in once and "'" not in once


def test_a_notes_call_follows_its_word():
    """note-space: "operatives <sup>1</sup>." and "word [^1]" print as
    "operatives¹." and "word¹"; a space elsewhere, and the note's own text,
    stay as they were; the words are the same."""
    from pressroom.doctree.ledger import words
    from pressroom.transforms.whitespace import note_space
    note = {"t": "Note", "c": [P.Para(P.inlines("The note, its spaces kept."))]}
    doc = P.document([
        P.Para([*P.inlines("cotton operatives"), {"t": "Space"}, note, {"t": "Str", "c": "."}]),
        P.Para([{"t": "Emph", "c": [*P.inlines("in italics"), {"t": "SoftBreak"}, note]}]),
        {"t": "LineBlock", "c": [[*P.inlines("a verse"), {"t": "Space"}, note]]},
        P.Para(P.inlines("No note here at all.")),
    ])
    out = note_space(doc, None)["blocks"]
    assert out[0]["c"][-3:] == [{"t": "Str", "c": "operatives"}, note, {"t": "Str", "c": "."}]
    assert out[1]["c"][0]["c"][-2:] == [{"t": "Str", "c": "italics"}, note]
    assert out[2]["c"][0][-2:] == [{"t": "Str", "c": "verse"}, note]
    assert out[3] is doc["blocks"][3]                       # unchanged: shared
    assert words(out) == words(doc["blocks"])

"""Quotation marks re-decided for a language's style (doctree/quotemarks.py),
on strings written here. Most cases use a made-up style whose marks are
none of the ones the sources use (outer ⟦ ⟧, inner ⟨ ⟩), so each expected
string shows plainly which marks were read as opening, closing, outer,
inner or apostrophe; the rest use the French, German and Russian marks,
written out by hand (not read from the labels files)."""

from __future__ import annotations

import pytest

from pressroom.doctree.quotemarks import localise
from pressroom.settings.labels import QuoteStyle

T = QuoteStyle(outer=("⟦", "⟧"), inner=("⟨", "⟩"))
NNBSP, NBSP = "\u202f", "\u00a0"
FR = QuoteStyle(outer=("«", "»"), inner=("“", "”"), space=NNBSP)
DE = QuoteStyle(outer=("„", "“"), inner=("‚", "‘"))
RU = QuoteStyle(outer=("«", "»"), inner=("„", "“"))


def loc(s: str, style: QuoteStyle = T, before: str = "", after: str = "") -> str:
    return localise(s, before, after, style)


@pytest.mark.parametrize("raw, want", [
    ('say "a" ok', "say ⟦a⟧ ok"),
    ("say “a” ok", "say ⟦a⟧ ok"),
    ('"a \'b\' c"', "⟦a ⟨b⟩ c⟧"),
    ("“a ‘b’ c”", "⟦a ⟨b⟩ c⟧"),
    ('"a "b" c"', "⟦a ⟨b⟩ c⟧"),                  # a double mark inside: the inner level
    ("«a ‹b› c»", "⟦a ⟨b⟩ c⟧"),
    ("„a ‚b‘ c“", "⟦a ⟨b⟩ c⟧"),
    ('("a")', "(⟦a⟧)"),
    ('—"a"', "—⟦a⟧"),
    ('x:"a"', "x:⟦a⟧"),
    ("'a'", "⟨a⟩"),                               # single marks are the inner level
    ('"\'a\'"', "⟦⟨a⟩⟧"),                         # marks right after an opening mark open
    ('"a" "b"', "⟦a⟧ ⟦b⟧"),
    ('a"', "a⟧"),                                 # nothing open: closes the outer level
    ('"a \'b c" and "d"', "⟦a ⟨b c⟧ and ⟦d⟧"),     # an inner quote left open closes with it
    ('"a "b c"', "⟦a ⟨b c⟩"),
    ('"a "b" c" d "e"', "⟦a ⟨b⟩ c⟧ d ⟦e⟧"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_open_close_and_level(raw, want):
    assert loc(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("it's", "it’s"), ("l'homme", "l’homme"), ("it’s", "it’s"),
    ("the workers' hall", "the workers’ hall"),     # closes no quotation: an apostrophe
    ("the '30s", "the ’30s"), ("in '68", "in ’68"), ("the '30", "the ’30"),
    ("get 'em", "get ’em"), ("get 'EM", "get ’EM"), ("'tis so", "’tis so"),
    ("'twas so", "’twas so"), ("rock 'n' roll", "rock ’n’ roll"),
    ("'emma'", "⟨emma⟩"), ("'3 a'", "⟨3 a⟩"), ("'tiss'", "⟨tiss⟩"),
    ('"a" it\'s', "⟦a⟧ it’s"),
    ("'a' it's", "⟨a⟩ it’s"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_apostrophes(raw, want):
    assert loc(raw) == want


def test_a_single_close_inside_a_double_quote_is_an_apostrophe():
    # the open double quotation is not closed by a single mark
    assert loc('"the workers\' hall"') == "⟦the workers’ hall⟧"


def test_the_characters_around_the_run():
    assert loc('"', before=" ", after="w") == "⟦"
    assert loc('"', before="d", after=" ") == "⟧"
    assert loc('"', before="d", after="") == "⟧"
    assert loc("'", before="t", after="s") == "’"            # it|'|s across runs
    assert loc("'", before=" ", after="em") == "’"           # |'|em: the elision is in the next run
    assert loc("'", before=" ", after="a") == "⟨"
    assert loc('a"', before="", after="b") == "a⟧"
    assert loc('"a', before="x", after="") == "⟧a"           # glued to a word: closes


def test_a_mark_before_white_space_closes():
    assert loc('a " b') == "a ⟧ b"
    assert loc('a "') == "a ⟧"


def test_text_already_in_the_style_is_unchanged():
    for style, text in ((DE, "Er sagte „sie schrieb ‚nein‘ gestern“ und ging."),
                        (RU, "Он сказал «она написала „нет“ вчера» и ушёл."),
                        (FR, f"Il dit «{NNBSP}elle a écrit “non” hier{NNBSP}» puis l’a quitté.")):
        assert loc(text, style) == text


@pytest.mark.parametrize("style, raw, want", [
    (DE, '"a \'b\' c"', "„a ‚b‘ c“"),
    (RU, '"a \'b\' c"', "«a „b“ c»"),
    (RU, '"a "b" c"', "«a „b“ c»"),
    (DE, '"a "b" c"', "„a ‚b‘ c“"),
])
def test_real_styles(style, raw, want):
    assert loc(raw, style) == want


def test_a_russian_inner_mark_opened_outside_the_run_stays_inner():
    # „ is Russian's inner opening mark: a run starting with it is inside a quotation
    assert loc("„b“", RU) == "„b“"
    assert loc("„b“ c»", RU) == "„b“ c»"
    # in German „ is the outer mark; in the made-up style it is not the inner one
    assert loc("„b“", DE) == "„b“"
    assert loc("„b“", T) == "⟦b⟧"
    # « is no inner mark anywhere here: outer
    assert loc("«b»", RU) == "«b»"
    # a style whose inner and outer marks open alike: outer
    same = QuoteStyle(outer=("„", "“"), inner=("„", "”"))
    assert loc("„b“", same) == "„b“"


def test_french_spacing_inside_the_outer_marks():
    assert loc('"a"', FR) == f"«{NNBSP}a{NNBSP}»"
    assert loc("«  a  »", FR) == f"«{NNBSP}a{NNBSP}»"
    assert loc(f"«{NBSP}a{NBSP}»", FR) == f"«{NNBSP}a{NNBSP}»"
    assert loc(f"«{NNBSP}a{NNBSP}»", FR) == f"«{NNBSP}a{NNBSP}»"
    assert loc(f"«\ta\t»", FR) == f"«{NNBSP}\ta\t{NNBSP}»"      # only the spaces a style sets
    assert loc('"a \'b\' c"', FR) == f"«{NNBSP}a “b” c{NNBSP}»"  # none inside the inner marks
    assert loc("«", FR) == f"«{NNBSP}"
    assert loc("« ", FR) == f"«{NNBSP}"
    assert loc(" »", FR) == f"{NNBSP}»"
    assert loc("l'a", FR) == "l’a"


def test_no_spacing_in_a_style_without_it():
    assert loc("« a »", RU) == "« a »"
    assert loc('"a"', DE) == "„a“"


def test_text_without_marks_is_unchanged():
    assert loc("plain text, no marks.") == "plain text, no marks."
    assert loc("") == ""

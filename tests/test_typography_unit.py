"""Typography edge cases the house style documents (transforms/typography.py),
each written out by hand: the three transforms on a document, marks at the
very end or start of a run, glued em dashes, a capital after an ellipsis."""

from __future__ import annotations

import pytest

from pressroom.doctree import pandoc as P
from pressroom.transforms.typography import (
    dashes, dashes_text, ellipses, ellipses_text, quotes, quotes_text)


def doc(text: str) -> P.Node:
    return P.document([P.Para(P.inlines(text))])


@pytest.mark.parametrize("transform, raw, want", [
    (ellipses, "and so... on", "and so… on"),
    (dashes, "war -- peace", "war – peace"),
    (quotes, "'tis \"it\"", "’tis “it”"),
], ids=["ellipses", "dashes", "quotes"])
def test_each_transform_rewrites_the_document(transform, raw, want):
    assert P.stringify(transform(doc(raw), None)["blocks"]) == want


@pytest.mark.parametrize("raw, want", [
    ('he said "', "he said ”"),                  # a mark ending the run closes
    ('Xerxes said "no"', "Xerxes said “no”"),     # letters are never marks
    ('a "\tb', "a ”\tb"),                          # before white space: closes
    ("the end 'a b", "the end ‘a b"),
    ("(\"a\")", "(“a”)"),
    ('"a', "“a"),                                  # the mark before the last letter
    ("the workers'.", "the workers’."),            # after a letter, before a stop
], ids=["end", "letters", "tab", "single-open", "in-brackets", "short", "plural-stop"])
def test_quote_marks_at_the_edges(raw, want):
    assert quotes_text(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("—Trotsky", "– Trotsky"),                  # an attribution opening the run
    ("the war -", "the war –"),                  # a dash ending the run
    ("word— next", "word – next"),               # em dash glued on one side
    ("a –b", "a – b"),
], ids=["attribution", "trailing", "em-glued-left", "en-glued-right"])
def test_dashes_at_the_edges(raw, want):
    assert dashes_text(raw) == want


def test_dashes_leave_single_spaces():
    assert dashes_text("one  two   three", "x", "x") == "one two three"


def test_a_capital_after_an_ellipsis_gets_its_space():
    assert ellipses_text("the end…Then") == "the end… Then"
    assert ellipses_text("the end…then") == "the end… then"

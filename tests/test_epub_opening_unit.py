"""EPUB headings never jump a level (epub/opening.level_headings): h1 then
h3 becomes h1 then h2, inside a Div as at the top, and the blocks handed
in are left as they were (other editions render the same Book)."""

from __future__ import annotations

import copy

from pressroom.builders.epub.opening import level_headings
from pressroom.doctree import pandoc as P


def _levels(blocks) -> list[int]:
    return [n["c"][0] for n in P.iter_nodes(blocks) if n["t"] == "Header"]


def test_levels_never_jump_and_the_input_is_untouched():
    blocks = [P.Header(1, P.inlines("Title"), "t"),
              P.Header(3, P.inlines("Two below"), "a"),
              {"t": "Div", "c": [["d", [], []], [P.Header(4, P.inlines("Nested"), "b"),
                                                 P.Para(P.inlines("Words here."))]]},
              P.Header(2, P.inlines("Back up"), "c"),
              P.Header(6, P.inlines("Far down"), "e"),
              P.Header(1, P.inlines("Top again"), "f")]
    before = copy.deepcopy(blocks)
    out = level_headings(blocks)
    assert _levels(out) == [1, 2, 3, 2, 3, 1]
    assert blocks == before
    assert [P.stringify(n) for n in P.iter_nodes(out) if n["t"] == "Header"] == [
        "Title", "Two below", "Nested", "Back up", "Far down", "Top again"]


def test_a_section_opening_below_level_one_starts_at_one():
    assert _levels(level_headings([P.Header(2, P.inlines("Preface part"), "p")])) == [1]

"""The manuscript of a book past batches.BATCH, rendered a run of sections
at a time (builders/manuscript.render_manuscript): the same text as one
pandoc call over the whole book, notes numbered through and gathered at
the end; a run whose note marks pandoc did not write as expected (a code
block quoting one) makes it fall back to the one call."""

from __future__ import annotations

import json

from types import SimpleNamespace

import pytest

from pressroom.builders import manuscript as M
from pressroom.doctree import batches
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section


def _note(text: str) -> P.Node:
    return {"t": "Note", "c": [P.Para(P.inlines(text)), P.Para(P.inlines("A second paragraph."))]}


def _section(ident: str, *body: P.Node) -> Section:
    return Section(ident, ident.title(), [P.Header(1, P.inlines(ident.title()), ident), *body])


def _book(*sections: Section):
    config = SimpleNamespace(data={"title": "A Test", "language": "en"})
    return SimpleNamespace(config=config, sections=list(sections))


def _one_call(book) -> str:
    # what the manuscript was before runs: the whole book, one pandoc call
    return M.escape_closing_hashes(pandoc_markdown(P.document(
        [b for s in book.sections for b in s.blocks],
        {k: {"t": "MetaString", "c": v} for k, v in book.config.data.items()})))


def pandoc_markdown(doc: P.Node) -> str:
    return P.render(doc, "markdown-smart", ["--wrap=none", "--standalone"])


def _noted(ident: str, notes: int) -> Section:
    paras = [P.Para([*P.inlines(f"Words of {ident}, part {n}."), _note(f"{ident} note {n}.")])
             for n in range(notes)]
    return _section(ident, *paras, P.Para(P.inlines(f"The end of {ident}.")))


@pytest.mark.parametrize("batch", [1, 2000])
def test_runs_of_sections_give_the_one_calls_text(monkeypatch, batch):
    book = _book(_noted("s1", 2), _noted("s2", 0), _noted("s3", 3), _noted("s4", 11))
    expected = _one_call(book)
    calls = _pandoc_calls(monkeypatch)
    monkeypatch.setattr(batches, "BATCH", batch)
    assert M.render_manuscript(book) == expected
    assert 2 <= len(calls) and all(sections < 4 for sections in calls)   # runs, never the whole
    assert "[^16]: s4 note 10." in expected      # numbered through (2 + 3 + 11)


def _pandoc_calls(monkeypatch) -> list[int]:
    """How many sections (level-1 headings) each pandoc call was given."""
    calls: list[int] = []
    real = P.render_json

    def render(text, *args):
        calls.append(sum(b["t"] == "Header" for b in json.loads(text)["blocks"]))
        return real(text, *args)
    monkeypatch.setattr(P, "render_json", render)
    return calls


@pytest.mark.parametrize("code", ["see [^1] here", "a line\n\n[^1]: as a note's definition"])
def test_a_quoted_note_mark_falls_back_to_one_call(monkeypatch, code):
    quoted = _section("s2", P.Para(P.inlines("Code:")),
                      {"t": "CodeBlock", "c": [["", ["python"], []], code]})   # fenced
    book = _book(_noted("s1", 1), quoted, _noted("s3", 1))
    expected = _one_call(book)
    calls = _pandoc_calls(monkeypatch)
    monkeypatch.setattr(batches, "BATCH", 1)
    assert M.render_manuscript(book) == expected
    assert calls[-1] == 3                        # the whole book, in one call after all
    assert code.split("\n")[-1] in expected and "[^2]: s3 note 0." in expected

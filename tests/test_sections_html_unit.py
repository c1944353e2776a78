"""The sections' HTML kept between builds (common/html.sections_html with a
store): what it returns is what rendering every section afresh returns; a
second call renders only the sections whose blocks changed; a section no
longer in the book leaves the store."""

from __future__ import annotations

from pressroom.builders.common import html as H
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section


def _section(ident: str, *paras: str) -> Section:
    return Section(ident, ident.title(), [P.Header(1, P.inlines(ident.title()), ident),
                                          *(P.Para(P.inlines(t)) for t in paras)])


def _rendering(monkeypatch) -> list[list[str]]:
    """The sections each pandoc call was given, call by call."""
    calls: list[list[str]] = []
    real = P.render

    def render(doc, fmt, extra_args=()):
        calls.append([b["c"][1].split(":")[1].rstrip("->") for b in doc["blocks"]
                      if b["t"] == "RawBlock" and "pressroom-section" in b["c"][1]])
        return real(doc, fmt, extra_args)
    monkeypatch.setattr(P, "render", render)
    return calls


def test_kept_fragments_are_the_fresh_ones_and_only_changes_are_rendered(tmp_path, monkeypatch):
    book = [_section("one", "First “words” here.", "Second -- para."),
            _section("two", "Other words."), _section("three", "Last words.")]
    fresh = H.sections_html(book)
    calls = _rendering(monkeypatch)
    assert H.sections_html(book, store=tmp_path) == fresh
    assert H.sections_html(book, store=tmp_path) == fresh
    assert calls == [["one", "two", "three"]]           # the second call rendered nothing

    edited = [book[0], _section("two", "Other words, edited."), book[2]]
    calls.clear()
    kept = H.sections_html(edited, store=tmp_path)
    monkeypatch.undo()
    assert kept == H.sections_html(edited)
    assert "edited" in kept["two"] and calls == [["two"]]
    assert len(list(tmp_path.glob("*.html"))) == 3     # the old "two" is gone

    H.sections_html(edited[:2], store=tmp_path)
    assert len(list(tmp_path.glob("*.html"))) == 2


def test_prepare_is_part_of_what_is_kept(tmp_path):
    book = [_section("one", "Plain words.")]
    plain = H.sections_html(book, store=tmp_path)
    shouted = H.sections_html(book, lambda s: P.walk(
        s.blocks, lambda n: {"t": "Str", "c": n["c"].upper()} if n["t"] == "Str" else None), store=tmp_path)
    assert "WORDS" in shouted["one"] and "WORDS" not in plain["one"]

"""The sections' HTML kept between builds (common/html.sections_html with a
store): what it returns is what rendering every section afresh returns; a
second call renders only the sections whose blocks changed; a section no
longer in the book leaves the store."""

from __future__ import annotations

import json

from pressroom.builders.common import html as H
from pressroom.doctree import batches
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section


def _section(ident: str, *paras: str) -> Section:
    return Section(ident, ident.title(), [P.Header(1, P.inlines(ident.title()), ident),
                                          *(P.Para(P.inlines(t)) for t in paras)])


def _rendering(monkeypatch) -> list[list[str]]:
    """The sections each pandoc call was given, call by call."""
    calls: list[list[str]] = []
    real = P.render_json

    def render(text, fmt, extra_args=()):
        doc = json.loads(text)
        calls.append([b["c"][1].split(":")[1].rstrip("->") for b in doc["blocks"]
                      if b["t"] == "RawBlock" and "pressroom-section" in b["c"][1]])
        return real(text, fmt, extra_args)
    monkeypatch.setattr(P, "render_json", render)
    return calls


def test_a_book_past_the_batch_is_rendered_in_several_calls_to_the_same_html(monkeypatch):
    book = [_section(name, f"Words of {name}, “quoted”.", "A second -- paragraph.")
            for name in ("s1", "s2", "s3", "s4", "s5")]
    whole = H.sections_html(book)
    one = len(json.dumps(book[0].blocks))          # each section's JSON: the same length
    assert all(len(json.dumps(s.blocks)) == one for s in book)
    calls = _rendering(monkeypatch)
    monkeypatch.setattr(batches, "BATCH", 2 * one)
    assert H.sections_html(book) == whole
    assert calls == [["s1", "s2"], ["s3", "s4"], ["s5"]]
    calls.clear()
    monkeypatch.setattr(batches, "BATCH", one // 2)      # a section past the batch: alone
    assert H.sections_html(book) == whole
    assert calls == [["s1"], ["s2"], ["s3"], ["s4"], ["s5"]]


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


def test_some_sections_of_a_store_filled_for_all_leave_the_others_unless_pruned(
        tmp_path, monkeypatch):
    book = [_section("one", "First words."), _section("two", "Other words."),
            _section("three", "Last words.")]
    fresh = H.sections_html(book)
    H.sections_html(book, store=tmp_path)
    calls = _rendering(monkeypatch)
    some = H.sections_html(book[1:2], store=tmp_path, prune=False)
    assert some == {"two": fresh["two"]} and calls == []   # from the store, nothing rendered
    assert len(list(tmp_path.glob("*.html"))) == 3           # the others stay
    H.sections_html(book[1:2], store=tmp_path)
    assert len(list(tmp_path.glob("*.html"))) == 1


def test_prepare_is_part_of_what_is_kept(tmp_path):
    book = [_section("one", "Plain words.")]
    plain = H.sections_html(book, store=tmp_path)
    shouted = H.sections_html(book, lambda s: P.walk(
        s.blocks, lambda n: {"t": "Str", "c": n["c"].upper()} if n["t"] == "Str" else None), store=tmp_path)
    assert "WORDS" in shouted["one"] and "WORDS" not in plain["one"]


def test_text_blocks_are_numbered_each_kind_on_its_own_in_document_order():
    html = ('<p>One</p><ul><li>a</li><li><p>b</p></li></ul>'
            '<div class="line-block">verse</div><p>Two</p>')
    assert H.number_paragraphs(html, "ch") == (
        '<p id="p-ch-1">One</p><ul><li id="li-ch-1">a</li><li id="li-ch-2">'
        '<p id="p-ch-2">b</p></li></ul>'
        '<div class="line-block" id="lb-ch-1">verse</div><p id="p-ch-3">Two</p>')


def test_every_section_of_one_call_is_its_own_fragment():
    book = [_section("a", "Alpha words."), _section("b", "Beta words.")]
    html = H.sections_html(book)
    assert list(html) == ["a", "b"]
    assert "Alpha" in html["a"] and "Beta" not in html["a"]
    assert "Beta" in html["b"] and "Alpha" not in html["b"]
    assert html["a"].startswith("<h1") and 'id="p-a-1"' in html["a"] and 'id="p-b-1"' in html["b"]


def test_the_store_may_be_a_folder_not_made_yet_and_other_arguments_render_again(tmp_path,
                                                                                  monkeypatch):
    book = [_section("one", "Words " * 40)]
    store = tmp_path / "state" / "epub" / "html"          # no parent made yet
    plain = H.sections_html(book, store=store)
    assert len(list(store.glob("*.html"))) == 1
    line = next(ln for ln in plain["one"].splitlines() if ln.startswith("<p"))
    assert line.endswith("</p>") and line.count("Words") == 40   # --wrap=none: one line
    calls = _rendering(monkeypatch)
    H.sections_html(book, extra_args=["--ascii"], store=store)
    assert calls == [["one"]]                       # other arguments: rendered again


def _inl(text: str):
    return P.inlines(text)


def test_a_note_becomes_a_span_of_its_text_paragraphs_joined_by_line_breaks():
    note = {"t": "Note", "c": [P.Para(_inl("First para.")), P.Para(_inl("Second.")),
                               {"t": "BulletList", "c": [[P.Plain(_inl("item"))]]}]}
    blocks = [P.Para([*_inl("Text"), note, *_inl(" after")])]
    out = H.notes_inline(blocks, cls="fn")
    span = out[0]["c"][1]
    assert span["t"] == "Span" and span["c"][0] == ["", ["fn"], []]
    assert span["c"][1] == [*_inl("First para."), {"t": "LineBreak"}, *_inl("Second."),
                            {"t": "LineBreak"}, *_inl("item")]
    assert blocks[0]["c"][1] is note                     # the input untouched
    assert H.notes_inline([P.Para(_inl("No note."))]) == [P.Para(_inl("No note."))]
    assert H.notes_inline([P.Para([note])])[0]["c"][0]["c"][0][1] == ["footnote"]


def test_marks_become_empty_anchors_before_their_words():
    ix = P.Span(_inl("Lenin"), "ix-a-lenin-1", ["ix"], {"ix": "lenin"})
    gl = {"t": "Link", "c": [["glref-a-soviet", ["gl"], []], _inl("soviet"), ["#gl-soviet", "t"]]}
    other = P.Span(_inl("kept"), "x", ["other"])
    plain_link = {"t": "Link", "c": [["", [], []], _inl("web"), ["https://example.org", ""]]}
    blocks = [P.Para([ix, {"t": "Space"}, gl, {"t": "Space"}, other, plain_link])]
    out = H.anchors_before(blocks)[0]["c"]
    assert out[0] == P.RawInline("html", '<span id="ix-a-lenin-1" class="ix"></span>')
    assert out[1:2] == _inl("Lenin")
    assert out[3] == P.RawInline("html", '<span id="glref-a-soviet" class="gl"></span>')
    assert out[4:5] == _inl("soviet")
    assert out[6] == other and out[7] == plain_link
    dropped = H.anchors_before(blocks, keep_ids=False)[0]["c"]
    assert dropped[:2] == [*_inl("Lenin"), {"t": "Space"}] and dropped[2:3] == _inl("soviet")
    no_id = P.Span(_inl("word"), "", ["ix"])
    assert H.anchors_before([P.Para([no_id])])[0]["c"] == _inl("word")


def test_a_notes_paragraphs_keep_their_formatting():
    emph = {"t": "Emph", "c": _inl("Capital")}
    for block in (P.Para([emph]), P.Plain([emph])):
        note = {"t": "Note", "c": [block]}
        assert H.note_inlines(note) == [emph]

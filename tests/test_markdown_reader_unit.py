"""The Markdown reader (readers/markdown.py) on small sources written here:
the title line and the metadata lines under it lifted into the ledger,
a mark with no note text refused with its line, and note texts nothing
refers to kept as note definitions in the section they were written in.
Every expected value is read off the source text in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import Fidelity
from pressroom.errors import UserError
from pressroom.pipeline import Context
from pressroom.readers.markdown import read_markdown
from pressroom.settings.config import load_source


def read(tmp_path: Path, text: str):
    path = tmp_path / "chap.md"
    path.write_text(text, encoding="utf-8")
    source = load_source(path)
    ctx = Context(source=source, config=None, report=Fidelity(source.id))
    return read_markdown(source, ctx), ctx


def texts(doc) -> list[tuple[str, str]]:
    return [(b["t"], P.stringify(b)) for b in doc["blocks"]]


def test_title_and_metadata_lines(tmp_path):
    doc, ctx = read(tmp_path, "# The Title Line\n\nBy A. Writer\n\n12 March 1921\n\n"
                              "Published: somewhere\n\nThe text begins here.\n\nBy the way.\n")
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "The Title Line"}
    assert texts(doc) == [("Para", "The text begins here."), ("Para", "By the way.")]
    assert ctx.report.removed == {"title-line": 3, "metadata-line": 8}
    assert ctx.source_text.startswith("# The Title Line")
    assert len(ctx.source_tokens) == 3 + 8 + 4 + 3


def test_second_level_heading_is_not_a_title(tmp_path):
    doc, ctx = read(tmp_path, "## Section\n\nBy A. Writer\n")
    assert "title" not in doc["meta"]
    assert texts(doc) == [("Header", "Section"), ("Para", "By A. Writer")]
    assert ctx.report.removed == {}


def test_metadata_lines_stop_at_text_or_length(tmp_path):
    long_by = "By " + "word " * 12 + "end"            # 63 characters: text, not a byline
    assert len(long_by) > 60
    doc, ctx = read(tmp_path, f"# T\n\n{long_by}\n\nBy B. Other\n")
    assert texts(doc) == [("Para", long_by), ("Para", "By B. Other")]
    doc, ctx = read(tmp_path, "# T\n\n- By a list\n\nBy C.\n")
    assert texts(doc)[0][0] == "BulletList"
    by60 = "By " + "x" * 57
    doc, ctx = read(tmp_path, f"# T\n\n{by60}\n\nText.\n")
    assert texts(doc) == [("Para", "Text.")]
    assert ctx.report.removed["metadata-line"] == 2


def test_title_only(tmp_path):
    doc, ctx = read(tmp_path, "# Only a title\n")
    assert doc["blocks"] == [] and ctx.report.removed == {"title-line": 3}


def test_mark_with_no_note_text(tmp_path):
    with pytest.raises(UserError) as e:
        read(tmp_path, "Para one.\n\nA claim[^7] here.\n")
    assert e.value.message == "note reference [^7] has no note text"
    assert e.value.line == 3 and e.value.path == tmp_path / "chap.md"
    assert e.value.hint == "add a '[^7]: …' paragraph or remove the mark"


def test_note_text_with_no_mark_becomes_a_definition_in_its_section(tmp_path):
    text = ("# Title\n\n"                           # 1
            "Intro[^a].\n\n"                         # 3
            "[^a]: Used note.\n\n"                   # 5
            "## One\n\n"                             # 7
            "First section text.\n\n"                # 9
            "[^lost]: Lost note first line\n"        # 11
            "    continued here.\n\n"                # 12
            "    Second paragraph of it.\n\n"        # 14
            "Back to the text.\n\n"                  # 16
            "## Two\n\n"                             # 18
            "Second section.\n\n"                    # 20
            "[^end]: At the end.\n"                  # 22
            "[^next]: Right after.\n")               # 23
    doc, ctx = read(tmp_path, text)
    got = [(b["t"], P.stringify(b)) if b["t"] != "Div"
           else ("Div", dict(b["c"][0][2]), b["c"][0][1], [P.stringify(x) for x in b["c"][1]])
           for b in doc["blocks"]]
    assert got[0][0] == "Para"
    assert got[1:] == [
        ("Header", "One"), ("Para", "First section text."), ("Para", "Back to the text."),
        ("Div", {"n": "lost", "line": "11"}, ["note-def"],
         ["Lost note first line continued here.", "Second paragraph of it."]),
        ("Header", "Two"), ("Para", "Second section."),
        ("Div", {"n": "end", "line": "22"}, ["note-def"], ["At the end."]),
        ("Div", {"n": "next", "line": "23"}, ["note-def"], ["Right after."])]


def test_a_mark_before_a_colon_is_a_reference(tmp_path):
    doc, _ = read(tmp_path, "The reason[^1]: it was late.\n\n[^1]: The note.\n")
    assert not any(b["t"] == "Div" for b in doc["blocks"])
    assert any(n["t"] == "Note" for n in P.iter_nodes(doc["blocks"]))


def test_unused_note_continuation_rules(tmp_path):
    text = ("Text.\n\n"
            "[^x]: Line one\n"
            "\tTabbed line\n"
            "plain lazy line\n\n"
            "Not part of it.\n")
    doc, _ = read(tmp_path, text)
    divs = [b for b in doc["blocks"] if b["t"] == "Div"]
    assert len(divs) == 1
    assert [P.stringify(x) for x in divs[0]["c"][1]] == ["Line one Tabbed line plain lazy line"]
    assert texts(doc)[:2] == [("Para", "Text."), ("Para", "Not part of it.")]


def test_empty_unused_note_is_dropped(tmp_path):
    doc, _ = read(tmp_path, "Text.\n\n[^e]:\n")
    assert [b["t"] for b in doc["blocks"]] == ["Para"]


def test_unused_note_before_any_heading_goes_before_the_first(tmp_path):
    doc, _ = read(tmp_path, "Text.\n\n[^u]: Early.\n\n## Later\n\nMore.\n")
    assert [b["t"] for b in doc["blocks"]] == ["Para", "Div", "Header", "Para"]
    assert dict(doc["blocks"][1]["c"][0][2]) == {"n": "u", "line": "3"}


def test_unused_notes_keep_their_order_mid_document(tmp_path):
    doc, _ = read(tmp_path, "Text.\n\n[^p]: Note p.\n\n[^q]: Note q.\n\n## H\n\nMore.\n")
    assert [(b["t"], " ".join(P.stringify(x) for x in b["c"][1]) if b["t"] == "Div"
             else P.stringify(b)) for b in doc["blocks"]] \
        == [("Para", "Text."), ("Div", "Note p."), ("Div", "Note q."), ("Header", "H"), ("Para", "More.")]


# -- edges the mutation run found open ----------------------------------------

@pytest.mark.parametrize("text, line", [
    ("[^7] opens the text.\n", 1),
    ("\nIn 1917 a claim[^7] here.\n", 2),
    ("Year 1917.\n\nA claim[^7].\n\nAgain[^7].\n", 3),
])
def test_dangling_mark_lines(tmp_path, text, line):
    with pytest.raises(UserError) as e:
        read(tmp_path, text)
    assert e.value.line == line


def test_metadata_line_of_61_characters_is_text(tmp_path):
    by61 = "By " + "x" * 58
    doc, _ = read(tmp_path, f"# T\n\n{by61}\n\nText.\n")
    assert texts(doc) == [("Para", by61), ("Para", "Text.")]


def test_indented_paragraphs_of_an_unused_note(tmp_path):
    text = ("\nText.\n\n"
            "[^z]: First.\n\n"
            "    Four spaces.\n\n"
            "\tA tab.\n\n"
            "After.\n")
    doc, _ = read(tmp_path, text)
    div = next(b for b in doc["blocks"] if b["t"] == "Div")
    assert dict(div["c"][0][2]) == {"n": "z", "line": "4"}
    assert [(b["t"], P.stringify(b)) for b in div["c"][1]] == [
        ("Para", "First."), ("Para", "Four spaces."), ("Para", "A tab.")]

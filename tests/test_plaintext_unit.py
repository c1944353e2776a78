"""The plain-text reader's front matter, contents and sidecar structure
(readers/plaintext.py), on short texts written here: the title line, the
metadata and subtitle lines under it, a table of contents, and the sidecar's
``structure:`` ranges. Every expected title, dropped word and heading level
is written out by hand."""

from __future__ import annotations

import yaml

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import Fidelity
from pressroom.pipeline import Context
from pressroom.readers.plaintext import read_text
from pressroom.settings.config import load_source

BODY = "The bridge carried the line for many years, and nobody doubted it would go on."


def read(tmp_path, text, sidecar=None):
    tmp_path = tmp_path / str(len(list(tmp_path.iterdir())))      # a fresh folder each time
    tmp_path.mkdir()
    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "t.yaml").write_text(yaml.safe_dump({"id": "t", "title": "T", **sidecar}),
                                         encoding="utf-8")
    src = load_source(f)
    ctx = Context(source=src, config=None, report=Fidelity(src.id))
    doc = read_text(src, ctx)
    return doc, ctx


def meta(doc, key):
    m = doc["meta"].get(key)
    return m["c"] if m else None


def dropped(ctx, rule):
    return " ".join(w for r, w in ctx.report.removed_words if r == rule)


def shape(doc):
    out = []
    for b in doc["blocks"]:
        if b["t"] == "Header":
            out.append(f"H{b['c'][0]}:" + P.stringify(b))
        else:
            out.append(b["t"][0] + ":" + P.stringify(b)[:20])
    return out


def test_the_first_line_is_the_title(tmp_path):
    doc, ctx = read(tmp_path, f"The Old Bridge\n\n{BODY}\n")
    assert meta(doc, "title") == "The Old Bridge"
    assert dropped(ctx, "title-line") == "The Old Bridge"
    assert shape(doc) == ["P:" + BODY[:20]]
    assert ctx.source_text == f"The Old Bridge\n\n{BODY}\n"
    assert ctx.source_tokens == f"The Old Bridge {BODY}".split()
    assert ctx.wrapped is False


def test_a_capitals_title_may_end_with_a_full_stop(tmp_path):
    doc, _ = read(tmp_path, f"THE OLD BRIDGE.\n\n{BODY}\n")
    assert meta(doc, "title") == "THE OLD BRIDGE."


def test_no_title(tmp_path):
    for first in ("The bridge held.", "The Old Bridge\nand the New Road", "T" + "x" * 150):
        doc, ctx = read(tmp_path, f"{first}\n\n{BODY}\n")
        assert meta(doc, "title") is None, first
        assert dropped(ctx, "title-line") == ""
    doc, _ = read(tmp_path, "T" + "x" * 149 + f"\n\n{BODY}\n")
    assert meta(doc, "title") == "T" + "x" * 149


def test_metadata_lines_under_the_title_are_dropped(tmp_path):
    text = (f"The Old Bridge\n\nBy John Reed\n\nMay 5, 2019\n\n12/05/2019\n\n"
            f"Published: 2020\n\nUpdated 3 June\n\n{BODY}\n")
    doc, ctx = read(tmp_path, text)
    assert meta(doc, "title") == "The Old Bridge"
    assert dropped(ctx, "metadata-line") == "By John Reed May 5, 2019 12/05/2019 Published: 2020 Updated 3 June"
    assert shape(doc) == ["P:" + BODY[:20]]


def test_metadata_only_right_under_the_title(tmp_path):
    doc, ctx = read(tmp_path, f"The Old Bridge\n\nA Short Line Here\n\nBy John Reed\n\n{BODY}\n")
    assert dropped(ctx, "metadata-line") == ""
    assert "By John Reed" in P.stringify(doc["blocks"])


def test_subtitles(tmp_path):
    doc, ctx = read(tmp_path, f"The Old Bridge\n\nPart 1: The Start\n\n{BODY}\n")
    assert meta(doc, "subtitle") == "Part 1: The Start"
    assert dropped(ctx, "subtitle-line") == "Part 1: The Start"
    doc, ctx = read(tmp_path, f"The Old Bridge\n\nA Study of Spans\n\n{BODY}\n",
                    {"subtitle": "A study of spans"})
    assert meta(doc, "subtitle") == "A Study of Spans"
    doc, ctx = read(tmp_path, f"The Old Bridge\n\nA Study of Spans\n\n{BODY}\n")
    assert meta(doc, "subtitle") is None


CONTENTS = ("The Book\n\nContents\n\nThe First Part\nThe Second Part\nThe Third Part\n\n"
            f"The First Part\n\n{BODY}\n\nThe Second Part\n\n{BODY}\n\nA Side Note\n\n{BODY}\n")


def test_a_table_of_contents_is_dropped_and_gives_the_levels(tmp_path):
    doc, ctx = read(tmp_path, CONTENTS)
    assert dropped(ctx, "toc") == "Contents The First Part The Second Part The Third Part"
    assert shape(doc) == ["H2:The First Part", "P:" + BODY[:20], "H2:The Second Part",
                          "P:" + BODY[:20], "H3:A Side Note", "P:" + BODY[:20]]
    assert ctx.warnings == ["t.txt:3: dropped a contents list of 3 lines (to line 8): the "
                            "book's contents are made from its headings"]


def test_a_contents_block_without_its_heading_is_found_by_its_entries(tmp_path):
    text = CONTENTS.replace("Contents\n\n", "")
    doc, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc") == "The First Part The Second Part The Third Part"
    assert shape(doc) == ["H2:The First Part", "P:" + BODY[:20], "H2:The Second Part",
                          "P:" + BODY[:20], "H3:A Side Note", "P:" + BODY[:20]]
    assert ctx.warnings == ["t.txt:3: contents entry with no section: 'The Third Part'"]


def test_lines_that_do_not_recur_are_no_contents(tmp_path):
    text = ("The Book\n\nThe First Part\nThe Second Part\nThe Third Part\n\n"
            f"The First Part\n\n{BODY}\n")
    doc, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc") == ""


def test_the_sidecar_structure(tmp_path):
    text = f"The Book\n\nThe Old Bridge\n\n{BODY}\n\nThe New Road\n\n{BODY}\n"
    doc, _ = read(tmp_path, text, {"structure": {"not_headings": [3]}})
    assert shape(doc)[:2] == ["P:The Old Bridge", "P:" + BODY[:20]]
    doc, _ = read(tmp_path, text, {"structure": {"subheadings": [7]}})
    assert shape(doc)[2] == "H3:The New Road"
    doc, _ = read(tmp_path, text, {"structure": {"quotes": ["5"]}})
    assert doc["blocks"][1]["t"] == "BlockQuote"
    doc, _ = read(tmp_path, text, {"structure": {"verse": "5"}})
    assert doc["blocks"][1]["t"] == "LineBlock"


PG = ("Title: The Old Bridge\n\n*** START OF THE PROJECT GUTENBERG EBOOK THE OLD BRIDGE ***\n\n\n\n"
      f"THE OLD BRIDGE\n\nBy John Reed\n\n\n\nCHAPTER I\n\n{BODY}\n\nThe Old Bridge\n\n"
      f"CHAPTER II\n\n{BODY}\n\n*** END OF THE PROJECT GUTENBERG EBOOK THE OLD BRIDGE ***\n")


def test_a_gutenberg_title_page_and_the_title_repeated_later(tmp_path):
    doc, ctx = read(tmp_path, PG)
    assert meta(doc, "title") == "THE OLD BRIDGE"
    assert dropped(ctx, "title-page") == "THE OLD BRIDGE By John Reed"
    assert dropped(ctx, "title-line") == "The Old Bridge"          # the half-title, repeated
    assert shape(doc) == ["H2:CHAPTER I", "P:" + BODY[:20], "H2:CHAPTER II", "P:" + BODY[:20]]


def test_a_subtitle_is_a_plain_string_in_the_metadata(tmp_path):
    doc, _ = read(tmp_path, f"The Old Bridge\n\nPart 1: The Start\n\n{BODY}\n")
    assert doc["meta"]["subtitle"] == {"t": "MetaString", "c": "Part 1: The Start"}
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "The Old Bridge"}


def test_a_capitals_line_is_judged_without_its_last_character(tmp_path):
    for first, title in (("DEAR SIR,--", None), ("THE END..", None), ("THE OLD BRIDGE:", "THE OLD BRIDGE:")):
        doc, _ = read(tmp_path, f"{first}\n\n{BODY}\n")
        assert meta(doc, "title") == title, first


def test_half_of_the_entries_recurring_is_enough_for_a_contents_block(tmp_path):
    head = "The Book\n\nThe First Part\nThe Second Part\nThe Third Part\nThe Fourth Part\n\n"
    text = head + f"The First Part\n\n{BODY}\n\nThe Second Part\n\n{BODY}\n"
    _, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc") == "The First Part The Second Part The Third Part The Fourth Part"
    text = head + f"The First Part\n\n{BODY}\n\nA Side Note\n\n{BODY}\n"
    _, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc") == ""


def test_contents_entries_of_100_characters_at_most(tmp_path):
    long = ["The " + c * 96 for c in "abc"]          # 100 characters each
    text = "The Book\n\n" + "\n".join(long) + "\n\n" + "".join(f"{e}\n\n{BODY}\n\n" for e in long)
    _, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc").split() == " ".join(long).split()
    longer = [e + "x" for e in long]
    text = "The Book\n\n" + "\n".join(longer) + "\n\n" + "".join(f"{e}\n\n{BODY}\n\n" for e in longer)
    _, ctx = read(tmp_path, text)
    assert dropped(ctx, "toc") == ""

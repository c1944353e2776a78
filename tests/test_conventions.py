"""Conventions the corpus has few of, on small texts written here to show
one convention each (the real texts are in tests/corpus/): repeated *
and † notes, a Markdown mark before a colon, notes numbered afresh in each
letter, a two-line heading, a dash beside a quotation mark. Expected
values are written out by hand."""

from __future__ import annotations

from pathlib import Path

from pressroom.doctree import pandoc as P
from pressroom.pipeline import normalise
from pressroom.settings.config import load_source
from pressroom.transforms.typography import smarten_text


def run(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    sec, ctx = normalise(load_source(path))
    assert ctx.report.unaccounted == 0
    return sec, ctx


def notes(sec) -> list[str]:
    return [P.stringify(n["c"]) for n in P.iter_nodes(sec.blocks) if n["t"] == "Note"]


WRAP = ("This is a long line of ordinary prose that is hard-wrapped at about seventy\n"
        "characters, the way Project Gutenberg files are, so that the reader knows\n"
        "the width of the text and reads each block as one paragraph of prose.\n\n")


def test_every_star_and_dagger_note_keeps_its_own_text(tmp_path):
    text = (WRAP + "The first claim is made here.*\n\n* The first note.\n\n"
            + WRAP + "A second claim is made here.*\n\n* The second note.\n\n"
            + WRAP + "A third claim, with a dagger.†\n\n† The dagger note.\n")
    sec, _ = run(tmp_path, "stars.txt", text)
    assert notes(sec) == ["The first note.", "The second note.", "The dagger note."]
    assert "*" not in P.stringify(sec.blocks) and "†" not in P.stringify(sec.blocks)


def test_markdown_mark_before_a_colon_is_printed_once(tmp_path):
    sec, ctx = run(tmp_path, "colon.md", "# T\n\nThe reason[^1]: it was late.\n\n[^1]: A note.\n")
    assert notes(sec) == ["A note."]
    assert not ctx.warnings


def test_notes_numbered_afresh_in_each_letter(tmp_path):
    text = ("1.\n\nTO A FRIEND.\n\nI send the book.[1] Farewell!\n\n"
            "[Footnote 1: The first letter's note.]\n\n\n"
            "2.\n\nTO ANOTHER FRIEND.\n\nI send the score.[1] Farewell again.\n\n"
            "[Footnote 1: The second letter's note.]\n")
    sec, _ = run(tmp_path, "letters.txt", text)
    assert notes(sec) == ["The first letter’s note.", "The second letter’s note."]
    heads = [P.stringify(b["c"][2]) for b in sec.blocks[1:] if b["t"] == "Header"]
    assert heads == ["1: To a Friend", "2: To Another Friend"]


def test_dash_beside_a_quotation_mark():
    assert smarten_text('"--and then he left."') == "“–and then he left.”"
    assert smarten_text('"Yes, but--"') == "“Yes, but –”"

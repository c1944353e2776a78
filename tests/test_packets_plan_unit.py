"""Packet planning on a small book built here (fast; no real-book fixture).

Two chapters of known paragraphs and headings; sessions that read a whole
chapter, two chapters, or part of one (from/until); a glossary whose terms
sit in known paragraphs. Every expectation is written out by hand.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.errors import UserError
from pressroom.builders.packets.plan import glossary_terms, plan
from pressroom.settings import packets as packet_settings
from pressroom.settings.packets import WORDS_PER_MINUTE, Session, find_heading, reading_range
from pressroom.references.glossary import load_glossary

GLOSSARY = """
- term: soviet
  variants: [soviet, soviets]
  definition: A council.
- term: kulak
  definition: A rich peasant.
- term: Duma
  definition: A parliament.
- term: Rada
  chapters: [two]
  definition: A council in Ukraine (marked in chapter two only).
"""


def para(text: str):
    return P.Para(P.inlines(text))


def chapter(ident: str, title: str, parts: list[tuple[str, str, list[str]]]) -> Section:
    blocks = [P.Header(1, P.inlines(title), ident, ["chapter"])]
    for hid, heading, paras in parts:
        blocks.append(P.Header(2, P.inlines(heading), f"{ident}-{hid}"))
        blocks += [para(t) for t in paras]
    return Section(id=ident, title=title, blocks=blocks)


ONE = chapter("one", "Chapter One", [
    ("1-beginnings", "1. Beginnings", ["The soviet met.", "Bread and land."]),
    ("2-the-war", "2. The War", ["The kulak hid grain.", "Peace now."]),
    ("3-after", "3. After", ["Nothing more, said the Rada."]),
])
TWO = chapter("two", "Chapter Two", [
    ("elections", "Elections", ["The Duma sat again.", "It was dissolved."]),
])


def make_book(tmp_path, sessions, wpm=None) -> Book:
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    packets = {"sessions": sessions}
    if wpm:
        packets["words_per_minute"] = wpm
    path = tmp_path / "book.yaml"
    config = SimpleNamespace(data={"packets": packets}, path=path,
                             packet_settings=packet_settings.load(packets, ["one", "two"], path))
    book = Book(config=config, front=[], chapters=[ONE, TWO])
    book.glossary = load_glossary(tmp_path / "glossary.yaml", ["one", "two"])
    return book


def session(name, chapters, **kw):
    return {"name": name, "title": name.title(), "chapters": chapters,
            "questions": ["Why?"], **kw}


def reading(sec, start, until, name="s"):
    """The blocks a session of one chapter reads (settings/packets.py)."""
    s = Session(1, name, name.title(), (sec.id,), start, until, ("?",) * 4, {})
    return reading_range(sec, s)


def texts(blocks) -> list[str]:
    return [P.stringify(b) for b in blocks]


def test_whole_chapters_and_parts(tmp_path):
    book = make_book(tmp_path, [
        session("first", ["one"], until="3-after"),
        session("second", ["one"], **{"from": "after"}),
        session("both", ["one", "two"]),
    ])
    first, second, both = plan(book)
    assert (first.number, first.slug, first.title) == (1, "01-first", "First")
    assert texts(first.blocks) == ["Chapter One", "1. Beginnings", "The soviet met.",
                                   "Bread and land.", "2. The War", "The kulak hid grain.",
                                   "Peace now."]
    assert first.readings[0].partial and not both.readings[0].partial
    assert texts(second.blocks) == ["Chapter One", "3. After", "Nothing more, said the Rada."]
    assert second.readings[0].partial
    assert [r.section.id for r in both.readings] == ["one", "two"]
    assert texts(both.blocks)[-3:] == ["Elections", "The Duma sat again.", "It was dissolved."]
    assert first.questions == ["Why?"] and first.questions is not book.config.data[
        "packets"]["sessions"][0]["questions"]


def test_words_and_minutes(tmp_path):
    book = make_book(tmp_path, [session("both", ["one", "two"])], wpm=5)
    (p,) = plan(book)
    # every word of every block read, the chapter titles included
    expected = sum(len(t.split()) for t in texts(ONE.blocks) + texts(TWO.blocks))
    assert p.words == expected == 36
    assert p.words_per_minute == 5 and p.minutes == round(36 / 5)
    book = make_book(tmp_path, [session("both", ["two"])])
    (p,) = plan(book)
    assert p.words_per_minute == WORDS_PER_MINUTE and p.minutes == 1   # never 0


def test_glossary_terms_come_from_the_reading_only(tmp_path):
    book = make_book(tmp_path, [
        session("first", ["one"], until="2-the-war"),
        session("war", ["one"], **{"from": "2-the-war", "until": "3-after"}),
        session("after", ["one"], **{"from": "3-after"}),
        session("both", ["one", "two"]),
    ])
    first, war, after, both = plan(book)
    assert [e.term for e in glossary_terms(book, first)] == ["soviet"]
    assert [e.term for e in glossary_terms(book, war)] == ["kulak"]
    assert glossary_terms(book, after) == []        # Rada: chapter two only
    # in the glossary's printed order, not the text's
    assert [e.term for e in glossary_terms(book, both)] == ["Duma", "kulak", "soviet"]
    book.glossary = None
    assert glossary_terms(book, both) == []


@pytest.mark.parametrize("key", ["one-2-the-war", "2-the-war", "the-war", "The War",
                                 "2. The War", "7-the-war", "one-the-war"])
def test_headings_by_any_form_of_their_id(key):
    i = find_heading(ONE, key)
    assert i is not None and P.stringify(ONE.blocks[i]) == "2. The War"


def test_exact_id_wins_over_a_loose_match():
    sec = chapter("c", "C", [("x-intro", "Intro", ["a"]), ("intro", "Other", ["b"])])
    assert P.stringify(sec.blocks[find_heading(sec, "intro")]) == "Other"
    assert P.stringify(sec.blocks[find_heading(sec, "c-intro")]) == "Other"
    # the first loose match, not a later one
    sec = chapter("c", "C", [("1-intro", "Intro", ["a"]), ("2-intro", "Intro", ["b"])])
    assert find_heading(sec, "intro") == 1


def test_a_numbered_id_is_found_by_its_bare_name_whatever_its_text():
    sec = chapter("c", "C", [("3-intro", "Opening", ["a"])])
    assert find_heading(sec, "intro") == 1


def test_no_heading_and_the_title_is_not_a_heading():
    assert find_heading(ONE, "nothing") is None
    assert find_heading(ONE, "one") is None
    assert find_heading(ONE, "chapter-one") is None
    assert find_heading(ONE, "") is None


def test_user_errors(tmp_path):
    with pytest.raises(UserError, match=r"packets.sessions\[1\] \(s\): from: no heading 'x' "
                                        r"in chapter 'one'"):
        reading(ONE, "x", None)
    with pytest.raises(UserError, match="until: no heading 'y'") as e:
        reading(ONE, None, "y")
    assert "heading id from the manuscript" in e.value.hint
    with pytest.raises(UserError, match="'until' comes before 'from' in chapter 'one'"):
        reading(ONE, "3-after", "2-the-war")
    with pytest.raises(UserError, match="'until' comes before 'from'"):
        reading(ONE, "2-the-war", "2-the-war")
    # settings a build cannot use are refused when book.yaml loads
    with pytest.raises(UserError, match=r"sessions\[1\] \(s\): from/until need exactly one chapter"):
        make_book(tmp_path, [session("s", ["one", "two"], until="3-after")])
    with pytest.raises(UserError, match="exactly one chapter"):
        make_book(tmp_path, [session("s", ["one", "two"], **{"from": "x"})])
    book = make_book(tmp_path, [session("s", ["one"], **{"from": "nowhere"})])
    with pytest.raises(UserError, match=r"sessions\[1\] \(s\): from: no heading 'nowhere'"):
        plan(book)
    with pytest.raises(UserError, match=r"sessions\[2\] \(s\): no chapter 'three'") as e:
        make_book(tmp_path, [session("ok", ["one"]), session("s", ["three"])])
    assert e.value.hint == "chapter ids: one, two"


def test_no_packets_asked_for(tmp_path):
    book = make_book(tmp_path, [])
    assert plan(book) == []

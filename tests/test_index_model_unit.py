"""The index model (references/index.py) on small index files written here:
what a writer reads from it (entries, variants, see and see also, sub-entries,
letter groups, ids) and one clear error per mistake with the file's line.
Expectations are written out by hand."""

from __future__ import annotations

import pytest

from pressroom.errors import UserError
from pressroom.references.index import (Locator, SubEntry, entry_ids, group_id, load_index,
                                        unused_error)

CHAPTERS = ["one", "two", "three"]


def load(tmp_path, text: str):
    path = tmp_path / "index.yaml"
    path.write_text(text, encoding="utf-8")
    return load_index(path, CHAPTERS), path


GOOD = """\
- heading: Lenin, V. I.
  kind: person
  variants: [Lenin, Ulyanov, Lenin]
  see_also: [Bolsheviks]
  sub:
    - heading: April Theses
      passages: one-3
    - heading: in exile
      passages: [two-1, two-4]
- heading: Bolsheviks
  kind: organisation
  case: any
  chapters: [one, two]
  exclude: [Bolshevik Street]
  add: one-7
  drop: [two-2]
- heading: Émigrés
  kind: concept
  variants:
    - text: emigre
      chapters: [three]
    - text: exile
- heading: Ulianov
  kind: person
  see: Lenin, V. I.
- heading: Lenin's Tomb
  kind: place
  variants: [{text: mausoleum, chapters: [one, three]}]
  chapters: [one, two]
"""


def test_loaded_entries(tmp_path):
    index, path = load(tmp_path, GOOD)
    assert len(index) == 5 and index.path == path
    lenin, bolsheviks, emigres, ulianov, tomb = index.entries
    assert (lenin.heading, lenin.key, lenin.kind, lenin.line) == \
        ("Lenin, V. I.", "lenin-v-i", "person", 1)
    assert lenin.variants == ["Lenin", "Ulyanov"]
    assert lenin.see is None and lenin.see_also == ["Bolsheviks"]
    assert [(s.heading, s.key, s.passages) for s in lenin.sub] == [
        ("April Theses", "april-theses", ["one-3"]), ("in exile", "in-exile", ["two-1", "two-4"])]
    assert lenin.case == "sensitive" and lenin.chapters is None
    assert lenin.exclude == [] and lenin.add == [] and lenin.drop == []
    assert bolsheviks.variants == ["Bolsheviks"]
    assert (bolsheviks.case, bolsheviks.chapters) == ("any", frozenset({"one", "two"}))
    assert (bolsheviks.exclude, bolsheviks.add, bolsheviks.drop) == \
        (["Bolshevik Street"], ["one-7"], ["two-2"])
    assert bolsheviks.line == 10
    assert emigres.variants == ["emigre", "exile"]
    assert ulianov.see == "Lenin, V. I." and ulianov.variants == []
    assert tomb.heading == "Lenin’s Tomb" and tomb.key == "lenin-s-tomb"
    assert index.by_key["lenin-v-i"] is lenin and index.by_heading["Ulianov"] is ulianov
    assert index.variants == {"Lenin": "lenin-v-i", "Ulyanov": "lenin-v-i",
                              "Bolsheviks": "bolsheviks", "emigre": "emigres",
                              "exile": "emigres", "mausoleum": "lenin-s-tomb"}


def test_patterns_and_chapters(tmp_path):
    index, _ = load(tmp_path, GOOD)
    got = [(p.text, p.owner.key, p.case, p.chapters) for p in index.patterns()]
    assert got == [
        ("Lenin", "lenin-v-i", "sensitive", None),
        ("Ulyanov", "lenin-v-i", "sensitive", None),
        ("Bolsheviks", "bolsheviks", "any", frozenset({"one", "two"})),
        ("emigre", "emigres", "sensitive", frozenset({"three"})),
        ("exile", "emigres", "sensitive", None),
        ("mausoleum", "lenin-s-tomb", "sensitive", frozenset({"one"})),
    ]
    assert [(p.text, p.owner.key, p.case, p.chapters) for p in index.exclusion_patterns()] == [
        ("Bolshevik Street", "bolsheviks", "any", frozenset({"one", "two"}))]


def test_groups_sorted_and_shown_only(tmp_path):
    index, _ = load(tmp_path, GOOD)
    assert [(letter, [e.heading for e in es]) for letter, es in index.groups()] == [
        ("B", ["Bolsheviks"]), ("E", ["Émigrés"]),
        ("L", ["Lenin, V. I.", "Lenin’s Tomb"]), ("U", ["Ulianov"])]
    index.by_key["bolsheviks"].shown = False
    assert [e.heading for e in index.sorted_entries()] == \
        ["Émigrés", "Lenin, V. I.", "Lenin’s Tomb", "Ulianov"]


def test_locators_anchors_and_occurrence_check(tmp_path):
    index, path = load(tmp_path, GOOD)
    lenin = index.by_key["lenin-v-i"]
    a, b, c = Locator("ix-1", "one"), Locator("ix-2", "two"), Locator("ix-3", "one")
    lenin.locators.append(a)
    lenin.sub[1].locators.append(b)
    index.by_key["bolsheviks"].locators.append(c)
    assert lenin.all_locators == [a, b]
    assert index.anchors() == ["ix-1", "ix-2", "ix-3"]
    with pytest.raises(UserError) as e:
        index.check_occurs()
    assert e.value.message == ("index heading 'Lenin, V. I.' never occurs in the text "
                               "(and 3 more: 'Bolsheviks', 'Émigrés', 'Lenin’s Tomb')")
    assert e.value.line == 1 and e.value.path == path
    assert e.value.hint == "check its variants and chapters, or remove it"
    for entry in index.entries:
        entry.mentions = 1
    index.check_occurs()
    assert [(en.key, s.key) for en, s in index.empty_subs] == [("lenin-v-i", "april-theses")]
    assert [s.key for s in lenin.sub] == ["in-exile"]


def test_unused_error_lists_at_most_five_more():
    items = [(f"H{i}", i) for i in range(8)]
    err = unused_error("term", items, "f.yaml")
    assert err.message == ("term 'H0' never occurs in the text (and 7 more: 'H1', 'H2', 'H3', "
                           "'H4', 'H5', ...)")
    assert err.line == 0
    err = unused_error("term", items[:7], "f.yaml")
    assert err.message.endswith("(and 6 more: 'H1', 'H2', 'H3', 'H4', 'H5', ...)")
    err = unused_error("term", items[:6], "f.yaml")
    assert err.message.endswith("(and 5 more: 'H1', 'H2', 'H3', 'H4', 'H5')")
    err = unused_error("term", items[:2], None)
    assert err.message == "term 'H0' never occurs in the text (and 1 more: 'H1')"
    assert unused_error("x", [("only", None)], None).message == "x 'only' never occurs in the text"


def test_entry_and_group_ids():
    assert entry_ids(["Lenin", "Lenin!", "Lenin?", "Trotsky", "Lenin"]) == {
        "Lenin": "ix-lenin", "Lenin!": "ix-lenin-2", "Lenin?": "ix-lenin-3",
        "Trotsky": "ix-trotsky"}
    assert group_id("É") == "ix-group-e"
    assert group_id("B") == "ix-group-b"


def test_empty_index(tmp_path):
    index, _ = load(tmp_path, "")
    assert len(index) == 0 and index.groups() == [] and index.anchors() == []


@pytest.mark.parametrize("text, message, line", [
    ("- heading: A\n  kind: person\n- heading: a\n  kind: place\n",
     "index heading 'a' is written twice (or is too like 'A')", 3),
    ("- heading: A\n  kind: person\n  see: B\n  variants: [x]\n- heading: B\n  kind: person\n",
     "index heading 'A' has both see: and variants:", 1),
    ("- heading: A\n  kind: person\n  see: Nobody\n",
     "index heading 'A' refers to 'Nobody', which is not a heading", 1),
    ("- heading: B\n  kind: person\n- heading: A\n  kind: person\n  see_also: [B, C]\n",
     "index heading 'A' refers to 'C', which is not a heading", 3),
    ("- heading: A\n  kind: person\n  sub:\n    - heading: x\n      passages: p\n"
     "    - heading: X\n      passages: q\n",
     "sub-entry 'X' of 'A' is written twice", 6),
    ("- heading: A\n  kind: person\n  variants: [Kamo]\n- heading: B\n  kind: person\n"
     "  variants: [Kamo]\n",
     "variant 'Kamo' of index heading 'B' is already claimed by 'A'", 4),
])
def test_mistakes(tmp_path, text, message, line):
    with pytest.raises(UserError) as e:
        load(tmp_path, text)
    assert e.value.message == message
    assert e.value.line == line
    assert e.value.path == tmp_path / "index.yaml"


def test_mistake_hints(tmp_path):
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: person\n  see: B\n  variants: [x]\n")
    assert e.value.hint == "a see entry is a cross-reference only"
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: person\n  see: Nobody\n")
    assert e.value.hint == "write the target's heading exactly"
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: person\n  variants: [K]\n"
                       "- heading: B\n  kind: person\n  variants: [K]\n")
    assert e.value.hint == ("a variant may belong to one entry only; limit it with chapters: "
                            "or remove it from one")


def test_unknown_chapters(tmp_path):
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: person\n  chapters: [nine]\n")
    assert "index heading 'A'" in e.value.message and "nine" in e.value.message
    assert (e.value.path, e.value.line) == (tmp_path / "index.yaml", 1)
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: person\n  variants: [{text: a, chapters: [ten]}]\n")
    assert "variant 'a' of 'A'" in e.value.message and "ten" in e.value.message
    assert (e.value.path, e.value.line) == (tmp_path / "index.yaml", 1)


def test_schema_mistakes_name_the_file_and_the_index(tmp_path):
    with pytest.raises(UserError) as e:
        load(tmp_path, "- heading: A\n  kind: alien\n")
    assert e.value.path == tmp_path / "index.yaml" and e.value.line == 2
    assert e.value.message == ("index[1].kind must be one of person, organisation, place, "
                               "event, publication, concept, not 'alien'")


def test_new_index_lists_are_empty(tmp_path):
    index, _ = load(tmp_path, GOOD)
    assert index.candidates == [] and index.kept == {} and index.empty_subs == []
    assert index.passages == {} and index.head_titles == {} and index.head_subjects == {}


def test_sub_entry_defaults():
    s = SubEntry("h", "h", ["p"])
    assert (s.locators, s.sub, s.see, s.see_also, s.variants) == ([], [], None, [], [])

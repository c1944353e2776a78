"""The glossary model (references/glossary.py) on small glossary files written
here: what a writer reads from it, and one clear error per mistake, with the
file's line. Expectations are written out by hand."""

from __future__ import annotations

import pytest

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.references.glossary import load_glossary, terms_in

CHAPTERS = ["one", "two"]


def load(tmp_path, text: str):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return load_glossary(path, CHAPTERS), path


def paras(*texts):
    return [P.Para(P.inlines(t)) for t in texts]


GOOD = """\
- term: zemstvo
  variants: [zemstvo, zemstvos, zemstvo]
  definition: >-
    A local   council; it's
    elected.
  see_also: [Duma]
- term: Duma
  definition: A parliament.
- term: Émigré
  case: any
  definition: Someone abroad.
- term: Rada
  chapters: [two]
  exclude: [Rada Street]
  definition: A council.
"""


def test_entries_as_a_writer_reads_them(tmp_path):
    g, path = load(tmp_path, GOOD)
    assert len(g) == 4 and g.path == path
    # printed order ignores case and diacritics
    assert [e.term for e in g.entries] == ["Duma", "Émigré", "Rada", "zemstvo"]
    z = g.by_term["zemstvo"]
    assert g.by_key["zemstvo"] is z and z.key == "zemstvo" and z.anchor == "gl-zemstvo"
    assert z.variants == ["zemstvo", "zemstvos"]            # once each
    assert z.definition == "A local council; it’s elected."  # spaces joined, typography
    assert z.see_also == ["Duma"] and z.line == 1
    assert g.by_term["Duma"].variants == ["Duma"] and g.by_term["Duma"].line == 7
    assert g.by_term["Duma"].case == "sensitive" and g.by_term["Émigré"].case == "any"
    assert g.by_term["Rada"].chapters == frozenset({"two"})
    assert g.by_term["Rada"].exclude == ["Rada Street"]
    assert g.by_term["Duma"].chapters is None and g.by_term["Duma"].exclude == []
    assert g.variants == {"zemstvo": "zemstvo", "zemstvos": "zemstvo", "Duma": "duma",
                          "Émigré": "emigre", "Rada": "rada"}
    z.occurrences = {"one": 2, "two": 3}
    assert z.count == 5


def test_terms_found_by_the_documented_rules(tmp_path):
    g, _ = load(tmp_path, GOOD)
    blocks = paras("The Zemstvos met; the DUMA did not.", "An émigré spoke.")
    # sensitive: a lower-case variant also matches capitalised; any: any case
    assert g.terms_in(blocks) == {"zemstvo", "emigre"}
    assert terms_in(paras("the Rada sat"), g, "one") == set()
    assert terms_in(paras("the Rada sat"), g, "two") == {"rada"}
    assert terms_in(paras("on Rada Street"), g, "two") == set()
    assert g.terms_in(paras("the Rada sat")) == {"rada"}     # no chapter: no limit
    heading = [P.Header(2, P.inlines("The Duma"), "h")]
    assert g.terms_in(heading) == set()                      # headings are not text


def test_an_empty_file_is_an_empty_glossary(tmp_path):
    g, _ = load(tmp_path, "")
    assert len(g) == 0 and g.entries == [] and g.terms_in(paras("Duma")) == set()


def test_every_term_must_occur(tmp_path):
    g, path = load(tmp_path, GOOD)
    for e in g.entries:
        e.occurrences = {"one": 1}
    g.check_occurs()
    g.by_term["Rada"].occurrences = {}
    g.by_term["Duma"].occurrences = {"one": 0}
    with pytest.raises(UserError, match=r"glossary term 'Duma' never occurs in the text "
                                        r"\(and 1 more: 'Rada'\)") as e:
        g.check_occurs()
    assert e.value.line == 7 and e.value.path.name == "glossary.yaml"


def test_an_exclusion_ending_with_the_variant(tmp_path):
    g, _ = load(tmp_path, "- term: Committee\n  exclude: [Central Committee]\n"
                          "  definition: a\n")
    assert g.terms_in(paras("the Central Committee met")) == set()
    assert g.terms_in(paras("the Committee met")) == {"committee"}


@pytest.mark.parametrize("text, message, line", [
    ("- term: Duma\n  definition: a\n- term: duma\n  definition: b\n",
     "glossary term 'duma' is written twice (or is too like 'Duma')", 3),
    ("- term: Duma\n  chapters: [three]\n  definition: a\n",
     "glossary term 'Duma': unknown chapter id 'three'", 1),
    ("- term: Duma\n  variants: [{text: Dumas, chapters: [four]}]\n  definition: a\n",
     "variant 'Dumas' of 'Duma': unknown chapter id 'four'", 1),
    ("- term: Duma\n  definition: a\n  see_also: [Soviet]\n",
     "glossary term 'Duma' has see_also 'Soviet', which is not a term", 1),
    ("- term: Duma\n  definition: a\n- term: State Duma\n  variants: [Duma]\n  definition: b\n",
     "variant 'Duma' of glossary term 'State Duma' is already claimed by 'Duma'", 3),
], ids=["twice", "chapter", "variant-chapter", "see-also", "double-claim"])
def test_each_mistake_is_one_error_with_its_line(tmp_path, text, message, line):
    with pytest.raises(UserError) as e:
        load(tmp_path, text)
    assert message in str(e.value) and e.value.line == line
    assert e.value.path.name == "glossary.yaml"


def test_see_also_error_says_what_to_write(tmp_path):
    with pytest.raises(UserError) as e:
        load(tmp_path, "- term: Duma\n  definition: a\n  see_also: [Soviet]\n")
    assert e.value.hint == "write the other term exactly as its term:"

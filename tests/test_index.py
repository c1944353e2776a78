"""The index and glossary models on the real book, sorting, page ranges,
and the build checks (one line, exit 2) on a scratch copy of manuscript/."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, run_build
from pressroom.doctree import pandoc as P
from pressroom.references.collation import format_pages, letter_of, sort_key


# --- page numbers and sorting -------------------------------------------

@pytest.mark.parametrize("pages, text", [
    ([3, 4], "3–4"),
    ([71, 72], "71–72"),
    ([96, 97, 98], "96–98"),
    ([100, 101, 102, 103, 104], "100–104"),
    (list(range(101, 109)), "101–8"),
    (list(range(112, 116)), "112–15"),
    (list(range(321, 329)), "321–28"),
    (list(range(498, 533)), "498–532"),
    (list(range(1087, 1090)), "1087–89"),
    (list(range(1496, 1505)), "1496–504"),
    (list(range(808, 834)), "808–33"),
    ([1103, 1104], "1103–4"),
    ([12, 5, 12, 7, 6, 40], "5–7, 12, 40"),
    ([9], "9"),
    ([], ""),
])
def test_format_pages(pages, text):
    assert format_pages(pages) == text


def test_sort_order_ignores_case_and_diacritics():
    headings = ["Leninism", "Lenin levy", "émigrés", "Lenin, Vladimir Ilyich",
                "Engels, Friedrich", "Émigré", "ZZ Top", "anarchism", "Élan",
                "Żeromski", "1905 Revolution"]
    assert sorted(headings, key=sort_key) == [
        "1905 Revolution", "anarchism", "Élan", "Émigré", "émigrés", "Engels, Friedrich",
        "Lenin, Vladimir Ilyich", "Lenin levy", "Leninism", "Żeromski", "ZZ Top"]
    assert letter_of("Émigré") == "E" and letter_of("Żeromski") == "Z"
    assert letter_of("1905 Revolution") == "#"


# --- the real book -------------------------------------------------------

def test_counts(book):
    assert len(book.glossary.entries) >= 60
    assert len([e for e in book.index.entries]) >= 250


def test_every_heading_has_a_locator(book):
    for e in book.index.sorted_entries():          # the headings printed
        if e.variants:
            assert e.all_locators, e.heading
        else:
            assert e.see and not e.all_locators, e.heading
        for sub in e.sub:
            assert sub.locators, (e.heading, sub.heading)
    for e in book.glossary.entries:
        assert sum(e.occurrences.values()) >= 1, e.term
        assert e.links, e.term
        assert e.definition.strip() and "\n" not in e.definition


def test_anchors_unique_and_in_the_text(book):
    anchors = book.index.anchors()
    assert len(anchors) == len(set(anchors))
    spans = {}
    links = {}
    for sec in book.sections:
        for n in P.iter_nodes(sec.blocks):
            if n["t"] == "Span" and "ix" in n["c"][0][1]:
                ident, _, kv = n["c"][0]
                assert ident not in spans
                spans[ident] = (dict(kv), sec.id, P.stringify(n["c"][1]))
            elif n["t"] == "Link" and "gl" in n["c"][0][1]:
                links[n["c"][0][0]] = n["c"][2][0]
    # every mention is anchored; the locators are the substantive ones
    assert set(anchors) <= set(spans)
    assert set(spans) == {loc.anchor for e in book.index.entries for loc in e.candidates}
    for e in book.index.entries:
        for sub in [None, *e.sub]:
            for loc in (sub or e).locators:
                kv, section, text = spans[loc.anchor]
                assert kv["ix"] == e.key
                assert section == loc.section_id
    for e in book.glossary.entries:
        for ident in e.links.values():
            assert links[ident] == f"#{e.anchor}"
    assert len(links) == sum(len(e.links) for e in book.glossary.entries)


def test_variants_resolve_to_one_entry(book):
    for model, name in ((book.index, "heading"), (book.glossary, "term")):
        owners = {}
        for e in model.entries:
            for v in e._variants:
                for ch in sorted(v.chapters or {"*"}):
                    owners.setdefault((v.text.replace("’", "'"), ch), set()).add(e.key)
        assert all(len(keys) == 1 for keys in owners.values()), \
            [k for k, keys in owners.items() if len(keys) > 1]
    for variant, key in book.index.variants.items():
        assert variant in book.index.by_key[key].variants


def test_marked_text_matches_its_entry(book):
    """The text under each ix span is one of its entry's variants."""
    from pressroom.references.matcher import normal_variant
    forms = {e.key: {normal_variant(v).lower() for v in e.variants}
             for e in book.index.entries}
    for sec in book.chapters:
        for n in P.iter_nodes(sec.blocks):
            if n["t"] == "Span" and "ix" in n["c"][0][1]:
                key = dict(n["c"][0][2])["ix"]
                assert normal_variant(P.stringify(n["c"][1])).lower() in forms[key]


def test_groups_sorted(book):
    groups = book.index.groups()
    letters = [g for g, _ in groups]
    assert len(letters) == len(set(letters))
    flat = [e.heading for _, entries in groups for e in entries]
    assert flat == sorted(flat, key=sort_key)
    assert len(flat) == len([e for e in book.index.entries if e.shown])
    assert len(flat) > 500


def test_manuscript_stays_clean(book):
    from pressroom.builders.manuscript import render_manuscript
    text = render_manuscript(book)
    assert ".ix" not in text and "#gl-" not in text


def test_candidates_reported(book):
    assert all(isinstance(n, str) and c >= 5 for n, c in book.index.candidates)
    keys = {v.lower() for e in book.index.entries for v in e.variants}
    assert not any(n.lower() in keys for n, _ in book.index.candidates)


# --- build checks --------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "manuscript", tmp_path / "manuscript")
    return tmp_path / "manuscript"


def _fails(project, tmp_path, pattern):
    proc = run_build("manuscript", "--book", str(project / "book.yaml"),
                     "--dist", str(tmp_path / "dist"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert re.search(pattern, lines[0]), lines[0]


def _append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def test_never_occurring_entries_fail(project, tmp_path):
    _append(project / "index.yaml", "\n- heading: Zzyzx Road\n  kind: place\n"
            "  variants: [Zzyzx Road]\n")
    _fails(project, tmp_path, r"index.yaml:\d+: index heading 'Zzyzx Road' never occurs")
    # (a glossary term that never occurs: tests/test_glossary_marking.py)


def test_variant_claimed_twice_fails(project, tmp_path):
    first = next(e for e in __import__("yaml").safe_load(
        (project / "index.yaml").read_text(encoding="utf-8")) if e.get("variants"))
    variant = first["variants"][0]
    variant = variant if isinstance(variant, str) else variant["text"]
    _append(project / "index.yaml", f"\n- heading: Twice\n  kind: concept\n"
            f"  variants: [\"{variant}\"]\n")
    _fails(project, tmp_path, rf"index.yaml:\d+: variant '{re.escape(variant)}' of "
           rf"index heading 'Twice' is already claimed by")


def test_schema_error_names_line(project, tmp_path):
    _append(project / "glossary.yaml", "\n- term: quux\n  definiton: typo\n")
    _fails(project, tmp_path, r"glossary.yaml:\d+: unknown key glossary\[\d+\]\.definiton")


def test_find_candidates():
    from pressroom.references.candidates import find_candidates
    paras = [("Then Rosa Luxemburg wrote to Karl Kautsky. The party split.", [])] * 5
    paras += [("Rosa Luxemburg met Lenin. Russian workers struck.", [(20, 25)])] * 2
    paras += [("Then the war came and then peace.", [])]
    found = dict(find_candidates(paras))
    assert found == {"Rosa Luxemburg": 7, "Karl Kautsky": 5}

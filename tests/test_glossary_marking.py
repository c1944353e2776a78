"""The matching rules and the marking transform, on small fixtures.

The rules are the contract written in the header comments of
manuscript/glossary.yaml and index.yaml (see pressroom/matcher.py).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section
from pressroom.references.glossary import load_glossary
from pressroom.references.index import load_index
from pressroom.references.matcher import Matcher, Pattern
from pressroom.transforms.marking import mark_book

CHAPTERS = ["one", "two"]


def hits(patterns, text, chapter=None):
    m = Matcher(patterns)
    return [(text[h.start:h.end], h.owner) for h in m.longest(text, chapter)]


def test_whole_words_hyphen_boundary_and_possessives():
    pats = [Pattern("Stalin", "S"), Pattern("SR", "sr")]
    text = "Stalin’s men, anti-Stalin, Stalinism, the SRs' view, Stalin's."
    assert hits(pats, text) == [("Stalin", "S"), ("Stalin", "S"), ("Stalin", "S")]


def test_apostrophes_and_longest_match():
    pats = [Pattern("Left SRs", "left"), Pattern("SRs", "sr"),
            Pattern("workers' state", "ws")]
    text = "The Left SRs and the SRs; a workers’ state and a workers' state."
    assert hits(pats, text) == [("Left SRs", "left"), ("SRs", "sr"),
                                ("workers’ state", "ws"), ("workers' state", "ws")]


def test_case_rules():
    pats = [Pattern("soviet", "council"), Pattern("Soviet Union", "su"),
            Pattern("Capital", "book", case="exact"), Pattern("nep", "nep", case="any")]
    text = "Soviet power; a soviet; the Soviet Union; capital and Capital; NEP, Nep."
    assert hits(pats, text) == [("Soviet", "council"), ("soviet", "council"),
                                ("Soviet Union", "su"), ("Capital", "book"),
                                ("NEP", "nep"), ("Nep", "nep")]
    # a capitalised variant never matches lower case
    assert hits([Pattern("Will", "w")], "he will write his Will") == [("Will", "w")]


def test_written_form_beats_capitalised_form():
    pats = [Pattern("soviet", "council"), Pattern("Soviet", "adj", case="exact")]
    assert hits(pats, "Soviet and soviet") == [("Soviet", "adj"), ("soviet", "council")]


def test_chapter_limits_fall_back_to_shorter_match():
    pats = [Pattern("Second Congress", "c2", chapters=frozenset({"one"})),
            Pattern("Congress", "congress")]
    assert hits(pats, "the Second Congress", "one") == [("Second Congress", "c2")]
    assert hits(pats, "the Second Congress", "two") == [("Congress", "congress")]


# --- loading --------------------------------------------------------------

GLOSSARY = """\
- term: kulak
  variants: [kulak, kulaks]
  definition: A prosperous peasant.
- term: NEP
  variants: [NEP, New Economic Policy]
  definition: >-
    The New Economic Policy
    of 1921.
  see_also: [kulak]
- term: soviet
  variants: [soviet, soviets]
  exclude: [Soviet Union]
  definition: A council.
"""

INDEX = """\
- heading: Lenin, Vladimir Ilyich
  kind: person
  variants: [Lenin]
  sub:
    - heading: and the NEP
      passages: [NEP]
    - heading: death
      passages: [Lenin died]
- heading: Ulyanov, V. I.
  kind: person
  see: Lenin, Vladimir Ilyich
- heading: Left SRs
  kind: organisation
  variants: [Left SRs]
- heading: Socialist Revolutionaries (SRs)
  kind: organisation
  variants: [SRs, {text: SR, chapters: [two]}]
- heading: Franco, Francisco
  kind: person
  variants: [Franco]
  exclude: [Franco-Prussian]
- heading: Émigrés
  kind: concept
  variants: [émigrés]
"""


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def models(tmp_path):
    g = load_glossary(write(tmp_path, "glossary.yaml", GLOSSARY), CHAPTERS)
    i = load_index(write(tmp_path, "index.yaml", INDEX), CHAPTERS)
    return g, i


def test_loaded_models(models):
    g, i = models
    assert [e.term for e in g.entries] == ["kulak", "NEP", "soviet"]
    nep = g.by_key["nep"]
    assert nep.anchor == "gl-nep" and nep.definition == "The New Economic Policy of 1921."
    assert nep.see_also == ["kulak"]
    assert i.by_heading["Ulyanov, V. I."].variants == []
    assert i.variants["SR"] == "socialist-revolutionaries-srs"
    assert [letter for letter, _ in i.groups()] == ["E", "F", "L", "S", "U"]


@pytest.mark.parametrize("text, message", [
    ("- term: x\n  definition: y\n  colour: red\n", r"glossary.yaml:3: unknown key glossary\[1\].colour"),
    ("- term: x\n  definition: [y]\n", r"glossary.yaml:2: glossary\[1\].definition must be text"),
    ("- term: a\n  definition: y\n- term: b\n  variants: [a]\n  definition: z\n",
     r"glossary.yaml:3: variant 'a' of glossary term 'b' is already claimed by 'a'"),
    ("- term: a\n  definition: y\n  see_also: [zz]\n", r"glossary.yaml:1: .*'zz', which is not a term"),
    ("- term: a\n  definition: y\n  chapters: [three]\n", r"glossary.yaml:1: .*unknown chapter id 'three'"),
])
def test_glossary_errors(tmp_path, text, message):
    from pressroom.errors import UserError
    with pytest.raises(UserError, match=message):
        load_glossary(write(tmp_path, "glossary.yaml", text), CHAPTERS)


def test_variant_claims_respect_chapters_and_case(tmp_path):
    from pressroom.errors import UserError
    ok = ("- heading: A\n  kind: person\n  variants: [{text: Grant, chapters: [one]}]\n"
          "- heading: B\n  kind: person\n  variants: [{text: Grant, chapters: [two]}]\n"
          "- heading: C\n  kind: concept\n  variants: [soviet]\n"
          "- heading: D\n  kind: concept\n  variants: [Soviet]\n  case: exact\n")
    load_index(write(tmp_path, "index.yaml", ok), CHAPTERS)
    bad = ok + "- heading: E\n  kind: concept\n  variants: [SOVIET]\n  case: any\n"
    with pytest.raises(UserError, match=r"index.yaml:14: variant 'SOVIET' of index heading 'E'"):
        load_index(write(tmp_path, "index.yaml", bad), CHAPTERS)


# --- marking the tree -------------------------------------------------------

def chapter(ident, markdown):
    blocks = P.parse(markdown, "markdown")["blocks"]
    return Section(id=ident, title=ident, blocks=[P.Header(1, P.inlines(ident), ident)] + blocks)


def mark(models, *chapters):
    g, i = models
    book = SimpleNamespace(chapters=list(chapters), warnings=[], glossary=None, index=None)
    mark_book(book, g, i)
    return book


TEXT_ONE = """\
## Lenin and the kulaks

Lenin’s *New Economic* Policy pleased the *rich kulak* and the Left SRs, not the SRs.
The soviet of the Soviet Union was not a Franco-Prussian idea, nor Franco’s.

> A kulak quoted[^1] in `Lenin` code and [a link to Lenin](http://x).
> Lenin died; the émigrés mourned.

[^1]: A note on the NEP by Lenin.
"""

TEXT_TWO = "The SR and the kulak, an SR.\n"


@pytest.fixture
def marked(models):
    return mark(models, chapter("one", TEXT_ONE), chapter("two", TEXT_TWO))


def spans(blocks, cls):
    out = []
    for n in P.iter_nodes(blocks):
        if n["t"] in ("Span", "Link") and cls in n["c"][0][1]:
            out.append((P.stringify(n["c"][1]), n["c"][0][0], dict(n["c"][0][2]),
                        n["c"][2][0] if n["t"] == "Link" else None))
    return out


def test_text_is_unchanged_and_clean_copy_kept(marked):
    for sec in marked.chapters:
        assert P.stringify(sec.blocks) == P.stringify(sec.clean_blocks)
        assert P.words(sec.blocks) == P.words(sec.clean_blocks)
        assert not spans(sec.clean_blocks, "ix") and not spans(sec.clean_blocks, "gl")


def test_index_marks(marked):
    one = spans(marked.chapters[0].blocks, "ix")
    texts = [t for t, *_ in one]
    # not in the heading, code or link; in the note (numbered after its paragraph)
    assert texts == ["Lenin", "Left SRs", "SRs", "Franco", "Lenin", "Lenin", "émigrés"]
    ids = [ident for _, ident, _, _ in one]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "ix-one-lenin-vladimir-ilyich-1"
    assert one[0][2] == {"ix": "lenin-vladimir-ilyich"}
    assert one[4][1:3] == ("ix-one-lenin-vladimir-ilyich-3",     # the note
                           {"ix": "lenin-vladimir-ilyich"})
    two = spans(marked.chapters[1].blocks, "ix")
    assert [(t, a["ix"]) for t, _, a, _ in two] == [("SR", "socialist-revolutionaries-srs")] * 2


def test_index_model_filled(marked):
    i = marked.index
    lenin = i.by_key["lenin-vladimir-ilyich"]
    # filed by passage: the note names the NEP, the quotation says "Lenin died"
    assert [loc.anchor for loc in lenin.locators] == ["ix-one-lenin-vladimir-ilyich-1"]
    assert [[loc.anchor for loc in s.locators] for s in lenin.sub] == [
        ["ix-one-lenin-vladimir-ilyich-3"], ["ix-one-lenin-vladimir-ilyich-2"]]
    assert all(loc.section_id == "one" for loc in lenin.all_locators)
    anchors = i.anchors()
    assert len(anchors) == len(set(anchors)) == 9
    found = {n["c"][0][0] for sec in marked.chapters for n in P.iter_nodes(sec.blocks)
             if n["t"] == "Span"}
    assert set(anchors) <= found


def test_glossary_links_first_occurrence_per_chapter(marked):
    g = marked.glossary
    one = spans(marked.chapters[0].blocks, "gl")
    assert [(t, target) for t, _, _, target in one] == [
        ("New Economic Policy", "#gl-nep"), ("kulak", "#gl-kulak"), ("soviet", "#gl-soviet")]
    two = spans(marked.chapters[1].blocks, "gl")
    assert [t for t, *_ in two] == ["kulak"]
    assert g.by_key["kulak"].occurrences == {"one": 2, "two": 1}   # not in the heading
    assert g.by_key["nep"].occurrences == {"one": 2}
    assert g.by_key["soviet"].occurrences == {"one": 1}        # not "Soviet Union"
    assert g.by_key["kulak"].links == {"one": "glref-one-kulak", "two": "glref-two-kulak"}


def test_marks_split_emphasis_cleanly(marked):
    para = marked.chapters[0].blocks[2]
    md = P.render(P.document([para]), "markdown", ["--wrap=none"])
    assert "*New Economic*" in P.render(P.document([marked.chapters[0].clean_blocks[2]]),
                                        "markdown", ["--wrap=none"])
    assert "[*New Economic* Policy](#gl-nep" in md           # Emph inside the mark
    assert "*rich [kulak](#gl-kulak" in md                  # the mark inside Emph


def test_terms_in(marked):
    g = marked.glossary
    sec = marked.chapters[0]
    assert g.terms_in(sec.blocks) == {"kulak", "nep", "soviet"}
    assert g.terms_in(sec.clean_blocks) == {"kulak", "nep", "soviet"}
    assert g.terms_in(sec.blocks[3:]) == {"kulak", "nep"}          # quote + note
    assert g.terms_in(marked.chapters[1].blocks) == {"kulak"}


def test_never_occurring_entry_fails(models):
    from pressroom.errors import UserError
    with pytest.raises(UserError, match=r"glossary term 'NEP' never occurs"):
        mark(models, chapter("two", TEXT_TWO + "\nA soviet.\n"))


def test_mark_crossing_emphasis_splits_it():
    from pressroom.doctree.spans import Mark, build, linearize, place
    para = P.parse("*the Left* SRs and “Lenin”", "markdown+smart")["blocks"][0]["c"]
    atoms, _ = linearize(para)
    text = "".join(a.text for a in atoms)
    assert text == "the Left SRs and “Lenin”"
    s1, s2 = text.index("Left SRs"), text.index("Lenin")
    marks = [Mark(s1, s1 + 8, 1, lambda: lambda ch: P.Span(ch, "a", ["ix"])),
             Mark(s2, s2 + 5, 1, lambda: lambda ch: P.Span(ch, "b", ["ix"]))]
    atoms, placed = place(atoms, marks)
    for m in placed:
        m.maker = m.decide()
    out = build(atoms, {})
    assert P.stringify(out) == P.stringify(para)
    md = P.render(P.document([P.Para(out)]), "markdown-smart", ["--wrap=none"])
    assert md.strip() == "*the* [*Left* SRs]{#a .ix} and “[Lenin]{#b .ix}”"


def test_anchors_stable_across_rebuilds(tmp_path):
    def ids():
        g = load_glossary(write(tmp_path, "glossary.yaml", GLOSSARY), CHAPTERS)
        i = load_index(write(tmp_path, "index.yaml", INDEX), CHAPTERS)
        book = mark((g, i), chapter("one", TEXT_ONE), chapter("two", TEXT_TWO))
        return book.index.anchors(), [s.blocks for s in book.chapters]
    assert ids() == ids()


def test_lists_line_blocks_and_tables_are_marked(models):
    from pressroom.transforms.marking import Marker
    g, i = models
    sec = chapter("one", "- Lenin in a list\n\n| Lenin in verse\n| and Franco\n\n"
                         "| a | b |\n|---|---|\n| Lenin | kulak |\n\n"
                         "Term\n:   Lenin defined\n\n```\nLenin in code\n```\n")
    blocks = Marker(g, i).section(sec)
    marked = [P.stringify(n["c"][1]) for n in P.iter_nodes(blocks)
              if n["t"] in ("Span", "Link")]
    assert marked == ["Lenin", "Lenin", "Franco", "Lenin", "kulak", "Lenin"]


def test_marking_again_starts_from_the_clean_blocks(tmp_path, marked):
    g = load_glossary(write(tmp_path, "glossary.yaml", GLOSSARY), CHAPTERS)
    i = load_index(write(tmp_path, "index.yaml", INDEX), CHAPTERS)
    first = [s.blocks for s in marked.chapters]
    again = mark((g, i), *marked.chapters)
    assert [s.blocks for s in again.chapters] == first

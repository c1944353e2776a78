"""The normaliser on the five seed sources: structure, notes, clean-up,
corrections (sources-analysis §2, §4 and Appendix B)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressroom.doctree import pandoc as P
from pressroom.settings.config import load_source
from pressroom.pipeline import normalise

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "manuscript" / "sources"
SEEDS = {
    "000": "oakley-socialist-movement-our-history.txt",
    "001": "collins-how-the-bureaucracy-seized-power.txt",
    "002": "russian-revolution-of-1917-pamphlet.txt",
    "003": "legacy-of-leon-trotsky-part-1.txt",
    "004": "this-changed-everything-twice.md",
}
_cache: dict = {}


def seed(key: str):
    if key not in _cache:
        _cache[key] = normalise(load_source(SOURCES / SEEDS[key]))
    return _cache[key]


def nodes(section, t: str, cls: str | None = None) -> list:
    out = []
    for n in P.iter_nodes(section.blocks):
        if n["t"] == t and (cls is None or cls in (P.node_attr(n) or ["", []])[1]):
            out.append(n)
    return out


def text(section) -> str:
    return P.stringify(section.blocks)


def headings(section, level: int | None = None) -> list[str]:
    return [t for lvl, _, t in section.headings() if level is None or lvl == level]


def source_lines(key: str) -> list[str]:
    return (SOURCES / SEEDS[key]).read_text(encoding="utf-8").split("\n")


# --- structure ------------------------------------------------------------

def test_000_headings_match_its_table_of_contents_exactly():
    sec, ctx = seed("000")
    toc = [l.strip() for l in source_lines("000")[7:15]]          # L8–15 (entries 1–8)
    assert headings(sec, 2) == toc
    assert len(headings(sec, 3)) == 32
    assert "A spontaneous revolution?" in headings(sec, 3)
    assert any("9. A note on sources" in w for w in ctx.warnings)   # TOC entry, no section


def test_000_short_sentences_are_not_headings():
    sec, _ = seed("000")
    hs = headings(sec)
    assert not any(h.startswith("Faced with such united resistance") for h in hs)
    assert not any(h.startswith("Together, these historical") for h in hs)


def test_000_toc_and_metadata_are_gone():
    sec, ctx = seed("000")
    assert "Published:" not in text(sec) and "Written by" not in text(sec)
    assert ctx.report.removed["toc"] == 48
    assert ctx.report.removed["metadata-line"] == 6


def test_000_block_quotations():
    sec, _ = seed("000")
    quotes = nodes(sec, "BlockQuote")
    assert len(quotes) == 8
    assert not any(P.stringify(q).startswith("“Socialism in one country” was") for q in quotes)


def test_001_headings_numbered_and_not():
    sec, _ = seed("001")
    hs = headings(sec, 2) + headings(sec, 3)
    assert len(hs) == 23                 # the table in sources-analysis §2.2
    assert headings(sec, 3) == ["The Crisis of Working-class Leadership",
                                "From the “Platform of the Communist International” Adopted "
                                "at the Founding Conference", "The Kronstadt Uprising"]
    hs = headings(sec)[1:]
    assert hs[0] == "The October Revolution"
    assert "‘Socialism in One Country’" in hs
    # sections 16-21, numbered in the source, are unnumbered like 1-15 by the
    # sidecar's corrections (each with its reason)
    assert "The Defeat of the Joint Left Opposition" in hs
    assert "To the ‘People’s Front’" in hs
    assert not any(h[:1].isdigit() for h in hs)
    for not_heading in ("How was this victory won?", "What made Stalin turn his ideas upside-down?",
                        "Political differences among the trio now began to surface."):
        assert not_heading not in hs


def test_001_captions_dropped():
    sec, ctx = seed("001")
    assert "/ Image" not in text(sec) and "Yanachka" not in text(sec)
    assert ctx.report.removed["image-caption"] > 400


def test_001_poem_is_verse_in_a_quotation():
    sec, _ = seed("001")
    quote = [q for q in nodes(sec, "BlockQuote") if "We thank you, Stalin" in P.stringify(q)]
    assert len(quote) == 1
    stanzas = quote[0]["c"]
    assert [b["t"] for b in stanzas] == ["LineBlock", "LineBlock"]
    assert [len(b["c"]) for b in stanzas] == [4, 7]
    assert P.stringify(stanzas[1]["c"][-1]) == "And add your carcass to the rest!”"


def test_001_lists():
    sec, _ = seed("001")
    lists = nodes(sec, "OrderedList")
    styles = sorted((l["c"][0][1]["t"], len(l["c"][1])) for l in lists)
    assert ("LowerAlpha", 2) in styles
    assert ("Decimal", 4) in styles and ("Decimal", 3) in styles


def test_001_multi_paragraph_quotation_without_marks_inside():
    sec, _ = seed("001")
    q = [b for b in nodes(sec, "BlockQuote") if "A wave of excitement" in P.stringify(b)]
    assert q and "(My Life, pages 552–553)" in P.stringify(q[0])
    assert len(q[0]["c"]) == 4


def test_002_ten_chapters_and_subsections():
    sec, ctx = seed("002")
    chapters = headings(sec, 2)
    assert len(chapters) == 10
    assert chapters[0].startswith("The Russian Revolution of 1917 – The Beginnings")
    assert chapters[-1] == "The Stalinist Bureaucracy: Gravedigger of the Russian Revolution"
    assert len(headings(sec, 3)) == 58
    assert "download an illustrated pdf" not in text(sec)
    assert "Table of Contents" not in text(sec)


def test_002_epigraphs_unmarked_quotes_and_signature():
    sec, _ = seed("002")
    epigraphs = nodes(sec, "Div", "epigraph")
    assert len(epigraphs) == 2
    assert "– Trotsky" in P.stringify(epigraphs[0])
    assert "– Karl Marx, Konfidentielle Mitteilung" in P.stringify(epigraphs[1])
    sig = [lb for lb in nodes(sec, "LineBlock") if "In the name of the Russian Republic" in P.stringify(lb)]
    assert len(sig) == 1 and len(sig[0]["c"]) == 3
    decree = [q for q in nodes(sec, "BlockQuote") if "The united will of this Congress" in P.stringify(q)]
    assert decree and any(b["t"] == "LineBlock" for b in decree[0]["c"])
    assert any(b["t"] == "OrderedList" and len(b["c"][1]) == 4 for b in decree[0]["c"])
    # date lines inside the Miéville excerpt are run-in, not headings
    assert "April" not in headings(sec) and "September" not in headings(sec)


def test_002_bullets_are_a_list():
    sec, _ = seed("002")
    lists = nodes(sec, "BulletList")
    assert len(lists) == 1 and len(lists[0]["c"]) == 8
    assert "•" not in text(sec)


def test_003_attributions_joined_to_their_quotations():
    sec, _ = seed("003")
    attributions = nodes(sec, "Div", "attribution")
    assert len(attributions) == 29
    for q in nodes(sec, "BlockQuote"):
        for b in q["c"][:-1]:
            assert not (b["t"] == "Div" and "attribution" in b["c"][0][1])
    assert headings(sec, 2) == ["Menshevism & Bolshevism in the RSDLP",
                                "Revolutionary Organization: the ‘Party of a New Type’",
                                "Revolutionary Program: 1905 & Permanent Revolution",
                                "Imperialism & Internationalism in WWI",
                                "The Russian Revolution & Civil War"]
    assert "Next – Part II" not in text(sec) and "Part I:" not in text(sec)


def test_004_sections_and_notes():
    sec, ctx = seed("004")
    assert headings(sec, 2) == ["I", "II", "III", "IV", "V", "Afterword"]
    notes = nodes(sec, "Note")
    assert len(notes) == 7
    editor = [n for n in notes if n["c"][0]["c"][0]["t"] == "Span"]
    assert len(editor) == 4                       # notes 1, 3, 6, 7 placed by the editor
    assert not ctx.warnings or not any("reference mark" in w for w in ctx.warnings)
    assert "<sup>" not in P.render(P.document(sec.blocks), "markdown")
    assert "Footnotes" not in text(sec)
    assert ctx.report.added["notes"] > 0


def test_004_page_breaks_joined():
    sec, ctx = seed("004")
    assert ctx.report.fixes["page-break-join"] == 7
    t = text(sec)
    assert "throughout Eastern Europe a distinct" in t
    assert "with the Workers’ Opposition or other" in t


def test_004_sidebar_quote_with_hyphen_attribution():
    sec, _ = seed("004")
    q = [b for b in nodes(sec, "BlockQuote") if "I went back to Petrograd" in P.stringify(b)]
    assert q and P.stringify(q[0]["c"][-1]) == "– John Reed, Ten Days That Shook The World"
    assert "commandeered vehicle" not in text(sec)


# --- corrections ----------------------------------------------------------

@pytest.mark.parametrize("key,wrong,right", [
    ("002", "Ivan Martov", "Julius Martov"), ("000", "Krupskya", "Krupskaya"),
    ("001", "Krushchev", "Khrushchev"), ("002", "Ramon Mercador", "Ramón Mercader"),
    ("000", "Nachelo", "Nachalo"), ("002", "Nava River", "Neva River"),
    ("002", "Narodnya Volya", "Narodnaya Volya"), ("001", "Hasburg", "Habsburg"),
    ("003", "Caucuses", "Caucasus"), ("001", "Ilyin Zhenevsky", "Ilyin-Zhenevsky"),
    ("001", "Ilyin-Shenevsky", "Ilyin-Zhenevsky"), ("004", "spendid", "splendid"),
])
def test_corrections_applied(key, wrong, right):
    sec, _ = seed(key)
    assert wrong not in text(sec) and right in text(sec)


def test_every_correction_has_a_reason():
    for name in SEEDS.values():
        src = load_source(SOURCES / name)
        for c in src.corrections:
            assert c["reason"].strip()


# --- house style on the whole output -----------------------------------------

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_no_straight_quotes_nbsp_or_double_spaces(key):
    sec, _ = seed(key)
    for n in P.iter_nodes(sec.blocks):
        if n["t"] == "Str":
            assert not re.search("[\"'\u00a0]", n["c"]), n["c"]
            assert "..." not in n["c"]
            assert not re.search(r"\w—\w", n["c"])         # one dash convention
    md = P.render(P.document(sec.blocks), "markdown-smart", ["--wrap=none"])
    body = [re.sub(r"^[>\s]*(\d+\.|-|\|)?\s*", "", l) for l in md.splitlines()]
    assert not [l for l in body if "  " in l]


def test_001_editorial_interpolations_become_notes():
    sec, ctx = seed("001")
    notes = [P.stringify(n["c"]) for n in nodes(sec, "Note")]
    assert "Ed: it was actually Alma Ata" in notes
    assert "[ed:" not in text(sec) and "(ed:" not in text(sec)
    assert ctx.report.fixes["editor-interpolation"] == 2

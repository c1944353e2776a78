"""The normaliser on sources that are not the seeds: a Gutenberg file
(hard wraps, CRLF, [Footnote] blocks), a cp1252 file, an HTML article with
page chrome, Markdown with [^N] notes defined mid-text; every encoding and
line end; corrections and sidecar mistakes; property tests on generated
text (never raises, never loses a word)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.doctree import pandoc as P
from pressroom.settings.config import load_source
from pressroom.errors import UserError
from pressroom.doctree.ledger import words
from pressroom.pipeline import normalise
from test_fidelity import keys

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"


def run(path: Path):
    sec, ctx = normalise(load_source(path))
    assert ctx.report.unaccounted == 0
    assert ctx.report.accounted == ctx.report.source_words
    return sec, ctx


def kinds(sec, t):
    return [n for n in P.iter_nodes(sec.blocks) if n["t"] == t]


def test_gutenberg_hard_wrapped_crlf_with_footnote_blocks():
    sec, ctx = run(FIX / "gutenberg-crlf.txt")
    assert sec.title == "A VALLEY STRIKE"
    assert [t for _, _, t in sec.headings()][1:] == ["CHAPTER I", "CHAPTER II"]
    paras = [P.stringify(p) for p in kinds(sec, "Para")]
    assert any(p.startswith("It was the best of harvests") and p.endswith("alike…") for p in paras)
    notes = kinds(sec, "Note")
    assert len(notes) == 2 and P.stringify(notes[0]["c"]).startswith("The price rose")
    assert "[1]" not in P.stringify(sec.blocks) and "Footnote" not in P.stringify(sec.blocks)
    verse = kinds(sec, "LineBlock")
    assert len(verse) == 1 and len(verse[0]["c"]) == 4
    lists = kinds(sec, "OrderedList")
    assert len(lists) == 1 and len(lists[0]["c"][1]) == 3
    assert ctx.report.removed["gutenberg-boilerplate"] > 0
    assert "Project Gutenberg" not in P.stringify(sec.blocks)


def test_latin1_file():
    sec, ctx = run(FIX / "latin1-canuts.txt")
    t = P.stringify(sec.blocks)
    assert "révolte" in t and "“Vivre en travaillant ou mourir en combattant”" in t
    assert "l’idée survécut…" in t
    assert ctx.report.removed["metadata-line"] == 2


def test_html_article_without_its_page():
    sec, ctx = run(FIX / "article.html")
    t = P.stringify(sec.blocks)
    assert sec.title == "Kronstadt, 1921"
    for chrome in ("Home", "About us", "Search", "Share this", "Copyright", "Related",
                   "Sailors crossing", "page view", "Example Review"):
        assert chrome not in t
    assert len(kinds(sec, "Note")) == 1
    assert "modest – free elections" in t
    assert ctx.report.removed["figure-chrome"] > 0 and ctx.report.removed["html-navigation"] > 0


def test_markdown_notes_defined_mid_text():
    sec, ctx = run(FIX / "notes-midtext.md")
    notes = kinds(sec, "Note")
    assert len(notes) == 2
    assert [lvl for lvl, _, _ in sec.headings()] == [1, 2, 3]
    t = P.stringify(sec.blocks)
    assert "’30s" in t and "document – and" in t
    q = kinds(sec, "BlockQuote")[0]
    assert P.stringify(q["c"][-1]) == "– The interview of 1993"


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    lambda s: s.encode("utf-16"),                       # with BOM
    lambda s: s.replace("\n", "\r\n").encode("cp1252"),
    lambda s: s.replace("\n", "\r").encode("utf-8"),    # old Mac line ends
])
def test_encodings_and_line_ends(tmp_path, encode):
    text = ("Café society\n\nThe first section\n\n"
            "A paragraph about the café, with “quotes” and a – dash, long enough to count.\n")
    f = tmp_path / "cafe.txt"
    f.write_bytes(encode(text))
    sec, _ = run(f)
    assert sec.title == "Café society"
    assert [t for _, _, t in sec.headings()] == ["Café society", "The first section"]
    assert "about the café" in P.stringify(sec.blocks)


# --- sidecar mistakes are one-line user errors --------------------------------

def write_source(tmp_path, body: str, sidecar: str) -> Path:
    f = tmp_path / "src.txt"
    f.write_text("A Title\n\n" + body, encoding="utf-8")
    (tmp_path / "src.yaml").write_text("id: src\ntitle: A Title\n" + sidecar, encoding="utf-8")
    return f


def test_correction_that_matches_nothing_fails_naming_it(tmp_path):
    f = write_source(tmp_path, "Some text here.\n",
                     "corrections:\n  - find: Nachelo\n    replace: Nachalo\n    reason: typo\n")
    with pytest.raises(UserError) as err:
        normalise(load_source(f))
    assert "Nachelo" in str(err.value) and "matches nothing" in str(err.value)
    assert err.value.line == 4


def test_correction_matching_twice_needs_a_count(tmp_path):
    body = "The Hasburg regime and the Hasburg army.\n"
    f = write_source(tmp_path, body,
                     "corrections:\n  - find: Hasburg\n    replace: Habsburg\n    reason: typo\n")
    with pytest.raises(UserError, match="2 times"):
        normalise(load_source(f))
    f = write_source(tmp_path, body, "corrections:\n  - find: Hasburg\n    replace: Habsburg\n"
                                     "    reason: typo\n    count: 2\n")
    sec, ctx = normalise(load_source(f))
    assert "Habsburg regime and the Habsburg army" in P.stringify(sec.blocks)
    assert ctx.report.changed["corrections"] == 2


def test_bad_drop_and_notes_entries(tmp_path):
    f = write_source(tmp_path, "Some text here.\n",
                     "drop:\n  - match: Nowhere\n    reason: test\n")
    with pytest.raises(UserError, match="no paragraph starts with"):
        normalise(load_source(f))


def test_cli_normalise_without_sidecar(tmp_path):
    f = tmp_path / "essay.txt"
    f.write_text("An Essay\n\nPart one\n\nIt was \"fine\" - mostly.\n", encoding="utf-8")
    out = tmp_path / "out.md"
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "normalise", str(f), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "kept" in r.stderr and "“fine” – mostly." in out.read_text()


def test_cli_normalise_bad_correction_is_one_line(tmp_path):
    f = write_source(tmp_path, "Text.\n", "corrections:\n  - find: zzz\n    replace: y\n    reason: r\n")
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "normalise", str(f)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


# --- properties --------------------------------------------------------------

ALPHABET = st.sampled_from(list("abcdefgh XYZ.,;:!?'\"-–—…()[]*#•1234567890\u00a0“”‘’") + ["\n", "\n\n", "  1. ", "(a) ", "\n\n\n", "[Footnote 1: ", "[1]", "<sup>2</sup>"])
TEXT = st.lists(ALPHABET, min_size=1, max_size=120).map("".join).filter(lambda s: s.strip())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_generated_text_never_raises_never_loses_a_word(tmp_path, text):
    f = tmp_path / "gen.txt"
    f.write_text(text, encoding="utf-8")
    sec, ctx = normalise(load_source(f))
    rep = ctx.report
    assert rep.unaccounted == 0 and rep.accounted == rep.source_words
    src, out = keys(ctx.source_tokens), keys(words(sec.blocks[1:]))
    assert sum((src - out).values()) <= sum(rep.removed.values()) + sum(rep.changed.values())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_generated_text_is_idempotent(tmp_path, text):
    from pressroom.builders.manuscript import render_section_markdown
    f = tmp_path / "gen.txt"
    f.write_text(text, encoding="utf-8")
    sec, _ = normalise(load_source(f))
    md = render_section_markdown(sec)
    again = tmp_path / "gen2.md"
    again.write_text(md, encoding="utf-8")
    import yaml
    (tmp_path / "gen2.yaml").write_text(yaml.safe_dump({"id": "gen", "title": sec.title}),
                                        encoding="utf-8")
    sec2, _ = normalise(load_source(again))
    assert render_section_markdown(sec2) == md


@pytest.mark.parametrize("heading", ["Learn C#", "F##", "Issue #", "C# and F#"])
def test_heading_ending_in_hash_survives_a_second_reading(tmp_path, heading):
    """Found by hypothesis: pandoc writes the heading "C#" as ``## C#`` and
    reads that back as "C" (the ``#`` taken for a closing sequence)."""
    from pressroom.builders.manuscript import render_section_markdown
    f = tmp_path / "hash.txt"
    f.write_text(f"Title\n\n{heading}\n\nSome text under the heading.\n", encoding="utf-8")
    sec, _ = normalise(load_source(f))
    assert [h[2] for h in sec.headings()][1:] == [heading]
    again = tmp_path / "hash2.md"
    again.write_text(render_section_markdown(sec), encoding="utf-8")
    sec2, _ = normalise(load_source(again))
    assert [h[2] for h in sec2.headings()][1:] == [heading]


def test_ci_profile_cannot_fail_by_chance():
    from hypothesis import settings as s
    ci = s.get_profile("ci")
    assert ci.derandomize is True and ci.database is None
    if os.environ.get("CI") and not os.environ.get("HYPOTHESIS_PROFILE"):
        assert s.default.derandomize is True and s.default.database is None


def test_asterisk_and_bracket_notes_in_plain_text(tmp_path):
    f = tmp_path / "star.txt"
    f.write_text("Notes Both Ways\n\nThe committee met in secret.* Nobody was told why.\n\n"
                 "* The minutes were burnt in 1921.\n\n"
                 "The second meeting was public.[1]\n\n"
                 "[Footnote 1: Reported in the local paper.]\n", encoding="utf-8")
    sec, ctx = run(f)
    notes = kinds(sec, "Note")
    assert [P.stringify(n["c"]) for n in notes] == ["The minutes were burnt in 1921.",
                                                     "Reported in the local paper."]
    assert "*" not in P.stringify(sec.blocks) and "[1]" not in P.stringify(sec.blocks)


def test_orphan_note_without_sidecar_warns_and_is_kept(tmp_path):
    f = tmp_path / "orphan.md"
    f.write_text("# Orphans\n\n## One\n\nA paragraph with a mark.<sup>1</sup>\n\n"
                 "A last paragraph of the section.\n\n## Footnotes\n\n- 1. First note.\n"
                 "- 2. A note whose mark is lost.\n", encoding="utf-8")
    sec, ctx = run(f)
    notes = kinds(sec, "Note")
    assert len(notes) == 2
    assert notes[1]["c"][0]["c"][0]["t"] == "Span"               # the editor says so
    assert "A note whose mark is lost." in P.stringify(notes[1]["c"])
    assert any("note 2" in w for w in ctx.warnings)
    assert ctx.report.added["notes"] > 0


def test_html_page_without_article_element(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("""<html><body>
<div class="navbar"><a href="/">Home</a> | <a href="/archive">Archive</a></div>
<h1>On Strikes</h1>
<p>Strikes are the <em>school of war</em>, not the war itself.</p>
<div class="wp-caption"><img src="x.jpg"><p class="wp-caption-text">Pickets in 1926</p></div>
<blockquote><p>"Every strike reminds the capitalists," he wrote.</p></blockquote>
<div id="comments"><p>Great post!</p></div>
<script>alert("x")</script>
</body></html>""", encoding="utf-8")
    sec, ctx = run(f)
    t = P.stringify(sec.blocks)
    assert sec.title == "On Strikes"
    assert "school of war" in t and "“Every strike reminds the capitalists,” he wrote." in t
    for chrome in ("Home", "Archive", "Pickets", "Great post", "alert"):
        assert chrome not in t
    assert kinds(sec, "Emph")


MD_ALPHABET = st.sampled_from(list("abc XY.,'\"-—…") + [
    "\n\n", "\n", "# ", "## ", "#### ", "*", "**", "- ", "1. ", "> ", "[^1]", "\n\n[^1]: ",
    "<sup>2</sup>", "$\\mathbf{V}$", "`x = \"y\"`", "\n\n## Footnotes\n\n- 2. ", "Ι", "\u00a0"])
MD_TEXT = st.lists(MD_ALPHABET, min_size=1, max_size=60).map("".join).filter(lambda s: s.strip())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=MD_TEXT)
def test_generated_markdown_never_raises_never_loses_a_word(tmp_path, text):
    f = tmp_path / "gen.md"
    f.write_text(text, encoding="utf-8")
    try:
        sec, ctx = normalise(load_source(f))
    except UserError as e:                  # the one user mistake text can make here
        assert "has no note text" in str(e)
        return
    rep = ctx.report
    assert rep.unaccounted == 0 and rep.accounted == rep.source_words
    src, out = keys(ctx.source_tokens), keys(words(sec.blocks[1:]))
    assert sum((src - out).values()) <= sum(rep.removed.values()) + sum(rep.changed.values())


def test_markdown_note_without_reference_is_kept_in_its_section(tmp_path):
    f = tmp_path / "gamma.md"
    f.write_text("# T\n\n## One\n\nThe soviet lost its power.\n\nAnother.[^2]\n\n"
                 "[^1]: On the soviets after 1918,\n    see the first chapter.\n\n[^2]: Second.\n\n"
                 "## Two\n\nEnd.\n", encoding="utf-8")
    sec, ctx = run(f)
    one = sec.blocks[:sec.blocks.index(next(b for b in sec.blocks if P.stringify(b) == "Two"))]
    texts = [P.stringify(n["c"]) for n in P.iter_nodes(one) if n["t"] == "Note"]
    assert any("On the soviets after 1918, see the first chapter." in t for t in texts)
    assert any("note 1" in w for w in ctx.warnings)


def test_markdown_reference_without_note_is_an_error(tmp_path):
    f = tmp_path / "gamma.md"
    f.write_text("# T\n\nThe soviet lost its power.[^1]\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"\[\^1\] has no note text") as err:
        normalise(load_source(f))
    assert err.value.line == 3

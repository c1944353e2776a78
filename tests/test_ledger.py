"""The fidelity ledger cannot be fooled (issues 15 and 21).

Each test feeds the ledger one fault on a small source written here and
checks that the ledger says so: words removed by a rule that is not counted,
a rule the ledger does not know, a note dropped by a running-text rule,
3,000 words of licence in <pre>, and words in every kind of block. Expected
counts come from the sources as written here, not from the ledger's code.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pressroom import pipeline
from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import Fidelity, words
from pressroom.settings.config import load_source

LICENCE = " ".join(f"licence{i % 97} term{i % 13} clause" for i in range(1000))   # 3,000 words

ARTICLE = """<html><head><title>x</title></head><body><article>
<h1>The Title</h1>
<p>First paragraph of the article has ten words in it.</p>
<p>Second paragraph, also short.</p>
<pre>
{licence}
</pre>
</article></body></html>
"""

NOTES_MD = """---
title: Notes
---

A paragraph with a first note.[^1] And more words follow it here.

Another paragraph with a second note.[^2] And the text ends.

[^1]: The first note says something short.

[^2]: The second note has these particular words: aardvark
    bandicoot cassowary dingo echidna.
"""

PLAIN = """A Small Text

The first paragraph of the small text, written for the ledger test.

The second paragraph of the small text carries a distinctive phrase: quokka
numbat wombat platypus bilby, and it goes on for a while longer still.

Finally, a third paragraph closes it.
"""


def source(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".yaml").write_text(f"id: {path.stem}\ntitle: Test\n", encoding="utf-8")
    return load_source(path)


def balanced(rep: Fidelity) -> bool:
    return (rep.unaccounted == 0
            and rep.kept + sum(rep.changed.values()) + sum(rep.removed.values())
            == rep.source_words)


def with_transform(monkeypatch, fn, rule: str, at: int | None = None):
    fn.rule = rule
    transforms = list(pipeline.SOURCE_TRANSFORMS)
    transforms.insert(len(transforms) - 1 if at is None else at, fn)
    monkeypatch.setattr(pipeline, "SOURCE_TRANSFORMS", transforms)


def drop_paragraph_with(word: str):
    def drop(doc, ctx):
        doc["blocks"] = [b for b in doc["blocks"]
                         if not (b["t"] == "Para" and word in P.stringify(b))]
        return doc
    return drop


def fidelity_warnings(ctx) -> list[str]:
    return [w for w in ctx.warnings if "fidelity" in w]


# --- a clean source balances, and kept is what reaches the output ---------------

def test_clean_text_balances_with_every_word_kept(tmp_path):
    src = source(tmp_path, "small.txt", PLAIN)
    sec, ctx = pipeline.normalise(src)
    rep = ctx.report
    assert rep.source_words == len(PLAIN.split())
    assert balanced(rep)
    body = words(sec.blocks[1:])
    # every source word of the body reaches the output: kept, counted directly
    assert rep.kept == len(PLAIN.split()) - sum(rep.removed.values()) - sum(rep.changed.values())
    assert rep.kept <= len(body)
    assert fidelity_warnings(ctx) == []


# --- fault 1: words removed and not counted ---------------------------------------

def test_a_removal_nobody_counts_is_unaccounted_with_its_lines(tmp_path, monkeypatch):
    """The reader drops its title line but the record of it is lost (the
    remove-only rule is no longer counted): the words are unaccounted."""
    monkeypatch.setattr(Fidelity, "remove", lambda self, rule, n: None)
    src = source(tmp_path, "small.txt", PLAIN)
    sec, ctx = pipeline.normalise(src)
    rep = ctx.report
    assert "A Small Text" not in P.stringify(sec.blocks[1:])
    assert rep.unaccounted == 3            # "A Small Text"
    assert rep.kept + sum(rep.changed.values()) + sum(rep.removed.values()) \
        == rep.source_words - 3
    (w,) = fidelity_warnings(ctx)
    assert "3 source words lost" in w and "small.txt:1:" in w and "lines 1" in w


def test_a_step_that_bypasses_the_ledger_is_caught(tmp_path):
    """A paragraph deleted after the reader's audit by a step no rule measures."""
    src = source(tmp_path, "small.txt", PLAIN)
    ctx = pipeline.Context(source=src, config=None, report=Fidelity(src.id))
    doc = pipeline.read(src, ctx)
    ctx.report.source_words = len(ctx.source_tokens)
    ctx.report.audit_reader(ctx.source_tokens, words(doc))
    lost = [w for b in doc["blocks"] if "quokka" in P.stringify(b) for w in words(b)]
    doc["blocks"] = [b for b in doc["blocks"] if "quokka" not in P.stringify(b)]
    ctx.report.finish(words(doc))
    assert len(lost) == 25
    assert ctx.report.unaccounted == 25
    (msg, line), = ctx.report.check(PLAIN)
    assert "25 source words lost" in msg and "lines 5-6" in msg and line == 5


def test_a_rule_the_ledger_does_not_know_is_named_with_its_lines(tmp_path, monkeypatch):
    with_transform(monkeypatch, drop_paragraph_with("quokka"), "mystery-rule")
    sec, ctx = pipeline.normalise(source(tmp_path, "small.txt", PLAIN))
    rep = ctx.report
    assert balanced(rep)
    assert rep.removed["mystery-rule"] == 25
    (w,) = fidelity_warnings(ctx)
    assert "'mystery-rule' removed 25 words" in w and "does not know" in w
    assert "lines 5-6" in w and "small.txt:5:" in w


def test_a_known_rule_removing_a_few_words_is_quiet(tmp_path, monkeypatch):
    def drop_word(doc, ctx):
        def fix(node):
            if node["t"] == "Str" and node["c"] == "bilby,":
                return {"t": "Str", "c": ","}
        return P.walk(doc, fix)
    with_transform(monkeypatch, drop_word, "corrections")
    sec, ctx = pipeline.normalise(source(tmp_path, "small.txt", PLAIN))
    assert balanced(ctx.report)
    assert fidelity_warnings(ctx) == []


# --- fault 2: a note silently dropped ---------------------------------------------

def test_a_dropped_note_is_a_warning_naming_its_lines(tmp_path, monkeypatch):
    def drop_second_note(doc, ctx):
        def fix(node):
            if node["t"] == "Note" and "aardvark" in words(node):
                return []
        doc["blocks"] = P.walk(doc["blocks"], fix)
        return doc
    with_transform(monkeypatch, drop_second_note, "notes")
    sec, ctx = pipeline.normalise(source(tmp_path, "notes.md", NOTES_MD))
    rep = ctx.report
    assert "aardvark" not in words(sec.blocks)
    assert rep.removed["notes"] == 12       # "The second note ... echidna."
    assert balanced(rep)
    (w,) = fidelity_warnings(ctx)
    assert "'notes' removed 12 words" in w and "running text" in w
    assert "lines 11-12" in w


def test_notes_kept_when_nothing_drops_them(tmp_path):
    sec, ctx = pipeline.normalise(source(tmp_path, "notes.md", NOTES_MD))
    assert "aardvark" in words(sec.blocks)
    assert balanced(ctx.report) and fidelity_warnings(ctx) == []


# --- fault 3: 3,000 words of licence in <pre> ---------------------------------------

def test_licence_in_pre_is_counted(tmp_path):
    html = ARTICLE.format(licence=LICENCE)
    sec, ctx = pipeline.normalise(source(tmp_path, "page.html", html))
    rep = ctx.report
    article = 2 + 10 + 4                     # title, two paragraphs
    assert rep.source_words == article + 3000
    assert balanced(rep)
    assert rep.output_words <= rep.source_words + sum(rep.added.values())
    out = words(sec.blocks[1:])
    in_output = sum(1 for w in out if re.fullmatch(r"licence\d+|term\d+|clause", w))
    removed = sum(rep.removed.values())
    # the licence is either printed (kept) or removed by a named rule, never lost
    assert in_output + removed >= 3000
    assert rep.kept >= in_output


# --- every block type counts ------------------------------------------------------

@pytest.mark.parametrize("markdown, expected", [
    ("```\none two three\n```\n", ["one", "two", "three"]),
    ("    four five\n", ["four", "five"]),
    ("<div>six <b>seven</b></div>\n", ["six", "seven"]),
    ("| eight | nine |\n|---|---|\n| ten | eleven |\n\n: twelve caption\n",
     ["eight", "nine", "ten", "eleven", "twelve", "caption"]),
    ("a ![thirteen alt](x.png) b\n", ["a", "thirteen", "alt", "b"]),
    ("text[^n]\n\n[^n]: fourteen fifteen\n", ["text", "fourteen", "fifteen"]),
    ("term\n:   sixteen definition\n", ["term", "sixteen", "definition"]),
    ("| seventeen\n| eighteen\n", ["seventeen", "eighteen"]),
    ("`nineteen twenty` and $x$\n", ["nineteen", "twenty", "and", "x"]),
    ("# Head\n\nterm\n:   def\n", ["Head", "term", "def"]),
    ("| verse\n\nterm\n:   def\n", ["verse", "term", "def"]),
], ids=["fenced-code", "indented-code", "raw-html", "table-caption", "image-alt", "note",
        "definition-list", "line-block", "code-math", "heading-then-term", "verse-then-term"])
def test_words_of_every_block_type(markdown, expected):
    doc = P.parse(markdown, "markdown")
    assert sorted(words(doc)) == sorted(expected)


def test_raw_html_counts_text_not_tags():
    doc = {"blocks": [P.RawBlock("html", "<p class='x'>alpha &amp; beta</p>")]}
    assert words(doc) == ["alpha", "&", "beta"]


# --- the ledger's arithmetic, by hand-counted examples ----------------------------

def ledger(source: list[str]) -> Fidelity:
    rep = Fidelity("t", source_words=len(source))
    rep.audit_reader(source, list(source))
    return rep


def test_counts_accumulate_per_rule():
    rep = Fidelity("t")
    for _ in range(2):
        rep.change("a", 2)
        rep.remove("b", 3)
        rep.remove("c", ["x", "y"])
        rep.add("d", 4)
        rep.fix("e", 5)
    assert (rep.changed, rep.removed, rep.added, rep.fixes) == (
        {"a": 4}, {"b": 6, "c": 4}, {"d": 8}, {"e": 10})
    assert rep.runs == {"c": [["x", "y"], ["x", "y"]]}
    rep.fix("page-break-join")                 # one place by default
    rep.change("structure")
    assert rep.fixes["page-break-join"] == 1 and rep.changed["structure"] == 1
    assert rep.removed_words == [("c", "x"), ("c", "y")] * 2


def test_reader_changes_are_structure_and_gaps_are_lost():
    rep = Fidelity("t", source_words=5)
    rep.audit_reader(["# Title", "one", "two", "three", "four"],
                     ["Title", "one", "two", "three", "four"])
    assert rep.changed == {"structure": 1} and not rep.lost
    rep.finish(["Title", "one", "two", "three", "four"])
    assert (rep.kept, rep.unaccounted) == (4, 0)
    rep = Fidelity("t", source_words=5)
    rep.audit_reader(["# Title", "one", "two", "three", "four"], ["Title", "one", "four"])
    assert rep.changed == {"structure": 1}
    assert rep.lost["two"] == rep.lost["three"] == 1 and "one" not in rep.lost
    assert ["two", "three"] in rep.runs["(lost)"]
    rep.finish(["Title", "one", "four"])
    assert (rep.kept, rep.unaccounted) == (2, 2)


def test_measure_changes_removals_and_additions():
    rep = ledger("a b c d e f".split())
    rep.measure("corrections", "a b c d e f".split(), "a B c d e".split())
    assert rep.changed == {"corrections": 1} and rep.removed == {"corrections": 1}
    assert rep.runs == {}                          # a few words: no runs kept
    rep.measure("corrections", "a B c d e".split(), "a b c d e".split())
    # "B" was not a source word: changed again, not a second source word
    assert rep.changed == {"corrections": 1} and rep.fixes == {"corrections (words changed again)": 1}
    rep.measure("dashes", "a b c d e".split(), "a b c d—e".split())
    assert rep.changed["dashes"] == 2             # "d" and "e" merged into "d—e"
    rep.measure("notes", "a b c d—e".split(), "a b c d—e note words".split(), editorial=True)
    assert rep.added == {"notes": 2}
    rep.measure("dashes", "a b c d—e note words".split(), "a b c d— e note words".split())
    assert rep.fixes["dashes (split words)"] == 1
    rep.finish("a b c d— e note words".split())
    assert rep.pool == Counter()
    assert (rep.kept, rep.unaccounted) == (2, 0)   # "a", "c"; "b" was changed twice
    assert rep.accounted == rep.source_words == 6


def test_measure_keeps_runs_for_a_large_running_text_removal():
    words_ = [f"w{i}" for i in range(20)]
    rep = ledger(words_)
    rep.measure("notes", words_, words_[:5] + words_[12:])
    assert rep.removed == {"notes": 7} and rep.runs == {"notes": [words_[5:12]]}
    rep = ledger(words_)
    rep.measure("notes", words_, words_[:5] + ["X"] + words_[12:])
    assert rep.changed == {"notes": 1} and rep.removed == {"notes": 6}
    assert rep.runs == {"notes": [words_[5:12]]}
    rep = ledger(words_)
    rep.measure("toc", words_, words_[10:])
    assert rep.removed == {"toc": 10} and rep.runs == {}


def test_check_names_each_fault():
    text = "one two three\nfour five six seven\neight nine ten eleven twelve\n"
    src = text.split()
    rep = ledger(src)
    rep.measure("toc", src, src[3:])                        # boilerplate: quiet
    rep.measure("notes", src[3:], src[3:] + ["n"], editorial=True)
    rep.measure("corrections", src[3:] + ["n"], src[4:] + ["n"])   # 1 word: quiet
    rep.finish(src[4:] + ["n"])
    assert rep.check(text) == [] and rep.warnings == []
    rep = ledger(src)
    rep.measure("toc", src, src[1:])
    rep.measure("mystery", src[1:], src[7:])                # unknown: 6 words
    rep.finish(src[7:])
    assert rep.check(text) == [("rule 'mystery' removed 6 words (a rule the ledger "
                                "does not know): lines 1-2", 1)]
    assert rep.warnings == rep.check(text)
    assert rep.check(None) == [("rule 'mystery' removed 6 words (a rule the ledger "
                                "does not know)", None)]
    rep = ledger(src)
    rep.measure("corrections", src, src[:6])                # 6 > FEW running-text words
    rep.finish(src[:6])
    (msg, line), = rep.check(text)
    assert msg == ("rule 'corrections' removed 6 words (running text, not named "
                   "boilerplate): lines 2-3") and line == 2
    rep = ledger(src)
    rep.measure("corrections", src, src[:7])                # exactly FEW: quiet
    rep.finish(src[:7])
    assert rep.check(text) == []


def test_check_reports_lost_and_double_counted_words():
    src = "alpha beta gamma delta".split()
    rep = ledger(src)
    rep.finish(src[:3])                                     # "delta" gone, unmeasured
    assert rep.unaccounted == 1
    assert rep.check("alpha beta\ngamma\ndelta\n") == [
        ("1 source words lost without a rule (the reader or a transform dropped "
         "them uncounted): lines 3", 3)]
    rep = ledger(src)
    rep.remove("toc", 2)                                    # claimed, not removed
    rep.finish(src)
    assert rep.unaccounted == -2
    assert rep.check("") == [("the ledger counted 2 words twice", None)]


def test_report_forms():
    rep = ledger("a b c".split())
    rep.measure("toc", "a b c".split(), ["a"])
    rep.finish(["a"])
    assert rep.as_dict() == {"source": "t", "source_words": 3, "kept": 1, "changed": {},
                             "removed": {"toc": 2}, "added": {}, "fixes": {},
                             "output_words": 1, "unaccounted": 0}
    assert rep.summary() == "3 words: kept 1, changed 0 (none), removed 2 (toc 2), added 0"


@pytest.mark.parametrize("fmt", ["html", "html5", "html4", "HTML"])
def test_raw_html_of_every_flavour_loses_its_tags(fmt):
    assert words({"blocks": [P.RawBlock(fmt, "<b>one</b><i>two</i>")]}) == ["one", "two"]
    assert words([{"t": "RawInline", "c": [fmt, "<br/>x"]}]) == ["x"]


def test_raw_tex_keeps_its_text():
    assert words([P.RawBlock("latex", r"\emph{x} y")]) == [r"\emph{x}", "y"]


def test_line_breaks_and_headings_end_words():
    doc = P.parse("# Head\nText\n\nline  \nbreak\n", "markdown")
    assert words(doc) == ["Head", "Text", "line", "break"]
    inl = [{"t": "Str", "c": "a"}, {"t": "LineBreak"}, {"t": "Str", "c": "b"}]
    assert words([{"t": "Header", "c": [1, ["", [], []], inl]},
                  {"t": "Para", "c": [{"t": "Str", "c": "c"}]}]) == ["a", "b", "c"]


def test_measure_counts_add_up_over_calls():
    src = "a b c d e f g h".split()
    rep = ledger(src)
    rep.measure("toc", src, src[2:])
    rep.measure("toc", src[2:], src[4:])
    assert rep.removed == {"toc": 4}
    rep.measure("quotes", src[4:], ["E", "F", "g", "h"])
    rep.measure("quotes", ["E", "F", "g", "h"], ["E2", "F2", "G", "h"])
    # "E" and "F" were changed before: 2 changed again, 1 source word ("g")
    assert rep.changed == {"quotes": 3}
    assert rep.fixes == {"quotes (words changed again)": 2}
    rep.measure("notes", ["E2", "F2", "G", "h"], ["E2", "F2", "G", "H", "a", "note"],
                editorial=True)
    assert rep.changed["notes"] == 1 and rep.added == {"notes": 2}
    rep.measure("dashes", ["E2", "F2", "G", "H", "a", "note"],
                ["E2", "F2", "G", "H", "a", "no", "te", "x"])
    assert rep.fixes["dashes (split words)"] == 2


def test_check_goes_on_after_a_quiet_rule_and_without_runs():
    src = [f"w{i}" for i in range(30)]
    rep = ledger(src)
    rep.measure("image-caption", src, src[10:])
    rep.measure("mystery", src[10:], src[20:])
    rep.remove("zz-count-only", 7)
    rep.finish(src[20:])
    msgs = [m for m, _ in rep.check(" ".join(src))]
    assert msgs == ["the ledger counted 7 words twice",
                    "rule 'mystery' removed 10 words (a rule the ledger does not know): lines 1",
                    "rule 'zz-count-only' removed 7 words (a rule the ledger does not know)"]


def test_summary_lists_every_rule():
    rep = ledger("a b c d".split())
    rep.measure("toc", "a b c d".split(), ["c", "d"])
    rep.measure("list-marker", ["c", "d"], ["d"])
    rep.finish(["d"])
    assert rep.summary() == ("4 words: kept 1, changed 0 (none), removed 3 "
                             "(list-marker 1, toc 2), added 0")


def test_lost_runs_hold_only_the_lost_words():
    rep = Fidelity("t", source_words=4)
    rep.audit_reader(["x", "y", "z", "w"], ["y", "x", "w"])
    assert rep.runs["(lost)"] == [["z"]]


def test_a_warning_without_lines_does_not_borrow_another_rules_line():
    src = [f"w{i}" for i in range(30)]
    rep = ledger(src)
    rep.measure("aa-rule", src, src[10:])
    rep.remove("zz-count-only", 7)
    rep.finish(src[10:])
    warnings = rep.check("\n".join(src))
    assert [line for _, line in warnings] == [None, 1, None]

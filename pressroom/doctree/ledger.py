"""The fidelity ledger: every source word kept, changed or removed, by rule.

Place in the flow: the pipeline (pipeline.py) opens one ledger per source;
the reader records what it drops (a table of contents, a caption ...) under
a rule name, the reader's output is audited word for word against the
source, and the pipeline diffs the words before and after each named
transform (``measure``). Nothing is derived by subtraction:

- ``kept`` is counted directly, at the end, as the source words that are
  still in the output unchanged;
- ``changed`` and ``removed`` are charged per rule as they happen, and only
  source words are charged (a word changed twice is one source word);
- ``unaccounted`` is the check: source words minus all three. It is 0 when
  every word is accounted for; anything else (a rule that removed words
  without being counted, words counted twice) is reported with its lines.

``check(source_text)`` turns the ledger into warnings naming the lines: lost
words, a rule the ledger does not know that removed words, and any rule
that removed more than ``FEW`` words of running text other than named
boilerplate (a note silently dropped is a warning, not a quiet count).
Every block type counts: code blocks, raw blocks, tables, captions, notes.
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pressroom.doctree.leaves import Leaf
from pressroom.doctree.sourcelines import SourceLines

FEW = 5                 # more than this many running-text words removed: a warning

# Named boilerplate: apparatus of the page or the edition, not the author's
# text; a rule here may remove any number of words without a warning.
BOILERPLATE = frozenset({
    "toc", "title-line", "subtitle-line", "metadata-line", "list-marker",
    "gutenberg-boilerplate", "html-navigation", "html-script", "html-form",
    "figure-chrome", "image-caption", "web-artefact", "sidecar-drop", "sanitize",
    "note-markers", "title-page", "gutenberg-producer", "transcriber-note",
    "page-numbers", "wiki-chrome", "wiki-citations", "source-information",
    "section-break",
    # a word broken at a line end and joined: two source tokens become one
    "line-end-hyphen (joined)"})
# Rules that may change running text, and remove at most a few of its words.
RUNNING_TEXT = frozenset({
    "structure", "notes", "note-def", "editor-interpolation", "heading-numerals",
    "heading-levels", "page-break-join", "block-quotes", "nbsp", "split-possessive",
    "colon-space", "note-space", "corrections", "ellipses", "dashes", "quotes", "ids",
    "markdown-smart"})


@dataclass
class Fidelity:
    source_id: str
    source_words: int = 0
    kept: int = 0
    changed: Counter = field(default_factory=Counter)   # rule -> source words
    removed: Counter = field(default_factory=Counter)   # rule -> source words
    added: Counter = field(default_factory=Counter)     # rule -> words (editorial)
    fixes: Counter = field(default_factory=Counter)     # rule -> places (no word change)
    removed_words: list = field(default_factory=list)   # (rule, word), for audits
    output_words: int = 0
    unaccounted: int = 0                                # must stay 0
    warnings: list = field(default_factory=list)        # (message, first line or None)
    runs: dict = field(default_factory=dict)            # rule -> [removed runs], for lines
    lost: Counter = field(default_factory=Counter)      # words lost without a rule
    pool: Counter = field(default_factory=Counter)      # source words still intact

    def change(self, rule: str, n: int = 1) -> None:
        if n:
            self.changed[rule] += n

    def remove(self, rule: str, n: int | list[str]) -> None:
        """Record removed words: a count, or the words themselves (better:
        they leave the intact pool and their lines can be named)."""
        if isinstance(n, list):
            self.removed_words.extend((rule, w) for w in n)
            self.runs.setdefault(rule, []).append(list(n))
            n = len(n)
        if n:
            self.removed[rule] += n

    def add(self, rule: str, n: int) -> None:
        if n:
            self.added[rule] += n

    def fix(self, rule: str, n: int = 1) -> None:
        if n:
            self.fixes[rule] += n

    def audit_reader(self, source: list[str], output: list[str]) -> None:
        """Check a reader independently: every source word must reach its
        output or the reader's removals. Words the reader altered (a marker
        turned into structure, a Greek letter into a numeral) count as
        changed by "structure"; a word that is simply gone is lost."""
        src, dropped = Counter(source), Counter(w for _, w in self.removed_words)
        # Words the reader found and dropped where the whole-file parse never
        # saw them (pandoc skips an HTML page's <nav> and <footer>) are source
        # words too: counted in, so that what is removed is all source.
        unseen = dropped - src
        self.source_words += sum(unseen.values())
        rest = (src + unseen) - dropped
        out = Counter(output)
        lost, extra = rest - out, out - rest
        n_lost, n_extra = sum(lost.values()), sum(extra.values())
        self.change("structure", min(n_lost, n_extra))
        self.pool = rest & out
        if n_lost > n_extra:
            self.lost = lost
            left, runs = Counter(lost), []
            for run in _deleted_runs(source, output):
                mine = [w for w in run if left[w] > 0 and not left.subtract([w])]
                if mine:
                    runs.append(mine)
            self.runs["(lost)"] = runs

    def measure(self, rule: str, before: list[str], after: list[str],
                editorial: bool = False) -> None:
        """Charge the difference between two word lists to ``rule``.

        Compared as multisets, so words a rule only moves (a note carried
        to its reference mark) count as kept. A word that disappears while
        another appears is a change; what disappears beyond that is
        removed. Only source words still intact are charged; extra new
        words are editorial additions for an editorial rule, else the
        pieces of a changed word (a split "word—word")."""
        if before == after:
            return
        gone = Counter(before) - Counter(after)
        new = Counter(after) - Counter(before)
        d, i = sum(gone.values()), sum(new.values())
        # A word merged into a neighbour ("Darwin’ s" -> "Darwin’s"), or split
        # ("and…then" -> "and… then"), is changed, not removed.
        merged = sum(n for g, n in gone.items() if any(g in w or w in g for w in new))
        pairs = max(min(d, i), min(d, merged)) if i else 0
        source = gone & self.pool
        self.pool -= source
        n_source = sum(source.values())
        self.change(rule, min(pairs, n_source))
        n_removed = n_source - min(pairs, n_source)
        if n_removed:
            self.removed[rule] += n_removed
            if rule not in BOILERPLATE and (rule not in RUNNING_TEXT
                                            or self.removed[rule] > FEW):
                self.runs.setdefault(rule, []).extend(_deleted_runs(before, after))
        if d > n_source:
            self.fix(f"{rule} (words changed again)", d - n_source)
        if i > pairs:
            if editorial:
                self.add(rule, i - pairs)
            else:
                self.fix(f"{rule} (split words)", i - pairs)

    def finish(self, output: list[str]) -> None:
        """Close the ledger once the last transform has run: count the
        source words that reach the output unchanged, and what is left."""
        out = Counter(output)
        self.output_words = len(output)
        intact = self.pool & out
        self.kept = sum(intact.values())
        gone = self.pool - intact            # left the text without a measured rule
        self.lost = self.lost + gone
        self.unaccounted = (self.source_words - self.kept - sum(self.changed.values())
                            - sum(self.removed.values()))
        self.pool = Counter()

    def check(self, source_text: str | None = None) -> list[tuple[str, int | None]]:
        """The ledger's warnings, each (message, first line or None)."""
        lines = SourceLines(source_text or "")
        out = []
        if self.unaccounted > 0:
            where = lines.describe(self.runs.get("(lost)", []), self.lost)
            out.append((f"{self.unaccounted} source words lost without a rule "
                        f"(the reader or a transform dropped them uncounted){where}",
                        lines.first))
        elif self.unaccounted < 0:
            out.append((f"the ledger counted {-self.unaccounted} words twice", None))
        for rule, n in sorted(self.removed.items()):
            if rule in BOILERPLATE or (rule in RUNNING_TEXT and n <= FEW):
                continue
            where = lines.describe(self.runs.get(rule, []))
            what = ("a rule the ledger does not know" if rule not in RUNNING_TEXT
                    else "running text, not named boilerplate")
            out.append((f"rule '{rule}' removed {n} words ({what}){where}", lines.first))
        self.warnings = out
        return out

    @property
    def accounted(self) -> int:
        return self.kept + sum(self.changed.values()) + sum(self.removed.values())

    def as_dict(self) -> dict:
        return {"source": self.source_id, "source_words": self.source_words,
                "kept": self.kept, "changed": dict(self.changed),
                "removed": dict(self.removed), "added": dict(self.added),
                "fixes": dict(self.fixes), "output_words": self.output_words,
                "unaccounted": self.unaccounted}

    def summary(self) -> str:
        def rules(c: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "none"
        return (f"{self.source_words} words: kept {self.kept}, "
                f"changed {sum(self.changed.values())} ({rules(self.changed)}), "
                f"removed {sum(self.removed.values())} ({rules(self.removed)}), "
                f"added {sum(self.added.values())}")


def _deleted_runs(before: list[str], after: list[str]) -> list[list[str]]:
    """The runs of ``before`` that are not in ``after``, in order."""
    sm = SequenceMatcher(None, before, after, autojunk=False)
    return [before[i1:i2] for op, i1, i2, _, _ in sm.get_opcodes()
            if op in ("delete", "replace")]


_TAG = re.compile(r"<[^>]*>")


def _raw_text(fmt: str, text: str) -> str:
    """The words of a raw block or inline: HTML without its tags."""
    if fmt.lower() in ("html", "html5", "html4"):
        return _html.unescape(_TAG.sub(" ", text))
    return text


def words(x) -> list[str]:
    """The words of a subtree, as pandoc.words() counts them, but fast: the
    ledger counts the whole text before and after every transform. Every
    block counts: code blocks, raw blocks (HTML without its tags), tables,
    captions and notes."""
    parts: list[str] = []
    _collect(x, parts.append)
    return "".join(parts).split()


_SPACES = frozenset({"Space", "SoftBreak", "LineBreak"})
_CODE = frozenset({"Code", "Math", "CodeBlock"})
_RAW = frozenset({"RawInline", "RawBlock"})
_ENDS_WORD = frozenset({"Para", "Plain", "Header"})     # a block ends a word


def _collect(n, add) -> None:
    tn = type(n)
    if tn is list:
        for item in n:
            ti = type(item)
            if ti is dict or ti is list or ti is Leaf:
                _collect(item, add)
        return
    if tn is not dict and tn is not Leaf:
        return
    t = n.get("t")
    if t is None:
        if "blocks" in n:
            _collect(n["blocks"], add)
        return
    if t == "Str":
        add(n["c"])
        return
    if t in _SPACES:
        add(" ")
        return
    if t in _CODE:
        add(" " + n["c"][1] + " ")
        return
    if t in _RAW:
        add(" " + _raw_text(*n["c"]) + " ")
        return
    c = n.get("c")
    if t == "LineBlock":                  # verse lines end a word
        add(" ")
        for line in c:
            _collect(line, add)
            add(" ")
        add(" ")
        return
    if t in _ENDS_WORD:
        add(" ")
        if type(c) in (list, dict):
            _collect(c, add)
        add(" ")
        return
    if type(c) in (list, dict):
        _collect(c, add)

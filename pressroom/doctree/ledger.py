"""The fidelity ledger: every source word kept, changed or removed, by rule.

The reader records what it drops (a table of contents, a caption ...) under
a rule name; after that, the pipeline diffs the words before and after each
named transform (``measure``), so a transform cannot change or lose a word
without the ledger saying which rule did it. ``unaccounted`` is what is left
over and must be 0: an editor can audit the manuscript against its source,
and a test proves that no word was lost silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


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

    def change(self, rule: str, n: int = 1) -> None:
        if n:
            self.changed[rule] += n

    def remove(self, rule: str, n: int | list[str]) -> None:
        """Record removed words: a count, or the words themselves (better)."""
        if isinstance(n, list):
            self.removed_words.extend((rule, w) for w in n)
            n = len(n)
        if n:
            self.removed[rule] += n

    def add(self, rule: str, n: int) -> None:
        if n:
            self.added[rule] += n

    def fix(self, rule: str, n: int = 1) -> None:
        if n:
            self.fixes[rule] += n

    def measure(self, rule: str, before: list[str], after: list[str],
                editorial: bool = False) -> None:
        """Charge the difference between two word lists to ``rule``.

        Compared as multisets, so words a rule only moves (a note carried
        to its reference mark) count as kept. A word that disappears while
        another appears is a change; what disappears beyond that is
        removed. Extra new words are editorial additions for an editorial
        rule, else the pieces of a changed word (a split "word—word")."""
        if before == after:
            return
        gone = Counter(before) - Counter(after)
        new = Counter(after) - Counter(before)
        d, i = sum(gone.values()), sum(new.values())
        # A word merged into a neighbour ("Trotsky’ s" -> "Trotsky’s"), or split
        # ("and…then" -> "and… then"), is changed, not removed.
        merged = sum(n for g, n in gone.items() if any(g in w or w in g for w in new))
        pairs = max(min(d, i), min(d, merged)) if i else 0
        self.change(rule, pairs)
        if d > pairs:
            self.remove(rule, list(gone.elements()) if not pairs else d - pairs)
        if i > pairs:
            if editorial:
                self.add(rule, i - pairs)
            else:
                self.fix(f"{rule} (split words)", i - pairs)

    def finish(self, output_words: int) -> None:
        """Close the ledger once the last transform has run."""
        self.output_words = output_words
        self.kept = (self.source_words - sum(self.changed.values())
                     - sum(self.removed.values()) - self.unaccounted)

    def audit_reader(self, source: list[str], output: list[str]) -> None:
        """Check a reader independently: every source word must reach its
        output or the reader's removals. Words the reader altered (a marker
        turned into structure, a Greek letter into a numeral) count as
        changed by "structure"; anything else is unaccounted."""
        rest = Counter(source) - Counter(w for _, w in self.removed_words)
        lost = rest - Counter(output)
        extra = Counter(output) - rest
        n_lost, n_extra = sum(lost.values()), sum(extra.values())
        self.change("structure", min(n_lost, n_extra))
        self.unaccounted += max(0, n_lost - n_extra)

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


_GAP = object()


def words(x) -> list[str]:
    """The words of a subtree, as pandoc.words() counts them, but fast: the
    ledger counts the whole text before and after every transform."""
    parts: list[str] = []
    stack = [x]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(reversed(n))
            continue
        if n is _GAP:
            parts.append(" ")
            continue
        if not isinstance(n, dict):
            continue
        if "t" not in n:
            if "blocks" in n:
                stack.append(n["blocks"])
            continue
        t = n["t"]
        if t == "Str":
            parts.append(n["c"])
            continue
        if t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
            continue
        if t in ("Code", "Math"):
            parts.append(" " + n["c"][1] + " ")
            continue
        if t in ("Para", "Plain", "Header", "LineBlock"):
            parts.append(" ")
            stack.append(_GAP)          # blocks and verse lines end a word
        c = n.get("c")
        if t == "LineBlock":
            stack.extend(reversed([x for line in c for x in (line, _GAP)]))
            continue
        if isinstance(c, (list, dict)):
            stack.append(c)
    return "".join(parts).split()

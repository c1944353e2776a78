"""The fidelity ledger: every source word kept, changed or removed, by rule.

Each transform that changes or drops words records how many, under its own
rule name, so an editor can audit the manuscript against its source and a
test can prove that no word was lost silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Fidelity:
    source_id: str
    source_words: int = 0
    kept: int = 0
    changed: Counter = field(default_factory=Counter)   # rule -> words
    removed: Counter = field(default_factory=Counter)   # rule -> words
    added: Counter = field(default_factory=Counter)     # rule -> words (editorial)

    def change(self, rule: str, n: int = 1) -> None:
        self.changed[rule] += n

    def remove(self, rule: str, n: int) -> None:
        self.removed[rule] += n

    def add(self, rule: str, n: int) -> None:
        self.added[rule] += n

    @property
    def accounted(self) -> int:
        return self.kept + sum(self.changed.values()) + sum(self.removed.values())

    def as_dict(self) -> dict:
        return {"source": self.source_id, "source_words": self.source_words,
                "kept": self.kept, "changed": dict(self.changed),
                "removed": dict(self.removed), "added": dict(self.added)}

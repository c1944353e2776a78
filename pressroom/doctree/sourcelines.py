"""Where words are in a source file: the line ranges a ledger warning names.

Place in the flow: the fidelity ledger (ledger.py) knows removed words as
runs or counts, not positions; this finds them again in the source text
(HTML tags and entities set aside) so that a warning can say "lines 12-40".
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter


def _key(word: str) -> str:
    return re.sub(r"\W+", "", word.casefold())


class SourceLines:
    """Where words are in the source text: line ranges for a warning."""

    def __init__(self, text: str):
        text = re.sub(r"<[^>]*>", lambda m: "\n" * m.group().count("\n") or " ", text)
        self.keys: list[str] = []
        self.lines: list[int] = []
        for n, line in enumerate(_html.unescape(text).splitlines(), start=1):
            for w in line.split():
                if k := _key(w):
                    self.keys.append(k)
                    self.lines.append(n)
        self.first: int | None = None

    def find(self, run: list[str]) -> tuple[int, int] | None:
        """First and last line of ``run``, found as a run of the source."""
        keys = [k for k in map(_key, run) if k]
        if not keys or not self.keys:
            return None
        head, tail = keys[:4], keys[-4:]
        start = self._seek(head, 0)
        if start is None:
            return None
        end = start + len(head) - 1
        if len(keys) > len(head):
            last = self._seek(tail, start + 1)
            if last is not None:
                end = last + len(tail) - 1
        return self.lines[start], self.lines[end]

    def _seek(self, keys: list[str], start: int) -> int | None:
        n = len(keys)
        for i in range(start, len(self.keys) - n + 1):
            if self.keys[i:i + n] == keys:
                return i
        return None

    def places(self, lost: Counter) -> list[tuple[int, int]]:
        """Lines of words known only by count: those whose every occurrence
        in the source is lost are certainly there; near lines are joined."""
        want = Counter()
        for w, n in lost.items():
            if k := _key(w):
                want[k] += n
        have = Counter(self.keys)
        sure = sorted({ln for k, ln in zip(self.keys, self.lines)
                       if want[k] and want[k] >= have[k]})
        spans: list[list[int]] = []
        for ln in sure:
            if spans and ln - spans[-1][1] <= 2:
                spans[-1][1] = ln
            else:
                spans.append([ln, ln])
        return [(a, b) for a, b in spans]

    def describe(self, runs: list[list[str]], lost: Counter | None = None) -> str:
        self.first = None
        spans = sorted({s for s in map(self.find, runs) if s})
        if not spans and lost:
            spans = self.places(lost)
        if not spans:
            return ""
        self.first = spans[0][0]
        shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:6]]
        more = f" and {len(spans) - 6} more places" if len(spans) > 6 else ""
        return f": lines {', '.join(shown)}{more}"

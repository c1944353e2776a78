"""Finding an entry's variants in running text: the matching rules.

glossary.yaml and index.yaml share one set of rules (documented in their
header comments, and implemented only here):

- whole words: the characters either side of a match are not letters or
  digits; a hyphen is a boundary ("anti-Darwin" mentions Darwin), so a
  possessive ('s, s') needs no special case;
- a straight apostrophe in a variant matches ' and ’ (and ‐ ‑ match -);
- case ``sensitive`` (default): as written, and a variant that starts with
  a lower-case letter also matches with a capital first letter;
  ``exact``: only as written; ``any``: any case;
- a variant may be limited to some chapter ids;
- the longest match wins (leftmost-longest, as in "Left SRs" not "SRs").

``Matcher`` compiles all the variants of one file into one regular
expression built from a trie (so ~2,000 variants cost about one pass over
the text) and resolves each candidate in Python, falling back to a shorter
variant when the longest one is the wrong case, chapter or excluded.
Everything works on plain strings; transforms/marking.py maps the spans
back onto the Pandoc tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable

import yaml

from pressroom.errors import UserError
from pressroom.settings import schema as s

CASES = ("sensitive", "exact", "any")

_FOLD = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-",
                       "\u2011": "-", "\u00a0": " ", "\u202f": " "})


def fold(text: str) -> str:
    """Apostrophes and hyphens to ASCII, length preserved."""
    return text.translate(_FOLD)


def lower(text: str) -> str:
    """Lower case, length preserved (characters that grow are kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normal_variant(text: str) -> str:
    """A variant as the matcher compares it: folded, single spaces."""
    return " ".join(fold(text).split())


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# --- the YAML side ---------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    text: str
    chapters: frozenset[str] | None = None   # None: every chapter


class VariantSpec(s.Spec):
    """A variant: text, or a mapping {text: ..., chapters: [ids]}."""
    _map = s.Mapping(fields={"text": s.Text(), "chapters": s.ListOf(s.Text(), min_items=1)},
                     required=("text",))

    def describe(self):
        return "text or {text: ..., chapters: [...]}"

    def check(self, node, path, where):
        if isinstance(node, yaml.MappingNode):
            value = self._map.check(node, path, where)
            return Variant(value["text"], frozenset(value["chapters"])
                           if value.get("chapters") else None)
        return Variant(s.Text().check(node, path, where))


CASE_SPEC = s.Choice(CASES)


def check_chapters(ids: Iterable[str], known: Iterable[str], path, line, what: str) -> None:
    known = set(known)
    for cid in ids:
        if cid not in known:
            raise UserError(f"{what}: unknown chapter id '{cid}'", path, line,
                            "chapter ids: " + ", ".join(sorted(known)))


# --- the text side ---------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Pattern:
    """One variant of one owner (an entry, a sub-entry, an exclusion)."""
    text: str                                # normal_variant(...) form
    owner: Any
    case: str = "sensitive"
    chapters: frozenset[str] | None = None

    def accepts(self, surface: str) -> bool:
        """Does the folded text ``surface`` (same letters, any case) match?"""
        if self.case == "any" or surface == self.text:
            return True
        if self.case == "sensitive" and self.text[:1].islower():
            return surface == self.text[0].upper() + self.text[1:]
        return False

    def in_chapter(self, chapter: str | None) -> bool:
        return chapter is None or self.chapters is None or chapter in self.chapters


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    pattern: Pattern

    @property
    def owner(self):
        return self.pattern.owner


class Matcher:
    """All the patterns of one file, compiled once, matched many times."""

    def __init__(self, patterns: Iterable[Pattern]):
        self.patterns = [p for p in patterns if p.text]
        self._trie: dict = {}
        for p in self.patterns:
            node = self._trie
            for ch in lower(p.text):
                node = node.setdefault(ch, {})
            node.setdefault("", []).append(p)
        body = _trie_regex(self._trie) if self.patterns else "(?!)"
        self._re = re.compile(r"(?<!\w)(?=" + body + r"(?!\w))")

    def longest(self, text: str, chapter: str | None = None,
                accept: Callable[[Hit], bool] | None = None) -> list[Hit]:
        """Non-overlapping hits, leftmost-longest, in text order."""
        folded, low = _prepared(text)
        hits, pos = [], 0
        while True:
            m = self._re.search(low, pos)
            if not m:
                return hits
            p = m.start()
            hit = next(self._candidates(folded, low, p, chapter, accept), None)
            if hit:
                hits.append(hit)
                pos = hit.end
            else:
                pos = p + 1

    def every(self, text: str, chapter: str | None = None) -> list[Hit]:
        """Every hit, overlapping ones included (phrases, exclusions)."""
        folded, low = _prepared(text)
        hits, pos = [], 0
        while True:
            m = self._re.search(low, pos)
            if not m:
                return hits
            hits.extend(self._candidates(folded, low, m.start(), chapter, None))
            pos = m.start() + 1

    def _candidates(self, folded, low, p, chapter, accept):
        """Valid hits starting at p, longest first."""
        ends: list[tuple[int, list[Pattern]]] = []
        node, i, n = self._trie, p, len(low)
        while True:
            if "" in node and (i == n or not is_word_char(low[i])):
                ends.append((i, node[""]))
            if i == n or low[i] not in node:
                break
            node = node[low[i]]
            i += 1
        for end, pats in reversed(ends):
            surface = folded[p:end]
            # The form written exactly so wins over a capitalised or any-case one.
            for pat in sorted(pats, key=lambda q: (q.text != surface, q.case == "any")):
                if not pat.in_chapter(chapter) or not pat.accepts(surface):
                    continue
                hit = Hit(p, end, pat)
                if accept is None or accept(hit):
                    yield hit


@lru_cache(maxsize=8)
def _prepared(text: str) -> tuple[str, str]:
    """Folded and lower-cased text (one paragraph is matched several times)."""
    folded = fold(text)
    return folded, lower(folded)


def _trie_regex(node: dict) -> str:
    alts = [re.escape(ch) + _trie_regex(child)
            for ch, child in sorted(node.items()) if ch != ""]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def find_double_claims(claims: Iterable[tuple[str, str, frozenset | None, Any]]):
    """Given (text, case, chapters, owner) claims, the first
    (earlier owner, later owner, text) where two owners claim one variant
    in a shared chapter, else None. Same text = same after folding; any
    case on either side compares lower case."""
    exact: dict[str, list] = {}
    low: dict[str, list] = {}
    for text, case, chapters, owner in claims:
        t = normal_variant(text)
        rivals = exact.get(t, []) + [c for c in low.get(lower(t), [])
                                     if case == "any" or c[2] == "any"]
        for other, ochapters, _ in rivals:
            if other is not owner and (chapters is None or ochapters is None
                                       or chapters & ochapters):
                return other, owner, text
        exact.setdefault(t, []).append((owner, chapters, case))
        low.setdefault(lower(t), []).append((owner, chapters, case))
    return None

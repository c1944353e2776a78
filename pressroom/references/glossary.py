"""The glossary: manuscript/glossary.yaml as a model every writer reads.

Loaded and checked here (schema errors, a variant claimed by two terms, a
see-also term that does not exist: one line, file:line); filled in by the
marking transform (transforms/marking.py), which links the first occurrence
of each term in each chapter to its definition (``Link``, class ``gl``,
target ``#gl-<key>``) and counts every occurrence. The glossary and the
index are matched independently: a word may be both a term and a heading.

The model, stored on ``book.glossary``::

    glossary.entries    -> [GlossaryEntry], sorted for printing (ignoring
                           case and diacritics)
    entry.term, .key, .anchor (= "gl-<key>", the id writers give the
    definition), .definition (plain text), .see_also (terms),
    .occurrences ({chapter id: count}), .links ({chapter id: link id})
    glossary.terms_in(blocks, chapter=None) -> {key}: the terms that occur
                           in those blocks (marked or not), by the same
                           rules as the marking; ``terms_in(blocks, glossary)``
                           is the same as a function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from weakref import WeakKeyDictionary

from pressroom.transforms.sanitize import plain_text
from pressroom.doctree import pandoc as P
from pressroom.doctree.spans import paragraph_texts
from pressroom.settings import schema as s
from pressroom.doctree.typography import smarten_text
from pressroom.errors import UserError
from pressroom.references.collation import sort_key
from pressroom.references.index import (
    double_claim_error,
    entry_patterns,
    unused_error)
from pressroom.references.matcher import (
    CASE_SPEC,
    Matcher,
    Pattern,
    Variant,
    VariantSpec,
    check_chapters,
    normal_variant)

ENTRY = s.Mapping(
    fields={"term": s.Text(),
            "variants": s.ListOf(VariantSpec(), min_items=1, scalar_ok=True),
            "case": CASE_SPEC, "definition": s.Text(),
            "see_also": s.ListOf(s.Text(), scalar_ok=True),
            "chapters": s.ListOf(s.Text(), min_items=1, scalar_ok=True),
            "exclude": s.ListOf(s.Text(), scalar_ok=True)},
    required=("term", "definition"))

GLOSSARY = s.ListOf(ENTRY)


@dataclass(eq=False)
class GlossaryEntry:
    term: str
    key: str
    definition: str
    variants: list[str]
    see_also: list[str] = field(default_factory=list)
    case: str = "sensitive"
    chapters: frozenset[str] | None = None
    exclude: list[str] = field(default_factory=list)
    line: int | None = None
    occurrences: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    _variants: list[Variant] = field(default_factory=list, repr=False)

    @property
    def anchor(self) -> str:
        return f"gl-{self.key}"

    @property
    def count(self) -> int:
        return sum(self.occurrences.values())

    def patterns(self) -> list[Pattern]:
        return entry_patterns(self, self._variants, self.case, self.chapters)


class Glossary:
    def __init__(self, entries: list[GlossaryEntry], path: Path | None = None):
        self.path = path
        self.entries = sorted(entries, key=lambda e: sort_key(e.term))
        self.by_key = {e.key: e for e in entries}
        self.by_term = {e.term: e for e in entries}
        self.variants = {v: e.key for e in entries for v in e.variants}

    def __len__(self) -> int:
        return len(self.entries)

    def patterns(self) -> list[Pattern]:
        return [p for e in self.entries for p in e.patterns()]

    def exclusion_patterns(self) -> list[Pattern]:
        return [Pattern(normal_variant(x), e, e.case, e.chapters)
                for e in self.entries for x in e.exclude]

    def matchers(self) -> tuple[Matcher, Matcher]:
        """Compiled once per glossary, and kept off the object (so it
        pickles and hashes as plain data)."""
        if self not in _MATCHERS:
            _MATCHERS[self] = (Matcher(self.patterns()), Matcher(self.exclusion_patterns()))
        return _MATCHERS[self]

    def terms_in(self, blocks: list[P.Node], chapter: str | None = None) -> set[str]:
        """Keys of the terms occurring in ``blocks`` (notes included,
        headings and code not). ``chapter`` applies chapter limits; without
        it, chapter-limited variants count everywhere."""
        matcher, excluder = self.matchers()
        found: set[str] = set()
        for text in paragraph_texts(blocks):
            found |= {h.owner.key for h in find_terms(matcher, excluder, text, chapter)}
        return found

    def check_occurs(self) -> None:
        missing = [e for e in self.entries if not e.count]
        if missing:
            raise unused_error("glossary term", [(e.term, e.line) for e in missing],
                               self.path)


_MATCHERS: "WeakKeyDictionary[Glossary, tuple[Matcher, Matcher]]" = WeakKeyDictionary()


def find_terms(matcher: Matcher, excluder: Matcher, text: str, chapter: str | None):
    """Glossary (or index) hits in one paragraph, exclusions applied."""
    excluded = excluder.every(text, chapter) if excluder.patterns else []

    def accept(hit):
        return not any(x.owner is hit.owner and x.start <= hit.start and hit.end <= x.end
                       for x in excluded)
    return matcher.longest(text, chapter, accept if excluded else None)


def terms_in(blocks: list[P.Node], glossary: Glossary, chapter: str | None = None) -> set[str]:
    return glossary.terms_in(blocks, chapter)


def load_glossary(path: Path, chapter_ids: Iterable[str], style=None) -> Glossary:
    """``style``: the book's quotation marks (settings/labels.quote_style)."""
    chapter_ids = list(chapter_ids)
    path = Path(path)
    node = s.load_yaml_nodes(path) if Path(path).is_file() else None   # absent: none
    data = [] if node is None else GLOSSARY.check(node, path, "glossary")
    entries: list[GlossaryEntry] = []
    seen: dict[str, GlossaryEntry] = {}
    for item in data:
        line = s.line_of(item, "term")
        term = item["term"].strip()
        key = P.slugify(term)
        if key in seen:
            raise UserError(f"glossary term '{term}' is written twice "
                            f"(or is too like '{seen[key].term}')", path, line)
        variants = list(dict.fromkeys(item.get("variants") or [Variant(term)]))
        chapters = item.get("chapters")
        check_chapters(chapters or [], chapter_ids, path, line, f"glossary term '{term}'")
        for v in variants:
            check_chapters(v.chapters or [], chapter_ids, path, line,
                           f"variant '{v.text}' of '{term}'")
        entry = GlossaryEntry(
            term=term, key=key, definition=smarten_text(" ".join(plain_text(item["definition"]).split()), style),
            variants=[v.text for v in variants],
            see_also=list(item.get("see_also") or []),
            case=item.get("case", "sensitive"),
            chapters=frozenset(chapters) if chapters else None,
            exclude=list(item.get("exclude") or []), line=line, _variants=variants)
        seen[key] = entry
        entries.append(entry)
    glossary = Glossary(entries, path)
    for e in entries:
        for target in e.see_also:
            if target not in glossary.by_term:
                raise UserError(f"glossary term '{e.term}' has see_also '{target}', "
                                "which is not a term", path, e.line,
                                "write the other term exactly as its term:")
    err = double_claim_error("glossary term", entries, path)
    if err:
        raise err
    return glossary

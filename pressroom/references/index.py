"""The back-of-book index: manuscript/index.yaml as a model every writer reads.

Loaded and checked here (schema errors, a variant claimed by two headings,
see / see also to a heading that does not exist: one line, file:line);
filled in by the marking transform (transforms/marking.py), which gives
every mention a ``Span`` anchor and appends a ``Locator`` to its entry; read
by the writers, which turn locators into page numbers (PDF) or links (EPUB).
An entry with neither ``variants`` nor ``see`` is matched by its heading.

The model, stored on ``book.index``::

    index.groups()      -> [(letter, [IndexEntry])], sorted ignoring case
                           and diacritics, word by word ("Morris, W." before
                           "Morris dance" before "Morrison"); "Émigré" under E
    entry.heading, .key, .kind, .variants (texts), .see (heading or None),
    .see_also (headings), .locators ([Locator(anchor, section_id)] in
    document order, mentions not filed under a sub-entry), .sub (sub-entries,
    same shape, in the order written), .all_locators (entry + subs)
    index.variants      -> {variant text: entry key}
    index.candidates    -> [(name, count)]: frequent capitalised names that
                           no heading covers (for the build report)
    (order, letter groups and page ranges: references/collation.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pressroom.references.collation import letter_of, sort_key
from pressroom.settings import schema as s
from pressroom.errors import UserError
from pressroom.references.matcher import (
    CASE_SPEC,
    Pattern,
    Variant,
    VariantSpec,
    check_chapters,
    find_double_claims,
    normal_variant)
from pressroom.doctree.pandoc import slugify
from pressroom.doctree.typography import smarten_text

KINDS = ("person", "organisation", "place", "event", "publication", "concept")

# A passage: a heading id (the text under that heading), a paragraph id
# ("oakley-42", as the index report lists them) or a phrase of the text.
PASSAGES = s.ListOf(s.Text(), min_items=1, scalar_ok=True)

SUB = s.Mapping(fields={"heading": s.Text(), "passages": PASSAGES},
                required=("heading", "passages"))

ENTRY = s.Mapping(
    fields={"heading": s.Text(), "kind": s.Choice(KINDS),
            "variants": s.ListOf(VariantSpec(), min_items=1, scalar_ok=True),
            "case": CASE_SPEC,
            "chapters": s.ListOf(s.Text(), min_items=1, scalar_ok=True),
            "exclude": s.ListOf(s.Text(), scalar_ok=True),
            "sub": s.ListOf(SUB), "see": s.Text(),
            "add": s.ListOf(s.Text(), scalar_ok=True),
            "drop": s.ListOf(s.Text(), scalar_ok=True),
            "see_also": s.ListOf(s.Text(), scalar_ok=True)},
    required=("heading", "kind"))

INDEX = s.ListOf(ENTRY)


@dataclass(frozen=True)
class Locator:
    anchor: str          # the id of the ix Span in the text
    section_id: str      # the chapter (Section.id) it is in
    para: str = ""       # the paragraph, "<chapter>-<n>" (Index.passages)
    heads: tuple[str, ...] = ()   # ids of the headings it is under, outermost first
    lead: bool = False   # the mention opens its sentence (its grammatical subject)


@dataclass(eq=False)
class SubEntry:
    heading: str
    key: str
    passages: list[str]
    locators: list[Locator] = field(default_factory=list)
    sub: list = field(default_factory=list)
    see: str | None = None
    see_also: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


@dataclass(eq=False)
class IndexEntry:
    heading: str
    key: str
    kind: str
    variants: list[str]
    see: str | None = None
    see_also: list[str] = field(default_factory=list)
    sub: list[SubEntry] = field(default_factory=list)
    locators: list[Locator] = field(default_factory=list)
    case: str = "sensitive"
    chapters: frozenset[str] | None = None
    exclude: list[str] = field(default_factory=list)
    add: list[str] = field(default_factory=list)     # passages kept as locators
    drop: list[str] = field(default_factory=list)    # passages never locators
    line: int | None = None
    mentions: int = 0                      # every hit, placed or not
    shown: bool = True                     # printed (references/locators.prune)
    candidates: list[Locator] = field(default_factory=list)  # every placed mention
    _variants: list[Variant] = field(default_factory=list, repr=False)

    @property
    def all_locators(self) -> list[Locator]:
        return self.locators + [loc for sub in self.sub for loc in sub.locators]

    def patterns(self) -> list[Pattern]:
        return entry_patterns(self, self._variants, self.case, self.chapters)


class Index:
    def __init__(self, entries: list[IndexEntry], path: Path | None = None):
        self.path = path
        self.entries = entries                      # as written in the YAML
        self.by_key = {e.key: e for e in entries}
        self.by_heading = {e.heading: e for e in entries}
        self.variants = {v: e.key for e in entries for v in e.variants}
        self.candidates: list[tuple[str, int]] = []
        self.empty_subs: list[tuple[IndexEntry, SubEntry]] = []
        self.kept: dict[str, int] = {}     # locators.select: mentions, kept, hidden
        # filled in by the marking transform, read by references/locators.py
        self.passages: dict[str, str] = {}          # paragraph id -> its text
        self.head_titles: dict[str, str] = {}       # heading id -> its title
        self.head_subjects: dict[str, set[str]] = {}  # heading id -> entry keys it names

    def __len__(self) -> int:
        return len(self.entries)

    def sorted_entries(self) -> list[IndexEntry]:
        """The entries the editions print, in order."""
        return sorted((e for e in self.entries if e.shown), key=lambda e: sort_key(e.heading))

    def groups(self) -> list[tuple[str, list[IndexEntry]]]:
        out: list[tuple[str, list[IndexEntry]]] = []
        for e in self.sorted_entries():
            letter = letter_of(e.heading)
            if not out or out[-1][0] != letter:
                out.append((letter, []))
            out[-1][1].append(e)
        return out

    def anchors(self) -> list[str]:
        return [loc.anchor for e in self.entries for loc in e.all_locators]

    # --- for the marking transform ---
    def patterns(self) -> list[Pattern]:
        return [p for e in self.entries for p in e.patterns()]

    def exclusion_patterns(self) -> list[Pattern]:
        return [Pattern(normal_variant(x), e, e.case, e.chapters)
                for e in self.entries for x in e.exclude]

    def check_occurs(self) -> None:
        """Every heading with variants was found in the text; and the
        sub-entries that never matched are dropped (with a warning)."""
        missing = [e for e in self.entries if e.variants and not e.mentions]
        if missing:
            raise unused_error("index heading", [(e.heading, e.line) for e in missing],
                               self.path)
        for e in self.entries:
            for sub in list(e.sub):
                if not sub.locators:
                    self.empty_subs.append((e, sub))
                    e.sub.remove(sub)


def entry_ids(headings: Iterable[str]) -> dict[str, str]:
    """{heading: the id of its entry in the index}, "ix-<slug>", unique; the
    printed and the EPUB index give their entries the same ids (headings in
    the order ``Index.groups`` gives them)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for h in headings:
        base = ident = "ix-" + slugify(h)
        k = 2
        while ident in used:
            ident, k = f"{base}-{k}", k + 1
        used.add(ident)
        out.setdefault(h, ident)
    return out


def group_id(letter: str) -> str:
    """The id of a letter group of the index, the same in every edition."""
    return "ix-group-" + slugify(letter)


def entry_patterns(owner, variants: list[Variant], case: str,
                   chapters: frozenset | None) -> list[Pattern]:
    out = []
    for v in variants:
        ch = v.chapters if chapters is None else (
            chapters if v.chapters is None else v.chapters & chapters)
        out.append(Pattern(normal_variant(v.text), owner, case, ch))
    return out


def unused_error(what: str, items: list[tuple[str, int | None]], path) -> UserError:
    name, line = items[0]
    more = ""
    if len(items) > 1:
        rest = ", ".join(f"'{n}'" for n, _ in items[1:6])
        more = f" (and {len(items) - 1} more: {rest}{', ...' if len(items) > 6 else ''})"
    return UserError(f"{what} '{name}' never occurs in the text{more}", path, line,
                     "check its variants and chapters, or remove it")


def double_claim_error(what: str, entries, path) -> UserError | None:
    """A UserError if one variant is claimed by two entries."""
    claims = [(p.text, p.case, p.chapters, e) for e in entries for p in e.patterns()]
    found = find_double_claims(claims)
    if not found:
        return None
    first, second, text = found
    name = lambda e: getattr(e, "heading", None) or e.term
    return UserError(f"variant '{text}' of {what} '{name(second)}' is already claimed "
                     f"by '{name(first)}'", path, second.line,
                     "a variant may belong to one entry only; limit it with chapters: "
                     "or remove it from one")


def load_index(path: Path, chapter_ids: Iterable[str], style=None) -> Index:
    """``style``: the book's quotation marks (settings/labels.quote_style)."""
    chapter_ids = list(chapter_ids)
    node = s.load_yaml_nodes(Path(path)) if Path(path).is_file() else None  # absent: none
    data = [] if node is None else INDEX.check(node, Path(path), "index")
    entries: list[IndexEntry] = []
    seen: dict[str, IndexEntry] = {}
    for item in data:
        line = s.line_of(item, "heading")
        # Keys (and so anchors) come from the heading as written; what is
        # printed gets the book's typography (curly apostrophes).
        key = slugify(item["heading"].strip())
        heading = smarten_text(item["heading"].strip(), style)
        if key in seen:
            raise UserError(f"index heading '{heading}' is written twice "
                            f"(or is too like '{seen[key].heading}')", path, line)
        variants = item.get("variants")
        if item.get("see") and variants:
            raise UserError(f"index heading '{heading}' has both see: and variants:",
                            path, line, "a see entry is a cross-reference only")
        if not item.get("see") and not variants:
            variants = [Variant(heading)]
        variants = variants or []
        chapters = item.get("chapters")
        check_chapters(chapters or [], chapter_ids, path, line, f"index heading '{heading}'")
        for v in variants:
            check_chapters(v.chapters or [], chapter_ids, path, line,
                           f"variant '{v.text}' of '{heading}'")
        subs, subkeys = [], set()
        for sub in item.get("sub") or []:
            skey = slugify(sub["heading"])
            if skey in subkeys:
                raise UserError(f"sub-entry '{sub['heading']}' of '{heading}' is written twice",
                                path, s.line_of(sub, "heading"))
            subkeys.add(skey)
            subs.append(SubEntry(smarten_text(sub["heading"], style), skey, list(sub["passages"])))
        uniq = list(dict.fromkeys(variants))
        entry = IndexEntry(
            heading=heading, key=key, kind=item["kind"],
            variants=[v.text for v in uniq],
            see=smarten_text(item["see"], style) if item.get("see") else None,
            see_also=[smarten_text(t, style) for t in item.get("see_also") or []], sub=subs,
            case=item.get("case", "sensitive"),
            chapters=frozenset(chapters) if chapters else None,
            exclude=list(item.get("exclude") or []), add=list(item.get("add") or []),
            drop=list(item.get("drop") or []), line=line, _variants=uniq)
        seen[key] = entry
        entries.append(entry)
    index = Index(entries, Path(path))
    for e in entries:
        for target in ([e.see] if e.see else []) + e.see_also:
            if target not in index.by_heading:
                raise UserError(f"index heading '{e.heading}' refers to '{target}', "
                                "which is not a heading", path, e.line,
                                "write the target's heading exactly")
    err = double_claim_error("index heading", entries, path)
    if err:
        raise err
    return index

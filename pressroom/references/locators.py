"""Which mentions become index locators, and under which sub-entry.

Place in the flow: the marking transform (transforms/marking.py) anchors
every mention of an index heading and records it as a candidate
``Locator`` (its paragraph, the headings it is under, whether it opens its
sentence); ``select(index)`` then runs once, before the writers, and
keeps the substantive ones. The writers print only what is kept; the
other anchors stay in the text, unused.

**The rule.** A mention of a heading is a locator when the passage is
about the subject, that is when at least one of these holds:

1. the editor says so: its paragraph is one of the heading's ``add:``
   passages, or one of its sub-entries' ``passages:``;
2. a heading of the section it is in (below the chapter title) names the
   subject;
3. its paragraph mentions the subject ``DENSE`` (3) or more times;

or, for a subject the book mentions in at most ``FREQUENT`` (25)
paragraphs (for the book's big subjects, only the editor's passages and
rules 2-3 count: everything else is a passing mention),

4. its paragraph mentions the subject two or more times;
5. it is (part of) the subject of its sentence: it comes within the
   sentence's first five words, none of them a preposition
   ("Morris argued", "Smith and Jones opposed", not "In London");
6. the subject is rare: the book mentions it in at most
   ``RARE_PARAGRAPHS`` (3) paragraphs, so each of them is its discussion;

and its paragraph is not one of the heading's ``drop:`` passages.

A **passage** (``add:``, ``drop:``, a sub-entry's ``passages:``) is one of
a heading id (every paragraph under that heading), a paragraph id
``<chapter>-<n>`` (the n-th paragraph of the chapter, notes counted where
they are called; ``python -m pressroom.tools.index_report`` lists them) or
a phrase (every paragraph whose text contains it, case-sensitive).

A kept mention is filed under the first sub-entry one of whose passages
holds its paragraph; otherwise under the heading itself.

``LIMIT`` is the most undifferentiated locators (printed page references,
a range counting once) a heading or sub-entry may have: ``check_limit``
fails the build, naming the heading, when one has more (CMOS 15.100:
break up long strings of locators into sub-entries).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from pressroom.errors import UserError

LIMIT = 8
RARE_PARAGRAPHS = 3
FREQUENT = 25
DENSE = 3
SUBJECT_WORDS = 6
PREPOSITIONS = {"of", "in", "into", "to", "by", "with", "from", "against", "for", "on",
                "at", "as", "than", "about", "under", "after", "before", "since", "during",
                "through", "between", "among", "without", "towards", "toward", "over",
                "like", "unlike", "upon", "within", "across", "behind", "beyond", "despite",
                "until", "via", "per", "including", "following", "following"}
_SENTENCE_END = re.compile(r"[.!?;:]['’\"”)]*\s+|^")
_WORDS = re.compile(r"[\w’'-]+")


def opens_sentence(text: str, start: int) -> bool:
    """True if the mention at ``start`` is (part of) the subject of its
    sentence (rule 5), by a heuristic: it comes within the sentence's first
    ``SUBJECT_WORDS`` words, and no word before it is a preposition
    (``PREPOSITIONS``: "In London, ...", "the leaders of the guild")."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    words = [w.lower().strip("’'") for w in _WORDS.findall(text[begin:start])]
    return len(words) < SUBJECT_WORDS and not any(w in PREPOSITIONS for w in words)


def _matches(passage: str, loc, index) -> bool:
    if passage == loc.para or passage in loc.heads:
        return True
    if _ID.fullmatch(passage):
        return False                         # an id that names another passage
    text = index.passages.get(loc.para, "")
    return _norm(passage) in text


def _norm(text: str) -> str:
    return text.replace("'", "\u2019")


def select(index) -> dict[str, int]:
    """Keep the substantive candidates of every entry (see the module
    docstring) as its or its sub-entries' locators. Returns counts for the
    build report: mentions (anchored) and kept."""
    check_passages(index)
    paragraphs = {e.key: {loc.para for loc in e.candidates} for e in index.entries}
    kept_total = 0
    for e in index.entries:
        per_para = Counter(loc.para for loc in e.candidates)
        spread = len(paragraphs[e.key])
        e.locators = []
        for sub in e.sub:
            sub.locators = []
        for loc in e.candidates:
            if any(_matches(p, loc, index) for p in e.drop):
                continue
            sub = next((s for s in e.sub
                        if any(_matches(p, loc, index) for p in s.passages)), None)
            named = any(e.key in index.head_subjects.get(h, ()) for h in loc.heads[1:])
            minor = spread <= FREQUENT and (spread <= RARE_PARAGRAPHS or loc.lead
                                            or per_para[loc.para] >= 2)
            if (sub is not None or named or per_para[loc.para] >= DENSE or minor
                    or any(_matches(p, loc, index) for p in e.add)):
                (sub or e).locators.append(loc)
                kept_total += 1
    hidden = prune(index)
    return {"mentions": sum(len(e.candidates) for e in index.entries), "kept": kept_total,
            "hidden": hidden}


def prune(index) -> int:
    """Leave out (``entry.shown`` False) the headings with nothing to print:
    no kept locator and no sub-entry (all their mentions were passing), or
    a see to a heading left out; and drop the see also that point at one.
    Returns how many headings with mentions were left out."""
    for e in index.entries:
        e.shown = bool(e.locators or any(s.locators for s in e.sub) or e.see)
    changed = True
    while changed:
        changed = False
        shown = {e.heading for e in index.entries if e.shown}
        for e in index.entries:
            if e.see and e.see not in shown and e.shown:
                e.shown, changed = False, True
            e.see_also = [h for h in e.see_also if h in shown]
    return sum(1 for e in index.entries if e.variants and not e.shown)


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def check_passages(index) -> None:
    """Every passage the editor names exists: an id names a heading or a
    paragraph, a phrase occurs in some paragraph (one line, file:line)."""
    texts = list(index.passages.values())
    for e in index.entries:
        named = [("add", p) for p in e.add] + [("drop", p) for p in e.drop] + [
            (f"sub-entry '{s.heading}'", p) for s in e.sub for p in s.passages]
        for where, p in named:
            if _ID.fullmatch(p):
                ok = p in index.head_titles or p in index.passages
            else:
                ok = any(_norm(p) in t for t in texts)
            if not ok:
                raise UserError(f"index heading '{e.heading}', {where}: passage '{p}' is "
                                "neither a heading id, a paragraph id nor a phrase of the text",
                                index.path, e.line, "python -m pressroom.tools.index_report "
                                "lists the ids")


def check_limit(rows, path=None) -> None:
    """``rows``: (heading, sub-heading or None, number of printed locators).
    Fails naming the first heading or sub-entry over ``LIMIT``."""
    over = [(h, s, n) for h, s, n in rows if n > LIMIT]
    if not over:
        return
    h, s, n = over[0]
    name = f"'{h}'" + (f", sub-entry '{s}'" if s else "")
    more = f" (and {len(over) - 1} more)" if len(over) > 1 else ""
    raise UserError(f"index heading {name} has {n} undifferentiated locators, more than "
                    f"{LIMIT}{more}", path, None,
                    "file its passages under sub-entries (sub: ... passages:), or drop: "
                    "passing mentions; python -m pressroom.tools.index_report lists them")


def passages_by_entry(index) -> dict[str, list]:
    """{entry key: [(paragraph id, [locators])]} for the report, in text order."""
    out: dict[str, list] = {}
    for e in index.entries:
        groups: dict[str, list] = defaultdict(list)
        for loc in e.candidates:
            groups[loc.para].append(loc)
        out[e.key] = list(groups.items())
    return out

"""Study packets, step 1: which part of the book each group session reads.

Place in the flow: book.yaml ``packets:`` + Book → **packets_plan** →
packets_html (the packet as HTML) → packets (PDFs and booklets).

A session names its chapters; one long chapter may be cut with ``from``
(first heading read) and ``until`` (first heading not read). Headings are
found by id robustly, because the normaliser's ids may change: the key may
be the full id, the id without the chapter prefix, or the heading text's
slug, with leading section numbers ("5-") ignored on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pressroom.transforms.sanitize import plain_text
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.errors import UserError

WORDS_PER_MINUTE = 230


@dataclass
class Reading:
    """One chapter's share of a packet: the chapter and the blocks read."""
    section: Section
    blocks: list[P.Node]           # the chapter's Header level 1 first
    partial: bool = False


@dataclass
class Packet:
    number: int
    name: str
    title: str
    readings: list[Reading]
    questions: list[str]
    words_per_minute: int = WORDS_PER_MINUTE
    terms: list = field(default_factory=list)     # glossary entries, filled later

    @property
    def slug(self) -> str:
        return f"{self.number:02d}-{self.name}"

    @property
    def blocks(self) -> list[P.Node]:
        return [b for r in self.readings for b in r.blocks]

    @property
    def words(self) -> int:
        return sum(len(P.stringify(r.blocks).split()) for r in self.readings)

    @property
    def minutes(self) -> int:
        return max(1, round(self.words / self.words_per_minute))


def _norm(key: str) -> str:
    return re.sub(r"^[\d-]+", "", P.slugify(key))


def find_heading(sec: Section, key: str) -> int | None:
    """Index in ``sec.blocks`` of the heading named by ``key``, or None."""
    wanted = {key, f"{sec.id}-{key}"}
    loose = _norm(key.removeprefix(f"{sec.id}-"))
    fallback = None
    for i, node in enumerate(sec.blocks):
        if node["t"] != "Header" or i == 0:
            continue
        hid, text = node["c"][1][0], P.stringify(node["c"][2])
        if hid in wanted:
            return i
        if fallback is None and loose and loose in (
                _norm(hid.removeprefix(f"{sec.id}-")), _norm(text)):
            fallback = i
    return fallback


def reading(sec: Section, start: str | None, until: str | None, where: str) -> Reading:
    lo, hi = 1, len(sec.blocks)
    for key, which in ((start, "from"), (until, "until")):
        if not key:
            continue
        i = find_heading(sec, key)
        if i is None:
            raise UserError(f"{where}: {which}: no heading '{key}' in chapter '{sec.id}'",
                            hint="use a heading id from the manuscript (dist/<slug>.md)")
        if which == "from":
            lo = i
        else:
            hi = i
    if hi <= lo:
        raise UserError(f"{where}: 'until' comes before 'from' in chapter '{sec.id}'")
    return Reading(sec, [sec.blocks[0]] + sec.blocks[lo:hi], partial=bool(start or until))


def plan(book: Book) -> list[Packet]:
    """The packets book.yaml asks for, in order (none if it asks for none)."""
    conf = book.config.data.get("packets") or {}
    wpm = conf.get("words_per_minute") or WORDS_PER_MINUTE
    out = []
    for n, session in enumerate(conf.get("sessions") or [], start=1):
        where = f"book.yaml packets.sessions[{n}] ({session['name']})"
        chapters = session["chapters"]
        if (session.get("from") or session.get("until")) and len(chapters) != 1:
            raise UserError(f"{where}: from/until need exactly one chapter")
        readings = []
        for cid in chapters:
            try:
                sec = book.chapter(cid)
            except KeyError:
                raise UserError(f"{where}: no chapter '{cid}'",
                                hint="chapter ids: " + ", ".join(s.id for s in book.chapters)) from None
            readings.append(reading(sec, session.get("from"), session.get("until"), where))
        out.append(Packet(n, session["name"], session["title"], readings,
                          [plain_text(q) for q in session["questions"]], wpm))
    return out


def glossary_terms(book: Book, packet: Packet) -> list:
    """The glossary entries whose terms occur in the packet's reading,
    in the glossary's order (none while the book has no glossary)."""
    g = book.glossary
    if g is None:
        return []
    keys: set[str] = set()
    for r in packet.readings:
        keys |= set(g.terms_in(r.blocks, r.section.id))
    return [e for e in g.entries if e.key in keys]

"""Study packets, step 1: which part of the book each group session reads.

Place in the flow: book.yaml ``packets:`` + Book → **packets_plan** →
packets_html (the packet as HTML) → packets (PDFs and booklets).

A session names its chapters; one long chapter may be cut with ``from``
(first heading read) and ``until`` (first heading not read), both section
headings (level 2), the units the packet's cover names its range by. The sessions
and their headings are checked, and found, by settings/packets.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pressroom.transforms.sanitize import plain_text
from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.settings.packets import WORDS_PER_MINUTE, reading_range
from pressroom.doctree.typography import smarten_text
from pressroom.settings.labels import quote_style


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

    @property
    def slug(self) -> str:
        return f"{self.number:02d}-{self.name}"

    @property
    def blocks(self) -> list[P.Node]:
        return [b for r in self.readings for b in r.blocks]

    @cached_property
    def words(self) -> int:
        # block by block: stringify joins blocks with no space between them;
        # kept: the cover, the pool's order and every layout's HTML ask for it
        return sum(len(P.stringify(b).split()) for r in self.readings for b in r.blocks)

    @property
    def minutes(self) -> int:
        return max(1, round(self.words / self.words_per_minute))


def plan(book: Book) -> list[Packet]:
    """The packets book.yaml asks for, in order (none if it asks for none);
    the sessions were checked when book.yaml loaded (settings/packets.py)."""
    conf = book.config.packet_settings
    out, style = [], quote_style(book.config.data.get("language"))
    for session in conf.sessions:
        readings = []
        for cid in session.chapters:
            sec = book.chapter(cid)
            lo, hi = reading_range(sec, session, book.config.path)
            readings.append(Reading(sec, [sec.blocks[0]] + sec.blocks[lo:hi],
                                    partial=bool(session.start or session.until)))
        out.append(Packet(session.number, session.name, smarten_text(session.title, style), readings,
                          [smarten_text(plain_text(q), style) for q in session.questions], conf.words_per_minute))
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

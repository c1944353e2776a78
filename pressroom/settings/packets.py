"""The study packets' settings, checked when book.yaml loads.

Place in the flow: book.yaml ``packets:`` → **settings/packets.py** →
``BookConfig.packet_settings`` → the packets builder (builders/packets/).
Checked here, with book.yaml's file:line, before anything is laid out:
session names (they become file names), chapters that exist, ``from`` and
``until`` with exactly one chapter; and, once the chapters are normalised
(``check_headings``, run by the pipeline, so ``build.py check`` sees it),
that ``from`` and ``until`` name headings that exist, in that order.

Headings are found by id robustly, because the normaliser's ids may change:
the key may be the full id, the id without the chapter prefix, or the
heading text's slug, with leading section numbers ("5-") ignored on both
sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.settings.ids import check_id

WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Session:
    number: int
    name: str
    title: str
    chapters: tuple[str, ...]
    start: str | None              # book.yaml's ``from``
    until: str | None
    questions: tuple[str, ...]
    lines: dict                    # key -> book.yaml line

    @property
    def where(self) -> str:
        return f"packets.sessions[{self.number}] ({self.name})"


@dataclass(frozen=True)
class PacketSettings:
    paper: str = "a4"
    words_per_minute: int = WORDS_PER_MINUTE
    sessions: tuple[Session, ...] = ()


def load(raw: dict | None, chapter_ids: Iterable[str], path: Path) -> PacketSettings:
    """PacketSettings from book.yaml's schema-checked ``packets:`` mapping
    (with its ``__lines__``)."""
    raw = raw or {}
    known = list(chapter_ids)
    sessions = []
    for n, item in enumerate(raw.get("sessions") or [], start=1):
        lines = item.get("__lines__", {})
        name = check_id(item["name"], f"packets.sessions[{n}].name", path, lines.get("name"))
        session = Session(n, name, item["title"], tuple(item["chapters"]),
                          item.get("from"), item.get("until"), tuple(item["questions"]), lines)
        if (session.start or session.until) and len(session.chapters) != 1:
            raise UserError(f"{session.where}: from/until need exactly one chapter", path,
                            lines.get("from") or lines.get("until"))
        for cid in session.chapters:
            if cid not in known:
                raise UserError(f"{session.where}: no chapter '{cid}'", path,
                                lines.get("chapters"), "chapter ids: " + ", ".join(known))
        sessions.append(session)
    return PacketSettings(paper=raw.get("paper") or "a4",
                          words_per_minute=raw.get("words_per_minute") or WORDS_PER_MINUTE,
                          sessions=tuple(sessions))


def _norm(key: str) -> str:
    return re.sub(r"^[\d-]+", "", P.slugify(key))


def find_heading(sec, key: str) -> int | None:
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


def reading_range(sec, session: Session, path: Path | None = None) -> tuple[int, int]:
    """The blocks [lo, hi) of ``sec`` the session reads (after its title)."""
    lo, hi = 1, len(sec.blocks)
    for key, which, attr in ((session.start, "from", "from"), (session.until, "until", "until")):
        if not key:
            continue
        i = find_heading(sec, key)
        if i is None:
            raise UserError(f"{session.where}: {which}: no heading '{key}' in chapter '{sec.id}'",
                            path, session.lines.get(attr),
                            "use a heading id from the manuscript (dist/<slug>.md)")
        level = sec.blocks[i]["c"][0]
        if level != 2:
            # A packet's cover names its range by section: a reading starts
            # and stops at a level-2 heading, never inside a section.
            raise UserError(f"{session.where}: {which}: '{key}' is a level-{level} heading; "
                            f"a reading starts and ends at a section (level 2)",
                            path, session.lines.get(attr),
                            "name the section heading (## in dist/<slug>.md) "
                            "that the reading should start or stop at")
        if which == "from":
            lo = i
        else:
            hi = i
    if hi <= lo:
        raise UserError(f"{session.where}: 'until' comes before 'from' in chapter '{sec.id}'",
                        path, session.lines.get("until"))
    return lo, hi


def check_headings(settings: PacketSettings, chapters: dict, path: Path) -> None:
    """Every session's from/until names a heading of its normalised chapter
    (``chapters``: id -> Section), in reading order."""
    for session in settings.sessions:
        if session.start or session.until:
            reading_range(chapters[session.chapters[0]], session, path)

"""Chapters laid out by an earlier build of the same process, reused.

Place in the flow: a long-running command (``build.py watch``) makes one
``LaidOut`` and hands it to every build through ``BuildContext.layouts``;
pdf_layout asks it for each chapter before laying the chapter out.

A chapter's pages depend on its HTML, the stylesheets and the folio it
starts on, and on nothing else (every chapter opens on a recto and is laid
out as a document of its own: see pdf_layout). So a chapter whose HTML,
styles and first folio are those of the previous build is taken as it was:
its pages, and the footnote-fix CSS it needed. Contents, glossary and index
are always laid out again (they show page numbers).

WeasyPrint's pages hold Pango objects of the renderer that made them, so an
entry keeps that renderer alive with them; they cannot be pickled, which is
why this lives in one process only. After a build, ``keep_only`` drops the
chapters that build did not use, so the store never holds more than one
book's chapters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def chapter_key(signature: str, html: str, folio: int) -> str:
    """What a chapter's layout depends on: stylesheets, its HTML, its first folio."""
    return hashlib.sha256(f"{signature}\0{html}\0{folio}".encode()).hexdigest()


@dataclass
class Entry:
    renderer: object            # the _Renderer whose fonts the pages use
    document: object            # the chapter's weasyprint.Document
    fixes: list[str]            # the footnote-fix CSS lines it needed
    css: str                    # the fix CSS, as a note hint


@dataclass
class LaidOut:
    """Chapters laid out by this process's previous build, by ``chapter_key``."""
    entries: dict[str, Entry] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    reused: list[str] = field(default_factory=list)     # chapter ids, this build

    def begin(self) -> None:
        self.used, self.reused = set(), []

    def get(self, key: str, ident: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.used.add(key)
            self.reused.append(ident)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        self.used.add(key)

    def keep_only_used(self) -> None:
        self.entries = {k: e for k, e in self.entries.items() if k in self.used}

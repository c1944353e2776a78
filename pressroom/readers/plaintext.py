"""Plain-text reader: recovers a text's structure from its lines.

Web scrapes put one paragraph on each line; Project Gutenberg files wrap
paragraphs at ~70 columns. Either way the reader strips the Gutenberg
header and footer (readers/gutenberg), finds the title and the metadata
lines (left to the sidecar) and a table of contents (dropped, but used as
the ground truth for heading levels); then it cuts the lines into units
(textunits), says what each is (textclassify: headings, lists, verse,
attributions, note texts from textnotes) and builds the tree
(textblocks). Every word it drops is recorded in the ledger under a rule.
Quotations with marks, notes, clean-up and typography are left to the
transforms, which work the same on every format.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.settings.config import Source
from pressroom.readers import gutenberg
from pressroom.readers import textfront
from pressroom.readers import textheads
from pressroom.readers import wiki
from pressroom.readers import textlines as T
from pressroom.readers.decode import read_source
from pressroom.readers.textblocks import blocks
from pressroom.readers.textclassify import classify
from pressroom.readers.textunits import units as units_of


METADATA = re.compile(
    r"^(published|posted|written by|by|author|date|updated|first published)\b\s*:?\s*\S",
    re.I)
DATE_ONLY = re.compile(
    r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+(\d{1,2},?\s+)?\d{4})$", re.I)
SUBTITLE = re.compile(r"^(part|volume|book)\s+([ivxlc]+|\d+)\s*[:.–—-]\s*\S", re.I)


def read_text(source: Source, ctx) -> P.Node:
    text, _ = read_source(source, ctx)
    ctx.source_text = text
    ctx.source_tokens = text.split()
    lines = text.split("\n")
    forced, wiki_title = {}, None
    if wiki.is_wiki(text):
        lines, forced, wiki_title = wiki.read(lines, ctx.report)
    had_header = any(gutenberg.START.match(l) for l in lines)
    lines, pg_title = gutenberg.strip(lines, ctx.report)
    lines, entries = textfront.contents(lines, ctx.report, ctx.warn)
    r = _Reader(source, ctx, lines)
    r.toc = [e for e in entries if not re.fullmatch(r"(?i)chap(ter)?\.?|page|chap\.?\s+page", e)]
    r.gutenberg = had_header
    r.pg_title = pg_title
    r.forced = {i + 1: lvl for i, lvl in forced.items()}      # by line number
    if wiki_title:
        r.meta["title"] = {"t": "MetaString", "c": wiki_title}
    return r.read()


class _Reader:
    def __init__(self, source: Source, ctx, lines: list[str]):
        self.source, self.ctx, self.lines = source, ctx, lines
        self.meta: dict = {}
        structure = source.meta.get("structure") or {}
        self.quote_ranges = T.parse_ranges(structure.get("quotes"))
        self.verse_ranges = T.parse_ranges(structure.get("verse"))
        self.not_headings = set(T.parse_ranges_lines(structure.get("not_headings")))
        self.subheadings = set(T.parse_ranges_lines(structure.get("subheadings")))
        self.width = T.wrap_width(lines)
        ctx.wrapped = bool(self.width)   # quotes.py: wrapped text indents its quotations
        self.toc: list[str] = []
        self.gutenberg = False
        self.forced: dict[int, int] = {}   # line -> heading level the source marks
        self.pg_title: str | None = None

    def drop(self, rule: str, text: str) -> None:
        self.ctx.report.remove(rule, text.split())

    # --- the front block and the table of contents ----------------------

    def front(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        if self.gutenberg:
            chunks, title = textfront.title_page(chunks, self.pg_title, self.ctx.report)
            if title:
                self.meta["title"] = {"t": "MetaString", "c": title}
                return self.repeated_title(chunks, title)
        first = chunks[0].text if chunks else ""
        if chunks and chunks[0].single and len(first) <= 150 \
                and not T.ends_sentence(first[:-1] if first.isupper() else first):
            self.meta["title"] = {"t": "MetaString", "c": chunks[0].text}
            self.drop("title-line", chunks[0].lines[0])
            chunks = chunks[1:]
        subtitle = T.key(self.source.meta.get("subtitle") or "")
        while chunks and chunks[0].single:
            line = chunks[0].text
            if METADATA.match(line) or DATE_ONLY.match(line):
                self.drop("metadata-line", chunks[0].lines[0])
            elif SUBTITLE.match(line) or (subtitle and T.key(line) == subtitle):
                self.meta["subtitle"] = {"t": "MetaString", "c": line}
                self.drop("subtitle-line", chunks[0].lines[0])
            else:
                break
            chunks = chunks[1:]
        return chunks

    def repeated_title(self, chunks: list[T.Chunk], title: str) -> list[T.Chunk]:
        """A half-title (the book's title again before its first part) is
        not a heading."""
        out = []
        for c in chunks:
            if c.single and T.key(c.text) == T.key(title):
                self.drop("title-line", c.text)
                continue
            out.append(c)
        return out

    def find_toc(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        """A block of short consecutive lines whose entries recur later as
        isolated lines is a table of contents: drop it, keep its entries.
        The isolated lines are indexed once (T.KeyIndex), so each entry
        is compared with the few lines that share its first words, not
        with every line of the book."""
        index = T.KeyIndex()
        for i, c in enumerate(chunks):
            if c.single:
                index.add(c.text, i)
        out: list[T.Chunk] = []
        for i, c in enumerate(chunks):
            if len(c.lines) >= 3 and all(len(T.clean(l)) <= 100 for l in c.lines):
                entries = [T.clean(l) for l in c.lines]
                found = [index.find(e, after=i) for e in entries]
                if sum(found) * 2 >= len(entries):
                    self.toc.extend(entries)
                    for l in c.lines:
                        self.drop("toc", l)
                    if out and out[-1].single and T.CONTENTS.match(out[-1].text):
                        self.drop("toc", out.pop().lines[0])
                    for e, hit in zip(entries, found):
                        if not hit:
                            self.ctx.warn(f"contents entry with no section: '{e}'", c.start)
                    continue
            out.append(c)
        return out

    def read(self) -> P.Node:
        chunks = T.chunks(self.lines)
        chunks = self.front(chunks)
        chunks = self.find_toc(chunks)
        units = textheads.merge_labels(units_of(self, chunks), self.width)
        classify(self, units)
        return P.document(blocks(self, [u for u in units if u["kind"] != "drop"]), self.meta)

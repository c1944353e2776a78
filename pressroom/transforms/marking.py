"""The book transform that marks glossary terms and index mentions.

Runs once in ``pipeline.build_book``, after every chapter is normalised,
over the chapters (front matter is not marked). Each paragraph (Para,
Plain, each line of a LineBlock; inside block quotes, lists, divs, tables
and notes too; never Headers, code or Links) is matched as one string
(pressroom/matcher.py: whole words, longest match wins), and the spans are
mapped back onto its inlines, splitting Str nodes and Emph & co. as needed.

What the marks look like (writers rely on this):

- every index mention: ``Span`` id ``ix-<chapter>-<entrykey>-<n>`` (n counts
  that entry's mentions in that chapter, so an anchor stays the same while
  its chapter's text is unchanged), classes ``["ix"]``, attributes
  ``{"ix": <entry key>}``; each becomes a candidate ``Locator`` on its
  entry, with its paragraph ("<chapter>-<n>") and the headings it is under,
  and references/locators.py keeps the substantive ones and files them
  under sub-entries (paragraph texts and heading titles are left on the
  index for it);
- the first occurrence of each glossary term in each chapter: ``Link``
  id ``glref-<chapter>-<key>``, classes ``["gl"]``, target ``#gl-<key>``
  (around or inside an ix Span when both mark the same words).

The unmarked blocks stay on ``Section.clean_blocks`` (the editor's
manuscript is written from them); the marked ones replace
``Section.blocks``. The transform is pure: it builds new nodes and never
changes the old ones in place.
"""

from __future__ import annotations

from collections import Counter

from pressroom.doctree import pandoc as P
from pressroom.doctree.spans import (
    UNMARKED_BLOCKS,
    Mark,
    build,
    linearize,
    map_blocks,
    place)
from pressroom.references.glossary import Glossary, find_terms
from pressroom.references.index import Index, Locator
from pressroom.references.candidates import find_candidates
from pressroom.references.locators import opens_sentence, select
from pressroom.references.matcher import Matcher

# --- the transform ------------------------------------------------------------

class Marker:
    def __init__(self, glossary: Glossary, index: Index):
        self.glossary, self.index = glossary, index
        self.ix = Matcher(index.patterns())
        self.ix_excl = Matcher(index.exclusion_patterns())
        self.heads: list[tuple[int, str]] = []   # (level, id) of the headings in force
        self.para_count = 0
        self.gl, self.gl_excl = glossary.matchers()
        self.counters: Counter = Counter()
        self.paragraphs: list[tuple[str, list[tuple[int, int]]]] = []
        self.chapter = ""
        self.linked: set[str] = set()

    def section(self, sec) -> list[P.Node]:
        self.chapter, self.linked = sec.id, set()
        self.heads, self.para_count = [], 0
        return map_blocks(sec.blocks, self.block)

    def header(self, b: P.Node) -> None:
        """Keep the headings in force, and what each names, for the locators."""
        level, (ident, _, _), inlines = b["c"]
        self.heads = [h for h in self.heads if h[0] < level] + [(level, ident)]
        text = "".join(a.text for a in linearize(inlines)[0])
        self.index.head_titles[ident] = text
        self.index.head_subjects[ident] = {
            h.owner.key for h in find_terms(self.ix, self.ix_excl, text, self.chapter)}

    def block(self, b: P.Node) -> P.Node:
        t = b["t"]
        if t in ("Para", "Plain"):
            return {"t": t, "c": self.paragraph(b["c"])}
        if t == "LineBlock":
            return {"t": t, "c": [self.paragraph(line) for line in b["c"]]}
        if t == "Header" and b["c"][1][0]:
            self.header(b)
        if t in UNMARKED_BLOCKS:
            return b
        return {"t": t, "c": map_blocks(b["c"], self.block)}

    def paragraph(self, inlines: list[P.Node]) -> list[P.Node]:
        atoms, notes = linearize(inlines)
        text = "".join(a.text for a in atoms)
        ch = self.chapter
        ix_hits = find_terms(self.ix, self.ix_excl, text, ch)
        gl_hits = find_terms(self.gl, self.gl_excl, text, ch)
        self.paragraphs.append((text, [(h.start, h.end) for h in ix_hits + gl_hits]))
        self.para_count += 1
        para = f"{ch}-{self.para_count}"
        self.index.passages[para] = text
        marks = []
        for h in ix_hits:
            h.owner.mentions += 1
            marks.append(self.ix_mark(h, para, opens_sentence(text, h.start)))
        linking: set[str] = set()
        for h in gl_hits:
            entry = h.owner
            entry.occurrences[ch] = entry.occurrences.get(ch, 0) + 1
            if entry.key not in self.linked and entry.key not in linking and not any(
                    x.start < h.end and h.start < x.end
                    and not (x.start <= h.start and h.end <= x.end)
                    and not (h.start <= x.start and x.end <= h.end) for x in ix_hits):
                marks.append(self.gl_mark(h))
                linking.add(entry.key)
        if marks:
            atoms, placed = place(atoms, marks)
            for m in placed:
                m.maker = m.decide()            # anchors numbered in text order
        new_notes = {id(n): {"t": "Note", "c": map_blocks(n["c"], self.block)} for n in notes}
        if not marks and not notes:
            return inlines
        return build(atoms, new_notes)

    def ix_mark(self, hit, para: str, lead: bool) -> Mark:
        entry, heads = hit.owner, tuple(ident for _, ident in self.heads)

        def anchor():                       # called once if placed: number, record
            self.counters[(self.chapter, entry.key)] += 1
            ident = f"ix-{self.chapter}-{entry.key}-{self.counters[(self.chapter, entry.key)]}"
            entry.candidates.append(Locator(ident, self.chapter, para, heads, lead))
            return lambda ch: P.Span(ch, ident, ["ix"], {"ix": entry.key})
        return Mark(hit.start, hit.end, 1, anchor)

    def gl_mark(self, hit) -> Mark:
        entry, chapter = hit.owner, self.chapter

        def link():
            self.linked.add(entry.key)
            ident = f"glref-{chapter}-{entry.key}"
            entry.links[chapter] = ident
            return lambda ch: {"t": "Link", "c": [P.attr(ident, ["gl"]), ch,
                                                  [f"#{entry.anchor}", entry.term]]}
        return Mark(hit.start, hit.end, 0, link)


def mark_book(book, glossary: Glossary, index: Index) -> None:
    """Mark every chapter, check that every entry occurs, find candidates."""
    marker = Marker(glossary, index)
    for sec in book.chapters:
        if sec.clean_blocks is None:        # (marking twice starts from clean)
            sec.clean_blocks = sec.blocks
        sec.blocks = sec.clean_blocks
        sec.blocks = marker.section(sec)
    glossary.check_occurs()
    index.kept = select(index)
    index.check_occurs()
    book.glossary, book.index = glossary, index
    index.candidates = find_candidates(marker.paragraphs)
    if index.candidates:
        names = ", ".join(f"{n} ({c})" for n, c in index.candidates[:20])
        book.warnings.append(f"index: {len(index.candidates)} frequent names are in no "
                             f"entry: {names}{' ...' if len(index.candidates) > 20 else ''}")
    if index.empty_subs:
        names = "; ".join(f"{e.heading}: {s.heading}" for e, s in index.empty_subs[:10])
        book.warnings.append(f"index: {len(index.empty_subs)} sub-entries matched no "
                             f"mention and are left out: {names}"
                             f"{' ...' if len(index.empty_subs) > 10 else ''}")

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

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Callable, Iterator

from pressroom.doctree import pandoc as P
from pressroom.references.glossary import Glossary, find_terms
from pressroom.references.index import Index, Locator
from pressroom.references.candidates import find_candidates
from pressroom.references.locators import opens_sentence, select
from pressroom.references.matcher import Matcher

BLOCKS = {"Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote",
          "OrderedList", "BulletList", "DefinitionList", "Header",
          "HorizontalRule", "Table", "Figure", "Div"}
UNMARKED_BLOCKS = {"Header", "CodeBlock", "RawBlock", "HorizontalRule"}
SIMPLE = {"Emph", "Strong", "Strikeout", "Underline", "SmallCaps",
          "Superscript", "Subscript"}
OBJECT = "\ufffc"             # stands for an inline that is never matched into
QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}

STR, LEAF, VIRTUAL, NOTE = range(4)


# --- paragraphs as text, and back ---------------------------------------

class Box:
    """A container an atom sits in: Emph, Span, Quoted ... or a new mark."""
    __slots__ = ("make", "fixed")

    def __init__(self, make: Callable[[list], P.Node], fixed: bool):
        self.make, self.fixed = make, fixed     # fixed: must not be split


class Atom:
    __slots__ = ("text", "node", "kind", "path")

    def __init__(self, text, node, kind, path):
        self.text, self.node, self.kind, self.path = text, node, kind, path


def linearize(inlines: list[P.Node]) -> tuple[list[Atom], list[P.Node]]:
    """The atoms of a paragraph (their texts joined are its text), and its notes."""
    atoms: list[Atom] = []
    notes: list[P.Node] = []

    def go(nodes, path):
        for n in nodes:
            t = n["t"]
            if t == "Str":
                atoms.append(Atom(n["c"], n, STR, path))
            elif t in ("Space", "SoftBreak", "LineBreak"):
                atoms.append(Atom(" ", n, LEAF, path))
            elif t in SIMPLE:
                go(n["c"], path + (Box(lambda ch, t=t: {"t": t, "c": ch}, False),))
            elif t == "Span":
                a = n["c"][0]
                go(n["c"][1], path + (Box(lambda ch, a=a: {"t": "Span", "c": [a, ch]},
                                          bool(a[0])),))
            elif t == "Link" and "gl" in n["c"][0][1]:      # our own mark: see through
                a, _, target = n["c"]
                go(n["c"][1], path + (Box(lambda ch, a=a, tg=target:
                                          {"t": "Link", "c": [a, ch, tg]}, True),))
            elif t == "Quoted":
                q = n["c"][0]
                box = Box(lambda ch, q=q: {"t": "Quoted", "c": [q, ch]}, True)
                inner = path + (box,)
                atoms.append(Atom(QUOTES[q["t"]][0], None, VIRTUAL, inner))
                go(n["c"][1], inner)
                atoms.append(Atom(QUOTES[q["t"]][1], None, VIRTUAL, inner))
            elif t == "Note":
                atoms.append(Atom(OBJECT, n, NOTE, path))
                notes.append(n)
            else:                       # Code, Math, RawInline, Link, Image, Cite
                atoms.append(Atom(OBJECT, n, LEAF, path))

    go(inlines, ())
    return atoms, notes


class Mark:
    """A span of the paragraph's text to wrap. ``decide()`` is called only
    if the mark is placed, in text order, and returns the node maker (so
    anchors are numbered only for marks that are in the tree)."""
    __slots__ = ("start", "end", "rank", "decide", "maker", "box")

    def __init__(self, start, end, rank, decide: Callable[[], Callable[[list], P.Node]]):
        self.start, self.end, self.rank, self.decide = start, end, rank, decide
        self.maker: Callable[[list], P.Node] | None = None
        self.box = Box(lambda ch: self.maker(ch), True)


def place(atoms: list[Atom], marks: list[Mark]) -> tuple[list[Atom], list[Mark]]:
    """Put non-crossing marks into the atoms' paths, splitting Str atoms at
    their edges. A mark that would split a fixed container (a Quoted, a
    Span with an id) is left out. Returns the atoms and the placed marks."""
    cuts = sorted({m.start for m in marks} | {m.end for m in marks})
    out, pos = [], 0
    for a in atoms:
        end = pos + len(a.text)
        inner = []
        if a.kind == STR and end - pos > 1:
            inner = cuts[bisect_right(cuts, pos):bisect_left(cuts, end)]
        if inner:
            edges = [pos, *inner, end]
            for x, y in zip(edges, edges[1:]):
                out.append(Atom(a.text[x - pos:y - pos], None, STR, a.path))
        else:
            out.append(a)
        pos = end
    starts, pos = {}, 0
    for i, a in enumerate(out):
        starts[pos] = i
        pos += len(a.text)
    starts[pos] = len(out)
    placed = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end, m.rank)):
        i, j = starts.get(m.start), starts.get(m.end)
        if i is None or j is None or i >= j:
            continue
        span = out[i:j]
        k = _common_prefix([a.path for a in span])
        # A container's atoms are contiguous: it is split iff a neighbour has it.
        before = out[i - 1].path if i else ()
        after = out[j].path if j < len(out) else ()
        if any(box.fixed and (box in before or box in after)
               for a in span for box in a.path[k:]):
            continue
        for a in span:
            a.path = a.path[:k] + (m.box,) + a.path[k:]
        placed.append(m)
    return out, placed


def _common_prefix(paths: list[tuple]) -> int:
    k = min(len(p) for p in paths)
    for n in range(k):
        box = paths[0][n]
        if any(p[n] is not box for p in paths):
            return n
    return k


def build(atoms: list[Atom], notes: dict[int, P.Node], depth: int = 0) -> list[P.Node]:
    """The inlines again, from atoms whose paths may have grown marks."""
    out: list[P.Node] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if len(a.path) == depth:
            if a.kind == STR:
                out.append(a.node or {"t": "Str", "c": a.text})
            elif a.kind == NOTE:
                out.append(notes.get(id(a.node), a.node))
            elif a.kind == LEAF:
                out.append(a.node)
            i += 1
            continue
        box, j = a.path[depth], i + 1
        while j < len(atoms) and len(atoms[j].path) > depth and atoms[j].path[depth] is box:
            j += 1
        out.append(box.make(build(atoms[i:j], notes, depth + 1)))
        i = j
    return out


# --- walking the blocks ------------------------------------------------------

def map_blocks(x, fn):
    """Rebuild a tree, calling fn on every block that is not inside another."""
    if isinstance(x, list):
        return [map_blocks(i, fn) for i in x]
    if isinstance(x, dict) and x.get("t") in BLOCKS:
        return fn(x)
    return x


def paragraph_texts(blocks: list[P.Node]) -> Iterator[str]:
    """The text of every paragraph the marking would look at, notes included."""
    out: list[str] = []

    def block(b):
        t = b["t"]
        if t in ("Para", "Plain", "LineBlock"):
            for line in (b["c"] if t == "LineBlock" else [b["c"]]):
                atoms, notes = linearize(line)
                out.append("".join(a.text for a in atoms))
                for n in notes:
                    map_blocks(n["c"], block)
        elif t not in UNMARKED_BLOCKS:
            map_blocks(b["c"], block)
        return b

    map_blocks(blocks, block)
    return iter(out)


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
    kept = index.kept
    book.warnings.append(f"index: {kept['kept']} of {kept['mentions']} mentions kept as "
                         f"locators ({100 * kept['kept'] / max(kept['mentions'], 1):.0f}%); "
                         f"{kept['hidden']} headings with only passing mentions left out")
    if index.empty_subs:
        names = "; ".join(f"{e.heading}: {s.heading}" for e, s in index.empty_subs[:10])
        book.warnings.append(f"index: {len(index.empty_subs)} sub-entries matched no "
                             f"mention and are left out: {names}"
                             f"{' ...' if len(index.empty_subs) > 10 else ''}")

"""A paragraph as one string, and back: what the glossary and index marking works on.

``linearize`` turns a paragraph's inlines into atoms whose texts, joined, are
the paragraph's text (an inline that is never matched into stands as one
OBJECT character); ``place`` wraps spans of that text in marks, splitting Str
atoms and simple containers as needed; ``build`` makes inlines again.
``paragraph_texts`` gives the text of every paragraph the marking looks at.
Used by transforms/marking.py (the marks) and references/glossary.py (which
terms occur in some blocks); it knows nothing of either model.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Iterator

from pressroom.doctree import pandoc as P

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

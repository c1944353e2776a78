"""The finished Book's leaves shared: one node per distinct word, one Space.

Place in the flow: the last step of the pipeline (pipeline.build_book),
once the transforms and the marking are done and the Book is final.

Pandoc's tree holds a dict for every word (``Str``) and every space
between two (``Space``). At 10x this book they are 1.8 million of the
Book's 1.9 million dicts, and most of the 570 MB the Book takes in every
process that loads it (the main one and each worker). Most are repeats:
13,000 distinct words, one kind of space. ``share_leaves`` makes equal
leaves one object (a ``Leaf``), and pickle keeps an object met twice as
one: the 10x Book loads in 160 MB, from a pickle of 37 MB instead of 65.

A shared node must never be edited in place, or every word like it would
change with it. No builder does (a writer makes new nodes: ``P.walk``);
``Leaf`` makes that a rule rather than a habit: it is a dict that refuses
to be changed, so a change raises at once instead of editing the book
everywhere. Walkers that test a node's type exactly (``P.walk``,
``P.iter_nodes``, the ledger) take ``Leaf`` as a dict.
"""

from __future__ import annotations

from typing import Any

SHARED = frozenset({"Str", "Space", "SoftBreak", "LineBreak"})


class Leaf(dict):
    """A node that may stand in many places at once: read-only."""
    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"a shared {self.get('t')} node is read-only: make a new node instead")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self):           # pickled as its items, rebuilt without __setitem__
        return Leaf, (dict(self),)


def share_leaves(book) -> None:
    """Every ``Str`` node of ``book`` with the same text, and every Space,
    SoftBreak and LineBreak, made one shared ``Leaf`` (front matter,
    chapters and their unmarked blocks alike)."""
    seen: dict[tuple, Leaf] = {}
    for sec in book.sections:
        _share_in(sec.blocks, seen)
        if sec.clean_blocks is not None:
            _share_in(sec.clean_blocks, seen)


def _share_in(tree: Any, seen: dict[tuple, Leaf]) -> None:
    """The leaves in ``tree``'s lists replaced, in place, by shared ones (a
    stack: notes and quotations nest)."""
    stack = [tree]                  # lists and nodes only
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            c = n.get("c")
            if isinstance(c, (list, dict)):
                stack.append(c)
            continue
        for i, item in enumerate(n):
            if type(item) is dict and item.get("t") in SHARED:
                n[i] = _shared(item, seen)
            elif isinstance(item, (list, dict)):
                stack.append(item)


def _shared(node: dict, seen: dict[tuple, Leaf]) -> dict:
    """The one Leaf equal to ``node`` (``node`` itself if it holds more than
    its type and its text: no such node in Pandoc's tree, but kept whole)."""
    if not set(node) <= {"t", "c"} or not isinstance(node.get("c", ""), str):
        return node
    key = (node["t"], node.get("c"))
    leaf = seen.get(key)
    if leaf is None:
        leaf = seen[key] = Leaf(node)
    return leaf

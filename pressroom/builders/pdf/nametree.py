"""The PDF's named destinations as a balanced name tree.

Place in the flow: pdf/join.py gathers every part's anchors and makes the
joined file's ``/Names /Dests`` with ``dests_tree``. A book ten times the
real one has 77,355 anchors: as one flat ``/Names`` array (what WeasyPrint
writes) that is 154,710 elements, valid PDF, but pypdf refuses any array
over 100,000 elements when it reads the file back (the print edition, the
checks), and viewers look names up faster in a tree. The PDF reference's
answer (ISO 32000-1, 7.9.6) is a name tree: leaves of at most ``LEAF``
names, each with its ``/Limits``, under intermediate nodes of at most
``LEAF`` kids. A list that fits one leaf stays one flat array.
"""

from __future__ import annotations

LEAF = 1024


def dests_tree(pdf, dests: dict[str, object]):
    """The name tree of ``dests`` (name -> destination) in ``pdf`` (pikepdf)."""
    from pikepdf import Array, Dictionary, String
    # Python lists, not pikepdf Arrays, while sorting and slicing: a pikepdf
    # Array's extend and slice copy the whole array (quadratic at 10x).
    flat = []
    for name in sorted(dests):
        flat.extend([String(name), dests[name]])
    if len(flat) <= 2 * LEAF:
        return Dictionary(Names=Array(flat))
    level = []
    for at in range(0, len(flat), 2 * LEAF):
        chunk = flat[at:at + 2 * LEAF]
        level.append(_node(pdf, "/Names", Array(chunk), chunk[0], chunk[-2]))
    while len(level) > LEAF:
        level = [_node(pdf, "/Kids", Array([node for node, _, _ in group]),
                       group[0][1], group[-1][2])
                 for group in (level[i:i + LEAF] for i in range(0, len(level), LEAF))]
    return Dictionary(Kids=Array([node for node, _, _ in level]))

def _node(pdf, key, items, first, last):
    """An indirect tree node; returns (node, first name, last name)."""
    from pikepdf import Array, Dictionary
    node = pdf.make_indirect(Dictionary({key: items, "/Limits": Array([first, last])}))
    return node, first, last

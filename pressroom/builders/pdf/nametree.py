"""The PDF's named destinations as a balanced name tree.

Place in the flow: part of the pamphlet's write_pdf finisher
(layout.page_labels_finisher), after WeasyPrint has put every anchor into
one flat ``/Names`` array under the catalog's ``/Names /Dests``. A book ten
times the real one has 77,355 anchors, a 154,710-element array:
valid PDF, but pypdf refuses any array over 100,000 elements when it reads
the file back (the print edition, the checks), and viewers look names up
faster in a tree. The PDF reference's answer (ISO 32000-1, 7.9.6) is a name
tree: leaves of at most ``LEAF`` names, each with its ``/Limits``, under
intermediate nodes of at most ``LEAF`` kids. Names, targets and order are
unchanged; a list that fits one leaf is left as it is.
"""

from __future__ import annotations

LEAF = 1024


def balance_dests(pdf) -> None:
    """Turn ``pdf``'s (a pydyf PDF) flat /Dests name array into a tree."""
    import pydyf
    names = pdf.catalog.get("Names")
    dests = names.get("Dests") if names is not None else None
    flat = dests.get("Names") if dests is not None else None
    if flat is None or len(flat) <= 2 * LEAF:
        return
    level = []
    for at in range(0, len(flat), 2 * LEAF):
        chunk = flat[at:at + 2 * LEAF]
        level.append(_node(pdf, pydyf, "Names", pydyf.Array(chunk), chunk[0], chunk[-2]))
    while len(level) > LEAF:
        level = [_node(pdf, pydyf, "Kids", pydyf.Array(ref for ref, _, _ in group),
                       group[0][1], group[-1][2])
                 for group in (level[i:i + LEAF] for i in range(0, len(level), LEAF))]
    names["Dests"] = pydyf.Dictionary({"Kids": pydyf.Array(ref for ref, _, _ in level)})


def _node(pdf, pydyf, key, items, first, last):
    """An indirect tree node; returns (reference, first name, last name)."""
    node = pydyf.Dictionary({key: items, "Limits": pydyf.Array([first, last])})
    pdf.add_object(node)
    return node.reference, first, last

"""Cutting a book into pandoc calls: pandoc's memory grows with the tree
it is given, so a writer that can render a run of sections at a time
(common/html.sections_html, builders/manuscript.py) gives it runs of at
most ``BATCH`` characters of JSON.

Place in the flow: used by the writers just before doctree/pandoc.py's
``render_json``; each section's blocks are serialised once, for the runs'
sizes and for pandoc.
"""

from __future__ import annotations

import json
from typing import Iterable

from pressroom.doctree.pandoc import document

def document_json(blocks_json: Iterable[str], meta: dict | None = None) -> str:
    """The JSON text of ``document(blocks, meta)``, from each block list's
    JSON text (``json.dumps(blocks)``, brackets included)."""
    head = json.dumps(document([], meta))
    assert head.endswith("[]}")
    inner = ",".join(text[1:-1] for text in blocks_json if text != "[]")
    return f"{head[:-3]}[{inner}]}}"


# Characters of JSON given to one pandoc call. Pandoc holds the whole tree
# it reads, 30 to 50 times its JSON: the 10x book's 40 MB took 1.2 GB, a
# run of its sections 7.8 MB took 370 MB. A writer that can render a book a
# run of sections at a time cuts it into calls of at most this much: one
# call for this book (4 MB).
BATCH = 8_000_000


def batches(names: list[str], json_of: dict[str, str]) -> list[list[str]]:
    """``names`` in order, cut into runs of at most ``BATCH`` characters of
    JSON (``json_of``: each one's JSON text; one larger than that alone)."""
    runs: list[list[str]] = []
    size = BATCH
    for name in names:
        if size + len(json_of[name]) > BATCH:
            runs.append([])
            size = 0
        runs[-1].append(name)
        size += len(json_of[name])
    return runs

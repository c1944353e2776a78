"""No cyclic garbage collection while WeasyPrint lays a document out.

Place in the flow: pdf_layout's renderer wraps every ``render`` (chapters,
pdf_resume's tails, glossary, front matter, index) in ``paused()``.

A layout allocates hundreds of thousands of boxes, style dicts and text
objects; Python's collector, triggered by those allocations, walks every
object the process holds, the chapters already laid out included, again
and again. Measured on the pamphlet (one process, same run): 23.3 s of
CPU with the collector on, 18.8 s with it paused during layouts (the index
alone 7.7 s → 4.8 s), for 315 MB peak instead of 288 MB: what a layout
leaves in cycles waits for the first collection after it. Reference
counting frees everything else as usual.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """The collector off inside the block, as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()

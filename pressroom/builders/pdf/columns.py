"""A model of the index's columns: where "(continued)" lines will be needed.

Place in the flow: pdf/continued.py lays the index out, finds the columns
that open inside an entry, and lays it out again with a continued line
there, until the columns that need one are those that have one. Each line
added pushes the rest of its column down, which can open later columns
elsewhere, inside other entries: a third layout. **guess** reads the
layout just made as a column of blocks (an entry's own lines, a
sub-entry, a letter heading, with their heights and the gaps between
them), pours the blocks again into columns of the same heights with the
continued lines a set of keys asks for, and repeats until that set is the
one its columns ask for; continued.py lays out with that set. The model
is only a guess: the layout after it is checked as any, so a wrong guess
costs one more layout, never a wrong page.

What the model keeps of the stylesheet (styles/pdf/book.css): no index
line is split across columns; a letter heading and a continued line stay
with the line after them, and an entry's own lines with its first
sub-entry (``orphans``); a margin at the top of a column is dropped; the
last page's two columns are balanced (the shortest height that holds the
rest in two columns). The heights are the layout's own: each column's
capacity lies between the fullest column and the least a column refused.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

ROUNDS = 6


@dataclass
class Block:
    """An unbreakable run of an index column's lines, as laid out."""
    kind: str          # "h2", "entry", "sub" or "cont"
    key: str           # a sub-entry's (or continued line's) data-key, else ""
    height: float
    gap: float | None  # space above it after the block before, None at a column's top


def _blocks(page, owners) -> list[list[Block]]:
    """The page's columns, each its blocks in order (``owners(page)``:
    (element, line box) of each line, left column first)."""
    box = page._page_box
    mid = box.content_box_x() + box.width / 2
    columns: list[list] = [[], []]
    for el, line in owners(page):
        if el is None:
            continue
        column = columns[int(line.position_x >= mid)]
        top, bottom = line.position_y, line.position_y + line.height
        if column and column[-1][0] is el:
            column[-1][2] = bottom
        else:
            column.append([el, top, bottom])
    out = []
    for column in columns:
        blocks, last = [], None
        for el, top, bottom in column:
            blocks.append(Block(_kind(el), el.get("data-key") or "", bottom - top,
                                None if last is None else top - last))
            last = bottom
        out.append(blocks)
    return out


def _kind(el) -> str:
    """A letter heading's "h2", else the index li's class (the template's
    "entry", "sub" or "cont")."""
    if el.tag == "h2":
        return "h2"
    classes = (el.get("class") or "").split()
    return classes[0] if classes else "entry"


def _capacities(pages, columns: list[list[Block]], owners, gaps) -> list[float]:
    """The height a column of each page holds, as the layout shows it:
    between the fullest column's height and the least height a column
    refused (its own plus the next block's; the last page's columns are
    balanced, not full), for the pages whose columns begin at the same
    height (the first page's begin below the title)."""
    tops = [round(min((line.position_y for el, line in owners(page) if el is not None),
                      default=0.0), 1) for page in pages]
    full: dict[float, list[float]] = {}
    refused: dict[float, list[float]] = {}
    flow = [b for blocks in columns for b in blocks]
    at = 0
    for n, blocks in enumerate(columns):
        top, used = tops[n // 2], _used(flow, at, at + len(blocks), gaps)
        at += len(blocks)
        full.setdefault(top, []).append(used)
        if n // 2 < len(pages) - 1 and at < len(flow):
            step = flow[at].height + gaps.get((flow[at - 1].kind, flow[at].kind), 0.0)
            refused.setdefault(top, []).append(used + step)
    out = []
    for top in tops:
        most, least = max(full[top]), min(refused.get(top, [float("inf")]))
        out.append((most + least) / 2 if most < least < float("inf") else most + 0.01)
    return out


def _gaps(columns: list[list[Block]]) -> dict[tuple[str, str], float]:
    """The usual gap between two kinds of block, as measured."""
    seen: dict[tuple[str, str], list[float]] = {}
    for blocks in columns:
        for before, block in zip(blocks, blocks[1:]):
            seen.setdefault((before.kind, block.kind), []).append(block.gap)
    return {pair: statistics.median(gaps) for pair, gaps in seen.items()}


def _fill(blocks: list[Block], start: int, height: float, gaps) -> int:
    """How many blocks from ``start`` a column of ``height`` holds (a
    heading or continued line not left at its foot)."""
    used, n = 0.0, start
    while n < len(blocks):
        step = blocks[n].height + (gaps.get((blocks[n - 1].kind, blocks[n].kind), 0.0)
                                   if n > start else 0.0)
        if used + step > height + 0.01 and n > start:
            break
        used, n = used + step, n + 1
    while n - 1 > start and n < len(blocks) and _glued(blocks[n - 1], blocks[n]):
        n -= 1                          # keep it with the line after it
    return n


def _glued(block: Block, after: Block) -> bool:
    """Whether no column may end between ``block`` and ``after``: after a
    heading or a continued line, and between an entry's own lines and its
    first sub-entry (the entry's few lines would be left alone: orphans)."""
    return block.kind in ("h2", "cont") or (block.kind == "entry" and after.kind == "sub")


def _pour(blocks: list[Block], capacities: list[float], gaps) -> list[Block]:
    """The block opening each column when ``blocks`` fill columns two to a
    page, page n holding ``capacities[n]`` (the last known for the rest);
    the last page's two columns balanced."""
    tops, at, page = [], 0, 0
    while at < len(blocks):
        height = capacities[min(page, len(capacities) - 1)]
        middle = _fill(blocks, at, height, gaps)
        if middle >= len(blocks) or _fill(blocks, middle, height, gaps) >= len(blocks):
            middle = next(m for m in range(at + 1, len(blocks) + 1)      # balanced
                          if _fill(blocks, m, _used(blocks, at, m, gaps), gaps) >= len(blocks)
                          or m == len(blocks))
            tops.extend(blocks[n] for n in (at, middle) if n < len(blocks))
            break
        tops.extend([blocks[at], blocks[middle]])
        at, page = _fill(blocks, middle, height, gaps), page + 1
    return tops


def _used(blocks: list[Block], start: int, end: int, gaps) -> float:
    return sum(b.height + (gaps.get((blocks[n - 1].kind, b.kind), 0.0) if n > start else 0.0)
               for n, b in enumerate(blocks[start:end], start))


def guess(pages, owners, have: frozenset[str], first: int) -> frozenset[str]:
    """The keys whose continued lines make the index consistent, as the
    model sees it: ``pages`` laid out with continued lines at ``have``,
    laid out again from page ``first``; ``owners(page)``: (the index li
    or heading owning a line, the line) for each line, left column first."""
    columns = [blocks for page in pages for blocks in _blocks(page, owners)]
    gaps = _gaps(columns)
    gaps.setdefault(("cont", "sub"), 0.0)
    capacities = _capacities(pages, columns, owners, gaps)[first:]
    # a continued line is one line: "Heading (continued)"
    line = min((b.height for blocks in columns for b in blocks if b.kind != "h2"), default=0.0)
    flow = [b for blocks in columns[2 * first:] for b in blocks if b.kind != "cont"]
    before = frozenset(b.key for blocks in columns[:2 * first] for b in blocks[:1]
                       if b.kind in ("sub", "cont") and b.key)
    keys = have
    for _ in range(ROUNDS):
        blocks = []
        for b in flow:
            if b.kind == "sub" and b.key in keys:
                blocks.append(Block("cont", b.key, line, None))
            blocks.append(b)
        want = before | {b.key for b in _pour(blocks, capacities, gaps)
                         if b.kind in ("sub", "cont") and b.key}
        if want == keys:
            break
        keys = frozenset(want)
    return keys

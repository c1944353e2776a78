"""The lines of a written PDF, read back glyph by glyph (pypdfium2).

Place in the flow: a PDF edition is written → **pdflines.read** gives each
page's text lines with their boxes, font size, weight, word spaces and note
calls → the typographic proof (proof.py) judges them. It knows nothing of
how the pages were made.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path




@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y: float                    # baseline, from the page foot
    size: float
    gaps: list[float]           # word spaces
    heavy: bool                 # every glyph semibold or heavier
    italic: bool
    small: bool = False
    calls: list[str] = field(default_factory=list)   # note calls on the line


def page_lines(textpage, raw) -> list[Line]:
    """The page's glyphs grouped into lines: by baseline, then left to right.

    One ctypes call per glyph (its loose box: font ascent to descent, so
    its height stands for the size); weight and style are asked only of
    each line's first and last glyphs."""
    import ctypes
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    rect = raw.FS_RECTF()
    # bound once: this loop runs for every glyph of every page proofed
    box, where, handle = raw.FPDFText_GetLooseCharBox, ctypes.byref(rect), textpage.raw
    glyphs = []
    for i, ch in enumerate(text[:count]):
        if ch in "\r\n\ufffe":
            continue
        box(handle, i, where)
        bottom = rect.bottom
        size = rect.top - bottom
        if size <= 0:
            if not ch.isspace() or not glyphs:
                continue
            size, bottom = glyphs[-1][4], glyphs[-1][2]
        glyphs.append((" " if ch.isspace() else ch, rect.left, bottom, rect.right,
                       size, i))
    rows: list[list[tuple]] = []
    for g in sorted(glyphs, key=lambda g: (-g[2], g[1])):
        if rows and abs(rows[-1][0][2] - g[2]) < 0.3 * max(rows[-1][0][4], g[4]):
            rows[-1].append(g)
        else:
            rows.append([g])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g[1])
        marks = [g for g in row if not g[0].isspace()]
        if not marks:
            continue
        size = statistics.median(g[4] for g in marks)
        gaps = [b[1] - a[3] for a, b, between in _pairs(row) if between]
        calls, run = [], ""
        base = statistics.median(g[2] for g in marks)
        start = min((g[1] for g in marks if g[4] >= 0.75 * size), default=0)
        for g in row + [(" ", 0, 0, 0, size, -1)]:
            if g[0].isdigit() and g[4] < 0.75 * size and g[2] > base + 0.1 * size \
                    and g[1] > start:       # raised, after the text (not a margin number)
                run += g[0]
            elif run:
                calls.append(run)
                run = ""
        ends = (marks[0][5], marks[-1][5])
        line_text = re.sub(r"\s+", " ", "".join(g[0] for g in row)).strip()
        lines.append(Line(line_text, marks[0][1], marks[-1][3], marks[0][2], size, gaps,
                          all(_heavy(textpage, raw, j) for j in ends),
                          all(_italic(textpage, raw, j) for j in ends), calls=calls))
    return lines


def _font(textpage, raw, i) -> tuple[bytes, int]:
    import ctypes
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    raw.FPDFText_GetFontInfo(textpage, i, buf, 128, ctypes.byref(flags))
    return buf.value, flags.value


def _italic(textpage, raw, i) -> bool:
    name, flags = _font(textpage, raw, i)
    return b"Italic" in name or bool(flags & 64)


def _heavy(textpage, raw, i) -> bool:
    name, _ = _font(textpage, raw, i)
    return b"Bold" in name or raw.FPDFText_GetFontWeight(textpage, i) >= 600


def _pairs(glyphs):
    """(glyph, next glyph, a space between them) over non-space glyphs."""
    prev, space = None, False
    for g in glyphs:
        if g[0].isspace():
            space = True
            continue
        if prev is not None:
            yield prev, g, space
        prev, space = g, False


def read(path: Path, indices=None) -> dict[int, list[Line]]:
    """{page index: its lines} for ``indices`` (every page if None)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    doc = pdfium.PdfDocument(str(path))
    try:
        out = {}
        for i in (range(len(doc)) if indices is None else indices):
            page = doc[i]
            tp = page.get_textpage()
            out[i] = page_lines(tp, raw)
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def page_labels(path: Path) -> list[str]:
    """The PDF's page labels (folios), or 1, 2, 3 ... without them (pdfium
    reads only the catalog's /PageLabels, where pypdf parsed the file)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc.get_page_label(i) or str(i + 1) for i in range(len(doc))]
    finally:
        doc.close()

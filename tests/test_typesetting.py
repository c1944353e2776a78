"""The laid-out pages pass a typographer's proof (issue 16).

For the pamphlet, the print interior and every A4 packet, read back from
the session's PDFs: no line broken in mid-paragraph, no heading stranded
at a page foot, every note on its call's page, no more than two hyphens
in a row, at most 10% of lines hyphenated, at most one loose line per 50
pages. The lines are rebuilt here from pdfium's characters in drawing
order (its own line ends), not with pressroom.builders.pdf.proof, and the
limits are the issue's, not the proof module's constants.
"""

from __future__ import annotations

import re
import statistics

import pytest

from pressroom.doctree import pandoc as P

BREAK = "\u2010"


def _lines(path):
    """Per page: [(text, x0, x1, baseline, size, word gaps, calls)]."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    pages = []
    for page in doc:
        tp = page.get_textpage()
        text = tp.get_text_range()
        rows, cur = [], []
        for i, ch in enumerate(text):
            if ch in "\r\n":
                if cur:
                    rows.append(cur)
                cur = []
                continue
            box = tp.get_charbox(i, loose=True)
            cur.append((ch, box))
        if cur:
            rows.append(cur)
        out = []
        for row in rows:
            glyphs = [(c, b) for c, b in row if not c.isspace() and b[3] > b[1]]
            if not glyphs:
                continue
            size = statistics.median(b[3] - b[1] for _, b in glyphs)
            gaps, prev, spaced = [], None, False
            base = statistics.median(b[1] for _, b in glyphs)
            start = min(b[0] for _, b in glyphs if (b[3] - b[1]) >= 0.75 * size)
            calls = re.findall(r"\d+", "".join(      # small raised figures after text
                c if (b[3] - b[1]) < 0.75 * size and b[1] > base + 0.15 * size
                and b[0] > start else " " for c, b in glyphs))
            for c, b in row:
                if c.isspace():
                    spaced = True
                    continue
                if prev is not None and spaced:
                    gaps.append(b[0] - prev[2])
                prev, spaced = b, False
            words = "".join(c for c, _ in row).split()
            out.append((" ".join(words), glyphs[0][1][0], max(b[2] for _, b in glyphs),
                        min(b[1] for _, b in glyphs), size, gaps, calls))
        pages.append(out)
        tp.close()
    doc.close()
    return pages


def _proof(pages, verse):
    sizes = [round(ln[4], 1) for p in pages for ln in p for _ in ln[0]]
    body = statistics.mode(sizes)
    text = [ln for p in pages for ln in p if abs(ln[4] - body) < 0.6]
    left = statistics.mode(round(ln[1]) for ln in text)
    right = statistics.mode(round(ln[2]) for ln in text if ln[2] > left + 200)
    gaps = sorted(g for ln in text for g in ln[5] if g > 0.3)
    normal = gaps[len(gaps) // 2]
    faults = {"broken": [], "stranded": [], "note": [], "ladder": [], "loose": []}
    counted = hyphenated = 0
    for n, page in enumerate(pages):
        main = [ln for ln in page if ln[4] > 0.9 * body]
        if sum(ln[1] > left + 0.4 * (right - left) for ln in main) > 0.3 * max(len(main), 7):
            continue                                   # the two-column index
        notes = {m.group(1) for ln in page if ln[4] < 0.9 * body
                 for m in [re.match(r"(\d+)\.\s", ln[0])] if m}
        run = 0
        for k, ln in enumerate(main):
            t, x0, x1, y, size = ln[:5]
            for call in ln[6]:
                if call not in notes:
                    faults["note"].append((n + 1, t))
            if size > 1.05 * body:                     # a heading
                below = main[k + 1:]                      # text, a quotation's too
                if k and len(below) < 2 and all(x[4] <= 1.05 * body for x in main[k + 1:]):
                    faults["stranded"].append((n + 1, t))
                run = 0
                continue
            if abs(size - body) >= 0.6:
                continue
            counted += 1
            hyph = t.endswith(BREAK)
            hyphenated += hyph
            run = run + 1 if hyph else 0
            if run > 2:
                faults["ladder"].append((n + 1, t))
            if x1 > right - 2 and any(g > 3 * normal for g in ln[5]) and ". . ." not in t:
                faults["loose"].append((n + 1, t))
            nxt = main[k + 1] if k + 1 < len(main) else None
            if nxt and x1 < left + 0.6 * (right - left) and abs(nxt[1] - x0) < 1.5 \
                    and abs(nxt[4] - size) < 0.6 and 0 < y - nxt[3] < 1.5 * size \
                    and (hyph or nxt[0][:1].islower()) \
                    and not any(v.startswith(t.rstrip(BREAK)) for v in verse):
                faults["broken"].append((n + 1, t))
    return faults, counted, hyphenated


@pytest.fixture(scope="module")
def verse(book):
    return {" ".join(P.stringify(line).split())
            for sec in book.chapters for node in P.iter_nodes(sec.blocks)
            if isinstance(node, dict) and node.get("t") == "LineBlock" for line in node["c"]}


def _editions(built):
    yield built.pdf
    yield from sorted((built.dist / "print").glob("*-interior.pdf"))
    yield from sorted(p for p in (built.dist / "packets").glob("[0-9][0-9]-*.pdf")
                      if not p.name.endswith("-booklet.pdf"))


def test_editions_pass_the_proof(built, verse):
    seen = 0
    for path in _editions(built):
        pages = _lines(path)
        if "packets" in path.parts:
            pages = pages[1:]                          # the cover sheet
        faults, lines, hyphenated = _proof(pages, verse)
        name = path.name
        assert faults["broken"] == [], (name, faults["broken"])
        assert faults["stranded"] == [], (name, faults["stranded"])
        assert faults["note"] == [], (name, faults["note"])
        assert faults["ladder"] == [], (name, faults["ladder"])
        assert lines > 300, name
        assert hyphenated / lines <= 0.10, (name, hyphenated, lines)
        assert len(faults["loose"]) <= max(1, len(pages) // 50), (name, faults["loose"])
        seen += 1
    assert seen >= 10

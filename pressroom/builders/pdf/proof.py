"""The typographic proof: what a typographer would mark on the laid-out pages.

Place in the flow: a PDF edition is written (pamphlet, print interior,
packets) → **proof.check** reads the file back (pypdfium2: every glyph with
its box, size and weight) → its findings become build warnings (terminal
summary, ``report.html``, which also shows a thumbnail of each flagged
page). It is the HTML-to-PDF counterpart of TeX's overfull and underfull
box warnings, and knows nothing of how the pages were made.

Faults (``Finding.kind``), each with the page label and the line's text:

``loose``     a word space wider than ``LOOSE`` × the edition's median;
``broken``    a line that ends short of the measure in mid-paragraph (the
              next line runs on, unindented, at the same pitch);
``ladder``    more than ``LADDER`` hyphenated lines in a row;
``capital``   a capitalised word (a name) broken at a line end (not a word
              of a chapter in a language whose labels say
              ``hyphenate_capitalised``: German nouns break);
``stranded``  a heading with fewer than ``STRAND`` text lines under it at
              the foot of a page (a quotation's lines are text; notes and
              margin numbers, in ``SMALL`` type, are not);
``widow``     a paragraph's last line alone at the top of a page;
``orphan``    a paragraph's first line alone at the foot of a page;
``note``      a note call whose note is not on the same page;
``hyphens``   (per edition) more than ``HYPHEN_SHARE`` of lines hyphenated.

Running heads, folios and notes are told from the text by size (smaller
than ``SMALL`` × the most common size); headings by size, weight, or a
line wholly in italic standing apart. Lines given in ``exempt`` (verse,
signatures) are never ``broken``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.builders.common.hyphenation import broken_word, capitals_hyphenate
from pressroom.builders.pdf.pdflines import Line, page_labels, read  # noqa: F401 (Line: API)
from pressroom.doctree import pandoc as P

LOOSE = 3.0            # × the median word space
LADDER = 2
STRAND = 2
HYPHEN_SHARE = 0.10
SMALL = 0.9
BREAK = "\u2010"       # the hyphen WeasyPrint adds at a break
_MARKER = re.compile(r"^(?:[•\u2022\u2013–-]|\d+[.)]|[a-z][.)])\s")


@dataclass
class Finding:
    edition: str
    page: int                   # PDF page index, from 0
    label: str
    kind: str
    text: str
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return (f"typography: {self.edition} p. {self.label} (PDF page {self.page + 1}): "
                f"{self.kind}{extra}: “{self.text}”")


@dataclass
class Proof:
    edition: str
    pages: int
    lines: int = 0
    hyphenated: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.hyphenated / self.lines if self.lines else 0.0

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    def warnings(self) -> list[str]:
        out = [str(f) for f in self.findings]
        if self.share > HYPHEN_SHARE:
            out.append(f"typography: {self.edition}: {self.share:.1%} of lines end in a "
                       f"hyphen (at most {HYPHEN_SHARE:.0%})")
        return out


def check(path: Path, edition: str, labels: list[str] | None = None,
          pages: list[int] | None = None, exempt: set[str] = frozenset(),
          breakable: frozenset[str] = frozenset(),
          readings: dict[int, list[Line]] | None = None) -> Proof:
    """Proof the PDF at ``path``: only ``pages`` (indices) if given;
    ``readings``: its pages' lines, read already (pdflines.read)."""
    every = read(path, pages) if readings is None else readings
    indices = sorted(every)
    labels = labels or page_labels(path)
    body = _body_size(ln for i in indices for ln in every[i])
    for i in indices:
        for ln in every[i]:
            ln.small = ln.size < SMALL * body
    texts = [ln for i in indices for ln in every[i] if not ln.small and abs(ln.size - body) < 0.5]
    gaps = [g for ln in texts for g in ln.gaps if g > 0.3]
    normal = statistics.median(gaps) if gaps else 1.0
    lefts = [round(ln.x0) for ln in texts]
    left = statistics.mode(lefts) if lefts else 0
    right = max((round(ln.x1) for ln in texts), default=0)
    right = statistics.mode([round(ln.x1) for ln in texts if round(ln.x1) >= right - 3] or [right])
    proof = Proof(edition, len(indices))
    for i in indices:
        lines = [ln for ln in every[i] if not ln.small]
        inner = [ln for ln in lines if ln.x0 > left + 0.4 * (right - left)]
        if len(lines) > 6 and len(inner) > 0.3 * len(lines):
            continue                    # two columns: the index
        # A paragraph runs on from the page before only if that page's last
        # text line fills the measure (unknown: assume it does).
        before = [ln for ln in every.get(i - 1, []) if not ln.small]
        carried = not before or before[-1].x1 >= right - 2
        _page(proof, i, labels[i], lines, every[i], body, normal, left, right, exempt, carried,
              breakable)
    return proof


def _body_size(lines) -> float:
    """The type size most of the characters are set in (the first met of
    equals); counted by size, not listed a character at a time: the 10x
    book's 15 million characters took 260 MB as a list."""
    chars: Counter[float] = Counter()
    for ln in lines:
        if ln.text:
            chars[round(ln.size, 1)] += len(ln.text)
    return chars.most_common(1)[0][0] if chars else 0


def _is_heading(ln: Line, prev: Line | None, body: float) -> bool:
    if ln.size > 1.05 * body or ln.heavy:
        return True
    return ln.italic and prev is not None and prev.y - ln.y > 1.6 * body


def _page(proof, i, label, lines, allglyphs, body, normal, left, right, exempt, carried=True,
          breakable: frozenset[str] = frozenset()):
    add = lambda kind, ln, detail="": proof.findings.append(
        Finding(proof.edition, i, label, kind, ln.text[:90], detail))
    measure = right - left
    run = 0
    for k, ln in enumerate(lines):
        prev = lines[k - 1] if k else None
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if abs(ln.size - body) >= 0.5 or _is_heading(ln, prev, body):
            run = 0
            continue
        proof.lines += 1
        wide = [g for g in ln.gaps if g > LOOSE * normal]
        if wide and ln.x1 >= right - 2 and ". . ." not in ln.text:      # not leaders
            add("loose", ln, f"word space {max(wide):.1f} pt, {max(wide) / normal:.1f}× normal")
        hyph = ln.text.endswith(BREAK)
        if hyph:
            proof.hyphenated += 1
            word = broken_word(ln.text, BREAK)
            if word[:1].isupper() and word not in breakable:
                add("capital", ln)
        run = run + 1 if hyph else 0
        if run == LADDER + 1:
            add("ladder", ln, f"{LADDER + 1}+ hyphens in a row")
        if nxt is not None and ln.x1 < left + 0.6 * measure \
                and not any(e.startswith(ln.text.rstrip(BREAK)) for e in exempt):
            step = ln.y - nxt.y
            same = abs(nxt.size - ln.size) < 0.5 and 0 < step < 1.45 * ln.size * 1.0
            runs_on = abs(nxt.x0 - ln.x0) < 1.5 and not _MARKER.match(nxt.text) \
                and not _is_heading(nxt, ln, body)
            if same and runs_on and (hyph or nxt.text[:1].islower()):
                add("broken", ln)
    _page_breaks(proof, i, label, lines, body, right, add, carried)
    _notes(proof, i, label, allglyphs, body, add)


def _page_breaks(proof, i, label, lines, body, right, add, carried=True):
    text = [ln for ln in lines if abs(ln.size - body) < 0.5]
    floor = min((ln.y for ln in text), default=0)
    for k, ln in enumerate(lines):
        if ln.y > floor + 5 * body:
            continue                    # not at the foot of the page
        if k and ln.size > body - 0.5 and _is_heading(ln, lines[k - 1], body):
            after = lines[k + 1:]
            if any(_is_heading(x, None, body) for x in after):
                continue
            rest = [x for x in after if not x.small]     # a quotation's lines too
            if len(rest) == 1 and rest[0].x1 < right - 20:
                continue                # a one-line paragraph, whole: nothing is cut off
            if len(rest) < STRAND:
                add("stranded", ln, f"{len(rest)} text line(s) below it")
    if len(text) >= 2:
        first, second = text[0], text[1]
        if carried and first is lines[0] and not (first.heavy or first.italic) \
                and first.x1 < second.x1 - 30 and second.x0 > first.x0 + 3:
            add("widow", first)         # (not a one-line paragraph: the last page's ended short)
        last, before = text[-1], text[-2]
        if last is lines[-1] and not _MARKER.match(before.text) \
                and before.x0 + 3 < last.x0 < before.x0 + 30 \
                and last.x1 >= right - 2 and abs(last.y - before.y) < 1.5 * body:
            add("orphan", last)


_CALL = re.compile(r"(\d+)")


def _notes(proof, i, label, lines, body, add):
    """Note calls (small raised numbers in the text lines) against the
    notes at the foot (small lines under the text, starting 'n.')."""
    text = [ln for ln in lines if not ln.small]
    if not text:
        return
    floor = min(ln.y for ln in text)
    notes = {m.group(1) for ln in lines if ln.small and ln.y < floor
             for m in [re.match(r"^(\d+)\.\s", ln.text)] if m}
    for ln in text:
        for n in ln.calls:
            if n not in notes:
                add("note", ln, f"note {n} is not on this page")


def verse_lines(book) -> set[str]:
    """The lines of every verse or signature block (never ``broken``)."""
    out: set[str] = set()
    for sec in book.chapters:
        for node in P.iter_nodes(sec.blocks):
            if isinstance(node, dict) and node.get("t") == "LineBlock":
                out |= {" ".join(P.stringify(line).split()) for line in node["c"]}
    return out


def capitals_breaking(book) -> frozenset[str]:
    """Every start (two letters or more) of a capitalised word in a chapter
    whose own language breaks such words (its labels'
    ``hyphenate_capitalised``: a German text in an English book): a broken
    word there is the language's rule, not a broken name."""
    out: set[str] = set()
    for sec in book.chapters:
        lang = (sec.source.meta if sec.source else {}).get("language")
        if lang and capitals_hyphenate(lang):
            text = " ".join(P.stringify(block) for block in sec.blocks)
            for word in re.findall(r"\w+", text):
                if word[:1].isupper():
                    out.update(word[:n] for n in range(2, len(word)))
    return frozenset(out)


def proof_edition(book, path: Path, edition: str, labels: list[str] | None = None,
                  pages: list[int] | None = None,
                  readings: dict[int, list[Line]] | None = None) -> Proof:
    """Proof a written edition and add its findings to the build's warnings."""
    result = check(path, edition, labels, pages, exempt=verse_lines(book),
                   breakable=capitals_breaking(book), readings=readings)
    if capitals_hyphenate(book.config.data["language"]):     # German: nouns, not names
        result.findings = [f for f in result.findings if f.kind != "capital"]
    book.warnings.extend(result.warnings())
    return result


_WARNING = re.compile(r"^typography: (\S+) p\. (\S+) \(PDF page (\d+)\): (\w+)")


def flagged_pages(warnings) -> list[tuple[str, int, str]]:
    """(edition file, page index, what) for each page the warnings flag,
    once per page, in order: the report's thumbnails."""
    out: dict[tuple[str, int], list[str]] = {}
    for w in warnings:
        m = _WARNING.match(str(w))
        if m:
            out.setdefault((m.group(1), int(m.group(3)) - 1), []).append(
                f"p. {m.group(2)}: {m.group(4)}")
    return [(f, i, "; ".join(dict.fromkeys(what))) for (f, i), what in out.items()]

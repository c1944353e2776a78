"""The corpus scorecard: the normaliser on real texts nobody here wrote.

``python -m pressroom.tools.corpus`` (``make corpus``) normalises every
text in tests/corpus/ and scores it against the expectation written by
reading the source (tests/corpus/expect/*.yaml): headings (text and
level), notes (text and where each attaches), boilerplate left, inline
conventions (emphasis, dialogue, no stray markup) and fidelity (words
kept, the ledger balanced). Each score is 0-5; a failed check is listed
under the table. tests/test_corpus.py asserts every check passes.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.readers.decode import read_source_text
from pressroom.pipeline import normalise
from pressroom.settings.config import load_source

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
INLINE_KIDS = {"Emph": None, "Strong": None, "SmallCaps": None, "Underline": None,
               "Strikeout": None, "Superscript": None, "Subscript": None,
               "Span": 1, "Link": 1, "Quoted": 1, "Cite": 1}
ASPECTS = ("headings", "notes", "boilerplate", "inline", "fidelity")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                        "\u00a0": " ", "⸻": "-"})


def norm(text: str) -> str:
    """Text compared loosely: straight quotes, one kind of dash, one space."""
    return " ".join(text.translate(QUOTES).replace("_", "").split())


def key(text: str) -> str:
    """Text compared by its words only (case, punctuation and joins ignored)."""
    return " ".join(re.findall(r"[^\W_]+", text.translate(QUOTES).lower()))


@dataclass
class Result:
    name: str
    checks: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    error: str = ""

    def add(self, aspect: str, label: str, ok: bool) -> None:
        self.checks.setdefault(aspect, []).append((label, bool(ok)))

    def score(self, aspect: str) -> float:
        got = self.checks.get(aspect, [])
        return 5.0 if not got else 5.0 * sum(ok for _, ok in got) / len(got)

    def failures(self) -> list[str]:
        return [f"{a}: {label}" for a, items in self.checks.items()
                for label, ok in items if not ok]


def expectations() -> list[tuple[str, dict]]:
    out = []
    for path in sorted((CORPUS / "expect").glob("*.yaml")):
        out.append((path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return out


def source_words(exp: dict) -> int:
    """Words of the text's body, counted from the source's bytes alone."""
    text, _ = read_source_text(CORPUS / exp["source"])
    body = exp.get("body") or {}
    start = text.find(body.get("from", "")) if body.get("from") else 0
    end = text.find(body["to"], start) if body.get("to") and body["to"] in text else len(text)
    chunk = text[max(start, 0):end]
    if exp["source"].endswith((".html", ".xhtml")):
        chunk = html.unescape(re.sub(r"<[^>]+>", " ", chunk))
    return len(chunk.split())


def _headings(blocks) -> list[tuple[int, str]]:
    return [(b["c"][0], P.stringify(b["c"][2])) for b in blocks[1:] if b["t"] == "Header"]


def _notes(blocks) -> list[tuple[str, str]]:
    """(words before the mark, note text) for every note, in order."""
    found: list[tuple[str, str]] = []

    def scan(inlines: list) -> None:
        for i, n in enumerate(inlines):
            if n["t"] == "Note":
                found.append((P.stringify(inlines[:i]), P.stringify(n["c"])))
            elif n["t"] in INLINE_KIDS:
                idx = INLINE_KIDS[n["t"]]
                scan(n["c"] if idx is None else n["c"][idx])

    for node in P.iter_nodes(blocks):
        if node["t"] in ("Para", "Plain"):
            scan(node["c"])
        elif node["t"] == "Header":
            scan(node["c"][2])
        elif node["t"] == "LineBlock":
            for line in node["c"]:
                scan(line)
    return found


def _in_quote(blocks) -> list[str]:
    return [norm(P.stringify(b)) for b in P.iter_nodes(blocks) if b["t"] == "BlockQuote"]


def _emph(blocks) -> list[str]:
    return [norm(P.stringify(n)) for n in P.iter_nodes(blocks)
            if n["t"] in ("Emph", "Strong", "SmallCaps")]


def check(name: str, exp: dict) -> Result:
    r = Result(name)
    try:
        section, ctx = normalise(load_source(CORPUS / exp["source"]))
    except UserError as e:
        r.error = str(e)
        for a in ASPECTS:
            r.add(a, f"normalise failed: {e}", False)
        return r
    blocks = section.blocks
    body_text = norm(P.stringify(blocks[1:]))

    if exp.get("title"):
        r.add("headings", f"title {exp['title']!r} (got {section.title!r})",
              key(section.title) == key(exp["title"]))
    got = _headings(blocks)
    want = [(lvl, text) for lvl, text in exp.get("headings") or []]
    for lvl, text in want:
        match = [g for g in got if key(g[1]) == key(text)]
        r.add("headings", f"heading {lvl} {text!r}" + ("" if match else " missing")
              + ("" if not match or match[0][0] == lvl else f" at level {match[0][0]}"),
              bool(match) and match[0][0] == lvl)
    extra = [g for g in got if not any(key(g[1]) == key(t) for _, t in want)]
    for lvl, text in extra:
        r.add("headings", f"no heading {text[:60]!r} (level {lvl})", False)
    if not want and not extra:
        r.add("headings", "no headings", True)

    notes = _notes(blocks)
    want_notes = exp.get("notes") or []
    for i, spec in enumerate(want_notes):
        hit = [n for n in notes if key(n[1]) == key(spec["text"])] or \
            [n for n in notes if key(n[1]).startswith(key(spec["text"]))] or \
            ([n for n in notes if key(spec["text"]) in key(n[1])] if spec.get("orphan") else [])
        label = f"note {i + 1} {spec['text'][:40]!r}"
        if not hit:
            r.add("notes", label + " missing", False)
        elif len(hit) > 1:
            r.add("notes", label + f" printed {len(hit)} times", False)
        elif spec.get("orphan"):
            hit = [n for n in notes if key(spec["text"]) in key(n[1])]
            warned = any("note" in w and "reference mark" in w for w in ctx.warnings)
            r.add("notes", label + " kept, with a warning", warned)
        else:
            ok = key(hit[0][0]).endswith(key(spec["after"]))
            r.add("notes", label + f" after {spec['after']!r}"
                  + ("" if ok else f" (attached after {hit[0][0][-40:]!r})"), ok)
    if len(notes) != len(want_notes):
        r.add("notes", f"{len(want_notes)} notes (got {len(notes)})", False)
    elif not want_notes:
        r.add("notes", "no notes", True)
    for mark in re.findall(r"\[\d+\]|\[\^\w+\]|\{\d+\}", body_text):
        r.add("notes", f"stray note mark {mark}", False)
        break

    for s in exp.get("boilerplate") or []:
        r.add("boilerplate", f"no {s!r}", norm(s) not in body_text)
    if not exp.get("boilerplate"):
        r.add("boilerplate", "nothing to drop", True)

    emph = _emph(blocks)
    for s in exp.get("emphasis") or []:
        r.add("inline", f"emphasis {s!r}", any(norm(s) in e for e in emph))
    quoted = _in_quote(blocks)
    for s in exp.get("dialogue") or []:
        r.add("inline", f"dialogue not a block quotation: {s[:30]!r}",
              not any(norm(s) in q for q in quoted))
    for s in exp.get("quotes") or []:
        r.add("inline", f"block quotation kept: {s[:30]!r}", any(norm(s) in q for q in quoted))
    raw = P.stringify(blocks[1:])
    if exp.get("no_underscores", True):
        r.add("inline", "no literal _underscores_", "_" not in raw)
    r.add("inline", "no literal *emphasis* marks", not re.search(r"(^|\s)\*\w[^*]*\w\*", raw))
    heads = [t for _, t in got]
    caps = [t for t in heads if t.isupper()]
    r.add("inline", "headings set one way (no ALL-CAPS heading)", not caps)

    for s in exp.get("keep") or []:
        r.add("fidelity", f"kept {s[:40]!r}", norm(s) in body_text)
    want_words = source_words(exp)
    counted = P.walk(blocks[1:], lambda n: [] if n["t"] == "Span" and "editor" in n["c"][0][1]
                     else None)                 # the editor's words are not the source's
    if section.source.meta.get("endnotes"):     # the notes come from another file
        counted = P.walk(counted, lambda n: [] if n["t"] == "Note" else None)
    got_words = len(P.words(counted))
    ratio = got_words / max(want_words, 1)
    r.add("fidelity", f"words {got_words} of ~{want_words} in the body ({ratio:.0%})",
          0.7 <= ratio <= 1.1)
    rep = ctx.report
    r.add("fidelity", "ledger balanced", rep.unaccounted == 0 and rep.accounted == rep.source_words)
    return r


def scorecard(results: list[Result]) -> str:
    width = max(len(r.name) for r in results)
    lines = [f"{'text':<{width}}  " + "  ".join(f"{a[:10]:>10}" for a in ASPECTS)]
    totals = {a: 0.0 for a in ASPECTS}
    for r in results:
        lines.append(f"{r.name:<{width}}  " + "  ".join(f"{r.score(a):>10.1f}" for a in ASPECTS))
        for a in ASPECTS:
            totals[a] += r.score(a)
    n = len(results)
    lines.append(f"{'mean':<{width}}  " + "  ".join(f"{totals[a] / n:>10.1f}" for a in ASPECTS))
    lines.append("")
    for r in results:
        fails = r.failures()
        if fails:
            lines.append(f"{r.name}:")
            lines.extend(f"  - {f}" for f in fails)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = [(n, e) for n, e in expectations() if not argv or n in argv]
    results = [check(n, e) for n, e in chosen]
    print(scorecard(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

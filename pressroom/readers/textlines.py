"""Plain text as numbered lines and blank-separated chunks, and the line
tests the plain-text reader builds its structure from.

Nothing here builds Pandoc nodes: it only answers questions about lines
("is this a heading?", "is this file hard-wrapped?", "is this a table of
contents?"), so each test can be read, and unit-tested, on its own.
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass, field
from pressroom.doctree import pandoc as P

NBSP = "\u00a0"
OPEN_QUOTES = "\"“‘'"
CLOSE_QUOTES = "\"”’'"
DASH_LEAD = re.compile(r"^[—–‒-]\s?\S")
ORDERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
LETTERED = re.compile(r"^(\s*)\(([a-z])\)\s+(\S.*)$")
BULLET = re.compile(r"^(\s*)[•·‣◦▪*-]\s+(\S.*)$")
ROMAN = re.compile(r"^[IVXLC]+\.?$")
HEADING_WORD = re.compile(r"^(Part|Chapter|Book|Section|Appendix)\s+([IVXLC]+|\d+|[A-Z][a-z]+)\b", re.I)
SECTION_WORD = re.compile(r"^(preface|introduction|introductory|foreword|prologue|epilogue|"
                          r"afterword|dedication|conclusion|appendix|postscript|notes|"
                          r"bibliography|glossary|index|summary|contents)$", re.I)
# A heading's number on a line of its own: "CHAPTER I.", "I", "216.", "Letter XII".
LABEL = re.compile(r"^(?:(?i:chapter|book|part|section|letter|lecture|essay|canto|article|no\.?)\s+)?"
                   r"([IVXLCDM]+|\d{1,4})\s*[.:]?$")
MINOR = set("a an and as at but by for from in into of on or the to vs via with "
            "nor per upon".split())
GUTENBERG_START = re.compile(r"^\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG", re.I)
GUTENBERG_END = re.compile(r"^\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG", re.I)
CONTENTS = re.compile(r"^(table of )?contents:?$", re.I)


@dataclass
class Chunk:
    """A run of non-blank lines: its first line number (1-based) and the
    number of blank lines before it."""
    start: int
    lines: list[str]
    blanks_before: int
    kind: str = ""                      # set by the reader
    data: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(clean(l) for l in self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


def clean(line: str) -> str:
    """A line with NBSP as space and runs of spaces collapsed."""
    return " ".join(line.replace(NBSP, " ").split())


def chunks(lines: list[str], first_line: int = 1) -> list[Chunk]:
    out: list[Chunk] = []
    blanks, cur = 0, None
    for i, line in enumerate(lines):
        if not line.strip():
            if cur is not None:
                out.append(cur)
                cur = None
            blanks += 1
            continue
        if cur is None:
            cur = Chunk(first_line + i, [], blanks if out else 0)
            blanks = 0
        cur.lines.append(line.rstrip())
    if cur is not None:
        out.append(cur)
    return out


def join_wrapped(lines: list[str], report=None) -> str:
    """A hard-wrapped paragraph's lines as one: a word broken at its own
    hyphen ("good-" / "tempered") is joined without a space (the ledger
    counts the second half as joined to the first)."""
    out = ""
    for line in lines:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            if report is not None:
                report.remove("line-end-hyphen (joined)", line.split()[:1])
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped file breaks at, or None when the file has
    one paragraph per line (the web-scrape norm)."""
    lengths = [len(l.rstrip()) for l in lines if l.strip()]
    if len(lengths) < 4:
        return None
    long_share = sum(1 for n in lengths if n > 100) / len(lengths)
    if long_share > 0.05:
        return None
    # Hard wrapping shows as many lines clustered just below one width.
    top = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else max(lengths)
    near = sum(1 for n in lengths if top - 15 <= n <= top + 5)
    return int(max(lengths)) if near / len(lengths) > 0.3 and top >= 50 else None


def ends_sentence(text: str) -> bool:
    if re.search(r"[,;:]-{1,2}$", text):          # "as follows:--", "DEAR SIR,--"
        return True
    return bool(re.search(r"[.,;:]$", text)) and not text.endswith("...")


def title_case_ratio(text: str) -> float:
    words = [w.strip("“”‘’\"'()[]") for w in re.split(r"[\s–—-]+", text)]
    words = [w for w in words if w and w[0].isalpha()]
    significant = [w for i, w in enumerate(words) if i == 0 or w.lower() not in MINOR]
    if not significant:
        return 0.0
    return sum(1 for w in significant if w[0].isupper()) / len(significant)


def looks_like_heading(text: str, title_case_file: bool) -> bool:
    """An isolated line that could be a heading (before any context)."""
    text = re.sub(r"(\[\d+\]|\*|<sup>\w+</sup>)$", "", text).rstrip()   # a note mark
    if not text or len(text) > 100 or len(text.split()) > 16:
        return False
    if ORDERED.match(text) and not ends_sentence(text):
        return True                      # "1. Introduction", "16. …"
    if HEADING_WORD.match(text) or ROMAN.match(text) or text.isupper():
        # "THE SNAKE DANCE." is a heading; "DEAR SIR," and "SIR,--" are not.
        bare = text[:-1] if text.isupper() and text.endswith(".") and not text.endswith("..") else text
        return not ends_sentence(bare)
    if ends_sentence(text) or re.search(r"\([^)]*\d[^)]*\)$", text):
        return False                     # a sentence, or ends with a citation
    if text[0] in OPEN_QUOTES and title_case_ratio(text) < 0.6:
        return False                     # a quoted line (‘Like this…’), not a heading
    if not (text[0].isupper() or text[0].isdigit() or text[0] in OPEN_QUOTES):
        return False
    if text.endswith(("?", "!")):
        # A one-sentence question is a paragraph unless the file writes its
        # headings in Title Case and this one is too, or it is very short.
        if title_case_file:
            return title_case_ratio(text) >= 0.6
        return len(text.split()) <= 5 and "," not in text
    if re.search(r"[.!?]\s+[A-Z]", text) or text.count(",") > 2:
        return False                     # two sentences, or a list of names
    return True


EMPHASIS = re.compile(r"(?<![\w*_])([_*])(?=[^\s_*])(.+?)(?<=[^\s_*])\1(?![\w*_])")


def markup_lines(lines: list[str]) -> list[list]:
    """Verse lines, with emphasis that runs over a line end kept."""
    joined = "\n".join(lines)
    spans = [(m.start(), m.end(), m.start(2), m.end(2)) for m in EMPHASIS_ML.finditer(joined)]
    if not spans:
        return [markup(l) for l in lines]
    out, pos = [], 0
    for line in lines:
        a, b = pos, pos + len(line)
        inl: list = []
        cur = a
        for s, e, s2, e2 in spans:
            if e <= a or s >= b:
                continue
            lo, hi = max(s2, a), min(e2, b)
            plain = joined[cur:max(s, a)] if s > cur else ""
            inl.extend(_glue(P.inlines(plain), plain))
            if hi > lo:
                inl.append({"t": "Emph", "c": P.inlines(joined[lo:hi])})
            cur = min(e, b)
        rest = joined[cur:b]
        inl.extend(_glue(P.inlines(rest), rest, lead=True))
        out.append([n for n in inl if n])
        pos = b + 1
    return out


EMPHASIS_ML = re.compile(r"(?<![\w*_])(_)(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w*_])", re.S)


def markup(text: str) -> list:
    """A line's inlines, with plain text's emphasis conventions read:
    _italic_ and *emphasis* (never an intraword _ or a note's * mark)."""
    out: list = []
    pos = 0
    for m in EMPHASIS.finditer(text):
        if m.group(1) == "*" and m.group(2).startswith(" "):
            continue
        before = text[pos:m.start()]
        out.extend(_glue(P.inlines(before), before))
        out.append({"t": "Emph", "c": P.inlines(m.group(2))})
        pos = m.end()
    rest = text[pos:]
    out.extend(_glue(P.inlines(rest), rest, lead=True))
    return [n for n in out if n] if pos else P.inlines(text)


def _glue(nodes: list, raw: str, lead: bool = False) -> list:
    """Keep the spaces around an emphasis span as the text has them."""
    if not raw:
        return []
    out = list(nodes)
    if raw[:1] == " " and lead:
        out.insert(0, {"t": "Space"})
    if raw[-1:] == " " and not lead:
        out.append({"t": "Space"})
    if raw[:1] == " " and not lead and out and out[0].get("t") != "Space":
        out.insert(0, {"t": "Space"})
    if raw[-1:] == " " and lead and out and out[-1].get("t") != "Space":
        out.append({"t": "Space"})
    return out


def key(text: str) -> str:
    """Loose key for matching a TOC entry against a heading."""
    t = clean(text).lower()
    t = re.sub(r"^\d+[.)]\s*", "", t)
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


class KeyIndex:
    """Lines by their loose key, bucketed by the key's first two words:
    "is this line (nearly) one of those, after position p?" without
    comparing it with every line."""

    def __init__(self):
        self.exact: dict[str, list[int]] = {}
        self.buckets: dict[str, list[tuple[int, str]]] = {}

    def add(self, text: str, pos: int) -> None:
        k = key(text)
        self.exact.setdefault(k, []).append(pos)
        self.buckets.setdefault(" ".join(k.split()[:2]), []).append((pos, k))

    def find(self, text: str, after: int, threshold: float = 0.9) -> bool:
        k = key(text)
        if any(p > after for p in self.exact.get(k, ())):
            return True
        for pos, other in self.buckets.get(" ".join(k.split()[:2]), ()):
            if pos > after and abs(len(other) - len(k)) <= 0.2 * max(len(k), 1) \
                    and difflib.SequenceMatcher(None, k, other).ratio() >= threshold:
                return True
        return False


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, key(a), key(b)).ratio()


def parse_ranges(spec) -> list[tuple[int, int]]:
    """Sidecar line ranges: 12, "12-20" or a list of them."""
    if spec is None:
        return []
    if not isinstance(spec, list):
        spec = [spec]
    out = []
    for item in spec:
        a, _, b = str(item).partition("-")
        out.append((int(a), int(b or a)))
    return out


def in_ranges(line: int, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
    for r in ranges:
        if r[0] <= line <= r[1]:
            return r
    return None


def parse_ranges_lines(spec) -> list[int]:
    return [n for a, b in parse_ranges(spec) for n in range(a, b + 1)]

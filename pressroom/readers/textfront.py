"""Plain text: the title page and the contents lists, before structure.

``contents`` blanks every contents-like list (CONTENTS, TABLE OF CONTENTS,
LIST OF ILLUSTRATIONS, with or without a CHAP./PAGE header, indented or
not, entries wrapped or not) from its heading to the next section gap of
three blank lines or the first prose paragraph: the writers make the
book's contents. ``title_page`` takes the run of short chunks that opens a
Project Gutenberg text (title, subtitle, "by", author, publisher, date)
and finds the title among them (the line that matches the header's
``Title:``); the rest goes to the ledger as "title-page"; a dropped list as "toc".
"""

from __future__ import annotations

import difflib
import re

from pressroom.readers import textlines as T

LIST_HEAD = re.compile(r"^\s*((table of )?contents|list of (illustrations|plates|maps|figures)|"
                       r"illustrations)\s*[.:]?\s*$", re.I)
SECTION_START = re.compile(r"^\s*(preface|introduction|introductory|foreword|prologue|dedication|"
                           r"contents|(chapter|book|part|letter|lecture|essay|canto)\b|"
                           r"[IVXLC]+\.?$|\d{1,4}\.$)", re.I)


def contents(lines: list[str], report, warn=None) -> tuple[list[str], list[str]]:
    """(lines with every contents list blanked, the entries of the first
    one: the reader takes its top-level headings from them)."""
    lines = list(lines)
    entries: list[str] = []
    i = 0
    while i < len(lines):
        if LIST_HEAD.match(lines[i]) and (i == 0 or not lines[i - 1].strip()):
            j = _list_end(lines, i + 1)
            head = lines[i]
            found = []
            for k in range(i, j):
                if lines[k].strip():
                    if k > i:
                        found.append(T.clean(lines[k]))
                    report.remove("toc", lines[k].split())
                    lines[k] = ""
            if not entries and re.match(r"(?i)\s*(table of )?contents", head):
                entries = found
            if warn:
                warn(f"dropped a contents list of {len(found)} lines (to line {j}): the "
                     "book's contents are made from its headings", i + 1)
            i = j
        i += 1
    return lines, entries


def _list_end(lines: list[str], i: int) -> int:
    """The first line after a contents list: a section gap (three blank
    lines), a prose paragraph, or the first entry again (the text's own
    first heading) ends it."""
    blanks, j = 0, i
    first = ""
    while j < len(lines) and j - i < 400:
        line = lines[j]
        if not line.strip():
            blanks += 1
            if blanks >= 3:
                return j
            j += 1
            continue
        blanks = 0
        k_line = T.key(re.sub(r"\s\d{1,4}\s*$", "", line))
        if not first:
            first = k_line
        elif k_line and (k_line == first or (len(first) > 12 and
                         difflib.SequenceMatcher(None, k_line, first).ratio() >= 0.85)):
            return j
        para = [line]
        k = j + 1
        while k < len(lines) and lines[k].strip():
            para.append(lines[k])
            k += 1
        if _prose(para):
            return j
        j = k
    return j


def _prose(para: list[str]) -> bool:
    text = " ".join(l.strip() for l in para)
    if len(para) == 1:
        return len(text) > 120
    long_lines = sum(1 for l in para if len(l.strip()) >= 55)
    return (len(para) >= 3 and long_lines >= len(para) - 1
            and not any(re.search(r"\s\d{1,4}\s*$", l) for l in para)
            and not para[0].startswith(" "))


def title_page(chunks: list[T.Chunk], pg_title: str | None, report):
    """(chunks after the title page, the title or None)."""
    n = 0
    while n < len(chunks) and not _ends_title_page(chunks[n]):
        n += 1
    page = chunks[:n]
    if not page:
        return chunks, None
    want = T.key(pg_title or "")
    best, title = -1.0, None
    for c in page:
        for line in c.lines:
            k = T.key(line)
            if not k or k == "by":
                continue
            score = difflib.SequenceMatcher(None, k, want).ratio() if want else 0.0
            if want and (want in k or k in want) and len(k) >= len(want) * 0.6:
                score = max(score, 0.9)
            if score >= 0.8 or (score >= best and score >= 0.6):
                best, title = max(best, score), T.clean(line)   # the last good match
    if title is None:
        title = T.clean(page[0].lines[0])
    for c in page:
        report.remove("title-page", c.text.split())
    title = title.rstrip(".")
    return chunks[n:], title          # as written: the sidecar may restate it


def _ends_title_page(c: T.Chunk) -> bool:
    text = c.text
    if SECTION_START.match(c.lines[0]):
        return True
    return len(text.split()) >= 25 or (len(c.lines) >= 3 and
                                       sum(len(l) for l in c.lines) / len(c.lines) >= 50)

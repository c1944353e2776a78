"""Project Gutenberg's apparatus in plain text, found by line before any
structure is read: the header and licence of every era (the 2001 "Small
Print", the 2005-2020 START/END markers, one or two lines long), the
producer credits ("Produced by…", "E-text prepared by…"), the notes about
other editions, transcriber's notes, and the "End of the Project
Gutenberg EBook…" lines. Lines are blanked, never removed, so line
numbers stay the source's; every dropped word is charged to a named rule.
The header's ``Title:`` field is returned: the reader uses it to find the
title among the title-page lines.
"""

from __future__ import annotations

import re

START = re.compile(r"^\s*\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG|"
                   r"^\s*\*END\*?\s*THE SMALL PRINT", re.I)
END = re.compile(r"^\s*\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG|"
                 r"^\s*End of (the )?Project Gutenberg|^\s*End of Project Gutenberg'?s?", re.I)
PRODUCER = re.compile(r"^\s*(Produced by|E-?text prepared by|This e-?text was (produced|prepared)|"
                      r"Transcribed (from|by)|Scanned (by|and proofed)|Prepared by .*"
                      r"(Distributed Proofread|Project Gutenberg)|HTML version by)\b", re.I)
EDITIONS = re.compile(r"^\s*Note: Project Gutenberg (also )?has", re.I)
TRANSCRIBER = re.compile(r"^\s*\[?\s*transcriber'?s'? notes?\s*[:.\]]?\s*$|"
                         r"^\s*\[?transcriber'?s'? notes?:", re.I)
TITLE_FIELD = re.compile(r"^\s*Title:\s*(\S.*)$")


def strip(lines: list[str], report) -> tuple[list[str], str | None]:
    """Blank PG's apparatus; return the lines and the header's title."""
    lines = list(lines)
    start = next((i for i, l in enumerate(lines) if START.match(l)), None)
    end = next((i for i, l in enumerate(lines) if END.match(l) and (start is None or i > start)),
               None)
    if start is None and end is None:
        return lines, None
    title = None
    if start is not None:
        title = next((m.group(1).strip() for l in lines[:start]
                      if (m := TITLE_FIELD.match(l))), None)
        stop = start
        # A marker may wrap: "***START OF THE PROJECT GUTENBERG EBOOK X\nY***".
        while stop + 1 < len(lines) and lines[stop].strip() and \
                not lines[stop].rstrip().endswith("*") and lines[stop + 1].strip():
            stop += 1
        _blank(lines, range(0, stop + 1), "gutenberg-boilerplate", report)
    if end is not None:
        _blank(lines, range(end, len(lines)), "gutenberg-boilerplate", report)
    _paragraphs(lines, PRODUCER, "gutenberg-producer", report)
    _paragraphs(lines, EDITIONS, "gutenberg-producer", report)
    _transcriber(lines, report)
    return lines, title


def _blank(lines: list[str], rng, rule: str, report) -> None:
    for i in rng:
        if lines[i].strip():
            report.remove(rule, lines[i].split())
            lines[i] = ""


def _paragraphs(lines: list[str], rx: re.Pattern, rule: str, report) -> None:
    """Blank each paragraph (up to a blank line) that opens with rx."""
    i = 0
    while i < len(lines):
        if rx.match(lines[i]) and (i == 0 or not lines[i - 1].strip()):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            # An indented continuation after one blank line belongs to it.
            while j + 1 < len(lines) and not lines[j].strip() and lines[j + 1].startswith("      "):
                j += 1
                while j < len(lines) and lines[j].strip():
                    j += 1
            _blank(lines, range(i, j), rule, report)
            i = j
        i += 1


def _transcriber(lines: list[str], report) -> None:
    """A transcriber's note runs from its heading to the next run of three
    or more blank lines (PG's section gap)."""
    i = 0
    while i < len(lines):
        if TRANSCRIBER.match(lines[i]) and (i == 0 or not lines[i - 1].strip()):
            j, blanks = i + 1, 0
            while j < len(lines) and j - i < 120:
                blanks = blanks + 1 if not lines[j].strip() else 0
                if blanks >= 3:
                    break
                j += 1
            if blanks < 3:              # no section gap near: the note's own paragraph only
                j = i + 1
                while j < len(lines) and lines[j].strip():
                    j += 1
            _blank(lines, range(i, j), "transcriber-note", report)
            i = j
        i += 1

"""Plain text: what each unit is.

A unit from textunits becomes a heading, a list item, a note's text, an
attribution or stays a paragraph; a Gutenberg ``[Illustration: …]`` and a
"Notes:" line over note texts are dropped (charged to their rules). The
headings get their levels: from the table of contents when the text has
one, else from the blank lines before them; the sidecar may force a line
to be, or not to be, a heading.
"""

from __future__ import annotations

from pressroom.doctree.captions import is_caption
from pressroom.readers import textheads
from pressroom.readers import textlines as T
from pressroom.readers.textnotes import (BRACE_DEF, FOOTNOTE_DEF, NOTE_PARA_DEF, NOTES_LINE,
                                         SIGN_DEF, defs_follow, marked_before)
from pressroom.readers.textunits import ILLUSTRATION, marker


def classify(r, units: list[dict]) -> None:
    cands = [u for u in units if u["kind"] == "para" and u["single"]
             and T.looks_like_heading(u["text"], True)
             and not u["text"].endswith(("?", "!"))]
    title_case = bool(cands) and sum(T.title_case_ratio(u["text"]) >= 0.75
                                     for u in cands) * 2 > len(cands)
    prev = None
    for idx, u in enumerate(units):
        text = u.get("text", "")
        if u["kind"] == "para" and ILLUSTRATION.match(text):
            u["kind"] = "drop"
            r.drop("image-caption", text)
        elif u["kind"] == "para" and u["single"] and NOTES_LINE.match(text) \
                and defs_follow(units, idx):
            u["kind"] = "drop"
            r.drop("note-markers", text)
        elif u["kind"] == "para" and BRACE_DEF.match(text):
            u["kind"], u["n"] = "note-def", BRACE_DEF.match(text).group(1)
        elif u["kind"] == "para":
            m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text)
            if m and (FOOTNOTE_DEF.match(text) or r.width):
                u["kind"], u["n"] = "note-def", m.group(1)
            elif SIGN_DEF.match(text) and marked_before(units, idx, SIGN_DEF.match(text)):
                sign = SIGN_DEF.match(text)
                u["kind"], u["n"] = "note-def", sign.group(2) or sign.group(3)
            elif marker(u["raw"]) and not (u["single"] and not u["raw"][0].isspace()
                                            and T.looks_like_heading(text, title_case)):
                u["kind"] = "item"
            elif (u.get("forced") or u["start"] in r.forced) \
                    and u["start"] not in r.not_headings:
                u["kind"], u["forced"] = "heading", True
            elif (u["single"] and u["start"] not in r.not_headings
                  and not textheads.right_aligned(u, r.width)
                  and T.looks_like_heading(text, title_case)
                  and not (prev and prev.get("text", "").endswith(":"))):
                u["kind"] = "heading"
        prev = u
    textheads.demote(units)
    heads = [u for u in units if u["kind"] == "heading"]
    flag_gaps(r, units, heads)
    if not heads:
        return
    level(r, heads)
    for u in heads:
        if u["start"] in r.forced:
            u["level"] = r.forced[u["start"]]
    for u in heads:
        if u["start"] in r.subheadings:
            u["level"] = min(u["level"] + 1, 6)


def level(r, heads: list[dict]) -> None:
    """Top sections are level 2: those the table of contents lists, or
    those after the longest runs of blank lines; the rest are level 3."""
    if r.toc:
        toc = T.KeyIndex()
        for e in r.toc:
            toc.add(e, 0)
        for u in heads:
            u["level"] = 2 if toc.find(u["text"], after=-1) else 3
        return
    blanks = [u["blanks"] for u in heads]
    hi = max(blanks)
    use_blanks = hi > min(blanks) and hi >= 2 and blanks.count(hi) >= 2
    for u in heads:
        u["level"] = 3 if use_blanks and u["blanks"] < 2 else 2


def flag_gaps(r, units: list[dict], heads: list[dict]) -> None:
    """Two blank lines before a paragraph, where the text does not use
    blank runs for its sections, are probably a subheading lost in the
    scrape (000 has three): the editor should look."""
    if any(u["blanks"] >= 2 for u in heads):
        return
    for k, u in enumerate(units):
        if u["blanks"] >= 2 and u["kind"] == "para" and k > 0 \
                and not is_caption(u["text"]):
            r.ctx.warn("two blank lines before this paragraph: a lost "
                          "subheading or section break?", u["start"])

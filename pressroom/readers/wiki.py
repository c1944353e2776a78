"""Wiki articles exported as text (a browser's "save as text" of a
Wikipedia page): their conventions, read before structure.

The export marks headings with stars (``****** Title ******`` the page
title, ``***** Section[edit] *****`` level 2, ``****`` level 3, ``***``
level 4), writes link text with underscores for spaces, marks citations
``[12]`` or ``[12]:34``, opens with the export's own header and the
site's "From Wikipedia" and navigation lines, lists its contents, and
ends with the site's menus from "Retrieved from" on. Paragraphs are not
separated by blank lines: a short line that ends a sentence ends its
paragraph. Every dropped word is charged to "wiki-chrome",
"wiki-citations" or "toc".
"""

from __future__ import annotations

import re

SIGN = re.compile(r"^From Wikipedia, the free encyclopedia\s*$", re.M)
HEAD = re.compile(r"^(\*{3,6}) (.+?)(?:\[edit\])? \1\s*$")
CITE = re.compile(r"\[(\d{1,3}|[a-z]|citation needed|note \d+)\](?::[\d–-]+)?")
LINK_SPACE = re.compile(r"(?<=[^\W_])_(?=[^\W_])")
CHROME = re.compile(r"^(From Wikipedia, the free encyclopedia|Jump_to_navigation.*|"
                    r"\s*[⁰¹²³]\s*|Main article:.*)$")


def is_wiki(text: str) -> bool:
    return bool(SIGN.search(text[:5000]))


def read(lines: list[str], report) -> tuple[list[str], dict[int, int], str | None]:
    """(lines, {line index: heading level}, title)."""
    title = None
    start = next((i for i, l in enumerate(lines) if HEAD.match(l) and len(HEAD.match(l).group(1)) == 6),
                 0)
    tail = next((i for i, l in enumerate(lines) if l.startswith("Retrieved from")), len(lines))
    out: list[str] = []
    heads: dict[int, int] = {}
    for l in lines[:start]:
        report.remove("wiki-chrome", l.split())
    width = max((len(l) for l in lines[start:tail]), default=79)
    i = start
    while i < tail:
        line = lines[i]
        m = HEAD.match(line)
        if m:
            level = {6: 1, 5: 2, 4: 3, 3: 4}[len(m.group(1))]
            name = m.group(2).strip()
            if level == 1:
                title = name
                report.remove("title-line", line.split())
            elif name.lower() == "contents":
                report.remove("toc", line.split())
                i += 1
                while i < tail and re.match(r"^\s+[*o#]\s", lines[i]):
                    report.remove("toc", lines[i].split())
                    i += 1
                continue
            else:
                report.remove("wiki-chrome", [w for w in line.split() if "*" in w or "[edit]" in w])
                out.extend(["", name, ""])
                heads[len(out) - 2] = level
            i += 1
            continue
        if CHROME.match(line):
            report.remove("wiki-chrome", line.split())
            i += 1
            continue
        marks = CITE.findall(line)
        if marks:
            # a mark standing alone is a source word removed; one glued to a
            # word ("growth[16]") changes no word count: a fix at that place
            alone = [t for t in line.split() if CITE.search(t) and not CITE.sub("", t)]
            if alone:
                report.remove("wiki-citations", alone)
            glued = len(marks) - sum(len(CITE.findall(t)) for t in alone)
            if glued:
                report.fix("wiki-citations", glued)
            line = CITE.sub("", line)
        line = LINK_SPACE.sub(" ", line)
        out.append(line)
        if re.search(r"[.!?:”\"]\s*$", line) and len(line.rstrip()) < 0.8 * width:
            out.append("")                  # a short line ends its paragraph
        i += 1
    for l in lines[tail:]:
        report.remove("wiki-chrome", l.split())
    return out, heads, title

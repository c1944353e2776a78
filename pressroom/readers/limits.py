"""Structural limits, checked on a source's text before any parser recurses.

Place in the flow: readers/decode.py's ``read_source`` calls ``check_nesting``
on the decoded text of an HTML or Markdown source. An article nests a few
levels (a quotation in a list in a section); 200 nested ``<div>``s or 300
``>`` quotation marks are not an article, and the recursive tree walks
downstream (and pickle, and pandoc's JSON) would fail on them with a
traceback. The limit is a UserError naming the file and line instead.
doctree/pandoc.py keeps a second net on every parsed tree.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pressroom.errors import UserError

MAX_NESTING = 40          # levels of elements; real articles stay under 15
MAX_BRACKETS = 6          # pandoc's Markdown reader doubles its time with each further level
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"}


class _Depth(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.deepest = (0, 0)

    def handle_starttag(self, tag, attrs):
        if tag in VOID or tag in ("html", "body", "article", "main", "section"):
            return
        self.open.append(tag)
        if len(self.open) > self.deepest[0]:
            self.deepest = (len(self.open), self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


_QUOTES = re.compile(r"^(?:[ \t]{0,3}>)+", re.M)
_LISTS = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+){2,}", re.M)


def _bracket_depth(text: str) -> tuple[int, int]:
    """The deepest run of unescaped, unclosed ``[`` (pandoc's Markdown
    reader takes minutes over a few hundred) and its line."""
    depth = deepest = line = 0
    for m in re.finditer(r"\\.|[\[\]]|\n", text):
        tok = m.group(0)
        if tok == "[":
            depth += 1
            if depth > deepest:
                deepest, line = depth, text.count("\n", 0, m.start()) + 1
        elif tok == "]":
            depth = max(0, depth - 1)
        elif tok == "\n" and text.startswith("\n", m.end()):
            depth = 0                      # a blank line ends a paragraph
    return deepest, line


def check_nesting(text: str, fmt: str, path) -> None:
    """Raise a UserError when the markup nests deeper than MAX_NESTING."""
    if fmt not in ("html", "markdown"):
        return
    found: list[tuple[int, int, str]] = []
    parser = _Depth()
    parser.feed(text)
    parser.close()
    found.append((*parser.deepest, "HTML elements"))
    if fmt == "markdown":
        for pattern, what in ((_QUOTES, "quotations ('>')"), (_LISTS, "list markers")):
            for m in pattern.finditer(text):
                depth = len(re.findall(r">" if pattern is _QUOTES else r"[-*+]|\d+[.)]", m.group(0)))
                if depth > MAX_NESTING:
                    found.append((depth, text.count("\n", 0, m.start()) + 1, what))
                    break
        brackets, line = _bracket_depth(text)
        if brackets > MAX_BRACKETS:
            raise UserError(f"brackets ('[') nested {brackets} levels deep (the limit is "
                            f"{MAX_BRACKETS}): pandoc would take minutes", path, line,
                            hint="escape the brackets as \\[ or flatten them")
    depth, line, what = max(found)
    if depth > MAX_NESTING:
        raise UserError(f"{what} nested {depth} levels deep (the limit is {MAX_NESTING}): "
                        "not an article's structure", path, line or None,
                        hint="flatten the markup")

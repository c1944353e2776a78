"""Plain text: how a note's text is written, and where its mark is.

``[Footnote 1: …]`` and ``[Note 1: …]`` (Gutenberg), ``[1] text`` in
wrapped text, ``{1} text`` under "Footnotes:" (1900s Gutenberg), and a
note opened by its sign, ``* text``, ``† text`` or ASCII Gutenberg's
``(*) text``, ``(+) text``, set after the paragraph whose words carry
the mark. The classifier labels those units "note-def"; transforms/notes
attaches each to its mark.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.readers import textlines as T


FOOTNOTE_DEF = re.compile(r"^\[(?:Footnote|Note)\s+(\w+)\s*:\s*", re.I)
BRACE_DEF = re.compile(r"^\{(\d+)\}\s+\S")          # 1900s PG: "{1}  text" under "Footnotes:"
NOTES_LINE = re.compile(r"^(foot|end)?notes?\s*:?$", re.I)
NOTE_PARA_DEF = re.compile(r"^\[(\d+)\]\s+\S")
# A note opened by its sign: "* text", "† text", or ASCII PG's "(*) text", "(+) text".
SIGN_DEF = re.compile(r"^(\(([*+†‡])\)|([*†‡]))\s+\S")


def defs_follow(units: list[dict], idx: int) -> bool:
    """A "Notes:" line is a heading of the note texts under it."""
    k = idx + 1
    nxt = units[k]["text"] if k < len(units) and "text" in units[k] else ""
    return bool(BRACE_DEF.match(nxt) or FOOTNOTE_DEF.match(nxt) or NOTE_PARA_DEF.match(nxt))


def marked_before(units: list[dict], idx: int, sign: re.Match) -> bool:
    """The text this note follows (notes after it skipped) carries its
    mark: "word*", "word,†" or ASCII "word(*)", "Charles)(+)"."""
    k = idx - 1
    while k >= 0 and units[k]["kind"] == "note-def":
        k -= 1
    if k < 0:
        return False
    before = units[k].get("text", "")
    if sign.group(2):
        return re.search(r"\S" + re.escape(sign.group(1)), before) is not None
    return re.search(r"\w[.,;:!?”’\"')]?" + re.escape(sign.group(3)), before) is not None


def note_block(r, u: dict) -> P.Node:
    """A note's text as a ``div.note-def`` (its opening mark charged to
    "note-markers"); transforms/notes moves it to its mark."""
    text = u["text"]
    m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text) or BRACE_DEF.match(text)
    head = text[:m.end()] if FOOTNOTE_DEF.match(text) else \
        f"{{{u['n']}}}" if BRACE_DEF.match(text) else f"[{u['n']}]"
    if SIGN_DEF.match(text) and u["n"] in ("*", "+", "†", "‡"):
        head = SIGN_DEF.match(text).group(1)
    body = text[len(head):].strip()
    if FOOTNOTE_DEF.match(text) and body.endswith("]"):
        body = body[:-1]
    r.drop("note-markers", head)
    return P.Div([P.Para(T.markup(body))], classes=["note-def"],
                 kv={"n": u["n"]})

"""Glyph coverage: a character that no font of the book has is named.

Place in the flow: the last source transform (and read_front, for the front
matter). The book's fonts are the faces in styles/fonts/ (EB Garamond:
Latin, Greek, Cyrillic) and the fallback faces in styles/fonts/fallback/
(Noto, OFL: Devanagari, common symbols, arrows, dingbats), which the PDF
editions list after EB Garamond; their cmaps are read with fontTools once
per process. A character none of them covers is a warning with the file,
the line where it first appears and its Unicode name (emoji, CJK ...),
saying what the PDF does with it: WeasyPrint asks fontconfig for a system
font, so the warning names the one this machine has (another machine may
lack it) or says it prints as an empty box. The tree is not changed.
"""

from __future__ import annotations

import unicodedata
import shutil
import subprocess
from functools import lru_cache

from pressroom.doctree import pandoc as P
from pressroom.paths import STYLES

# Characters a layout engine never draws as a glyph.
INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f"}


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Every code point some face in styles/fonts/ or its fallback/ maps to a glyph."""
    from fontTools.ttLib import TTFont
    points: set[int] = set()
    fonts = STYLES / "fonts"
    for face in sorted([*fonts.glob("*.[ot]tf"), *fonts.glob("fallback/*.[ot]tf")]):
        with TTFont(face, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


def missing(text: str) -> list[str]:
    """The distinct characters of ``text`` no font covers, in order."""
    have = covered()
    out: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in have and not ch.isspace() and ch not in INVISIBLE \
                and unicodedata.category(ch) not in ("Cc", "Cf"):
            out[ch] = None
    return list(out)


@lru_cache(maxsize=256)
def system_font(ch: str) -> str | None:
    """The first (by name) system font fontconfig says has ``ch``, or None."""
    if not shutil.which("fc-list"):
        return None
    out = subprocess.run(["fc-list", f":charset={ord(ch):x}", "family"],
                         capture_output=True, text=True, check=False).stdout
    names = sorted(line.split(",")[0].strip() for line in out.splitlines() if line.strip())
    return names[0] if names else None


def _fate(chars: list[str]) -> str:
    """What the PDF does with characters no font of the book has."""
    borrowed = {c: f for c in chars if (f := system_font(c))}
    if not borrowed:
        return "it would print as an empty box"
    fonts = ", ".join(repr(f) for f in sorted(set(borrowed.values())))
    which = "it" if len(borrowed) == len(chars) else ", ".join(f"'{c}'" for c in borrowed)
    rest = "" if len(borrowed) == len(chars) else " and prints the others as empty boxes"
    return (f"the PDF takes {which} from this machine's system font {fonts} (another "
            f"machine may not have it){rest}")


def report(text_of_tree: str, source_text: str | None, warn, limit: int = 6) -> None:
    """One warning per source line holding characters no font has, naming
    them and the first one's Unicode name; at most ``limit`` lines."""
    by_line: dict[int | None, list[str]] = {}
    for ch in missing(text_of_tree):
        pos = source_text.find(ch) if source_text else -1
        line = source_text.count("\n", 0, pos) + 1 if pos >= 0 else None
        by_line.setdefault(line, []).append(ch)
    for line, chars in list(by_line.items())[:limit]:
        shown = ", ".join(f"'{c}'" for c in chars[:8]) + (" ..." if len(chars) > 8 else "")
        first = chars[0]
        warn(f"no font of the book has {shown} (U+{ord(first):04X} "
             f"{unicodedata.name(first, 'unnamed')}{' ...' if len(chars) > 1 else ''}): "
             f"{_fate(chars)}; add a font that covers it to styles/fonts/fallback/ "
             "(and its fallback.css)", line)


def _tree_text(blocks) -> str:
    parts = []
    for node in P.iter_nodes(blocks):
        if node["t"] in ("Str", "Code", "CodeBlock", "Math"):
            c = node["c"]
            parts.append(c if isinstance(c, str) else c[-1])
    return " ".join(parts)


def glyph_coverage(doc: P.Node, ctx) -> P.Node:
    text = getattr(ctx, "source_text", "") or None      # the reader's decoded text
    report(_tree_text(doc["blocks"]), text, ctx.warn)
    return doc


glyph_coverage.rule = "glyph-coverage"

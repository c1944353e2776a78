"""The hyphenation rules WeasyPrint is given while it lays out, since CSS
(as WeasyPrint reads it) has no property for them.

Place in the flow: every WeasyPrint layout (pdf/layout.py for the pamphlet
and the print interior, common/weasy.py for packets and the rest) runs
inside ``hyphenation_rules()``:

- no name broken: a word that begins with a capital is not hyphenated, as
  with TeX's ``\\uchyph=0``; in most languages the capital marks a name,
  and a broken name reads badly. A language whose labels say
  ``hyphenate_capitalised: true`` (German, where every noun has a capital)
  keeps WeasyPrint's usual hyphenation;
- no ladder: at most ``LADDER`` hyphenated lines in a row, as CSS Text 4's
  ``hyphenate-limit-lines: 2`` (which WeasyPrint does not read) and
  Chicago ask: the line after two hyphenated ones is not hyphenated;
- no word broken across the turn of a leaf: the line that will be the last
  on a recto is not hyphenated. Which line that is, the breaker cannot
  know before the next line is made; it is foreseen from the line before
  (same height, and the page has room for this line but not one more).
  The line before it is held too: when a paragraph would leave a single
  line overleaf, the widows rule moves the foreseen last line over with
  it, and the line before becomes the last (in this book's packets, five
  of the seven layouts made again for a recto's foot were that case).

They are enforced in the line breaker, so they cost no second layout.
pdf/hyphenation.py checks the pages after layout (what this cannot reach:
a soft hyphen in the source, a recto's last line the forecast missed,
after a footnote took room or widows moved a line), and the typographic
proof reports what is left.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

from pressroom.settings.labels import labels

LADDER = 2          # hyphenated lines in a row, at most


@lru_cache(maxsize=None)
def capitals_hyphenate(lang: str | None) -> bool:
    """Whether words that begin with a capital may break in ``lang`` (a
    BCP 47 tag or pyphen's "de_DE"): its labels' ``hyphenate_capitalised``."""
    return bool(labels((lang or "en").replace("_", "-"))["hyphenate_capitalised"])


# a word as Pango's line breaker sees it: letters, digits and apostrophes
# (a hyphen, a slash, a dash or a quotation mark ends one)
_LAST_WORD = re.compile(r"[^\W_](?:[\w'’]*[^\W_])?$")


def broken_word(line_text: str, hyphen: str = "\u2010") -> str:
    """The start of the word a hyphenated line breaks, as the dictionary
    was asked for it (WeasyPrint asks by Pango's word: in "Worker-opposi-"
    it is "opposi", not a capitalised word); "" if the line does not end
    with ``hyphen``."""
    if not line_text.endswith(hyphen):
        return ""
    found = _LAST_WORD.search(line_text[:-len(hyphen)])
    return found.group() if found else ""


def breaks_a_name(line_text: str, lang: str | None) -> bool:
    """Whether a hyphenated line breaks a capitalised word in a language
    where the capital marks a name (what ``_Dictionary`` refuses)."""
    return broken_word(line_text)[:1].isupper() and not capitals_hyphenate(lang)


class _Paragraphs:
    """What the line breaker needs to know of the lines before: for each
    paragraph being broken into lines, innermost last (a footnote's lines
    are made while its call's line is), whether its next line may not be
    hyphenated. ``first_folio``: the folio of the layout's first page, so a
    page's side is known (an odd folio is a recto)."""

    def __init__(self, first_folio: int):
        self.first_folio = first_folio
        self.held: list[bool] = []

    def may_hyphenate(self) -> bool:
        return not (self.held and self.held[-1])

    def recto(self, page_number: int) -> bool:
        return (self.first_folio + page_number - 1) % 2 == 1


class _Dictionary:
    """A pyphen dictionary that offers no break in a capitalised word, nor
    in any word of a line the paragraph's count holds back (a ladder, a
    recto's last line)."""

    def __init__(self, inner, lang, paragraphs: _Paragraphs):
        self.inner, self.capitals, self.paragraphs = inner, capitals_hyphenate(lang), paragraphs

    def iterate(self, word: str):
        if word[:1].isupper() and not self.capitals or not self.paragraphs.may_hyphenate():
            return iter(())
        return self.inner.iterate(word)


class _Pyphen:
    """Stands in for the ``pyphen`` module inside WeasyPrint's line breaker."""

    def __init__(self, real, paragraphs: _Paragraphs):
        self.real, self.language_fallback = real, real.language_fallback
        self.paragraphs = paragraphs

    def Pyphen(self, lang=None, **kwargs):        # noqa: N802 (pyphen's name)
        return _Dictionary(self.real.Pyphen(lang=lang, **kwargs), lang, self.paragraphs)


def ends_hyphenated(line) -> bool:
    """Whether a WeasyPrint line box ends with its hyphenate character
    (the last text box on it, whatever inline boxes hold it)."""
    box = line
    while getattr(box, "children", None):
        box = box.children[-1]
    text = getattr(box, "text", None)
    return bool(text) and text.endswith(box.style["hyphenate_character"])


def _in_last_lines(context, bottom_space: float, top: float, height: float | None,
                   lines: int = 2) -> bool:
    """Whether a line of ``height`` put at ``top`` fits on the page and is
    one of its last ``lines`` (``lines`` more of the same height would not fit)."""
    if height is None:
        return False                    # a paragraph's first line: no height known yet
    return (not context.overflows_page(bottom_space, top + height)
            and context.overflows_page(bottom_space, top + (lines + 1) * height))


def _counting(iter_line_boxes, paragraphs: _Paragraphs):
    """WeasyPrint's ``iter_line_boxes`` (one paragraph's lines on one page,
    one at a time), telling ``paragraphs`` before each line whether it may
    be hyphenated: not after ``LADDER`` hyphenated lines, nor when it will
    be a recto's last or the line before (the widows rule may move the
    last overleaf). A paragraph continued on a new page starts a new
    count, as the reader sees it."""
    def lines_counted(context, box, position_y, bottom_space, *rest):
        lines = iter_line_boxes(context, box, position_y, bottom_space, *rest)
        recto = paragraphs.recto(context.current_page)
        run, top, height = 0, position_y, None
        while True:
            # the last line, or the one before (the widows rule may move the last over)
            foot = recto and _in_last_lines(context, bottom_space, top, height, 2)
            paragraphs.held.append(run >= LADDER or foot)
            try:
                line, resume_at = next(lines)
            except StopIteration:
                return
            finally:
                paragraphs.held.pop()
            run = run + 1 if ends_hyphenated(line) else 0
            top, height = line.position_y + line.height, line.height
            yield line, resume_at
    return lines_counted


@contextmanager
def hyphenation_rules(first_folio: int = 1):
    """While it lasts, WeasyPrint's automatic hyphenation breaks no word
    that begins with a capital (in a language where that marks a name),
    makes no ladder and breaks no word at a recto's foot (the layout's
    first page has ``first_folio``). WeasyPrint looks its dictionaries up through the
    ``pyphen`` module its line breaker imported, and breaks a paragraph
    into lines with the ``iter_line_boxes`` its block layout imported:
    both names are pointed at ours and put back. The layouts are made one
    at a time in a process, so nothing else sees them."""
    from weasyprint.layout import block
    from weasyprint.text import line_break
    paragraphs = _Paragraphs(first_folio)
    real_pyphen, real_lines = line_break.pyphen, block.iter_line_boxes
    line_break.pyphen = _Pyphen(real_pyphen, paragraphs)
    block.iter_line_boxes = _counting(real_lines, paragraphs)
    try:
        yield
    finally:
        line_break.pyphen, block.iter_line_boxes = real_pyphen, real_lines

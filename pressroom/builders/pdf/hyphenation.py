"""The hyphenation rules CSS cannot state, checked after layout.

Place in the flow: pdf_layout lays a chapter out → **pdf_hyphenation**
finds the paragraphs that break a rule → pdf_layout lays the chapter out
again from the page before the first of them (pdf_resume), with one CSS
rule per paragraph, the way pdf_notes fixes a deferred footnote.

styles/pdf/book.css states what WeasyPrint can: at least 3 letters
before and after a break, words of 7 letters or more, and no break while
a line has 10% of its width left (``hyphenate-limit-chars``,
``hyphenate-limit-zone``). It has no property for the three below.
All three are enforced while WeasyPrint lays out (common/hyphenation.py:
its line breaker is told), so they cost no second layout; this module
checks the laid-out pages for what that cannot reach, and fixes it with
one CSS rule per paragraph:

- no capitalised word (a proper name) broken, as TeX's ``\\uchyph=0``
  (not in a language whose labels say ``hyphenate_capitalised: true``:
  German, where every noun has a capital). A break that still appears (a
  dictionary the line breaker's rule does not reach) gives the paragraph
  ``hyphens: manual``;
- at most ``LADDER`` hyphenated lines in a row (a soft hyphen in the
  source can still make one): the paragraph gets a wider limit zone, so
  it hyphenates only where a line would be loose;
- no hyphen on the last line of a recto (the reader turns the leaf in
  mid-word). The line breaker foresees which line that is from the line
  before, and holds the line before it too (the widows rule may move the
  last overleaf); when a footnote moves the page's end, the paragraph
  gets ``hyphens: manual``. It is a preference, so a page where
  the fix does not help keeps the hyphen (see ``faults``).
"""

from __future__ import annotations

from pressroom.builders.common.hyphenation import breaks_a_name
from pressroom.builders.pdf.pagemap import flow_lines, own_text

BREAK = "\u2010"
LADDER = 2
ZONE = "25%"


def faults(pages: list, first_folio: int) -> tuple[int | None, dict[str, str]]:
    """(index of the first page with a fault, {paragraph id: CSS declarations})."""
    rules: dict[str, str] = {}
    first = None
    for i, page in enumerate(pages):
        root = page._page_box.children[0]
        lines = [(el, own_text(ln), ln.style["lang"]) for el, ln in flow_lines(root)
                 if el is not None]
        run, owner = 0, None
        for k, (el, text, lang) in enumerate(lines):
            ident = el.get("id")
            hyphen = text.endswith(BREAK)
            run = (run + 1 if el is owner else 1) if hyphen else 0
            owner = el
            if not (hyphen and ident):
                continue
            recto_foot = k == len(lines) - 1 and (first_folio + i) % 2 == 1
            if breaks_a_name(text, lang) or recto_foot:
                rule = "hyphens: manual"
            elif run > LADDER:
                rule = f"hyphenate-limit-zone: {ZONE}"
            else:
                continue
            if rules.get(ident) != "hyphens: manual":
                rules[ident] = rule
            first = i if first is None else first
    return first, rules


def fix_css(rules: dict[str, str]) -> str:
    return "\n".join(f'[id="{ident}"] {{ {decl}; }}' for ident, decl in rules.items())

"""The glossary laid out with its fixes, which are kept between builds.

Place in the flow: pdf_layout lays the glossary out after the body, its
first folio known, with ``lay_out_glossary``: whole again (it is short)
while pdf_fixes finds a fault (a stranded heading, a broken name, a
hyphen ladder). The fix CSS found is kept with pdf_layout's note hints,
keyed by the glossary's HTML, the styles and its first folio: an unchanged
glossary is laid out once, with it, and checked as after any fix.
"""

from __future__ import annotations

import hashlib

from pressroom.builders.pdf import fixes as pdf_fixes

def lay_out_glossary(r, html, numbers: dict, folio: int, hints: dict[str, str],
                     used: dict[str, str]):
    """The glossary from ``folio``; ``r`` and ``html`` are pdf_layout's
    renderer and the book's HTML; the fix CSS kept for it in ``hints`` is
    applied up front, the CSS it ends with put in ``used``."""
    source = html.render(["glossary"], numbers)
    key = "glossary:" + hashlib.sha256(f"{r.signature}\n{folio}\n{source}".encode()).hexdigest()
    css = hints.get(key, "")

    def lay_out(css: str, *_):
        return r.render(html.render(["glossary"], numbers, css=css), folio,
                        timing="glossary").pages

    doc = r.render(html.render(["glossary"], numbers, css=css), folio, timing="glossary")
    pages, css = pdf_fixes.until_clean(doc.pages, folio, css, lay_out)
    if css:
        used[key] = css
    return doc.copy(pages)

"""The glossary laid out with its fixes, which are kept between builds.

Place in the flow: the glossary is laid out like a chapter, as from folio
1, its folios stamped at the join (pdf/chapter.py, pdf/stamps.py: a task
of its own, or by pdf_layout after the body), with ``lay_out_glossary``:
whole again (it is short) while pdf_fixes finds a fault (a stranded
heading, a broken name, a hyphen ladder). The fix CSS found is kept with
pdf_layout's note hints, keyed by the glossary's HTML and the styles: an
unchanged glossary is laid out once, with it, and checked as after any fix.
"""

from __future__ import annotations

import hashlib

from pressroom.builders.pdf import fixes as pdf_fixes

def part(r, source, folio: int, hints: dict[str, str], parts):
    """The glossary placed at ``folio``: from the store, or laid out as
    from folio 1 (a recto, as its own first page), its folios stamped at
    the join (pdf/stamps.py), and written into it (pdf/parts.py)."""
    return parts.part("glossary", source.plain, folio,
                      lambda n: [str(folio + i) for i in range(n)],
                      lambda used: (lay_out_glossary(r, source, 1, hints, used), []),
                      stamped=True)


def lay_out_glossary(r, source, folio: int, hints: dict[str, str], used: dict[str, str]):
    """The glossary from ``folio``; ``r`` is pdf_layout's renderer,
    ``source`` the glossary's HTML (pdf/chapter.py's ``PartSource``); the
    fix CSS kept for it in ``hints`` is applied up front, the CSS it ends
    with put in ``used``."""
    key = ("glossary:"
           + hashlib.sha256(f"{r.signature}\n{folio}\n{source.plain}".encode()).hexdigest())
    css = hints.get(key, "")

    def lay_out(css: str, *_):
        return r.render(source.with_css(css), folio, timing="glossary").pages

    doc = r.render(source.with_css(css), folio, timing="glossary")
    pages, css = pdf_fixes.until_clean(doc.pages, folio, css, lay_out)
    if css:
        used[key] = css
    return doc.copy(pages)

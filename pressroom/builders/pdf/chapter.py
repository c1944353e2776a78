"""A chapter (or the glossary) laid out on its own: the pdf builder's task.

Place in the flow: pdf_html (the book's HTML) → ``source_of`` (a part's
HTML, plain and ready for fix CSS: ``PartSource``, small and picklable)
→ **lay_out** (WeasyPrint, with pdf_fixes' fix loop and pdf_resume; the
glossary: pdf/glossary.py) → pdf/parts.py writes it into the store →
pdf_layout takes it from there.

Every chapter opens on a recto, and so does the glossary, which shows no
page number; each is laid out as from folio 1, its folios stamped at the
join (pdf/stamps.py): its pages depend on its HTML and the stylesheets
alone. So the parts the store lacks are laid out first, as tasks the
runner shares out among its workers (``tasks`` in pdf/__init__.py), and
pdf_layout, which places them in order, finds every one kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pressroom.builders.pdf import fixes as pdf_fixes
from pressroom.builders.pdf import parts as pdf_parts
from pressroom.builders.pdf import resume as pdf_resume


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@dataclass(frozen=True)
class PartSource:
    """A chapter's (or the glossary's) HTML document, as pdf_html renders it."""
    name: str                    # its part's name (pdf/parts.py): "body:<id>", "glossary"
    ident: str                   # a chapter's section id ("" for the glossary)
    title: str                   # a chapter's title as a CSS string (its running head)
    plain: str                   # its HTML
    marked: str                  # its HTML with ``MARK`` where fix CSS goes

    MARK = "/*pressroom: fixes*/"

    def with_css(self, css: str) -> str:
        """Its HTML with ``css`` (pdf_fixes' rules) in a style element."""
        return self.marked.replace(self.MARK, css) if css else self.plain


def source_of(html, ident: str) -> PartSource:
    """Chapter ``ident`` of pdf_html's ``BookHTML``."""
    title = next(s.title for s in html.book.chapters if s.id == ident)
    return PartSource(f"body:{ident}", ident, css_string(title),
                      html.render(["body"], chapters=[ident]),
                      html.render(["body"], chapters=[ident], css=PartSource.MARK))


def glossary_of(html) -> PartSource:
    """The glossary of pdf_html's ``BookHTML`` (it shows no page number)."""
    return PartSource("glossary", "", "", html.render(["glossary"]),
                      html.render(["glossary"], css=PartSource.MARK))


def lay_out(r, chapter: PartSource, folio: int, kept: dict[str, str],
            parts: pdf_parts.Parts) -> pdf_parts.Part:
    """The chapter placed at ``folio``, from the store or laid out as from
    folio 1 (its folios stamped at the join); laid out again (at most
    ``pdf_fixes.ROUNDS`` times) with pdf_fixes' next fix (a footnote
    deferred past its call's page, a heading stranded at a page foot, a
    paragraph breaking a hyphenation rule), from the page where the fix
    can make a difference (pdf_resume). ``r``: pdf_layout's renderer;
    ``kept``: the note hints of the build before (chapter HTML + styles
    digest -> fix CSS), so a chapter laid out again gets its fix up front."""
    key = hashlib.sha256((r.signature + chapter.plain).encode()).hexdigest()

    def again(css, pages, bad):
        return pdf_resume.lay_out_again(r, chapter.with_css, chapter.ident, 1, css, pages,
                                        bad, chapter.title)

    def lay_out_pages(used: dict[str, str]):
        css = kept.get(key, "")
        doc = r.render(chapter.with_css(css), 1, timing=chapter.name)
        pages, css = pdf_fixes.until_clean(list(doc.pages), 1, css, again)
        if css:
            used[key] = css
        return doc.copy(pages), [line for line in css.splitlines() if line]

    return parts.part(chapter.name, chapter.plain, folio,
                      lambda n: [str(folio + i) for i in range(n)], lay_out_pages, stamped=True)

"""Every footnote on the page of its call: find the exceptions, say how to fix.

Place in the flow: pdf_layout lays a chapter out → **pdf_notes** checks it
→ pdf_layout lays that chapter out again with the fix, if needed (from
the page before the fix only: pdf_resume).

WeasyPrint keeps a footnote with its call, with one exception: when the
line at the foot of a page cannot be the last one there because of
``orphans``/``widows``, it first tries to make room by deferring the
page's last footnote to the next page. ``misplaced(pages)`` finds those
notes from the page anchors (the call is ``<a id="fn-…-call">``, the note
``<span id="fn-…">``); ``fix_css(pages, misplaced)`` names the paragraph at
the foot of that page and breaks it the other way: before it, when only
its first lines are on the page (a shorter page rather than an orphan),
else allowing a one-line widow on the next page.
"""

from __future__ import annotations

from pressroom.builders.pdf.pagemap import flow_lines


def misplaced(pages: list) -> list[int]:
    """Indexes of the pages whose footnotes were deferred to a later page."""
    call_page: dict[str, int] = {}
    note_page: dict[str, int] = {}
    for i, page in enumerate(pages):
        for name in page.anchors:
            if name.startswith("fn-"):
                if name.endswith("-call"):
                    call_page.setdefault(name[:-5], i)
                else:
                    note_page.setdefault(name, i)
    return sorted({i for name, i in call_page.items()
                   if note_page.get(name, i) != i})


def fix_css(pages: list, misplaced: list[int]) -> str:
    rules = []
    for i in misplaced:
        root = pages[i]._page_box.children[0]
        lines = [(el, ln) for el, ln in flow_lines(root) if el is not None]
        if not lines:
            continue
        last = lines[-1][0]
        ident = last.get("id")
        if not ident:
            continue
        on_page = sum(1 for el, _ in lines if el is last)
        if on_page <= 2:
            rules.append(f'[id="{ident}"] {{ break-before: page; }}')
        else:
            rules.append(f'[id="{ident}"] {{ widows: 1; orphans: 1; }}')
    return "\n".join(rules)

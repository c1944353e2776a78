"""What to fix after a layout, in order: the one loop pamphlet and packets share.

Place in the flow: pdf_layout (a chapter) or packets (a packet) lays pages
out → **pdf_fixes.next_fix** names the first fault and the CSS that fixes
it → the caller lays out again (the pamphlet only from the page before,
pdf_resume) until nothing is left or a fix does not help.

All at once: a footnote deferred past its call's page (pdf_notes), a
heading stranded at the foot of a page with fewer than two lines of text
under it (it then starts the next page), a line broken in mid-paragraph,
a paragraph that breaks a hyphenation rule (pdf_hyphenation). A fix
already applied is never applied again, so the loop ends.
"""

from __future__ import annotations

from pressroom.builders.pdf import hyphenation, notes
from pressroom.builders.pdf.pagemap import flow_lines, own_text

HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
UNDER = 2           # lines of text a heading needs under it on its page
SHORT = 0.6         # a line this much of the measure, paragraph running on: broken


def stranded(pages: list) -> tuple[int | None, list[str]]:
    """(first page with a stranded heading, rules moving each to the next
    page). Text is any paragraph's or list item's lines, a quotation's in
    its smaller type too; a margin number is out of the flow (flow_lines)."""
    rules, first = [], None
    for i, page in enumerate(pages):
        lines = [(el, ln) for el, ln in flow_lines(page._page_box.children[0]) if el is not None]
        for k, (el, ln) in enumerate(lines):
            if el.tag not in HEADINGS or k == 0 or not el.get("id"):
                continue
            if any(e is el for e, _ in lines[k + 1:]):
                continue                 # not the heading's last line
            under = [x for e, x in lines[k + 1:] if e.tag in ("p", "li")]
            if len(under) < UNDER and all(e.tag not in HEADINGS for e, _ in lines[k + 1:]):
                rules.append(f'[id="{el.get("id")}"] {{ break-before: page; }}')
                first = i if first is None else first
    return first, rules


def broken(pages: list) -> tuple[int | None, list[str]]:
    """(first page with a line broken in mid-paragraph, rules): a line that
    ends short of the measure while its paragraph runs on. WeasyPrint does
    this at some inline-box edges when a hyphenation limit zone is set
    (a glossary definition ending in links); the paragraph is laid out
    with no zone, which it breaks cleanly."""
    rules, first = [], None
    for i, page in enumerate(pages):
        lines = [(el, ln) for el, ln in flow_lines(page._page_box.children[0])
                 if el is not None and el.tag in ("p", "li", "dd") and own_text(ln)]
        measure = max((ln.width for _, ln in lines), default=0)
        for (el, ln), (nxt, _) in zip(lines, lines[1:]):
            if nxt is el and el.get("id") and ln.width < SHORT * measure \
                    and ln.style["text_align_all"] == "justify":     # ragged: no fault
                rule = f'[id="{el.get("id")}"] {{ hyphenate-limit-zone: 0; }}'
                if rule not in rules:
                    rules.append(rule)
                first = i if first is None else first
    return first, rules


ROUNDS = 5          # layouts with a fix, at most


def until_clean(pages: list, first_folio: int, css: str, again, rounds: int = ROUNDS):
    """The fix loop every PDF layout shares: while ``next_fix`` finds new
    CSS (at most ``rounds`` times), ``again(css, pages, bad page)`` lays the
    pages out again with it. Returns (the last pages, the CSS they have)."""
    for _ in range(rounds):
        bad, fix = next_fix(pages, first_folio, css)
        if not fix:
            break
        css += fix + "\n"
        pages = again(css, pages, bad)
    return pages, css


def next_fix(pages: list, first_folio: int, css: str) -> tuple[int | None, str]:
    """(page to lay out again from, CSS to add), or (None, "") when done:
    every new rule at once, from the first page that needs one."""
    found: list[tuple[int, list[str]]] = []
    bad = notes.misplaced(pages)
    if bad:
        rules = notes.fix_css(pages, bad).splitlines()
        # a paragraph whose looser widows did not bring the note back
        # starts the next page instead
        rules += [r.replace("widows: 1; orphans: 1;", "break-before: page;")
                  for r in rules if r in css and "widows: 1" in r]
        found.append((bad[0], rules))
    for check in (stranded, broken):
        first, rules = check(pages)
        if rules:
            found.append((first, rules))
    first, faults = hyphenation.faults(pages, first_folio)
    if faults:
        found.append((first, hyphenation.fix_css(faults).splitlines()))
    new = [(page, [r for r in rules if r and r not in css]) for page, rules in found]
    new = [(page, rules) for page, rules in new if rules]
    if not new:
        return None, ""
    return min(page for page, _ in new), "\n".join(r for _, rules in new for r in rules)

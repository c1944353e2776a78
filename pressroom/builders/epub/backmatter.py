"""EPUB: the glossary and the index as XHTML fragments.

Reads the models the marking transforms fill in (``book.glossary``,
``book.index``; either may be None, and then that file is left out) and
renders ``templates/epub/glossary.xhtml.j2`` and ``index.xhtml.j2``:

- the glossary is an ``epub:type="glossary"`` section, a ``dl`` whose terms
  are ``dfn`` with the ids ``gl-<key>`` that the chapters' first uses link to;
- the index follows EPUB Indexes 1.0 (index, index-group, index-entry-list,
  index-entry, index-term, index-locator, index-locator-range,
  index-xref-preferred/related), each locator a link to the marked
  occurrence in its chapter file. The link text is the print page of that
  occurrence: the pdf builder's ``locator_pages`` artefact (notes included,
  which the EPUB moves to the chapter's end), else the page marker before
  it, else the chapter number and the paragraph number shared by every
  edition ("ch. 2, ¶ 14"). Consecutive pages are one index-locator-range
  (two locators, "112–15", Chicago's abbreviation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from pressroom.doctree import pandoc as P
from pressroom.references.collation import abbreviate_range
from pressroom.references.index import entry_ids, group_id
from pressroom.builders.common.templating import render_template
from pressroom.settings.labels import labels

_ANCHOR = re.compile(
    r'<span epub:type="pagebreak"[^>]*?aria-label="([^"]*)"|'
    r'<p id="(p-[^"]+)"|\sid="([^"]+)"')


@dataclass(frozen=True)
class Place:
    file: str                 # "oakley.xhtml"
    page: str | None          # print page the anchor is on, when known
    paragraph: str | None     # "14", from the enclosing p-<section>-14


def places(parts: Iterable[tuple[str, str, str]]) -> dict[str, Place]:
    """{element id: Place} for fragments given in reading order as
    (section id, file name, HTML with page-break markers)."""
    out: dict[str, Place] = {}
    page: str | None = None
    for sec_id, file, html in parts:
        para: str | None = None
        for m in _ANCHOR.finditer(html):
            if m.group(1) is not None:
                page = m.group(1)
            elif m.group(2):
                para = m.group(2).rsplit("-", 1)[-1]
                out.setdefault(m.group(2), Place(file, page, para))
            else:
                out.setdefault(m.group(3), Place(file, page, para))
    return out


def _text(value: Any) -> str:
    """Plain text of a definition (the glossary model already typeset it)."""
    if value is None:
        return ""
    return " ".join(value.split()) if isinstance(value, str) else P.stringify(value)


def glossary_fragment(glossary, title: str, L: dict, theme=None) -> str:
    entries = list(glossary.entries)      # the model's order (references/collation.py)
    by_key = {e.key: e for e in entries}
    by_term = {e.term.lower(): e for e in entries}
    items = []
    for e in entries:
        also = []
        for ref in getattr(e, "see_also", None) or []:
            target = by_key.get(ref) or by_term.get(str(ref).lower())
            if target is not None:
                also.append({"href": f"#{_gl_anchor(target)}", "text": target.term})
        items.append({"id": _gl_anchor(e), "term": e.term,
                      "definition": _text(e.definition), "see_also": also})
    return render_template("epub/glossary.xhtml.j2", theme=theme, title=title, entries=items,
                           labels=L)


def _gl_anchor(entry) -> str:
    return getattr(entry, "anchor", None) or f"gl-{entry.key}"


def index_fragment(index, where: dict[str, Place], chapter_numbers: dict[str, str],
                   title: str, pages: dict[str, str] | None = None,
                   L: dict | None = None, theme=None) -> str | None:
    """The index as XHTML, or None when it has no entry to show. ``pages``:
    {anchor: print page} (the pdf builder's ``locator_pages`` artefact), which wins over ``where``."""
    if pages:
        where = {k: (Place(p.file, pages[k], p.paragraph) if k in pages else p)
                 for k, p in where.items()}
    all_groups = list(index.groups())
    ids = entry_ids(e.heading for _, entries in all_groups for e in entries)
    groups = [(letter, [_entry(e, ids, where, chapter_numbers) for e in entries])
              for letter, entries in all_groups]
    # EPUB Indexes: an entry needs a locator, a sub-entry or a cross-reference,
    # and a cross-reference needs an entry that is shown
    while True:
        shown = {"#" + e["id"] for _, items in groups for e in items if _has_content(e)}
        changed = False
        for _, items in groups:
            for e in items:
                if e["see"] and e["see"]["href"] not in shown:
                    e["see"], changed = None, True
                kept = [a for a in e["see_also"] if a["href"] in shown]
                if len(kept) != len(e["see_also"]):
                    e["see_also"], changed = kept, True
        if not changed:
            break
    groups = [{"letter": letter, "id": group_id(letter),
               "entries": [e for e in items if _has_content(e)]}
              for letter, items in groups]
    groups = [g for g in groups if g["entries"]]
    if not groups:
        return None
    return render_template("epub/index.xhtml.j2", theme=theme, title=title, groups=groups,
                           labels=L or labels("en"))


def _has_content(e: dict) -> bool:
    return bool(e["locators"] or e["sub"] or e["see"] or e["see_also"])


def _entry(e, ids, where, chapter_numbers) -> dict:
    see = getattr(e, "see", None)
    see_also = [h for h in getattr(e, "see_also", None) or [] if h in ids]
    return {
        "id": ids[e.heading],
        "heading": e.heading,
        "locators": _locators(getattr(e, "locators", None) or [], where, chapter_numbers),
        "sub": [sub for sub in (
            {"heading": s.heading,
             "locators": _locators(getattr(s, "locators", None) or [], where, chapter_numbers)}
            for s in getattr(e, "sub", None) or []) if sub["locators"]],
        "see": ({"href": f"#{ids[see]}", "text": see} if see in ids else None),
        "see_also": [{"href": f"#{ids[h]}", "text": h} for h in see_also],
    }


def _locators(locators, where, chapter_numbers) -> list[dict]:
    """[{"href", "text"} or {"range": [first, last]}] in page order: one
    locator per page, consecutive print pages joined into a range."""
    out, seen = [], set()
    for loc in locators:
        place = where.get(loc.anchor)
        if place is None:
            continue
        if place.page:
            label = place.page
        else:
            num = chapter_numbers.get(loc.section_id, loc.section_id)
            label = f"{num}, ¶\u00a0{place.paragraph}" if place.paragraph else num
        if label in seen:
            continue
        seen.add(label)
        out.append({"href": f"{place.file}#{loc.anchor}", "text": label})
    numeric = sorted((x for x in out if x["text"].isdigit()), key=lambda x: int(x["text"]))
    rest = [x for x in out if not x["text"].isdigit()]
    runs: list[list[dict]] = []
    for x in numeric:
        if runs and int(x["text"]) == int(runs[-1][-1]["text"]) + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    joined = [r[0] if len(r) == 1 else
              {"range": [r[0], {**r[-1], "text": abbreviate_range(int(r[0]["text"]),
                                                                  int(r[-1]["text"]))}]}
              for r in runs]
    return rest + joined


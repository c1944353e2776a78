"""The pamphlet's tags (PDF/UA-1): what WeasyPrint tags, finished.

Place in the flow: pdf_layout.write → WeasyPrint (``pdf_variant: pdf/ua-1``
tags headings, paragraphs, lists, block quotations, links, language and
shows the document title) → **finish_tags** (a write_pdf finisher) → the
file. WeasyPrint leaves two things a screen reader gets wrong:

- running heads and folios (page-margin boxes) are marked content with an
  MCID that no structure element in the tree owns: here they become
  ``/Artifact <</Type /Pagination>>`` and leave the parent tree;
- a footnote (``float: footnote``) is a ``/Span`` in the page's footnote
  area, a ``/NonStruct`` straight under ``/Document`` (the pamphlet's own
  content always sits in a ``div.part``, a ``/Div``): it becomes a ``/Note``;
- a heading level may jump (the preface's h1 then h3): each heading is
  made at most one level below the one before (Matterhorn 14-003).

Rules, borders and backgrounds are already artifacts (WeasyPrint).

Size: WeasyPrint makes a ``/Span`` element for every line of text. A Span
that holds only marked content (no attributes of its own) inside a
paragraph, heading, list label or body, note or quotation on the same page
is folded into its parent (the parent's ``/K`` gets the MCIDs, the parent
tree points them at the parent), and the structure elements nobody owns
(the margin boxes') are emptied: the tree says the same with fewer objects.

Time: WeasyPrint (v70) reads ``pdf.page_references[n]`` for every
structure element and link it writes, and pydyf builds that tuple of every
page's reference anew on each read: for the 276-page pamphlet about 14,000
elements × 277 pages, most of what tagging cost. ``page_references``
(a context manager around ``write_pdf``) hands out one tuple per page count
instead; the PDF written is the same, byte for byte.
"""

from __future__ import annotations

from contextlib import contextmanager

import pydyf

OPTIONS = {"pdf_variant": "pdf/ua-1"}
PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})


def _cached_references(pdf) -> tuple:
    """pydyf's ``PDF.page_references``, built once per number of pages."""
    kids = pdf.pages["Kids"]
    cached = getattr(pdf, "_pressroom_page_refs", None)
    if cached is None or cached[0] != len(kids):
        refs = tuple(f"{n} 0 R".encode("ascii") for n in kids[::3])
        cached = (len(kids), refs)
        pdf._pressroom_page_refs = cached
    return cached[1]


@contextmanager
def page_references():
    """While a ``write_pdf`` runs: ``PDF.page_references`` cached (see the
    module docstring); pydyf's own property is put back afterwards, even on
    an error. Pages are only ever appended to ``Kids``, so its length says
    when the tuple is out of date."""
    original = pydyf.PDF.__dict__["page_references"]
    pydyf.PDF.page_references = property(_cached_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def _number(ref) -> int | None:
    if isinstance(ref, bytes) and ref.endswith(b" R"):
        return int(ref.split()[0])
    return None


def _owned(pdf, root) -> set[int]:
    """Object numbers of every structure element reachable from ``root``."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        kids = obj.get("K") if isinstance(obj, dict) else None
        for kid in (kids if isinstance(kids, list) else [kids]):
            n = _number(kid)
            if n is not None and n not in seen:
                seen.add(n)
                todo.append(pdf.objects[n])
    return seen


def finish_tags(document, pdf) -> None:
    """Margin-box text as pagination artifacts, footnotes as /Note."""
    tree_ref = pdf.catalog.get("StructTreeRoot")
    if tree_ref is None:
        return
    tree = pdf.objects[_number(tree_ref)]
    owned = _owned(pdf, tree)
    doc_elem = pdf.objects[_number(tree["K"][0])]
    for kid in doc_elem["K"]:
        area = pdf.objects[_number(kid)]
        if area.get("S") == "/NonStruct":
            for note in area["K"]:
                elem = pdf.objects[_number(note)] if _number(note) else None
                if elem is not None and elem.get("S") == "/Span":
                    elem["S"] = "/Note"
    _level_headings(pdf, doc_elem)
    nums = pdf.objects[_number(tree["ParentTree"])]["Nums"]
    pages = pdf.page_references
    for i in range(0, len(nums), 2):
        key, refs = nums[i], nums[i + 1]
        if not isinstance(refs, list) or key >= len(pages):
            continue
        stray = {mcid for mcid, ref in enumerate(refs) if _number(ref) not in owned}
        if not stray:
            continue
        for mcid in stray:
            n = _number(refs[mcid])
            if n is not None:
                pdf.objects[n].clear()       # an element nobody owns: emptied
            refs[mcid] = "null"
        page = pdf.objects[_number(pages[key])]
        _mark_artifacts(pdf.objects[_number(page["Contents"])], stray)
    _fold_spans(pdf, doc_elem, nums)


FOLD_INTO = {"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Lbl", "/LBody",
             "/Note", "/BlockQuote", "/Span", "/Link", "/NonStruct"}
FOLDED = {"/Span", "/NonStruct"}            # no meaning of their own
PLAIN = {"Type", "S", "K", "Pg", "P"}


def _fold_spans(pdf, root, nums) -> None:
    """Fold attribute-less /Span and /NonStruct elements that hold only
    MCIDs (after their own children are folded) into their parent."""
    by_page = {pdf.page_references[nums[i]]: nums[i + 1]
               for i in range(0, len(nums), 2)
               if isinstance(nums[i + 1], list) and nums[i] < len(pdf.page_references)}
    order, stack = [], [root]
    while stack:                                  # pre-order; folded in reverse
        elem = stack.pop()
        order.append(elem)
        for kid in elem.get("K") if isinstance(elem.get("K"), list) else []:
            n = _number(kid)
            if n is not None and isinstance(pdf.objects[n], dict) and pdf.objects[n].get("S"):
                stack.append(pdf.objects[n])
    for elem in reversed(order):                  # children before parents
        if elem.get("S") not in FOLD_INTO or not isinstance(elem.get("K"), list):
            continue
        new_kids, folded = [], False
        for kid in elem["K"]:
            n = _number(kid)
            child = pdf.objects[n] if n is not None else None
            if (isinstance(child, dict) and child.get("S") in FOLDED
                    and set(child) <= PLAIN and child.get("Pg") == elem.get("Pg")
                    and isinstance(child.get("K"), list)
                    and all(isinstance(k, int) for k in child["K"])):
                refs = by_page.get(child["Pg"])
                new_kids.extend(child["K"])
                for mcid in child["K"]:
                    if refs is not None and mcid < len(refs):
                        refs[mcid] = elem.reference
                child.clear()
                folded = True
                continue
            new_kids.append(kid)
        if folded:
            elem["K"] = pydyf.Array(new_kids)


def _level_headings(pdf, root) -> None:
    last = 0
    stack = [root]
    while stack:
        elem = stack.pop()
        tag = elem.get("S", "")
        if len(tag) == 3 and tag.startswith("/H") and tag[2].isdigit():
            level = min(int(tag[2]), last + 1)
            elem["S"] = f"/H{level}"
            last = level
        kids = elem.get("K")
        for kid in reversed(kids if isinstance(kids, list) else []):
            n = _number(kid)
            if n is not None and isinstance(pdf.objects[n], dict):
                stack.append(pdf.objects[n])


def _mark_artifacts(stream, mcids: set[int]) -> None:
    ops = stream.stream
    for j, op in enumerate(ops):
        if isinstance(op, dict) and op.get("MCID") in mcids and j and \
                j + 1 < len(ops) and ops[j + 1] == b"BDC":
            ops[j - 1] = "/Artifact"
            ops[j] = PAGINATION

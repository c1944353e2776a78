"""The parts' PDFs joined into one file, with pikepdf (qpdf).

Place in the flow: pdf/parts.py lays out each part of the book and writes it
as a PDF of its own (tagged, with its links, anchors and bookmarks) → **join**
→ the pamphlet (or the print interior at another trim).

What joining has to make whole again, since each part was written alone:

- *pages*, in the book's order, with a blank page wherever a part would open
  on a verso (the blank has the part's boxes and no content);
- *links between parts*: WeasyPrint drops a link to an anchor its document
  does not have, so parts.py writes such a link as a URI ``CROSS + anchor``;
  here it becomes a link to the named destination, like every other;
- *named destinations*: every part's, in one balanced name tree
  (pdf/nametree.py);
- *the structure tree* (PDF/UA-1): one ``/Document`` holding every part's
  elements in order; each part's parent-tree keys are moved up past the
  parts before it (pages' ``/StructParents``, annotations' ``/StructParent``);
- *bookmarks*: every part's, in order;
- *page labels*: roman for the front matter, arabic from the body on;
- the catalog and document information of the first part (language, PDF/UA
  metadata, the title shown).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from pressroom.builders.pdf.nametree import dests_tree
from pressroom.builders.pdf.stamps import stamp

CROSS = "pressroom-anchor:"     # a link to another part's anchor, until the join
KEEP = ("/Lang", "/Metadata", "/ViewerPreferences", "/MarkInfo")
APART = 1000                    # pages from which a join runs in a process of its own


def join_apart(parts: list[Path | None], out: Path, body_page: int | None,
               folios: tuple[Path, dict[int, int]] | None = None) -> None:
    """``join`` in a process of its own, for a long book. qpdf holds every
    object of the parts twice until the file is saved (each part's, and
    its copy), about 0.3 MB a page, and the memory it frees is not given
    back to the system: the 10x book's join (2,533 pages) left the
    pamphlet's process 730 MB larger for the rest of its build. A process
    costs 0.6 s to start (importing pikepdf and this package), more than
    a join of a few hundred pages holds: ``typeset`` calls this from
    ``APART`` pages on."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(join, parts, out, body_page, folios).result()


def join(parts: list[Path | None], out: Path, body_page: int | None,
         folios: tuple[Path, dict[int, int]] | None = None) -> None:
    """Join the part PDFs into ``out``; ``None`` in ``parts`` is a blank page
    (after a part that ends on a recto); ``body_page``: the index of the
    body's first page, where the arabic folios begin; ``folios``: the PDF
    of the folios of the parts laid out without them, and {page of ``out``:
    its page in that PDF} (pdf/stamps.py)."""
    pdf = pikepdf.new()
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    numbers: list = []
    dests: dict[str, object] = {}
    outline: list = []
    opened: list[pikepdf.Pdf] = []
    for path in parts:
        if path is None:
            _blank(pdf)
            continue
        src = pikepdf.open(path)
        opened.append(src)
        if len(opened) == 1:
            _catalog(pdf, src)
        first = len(pdf.pages)
        with warnings.catch_warnings():
            # pikepdf warns that copied pages lose their named destinations:
            # _dests copies them, below.
            warnings.simplefilter("ignore", pikepdf.exceptions.PageCopyWarning)
            pdf.pages.extend(src.pages)
        _structure(pdf, src, pdf.pages[first:], document, numbers)
        dests.update(_dests(pdf, src))
        outline.extend(_bookmarks(pdf, src))
    _links(pdf)
    if folios is not None:
        opened.append(pikepdf.open(folios[0]))
        stamp(pdf, opened[-1], folios[1])
    if any("/StructTreeRoot" in src.Root for src in opened):      # tagged
        root = Dictionary(Type=Name.StructTreeRoot, K=Array([document]),
                          ParentTree=Dictionary(Nums=Array(numbers)))
        pdf.Root.StructTreeRoot = pdf.make_indirect(root)
        document.P = pdf.Root.StructTreeRoot
    pdf.Root.Names = Dictionary(Dests=dests_tree(pdf, dests))
    with pdf.open_outline() as tree_of_bookmarks:
        tree_of_bookmarks.root.extend(outline)
    nums = Array([0, Dictionary(S=Name("/r"))])
    if body_page:
        nums.extend([body_page, Dictionary(S=Name("/D"), St=1)])
    pdf.Root.PageLabels = Dictionary(Nums=nums)
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             deterministic_id=True, min_version=max(src.pdf_version for src in opened))
    for src in opened:
        src.close()


def _copy(pdf: pikepdf.Pdf, src: pikepdf.Pdf, obj):
    """``obj`` of ``src`` in ``pdf``; the pages it refers to are the copies
    already made (qpdf keeps one copy of each object per source)."""
    if not isinstance(obj, pikepdf.Object) or not obj.is_indirect:
        obj = src.make_indirect(obj)
    return pdf.copy_foreign(obj)


def _catalog(pdf: pikepdf.Pdf, src: pikepdf.Pdf) -> None:
    for key in KEEP:
        if key in src.Root:
            pdf.Root[key] = _copy(pdf, src, src.Root[key])
    pdf.docinfo = _copy(pdf, src, src.docinfo)


def _blank(pdf: pikepdf.Pdf) -> None:
    """An empty page with the boxes of the page before it."""
    before = pdf.pages[-1].obj
    page = Dictionary(Type=Name.Page, Resources=Dictionary(),
                      Contents=pdf.make_stream(b""))
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if box in before:
            page[box] = before[box]
    pdf.pages.append(pikepdf.Page(page))


def _structure(pdf, src, pages, document, numbers: list) -> None:
    """``src``'s structure elements under ``document``, its parent-tree keys
    moved up past those already in ``numbers`` (a flat ``[key, value …]``)."""
    tree = src.Root.get("/StructTreeRoot")
    if tree is None:
        return
    shift = (int(numbers[-2]) + 1) if numbers else 0
    for kid in _kids(tree):
        for elem in _kids(kid) if kid.get("/S") == Name.Document else [kid]:
            copied = pdf.copy_foreign(elem)
            copied.P = document
            document.K.append(copied)
    own = _flat_numbers(tree.ParentTree)
    for key, value in zip(own[::2], own[1::2]):
        numbers.extend([int(key) + shift, _copy(pdf, src, value)])
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + shift


def _kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _flat_numbers(node) -> list:
    """A number tree's ``[key, value …]``, in order, whatever its depth."""
    if "/Nums" in node:
        return list(node.Nums)
    return [x for kid in node.get("/Kids", []) for x in _flat_numbers(kid)]


def _dests(pdf, src) -> dict[str, object]:
    names = src.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(name): _copy(pdf, src, dest)
            for name, dest in pikepdf.NameTree(names.Dests).items()}


def _bookmarks(pdf, src) -> list:
    with src.open_outline() as outline:
        return [_copy_item(pdf, src, item) for item in outline.root]


def _copy_item(pdf, src, item) -> pikepdf.OutlineItem:
    copied = pikepdf.OutlineItem(item.title, _copy(pdf, src, item.destination))
    copied.is_closed = item.is_closed
    copied.children.extend(_copy_item(pdf, src, child) for child in item.children)
    return copied


def _links(pdf) -> None:
    """Links to another part's anchor become links to its named destination."""
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(CROSS):
                name = uri[len(CROSS):]
                del annot["/A"]
                annot.Dest = String(name)
                if "/Contents" in annot:
                    annot.Contents = String(name)

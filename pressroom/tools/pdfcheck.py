"""Checks on the built PDFs, over pypdf (``make validate``, tests).

- ``tag_tree`` / ``dump``: the structure tree as (depth, tag, text) rows;
- ``tag_problems``: the tagged pamphlet against the Matterhorn Protocol 1.1
  checks this script can decide from the file alone:
  01-004 (``/MarkInfo /Marked true``), 01-005/01-007 (every MCID on a page
  is owned by a structure element or the content is an /Artifact: no
  untagged text), 06-001/06-002 (XMP metadata with a ``pdfuaid:part``),
  06-003 (a dc:title), 07-001 (``DisplayDocTitle true``), 09-004 (a
  structure tree, standard tags only, no unknown types), 11-001 (``/Lang``
  on the catalog), 14-002 (the document opens with an H1) and 14-003 (no
  heading level skipped), 16-001/16-002 (lists: L holds LI, LI holds
  Lbl/LBody), 19-003 (notes tagged /Note), 28-004/28-011 (every link
  annotation in a /Link element, via /StructParent);
  not covered: anything that needs the text's meaning (alt text quality,
  reading order against the visual order, 05 colour contrast, fonts 31).
- ``id_problems``: the trailer /ID is present;
- ``print_problems``: a print PDF's PDF/X identification and output intent.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC",
            "TOCI", "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4",
            "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
            "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code",
            "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}


def _obj(x):
    return x.get_object() if isinstance(x, IndirectObject) else x


def _kids(elem) -> list:
    k = elem.get("/K")
    if k is None:
        return []
    k = _obj(k)
    return list(k) if isinstance(k, ArrayObject) else [k]


def tag_tree(reader: PdfReader):
    """Yield (depth, tag, element) over the structure tree, pre-order."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return
    stack = [(0, _obj(k)) for k in reversed(_kids(_obj(root)))]
    while stack:
        depth, elem = stack.pop()
        if not isinstance(elem, DictionaryObject) or elem.get("/Type") not in (
                None, "/StructElem"):
            continue
        if "/S" not in elem:
            continue
        yield depth, str(elem["/S"])[1:], elem
        for kid in reversed(_kids(elem)):
            stack.append((depth + 1, _obj(kid)))


def page_text_by_mcid(reader: PdfReader, page_index: int) -> dict[int, str]:
    """{MCID: text shown inside it} for one page (pypdf's visitor)."""
    out: dict[int, str] = {}
    stack: list[int | None] = []

    def before(op, args, cm, tm):
        if op == b"BDC":
            props = args[1] if len(args) > 1 else {}
            props = _obj(props)
            stack.append(props.get("/MCID") if isinstance(props, DictionaryObject) else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t, cm, tm, font, size):
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None:
            out[mcid] = out.get(mcid, "") + t
    reader.pages[page_index].extract_text(visitor_operand_before=before, visitor_text=text)
    return out


def dump(path: Path, first_page: int, last_page: int) -> str:
    """The tag tree of the elements on pages first..last (0-based), indented,
    with each element's own text (from its marked content)."""
    reader = PdfReader(str(path))
    pages = {reader.pages[i].indirect_reference.idnum: i
             for i in range(first_page, last_page + 1)}
    texts = {i: page_text_by_mcid(reader, i) for i in pages.values()}
    lines = []
    for depth, tag, elem in tag_tree(reader):
        pg = elem.get("/Pg")
        if pg is None or pg.idnum not in pages:
            continue
        own = "".join(texts[pages[pg.idnum]].get(int(k), "") for k in _kids(elem)
                      if isinstance(k, int)).strip().replace("\n", " ")
        lines.append(f"{'  ' * depth}{tag}{'  ' + repr(own[:70]) if own else ''}")
    return "\n".join(lines)


def _parent_tree(reader: PdfReader) -> dict[int, object]:
    """The structure tree's ParentTree as {key: value} (flat Nums only)."""
    root = _obj(reader.trailer["/Root"]["/StructTreeRoot"])
    nums = _obj(_obj(root["/ParentTree"]).get("/Nums", ArrayObject()))
    return {int(nums[i]): _obj(nums[i + 1]) for i in range(0, len(nums), 2)}


def _page_marks(reader: PdfReader, index: int) -> tuple[set[int], int]:
    """(the MCIDs used on a page, the count of text runs shown outside any
    marked content)."""
    mcids: set[int] = set()
    stack: list[str] = []
    loose = 0

    def before(op, args, cm, tm):
        nonlocal loose
        if op == b"BDC":
            props = _obj(args[1]) if len(args) > 1 else None
            if isinstance(props, DictionaryObject) and "/MCID" in props:
                mcids.add(int(props["/MCID"]))
            stack.append(str(args[0]))
        elif op == b"BMC":
            stack.append(str(args[0]))
        elif op == b"EMC" and stack:
            stack.pop()
        elif op in (b"Tj", b"TJ", b"'", b'"') and not stack:
            loose += 1
    reader.pages[index].extract_text(visitor_operand_before=before)
    return mcids, loose


def tag_problems(path: Path) -> list[str]:
    """What fails the Matterhorn checks listed in the module docstring."""
    reader = PdfReader(str(path))
    cat = reader.trailer["/Root"]
    problems = []
    if "/StructTreeRoot" not in cat:
        return ["09-004: no structure tree (untagged PDF)"]
    mark = _obj(cat.get("/MarkInfo", DictionaryObject()))
    if not mark.get("/Marked"):
        problems.append("01-004: /MarkInfo /Marked is not true")
    if not str(cat.get("/Lang", "")).strip():
        problems.append("11-001: no /Lang on the catalog")
    prefs = _obj(cat.get("/ViewerPreferences", DictionaryObject()))
    if not prefs.get("/DisplayDocTitle"):
        problems.append("07-001: ViewerPreferences /DisplayDocTitle is not true")
    meta = cat.get("/Metadata")
    xmp = _obj(meta).get_data().decode("utf-8", "replace") if meta is not None else ""
    if "pdfuaid:part" not in xmp:
        problems.append("06-002: XMP metadata has no pdfuaid:part")
    if "dc:title" not in xmp:
        problems.append("06-003: XMP metadata has no dc:title")
    owned: set[int] = set()
    tags: list[str] = []
    last_heading = 0
    for depth, tag, elem in tag_tree(reader):
        owned.add(id(elem))
        tags.append(tag)
        if tag not in STANDARD:
            problems.append(f"09-004: non-standard structure type /{tag}")
        if tag.startswith("H") and tag[1:].isdigit():
            level = int(tag[1:])
            if not last_heading and level != 1:
                problems.append(f"14-002: the first heading is /{tag}, not /H1")
            if last_heading and level > last_heading + 1:
                problems.append(f"14-003: heading /H{last_heading} followed by /{tag}")
            last_heading = level
        kids = [_obj(k) for k in _kids(elem)]
        kid_tags = [str(k.get("/S", ""))[1:] for k in kids if isinstance(k, DictionaryObject)
                    and "/S" in k]
        if tag == "L" and any(t not in ("LI", "Caption", "L") for t in kid_tags):
            problems.append(f"16-001: /L holds {sorted(set(kid_tags))}")
        if tag == "LI" and any(t not in ("Lbl", "LBody") for t in kid_tags):
            problems.append(f"16-002: /LI holds {sorted(set(kid_tags))}")
    if "H1" not in tags:
        problems.append("14-002: no /H1 in the structure tree")
    tree = _parent_tree(reader)
    for i, page in enumerate(reader.pages):
        mcids, loose = _page_marks(reader, i)
        if loose:
            problems.append(f"01-005: page {i + 1}: {loose} text runs neither tagged nor artifact")
        key = page.get("/StructParents")
        refs = tree.get(int(key)) if key is not None else None
        refs = list(refs) if isinstance(refs, ArrayObject) else []
        for m in sorted(mcids):
            elem = _obj(refs[m]) if m < len(refs) else None
            if not isinstance(elem, DictionaryObject) or id(elem) not in owned:
                problems.append(f"01-005: page {i + 1}: MCID {m} owned by no element "
                                "in the tree (should be an /Artifact)")
                break
        for annot in page.get("/Annots", []) or []:
            annot = _obj(annot)
            if annot.get("/Subtype") == "/Link":
                sp = annot.get("/StructParent")
                if sp is None or not isinstance(tree.get(int(sp)), DictionaryObject):
                    problems.append(f"28-011: page {i + 1}: link annotation not in a /Link")
                    break
    return problems


def has_notes_and_artifacts(path: Path) -> dict[str, int]:
    """Counts the tests read: /Note elements and pagination artifacts."""
    reader = PdfReader(str(path))
    notes = sum(1 for _, tag, _ in tag_tree(reader) if tag == "Note")
    pagination = sum(p.get_contents().get_data().count(b"/Pagination")
                     for p in reader.pages if p.get_contents() is not None)
    return {"notes": notes, "pagination": pagination}


def id_problems(path: Path) -> list[str]:
    ids = PdfReader(str(path)).trailer.get("/ID")
    if not ids or len(ids) != 2:
        return ["no trailer /ID (PDF/X and preflights require one)"]
    return []


def print_problems(path: Path) -> list[str]:
    """PDF/X-1a identification, output intent and page boxes."""
    reader = PdfReader(str(path))
    problems = id_problems(path)
    info = reader.metadata or {}
    if "/GTS_PDFXVersion" not in info:
        problems.append("no GTS_PDFXVersion in Info")
    intents = reader.trailer["/Root"].get("/OutputIntents")
    if not intents:
        problems.append("no OutputIntent")
    for i, page in enumerate(reader.pages):
        if "/TrimBox" not in page or "/BleedBox" not in page:
            problems.append(f"page {i + 1}: no TrimBox/BleedBox")
            break
    return problems

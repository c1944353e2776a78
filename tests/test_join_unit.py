"""Parts written alone and joined (builders/pdf/parts.py, pdf/join.py): two
small tagged parts that link to each other, a blank page between them, read
back with pypdf. Links across the parts land on the other part's page, the
structure tree holds both parts' elements and every parent-tree key still
leads from a page (or a link) to its own elements, bookmarks and page
labels run over the whole file, and the Matterhorn checks pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pressroom.builders.pdf import join, parts, tagging
from pressroom.tools import pdfcheck
from conftest import module_but_per_test_under_mutmut

PAGE = "@page { size: 100mm 140mm; margin: 10mm } h1 { break-before: page }"


def _html(title: str, body: str) -> str:
    return (f'<html lang="en"><head><title>{title}</title><style>{PAGE}</style></head>'
            f"<body>{body}</body></html>")


A = _html("Joined", '<h1 id="a1">Alpha</h1><p>See <a href="#b1">beta</a>.</p>'
                    '<h1 id="a3">Alpha again</h1>'
                    '<p id="a2">Second page of alpha, <a href="#a1">back</a>.</p>')
B = _html("Beta", '<h1 id="b1">Beta</h1><p>Back to <a href="#a2">alpha</a>, '
                  'and <a href="https://example.org/">out</a>.</p>')


@pytest.fixture(scope=module_but_per_test_under_mutmut)
def joined(tmp_path_factory):
    import weasyprint
    folder = tmp_path_factory.mktemp("join")
    written = []
    for name, html in (("front", A), ("body:b", B)):
        doc = weasyprint.HTML(string=html).render()
        labels = [str(i + 1) for i in range(len(doc.pages))]
        written.append(parts.write(name, doc, labels, folder / f"{name}.pdf",
                                   tagging.OPTIONS))
    assert len(written[0].labels) == 2                   # so a blank page follows it
    out = folder / "joined.pdf"
    join.join([Path(written[0].pdf), None, Path(written[1].pdf)], out, body_page=3)
    return out, PdfReader(str(out)), [Path(w.pdf) for w in written]


def _dest_page(reader, annot) -> int:
    return reader.get_destination_page_number(reader.named_destinations[str(annot["/Dest"])])


def test_pages_in_order_with_the_blank_between(joined):
    _, r, _ = joined
    assert len(r.pages) == 4
    assert (r.pages[2].extract_text() or "").strip() == ""
    assert "Beta" in r.pages[3].extract_text()
    assert list(r.page_labels) == ["i", "ii", "iii", "1"]


def test_links_land_on_the_other_parts_pages(joined):
    _, r, _ = joined
    found = {}
    for i, page in enumerate(r.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if "/Dest" in a:
                found[(i, str(a["/Dest"]))] = _dest_page(r, a)
            else:
                assert str(a["/A"]["/URI"]) == "https://example.org/"
    assert found == {(0, "b1"): 3, (1, "a1"): 0, (3, "a2"): 1}


def test_every_parent_tree_key_leads_to_its_own_page_or_link(joined):
    _, r, _ = joined
    tree = r.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(k) for k in nums[::2]]
    assert len(keys) == len(set(keys))
    values = dict(zip(keys, nums[1::2]))
    for i, page in enumerate(r.pages):
        if "/StructParents" in page:
            elements = [e.get_object() for e in values[int(page["/StructParents"])]]
            assert elements and all(e["/Pg"].get_object() == page.get_object()
                                    for e in elements if "/Pg" in e), i
        for annot in page.get("/Annots") or []:
            link = values[int(annot.get_object()["/StructParent"])].get_object()
            assert link["/S"] == "/Link"
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document"
    assert all(kid.get_object()["/P"].get_object() == document for kid in document["/K"])


def test_bookmarks_and_tags_over_the_whole_file(joined):
    out, r, written = joined
    titles = [(item.title, r.get_destination_page_number(item)) for item in r.outline]
    assert titles == [("Alpha", 0), ("Alpha again", 1), ("Beta", 3)]
    assert str(r.trailer["/Root"]["/Lang"]) == "en"
    assert r.metadata.title == "Joined"
    assert pdfcheck.tag_problems(out) == []
    assert r.pdf_header == max(PdfReader(str(path)).pdf_header for path in written)


def test_the_blank_page_is_empty_and_of_the_page_befores_size(joined):
    import pikepdf
    out, _, _ = joined
    with pikepdf.open(out) as pdf:
        blank, before = pdf.pages[2].obj, pdf.pages[1].obj
        assert blank.Type == pikepdf.Name.Page and isinstance(blank.Resources, pikepdf.Dictionary)
        assert blank.Contents.read_bytes() == b""
        for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
            assert box in before, box                  # WeasyPrint writes all three
            assert [float(x) for x in blank[box]] == [float(x) for x in before[box]], box


def test_a_number_tree_is_read_through_its_kids():
    import pikepdf
    from pikepdf import Array, Dictionary
    leaf1 = Dictionary(Nums=Array([0, "a", 1, "b"]))
    leaf2 = Dictionary(Nums=Array([5, "c"]))
    tree = Dictionary(Kids=Array([Dictionary(Kids=Array([leaf1])), leaf2]))
    assert [str(x) if isinstance(x, pikepdf.String) else int(x)
            for x in join._flat_numbers(tree)] == [0, "a", 1, "b", 5, "c"]
    assert join._flat_numbers(Dictionary()) == []


def _tree_elements(node, seen=None):
    """Every structure element under ``node`` (pikepdf), depth first."""
    import pikepdf
    for kid in join._kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _tree_elements(kid)


def test_the_joined_tree_is_one_document_of_typed_elements(joined):
    import pikepdf
    out, _, _ = joined
    with pikepdf.open(out) as pdf:
        root = pdf.Root.StructTreeRoot
        assert root.Type == pikepdf.Name.StructTreeRoot
        (document,) = join._kids(root)
        assert document.Type == pikepdf.Name.StructElem and document.S == pikepdf.Name.Document
        # the parts' own /Document elements are opened: one Document in all
        assert [e.S for e in _tree_elements(root)].count(pikepdf.Name.Document) == 1


def test_joining_is_reproducible_and_packs_objects(joined, tmp_path):
    out, _, written = joined
    again = tmp_path / "again.pdf"
    join.join([written[0], None, written[1]], again, body_page=3)
    assert again.read_bytes() == out.read_bytes()          # the /ID too: no date, no chance
    assert b"/ObjStm" in out.read_bytes()                  # objects packed in streams


def test_a_join_in_a_process_of_its_own_makes_the_same_file(joined, tmp_path):
    out, _, written = joined
    apart = tmp_path / "apart.pdf"
    join.join_apart([written[0], None, written[1]], apart, body_page=3)
    assert apart.read_bytes() == out.read_bytes()


def test_a_join_in_a_process_of_its_own_fails_as_the_join_would(joined, tmp_path):
    _, _, written = joined
    with pytest.raises(FileNotFoundError):
        join.join_apart([written[0], tmp_path / "missing.pdf"], tmp_path / "x.pdf", body_page=3)
    assert not (tmp_path / "x.pdf").exists()


def _part(folder: Path, name: str, html: str) -> Path:
    import weasyprint
    doc = weasyprint.HTML(string=html).render()
    labels = [str(i + 1) for i in range(len(doc.pages))]
    return Path(parts.write(name, doc, labels, folder / f"{name}.pdf", tagging.OPTIONS).pdf)


def test_a_blank_page_takes_the_boxes_of_the_page_just_before_it(tmp_path):
    import pikepdf
    wide = _html("Wide", '<h1>One</h1><p>a</p><h1>Two</h1><p>b</p>'
                         '<h1 style="page: wide">Three</h1><p>c</p>')
    wide = wide.replace("</style>", "@page wide { size: 120mm 140mm }</style>")
    first = _part(tmp_path, "front", wide)
    out = tmp_path / "joined.pdf"
    join.join([first, None], out, body_page=None)
    with pikepdf.open(out) as pdf:
        sizes = [[round(float(x)) for x in page.obj.MediaBox] for page in pdf.pages]
    assert len(sizes) == 4 and sizes[1] != sizes[2]        # the third page is wider
    assert sizes[3] == sizes[2]


def test_nested_bookmarks_keep_their_children_and_state(tmp_path):
    html = _html("Nested", '<h1 id="n1" style="bookmark-state: closed">Part one</h1>'
                           '<h2 id="n2">A section</h2><p>text</p>'
                           '<h1 id="n3">Part two</h1><p>more</p>')
    out = tmp_path / "joined.pdf"
    join.join([_part(tmp_path, "front", html)], out, body_page=None)
    import pikepdf
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        top = [(item.title, item.is_closed, [c.title for c in item.children])
               for item in outline.root]
    assert top == [("Part one", True, ["A section"]), ("Part two", False, [])]


def test_a_cross_part_link_loses_its_placeholder_everywhere(joined):
    """A link to another part's anchor carries the anchor's name as its
    destination and, if it has a description, that too: never the
    placeholder URI of the part it came from."""
    import pikepdf
    out, _, written = joined
    with pikepdf.open(written[0]) as part:
        described = [a for page in part.pages for a in page.obj.get("/Annots", [])
                     if "/Contents" in a
                     and str(a.get("/A", {}).get("/URI", "")).startswith(join.CROSS)]
    with pikepdf.open(out) as pdf:
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert not any(str(a.get("/Contents", "")).startswith(join.CROSS) for a in annots)
        crossing = [a for a in annots if str(a.get("/Dest", "")) == "b1"]
        assert len(crossing) == 1
        if described:               # WeasyPrint describes its links (PDF/UA): the name
            assert str(crossing[0].Contents) == "b1"


def test_structure_of_a_part_with_a_bare_tree_and_a_page_without_links():
    """``_structure`` on a part whose tree root holds a /Document and an
    element beside it (a single kid, not an array, for the Document's own
    kids) and whose page has no links: the Document is opened, the other
    element kept whole, every copy's parent is the joined Document, and
    the part's parent-tree keys follow those already taken."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name
    src = pikepdf.new()
    src.add_blank_page()
    para = src.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, K=0))
    inner = src.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=para))
    aside = src.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Sect, K=Array([])))
    src.pages[0].obj.StructParents = 0
    src.Root.StructTreeRoot = src.make_indirect(Dictionary(
        Type=Name.StructTreeRoot, K=Array([inner, aside]),
        ParentTree=Dictionary(Nums=Array([0, Array([para])]))))
    pdf = pikepdf.new()
    pdf.pages.extend(src.pages)
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    numbers = [0, Array(), 4, Array()]                      # keys 0..4 taken already
    join._structure(pdf, src, pdf.pages[:], document, numbers)
    assert [k.S for k in document.K] == [Name.P, Name.Sect]
    assert all(k.P == document for k in document.K)
    assert int(pdf.pages[0].obj.StructParents) == 5
    assert [int(k) for k in numbers[::2]] == [0, 4, 5]


def test_a_part_without_names_has_no_destinations():
    import pikepdf
    src = pikepdf.new()
    assert join._dests(pikepdf.new(), src) == {}

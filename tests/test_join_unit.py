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

PAGE = "@page { size: 100mm 140mm; margin: 10mm } h1 { break-before: page }"


def _html(title: str, body: str) -> str:
    return (f'<html lang="en"><head><title>{title}</title><style>{PAGE}</style></head>'
            f"<body>{body}</body></html>")


A = _html("Joined", '<h1 id="a1">Alpha</h1><p>See <a href="#b1">beta</a>.</p>'
                    '<h1 id="a3">Alpha again</h1>'
                    '<p id="a2">Second page of alpha, <a href="#a1">back</a>.</p>')
B = _html("Beta", '<h1 id="b1">Beta</h1><p>Back to <a href="#a2">alpha</a>, '
                  'and <a href="https://example.org/">out</a>.</p>')


@pytest.fixture(scope="module")
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

"""Named destinations as a balanced name tree (builders/pdf/nametree.py):
every anchor still resolves to its page, read back with pypdf, and no
array holds more than a leaf's worth, so a book of any size reads back
under pypdf's 100,000-element limit."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject

from pressroom.builders.pdf import nametree

ANCHORS = 200
PER_PAGE = 20


def _write(path, leaf, monkeypatch):
    import weasyprint
    monkeypatch.setattr(nametree, "LEAF", leaf)
    body = "".join(
        f'<p id="a{i:04d}" style="{"break-before: page" if i and i % PER_PAGE == 0 else ""}">'
        f'Anchor {i}</p>' for i in range(ANCHORS))
    weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf(
        str(path), finisher=lambda doc, pdf: nametree.balance_dests(pdf))
    return PdfReader(str(path))


@pytest.mark.parametrize("leaf", [8, 64, 1024])
def test_every_anchor_resolves_to_its_page(tmp_path, monkeypatch, leaf):
    reader = _write(tmp_path / "t.pdf", leaf, monkeypatch)
    dests = reader.named_destinations
    assert len(dests) == ANCHORS
    for i in range(ANCHORS):
        assert reader.get_destination_page_number(dests[f"a{i:04d}"]) == i // PER_PAGE


@pytest.mark.parametrize("leaf", [8, 64])
def test_tree_nodes_are_small_sorted_and_limited(tmp_path, monkeypatch, leaf):
    reader = _write(tmp_path / "t.pdf", leaf, monkeypatch)
    root = reader.trailer["/Root"]["/Names"]["/Dests"].get_object()
    assert "/Names" not in root and "/Limits" not in root
    leaves, todo = [], [root]
    while todo:
        node = todo.pop(0).get_object()
        if "/Kids" in node:
            assert len(node["/Kids"]) <= leaf
            todo.extend(node["/Kids"])
        else:
            leaves.append(node)
    names = []
    for node in leaves:
        keys = [str(k) for k in node["/Names"][::2]]
        assert len(keys) <= leaf
        assert [str(x) for x in node["/Limits"]] == [keys[0], keys[-1]]
        names += keys
    assert names == sorted(names) == [f"a{i:04d}" for i in range(ANCHORS)]


def test_a_list_that_fits_one_leaf_stays_flat(tmp_path, monkeypatch):
    reader = _write(tmp_path / "t.pdf", 1024, monkeypatch)
    dests = reader.trailer["/Root"]["/Names"]["/Dests"].get_object()
    assert len(dests["/Names"]) == 2 * ANCHORS


def test_more_names_than_pypdf_reads_in_one_array(tmp_path):
    """60,000 names (a 120,000-element flat array: over pypdf's limit) read
    back through the tree, every one to its page."""
    import pydyf
    pdf = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                                 "MediaBox": pydyf.Array([0, 0, 100, 100])})
        pdf.add_page(page)
    refs = [pdf.objects[-1 - 2 + i].reference for i in range(3)]
    count = 60_000
    flat = pydyf.Array()
    for i in range(count):
        flat.append(pydyf.String(f"n{i:06d}"))
        flat.append(pydyf.Array([refs[i % 3], "/XYZ", 0, 100, 0]))
    pdf.catalog["Names"] = pydyf.Dictionary({"Dests": pydyf.Dictionary({"Names": flat})})
    nametree.balance_dests(pdf)
    with open(tmp_path / "big.pdf", "wb") as fh:
        pdf.write(fh)
    reader = PdfReader(str(tmp_path / "big.pdf"))
    dests = reader.named_destinations
    assert len(dests) == count
    for i in (0, 1, 2, 1023, 1024, 30_001, count - 1):
        assert reader.get_destination_page_number(dests[f"n{i:06d}"]) == i % 3

"""Named destinations as a balanced name tree (builders/pdf/nametree.py,
made by the join of the parts, pdf/join.py): every anchor still resolves to
its page, read back with pypdf, and no
array holds more than a leaf's worth, so a book of any size reads back
under pypdf's 100,000-element limit."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from pressroom.builders.pdf import join, nametree

ANCHORS = 200
PER_PAGE = 20


def _write(path, leaf, monkeypatch):
    import weasyprint
    monkeypatch.setattr(nametree, "LEAF", leaf)
    body = "".join(
        f'<p id="a{i:04d}" style="{"break-before: page" if i and i % PER_PAGE == 0 else ""}">'
        f'Anchor {i}</p>' for i in range(ANCHORS))
    part = path.with_suffix(".part.pdf")
    weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf(str(part))
    join.join([part], path, None)
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
    import pikepdf
    pdf = pikepdf.new()
    for _ in range(3):
        pdf.add_blank_page(page_size=(100, 100))
    count = 60_000
    dests = {f"n{i:06d}": pikepdf.Array([pdf.pages[i % 3].obj, pikepdf.Name.XYZ, 0, 100, 0])
             for i in range(count)}
    pdf.Root.Names = pikepdf.Dictionary(Dests=nametree.dests_tree(pdf, dests))
    pdf.save(tmp_path / "big.pdf")
    reader = PdfReader(str(tmp_path / "big.pdf"))
    dests = reader.named_destinations
    assert len(dests) == count
    for i in (0, 1, 2, 1023, 1024, 30_001, count - 1):
        assert reader.get_destination_page_number(dests[f"n{i:06d}"]) == i % 3

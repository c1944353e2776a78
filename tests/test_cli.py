"""The command as a tool: help, targets, the cache (a no-op build is fast
and builds nothing), the lock, and a failed build leaving dist/ untouched.

These use the small book of tests/bad_inputs/base, built into a temporary
dist/, so they are quick and never touch the developer's dist/.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"


@pytest.fixture
def small(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    return tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"


def outputs(dist: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(dist.iterdir()) if p.is_file()
            and not p.name.startswith(".")}


def test_help_lists_targets():
    proc = run_build("--help")
    assert proc.returncode == 0
    for word in ("manuscript", "pdf", "epub", "all", "check", "clean", "--jobs", "--quiet"):
        assert word in proc.stdout


def test_unknown_target_is_one_line():
    proc = run_build("pfd")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "unknown target 'pfd'" in proc.stderr


def test_noop_rebuild_is_cached_and_fast(small):
    book, dist = small
    first = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert first.returncode == 0, first.stderr
    before = outputs(dist)
    again = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert again.returncode == 0, again.stderr
    assert "cached" in again.stderr
    assert outputs(dist) == before
    manifest = json.loads((dist / ".cache" / "manifest.json").read_text())
    assert manifest["last"]["built"] == {}
    # how fast a no-op build is belongs to `make bench`, not to a test


def test_edit_rebuilds(small):
    book, dist = small
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    src = book.parent / "sources" / "alpha.txt"
    src.write_text(src.read_text() + "\nA new paragraph, added by the test.\n")
    proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    assert "added by the test" in (dist / "small-book.md").read_text()
    manifest = json.loads((dist / ".cache" / "manifest.json").read_text())
    assert "manuscript" in manifest["last"]["built"]


def test_failed_build_leaves_dist_untouched(small):
    book, dist = small
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    before = outputs(dist)
    assert before
    (book.parent / "sources" / "alpha.txt").write_bytes(b"broken \x00 binary")
    proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert proc.returncode != 0
    assert "NUL bytes" in proc.stderr
    assert outputs(dist) == before
    assert not list(dist.glob(".staging-*"))


def test_lock_stops_a_second_build(small):
    book, dist = small
    dist.mkdir()
    fd = os.open(dist / ".lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"12345\n")
        proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    finally:
        os.close(fd)
    assert proc.returncode == 75
    assert "another build (pid 12345)" in proc.stderr
    assert not (dist / "small-book.md").exists()


def test_check_writes_nothing(small):
    book, dist = small
    proc = run_build("check", "--book", str(book), "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    assert not dist.exists()


def test_clean_removes_dist(small):
    book, dist = small
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    assert run_build("clean", "--dist", str(dist)).returncode == 0
    assert not dist.exists()


def test_report_is_written(built):
    report = built.dist / "report.html"
    assert report.is_file()
    html = report.read_text(encoding="utf-8")
    for part in ("Editions", "Key pages", "Fidelity", "Glossary", "Index", "Warnings"):
        assert part in html
    assert "data:image/png;base64," in html      # thumbnails of key pages
    assert "<script" not in html


def test_report_footnote_page_is_the_first_with_notes_after_the_opening(built, book):
    """The report's "a footnote page" is found by the page text first (a
    line opening with a note number), then by glyph sizes: the same page
    the glyph-size test alone finds, looking at every page in turn."""
    import re as _re
    import pypdfium2 as pdfium
    from pressroom.build import report as rep
    html = (built.dist / "report.html").read_text(encoding="utf-8")
    for label in ("title page", "contents", "a chapter opening", "the index", "a footnote page"):
        assert label in html, label
    doc = pdfium.PdfDocument(str(built.pdf))
    try:
        found = dict(rep.key_pages(doc, book.config.data["title"], book.chapters[0].title))
        opening, index = found["a chapter opening"], found["the index"]
        slow = next(i for i in range(opening, len(doc)) if i != index and rep._small_print_low(doc, i))
        assert found["a footnote page"] == slow
        text = doc[slow].get_textpage().get_text_range()
        assert _re.search(r"(?m)^\s*\d{1,3}[.)]?\s+\S", text)
    finally:
        doc.close()


def test_report_footnote_page_holds_the_books_first_footnote(built, book):
    """With the PDF's named destinations, the report's footnote page is the
    one that holds the first footnote of the book (found here by its words
    on the page), not a page whose list merely looks like notes."""
    import pypdfium2 as pdfium
    from pressroom.build import report as rep
    from pressroom.doctree import pandoc as P
    note = next(n for sec in book.chapters for n in P.iter_nodes(sec.blocks) if n["t"] == "Note")
    words = P.stringify(note["c"]).split()[:4]
    doc = pdfium.PdfDocument(str(built.pdf))
    try:
        found = dict(rep.key_pages(doc, book.config.data["title"], book.chapters[0].title,
                                   rep._first_note(built.pdf)))
        texts = [" ".join(doc[i].get_textpage().get_text_range().split())
                 for i in range(len(doc))]
        holding = [i for i, text in enumerate(texts) if " ".join(words) in text]
        assert holding and found["a footnote page"] == holding[0], (words, holding)
    finally:
        doc.close()

"""Reproducible builds: same inputs and build date, byte-identical PDF and
EPUB; and the EPUB carries no script even when a source tries to.

Two clean builds of the small test book (tests/bad_inputs/base, with a
hostile HTML paragraph added) into two folders, compared byte for byte.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"
HOSTILE = ('<p onclick="steal()">Read <a href="javascript:steal()">more</a>'
           '<script>alert(1)</script><img src="https://evil.example/x.png" alt="x">'
           '<iframe src="http://evil.example/"></iframe></p>\n<h2>The rising</h2>')


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("repro")
    shutil.copytree(BASE, tmp / "manuscript")
    html = tmp / "manuscript" / "sources" / "beta.html"
    html.write_text(html.read_text().replace("<h2>The rising</h2>", HOSTILE, 1))
    dists = []
    for name in ("one", "two"):
        dist = tmp / name
        proc = run_build("pdf", "epub", "--book", str(tmp / "manuscript" / "book.yaml"),
                         "--dist", str(dist), "--quiet")
        assert proc.returncode == 0, proc.stderr
        dists.append(dist)
    return dists


@pytest.mark.parametrize("name", ["small-book.pdf", "small-book.epub"])
def test_two_clean_builds_are_identical(two_builds, name):
    one, two = two_builds
    assert (one / name).read_bytes() == (two / name).read_bytes()


def test_epub_has_no_script(two_builds):
    with zipfile.ZipFile(two_builds[0] / "small-book.epub") as z:
        for info in z.infolist():
            if info.filename.endswith((".xhtml", ".html", ".opf", ".ncx")):
                text = z.read(info).decode("utf-8").lower()
                for bad in ("<script", "javascript:", "onclick", "<iframe", "evil.example"):
                    assert bad not in text, f"{bad} in {info.filename}"


def test_epub_zip_entries_carry_the_build_date(two_builds):
    with zipfile.ZipFile(two_builds[0] / "small-book.epub") as z:
        assert z.namelist()[0] == "mimetype"
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 1, 1)}

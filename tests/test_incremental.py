"""A one-chapter edit in a long-running build (``build.py watch``) lays out
only that chapter again (pdf/reuse.py), and what it publishes is, byte for
byte, what a clean build of the edited book publishes: the PDF and the EPUB.

In-process builds of a copy of the small test book (three chapters)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"
OUTPUTS = ("small-book.pdf", "small-book.epub")


def _build(book_yaml: Path, dist: Path, layouts) -> None:
    from pressroom import publisher
    from pressroom.display import Display
    config = publisher.load(book_yaml)
    publisher.Publisher(config, dist, 1, Display(quiet=True), layouts=layouts).build(["epub"])


def test_incremental_build_after_an_edit_is_the_clean_build(tmp_path, monkeypatch):
    from pressroom.builders.pdf.reuse import LaidOut
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)   # set by the build, undone after
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    book_yaml, dist, clean = root / "book.yaml", tmp_path / "dist", tmp_path / "clean"
    layouts = LaidOut()

    _build(book_yaml, dist, layouts)
    assert layouts.reused == []
    before = {name: (dist / name).read_bytes() for name in OUTPUTS}

    src = root / "sources" / "alpha.txt"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("shared power\nuneasily,", "shared power\nuneasily and "
                                "suspiciously,"), encoding="utf-8")
    assert src.read_text(encoding="utf-8") != text
    _build(book_yaml, dist, layouts)
    assert layouts.reused == ["beta", "gamma"]           # only alpha laid out again

    _build(book_yaml, clean, None)
    for name in OUTPUTS:
        incremental = (dist / name).read_bytes()
        assert incremental != before[name], name        # the edit is in it
        assert incremental == (clean / name).read_bytes(), name


def _publisher(book_yaml: Path, dist: Path, layouts):
    from pressroom import publisher
    from pressroom.display import Display
    return publisher.Publisher(publisher.load(book_yaml), dist, 1, Display(quiet=True),
                               layouts=layouts)


def test_a_watch_started_on_a_built_book_reuses_chapters_until_their_folio_moves(
        tmp_path, monkeypatch):
    from pressroom.builders.pdf.reuse import LaidOut
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    book_yaml, dist = root / "book.yaml", tmp_path / "dist"
    _build(book_yaml, dist, None)                       # built before the watch starts
    layouts = LaidOut()
    assert _publisher(book_yaml, dist, layouts).prime_layouts()
    assert len(layouts.entries) == 3

    src = root / "sources" / "alpha.txt"
    src.write_text(src.read_text(encoding="utf-8").replace(
        "every week.", "every week, and the factories with it."), encoding="utf-8")
    _build(book_yaml, dist, layouts)
    assert layouts.reused == ["beta", "gamma"]

    # alpha grows by pages: beta and gamma start on other folios, laid out again
    more = "\n\n".join(f"Delegates of district {n} reported on bread, fuel and wages, "
                       "and on the meetings held in every workshop that week." for n in range(80))
    src.write_text(src.read_text(encoding="utf-8") + "\n\n" + more + "\n", encoding="utf-8")
    _build(book_yaml, dist, layouts)
    assert layouts.reused == []
    _build(book_yaml, tmp_path / "clean", None)
    for name in OUTPUTS:
        assert (dist / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name

"""A one-chapter edit lays out only that chapter again (the other parts'
PDFs are kept between builds: pdf/parts.py; the front matter, glossary and
index too while no number they print moves), and what it publishes is, byte
for byte, what a clean build of the edited book publishes: the PDF and the
EPUB.

Builds of a copy of the small test book (three chapters), each by a
Publisher of its own (as the command line and the watch make one per
build); which parts were kept is what the pdf builder recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"
OUTPUTS = ("small-book.pdf", "small-book.epub")


def _build(book_yaml: Path, dist: Path, jobs: int = 1) -> list[str]:
    """Build the EPUB (and so the PDF); the parts the PDF took as kept."""
    from pressroom import publisher
    from pressroom.display import Display
    pub = publisher.Publisher(publisher.load(book_yaml), dist, jobs, Display(quiet=True))
    pub.build(["epub"])
    return sorted(pub.reused_parts())


def test_incremental_build_after_an_edit_is_the_clean_build(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)   # set by the build, undone after
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    book_yaml, dist, clean = root / "book.yaml", tmp_path / "dist", tmp_path / "clean"

    assert _build(book_yaml, dist) == []
    before = {name: (dist / name).read_bytes() for name in OUTPUTS}

    src = root / "sources" / "alpha.txt"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("shared power\nuneasily,", "shared power\nuneasily and "
                                "suspiciously,"), encoding="utf-8")
    assert src.read_text(encoding="utf-8") != text
    pages = _pdf_labels(dist / "small-book.pdf")
    reused = _build(book_yaml, dist)
    assert _pdf_labels(dist / "small-book.pdf") == pages   # (no part grew a page)
    assert reused == ["body:beta", "body:gamma", "front", "glossary", "index"]

    assert _build(book_yaml, clean) == []
    for name in OUTPUTS:
        incremental = (dist / name).read_bytes()
        assert incremental != before[name], name        # the edit is in it
        assert incremental == (clean / name).read_bytes(), name


def _pdf_labels(path: Path) -> list[str]:
    from pypdf import PdfReader
    return list(PdfReader(path).page_labels)


def _chapters(store):
    """The chapters' PDFs in the store (each beside its record; a chapter's
    folios, stamped at the join, have none)."""
    return [p for p in store.glob("*.pdf") if p.with_suffix(".json").is_file()
            and json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["name"]
            .startswith("body:")]


def test_chapters_are_kept_when_their_folio_moves(tmp_path, monkeypatch):
    """A chapter is kept by its HTML alone: one that an edit before it moves
    to other folios is taken from the store, its new folios stamped on it
    (pdf/stamps.py), and the book is byte for byte a clean build's."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    book_yaml, dist = root / "book.yaml", tmp_path / "dist"
    assert _build(book_yaml, dist) == []
    store = dist / ".cache" / "state" / "pdf" / "parts"
    assert len(_chapters(store)) == 3

    src = root / "sources" / "alpha.txt"
    src.write_text(src.read_text(encoding="utf-8").replace(
        "every week.", "every week, and the factories with it."), encoding="utf-8")
    assert "body:alpha" not in _build(book_yaml, dist)
    assert len(_chapters(store)) == 3                 # the old alpha is gone
    # and any old index, glossary, front; the body's folios beside them
    assert len(list(store.glob("*.pdf"))) == 6 + 1

    # alpha grows by pages: beta and gamma start on other folios, and are kept
    more = "\n\n".join(f"Delegates of district {n} reported on bread, fuel and wages, "
                       "and on the meetings held in every workshop that week." for n in range(80))
    src.write_text(src.read_text(encoding="utf-8") + "\n\n" + more + "\n", encoding="utf-8")
    labels = _pdf_labels(dist / "small-book.pdf")
    kept = [p for p in _build(book_yaml, dist) if p.startswith("body:") or p == "glossary"]
    assert kept == ["body:beta", "body:gamma", "glossary"]      # moved, and kept
    grown = _pdf_labels(dist / "small-book.pdf")
    assert len(grown) > len(labels) + 1               # (alpha grew by pages)
    assert _build(book_yaml, tmp_path / "clean") == []
    for name in OUTPUTS:
        assert (dist / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_two_processes_publish_what_one_does(tmp_path, monkeypatch):
    """With two jobs the builders share a pool started while the Book is
    made, and the EPUB's text is made in a task of its own, in another
    process than its finish: the files are those of a build in one process."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    _build(root / "book.yaml", tmp_path / "one")
    _build(root / "book.yaml", tmp_path / "two", jobs=2)
    for name in OUTPUTS:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_the_pdf_tasks_are_the_chapters_and_glossary_the_store_lacks(tmp_path, monkeypatch):
    """The pdf builder's tasks lay out, each on its own, the chapters and
    the glossary its store does not keep; its finish lays none of them out
    again (none reused: the tasks made them), and a second build has no
    task and reuses every part."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    from pressroom.builders import BUILDERS, BuildContext, Inputs
    from pressroom.builders.pdf import reused_parts
    from pressroom.pipeline import build_book
    from pressroom.settings.config import load_book
    book = build_book(load_book(BASE / "book.yaml"))
    pdf = BUILDERS["pdf"].module
    ctx = BuildContext(build_date=book.config.build_date, out=tmp_path / "out",
                       state_dir=tmp_path / "state")
    ctx.out.mkdir()
    todo = pdf.tasks(book, ctx)
    names = sorted(task.name for task in todo)
    assert names == sorted([f"body:{s.id}" for s in book.chapters] + ["glossary"])
    done = [(task, pdf.run_task(book, ctx, task)) for task in todo]
    assert sorted(name for _, name in done) == names
    assert pdf.tasks(book, ctx) == []
    first = pdf.finish(book, ctx, Inputs(), done).files[0].read_bytes()
    assert reused_parts(ctx.state_dir) == []

    again = BUILDERS["pdf"].build(book, ctx, Inputs()).files[0].read_bytes()
    assert sorted(reused_parts(ctx.state_dir)) == sorted(names + ["front", "index"])
    assert again == first

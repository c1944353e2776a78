"""The cache's rules: a builder's key follows only what it declares (parts of
the Book, project files, its own code); the chapter cache re-normalises only
the chapters whose inputs changed, and book.yaml is not one of them."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from test_leaves_unit import _nodes as _leaf_nodes

BASE = ROOT / "tests" / "bad_inputs" / "base"


def test_target_key_follows_only_the_parts_it_uses():
    from pressroom.build.cache import target_key
    from pressroom.builders import Builder
    b = Builder("demo", "demo", "pressroom.builders.manuscript",
                code=("builders/manuscript.py",), uses=("config", "chapters"))
    parts = {"config": "c", "front": "f", "chapters": "x", "glossary": "g", "index": "i"}
    key = target_key(b, parts, {}, "2026-01-01")
    assert target_key(b, {**parts, "glossary": "g2"}, {}, "2026-01-01") == key
    assert target_key(b, {**parts, "chapters": "x2"}, {}, "2026-01-01") != key
    assert target_key(b, parts, {}, "2026-01-02") != key
    assert target_key(b, parts, {"pdf": "k"}, "2026-01-01") != key


def test_canonical_is_order_free():
    from pressroom.build.cache import canonical
    assert canonical({"b": {3, 1, 2}, "a": 1}) == canonical({"a": 1, "b": {2, 3, 1}})


def _chapter_run(tmp_path, book_yaml):
    """normalise_sources through a ChapterCache, recording which sources
    were normalised (not taken from the cache)."""
    from pressroom.build.chapters import ChapterCache
    from pressroom.pipeline import normalise
    from pressroom.settings.config import load_book
    calls: list[str] = []
    cache = ChapterCache(tmp_path / "cache" / "chapters", "2026-01-01", jobs=1)
    result = cache.normalise_sources(
        load_book(book_yaml), lambda src, cfg: calls.append(src.id) or normalise(src, cfg))
    return result, calls


def test_chapter_cache_renormalises_only_the_edited_chapter(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book_yaml = tmp_path / "manuscript" / "book.yaml"
    first, calls = _chapter_run(tmp_path, book_yaml)
    assert calls == ["alpha", "beta", "gamma"]
    src = tmp_path / "manuscript" / "sources" / "alpha.txt"
    src.write_text(src.read_text() + "\nAn added paragraph about the soviet.\n")
    again, calls = _chapter_run(tmp_path, book_yaml)
    assert calls == ["alpha"]
    assert [s.id for s, _ in again] == [s.id for s, _ in first]
    assert again[1][0].blocks == first[1][0].blocks


def test_book_yaml_edit_normalises_no_chapter(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book_yaml = tmp_path / "manuscript" / "book.yaml"
    _chapter_run(tmp_path, book_yaml)
    text = book_yaml.read_text()
    assert "\nrights:" in text
    book_yaml.write_text(text.replace("\nrights:", "\nrights: Edited by the test. #", 1))
    _, calls = _chapter_run(tmp_path, book_yaml)
    assert calls == []


def test_rights_edit_rebuilds_the_manuscript_from_cached_chapters(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    chapters = dist / ".cache" / "chapters"
    cached = {p.name: p.stat().st_mtime_ns for p in chapters.iterdir()}
    book.write_text(book.read_text().replace("\nrights:", "\nrights: Rights edited by the test. #", 1))
    proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    assert "Rights edited by the test." in (dist / "small-book.md").read_text()
    assert {p.name: p.stat().st_mtime_ns for p in chapters.iterdir()} == cached


def test_glossary_edit_reuses_the_chapters(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    cached = {p.name: p.stat().st_mtime_ns for p in (dist / ".cache" / "chapters").iterdir()}
    gl = tmp_path / "manuscript" / "glossary.yaml"
    gl.write_text(gl.read_text().replace("A council of delegates", "A council of elected delegates"))
    proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    assert {p.name: p.stat().st_mtime_ns
            for p in (dist / ".cache" / "chapters").iterdir()} == cached


# --- which editions an edit rebuilds, in a copy of the project ---------------

EDITIONS = ("manuscript", "pdf", "epub", "print")    # packets: none in the small book


def _files(dist: Path) -> dict[str, tuple[int, int]]:
    """Each output's (inode, mtime): a rebuilt output is a new file, a cached
    one is the same file carried into the new dist/."""
    return {str(p.relative_to(dist)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in dist.rglob("*") if p.is_file() and ".cache" not in p.parts
            and p.name not in (".lock", "report.html")}


def _rebuilt(before: dict, after: dict) -> set[str]:
    edition = {".md": "manuscript", ".epub": "epub"}
    out = set()
    for rel, stamp in after.items():
        if before.get(rel) != stamp:
            out.add("print" if rel.startswith("print/") else edition.get(Path(rel).suffix, "pdf"))
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project (code with its templates and styles) and of the small book,
    built once: each test edits one file and rebuilds."""
    root = tmp_path_factory.mktemp("project")
    for part in ("build.py", "pressroom"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, root / part)
    shutil.copytree(BASE, root / "manuscript")
    state = {"root": root}
    state["build"] = lambda: _build(root)
    proc = state["build"]()
    assert proc.returncode == 0, proc.stderr
    return state


def _build(root: Path):
    import subprocess
    import sys
    return subprocess.run([sys.executable, str(root / "build.py"), *EDITIONS, "--book",
                           str(root / "manuscript" / "book.yaml"), "--dist",
                           str(root / "dist"), "--jobs", "2", "--quiet"],
                          cwd=root, capture_output=True, text=True)


# (file edited, how, editions expected to rebuild): what each edition reads,
# written down by hand (the EPUB and print take the PDF's page map or file,
# so an edit that changes the PDF rebuilds them too).
EDITS = [
    ("pressroom/builders/epub/meta.py", "code", {"epub"}),
    ("pressroom/builders/manuscript.py", "code", {"manuscript"}),
    ("pressroom/builders/printing/finish.py", "code", {"print"}),
    ("pressroom/builders/pdf/markup.py", "code", {"pdf", "epub", "print"}),
    ("pressroom/templates/epub/section.xhtml.j2", "template", {"epub"}),
    ("pressroom/styles/epub/book.css", "style", {"epub"}),
    ("pressroom/templates/pdf/document.html.j2", "template", {"pdf", "epub", "print"}),
    ("pressroom/styles/print/cover.css", "style", {"print", "epub"}),
]


@pytest.mark.parametrize("rel,kind,expected", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_rebuilds_only_the_editions_that_read_it(project, rel, kind, expected):
    root = project["root"]
    before = _files(root / "dist")
    path = root / rel
    comment = {"code": "\n# edited by the test\n", "template": "\n{# edited by the test #}\n",
               "style": "\n/* edited by the test */\n"}[kind]
    path.write_text(path.read_text() + comment)
    proc = project["build"]()
    assert proc.returncode == 0, proc.stderr
    assert _rebuilt(before, _files(root / "dist")) == expected


def test_a_noop_build_rebuilds_nothing(project):
    before = _files(project["root"] / "dist")
    assert project["build"]().returncode == 0
    assert _rebuilt(before, _files(project["root"] / "dist")) == set()


# --- a builder's key covers the code it runs ---------------------------------

def _imports(path: Path) -> set[str]:
    """The pressroom modules a file imports (top level and in functions)."""
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pressroom"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("pressroom"))
    return out


def _module_file(name: str) -> Path | None:
    rel = Path(*name.split("."))
    for candidate in (ROOT / rel.with_suffix(".py"), ROOT / rel / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None     # a name imported from a module, not a module


@pytest.mark.parametrize("name", ["manuscript", "pdf", "epub", "print", "packets"])
def test_builder_code_covers_what_its_modules_import(name):
    """Every pressroom module a builder's own modules import is in its
    declared code, or shapes the Book (whose parts the key hashes)."""
    from pressroom.builders import BUILDERS
    b = BUILDERS[name]
    pkg = ROOT / Path(*b.package.split("."))
    own = list(pkg.rglob("*.py")) if pkg.is_dir() else [pkg.with_suffix(".py")]
    declared = {str(ROOT / "pressroom" / c) for c in b.code_paths}
    covered = lambda f: any(str(f) == d or (d.endswith("/") and str(f).startswith(d))
                            or str(f).startswith(d + "/") for d in declared)
    book_side = ("settings/", "pipeline.py", "readers/")
    for module in own:
        for imported in _imports(module):
            f = _module_file(imported)
            if f is None or any(str(f).startswith(str(ROOT / "pressroom" / p)) for p in book_side):
                continue
            assert covered(f), f"{module.relative_to(ROOT)} imports {imported}, not in {name}'s code"


def test_the_real_books_words_are_shared_and_pickled_once(book, tmp_path):
    for sec in book.sections:
        strs = _leaf_nodes(sec.blocks, "Str")
        assert len({id(n) for n in strs}) <= len({n["c"] for n in strs})
        assert len({id(n) for n in _leaf_nodes(sec.blocks, "Space")}) <= 1
    everywhere = [n for sec in book.sections for n in _leaf_nodes(sec.blocks, "Str")]
    assert len({id(n) for n in everywhere}) == len({n["c"] for n in everywhere})
    assert len(everywhere) > 5 * len({n["c"] for n in everywhere})     # most words repeat
    from pressroom.build.pickles import load_pickle, write_pickle
    write_pickle(tmp_path / "book.pickle", book)
    back = load_pickle(tmp_path / "book.pickle")
    loaded = [n for sec in back.sections for n in _leaf_nodes(sec.blocks, "Str")]
    assert [n["c"] for n in loaded] == [n["c"] for n in everywhere]
    assert len({id(n) for n in loaded}) == len({n["c"] for n in everywhere})

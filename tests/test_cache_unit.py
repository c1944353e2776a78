"""The build cache's pieces on small folders made here (build/hashing.py and
build/cache.py): file hashes (checked against sha256 values known in
advance), which files count, which edits change which key, the canonical
form of Book parts, and the cache folder's files (corrupt, stale, of another
format). The whole-build behaviour is in tests/test_cache.py."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from pressroom.build import cache as C
from pressroom.build.hashing import FileHashes, hash_files, hash_text, sha256_file, visible_files
from pressroom.build.pickles import FORMAT

SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"   # sha256(b"abc")
SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256(b"")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- hashing.py -------------------------------------------------------------------

def test_sha256_file(tmp_path):
    assert sha256_file(write(tmp_path / "a", "abc")) == SHA_ABC
    assert sha256_file(write(tmp_path / "e", "")) == SHA_EMPTY
    big = tmp_path / "big"
    data = os.urandom(1 << 20) + b"tail" + os.urandom(1000)       # more than one read
    big.write_bytes(data)
    assert sha256_file(big) == hashlib.sha256(data).hexdigest()


def test_file_hashes_reads_each_file_once(tmp_path):
    f = write(tmp_path / "a", "abc")
    h = FileHashes()
    assert h.of(f) == SHA_ABC
    f.write_text("changed", encoding="utf-8")
    assert h.of(f) == SHA_ABC                     # one build: read once
    assert FileHashes().of(f) != SHA_ABC
    assert h.of(tmp_path / "none") == "missing"
    assert h.of(tmp_path) == "missing"            # a folder is no file


def test_file_hashes_lists_each_folder_once(tmp_path):
    write(tmp_path / "a.txt", "1")
    h = FileHashes()
    assert h.files(tmp_path, "*.txt") == [tmp_path / "a.txt"]
    write(tmp_path / "b.txt", "2")
    assert h.files(tmp_path, "*.txt") == [tmp_path / "a.txt"]
    assert sorted(h.files(tmp_path, "*")) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert sorted(FileHashes().files(tmp_path, "*.txt")) == [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_hash_text():
    assert hash_text("abc") == SHA_ABC
    assert hash_text() == SHA_EMPTY
    assert hash_text("a", "b") == hashlib.sha256(b"a\0b").hexdigest()
    assert hash_text("ab", "c") != hash_text("a", "bc")
    assert hash_text("é") == hashlib.sha256("é".encode()).hexdigest()
    assert hash_text("\udcff") == hashlib.sha256(b"\xff").hexdigest()   # a file name's stray byte


def test_hash_files_follows_names_and_contents_not_order(tmp_path):
    a, b = write(tmp_path / "a", "1"), write(tmp_path / "b", "2")
    h = hash_files([a, b], tmp_path)
    assert hash_files([b, a, b], tmp_path) == h
    assert hash_files([str(a), str(b)], tmp_path) == h
    assert hash_files([a], tmp_path) != h
    a.write_text("3", encoding="utf-8")
    assert hash_files([a, b], tmp_path) != h
    a.write_text("1", encoding="utf-8")
    assert hash_files([a, b], tmp_path) == h
    a.write_text("2", encoding="utf-8")
    b.write_text("1", encoding="utf-8")                    # contents swapped between names
    assert hash_files([a, b], tmp_path) != h


def test_hash_files_names_relative_to_the_base(tmp_path):
    one, two = write(tmp_path / "one" / "x", "1"), write(tmp_path / "two" / "x", "1")
    assert hash_files([one], tmp_path / "one") == hash_files([two], tmp_path / "two")
    assert hash_files([one]) != hash_files([two])          # no base: the full name counts
    assert hash_files([one], tmp_path / "two") != hash_files([two], tmp_path / "two")
    renamed = write(tmp_path / "one" / "y", "1")
    assert hash_files([renamed], tmp_path / "one") != hash_files([one], tmp_path / "one")
    assert hash_files([one], tmp_path / "one") != hash_files([], tmp_path / "one")


def test_hash_files_missing_file_and_shared_hashes(tmp_path):
    gone = tmp_path / "gone"
    before = hash_files([gone], tmp_path)
    write(gone, "")
    assert hash_files([gone], tmp_path) != before
    h = FileHashes()
    f = write(tmp_path / "f", "abc")
    first = hash_files([f], tmp_path, h)
    f.write_text("other", encoding="utf-8")
    assert hash_files([f], tmp_path, h) == first           # the build's hashes, read once
    assert hash_files([f], tmp_path) != first


def test_visible_files(tmp_path):
    for rel in ("a.py", "sub/b.py", "sub/c.txt", ".hidden", ".git/config", "sub/.x/d.py",
                "__pycache__/a.cpython-311.pyc", "sub/__pycache__/e.py", "f.pyc"):
        write(tmp_path / rel, "x")
    (tmp_path / "empty").mkdir()
    got = sorted(p.relative_to(tmp_path).as_posix() for p in visible_files(tmp_path))
    assert got == ["a.py", "sub/b.py", "sub/c.txt"]
    got = sorted(p.relative_to(tmp_path).as_posix() for p in visible_files(tmp_path, "**/*.py"))
    assert got == ["a.py", "sub/b.py"]
    hidden_root = tmp_path / ".root"
    write(hidden_root / "k.txt", "x")
    assert visible_files(hidden_root) == [hidden_root / "k.txt"]   # only the parts below root count


# --- code and project files -------------------------------------------------------

@pytest.fixture
def code(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    pkg = root / "pressroom"
    for rel in ("pipeline.py", "readers/a.py", "readers/b.py", "readers/notes.txt",
                "readers/__pycache__/a.py", "builders/x.py"):
        write(pkg / rel, rel)
    monkeypatch.setattr(C, "CODE", pkg)
    monkeypatch.setattr(C, "PROJECT", root)
    return pkg


def test_code_files(code):
    want = [code / "pipeline.py", code / "readers/a.py", code / "readers/b.py"]
    assert C.code_files(("readers/", "pipeline.py")) == want
    assert C.code_files(("readers/", "pipeline.py"), FileHashes()) == want
    assert C.code_files(("builders/x.py",)) == [code / "builders/x.py"]


def test_code_hash_follows_the_code_and_the_list(code):
    h = C.code_hash(("readers/",))
    assert C.code_hash(("readers/",), FileHashes()) == h
    write(code / "builders/x.py", "edited")
    assert C.code_hash(("readers/",)) == h                  # not in the list
    write(code / "readers/a.py", "edited")
    assert C.code_hash(("readers/",)) != h
    h = C.code_hash(("readers/",))
    write(code / "readers/new.py", "")
    assert C.code_hash(("readers/",)) != h
    assert C.code_hash(("readers/", "pipeline.py")) != C.code_hash(("readers/",))
    assert C.code_hash(("a.py", "b.py")) == C.code_hash(("b.py", "a.py"))


def test_code_hash_names_files_from_the_project(code, tmp_path, monkeypatch):
    h = C.code_hash(("readers/",))
    other = tmp_path / "elsewhere" / "proj"
    for rel in ("readers/a.py", "readers/b.py"):
        write(other / "pressroom" / rel, rel)
    monkeypatch.setattr(C, "CODE", other / "pressroom")
    monkeypatch.setattr(C, "PROJECT", other)
    assert C.code_hash(("readers/",)) == h                  # the same code checked out elsewhere


@pytest.fixture
def package(tmp_path, monkeypatch):
    pkg = tmp_path / "pkg"
    write(pkg / "templates/pdf/book.html", "<html>")
    write(pkg / "templates/pdf/part.html", "<part>")
    write(pkg / "styles/book.css", "p {}")
    monkeypatch.setattr(C, "PACKAGE", pkg)
    return pkg


def test_project_files_hash(package, tmp_path):
    pats = ("templates/pdf/**/*",)
    h = C.project_files_hash(pats)
    assert C.project_files_hash(pats, FileHashes()) == h
    write(package / "styles/book.css", "p { color: red }")
    assert C.project_files_hash(pats) == h                  # a style the pattern does not name
    write(package / "templates/pdf/book.html", "<html lang>")
    assert C.project_files_hash(pats) != h
    assert C.project_files_hash(("templates/pdf/**/*", "styles/*")) != C.project_files_hash(pats)


def test_a_theme_file_overriding_a_template_changes_the_hash(package, tmp_path):
    pats = ("templates/pdf/**/*",)
    theme = tmp_path / "theme"
    theme.mkdir()
    h = C.project_files_hash(pats)
    assert C.project_files_hash(pats, theme=theme) == h      # an empty theme: nothing overridden
    write(theme / "styles/book.css", "x")
    assert C.project_files_hash(pats, theme=theme) == h      # not one of the builder's files
    write(theme / "templates/pdf/book.html", "<mine>")
    themed = C.project_files_hash(pats, FileHashes(), theme)
    assert themed != h
    write(theme / "templates/pdf/book.html", "<mine, edited>")
    assert C.project_files_hash(pats, theme=theme) not in (h, themed)
    # the theme's names count from the theme folder, wherever it is
    moved = tmp_path / "moved" / "theme"
    write(moved / "templates/pdf/book.html", "<mine, edited>")
    assert C.project_files_hash(pats, theme=moved) == C.project_files_hash(pats, theme=theme)


# --- the book's inputs and keys -----------------------------------------------

@pytest.fixture
def book(tmp_path):
    root = tmp_path / "manuscript"
    files = {name: write(root / name, name) for name in (
        "book.yaml", "sources/a.txt", "sources/a.yaml", "front/rights.md", "glossary.yaml",
        "index.yaml", "notes/draft.txt", "dist/book.pdf", "theme/styles/book.css", ".git/HEAD")}
    outside = write(tmp_path / "shared" / "b.md", "b")
    config = SimpleNamespace(
        root=root, path=files["book.yaml"],
        sources=[SimpleNamespace(path=files["sources/a.txt"], sidecar_path=files["sources/a.yaml"]),
                 SimpleNamespace(path=outside, sidecar_path=tmp_path / "shared" / "b.yaml")],
        front_matter=[files["front/rights.md"]],
        glossary_path=files["glossary.yaml"], index_path=files["index.yaml"])
    return SimpleNamespace(config=config, files=files, outside=outside, tmp=tmp_path)


def test_book_inputs(book):
    got = C.book_inputs(book.config)
    assert got == sorted(got, key=str)
    labels = sorted(C.LABELS.glob("*.yaml"))
    assert labels and set(labels) <= set(got)
    rest = {p for p in got if p not in labels}
    root = book.config.root
    assert rest == {root / "book.yaml", root / "sources/a.txt", root / "sources/a.yaml",
                    root / "front/rights.md", root / "glossary.yaml", root / "index.yaml",
                    root / "notes/draft.txt", book.outside, book.tmp / "shared" / "b.yaml"}


def test_book_key_follows_every_input_and_the_date(book):
    k = C.book_key(book.config, "2026-01-01")
    assert C.book_key(book.config, "2026-01-01", FileHashes()) == k
    assert C.book_key(book.config, "2026-01-02") != k
    for path in (book.files["notes/draft.txt"], book.outside, book.files["glossary.yaml"]):
        old = path.read_text(encoding="utf-8")
        path.write_text(old + " edited", encoding="utf-8")
        assert C.book_key(book.config, "2026-01-01") != k, path
        path.write_text(old, encoding="utf-8")
    assert C.book_key(book.config, "2026-01-01") == k
    for path in (book.files["dist/book.pdf"], book.files["theme/styles/book.css"]):
        path.write_text("edited", encoding="utf-8")
        assert C.book_key(book.config, "2026-01-01") == k, path


def demo_builder(**kw):
    fields = dict(name="demo", package="pressroom.builders.demo", uses=("config", "chapters"),
                  files=(), code_paths=("paths.py",))
    fields.update(kw)
    return SimpleNamespace(**fields)


PARTS = {"config": "c", "front": "f", "chapters": "x", "glossary": "g", "index": "i"}


def test_target_key_follows_what_the_builder_declares(package, tmp_path):
    b = demo_builder()
    k = C.target_key(b, PARTS, {}, "2026-01-01")
    assert C.target_key(b, {**PARTS, "index": "i2"}, {}, "2026-01-01") == k
    assert C.target_key(b, {**PARTS, "config": "c2"}, {}, "2026-01-01") != k
    assert C.target_key(b, {k2: v for k2, v in PARTS.items() if k2 != "config"}, {},
                        "2026-01-01") != k
    assert C.target_key(demo_builder(name="other"), PARTS, {}, "2026-01-01") != k
    assert C.target_key(demo_builder(package="other"), PARTS, {}, "2026-01-01") != k
    assert C.target_key(demo_builder(code_paths=("errors.py",)), PARTS, {}, "2026-01-01") != k
    assert C.target_key(demo_builder(uses=("config",)), PARTS, {}, "2026-01-01") != k
    assert C.target_key(b, PARTS, {"pdf": "p"}, "2026-01-01") != C.target_key(
        b, PARTS, {"pdf": "q"}, "2026-01-01")
    assert C.target_key(b, PARTS, {"a": "1", "b": "2"}, "2026-01-01") == C.target_key(
        b, PARTS, {"b": "2", "a": "1"}, "2026-01-01")


def test_target_key_follows_the_builder_files_and_their_theme(package, tmp_path):
    b = demo_builder(files=("templates/pdf/**/*",))
    theme = tmp_path / "theme"
    k = C.target_key(b, PARTS, {}, "2026-01-01", FileHashes(), theme)
    assert k != C.target_key(demo_builder(), PARTS, {}, "2026-01-01")
    write(package / "templates/pdf/part.html", "<part edited>")
    k2 = C.target_key(b, PARTS, {}, "2026-01-01", theme=theme)
    assert k2 != k
    write(theme / "templates/pdf/part.html", "<themed>")
    assert C.target_key(b, PARTS, {}, "2026-01-01", theme=theme) != k2
    assert C.target_key(b, PARTS, {}, "2026-01-01") == k2            # no theme given


# --- canonical form -----------------------------------------------------------------

@dataclasses.dataclass
class DC:
    b: object
    a: object = None


class Plain:
    def __init__(self):
        self.z = {2, 1}
        self.y = Path("p/q")


def test_canonical():
    assert C.canonical(None) is None
    assert C.canonical(True) is True
    assert C.canonical(1.5) == 1.5
    assert C.canonical("s") == "s"
    assert C.canonical(Path("a/b")) == "a/b"
    assert C.canonical((1, (2, 3))) == [1, [2, 3]]
    assert C.canonical({2: "x", "1": {"b"}}) == {"1": ["b"], "2": "x"}
    assert list(C.canonical({"b": 1, "a": 2, "c": 3})) == ["a", "b", "c"]
    assert C.canonical({3, 1, 2}) == [1, 2, 3]
    assert C.canonical(frozenset({"b", "a"})) == ["a", "b"]
    assert C.canonical({(2, "x"), (1, "y")}) == [[1, "y"], [2, "x"]]
    assert C.canonical(DC(b={1}, a=Path("x"))) == {"@": "DC", "b": [1], "a": "x"}
    assert C.canonical(Plain()) == {"@": "Plain", "y": "p/q", "z": [1, 2]}
    assert C.canonical(b"x") == "b'x'"


def test_canonical_stops_at_a_depth():
    deep: list = ["end"]
    for _ in range(70):
        deep = [deep]
    got = C.canonical(deep)
    for _ in range(61):
        got = got[0]
    assert isinstance(got, str) and got.startswith("[[") and "end" in got
    shallow: list = ["end"]
    for _ in range(59):
        shallow = [shallow]
    got = C.canonical(shallow)
    for _ in range(59):
        got = got[0]
    assert got == ["end"]


def test_book_part_hashes_each_part_alone():
    def sec(i, blocks):
        return SimpleNamespace(id=i, title="T", kind="chapter", meta={"m": 1}, blocks=blocks)

    def book(**kw):
        base = dict(config=SimpleNamespace(data={"title": "B"}), front=[sec("f", [1])],
                    chapters=[sec("a", [1]), sec("b", [2])], glossary={"t": "d"}, index={"e": [1]})
        base.update(kw)
        return SimpleNamespace(**base)

    h = C.book_part_hashes(book(), "2026-01-01")
    assert set(h) == {"config", "front", "chapters", "glossary", "index"}
    assert len(set(h.values())) == 5
    assert C.book_part_hashes(book(), "2026-01-01") == h

    def changed(new):
        return {k for k in h if new[k] != h[k]}
    assert changed(C.book_part_hashes(book(), "2026-01-02")) == {"config"}
    assert changed(C.book_part_hashes(book(config=SimpleNamespace(data={"title": "C"})),
                                      "2026-01-01")) == {"config"}
    assert changed(C.book_part_hashes(book(front=[sec("f", [2])]), "2026-01-01")) == {"front"}
    assert changed(C.book_part_hashes(book(chapters=[sec("b", [2]), sec("a", [1])]),
                                      "2026-01-01")) == {"chapters"}
    s = sec("a", [1])
    s.meta = {"m": 2}
    assert changed(C.book_part_hashes(book(chapters=[s, sec("b", [2])]), "2026-01-01")) == {"chapters"}
    s = sec("a", [1])
    s.title = "U"
    assert changed(C.book_part_hashes(book(chapters=[s, sec("b", [2])]), "2026-01-01")) == {"chapters"}
    s = sec("a", [1])
    s.kind = "part"
    assert changed(C.book_part_hashes(book(chapters=[s, sec("b", [2])]), "2026-01-01")) == {"chapters"}
    assert changed(C.book_part_hashes(book(glossary={"t": "e"}), "2026-01-01")) == {"glossary"}
    assert changed(C.book_part_hashes(book(index={"e": [2]}), "2026-01-01")) == {"index"}
    assert changed(C.book_part_hashes(book(glossary={"t": "é"}), "2026-01-01")) == {"glossary"}


# --- the cache folder ----------------------------------------------------------------

@pytest.fixture
def cache(tmp_path):
    warnings: list[str] = []
    c = C.Cache(tmp_path / "dist", warnings.append)
    c.warnings = warnings
    return c


KEY = "k" * 30 + "1"
KEY2 = "k" * 30 + "2"          # the same first 24 characters


def test_the_cache_lives_in_dist(tmp_path, cache):
    assert cache.dir == tmp_path / "dist" / ".cache"
    assert cache.manifest_path == tmp_path / "dist" / ".cache" / "manifest.json"
    assert cache.book_path(KEY) == cache.dir / f"book-{'k' * 24}.pickle"
    assert cache.artefacts_path("pdf", KEY) == cache.dir / f"pdf-{'k' * 24}.artefacts.json"
    assert C.Cache(tmp_path).warn("x") is None                # the default: silent


def test_a_book_saved_and_loaded(cache):
    book = SimpleNamespace(warnings=["w1"], data=[1, 2])
    path = cache.save_book(KEY, book, {"config": "h"})
    assert path == cache.book_path(KEY) and path.is_file()
    meta = cache.load_meta(KEY)
    assert meta["parts"] == {"config": "h"} and meta["warnings"] == ["w1"] and meta["key"] == KEY
    assert cache.load_book(KEY).data == [1, 2]
    assert cache.load_meta(KEY2) is None                      # same file name, another key
    assert cache.warnings == []
    record = json.loads((cache.dir / f"book-{'k' * 24}.json").read_text(encoding="utf-8"))
    assert record["format"] == FORMAT


def test_saving_a_book_removes_the_other_books(cache):
    cache.save_book("a" * 30, SimpleNamespace(warnings=[]), {})
    write(cache.dir / "bookish.txt", "")
    write(cache.dir / "pdf-x.artefacts.json", "")
    cache.save_book("b" * 30, SimpleNamespace(warnings=[]), {})
    names = sorted(p.name for p in cache.dir.iterdir())
    assert names == [f"book-{'b' * 24}.json", f"book-{'b' * 24}.pickle", "bookish.txt",
                     "pdf-x.artefacts.json"]
    assert cache.load_meta("a" * 30) is None


def test_load_meta_needs_both_files(cache):
    assert cache.load_meta(KEY) is None
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    cache.book_path(KEY).unlink()
    assert cache.load_meta(KEY) is None
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    (cache.dir / f"book-{'k' * 24}.json").unlink()
    assert cache.load_meta(KEY) is None
    assert cache.warnings == []


def test_a_corrupt_book_pickle_is_discarded_with_a_warning(cache):
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    path = cache.book_path(KEY)
    path.write_bytes(path.read_bytes()[:-3])
    assert cache.load_meta(KEY) is None
    assert not path.exists()
    assert cache.warnings == [f"cache file {path.name} discarded: checksum mismatch "
                              "(truncated or corrupt); rebuilding"]


def test_load_book_discards_a_corrupt_pickle(cache):
    path = cache.book_path(KEY)
    write(path, "garbage")
    assert cache.load_book(KEY) is None
    assert not path.exists()
    assert cache.warnings == [f"cache file {path.name} discarded: not a pressroom cache file; "
                              "rebuilding"]


def test_json_files_corrupt_or_of_another_format(cache):
    path = cache.dir / f"book-{'k' * 24}.json"
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    write(path, "{not json")
    assert cache.load_meta(KEY) is None and not path.exists()
    assert cache.warnings[-1] == (f"cache file {path.name} discarded: not valid JSON "
                                  "(truncated or corrupt); rebuilding")
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    write(path, json.dumps({"key": KEY, "format": FORMAT - 1}))
    assert cache.load_meta(KEY) is None and not path.exists()
    assert cache.warnings[-1] == (f"cache file {path.name} discarded: not cache format {FORMAT}; "
                                  "rebuilding")
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    write(path, json.dumps([1, 2]))
    assert cache.load_meta(KEY) is None and not path.exists()
    cache.save_book(KEY, SimpleNamespace(warnings=[]), {})
    path.write_bytes(b"\xff\xfe{}")
    assert cache.load_meta(KEY) is None and not path.exists()
    assert len(cache.warnings) == 4


def test_artefacts(cache):
    assert cache.load_artefacts("pdf", KEY) is None
    cache.save_artefacts("pdf", KEY, {"pagemap": {"a": 1}})
    assert cache.load_artefacts("pdf", KEY) == {"pagemap": {"a": 1}}
    assert cache.load_artefacts("pdf", KEY2) is None          # same file, another key
    assert cache.load_artefacts("epub", KEY) is None
    cache.save_artefacts("epub", KEY, {})
    cache.save_artefacts("pdf", "z" * 30, {"n": 2})
    names = sorted(p.name for p in cache.dir.iterdir())
    assert names == [f"epub-{'k' * 24}.artefacts.json", f"pdf-{'z' * 24}.artefacts.json"]
    write(cache.artefacts_path("pdf", KEY), json.dumps({"key": KEY, "artefacts": [1],
                                                        "format": FORMAT}))
    assert cache.load_artefacts("pdf", KEY) is None
    assert cache.warnings == []


def test_manifest(cache):
    assert cache.manifest() == {"format": FORMAT, "targets": {}}
    cache.save_manifest({"targets": {"pdf": {"key": "k"}}})
    assert cache.manifest() == {"format": FORMAT, "targets": {"pdf": {"key": "k"}}}
    saved = json.loads(cache.manifest_path.read_text(encoding="utf-8"))
    assert saved == {"format": FORMAT, "targets": {"pdf": {"key": "k"}}}
    write(cache.manifest_path, json.dumps({"format": FORMAT, "targets": []}))
    assert cache.manifest() == {"format": FORMAT, "targets": {}}
    assert cache.warnings == []


def test_outputs_current(tmp_path):
    dist = tmp_path / "dist"
    out = write(dist / "book.pdf", "abc")
    st = out.stat()
    entry = {"key": "k", "outputs": {"book.pdf": {"size": 3, "sha256": SHA_ABC,
                                                  "mtime_ns": st.st_mtime_ns}}}
    assert C.outputs_current(dist, entry, "k")
    assert not C.outputs_current(dist, entry, "other")
    assert not C.outputs_current(dist, None, "k")
    assert not C.outputs_current(dist, {"key": "k", "outputs": {}}, "k")
    assert not C.outputs_current(dist, {"key": "k"}, "k")
    out.write_text("abd", encoding="utf-8")                      # same size, new content
    os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert not C.outputs_current(dist, entry, "k")
    out.write_text("abc", encoding="utf-8")                      # touched, same content
    os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert C.outputs_current(dist, entry, "k")
    no_mtime = {"key": "k", "outputs": {"book.pdf": {"size": 3, "sha256": SHA_ABC}}}
    assert C.outputs_current(dist, no_mtime, "k")
    out.write_text("abcd", encoding="utf-8")
    assert not C.outputs_current(dist, entry, "k")
    out.unlink()
    assert not C.outputs_current(dist, entry, "k")
    write(out, "abc")
    two = {"key": "k", "outputs": {**entry["outputs"], "book.epub": {"size": 1, "sha256": "x"}}}
    assert not C.outputs_current(dist, two, "k")


def test_a_file_name_that_is_not_utf8_is_hashed(tmp_path):
    odd = write(tmp_path / "caf\udce9.txt", "x")          # a Latin-1 name on a UTF-8 system
    plain = write(tmp_path / "cafe.txt", "x")
    assert hash_files([odd], tmp_path) != hash_files([plain], tmp_path)
    assert hash_files([odd, plain], tmp_path) == hash_files([plain, odd], tmp_path)


# --- cases the first mutation run found untested -------------------------------------

def test_one_builds_hashes_read_each_file_and_folder_once(code, package, book, tmp_path):
    """Every key function given the build's FileHashes reads through it: a
    file edited (or added) after the first key does not change a second key
    made with the same hashes, and does with fresh ones."""
    theme = tmp_path / "theme"
    write(theme / "templates/pdf/book.html", "<mine>")
    b = demo_builder(files=("templates/pdf/**/*",), code_paths=("readers/",))

    def keys(h):
        return (C.code_hash(("readers/",), h), C.project_files_hash(b.files, h, theme),
                C.book_key(book.config, "d", h), C.target_key(b, PARTS, {}, "d", h, theme))

    h = FileHashes()
    first = keys(h)
    for path in (code / "readers/a.py", package / "templates/pdf/book.html",
                 theme / "templates/pdf/book.html", book.files["sources/a.txt"]):
        path.write_text("edited", encoding="utf-8")
    write(code / "readers/c.py", "new")
    write(package / "templates/pdf/new.html", "new")
    assert keys(h) == first
    fresh = keys(FileHashes())
    assert all(a != b for a, b in zip(fresh, first))


def test_package_file_names_count_from_the_package(package, tmp_path, monkeypatch):
    h = C.project_files_hash(("templates/pdf/**/*",))
    moved = tmp_path / "site-packages" / "pressroom"
    for rel in ("templates/pdf/book.html", "templates/pdf/part.html"):
        write(moved / rel, (package / rel).read_text(encoding="utf-8"))
    monkeypatch.setattr(C, "PACKAGE", moved)
    assert C.project_files_hash(("templates/pdf/**/*",)) == h


def test_the_book_key_follows_the_pipeline_code_and_the_cache_format(code, book, monkeypatch):
    k = C.book_key(book.config, "d")
    write(code / "readers/a.py", "edited")
    assert C.book_key(book.config, "d") != k
    k = C.book_key(book.config, "d")
    write(code / "builders/x.py", "edited")                # no part of the pipeline
    assert C.book_key(book.config, "d") == k
    monkeypatch.setattr(C, "FORMAT", FORMAT + 1)
    assert C.book_key(book.config, "d") != k


def test_the_target_key_follows_the_date_and_the_cache_format(package, monkeypatch):
    b = demo_builder()
    k = C.target_key(b, PARTS, {}, "2026-01-01")
    assert C.target_key(b, PARTS, {}, "2026-01-02") != k
    monkeypatch.setattr(C, "FORMAT", FORMAT + 1)
    assert C.target_key(b, PARTS, {}, "2026-01-01") != k


def test_book_inputs_sort_by_name(book):
    write(book.config.root / "sources-old.txt", "x")          # "-" sorts before "/"
    got = C.book_inputs(book.config)
    assert got == sorted(got, key=str)
    names = [str(p) for p in got]
    assert names.index(str(book.config.root / "sources-old.txt")) < names.index(
        str(book.files["sources/a.txt"]))


@dataclasses.dataclass(slots=True)
class Slotted:
    x: object


@dataclasses.dataclass(frozen=True)
class Frozen:
    b: int
    a: int


def test_canonical_of_slotted_dataclasses_mixed_sets_and_frozen_records():
    assert C.canonical(Slotted(x={2, 1})) == {"@": "Slotted", "x": [1, 2]}
    assert C.canonical({1, "a"}) == ["a", 1]                   # ordered by their JSON: '"a"' < '1'
    # ordered by their JSON with sorted keys: {"a": 1, ...} before {"a": 2, ...}
    assert C.canonical({Frozen(b=1, a=2), Frozen(b=2, a=1)}) == [
        {"@": "Frozen", "b": 2, "a": 1}, {"@": "Frozen", "b": 1, "a": 2}]


def nest(kind: str, depth: int):
    obj: object = "end"
    for _ in range(depth):
        if kind == "dict":
            obj = {"k": obj}
        elif kind == "set":
            obj = frozenset({obj}) if not isinstance(obj, (dict, list)) else obj
        elif kind == "dataclass":
            obj = DC(b=obj)
        else:
            p = Plain()
            p.__dict__ = {"k": obj}
            obj = p
    return obj


def dig(x, kind: str, depth: int):
    for _ in range(depth):
        x = x[0] if kind == "set" else x["b"] if kind == "dataclass" else x["k"]
    return x


@pytest.mark.parametrize("kind, full, cut", [("dict", 60, 61), ("set", 60, 61),
                                             ("dataclass", 60, 61),
                                             ("object", 30, 30)])   # an object and its fields: 2 levels
def test_canonical_depth_limit_for_each_kind(kind, full, cut):
    # 60 levels are followed in full; below them a value is cut to its repr
    assert dig(C.canonical(nest(kind, full)), kind, full) == "end"
    deep = dig(C.canonical(nest(kind, full + 2)), kind, cut)
    assert isinstance(deep, str)
    assert dig(C.canonical(nest(kind, full + 2)), kind, cut - 1) != deep


def test_canonical_of_a_class_is_its_repr():
    # found by the mutation run: vars() of a class is no dict, and this raised TypeError
    assert C.canonical(Plain) == repr(Plain)
    assert C.canonical({"k": Plain}) == {"k": repr(Plain)}


def test_a_missing_book_pickle_is_reported_and_rebuilt(cache):
    assert cache.load_book(KEY) is None
    assert cache.warnings == [f"cache file {cache.book_path(KEY).name} discarded: unreadable "
                              "(No such file or directory); rebuilding"]


def test_an_unchanged_output_is_not_hashed_again(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    out = write(dist / "book.pdf", "abc")
    entry = {"key": "k", "outputs": {"book.pdf": {"size": 3, "sha256": SHA_ABC,
                                                  "mtime_ns": out.stat().st_mtime_ns}}}

    def no_hashing(path):
        raise AssertionError(f"{path} hashed although its time and size match")
    monkeypatch.setattr(C, "sha256_file", no_hashing)
    assert C.outputs_current(dist, entry, "k")


def _hash_of_canonical(value) -> str:
    import json
    return C.hash_text(json.dumps(C.canonical(value), sort_keys=True, ensure_ascii=False,
                                  default=str))


def test_a_part_hash_is_the_hash_of_its_canonical_form():
    # json's encoder with _json_form, and canonical's own walk, give one text
    plain = Plain()
    plain.__dict__ = {"name": "x", "tags": {"b", "a"}, "where": Path("a/b")}
    value = {"blocks": [{"t": "Para", "c": [{"t": "Str", "c": "Wörd"}]}],
             "entry": DC(b={"z": 1, "a": (2, 3)}), "plain": plain,
             "terms": frozenset({"soviet", "duma"}), "n": 1.5, "none": None}
    assert C._part_hash(value) == _hash_of_canonical(value)
    assert C._part_hash(value) != C._part_hash({**value, "n": 2.5})


def test_a_value_json_cannot_order_is_hashed_through_canonical():
    value = {2: "x", "1": {"b"}}            # keys of two types: json cannot sort them
    assert C._part_hash(value) == _hash_of_canonical(value)


def test_a_large_part_is_hashed_in_pieces_and_any_change_shows():
    from dataclasses import dataclass

    @dataclass
    class Entry:
        key: str
        locators: list

    class Model:
        def __init__(self, entries):
            self.entries = entries
            self.by_key = {e.key: e for e in entries}

    def model(*pairs):
        return Model([Entry(k, list(v)) for k, v in pairs])
    h = C._hash_in_pieces(model(("a", [1, 2]), ("b", [3])))
    assert C._hash_in_pieces(model(("a", [1, 2]), ("b", [3]))) == h
    for other in (model(("a", [1, 2]), ("b", [4])), model(("b", [3]), ("a", [1, 2])),
                  model(("a", [1, 2])), model(("a", [1, 2]), ("c", [3]))):
        assert C._hash_in_pieces(other) != h
    assert C._hash_in_pieces([1, [2, 3]]) != C._hash_in_pieces([[1, 2], 3])
    assert C._hash_in_pieces({"a": "1"}) != C._hash_in_pieces({"a1": ""})
    assert C._hash_in_pieces({"k": Entry("a", [])}) != C._hash_in_pieces({"k": {"key": "a", "locators": []}})

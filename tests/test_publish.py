"""Publishing is all-or-nothing: a kill at any step of the publisher leaves
dist/ the old complete set or the new one; ``clean`` waits on the same lock
as a build; a corrupt, truncated or foreign cache file is discarded with a
warning and rebuilt; an edition without the artefact it needs fails with one
line. Small book (tests/bad_inputs/base), manuscript only: quick."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"
STEPS = ("staged", "carried", "adopted", "manifest", "swapped", "pruned")


def outputs(dist: Path) -> dict[str, bytes]:
    """The published set: every file but the build's own (report.html holds
    timings, so only its presence is compared)."""
    out = {}
    for p in sorted(dist.rglob("*")):
        rel = p.relative_to(dist)
        if p.is_file() and rel.parts[0] not in (".cache", ".lock"):
            out[str(rel)] = b"" if p.name == "report.html" else p.read_bytes()
    return out


def build(book: Path, dist: Path, hook: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PRESSROOM_TEST_HOOK"}
    if hook:
        env["PRESSROOM_TEST_HOOK"] = hook
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "manuscript", "--book",
                           str(book), "--dist", str(dist), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """The old set (the small book) and the new one (after an edit), each
    built into a dist of its own without interruption."""
    tmp = tmp_path_factory.mktemp("sets")
    shutil.copytree(BASE, tmp / "manuscript")
    book = tmp / "manuscript" / "book.yaml"
    assert build(book, tmp / "old").returncode == 0
    old = outputs(tmp / "old")
    edit(tmp / "manuscript")
    assert build(book, tmp / "new").returncode == 0
    new = outputs(tmp / "new")
    assert old != new and "report.html" in old and "report.html" in new
    return old, new


def edit(manuscript: Path) -> None:
    src = manuscript / "sources" / "alpha.txt"
    src.write_text(src.read_text() + "\nA paragraph added by the publishing test.\n")


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_leaves_the_old_or_the_new_complete_set(tmp_path, sets, step):
    old, new = sets
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert build(book, dist).returncode == 0
    edit(tmp_path / "manuscript")
    killed = build(book, dist, hook=f"kill:{step}")
    assert killed.returncode == 137, killed.stderr
    after = outputs(dist)
    expected = new if step in ("swapped", "pruned") else old
    assert after == expected
    again = build(book, dist)
    assert again.returncode == 0, again.stderr
    assert outputs(dist) == new
    # nothing left beside dist/ but the one version it points at
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".dist"))
    assert beside == [os.readlink(dist)]


def test_clean_waits_for_a_build_and_a_build_for_clean(tmp_path, sets):
    old, new = sets
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert build(book, dist).returncode == 0
    edit(tmp_path / "manuscript")
    signals = tmp_path / "signals"
    signals.mkdir()
    env = dict(os.environ, PRESSROOM_TEST_HOOK=f"pause:manifest:{signals}")
    running = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "manuscript", "--book",
                                str(book), "--dist", str(dist), "--quiet"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (signals / "paused").exists():
            assert running.poll() is None and time.monotonic() < deadline, "build did not pause"
            time.sleep(0.05)
        # the build holds the lock, its new set staged: clean must not run
        cleaned = run_build("clean", "--dist", str(dist))
        assert cleaned.returncode == 75, cleaned.stderr
        assert "another build" in cleaned.stderr
        assert outputs(dist) == old
        # ... nor a second build
        second = build(book, dist)
        assert second.returncode == 75
    finally:
        (signals / "go").write_text("")
        _, err = running.communicate(timeout=120)
    assert running.returncode == 0, err
    assert outputs(dist) == new
    assert run_build("clean", "--dist", str(dist)).returncode == 0
    assert not dist.exists() and not dist.is_symlink()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")]


def _corrupt_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))


def _corrupt_version(path: Path) -> None:
    head, _, rest = path.read_bytes().partition(b"\n")
    magic, _, digest = head.split(b" ")
    path.write_bytes(b"%s 999 %s\n%s" % (magic, digest, rest))


def _corrupt_garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x04not json, not a pickle")


@pytest.mark.parametrize("pattern,damage", [
    ("book-*.pickle", _corrupt_truncate),
    ("book-*.pickle", _corrupt_version),
    ("chapters/alpha-*.pickle", _corrupt_flip),
    ("chapters/beta-*.pickle", _corrupt_garbage),
    ("book-*.json", _corrupt_garbage),
    ("manifest.json", _corrupt_truncate),
], ids=["book-truncated", "book-other-version", "chapter-flipped", "chapter-garbage",
        "book-record-garbage", "manifest-truncated"])
def test_a_damaged_cache_file_is_discarded_and_rebuilt(tmp_path, pattern, damage):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert build(book, dist).returncode == 0
    good = outputs(dist)
    target, = (dist / ".cache").glob(pattern)
    damage(target)
    if "chapters" in pattern:       # a chapter is read only when the Book is rebuilt:
        gl = tmp_path / "manuscript" / "glossary.yaml"     # an edit that keeps the chapters
        gl.write_text(gl.read_text().replace("A council of delegates", "A council of elected delegates"))
        fresh = tmp_path / "fresh"
        assert build(book, fresh).returncode == 0
        good = outputs(fresh)
    proc = build(book, dist)
    assert proc.returncode == 0, proc.stderr
    assert f"cache file {target.name} discarded" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert outputs(dist) == good


def test_the_pdf_artefact_is_json(tmp_path):
    import json
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    proc = run_build("pdf", "--book", str(book), "--dist", str(dist), "--quiet")
    assert proc.returncode == 0, proc.stderr
    saved, = (dist / ".cache").glob("pdf-*.artefacts.json")
    pagemap = json.loads(saved.read_text())["artefacts"]["pagemap"]
    assert pagemap and all(set(e) == {"page", "id", "offset"} for e in pagemap)
    assert not list((dist / ".cache").rglob("*.artefacts.pickle"))


@pytest.mark.parametrize("builder", ["epub", "print"])
def test_an_edition_without_what_it_needs_fails_with_one_line(tmp_path, builder):
    from pressroom.builders import BUILDERS, BuildContext, Inputs
    from pressroom.errors import UserError
    from pressroom.pipeline import build_book
    from pressroom.settings.config import load_book
    book = build_book(load_book(BASE / "book.yaml"))
    ctx = BuildContext(build_date="2026-01-01", out=tmp_path, state_dir=tmp_path)
    with pytest.raises(UserError) as err:
        BUILDERS[builder].build(book, ctx, Inputs())
    assert "\n" not in str(err.value) and "pdf" in str(err.value)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.epub"))

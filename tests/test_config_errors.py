"""A broken book.yaml gives one clear line naming file and key, exit 2."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_build


@pytest.fixture
def project(tmp_path):
    """A scratch copy of manuscript/ to break."""
    shutil.copytree(ROOT / "manuscript", tmp_path / "manuscript")
    return tmp_path / "manuscript"


def _break(book_yaml, old, new):
    text = book_yaml.read_text(encoding="utf-8")
    assert old in text
    book_yaml.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "unknown key": ("title: ", "titel: ", r"book.yaml:\d+: unknown key 'titel'"),
    "wrong type": ("language: en", "language: [en, fr]", r"book.yaml:\d+: 'language' must be text"),
    "missing file": ("sources/legacy-of-leon-trotsky-part-1.txt",
                     "sources/no-such-text.txt",
                     r"book.yaml:\d+: source file not found: no-such-text.txt"),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_book_yaml(project, tmp_path, case):
    old, new, pattern = CASES[case]
    book_yaml = project / "book.yaml"
    _break(book_yaml, old, new)
    proc = run_build("manuscript", "--book", str(book_yaml),
                     "--dist", str(tmp_path / "dist"), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    import re
    assert re.search(pattern, lines[0]), lines[0]
    assert not (tmp_path / "dist").exists()

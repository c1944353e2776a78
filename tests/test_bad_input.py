"""The bad-input corpus (tests/bad_inputs/cases.yaml): every case gives one
clear line naming the file (and line) and what to do, never a traceback,
and a non-zero exit when the book cannot be built correctly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CORPUS = Path(__file__).parent / "bad_inputs"
CASES: dict = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


def make_case(case: dict, tmp: Path) -> tuple[Path, Path]:
    """A copy of base/ (and of the project, if the case breaks it) with the
    case's edits applied. Returns (build.py, book.yaml)."""
    edit = case.get("edit", {})
    project = ROOT
    if "project_delete" in edit:
        project = tmp / "project"
        project.mkdir()
        for part in ("pressroom", "templates", "styles", "build.py"):
            src = ROOT / part
            (shutil.copytree(src, project / part,
                             ignore=shutil.ignore_patterns("__pycache__"))
             if src.is_dir() else shutil.copy(src, project / part))
        for rel in edit["project_delete"]:
            target = project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    book = tmp / "manuscript"
    shutil.copytree(CORPUS / "base", book)
    for rel, text in (edit.get("write") or {}).items():
        (book / rel).write_text(text, encoding="utf-8")
    for rel, text in (edit.get("bytes") or {}).items():
        (book / rel).write_bytes(text.encode("latin-1"))
    for rel, size in (edit.get("long_line") or {}).items():
        (book / rel).write_bytes(b"x" * size + b"\n")
    for rel, old, new in edit.get("replace") or []:
        text = (book / rel).read_text(encoding="utf-8")
        assert old in text, f"{rel}: {old!r} not in base"
        (book / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel in edit.get("delete") or []:
        (book / rel).unlink()
    return project / "build.py", book / "book.yaml"


def params():
    for name, case in CASES.items():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
        yield pytest.param(name, id=name.replace(" ", "-"), marks=marks)


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(params()))
def test_bad_input(name, tmp_path):
    case = CASES[name]
    build_py, book_yaml = make_case(case, tmp_path)
    args = case.get("args") or [case.get("target", "check")]
    proc = subprocess.run(
        [sys.executable, str(build_py), *args, "--book", str(book_yaml),
         "--dist", str(tmp_path / "dist"), "--quiet"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    err = proc.stderr
    assert "Traceback" not in err, err[-3000:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if case["exit"] == "error":
        assert proc.returncode != 0, f"exit 0; stderr: {err[-2000:]}"
        assert len(lines) == 1, f"not one line:\n{err[-2000:]}"
        assert lines[0].startswith("error: ")
        assert re.search(case["expect"], lines[0]), lines[0]
    else:
        assert proc.returncode == 0, err[-2000:]
        assert lines and all(ln.startswith("warning: ") for ln in lines), err[-2000:]
        assert any(re.search(case["expect"], ln) for ln in lines), "\n".join(lines)
        out = (tmp_path / "dist").glob("*.md")
        for md in out:
            text = md.read_text(encoding="utf-8")
            for bad in ("<script", "<iframe", "evil.example", "/etc/passwd",
                        "javascript:", "onclick", "@import"):
                assert bad not in text, f"{bad} survived in {md.name}"

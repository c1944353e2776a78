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
        for part in ("pressroom", "build.py"):
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
    for rel, target in (edit.get("symlink") or {}).items():
        (book / rel).symlink_to(target)
    return project / "build.py", book / "book.yaml"


def params():
    for name, case in CASES.items():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
        yield pytest.param(name, id=name.replace(" ", "-"), marks=marks)


def test_corpus_is_large_enough():
    assert len(CASES) >= 80


UNSAFE = re.compile(r"<script|javascript:|vbscript:|<iframe|\son[a-z]+\s*=|/etc/passwd|"
                    r"evil\.example|@import", re.I)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, but the build lock (an empty file the lock
    module owns: taking it is not a change to the outputs)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"
            and ".cache" not in p.relative_to(folder).parts}


def assert_outputs_safe(dist: Path) -> None:
    """No output holds script, an event handler or a bad URL (the cache's
    intermediate files, such as the sections' kept HTML, are not outputs)."""
    import zipfile
    for out in dist.rglob("*"):
        if ".cache" in out.relative_to(dist).parts:
            continue
        if out.suffix == ".html":          # the report quotes warnings: parse it
            from lxml import html as lxml_html
            from test_sanitize_outputs import assert_no_active_content
            assert_no_active_content(lxml_html.parse(str(out)).getroot(), out.name)
            continue
        if out.suffix == ".md":
            texts = {out.name: out.read_text(encoding="utf-8")}
        elif out.suffix == ".epub":
            with zipfile.ZipFile(out) as z:
                texts = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()
                         if n.endswith((".xhtml", ".opf", ".ncx"))}
        elif out.suffix == ".pdf":
            raw = out.read_bytes()
            assert b"/JavaScript" not in raw and b"javascript:" not in raw.lower(), out.name
            continue
        else:
            continue
        for name, text in texts.items():
            m = UNSAFE.search(text)
            assert not m, f"{m.group(0)!r} in {out.name}:{name}"


@pytest.mark.parametrize("name", list(params()))
def test_bad_input(name, tmp_path):
    case = CASES[name]
    build_py, book_yaml = make_case(case, tmp_path)
    args = case.get("args") or [case.get("target", "check")]
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "previous-build.txt").write_text("the last good build\n", encoding="utf-8")
    before = snapshot(dist)
    proc = subprocess.run(
        [sys.executable, str(build_py), *args, "--book", str(book_yaml),
         "--dist", str(dist), "--quiet"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    err = proc.stderr
    assert "Traceback" not in err, err[-3000:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if case["exit"] == "error":
        assert proc.returncode != 0, f"exit 0; stderr: {err[-2000:]}"
        assert len(lines) == 1, f"not one line:\n{err[-2000:]}"
        assert lines[0].startswith("error: ")
        assert re.search(case["expect"], lines[0]), lines[0]
        assert snapshot(dist) == before, "dist/ changed by a failed build"
    else:
        assert proc.returncode == 0, err[-2000:]
        assert all(ln.startswith("warning: ") for ln in lines), err[-2000:]
        if case.get("expect"):
            assert any(re.search(case["expect"], ln) for ln in lines), "\n".join(lines)
        else:
            assert not lines, "\n".join(lines)
        if case.get("expect_md"):
            md = next(dist.glob("*.md")).read_text(encoding="utf-8")
            assert re.search(case["expect_md"], md), md[-2000:]
    assert_outputs_safe(dist)

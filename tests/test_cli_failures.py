"""The machine says no: a full disk, a read-only or forbidden dist/, a
--dist that is a file, a -o that is a folder. Each ends in one line on
stderr and a non-zero exit, never a traceback, and the last good build in
dist/ stays as it was.

The disk failures are injected in-process (``os.replace``, the call that
publishes every output, raises the errno), so the test needs no mount.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"


def _snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".lock" and ".cache" not in p.relative_to(folder).parts}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_disk_refuses_the_write(tmp_path, monkeypatch, capsys, code):
    from pressroom import cli
    book = tmp_path / "m"
    shutil.copytree(BASE, book)
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "previous.txt").write_text("last good build", encoding="utf-8")
    before = _snapshot(dist)

    def refuse(src, dst, *a, **k):
        raise OSError(code, os.strerror(code), str(dst))
    monkeypatch.setattr(os, "replace", refuse)
    rc = cli.main(["manuscript", "--book", str(book / "book.yaml"), "--dist", str(dist),
                   "--jobs", "1", "--quiet"])
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert rc == 1
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert f"cannot write: {os.strerror(code)}" in lines[0]
    assert _snapshot(dist) == before


def run(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def test_dist_naming_a_file(tmp_path):
    target = tmp_path / "notafolder"
    target.write_text("keep me", encoding="utf-8")
    proc = run("manuscript", "--book", str(BASE / "book.yaml"), "--dist", str(target),
               "--quiet", cwd=tmp_path)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: --dist names a file, not a folder: {target} "
        "(give a folder (it is created if missing))"]
    assert target.read_text(encoding="utf-8") == "keep me"


def test_normalise_output_naming_a_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = run("normalise", str(BASE / "sources" / "gamma.md"), "-o", str(out), cwd=tmp_path)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: -o names a folder, not a file")
    assert list(out.iterdir()) == []

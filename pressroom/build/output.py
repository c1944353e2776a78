"""Safe output: write to a temporary file beside the target, then rename.

A failed or interrupted build therefore never leaves a half-written file
in dist/; the previous output stays as it was. The command builds every
edition into a staging folder and ``publish``-es them together only when all
have succeeded.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path; on success it replaces ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                               dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write_bytes(target, text.encode("utf-8"))




def publish(staging: Path, dist: Path, files: list[str]) -> None:
    """Move the staged outputs (paths relative to ``staging``) into dist/.

    Called only once every edition has built, so a failed build changes
    nothing in dist/. Each move is an atomic rename on the same filesystem."""
    for rel in files:
        src, dst = Path(staging) / rel, Path(dist) / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)


def remove_tree(path: Path) -> None:
    import shutil
    shutil.rmtree(path, ignore_errors=True)

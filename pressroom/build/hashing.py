"""Content hashes for the build cache (build/cache.py): a file's sha256, read
once per build (FileHashes), one hash over a set of files, and the files of
a folder that count (no hidden files, no bytecode)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class FileHashes(dict):
    """The sha256 of each file, read once per build: one object per build,
    passed to the key functions (the builders share code, styles and fonts),
    with each folder's listing, also made once per build."""

    def __init__(self):
        super().__init__()
        self.listings: dict[tuple[Path, str], list[Path]] = {}      # by (root, pattern)

    def of(self, path: Path) -> str:
        if path not in self:
            self[path] = sha256_file(path) if path.is_file() else "missing"
        return self[path]

    def files(self, root: Path, pattern: str) -> list[Path]:
        if (root, pattern) not in self.listings:
            self.listings[(root, pattern)] = visible_files(root, pattern)
        return self.listings[(root, pattern)]


def hash_files(paths, base: Path | None = None, hashes: FileHashes | None = None) -> str:
    """One hash over the names and contents of ``paths`` (order-free)."""
    hashes = FileHashes() if hashes is None else hashes
    h = hashlib.sha256()
    for p in sorted({Path(p) for p in paths}, key=str):
        name = str(p.relative_to(base)) if base and p.is_relative_to(base) else str(p)
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashes.of(p).encode() + b"\0")
    return h.hexdigest()


def hash_text(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def visible_files(root: Path, pattern: str = "**/*") -> list[Path]:
    out = []
    for p in root.glob(pattern):
        rel = p.relative_to(root).parts
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                   for part in rel) and p.suffix != ".pyc":
            out.append(p)
    return out

"""The build cache: content hashes decide what needs building again.

It lives in ``<dist>/.cache/`` (so a build into a fresh ``--dist`` never
sees another tree's cache) and holds:

- ``book-<key>.pickle``: the normalised Book, keyed by the hash of every
  input of the pipeline (book.yaml, sources, sidecars, front matter,
  glossary, index, pressroom's code, the build date), with
  ``book-<key>.json`` beside it: a hash of each part of the Book
  (config, front, chapters, glossary, index);
- ``<target>-<key>.artefacts.pickle``: what a target provides to the next
  (the PDF's page map for the EPUB), keyed by that target's key;
- ``manifest.json``: for each target, the key its outputs were built with
  and each output's sha256, size and page count.

A target's key hashes the parts of the Book it uses, the project files it
depends on (templates, styles, fonts), pressroom's code, the build date and
the keys of the targets it needs. A target whose key and outputs match the
manifest is skipped: a no-op build reads YAML and hashes files, nothing more.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from pressroom.build.output import atomic_write_bytes, atomic_write_text
from pressroom.paths import CODE, PROJECT

FORMAT = 1          # bump when the cache layout changes


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def hash_files(paths, base: Path | None = None) -> str:
    """One hash over the names and contents of ``paths`` (order-free)."""
    h = hashlib.sha256()
    for p in sorted({Path(p) for p in paths}, key=str):
        name = str(p.relative_to(base)) if base and p.is_relative_to(base) else str(p)
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        h.update((sha256_file(p) if p.is_file() else "missing").encode() + b"\0")
    return h.hexdigest()


def hash_text(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _visible_files(root: Path, pattern: str = "**/*") -> list[Path]:
    out = []
    for p in root.glob(pattern):
        rel = p.relative_to(root).parts
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                   for part in rel) and p.suffix != ".pyc":
            out.append(p)
    return out


@lru_cache(maxsize=None)
def code_hash(exclude_writers: bool = False) -> str:
    files = [p for p in _visible_files(CODE, "**/*.py")
             if not (exclude_writers and "builders" in p.relative_to(CODE).parts)]
    return hash_files(files, PROJECT)


@lru_cache(maxsize=None)
def project_files_hash(patterns: tuple[str, ...]) -> str:
    files: set[Path] = set()
    for pat in patterns:
        files.update(_visible_files(PROJECT, pat))
    return hash_text(",".join(patterns), hash_files(files, PROJECT))


def book_inputs(config) -> list[Path]:
    """Every file the pipeline reads: the manuscript folder and what
    book.yaml points to (which may lie outside it)."""
    files = set(_visible_files(config.root))
    files.add(config.path)
    for src in config.sources:
        files.update((src.path, src.sidecar_path))
    files.update(config.front_matter)
    files.update((config.glossary_path, config.index_path))
    return sorted(files, key=str)


def book_key(config) -> str:
    return hash_text(f"format {FORMAT}", "book", config.build_date,
                     hash_files(book_inputs(config)), code_hash(exclude_writers=True))


# -- canonical form, for hashing parts of the Book ---------------------------

def canonical(obj: Any, _depth: int = 0) -> Any:
    """A JSON-able, order-stable image of ``obj`` (sets sorted, dataclasses
    and plain objects as dicts), so equal content gives equal hashes across
    processes whatever the hash seed."""
    if _depth > 60:
        return repr(obj)
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, dict):
        return {str(k): canonical(v, _depth + 1) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    if isinstance(obj, (list, tuple)):
        return [canonical(v, _depth + 1) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((canonical(v, _depth + 1) for v in obj), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"@": type(obj).__name__, **{f.name: canonical(getattr(obj, f.name), _depth + 1)
                                            for f in dataclasses.fields(obj)}}
    if hasattr(obj, "__dict__"):
        return {"@": type(obj).__name__, **canonical(vars(obj), _depth + 1)}
    return repr(obj)


def _part_hash(value: Any) -> str:
    return hash_text(json.dumps(canonical(value), sort_keys=True, ensure_ascii=False, default=str))


def book_part_hashes(book) -> dict[str, str]:
    return {
        "config": _part_hash({"data": book.config.data, "date": book.config.build_date}),
        "front": _part_hash([(s.id, s.title, s.kind, s.blocks) for s in book.front]),
        "chapters": _part_hash([(s.id, s.title, s.kind, s.meta, s.blocks) for s in book.chapters]),
        "glossary": _part_hash(book.glossary),
        "index": _part_hash(book.index),
    }


class Cache:
    """The cache folder of one dist/ (see the module docstring)."""

    def __init__(self, dist: Path):
        self.dir = Path(dist) / ".cache"
        self.manifest_path = self.dir / "manifest.json"

    # -- the Book --
    def book_path(self, key: str) -> Path:
        return self.dir / f"book-{key[:24]}.pickle"

    def load_meta(self, key: str) -> dict | None:
        """{"parts": {part: hash}, "warnings": [...]} of the cached Book."""
        meta = self.dir / f"book-{key[:24]}.json"
        if not (meta.is_file() and self.book_path(key).is_file()):
            return None
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            return data if data.get("key") == key else None
        except ValueError:
            return None

    def load_book(self, key: str):
        try:
            with open(self.book_path(key), "rb") as f:
                return pickle.load(f)
        except Exception:       # a stale or truncated cache is just a miss
            return None

    def save_book(self, key: str, book, parts: dict[str, str]) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        for old in self.dir.glob("book-*"):
            if not old.name.startswith(f"book-{key[:24]}."):
                old.unlink(missing_ok=True)
        atomic_write_bytes(self.book_path(key), pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL))
        atomic_write_text(self.dir / f"book-{key[:24]}.json",
                          json.dumps({"key": key, "parts": parts,
                                      "warnings": list(book.warnings)}, indent=1))
        return self.book_path(key)

    # -- artefacts passed between targets --
    def artefacts_path(self, target: str, key: str) -> Path:
        return self.dir / f"{target}-{key[:24]}.artefacts.pickle"

    def load_artefacts(self, target: str, key: str) -> dict | None:
        path = self.artefacts_path(target, key)
        if not path.is_file():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:
            return None

    def save_artefacts(self, target: str, key: str, artefacts: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for old in self.dir.glob(f"{target}-*.artefacts.pickle"):
            old.unlink(missing_ok=True)
        atomic_write_bytes(self.artefacts_path(target, key), pickle.dumps(artefacts))

    # -- the manifest of built outputs --
    def manifest(self) -> dict:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return data if data.get("format") == FORMAT else {"format": FORMAT, "targets": {}}
        except (OSError, ValueError):
            return {"format": FORMAT, "targets": {}}

    def save_manifest(self, manifest: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.manifest_path, json.dumps(manifest, indent=1, sort_keys=True))


def target_key(target, parts: dict[str, str], dep_keys: dict[str, str], build_date: str) -> str:
    return hash_text(f"format {FORMAT}", "target", target.name, target.writer, build_date,
                     *(f"{p}={parts.get(p, '')}" for p in target.uses),
                     project_files_hash(target.files) if target.files else "",
                     code_hash(),
                     *(f"{d}={dep_keys[d]}" for d in sorted(dep_keys)),
                     os.environ.get("SOURCE_DATE_EPOCH", ""))


def outputs_current(dist: Path, entry: dict | None, key: str) -> bool:
    """Are the outputs the manifest records for this key all in dist/, unchanged?"""
    if not entry or entry.get("key") != key or not entry.get("outputs"):
        return False
    for rel, info in entry["outputs"].items():
        path = Path(dist) / rel
        try:
            st = path.stat()
        except OSError:
            return False
        if st.st_size != info["size"] or (st.st_mtime_ns != info.get("mtime_ns")
                                          and sha256_file(path) != info["sha256"]):
            return False
    return True

"""Content hashes for the build cache (build/cache.py): a file's sha256, read
once per build (FileHashes), one hash over a set of files, the files of a
folder that count (no hidden files, no bytecode), and the hash of each part
of the Book (``book_part_hashes``, over a canonical form of its content)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any


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
    if isinstance(getattr(obj, "__dict__", None), dict):      # not a class's mappingproxy
        fields = canonical(vars(obj), _depth + 1)
        return {"@": type(obj).__name__, **fields} if isinstance(fields, dict) else fields
    return repr(obj)


def _json_form(obj: Any) -> Any:
    """``canonical``'s image of a value JSON has no form for (a path, a set,
    a dataclass, an object), one level deep: json's encoder, which asks
    for it, encodes the contents (test_cache_unit checks the two agree)."""
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted((canonical(v) for v in obj), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"@": type(obj).__name__, **{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    if isinstance(getattr(obj, "__dict__", None), dict):      # not a class's mappingproxy
        return {"@": type(obj).__name__, **vars(obj)}
    return repr(obj)


def _part_hash(value: Any) -> str:
    """The hash of ``canonical(value)``. The Book's parts are mostly pandoc's
    JSON already, so json's own encoder walks them (in C: 0.1 s for this
    book's parts against 0.7 s for canonical's walk in Python), asking
    ``_json_form`` for the rest; a value it cannot order (keys of mixed
    types, a loop) is hashed through ``canonical``."""
    try:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_form)
    except (TypeError, ValueError, RecursionError):
        text = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False, default=str)
    return hash_text(text)


def _hash_in_pieces(value: Any, depth: int = 2) -> str:
    """A hash of ``value`` made ``depth`` levels down a piece at a time (a
    list's items, a dict's sorted keys, an object's fields), each piece by
    ``_part_hash``: one piece's JSON in memory at a time. In one piece, the
    10x book's chapters took the main process up by 370 MB and its index
    (its entries three times over: two lookup tables) by 380 MB."""
    if depth > 0:
        if isinstance(value, (list, tuple)):
            return hash_text("list", *(_hash_in_pieces(v, depth - 1) for v in value))
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return hash_text("dict", *(f"{k}={_hash_in_pieces(value[k], depth - 1)}"
                                       for k in sorted(value)))
        form = _json_form(value) if not isinstance(value, (str, int, float)) else None
        if isinstance(form, dict):          # a dataclass or an object: its type and fields
            return _hash_in_pieces(form, depth)
    return _part_hash(value)


def book_part_hashes(book, build_date: str) -> dict[str, str]:
    return {
        "config": _part_hash({"data": book.config.data, "date": build_date}),
        "front": _hash_in_pieces([(s.id, s.title, s.kind, s.blocks) for s in book.front]),
        "chapters": _hash_in_pieces([(s.id, s.title, s.kind, s.meta, s.blocks)
                                     for s in book.chapters], depth=1),
        "glossary": _hash_in_pieces(book.glossary),
        "index": _hash_in_pieces(book.index),
    }

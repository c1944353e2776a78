"""The build cache: content hashes decide what needs building again.

It lives in ``<dist>/.cache/`` (so a build into a fresh ``--dist`` never
sees another tree's cache) and holds:

- ``book-<key>.pickle``: the normalised Book, for the worker processes,
  keyed by the hash of every input of the pipeline (book.yaml, sources,
  sidecars, front matter, glossary, index, the pipeline's code, the build
  date), with ``book-<key>.json`` beside it: a hash of each part of the Book
  (config, front, chapters, glossary, index) and the Book's warnings;
- ``chapters/<id>-<key>.pickle``: each normalised chapter (build/chapters.py);
- ``<builder>-<key>.artefacts.json``: what a builder provides to the next
  (the PDF's page map for the EPUB), keyed by that builder's key;
- ``manifest.json``: for each builder, the key its outputs were built with
  and each output's sha256, size and page count;
- ``state/<builder>/``: a builder's own memory between builds.

A builder's key hashes the parts of the Book it uses, the package files it
depends on (templates, styles, fonts) and the book's theme files of the same
names, its own code (``Builder.code_paths``),
the build date and the keys of the builders it needs. A builder whose key and
outputs match the manifest is skipped: a no-op build reads YAML and hashes
files, nothing more.

Every pickle is written behind a header (format version and the payload's
sha256) and read back only when both match; a cache file that is corrupt,
truncated or of another version is discarded with a warning and rebuilt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from pressroom.build.output import atomic_write_text
from pressroom.paths import CODE, PACKAGE, PROJECT

from pressroom.build.hashing import (FileHashes, hash_files, hash_text,  # noqa: F401  (re-exported)
                                     sha256_file, visible_files)
from pressroom.build.hashing import (_hash_in_pieces, _json_form, _part_hash,  # noqa: F401  (re-exported)
                                     book_part_hashes, canonical)
from pressroom.build.pickles import FORMAT, CacheCorrupt, load_pickle, verify_pickle, write_pickle
from pressroom.settings.labels import FOLDER as LABELS

# The code the Book depends on (the chapter and book keys): everything the
# pipeline runs, none of the builders or of the command.
BOOK_CODE = ("pipeline.py", "readers/", "transforms/", "doctree/", "references/",
             "settings/", "errors.py", "paths.py")


def code_files(paths: tuple[str, ...], hashes: FileHashes | None = None) -> list[Path]:
    """pressroom's .py files under ``paths`` (relative to pressroom/; a
    folder ends with "/")."""
    listing, files = hashes.files if hashes is not None else visible_files, set()
    for rel in paths:
        if rel.endswith("/"):
            files.update(listing(CODE / rel, "**/*.py"))
        else:
            files.add(CODE / rel)
    return sorted(files)


def code_hash(paths: tuple[str, ...], hashes: FileHashes | None = None) -> str:
    return hash_text(",".join(sorted(paths)), hash_files(code_files(paths, hashes), PROJECT, hashes))


def project_files_hash(patterns: tuple[str, ...], hashes: FileHashes | None = None,
                       theme: Path | None = None) -> str:
    """The package data ``patterns`` match (``templates/pdf/**/*``), and the
    files of the same names in a book's ``theme`` folder, which override them."""
    listing = hashes.files if hashes is not None else visible_files
    files = {p for pat in patterns for p in listing(PACKAGE, pat)}
    themed = {p for pat in patterns for p in listing(theme, pat)} if theme else set()
    return hash_text(",".join(patterns), hash_files(files, PACKAGE, hashes),
                     hash_files(themed, theme, hashes) if themed else "")


# A book's folders that are no input of the pipeline: its outputs, its theme.
NOT_BOOK_INPUTS = ("dist", "theme")


def book_inputs(config) -> list[Path]:
    """Every file the pipeline reads: the manuscript folder (but its dist/
    and theme/), what book.yaml points to (which may lie outside it) and
    the labels files."""
    files = {p for p in visible_files(config.root)
             if p.relative_to(config.root).parts[0] not in NOT_BOOK_INPUTS}
    files.add(config.path)
    for src in config.sources:
        files.update((src.path, src.sidecar_path))
    files.update(config.front_matter)
    files.update((config.glossary_path, config.index_path))
    files.update(LABELS.glob("*.yaml"))     # quotation marks and editor's notes by language
    return sorted(files, key=str)


def book_key(config, build_date: str, hashes: FileHashes | None = None) -> str:
    return hash_text(f"format {FORMAT}", "book", build_date,
                     hash_files(book_inputs(config), None, hashes), code_hash(BOOK_CODE, hashes))


def target_key(builder, parts: dict[str, str], dep_keys: dict[str, str], build_date: str,
               hashes: FileHashes | None = None, theme: Path | None = None) -> str:
    """A builder's key: what it declares it reads (its files: pressroom's
    and the book's ``theme`` overrides of them), and nothing else."""
    return hash_text(f"format {FORMAT}", "target", builder.name, builder.package, build_date,
                     *(f"{p}={parts.get(p, '')}" for p in builder.uses),
                     project_files_hash(builder.files, hashes, theme) if builder.files else "",
                     code_hash(builder.code_paths, hashes),
                     *(f"{d}={dep_keys[d]}" for d in sorted(dep_keys)))


class Cache:
    """The cache folder of one dist/ (see the module docstring). ``warn``
    receives one line for each cache file discarded as untrustworthy."""

    def __init__(self, dist: Path, warn: Callable[[str], None] = lambda message: None):
        self.dir = Path(dist) / ".cache"
        self.manifest_path = self.dir / "manifest.json"
        self.warn = warn

    def discard(self, path: Path, reason: str) -> None:
        self.warn(f"cache file {path.name} discarded: {reason}; rebuilding")
        Path(path).unlink(missing_ok=True)

    def _read_json(self, path: Path) -> dict | None:
        """A JSON cache file of this format, or None (missing: silently;
        corrupt or of another version: discarded with a warning)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, UnicodeDecodeError):
            self.discard(path, "not valid JSON (truncated or corrupt)")
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.discard(path, f"not cache format {FORMAT}")
            return None
        return data

    def _write_json(self, path: Path, data: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps({**data, "format": FORMAT}, indent=1, sort_keys=True))

    # -- the Book --
    def book_path(self, key: str) -> Path:
        return self.dir / f"book-{key[:24]}.pickle"

    def load_meta(self, key: str) -> dict | None:
        """{"parts": {part: hash}, "warnings": [...]} of the cached Book, if
        both the record and a sound Book pickle are there."""
        meta = self.dir / f"book-{key[:24]}.json"
        if not (meta.is_file() and self.book_path(key).is_file()):
            return None
        data = self._read_json(meta)
        if data is None or data.get("key") != key:
            return None
        try:
            verify_pickle(self.book_path(key))
        except CacheCorrupt as err:
            self.discard(self.book_path(key), str(err))
            return None
        return data

    def load_book(self, key: str):
        try:
            return load_pickle(self.book_path(key))
        except CacheCorrupt as err:
            self.discard(self.book_path(key), str(err))
            return None

    def save_book(self, key: str, book, parts: dict[str, str]) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        for old in self.dir.glob("book-*"):
            if not old.name.startswith(f"book-{key[:24]}."):
                old.unlink(missing_ok=True)
        write_pickle(self.book_path(key), book)
        self._write_json(self.dir / f"book-{key[:24]}.json",
                         {"key": key, "parts": parts, "warnings": list(book.warnings)})
        return self.book_path(key)

    # -- artefacts passed between builders (JSON data) --
    def artefacts_path(self, builder: str, key: str) -> Path:
        return self.dir / f"{builder}-{key[:24]}.artefacts.json"

    def load_artefacts(self, builder: str, key: str) -> dict | None:
        path = self.artefacts_path(builder, key)
        data = self._read_json(path)
        if data is None or data.get("key") != key or not isinstance(data.get("artefacts"), dict):
            return None
        return data["artefacts"]

    def save_artefacts(self, builder: str, key: str, artefacts: dict) -> None:
        for old in self.dir.glob(f"{builder}-*.artefacts.*"):
            old.unlink(missing_ok=True)
        self._write_json(self.artefacts_path(builder, key), {"key": key, "artefacts": artefacts})

    # -- the manifest of built outputs --
    def manifest(self) -> dict:
        data = self._read_json(self.manifest_path)
        if data is None or not isinstance(data.get("targets"), dict):
            return {"format": FORMAT, "targets": {}}
        return data

    def save_manifest(self, manifest: dict) -> None:
        self._write_json(self.manifest_path, manifest)


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

"""Normalising the chapters: from the chapter cache, the rest in parallel.

``pipeline.build_book`` calls ``normalise_sources(config)`` for the
chapters. Each chapter is independent until the book transforms (glossary
and index marking) run, so:

- a chapter whose inputs (its source, its sidecar, book.yaml, pressroom's
  non-writer code, the build date) are unchanged comes from
  ``<dist>/.cache/chapters/`` (a one-chapter edit re-normalises one chapter);
- the others run in parallel processes (``--jobs``).

The command turns this on with ``configure(cache_dir, jobs)``; without it
(tests calling build_book directly) every chapter is normalised in turn,
in-process, exactly as before.
"""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pressroom.build.cache import FORMAT, code_hash, hash_files, hash_text
from pressroom.build.output import atomic_write_bytes
from pressroom.settings.labels import FOLDER as LABELS

_CACHE_DIR: Path | None = None
_JOBS = 1


def configure(cache_dir: Path | None, jobs: int = 1) -> None:
    global _CACHE_DIR, _JOBS
    _CACHE_DIR = Path(cache_dir) if cache_dir else None
    _JOBS = max(1, jobs)


def chapter_key(src, config) -> str:
    return hash_text(f"format {FORMAT}", "chapter", src.id, config.build_date,
                     hash_files([src.path, src.sidecar_path, config.path,
                                 *LABELS.glob("*.yaml")]),   # the editor's notes
                     code_hash(exclude_writers=True))


def _path(src, key: str) -> Path:
    return _CACHE_DIR / "chapters" / f"{src.id}-{key[:24]}.pickle"


def _load(src, key: str):
    try:
        with open(_path(src, key), "rb") as f:
            return pickle.load(f)
    except Exception:               # missing, stale or truncated: a miss
        return None


def _save(src, key: str, result) -> None:
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:               # unpicklable: just not cached
        return
    folder = _path(src, key).parent
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{src.id}-*.pickle"):
        old.unlink(missing_ok=True)
    atomic_write_bytes(_path(src, key), data)


def normalise_sources(config) -> list[tuple]:
    """(section, ctx) for every source of the book, in book order."""
    from pressroom.pipeline import normalise
    if _CACHE_DIR is None:
        return [normalise(src, config) for src in config.sources]
    keys = {src.id: chapter_key(src, config) for src in config.sources}
    results: dict[str, tuple] = {}
    for src in config.sources:
        hit = _load(src, keys[src.id])
        if hit is not None:
            results[src.id] = hit
    todo = [src for src in config.sources if src.id not in results]
    if len(todo) > 1 and _JOBS > 1:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(_JOBS, len(todo)), mp_context=ctx) as pool:
            futures = [(src, pool.submit(normalise, src, config)) for src in todo]
            try:
                for src, fut in futures:          # first failure in book order
                    results[src.id] = fut.result()
            except BaseException:
                for _, fut in futures:
                    fut.cancel()
                raise
    else:
        for src in todo:
            results[src.id] = normalise(src, config)
    for src in todo:
        _save(src, keys[src.id], results[src.id])
    out = []
    for src in config.sources:          # re-attach this run's config objects
        section, ctx = results[src.id]
        section.source, ctx.source, ctx.config = src, src, config
        out.append((section, ctx))
    return out

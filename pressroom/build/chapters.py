"""Normalising the chapters: from the chapter cache, the rest in parallel.

``pipeline.build_book(config, chapters=ChapterCache(...))`` hands the
chapters to this object. Each chapter is independent until the book
transforms (glossary and index marking) run, so:

- a chapter whose inputs (its source, its sidecar, the pipeline's code, the
  build date) are unchanged comes from ``<dist>/.cache/chapters/`` (a
  one-chapter edit re-normalises one chapter; book.yaml is not an input:
  no reader or transform reads it, so editing ``rights:`` re-normalises
  nothing);
- the others run in parallel processes (``jobs``).

Without a ChapterCache (tests calling build_book directly) every chapter is
normalised in turn, in-process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pressroom.build.cache import BOOK_CODE, code_hash, hash_files, hash_text
from pressroom.build.pickles import FORMAT, CacheCorrupt, load_pickle, write_pickle
from pressroom.settings.labels import FOLDER as LABELS

Normalise = Callable      # pipeline.normalise: (source, config) -> (Section, Context)


def chapter_key(src, build_date: str, code: str, language: str = "") -> str:
    """``code``: ``code_hash(BOOK_CODE)``, the pipeline's code. Not book.yaml:
    no reader or transform reads it, but for ``language:``, which picks the
    labels of the editor's notes (templates/labels/)."""
    return hash_text(f"format {FORMAT}", "chapter", src.id, build_date, language,
                     hash_files([src.path, src.sidecar_path, *sorted(LABELS.glob("*.yaml"))]),
                     code)


@dataclass
class ChapterCache:
    """The chapter cache of one dist/ (``folder`` = ``<dist>/.cache/chapters``)."""
    folder: Path
    build_date: str
    jobs: int = 1
    warn: Callable[[str], None] = lambda message: None
    pool: object = None         # the build's process pool, if started (else one of its own)

    def path(self, src, key: str) -> Path:
        return self.folder / f"{src.id}-{key[:24]}.pickle"

    def load(self, src, key: str):
        path = self.path(src, key)
        if not path.is_file():
            return None
        try:
            return load_pickle(path)
        except CacheCorrupt as err:
            self.warn(f"cache file {path.name} discarded: {err}; rebuilding")
            path.unlink(missing_ok=True)
            return None

    def save(self, src, key: str, result) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{src.id}-*.pickle"):
            old.unlink(missing_ok=True)
        try:
            write_pickle(self.path(src, key), result)
        except Exception:               # unpicklable: just not cached
            return

    def normalise_sources(self, config, normalise: Normalise) -> list[tuple]:
        """(section, ctx) for every source of the book, in book order."""
        code = code_hash(BOOK_CODE)
        language = str(config.data.get("language", ""))
        keys = {src.id: chapter_key(src, self.build_date, code, language)
                for src in config.sources}
        results: dict[str, tuple] = {}
        for src in config.sources:
            hit = self.load(src, keys[src.id])
            if hit is not None:
                results[src.id] = hit
        todo = [src for src in config.sources if src.id not in results]
        results.update(self._run(todo, config, normalise))
        for src in todo:
            self.save(src, keys[src.id], results[src.id])
        out = []
        for src in config.sources:          # re-attach this run's config objects
            section, ctx = results[src.id]
            section.source, ctx.source, ctx.config = src, src, config
            out.append((section, ctx))
        return out

    def _run(self, todo: list, config, normalise: Normalise) -> dict[str, tuple]:
        if len(todo) <= 1 or self.jobs <= 1:
            return {src.id: normalise(src, config) for src in todo}
        if self.pool is not None:
            return _gather(self.pool, todo, config, normalise)
        # imported here: a no-op build starts no process
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(todo)), mp_context=ctx) as pool:
            return _gather(pool, todo, config, normalise)


def _gather(pool, todo: list, config, normalise: Normalise) -> dict[str, tuple]:
    """Every source of ``todo`` normalised in ``pool``; the first failure in
    book order raised, the rest cancelled."""
    results = {}
    futures = [(src, pool.submit(normalise, src, config)) for src in todo]
    try:
        for src, fut in futures:
            results[src.id] = fut.result()
    except BaseException:
        for _, fut in futures:
            fut.cancel()
        raise
    return results

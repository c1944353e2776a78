"""Running the editions: in parallel processes, in dependency order.

The publisher (publisher.py) decides which builders are stale (cache.py)
and hands them here with the path of the cached Book. Each builder runs in
a worker process (``--jobs`` at a time, shared out by schedule.py; a
builder of tasks, the packets, as many small jobs), loads the Book from its
checked pickle, receives what the builders it needs produced (``Inputs``:
their files and artefacts) and a context of its own (``BuildContext``), and
writes into the staging folder. Nothing here touches dist/ itself: the
publisher publishes the staged set once every builder has succeeded.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from pressroom.build.cache import sha256_file
from pressroom.build.pickles import CacheCorrupt, load_pickle
from pressroom.build.schedule import Schedule, Work, process_pool
from pressroom.builders import BUILDERS, BuildContext, Inputs


def count_pages(path: Path) -> int | None:
    if path.suffix.lower() != ".pdf":
        return None
    try:
        import pypdfium2 as pdfium
        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except ImportError:
        from pypdf import PdfReader
        return len(PdfReader(path).pages)


def build_one(name: str, book_path: Path, ctx: BuildContext, cache_dir: Path,
              inputs: Inputs) -> dict:
    """Build one edition (in a worker process). Returns what the publisher
    needs to publish it and record it in the cache manifest."""
    t0 = time.perf_counter()
    # A builder gets a Book of its own (it may change it), so the one this
    # worker keeps for tasks is let go first: two Books at once took the
    # 10x print edition's worker to 1.7 GB. A task after reloads it.
    _book_at.cache_clear()
    book = _load(book_path)
    seen_warnings = len(book.warnings)
    with _collector_leaves_alone():
        result = BUILDERS[name].build(book, ctx.for_builder(name, cache_dir), inputs)
    return _outcome(name, result, ctx, book.warnings[seen_warnings:], time.perf_counter() - t0)


def tasks_of(name: str, book_path: Path, ctx: BuildContext, cache_dir: Path) -> list:
    """The tasks of a builder of tasks (in a worker process)."""
    return BUILDERS[name].module.tasks(_shared_book(book_path),
                                       ctx.for_builder(name, cache_dir))


def run_task(name: str, book_path: Path, ctx: BuildContext, cache_dir: Path, task) -> tuple:
    """One task (in a worker process): (task, what it returned)."""
    book = _shared_book(book_path)
    seen_warnings = len(book.warnings)
    try:
        with _collector_leaves_alone():
            return task, BUILDERS[name].module.run_task(book, ctx.for_builder(name, cache_dir),
                                                        task)
    finally:
        del book.warnings[seen_warnings:]      # the Book is the next task's too


def finish_one(name: str, book_path: Path, ctx: BuildContext, cache_dir: Path,
               inputs: Inputs, done: list, seconds: float) -> dict:
    """A builder of tasks finished once its tasks are done (in a worker
    process); ``seconds`` since it began (measured by the caller)."""
    t0 = time.perf_counter()
    book = _shared_book(book_path)
    seen_warnings = len(book.warnings)
    try:
        result = BUILDERS[name].finish(book, ctx.for_builder(name, cache_dir), inputs, done)
        return _outcome(name, result, ctx, book.warnings[seen_warnings:],
                        seconds + time.perf_counter() - t0)
    finally:
        del book.warnings[seen_warnings:]


@contextmanager
def _collector_leaves_alone():
    """While a builder (or a task) works, what was alive when it began (the
    Book above all: 150,000 objects for this book, 1.5 million at 10x) is
    out of the cyclic collector's reach (``gc.freeze``), so each collection
    walks only what the builder made; put back after.

    What the builder left in cycles (a layout's boxes: the collector is off
    while WeasyPrint lays out) is collected before the Book is put back:
    left for later, the next task's ``freeze`` would take it too, and then
    only a full collection, rare over a Book this size, would free it. A
    worker running the packets' tasks grew by 10 MB a task that way (700 MB
    over the 10x book's 160); the collection walks only what the task made."""
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()


def _load(book_path: Path):
    try:
        return load_pickle(book_path)
    except CacheCorrupt as err:
        raise RuntimeError(f"the cached Book changed under the build: {err}") from None


@functools.lru_cache(maxsize=1)
def _book_at(book_path: Path, mtime_ns: int, size: int):
    return _load(book_path)


def _shared_book(book_path: Path):
    """The Book, loaded once per worker for the tasks it runs (0.2 s a load;
    a builder of tasks has dozens). Tasks only read it; the warnings they
    add are taken out after each (run_task)."""
    st = Path(book_path).stat()
    return _book_at(Path(book_path), st.st_mtime_ns, st.st_size)


def _outcome(name: str, result, ctx: BuildContext, warnings: list, seconds: float) -> dict:
    staging = Path(ctx.out).resolve()
    files = {}
    for p in map(Path, result.files):
        if not p.resolve().is_relative_to(staging):
            raise RuntimeError(f"builder {name} wrote outside its folder: {p}")
        files[str(p.resolve().relative_to(staging))] = {
            "sha256": sha256_file(p), "size": p.stat().st_size, "pages": count_pages(p)}
    return {"name": name, "files": files,
            "artefacts": {a: result.artefacts[a] for a in BUILDERS[name].provides},
            "warnings": list(warnings), "seconds": seconds}


WORK = Work(build_one, tasks_of, run_task, finish_one)


def pooled(todo: list[str], jobs: int) -> bool:
    """Whether these builders share a process pool (else: one after the
    other, in this process)."""
    return jobs > 1 and (len(todo) > 1 or any(BUILDERS[n].tasks for n in todo))


class Hooks:
    """What the runner reports as it goes (the progress display)."""
    def start(self, name: str) -> None: ...
    def done(self, name: str, result: dict) -> None: ...
    def failed(self, name: str) -> None: ...


def run_targets(todo: list[str], book_path: Path, ctx: BuildContext, cache_dir: Path,
                ready: dict[str, Inputs], hooks: Hooks,
                on_result: Callable[[dict], None], pool=None) -> dict[str, dict]:
    """Build ``todo`` (already in dependency order). ``ready`` holds, per
    up-to-date builder, the files and artefacts it made; each builder that
    finishes here adds its own. ``pool``: a pool started ahead (schedule.
    warm_pool) for the builders to share, shut down here."""
    made = dict(ready)
    results: dict[str, dict] = {}
    # A builder run in a worker is one of the ``jobs`` processes already: it
    # gets no pool of its own; its tasks, if it has any, go to the one pool
    # (schedule.py). Measured on 2 cores, every edition, the packets with a
    # pool of their own beside the others: an early round 142 s against 130;
    # this book, the same within noise (41-43 s); the 10x book, 883 s against
    # 521: three WeasyPrint processes on two cores each ran at half speed or less.
    pool_ctx = dataclasses.replace(ctx, jobs=1)

    def args_for(name, context=pool_ctx):
        inputs = Inputs()
        for dep in BUILDERS[name].needs:
            if dep in made:
                inputs.files[dep] = list(made[dep].files.get(dep, []))
                inputs.artefacts.update(made[dep].artefacts)
        return (name, book_path, context, cache_dir, inputs)

    def finish(result):
        name = result["name"]
        results[name] = result
        made[name] = Inputs(files={name: [Path(ctx.out) / rel for rel in result["files"]]},
                            artefacts=result["artefacts"])
        on_result(result)
        hooks.done(name, result)

    if pooled(todo, ctx.jobs):
        Schedule(todo, args_for, finish, hooks, ctx.jobs, BUILDERS, WORK,
                 pool=(lambda jobs: pool) if pool is not None else process_pool).run()
        return results
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    for name in todo:           # one job: in this process, in order
        hooks.start(name)
        try:
            finish(build_one(*args_for(name, ctx)))
        except BaseException:
            hooks.failed(name)
            raise
    return results

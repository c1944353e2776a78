"""Running the editions: in parallel processes, in dependency order.

The publisher (publisher.py) decides which builders are stale (cache.py)
and hands them here with the path of the cached Book. Each builder runs in
its own worker process (``--jobs`` at a time), loads the Book from its
checked pickle, receives what the builders it needs produced (``Inputs``:
their files and artefacts) and a context of its own (``BuildContext``), and
writes into the staging folder. Nothing here touches dist/ itself: the
publisher publishes the staged set once every builder has succeeded.
"""

from __future__ import annotations

import dataclasses

import time
from pathlib import Path
from typing import Callable

from pressroom.build.cache import sha256_file
from pressroom.build.pickles import CacheCorrupt, load_pickle
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
    builder = BUILDERS[name]
    try:
        book = load_pickle(book_path)
    except CacheCorrupt as err:
        raise RuntimeError(f"the cached Book changed under the build: {err}") from None
    seen_warnings = len(book.warnings)
    result = builder.build(book, ctx.for_builder(name, cache_dir), inputs)
    staging = Path(ctx.out).resolve()
    files = {}
    for p in map(Path, result.files):
        if not p.resolve().is_relative_to(staging):
            raise RuntimeError(f"builder {name} wrote outside its folder: {p}")
        files[str(p.resolve().relative_to(staging))] = {
            "sha256": sha256_file(p), "size": p.stat().st_size, "pages": count_pages(p)}
    return {"name": name, "files": files,
            "artefacts": {a: result.artefacts[a] for a in builder.provides},
            "warnings": list(book.warnings[seen_warnings:]),
            "seconds": time.perf_counter() - t0}


class Hooks:
    """What the runner reports as it goes (the progress display)."""
    def start(self, name: str) -> None: ...
    def done(self, name: str, result: dict) -> None: ...
    def failed(self, name: str) -> None: ...


def run_targets(todo: list[str], book_path: Path, ctx: BuildContext, cache_dir: Path,
                ready: dict[str, Inputs], hooks: Hooks,
                on_result: Callable[[dict], None]) -> dict[str, dict]:
    """Build ``todo`` (already in dependency order). ``ready`` holds, per
    up-to-date builder, the files and artefacts it made; each builder that
    finishes here adds its own."""
    made = dict(ready)
    results: dict[str, dict] = {}
    parallel = jobs_of(ctx, todo) > 1 and ctx.layouts is None     # layouts: in this process
    # A builder run beside others is one of the ``jobs`` processes already: a
    # pool of its own (the packets') would only take the cores the others use.
    # Measured on 2 cores, every edition: 130 s without it and 142 s with it
    # (an early round); this book now, the same within noise (41-43 s); the
    # 10x book, 521 s without it and 883 s with it: three WeasyPrint
    # processes on two cores each ran at half speed or less.
    worker_ctx = dataclasses.replace(ctx, jobs=1) if parallel else ctx

    def args_for(name):
        inputs = Inputs()
        for dep in BUILDERS[name].needs:
            if dep in made:
                inputs.files[dep] = list(made[dep].files.get(dep, []))
                inputs.artefacts.update(made[dep].artefacts)
        return (name, book_path, worker_ctx, cache_dir, inputs)

    def finish(result):
        name = result["name"]
        results[name] = result
        made[name] = Inputs(files={name: [Path(ctx.out) / rel for rel in result["files"]]},
                            artefacts=result["artefacts"])
        on_result(result)
        hooks.done(name, result)

    if not parallel:
        for name in todo:
            hooks.start(name)
            try:
                finish(build_one(*args_for(name)))
            except BaseException:
                hooks.failed(name)
                raise
        return results
    _run_parallel(todo, args_for, finish, hooks, jobs_of(ctx, todo))
    return results


def jobs_of(ctx: BuildContext, todo: list[str]) -> int:
    return min(max(1, ctx.jobs), len(todo))


def _run_parallel(todo, args_for, finish, hooks: Hooks, jobs: int) -> None:
    """Start each builder as soon as the builders it needs are done."""
    # imported here: a no-op build starts no process
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    pending = list(todo)
    running: dict = {}
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        while pending or running:
            busy = set(pending) | set(running.values())
            for name in list(pending):
                if len(running) >= jobs:
                    break
                if not any(d in busy for d in BUILDERS[name].needs):
                    pending.remove(name)
                    hooks.start(name)
                    running[pool.submit(build_one, *args_for(name))] = name
                    busy = set(pending) | set(running.values())
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                name = running.pop(fut)
                try:
                    result = fut.result()
                except BaseException:
                    hooks.failed(name)
                    raise
                finish(result)
    except BaseException:
        # a failed edition stops the others at once (private: the pool has
        # no public way to end its workers)
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)

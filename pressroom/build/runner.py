"""Running the editions: in parallel processes, in dependency order.

The command (cli.py) decides which targets are stale (cache.py) and hands
them here with the path of the cached Book. Each target runs in its own
worker process (``--jobs`` at a time), loads the Book from the pickle,
receives what the targets it needs provided (outputs and artefacts), and
writes into the staging folder. Nothing here touches dist/ itself: the
command publishes the staged files once every target has succeeded.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable

from pressroom.build.cache import sha256_file
from pressroom.builders import TARGETS


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


def build_one(name: str, book_path: str, staging: str, artefacts: dict,
              outputs: dict[str, list[str]]) -> dict:
    """Build one target (in a worker process). Returns what the command
    needs to publish it and record it in the cache manifest."""
    t0 = time.perf_counter()
    target = TARGETS[name]
    with open(book_path, "rb") as f:
        book = pickle.load(f)
    for attr, value in artefacts.items():
        setattr(book, attr, value)
    book.outputs = {t: [Path(p) for p in ps] for t, ps in outputs.items()}
    seen_warnings = len(book.warnings)
    staging_dir = Path(staging)
    # A writer's own state between builds (e.g. the PDF's footnote fixes):
    # in dist/.cache/, which outlives the staging folder; never an output.
    book.state_dir = staging_dir.parent / ".cache" / "state" / name
    book.state_dir.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in target.build(book, staging_dir)]
    files = {}
    for p in paths:
        if not p.resolve().is_relative_to(staging_dir.resolve()):
            raise RuntimeError(f"target {name} wrote outside its folder: {p}")
        st = p.stat()
        files[str(p.relative_to(staging_dir))] = {
            "sha256": sha256_file(p), "size": st.st_size, "pages": count_pages(p)}
    provided = {a: getattr(book, a) for a in target.provides if hasattr(book, a)}
    return {"name": name, "files": files, "artefacts": provided,
            "warnings": list(book.warnings[seen_warnings:]),
            "seconds": time.perf_counter() - t0}


class Hooks:
    """What the runner reports as it goes (the progress display)."""
    def start(self, name: str) -> None: ...
    def done(self, name: str, result: dict) -> None: ...
    def failed(self, name: str) -> None: ...


def run_targets(todo: list[str], book_path: Path, staging: Path,
                jobs: int, ready_outputs: dict[str, list[str]],
                ready_artefacts: dict[str, dict], hooks: Hooks,
                on_result: Callable[[dict], None]) -> dict[str, dict]:
    """Build ``todo`` (already in dependency order). ``ready_*`` hold what
    up-to-date targets provide; each finished target adds its own."""
    outputs = dict(ready_outputs)
    artefacts = dict(ready_artefacts)
    results: dict[str, dict] = {}

    def args_for(name):
        needs = TARGETS[name].needs
        art: dict = {}
        for dep in needs:
            art.update(artefacts.get(dep, {}))
        return (name, str(book_path), str(staging), art,
                {d: outputs[d] for d in needs if d in outputs})

    def finish(result):
        name = result["name"]
        results[name] = result
        outputs[name] = [str(Path(staging) / rel) for rel in result["files"]]
        artefacts[name] = result["artefacts"]
        on_result(result)
        hooks.done(name, result)

    if jobs <= 1 or len(todo) == 1:
        for name in todo:
            hooks.start(name)
            try:
                finish(build_one(*args_for(name)))
            except BaseException:
                hooks.failed(name)
                raise
        return results

    pending = list(todo)
    running: dict = {}
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx)
    try:
        while pending or running:
            busy = set(pending) | set(running.values())
            for name in list(pending):
                if len(running) >= jobs:
                    break
                if not any(d in busy for d in TARGETS[name].needs):
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
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results

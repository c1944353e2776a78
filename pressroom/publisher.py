"""The build as named steps, from book.yaml to a published dist/.

Place in the flow: cli.py parses the command line and calls ``build``,
``check`` or ``clean`` here. A build runs, in this order (docutils'
``Publisher.publish``, Sphinx's ``Builder.build``):

1. ``load``: settings (settings/config.py) and stylesheets (preflight.py);
   the build date is read once into the ``BuildContext``;
2. ``book``: the Book from the cache, or built by pipeline.py (chapters
   from the chapter cache, the rest in parallel);
3. ``plan``: each builder's key (build/cache.py); the outdated ones, and what
   the up-to-date ones hand on (files, artefacts);
4. ``run``: the outdated builders, in parallel, into a new version folder
   (build/runner.py);
5. ``stage_report``: report.html into it, when anything it shows changed;
6. ``publish``: unchanged files linked in, the cache and manifest moved
   over, dist/ swapped to the new folder in one step (build/release.py);
   when nothing was rebuilt and the report is current, no new folder is
   made at all (a no-op build only reads);
7. the manifest, written before the swap, is the last word on what dist/ holds.

All of it holds the lock on dist/ (build/lock.py), as ``clean`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.build import release
from pressroom.build.cache import (
    Cache,
    FileHashes,
    book_key,
    book_part_hashes,
    outputs_current,
    target_key)
from pressroom.build.chapters import ChapterCache
from pressroom.build.lock import build_lock
from pressroom.build.report import REPORT_NAME, report_key, write_report
from pressroom.build.runner import Hooks, pooled, run_targets
from pressroom.build.schedule import warm_pool
from pressroom.builders import BUILDERS, BuildContext, Inputs, closure
from pressroom.settings.config import BookConfig, load_book
from pressroom.settings.preflight import check_styles
from pressroom.paths import theme_folder


@dataclass
class Plan:
    """What one build does: every builder's key, the outdated ones (in
    dependency order) and what the up-to-date ones hand on."""
    order: list[str]
    keys: dict[str, str]
    todo: list[str]
    ready: dict[str, Inputs]


@dataclass
class Outcome:
    """What the command shows: one row per output, and the total seconds."""
    rows: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def load(book_yaml: Path) -> BookConfig:
    config = load_book(book_yaml)
    pin_source_date_epoch(config.build_date)
    check_styles(theme=theme_folder(config.root))
    return config


def pin_source_date_epoch(build_date: str) -> None:
    """The one environment variable pressroom sets, at the edge: fontTools'
    subsetter inside WeasyPrint stamps the time from SOURCE_DATE_EPOCH, so it
    is pinned to the build date for builds to reproduce. pressroom itself
    passes the date in the BuildContext."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        day = dt.date.fromisoformat(build_date[:10])
        epoch = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch.timestamp()))


def check(config: BookConfig, display) -> None:
    from pressroom.pipeline import build_book     # lazy: pandoc and the transforms, only when needed
    book = build_book(config)
    for w in book.warnings:
        display.warn(w)
    display.say(f"ok: {len(book.chapters)} chapters, {len(book.front)} front-matter "
                f"sections; nothing written")


def clean(dist: Path) -> bool:
    """Remove dist/ (outputs and cache) under the build lock. False if
    there was nothing to remove."""
    if not release.exists(dist):
        return False
    with build_lock(dist):
        release.remove(dist)
    return True


class Publisher:
    """One build of some editions into one dist/ (see the module docstring)."""

    def __init__(self, config: BookConfig, dist: Path, jobs: int, display: Hooks,
                 pdf_options: dict | None = None):
        self.config, self.dist, self.display = config, Path(dist), display
        self.theme = theme_folder(config.root)
        self.cache = Cache(self.dist, warn=display.warn)
        self.hashes = FileHashes()          # each input file read once per build
        self.ctx = BuildContext(build_date=config.build_date, out=self.dist,
                                state_dir=self.cache.dir / "state", jobs=jobs,
                                pdf_options=pdf_options)
        self.pool = None        # the builders' pool, started while the Book is made

    def build(self, names: list[str]) -> Outcome:
        t0 = time.perf_counter()
        order = closure(names)
        release.ensure(self.dist)
        with build_lock(self.dist):
            release.migrate(self.dist)
            release.prune(self.dist)
            try:
                return self._build(order, t0)
            finally:
                if self.pool is not None:     # not handed to the builders
                    self.pool.shutdown(wait=False, cancel_futures=True)

    def _build(self, order: list[str], t0: float) -> Outcome:
        key, meta = self.book(order)
        book_seconds = time.perf_counter() - t0
        manifest = self.cache.manifest()
        plan = self.plan(order, meta["parts"], manifest["targets"])
        if not plan.todo and self.report_current(manifest, meta):
            # nothing to build or report: dist/ stays as it is (no new version)
            total = time.perf_counter() - t0
            self.record(manifest, plan, {}, total, book_seconds)
            return Outcome(self.rows(plan, manifest["targets"], {}), total)
        new = release.new_version(self.dist)
        try:
            results = self.run(plan, key, new)
            report = self.stage_report(manifest, key, meta, plan, results, new)
            self.publish(manifest, plan, results, report, new)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        total = time.perf_counter() - t0
        self.record(manifest, plan, results, total, book_seconds)
        release.prune(self.dist)
        release.checkpoint("pruned")
        return Outcome(self.rows(plan, manifest["targets"], results), total)

    def reused_parts(self) -> list[str]:
        """The parts the last pamphlet build took as they were ("body:<id>",
        "front", "glossary", "index"; the watch says which)."""
        from pressroom.builders.pdf import reused_parts     # lazy: the watch only
        return reused_parts(self.cache.dir / "state" / "pdf")

    # -- 2. the Book ---------------------------------------------------------
    def book(self, order: list[str]) -> tuple[str, dict]:
        """The Book's key and record (part hashes, warnings), building and
        caching the Book if the cache has no sound copy. A Book to build
        means builders to run: their pool is started first (``order``: the
        builders this build may run), its workers importing their modules
        while this process makes the Book, and normalising chapters."""
        key = book_key(self.config, self.ctx.build_date, self.hashes)
        meta = self.cache.load_meta(key)
        if meta is None:
            from pressroom.pipeline import build_book     # lazy: a no-op build never loads it
            if pooled(order, self.ctx.jobs):
                self.pool = warm_pool(self.ctx.jobs, tuple(
                    m for name in order for m in BUILDERS[name].preload))
            chapters = ChapterCache(self.cache.dir / "chapters", self.ctx.build_date,
                                    self.ctx.jobs, self.display.warn, self.pool)
            book = build_book(self.config, chapters)
            meta = {"parts": book_part_hashes(book, self.ctx.build_date),
                    "warnings": list(book.warnings)}
            self.cache.save_book(key, book, meta["parts"])
        for w in meta["warnings"]:
            self.display.warn(w)
        return key, meta

    # -- 3. what is outdated -------------------------------------------------
    def plan(self, order: list[str], parts: dict[str, str], entries: dict) -> Plan:
        keys: dict[str, str] = {}
        todo: list[str] = []
        ready: dict[str, Inputs] = {}
        for name in order:
            b = BUILDERS[name]
            keys[name] = target_key(b, parts, {d: keys[d] for d in b.needs},
                                    self.ctx.build_date, self.hashes, self.theme)
            artefacts = self.cache.load_artefacts(name, keys[name]) if b.provides else {}
            if (artefacts is None or any(d in todo for d in b.needs)
                    or not outputs_current(self.dist, entries.get(name), keys[name])):
                todo.append(name)
                continue
            ready[name] = Inputs(files={name: [self.dist / rel for rel in entries[name]["outputs"]]},
                                 artefacts=artefacts)
        return Plan(order, keys, todo, ready)

    # -- 4. the outdated builders --------------------------------------------
    def run(self, plan: Plan, key: str, new: Path) -> dict[str, dict]:
        if not plan.todo:
            return {}
        self.display.begin(plan.todo)
        try:
            pool, self.pool = self.pool, None           # run_targets shuts it down
            return run_targets(
                plan.todo, self.cache.book_path(key), dataclasses.replace(self.ctx, out=new),
                self.cache.dir, plan.ready, self.display,
                on_result=lambda r: [self.display.warn(w) for w in r["warnings"]], pool=pool)
        finally:
            self.display.end()

    # -- 5. the report -------------------------------------------------------
    def report_current(self, manifest, meta) -> bool:
        """Whether report.html already shows the outputs dist/ holds (what
        ``stage_report`` checks when nothing was rebuilt)."""
        entries = manifest["targets"]
        tkeys = {name: e["key"] for name, e in entries.items()
                 if all((self.dist / rel).is_file() for rel in e["outputs"])}
        return (manifest.get("report", {}).get("key") == report_key(meta["parts"], tkeys)
                and (self.dist / REPORT_NAME).is_file())

    def stage_report(self, manifest, key, meta, plan: Plan, results, new: Path):
        """Write report.html into ``new`` when anything it shows has changed.
        Returns (file name, report key) or None."""
        entries = manifest["targets"]
        files, timings, tkeys, warnings = {}, {}, {}, []
        for name in entries | results:
            if name in results:
                files[name] = {rel: new / rel for rel in results[name]["files"]}
                timings[name], tkeys[name] = results[name]["seconds"], plan.keys[name]
                warnings += [f"{name}: {w}" for w in results[name]["warnings"]]
            elif all((self.dist / rel).is_file() for rel in entries[name]["outputs"]):
                files[name] = {rel: self.dist / rel for rel in entries[name]["outputs"]}
                timings[name], tkeys[name] = entries[name].get("seconds"), entries[name]["key"]
                warnings += [f"{name}: {w}" for w in entries[name].get("warnings", [])]
        rkey = report_key(meta["parts"], tkeys)
        if manifest.get("report", {}).get("key") == rkey and (self.dist / REPORT_NAME).is_file():
            return None
        book = self.cache.load_book(key)
        if book is None:
            raise RuntimeError("the cached Book could not be read back for the report")
        write_report(book, files, timings, new / REPORT_NAME, warnings)
        return REPORT_NAME, rkey

    # -- 6. publish ----------------------------------------------------------
    def publish(self, manifest, plan: Plan, results, report, new: Path) -> None:
        """Make ``new`` the complete set and swap dist/ to it in one step."""
        release.checkpoint("staged")
        entries = manifest["targets"]
        old = release.current(self.dist)
        replaced = {rel for name in results for rel in entries.get(name, {}).get("outputs", {})}
        release.carry_over(old, new, replaced)
        release.checkpoint("carried")
        release.adopt(old, new)
        release.checkpoint("adopted")
        cache = Cache(new, warn=self.display.warn)      # the cache now lives in new/
        for name, r in results.items():
            for rel, info in r["files"].items():
                info["mtime_ns"] = (new / rel).stat().st_mtime_ns
            entries[name] = {"key": plan.keys[name], "outputs": r["files"],
                             "seconds": round(r["seconds"], 3), "warnings": r["warnings"]}
            if BUILDERS[name].provides:
                cache.save_artefacts(name, plan.keys[name], r["artefacts"])
        if report:
            manifest["report"] = {"key": report[1]}
        cache.save_manifest(manifest)
        release.checkpoint("manifest")
        release.swap(self.dist, new)
        release.checkpoint("swapped")

    def record(self, manifest, plan: Plan, results, total: float, book_seconds: float) -> None:
        manifest["last"] = {"total": round(total, 3), "book": round(book_seconds, 3),
                            "built": {n: round(r["seconds"], 3) for n, r in results.items()},
                            "cached": [n for n in plan.order if n not in results]}
        self.cache.save_manifest(manifest)

    def rows(self, plan: Plan, entries: dict, results) -> list[dict]:
        rows = []
        for name in plan.order:
            entry = entries.get(name, {})
            for rel, info in entry.get("outputs", {}).items():
                rows.append({"target": name, "file": str(Path(self.dist.name) / rel),
                             "pages": info.get("pages"), "size": info.get("size"),
                             "seconds": entry.get("seconds", 0),
                             "cached": name not in results})
        return rows

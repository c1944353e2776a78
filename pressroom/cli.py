"""The command line: ``python build.py [targets] [--jobs N] [--quiet]``.

The flow of a build: validate book.yaml and the sidecars (config.py) and
the stylesheets (preflight.py); hash every input (cache.py) and take the
Book from the cache or build it (pipeline.py); take the lock on dist/
(lock.py); build the stale editions in parallel into a staging folder
(runner.py); only when all have succeeded, move them into dist/ (output.py)
with the build report (report.py); show a table (display.py).

User mistakes end with one line on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pressroom.errors import UserError
from pressroom.paths import PROJECT

COMMANDS = ("all", "check", "clean", "normalise")


def parse_args(argv: list[str]) -> argparse.Namespace:
    from pressroom.builders import TARGETS
    editions = "\n".join(f"  {t.name:<11} {t.help}" for t in TARGETS.values())
    p = argparse.ArgumentParser(
        prog="build.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build the book's editions from manuscript/ into dist/.",
        epilog=f"targets:\n{editions}\n"
               "  all         every edition above (the default), and dist/report.html\n"
               "  check       validate the manuscript and styles; write nothing\n"
               "  clean       remove dist/ (outputs and cache)\n"
               "  normalise PATH [-o OUT.md]\n"
               "              normalise one file on its own and print a short report")
    p.add_argument("targets", nargs="*", default=["all"], metavar="target",
                   help="what to build (see below; default: all)")
    p.add_argument("--book", default=str(PROJECT / "manuscript" / "book.yaml"),
                   help="the book's settings (default: manuscript/book.yaml)")
    p.add_argument("--dist", default=str(PROJECT / "dist"),
                   help="output folder (default: dist/); its cache is dist/.cache/")
    p.add_argument("-o", "--output", help="normalise: write the Markdown here")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="parallel processes (default: number of cores)")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="show only warnings and errors")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.targets and args.targets[0] == "normalise":
            return normalise_command(args)
        return build(args)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as err:          # a read-only or full disk, a folder that is a file ...
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}cannot write: {err.strerror or err} (check the folder's "
              "permissions and free space; nothing was published)", file=sys.stderr)
        return 1


def resolve_targets(names: list[str]) -> list[str]:
    from pressroom.builders import TARGETS
    out: list[str] = []
    for t in names:
        if t == "all":
            out.extend(TARGETS)
        elif t in TARGETS or t in ("check", "clean"):
            out.append(t)
        else:
            raise UserError(f"unknown target '{t}'",
                            hint="choose from " + ", ".join([*TARGETS, *COMMANDS]))
    return list(dict.fromkeys(out))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def pin_build_date(config) -> None:
    """Tools that stamp the time (fontTools' subsetter in WeasyPrint) read
    SOURCE_DATE_EPOCH; pin it to the book's date so builds reproduce."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        import datetime as dt
        day = dt.date.fromisoformat(config.build_date[:10])
        epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def build(args: argparse.Namespace) -> int:
    names = resolve_targets(args.targets)
    dist = Path(args.dist).resolve()
    if dist.exists() and not dist.is_dir():
        raise UserError(f"--dist names a file, not a folder: {args.dist}",
                        hint="give a folder (it is created if missing)")
    if "clean" in names:
        clean(dist, args.quiet)
        names.remove("clean")
        if not names:
            return 0
    from pressroom.settings.config import load_book
    from pressroom.settings.preflight import check_styles
    from pressroom.display import Display
    t0 = time.perf_counter()
    config = load_book(Path(args.book))
    pin_build_date(config)
    check_styles()
    display = Display(args.quiet)
    if "check" in names:
        check(config, display)
        names.remove("check")
        if not names:
            return 0
    from pressroom.builders import closure
    return build_targets(config, closure(names), dist, args.jobs or default_jobs(),
                         display, t0)


def check(config, display) -> None:
    from pressroom.pipeline import build_book
    book = build_book(config)
    for w in book.warnings:
        display.warn(w)
    display.say(f"ok: {len(book.chapters)} chapters, {len(book.front)} front-matter "
                f"sections; nothing written")


def clean(dist: Path, quiet: bool) -> None:
    from pressroom.build.lock import build_lock
    from pressroom.build.output import remove_tree
    if not dist.exists():
        return
    with build_lock(dist):
        for child in dist.iterdir():
            if child.name != ".lock":
                remove_tree(child) if child.is_dir() else child.unlink()
    remove_tree(dist)
    if not quiet:
        print(f"removed {dist}", file=sys.stderr)


def build_targets(config, order: list[str], dist: Path, jobs: int, display, t0: float) -> int:
    from pressroom.build.cache import (
        Cache,
        book_key,
        book_part_hashes,
        outputs_current,
        target_key)
    from pressroom.build.lock import build_lock
    from pressroom.build.output import publish, remove_tree
    from pressroom.build.runner import run_targets
    from pressroom.builders import TARGETS

    key = book_key(config)
    cache = Cache(dist)
    with build_lock(dist):
        for stale in dist.glob(".staging-*"):
            remove_tree(stale)
        meta = cache.load_meta(key)
        if meta is None:
            from pressroom.build import chapters
            from pressroom.pipeline import build_book
            chapters.configure(cache.dir, jobs)
            book = build_book(config)
            meta = {"parts": book_part_hashes(book), "warnings": list(book.warnings)}
            cache.save_book(key, book, meta["parts"])
        book_seconds = time.perf_counter() - t0
        for w in meta["warnings"]:
            display.warn(w)
        manifest = cache.manifest()
        entries = manifest.setdefault("targets", {})
        keys: dict[str, str] = {}
        todo: list[str] = []
        for name in order:
            t = TARGETS[name]
            keys[name] = target_key(t, meta["parts"], {d: keys[d] for d in t.needs},
                                    config.build_date)
            current = outputs_current(dist, entries.get(name), keys[name])
            if t.provides and cache.load_artefacts(name, keys[name]) is None:
                current = False
            if not current or any(d in todo for d in t.needs):
                todo.append(name)
        ready_outputs = {n: [str(dist / rel) for rel in entries[n]["outputs"]]
                         for n in order if n not in todo}
        ready_artefacts = {n: cache.load_artefacts(n, keys[n]) or {}
                           for n in order if n not in todo and TARGETS[n].provides}
        staging = dist / f".staging-{os.getpid()}"
        results: dict[str, dict] = {}
        staging.mkdir(parents=True)
        try:
            if todo:
                display.begin(todo)
                try:
                    results = run_targets(
                        todo, cache.book_path(key), staging, jobs,
                        ready_outputs, ready_artefacts, display,
                        on_result=lambda r: [display.warn(w) for w in r["warnings"]])
                finally:
                    display.end()
            staged = [rel for r in results.values() for rel in r["files"]]
            report = _stage_report(cache, manifest, key, meta, keys, results, staging, dist)
            if report:
                staged.append(report[0])
            publish(staging, dist, staged)
            if report:
                manifest["report"] = {"key": report[1]}
        finally:
            remove_tree(staging)
        for name, r in results.items():
            for rel, info in r["files"].items():
                info["mtime_ns"] = (dist / rel).stat().st_mtime_ns
            entries[name] = {"key": keys[name], "outputs": r["files"],
                             "seconds": round(r["seconds"], 3), "warnings": r["warnings"]}
            if TARGETS[name].provides:
                cache.save_artefacts(name, keys[name], r["artefacts"])
        total = time.perf_counter() - t0
        manifest["last"] = {"total": round(total, 3), "book": round(book_seconds, 3),
                            "built": {n: round(r["seconds"], 3) for n, r in results.items()},
                            "cached": [n for n in order if n not in results]}
        cache.save_manifest(manifest)

    rows = []
    for name in order:
        entry = entries.get(name, {})
        for rel, info in entry.get("outputs", {}).items():
            rows.append({"target": name, "file": str(Path(dist.name) / rel),
                         "pages": info.get("pages"), "size": info.get("size"),
                         "seconds": entry.get("seconds", 0), "cached": name not in results})
    display.table(rows, total)
    return 0


def _stage_report(cache, manifest, key, meta, keys, results, staging, dist):
    """Write report.html into staging when anything it shows has changed.
    Returns (file name, report key) or None."""
    try:
        from pressroom.build.report import REPORT_NAME, report_key, write_report
    except ImportError:
        return None
    entries = manifest["targets"]
    files, timings, tkeys, warnings = {}, {}, {}, []
    for name in entries | results:
        if name in results:
            files[name] = {rel: staging / rel for rel in results[name]["files"]}
            timings[name], tkeys[name] = results[name]["seconds"], keys[name]
            warnings += [f"{name}: {w}" for w in results[name]["warnings"]]
        elif all((dist / rel).is_file() for rel in entries[name]["outputs"]):
            files[name] = {rel: dist / rel for rel in entries[name]["outputs"]}
            timings[name], tkeys[name] = entries[name].get("seconds"), entries[name]["key"]
            warnings += [f"{name}: {w}" for w in entries[name].get("warnings", [])]
    rkey = report_key(meta["parts"], tkeys)
    if manifest.get("report", {}).get("key") == rkey and (dist / REPORT_NAME).is_file():
        return None
    write_report(cache.load_book(key), files, timings, staging / REPORT_NAME, warnings)
    return REPORT_NAME, rkey


def normalise_command(args: argparse.Namespace) -> int:
    from pressroom.settings.config import load_source
    from pressroom.pipeline import normalise
    from pressroom.builders.manuscript import render_section_markdown
    if len(args.targets) != 2:
        raise UserError("usage: build.py normalise PATH [-o OUT.md]")
    path = Path(args.targets[1])
    if args.output and Path(args.output).is_dir():
        raise UserError(f"-o names a folder, not a file: {args.output}",
                        hint="give the Markdown file to write, e.g. -o out.md")
    source = load_source(path)
    section, ctx = normalise(source)
    text = render_section_markdown(section)
    if args.output:
        from pressroom.build.output import atomic_write_text
        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    rep = ctx.report
    print(f"{path.name}: {rep.source_words} words; kept {rep.kept}, "
          f"changed {sum(rep.changed.values())}, removed {sum(rep.removed.values())}; "
          f"{len(section.headings())} headings", file=sys.stderr)
    # The per-rule ledger, so an editor sees what each rule did to the text.
    for label, counts in (("changed", rep.changed), ("removed", rep.removed),
                          ("added", rep.added), ("fixed", rep.fixes)):
        if any(counts.values()):
            rules = ", ".join(f"{r} {n}" for r, n in sorted(counts.items()) if n)
            print(f"  {label}: {rules}", file=sys.stderr)
    if rep.unaccounted:
        print(f"  UNACCOUNTED: {rep.unaccounted} source words", file=sys.stderr)
    for w in ctx.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0

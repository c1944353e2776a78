"""The command line: ``python build.py [targets] [--jobs N]``.

Parses arguments, loads book.yaml, builds the Book once and hands it to the
writers of the requested editions. User mistakes end with one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import UserError

PROJECT = Path(__file__).resolve().parents[1]


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Build the book's editions from manuscript/ into dist/.")
    p.add_argument("targets", nargs="*", default=["all"],
                   help="manuscript, pdf, epub, all (default) or "
                        "normalise PATH")
    p.add_argument("--book", default=str(PROJECT / "manuscript" / "book.yaml"),
                   help="the book's settings (default: manuscript/book.yaml)")
    p.add_argument("--dist", default=str(PROJECT / "dist"),
                   help="output folder (default: dist/)")
    p.add_argument("-o", "--output", help="normalise: write the Markdown here")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="parallel processes (default: number of cores)")
    p.add_argument("--quiet", "-q", action="store_true")
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


def build(args: argparse.Namespace) -> int:
    from .config import load_book
    from .pipeline import build_book
    from .targets import TARGETS
    targets = list(TARGETS) if "all" in args.targets else args.targets
    for t in targets:
        if t not in TARGETS:
            raise UserError(f"unknown target '{t}'",
                            hint="choose from " + ", ".join([*TARGETS, "all", "normalise"]))
    dist = Path(args.dist)
    config = load_book(Path(args.book))
    t0 = time.perf_counter()
    book = build_book(config)
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    for w in book.warnings:
        say(f"warning: {w}")
    say(f"manuscript read in {time.perf_counter() - t0:.1f}s")
    for t in targets:
        t1 = time.perf_counter()
        outs = TARGETS[t].build(book, dist)
        say(f"{t:<11} {' '.join(map(str, outs))}  {time.perf_counter() - t1:.1f}s")
    return 0


def normalise_command(args: argparse.Namespace) -> int:
    from .config import load_source
    from .pipeline import normalise
    from .writers.manuscript import render_section_markdown
    if len(args.targets) != 2:
        raise UserError("usage: build.py normalise PATH [-o OUT.md]")
    path = Path(args.targets[1])
    source = load_source(path)
    section, ctx = normalise(source)
    text = render_section_markdown(section)
    if args.output:
        from .output import atomic_write_text
        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    rep = ctx.report
    print(f"{path.name}: {rep.source_words} words; kept {rep.kept}, "
          f"changed {sum(rep.changed.values())}, removed {sum(rep.removed.values())}; "
          f"{len(section.headings())} headings", file=sys.stderr)
    for w in ctx.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0

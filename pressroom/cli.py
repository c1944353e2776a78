"""The command line: ``pressroom [build] [targets] [--book B] [--dist D] [--jobs N]``
(also ``python build.py ...``), ``pressroom new PATH``, ``pressroom normalise PATH``,
``pressroom watch [targets]`` (rebuilds on every saved change).

This module parses the arguments, finds the book (``--book``, else the
book.yaml of the working folder, else, in a checkout, its manuscript/),
turns a UserError into one line and an exit code, and shows the table
(display.py); the build itself, as named steps, is publisher.py.

User mistakes end with one line on stderr and a non-zero exit, never a
traceback. Exit codes: 0 done; 1 a file could not be written; 2 a mistake
in the command or the book (UserError, argparse); 75 another build holds
the lock (build/lock.py); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pressroom import __version__, publisher
from pressroom.builders import BUILDERS
from pressroom.display import Display
from pressroom.errors import UserError
from pressroom.paths import PROJECT

COMMANDS = ("all", "check", "clean", "normalise", "new", "watch")
# The repository's own book, the default when run in a checkout.
HOME_BOOK = PROJECT / "manuscript" / "book.yaml"


def parse_args(argv: list[str]) -> argparse.Namespace:
    editions = "\n".join(f"  {b.name:<11} {b.help}" for b in BUILDERS.values())
    p = argparse.ArgumentParser(
        prog="pressroom", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a book's editions into its dist/ folder "
                    "(`pressroom build` inside the book's folder, or --book).",
        epilog=f"targets:\n{editions}\n"
               "  all         every edition above (the default), and dist/report.html\n"
               "  check       validate the manuscript and styles; write nothing\n"
               "  clean       remove dist/ (outputs and cache)\n"
               "  normalise PATH [-o OUT.md]\n"
               "              normalise one file on its own and print a short report\n"
               "  new PATH [--title T]\n"
               "              make a new book folder that builds at once\n"
               "  watch [targets]\n"
               "              build, then build again after every saved change (Ctrl-C stops)\n"
               "`build` before the targets may be left out: `pressroom build pdf` = `pressroom pdf`.")
    p.add_argument("targets", nargs="*", default=["all"], metavar="target",
                   help="what to build (see below; default: all)")
    p.add_argument("--book", default=None,
                   help="the book's folder or its book.yaml (default: ./book.yaml; "
                        "in a pressroom checkout without one, manuscript/)")
    p.add_argument("--dist", default=None,
                   help="output folder (default: the book folder's dist/; its cache "
                        "is dist/.cache/)")
    p.add_argument("--title", help="new: the book's title (default: from the folder name)")
    p.add_argument("--version", action="version", version=f"pressroom {__version__}")
    p.add_argument("-o", "--output", help="normalise: write the Markdown here")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="parallel processes (default: number of cores)")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="show only warnings and errors")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.targets[:1] == ["build"]:
        args.targets = args.targets[1:] or ["all"]
    try:
        if args.targets and args.targets[0] == "normalise":
            return normalise_command(args)
        if args.targets and args.targets[0] == "new":
            return new_command(args)
        if args.targets and args.targets[0] == "watch":
            return watch_command(args)
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
    out: list[str] = []
    for t in names:
        if t == "all":
            out.extend(BUILDERS)
        elif t in BUILDERS or t in ("check", "clean"):
            out.append(t)
        else:
            raise UserError(f"unknown target '{t}'",
                            hint="choose from " + ", ".join([*BUILDERS, *COMMANDS]))
    return list(dict.fromkeys(out))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def book_file(given: str | None, cwd: Path | None = None) -> Path:
    """The book.yaml to build: ``--book`` (a folder or its book.yaml), else
    the working folder's, else the checkout's manuscript/."""
    if given is not None:
        path = Path(given)
        return path / "book.yaml" if path.is_dir() else path
    here = (cwd or Path.cwd()) / "book.yaml"
    if here.is_file():
        return here
    if HOME_BOOK.is_file():
        return HOME_BOOK
    raise UserError("no book.yaml in this folder",
                    hint="run inside a book folder, give --book PATH, "
                         "or start a book with `pressroom new PATH`")


def dist_folder(given: str | None, book: Path) -> Path:
    """``--dist``, else the book folder's dist/ (the checkout's own book
    keeps the checkout's dist/). A symlink to the published version
    (build/release.py): made absolute, never resolved."""
    if given is not None:
        dist = Path(os.path.abspath(given))
    elif Path(os.path.abspath(book)).parent == HOME_BOOK.parent:
        dist = PROJECT / "dist"
    else:
        dist = Path(os.path.abspath(book)).parent / "dist"
    if dist.exists() and not dist.is_dir():
        raise UserError(f"--dist names a file, not a folder: {given}",
                        hint="give a folder (it is created if missing)")
    return dist


def build(args: argparse.Namespace) -> int:
    names = resolve_targets(args.targets)
    book = book_file(args.book)
    dist = dist_folder(args.dist, book)
    if "clean" in names:
        if publisher.clean(dist) and not args.quiet:
            print(f"removed {dist}", file=sys.stderr)
        names.remove("clean")
        if not names:
            return 0
    config = publisher.load(book)
    display = Display(args.quiet)
    if "check" in names:
        publisher.check(config, display)
        names.remove("check")
        if not names:
            return 0
    outcome = publisher.Publisher(config, dist, args.jobs or default_jobs(), display).build(names)
    display.table(outcome.rows, outcome.seconds)
    return 0


def new_command(args: argparse.Namespace) -> int:
    from pressroom import newbook     # lazy: the new command only (the CLI starts quick)
    if len(args.targets) != 2:
        raise UserError("usage: pressroom new PATH [--title TITLE]")
    folder = Path(args.targets[1])
    written = newbook.create(folder, args.title)
    if not args.quiet:
        print(f"made {folder}/ ({len(written)} files); build it with: "
              f"cd {folder} && pressroom build", file=sys.stderr)
    return 0


def watch_command(args: argparse.Namespace) -> int:
    """Build the targets, then again after each saved change (build/watch.py)."""
    from pressroom.build.watch import reuse_note, watch     # lazy: the watch only
    names = resolve_targets(args.targets[1:] or ["all"])
    if "check" in names or "clean" in names:
        raise UserError("watch builds editions; 'check' and 'clean' are commands of their own",
                        hint="e.g. pressroom watch pdf epub")
    book = book_file(args.book)
    dist, jobs, display = dist_folder(args.dist, book), args.jobs or default_jobs(), Display(args.quiet)

    def once() -> tuple[list[str], object, str]:
        config = publisher.load(book)
        pub = publisher.Publisher(config, dist, jobs, display)
        outcome = pub.build(names)
        rebuilt = list(dict.fromkeys(r["target"] for r in outcome.rows if not r["cached"]))
        note = reuse_note(pub.reused_parts(), len(config.sources)) if "pdf" in rebuilt else ""
        return rebuilt, config, note

    return watch(book, once, say=lambda line: print(line, flush=True))


def normalise_command(args: argparse.Namespace) -> int:
    # the pipeline (pandoc, readers, transforms) is loaded only for this command
    from pressroom.builders.manuscript import render_section_markdown     # lazy: the normalise command only (the CLI starts quick)
    from pressroom.pipeline import normalise     # lazy: the normalise command only (the CLI starts quick)
    from pressroom.settings.config import load_source     # lazy: the normalise command only (the CLI starts quick)
    if len(args.targets) != 2:
        raise UserError("usage: pressroom normalise PATH [-o OUT.md]")
    path = Path(args.targets[1])
    if args.output and Path(args.output).is_dir():
        raise UserError(f"-o names a folder, not a file: {args.output}",
                        hint="give the Markdown file to write, e.g. -o out.md")
    source = load_source(path)
    section, ctx = normalise(source)
    text = render_section_markdown(section)
    if args.output:
        from pressroom.build.output import atomic_write_text     # lazy: the normalise command only (the CLI starts quick)
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

"""Where the time of a one-chapter edit goes, step by step (issue 20).

Not a test. ``python -m pressroom.tools.bench_edit --project DIR`` takes a
scratch project already built into ``DIR/dist`` (``make bench`` leaves one
with ``--keep DIR``), adds a sentence to its first chapter and then does,
in this process and timed step by step, what ``build.py epub`` does after
that edit: the Book (the edited chapter normalised, the others from the
chapter cache, then the book transforms), the pamphlet (its HTML, each
part's layout, the write, the proof) and the EPUB. It prints each step's
seconds and what laying out only the edited chapter again would save
(the layouts of the unchanged chapters: what a per-chapter layout cache
would reuse). With ``--reuse`` it first lays the unedited book out into a
``pdf/reuse.LaidOut`` (untimed), as a running ``build.py watch`` holds it,
and times the edit with it: the watch's one-chapter edit, step by step.
"""

from __future__ import annotations

import argparse
import json
import time
from contextlib import contextmanager
from pathlib import Path

from pressroom.build.chapters import ChapterCache
from pressroom.builders import BuildContext, Inputs
from pressroom.builders import epub
from pressroom.builders.common import pdfid
from pressroom.builders.pdf import HINTS, locator_pages, proof, tagging
from pressroom.builders.pdf.layout import render_book, write
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.pagemap import pagemap
from pressroom.builders.pdf.reuse import LaidOut
from pressroom.pipeline import build_book
from pressroom.settings.config import load_book
from pressroom.tools.bench import edit_one_chapter


class Clock:
    """(step, seconds) in the order they ran."""

    def __init__(self):
        self.steps: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, step: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((step, time.perf_counter() - started))


class TimedChapters:
    """A ChapterCache whose normalising is timed apart from the rest of the Book."""

    def __init__(self, cache: ChapterCache, clock: Clock):
        self.cache, self.clock = cache, clock

    def normalise_sources(self, config, normalise):
        with self.clock("book: normalise the edited chapter (the rest from the cache)"):
            return self.cache.normalise_sources(config, normalise)


def _hints(dist: Path) -> dict:
    try:
        return json.loads((dist / ".cache" / "state" / "pdf" / HINTS).read_text())
    except (OSError, ValueError):
        return {}


def primed(project: Path) -> LaidOut:
    """The unedited book laid out into a LaidOut, as a watch holds it."""
    config = load_book(project / "manuscript" / "book.yaml")
    book = build_book(config, ChapterCache(project / "dist" / ".cache" / "chapters",
                                           config.build_date, 1))
    layouts = LaidOut()
    render_book(book, note_hints=_hints(project / "dist"), layouts=layouts)
    return layouts


def profile(project: Path, layouts: LaidOut | None = None) -> tuple[Clock, str, dict[str, float]]:
    clock = Clock()
    dist = project / "dist"
    edited = edit_one_chapter(project)
    with clock("load book.yaml and sidecars"):
        config = load_book(project / "manuscript" / "book.yaml")
    chapters = TimedChapters(ChapterCache(dist / ".cache" / "chapters", config.build_date, 1),
                             clock)
    started = time.perf_counter()
    book = build_book(config, chapters)
    clock.steps.append(("book: transforms (glossary, index marking), front matter",
                        time.perf_counter() - started - clock.steps[-1][1]))
    out = project / "bench-edit"
    out.mkdir(exist_ok=True)
    hints = _hints(dist)
    with clock("pdf: the book's HTML (pandoc)"):
        html = BookHTML.of(book)
    with clock("pdf: lay out every part"):
        rendered = render_book(book, html=html, note_hints=hints, layouts=layouts)
    with clock("pdf: write (tags, fonts, links)"):
        write(rendered, out / "book.pdf", **tagging.OPTIONS, **pdfid.WEASY_OPTIONS)
    with clock("pdf: proof the written file"):
        proof.proof_edition(book, out / "book.pdf", "book.pdf", labels=rendered.labels)
    ctx = BuildContext(build_date=config.build_date, out=out, state_dir=out)
    inputs = Inputs(artefacts={"pagemap": pagemap(rendered),
                               "locator_pages": locator_pages(rendered)})
    with clock("epub: build"):
        epub.build(book, ctx, inputs)
    layouts = {part: sum(runs) for part, runs in rendered.timings.items()}
    return clock, edited, layouts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressroom.tools.bench_edit")
    ap.add_argument("--project", required=True,
                    help="a scratch project built into DIR/dist (make bench --keep DIR: DIR/1x)")
    ap.add_argument("--reuse", action="store_true",
                    help="time it as a watch does: the chapters laid out before, reused")
    args = ap.parse_args(argv)
    kept = primed(Path(args.project)) if args.reuse else None
    clock, edited, layouts = profile(Path(args.project), kept)
    if kept is not None:
        print(f"chapters reused: {', '.join(kept.reused) or 'none'}")
    total = sum(s for _, s in clock.steps)
    print(f"one-chapter edit ({edited}), in one process, step by step:")
    for step, seconds in clock.steps:
        print(f"  {step:<62}{seconds:7.2f} s")
    print(f"  {'total':<62}{total:7.2f} s")
    print("pdf layout by part (s):")
    for part, seconds in layouts.items():
        print(f"  {part:<30}{seconds:7.2f}")
    if kept is None:
        first = next((p for p in layouts if p.startswith("body:")), "none")
        unchanged = sum(s for p, s in layouts.items() if p.startswith("body:") and p != first)
        print(f"a per-chapter layout cache would skip the unchanged chapters' layouts: "
              f"{unchanged:.2f} s of {total:.2f} s (the edited chapter is {first})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

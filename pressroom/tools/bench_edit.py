"""Where the time of a one-chapter edit goes, step by step (issue 20).

Not a test. ``python -m pressroom.tools.bench_edit --project DIR`` takes a
scratch project already built into ``DIR/dist`` (``make bench`` leaves one
with ``--keep DIR``), adds a sentence to its first chapter and then does,
in this process and timed step by step, what ``build.py epub`` does after
that edit: the Book (the edited chapter normalised, the others from the
chapter cache, then the book transforms), the pamphlet (its HTML, each
part's layout and write, the join, the proof) and the EPUB. The unchanged
chapters come from the project's store of chapter PDFs (pdf/parts.py), as
in ``build.py epub``. It prints each step's seconds and each layout's.
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
from pressroom.builders.pdf import HINTS, PARTS, locator_pages, proof
from pressroom.builders.pdf.layout import typeset
from pressroom.builders.pdf.markup import BookHTML
from pressroom.builders.pdf.parts import Store
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


def profile(project: Path) -> tuple[Clock, str, dict[str, float], list[str]]:
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
    store = Store(dist / ".cache" / "state" / "pdf" / PARTS)
    with clock("pdf: lay out and write the parts not kept, join them"):
        done = typeset(book, out / "book.pdf", store, html=html, note_hints=hints)
    with clock("pdf: proof the written file"):
        proof.proof_edition(book, out / "book.pdf", "book.pdf", labels=done.labels)
    ctx = BuildContext(build_date=config.build_date, out=out, state_dir=out)
    inputs = Inputs(artefacts={"pagemap": done.pagemap, "locator_pages": locator_pages(done)})
    with clock("epub: build"):
        epub.build(book, ctx, inputs)
    layouts = {part: sum(runs) for part, runs in done.timings.items()}
    return clock, edited, layouts, done.reused


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressroom.tools.bench_edit")
    ap.add_argument("--project", required=True,
                    help="a scratch project built into DIR/dist (make bench --keep DIR: DIR/1x)")
    args = ap.parse_args(argv)
    clock, edited, layouts, reused = profile(Path(args.project))
    print(f"parts reused: {', '.join(reused) or 'none'}")
    total = sum(s for _, s in clock.steps)
    print(f"one-chapter edit ({edited}), in one process, step by step:")
    for step, seconds in clock.steps:
        print(f"  {step:<62}{seconds:7.2f} s")
    print(f"  {'total':<62}{total:7.2f} s")
    print("pdf layout by part (s):")
    for part, seconds in layouts.items():
        print(f"  {part:<30}{seconds:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

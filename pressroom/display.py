"""What the command shows while it works: a progress line per edition
(rich) and, at the end, a table of the outputs: file, pages, size, seconds.

Everything goes to stderr. On a terminal the progress is live; otherwise
(CI, tests, pipes) each edition prints one plain line when it finishes.
``--quiet`` shows nothing but warnings and errors.
"""

from __future__ import annotations

import sys
import time

from pressroom.build.runner import Hooks


def human_size(n: int | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


class Display(Hooks):
    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self.progress = None
        self.tasks: dict[str, int] = {}
        self.started: dict[str, float] = {}
        if not quiet:
            from rich.console import Console
            self.console = Console(stderr=True, highlight=False)

    def say(self, text: str) -> None:
        if not self.quiet:
            if self.progress is not None:
                self.progress.console.print(text, markup=False, highlight=False)
            else:
                print(text, file=sys.stderr)

    def warn(self, text: str) -> None:
        if self.progress is not None:
            self.progress.console.print(f"warning: {text}", markup=False, highlight=False)
        else:
            print(f"warning: {text}", file=sys.stderr)

    # -- progress --
    def begin(self, names: list[str]) -> None:
        if not self.live:
            return
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        self.progress = Progress(SpinnerColumn(finished_text="[green]✓"),
                                 TextColumn("{task.fields[name]:<11}"),
                                 TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=self.console, transient=False)
        self.progress.start()
        for n in names:
            self.tasks[n] = self.progress.add_task("waiting", name=n, total=1, start=False)

    def start(self, name: str) -> None:
        self.started[name] = time.perf_counter()
        if self.progress is not None:
            self.progress.start_task(self.tasks[name])
            self.progress.update(self.tasks[name], description="building")

    def done(self, name: str, result: dict) -> None:
        if self.progress is not None:
            self.progress.update(self.tasks[name], description="done", completed=1)
        else:
            self.say(f"{name:<11} built in {result['seconds']:.1f}s")

    def failed(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.tasks[name], description="[red]failed")

    def end(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    # -- the summary table --
    def table(self, rows: list[dict], total_seconds: float) -> None:
        """rows: {"target", "file", "pages", "size", "seconds", "cached"}."""
        if self.quiet:
            return
        from rich.table import Table
        t = Table(title=None, show_edge=False, pad_edge=False)
        t.add_column("edition")
        t.add_column("file")
        t.add_column("pages", justify="right")
        t.add_column("size", justify="right")
        t.add_column("seconds", justify="right")
        for r in rows:
            secs = "cached" if r["cached"] else f"{r['seconds']:.1f}"
            t.add_row(r["target"], r["file"], str(r["pages"] or "—"),
                      human_size(r["size"]), secs)
        self.console.print(t)
        self.console.print(f"total {total_seconds:.1f}s", highlight=False)

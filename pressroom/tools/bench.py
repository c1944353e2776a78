"""``make bench``: every speed figure of issue 20, next to its target.

Not a test (a shared machine is noisy: compare figures of one run). In a
scratch copy of the project (the developer's dist/ and manuscript stay as
they are) it runs the real command and measures, side by side:

=========  ==============================================================
clean      ``build.py all`` into an empty dist/ (target <= 35 s), with each
           edition's seconds as the manifest records them
packets    the packets edition's seconds in that clean build (<= 25 s)
ratio      the whole pamphlet build against Pandoc -> WeasyPrint on the
           same manuscript (``bench_pdf --pandoc``; <= 1.2x)
noop       ``build.py all`` again, nothing changed (best of 3; <= 0.3 s)
edit       a sentence added to one chapter, then ``build.py epub`` (the
           pamphlet and the EPUB current; <= 10 s)
watch      the same edit saved while ``build.py watch epub`` runs: seconds
           from the save to its "rebuilt" line (<= 10 s)
grow       a paragraph of about 450 words added to the first chapter (its
           pages grow: every later chapter's folios move), then ``build.py
           epub`` (<= 10 s, the edit's target)
normalise  ``build.py normalise`` of a 1 MB plain text (<= 10 s)
scale      the book 10 times over (tools/scalebook.py): ``build.py all``
           clean (<= 10.5x the 1x clean build; peak memory <= 1 GB per
           process) and a no-op build (<= 0.5 s)
=========  ==============================================================

``--only noop,edit`` runs some figures (the clean 1x build is always run
first: the others start from it, unless ``--keep DIR`` names an earlier
run's folder); ``--quick`` runs all but ``scale`` and ``ratio``. Peak memory is the largest RSS of any process of a build (the
command, its workers, pandoc), from ``getrusage(RUSAGE_CHILDREN)``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressroom.builders.pdf import reused_parts
from pressroom.paths import PROJECT
from pressroom.settings.config import load_book
from pressroom.tools.bench_normalise import book as one_megabyte_book
from pressroom.tools.scalebook import make_scaled_book

COPY = ("pressroom", "manuscript", "build.py")
FIGURES = ("clean", "packets", "ratio", "noop", "edit", "watch", "grow", "normalise", "scale")
QUICK = ("clean", "packets", "noop", "edit", "watch", "normalise")
PROBE = (
    "import resource, subprocess, sys, time, json\n"
    "log = open(sys.argv[1], 'a')\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[2:], stdout=log, stderr=log).returncode\n"
    "dt = time.perf_counter() - t\n"
    "mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([dt, mb, rc]))\n")


def measure(cmd: list[str], cwd: Path, log: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB of any process it ran) of ``cmd``, run from
    a probe process of its own (so the peak is this command's alone)."""
    # Bytecode written, as in a developer's checkout (a no-op build is mostly
    # start-up: without .pyc files every run compiles pressroom again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", PROBE, str(log), *cmd], cwd=cwd,
                         capture_output=True, text=True, env=env)
    seconds, peak, rc = json.loads(out.stdout.strip().splitlines()[-1])
    if rc != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
        raise SystemExit(f"bench: {' '.join(cmd[1:3])} failed (exit {rc}):\n" + "\n".join(tail))
    return seconds, peak


def scratch_project(where: Path, manuscript_times: int = 1) -> Path:
    """A copy of the project's code, templates and styles in ``where``, with
    the manuscript (``manuscript_times`` over: tools/scalebook.py)."""
    where.mkdir(parents=True)
    for part in COPY:
        src = PROJECT / part
        if part == "manuscript" and manuscript_times > 1:
            make_scaled_book(src, where / part, manuscript_times)
        elif src.is_dir():
            shutil.copytree(src, where / part, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            shutil.copy2(src, where / part)
    return where


def grow_first_chapter(project: Path) -> str:
    """Add a paragraph of about 450 words in the middle of the first chapter."""
    src = load_book(project / "manuscript" / "book.yaml").sources[0]
    lines = src.path.read_text(encoding="utf-8").split("\n")
    paragraph = " ".join(["Delegates from the districts reported on bread, fuel and wages, and"
                          " on the meetings held in every workshop that week."] * 22)
    for i in range(len(lines) // 2, len(lines) - 1):
        if lines[i].rstrip().endswith(".") and not lines[i + 1].strip():
            lines[i + 1:i + 1] = ["", paragraph]
            break
    src.path.write_text("\n".join(lines), encoding="utf-8")
    return src.path.name


def edit_one_chapter(project: Path) -> str:
    """Add a sentence to a paragraph in the middle of the first chapter."""
    config = load_book(project / "manuscript" / "book.yaml")
    src = config.sources[0]
    lines = src.path.read_text(encoding="utf-8").split("\n")
    for i in range(len(lines) // 2, len(lines)):
        if lines[i].rstrip().endswith(".") and len(lines[i]) > 40:
            lines[i] = lines[i].rstrip() + " The benchmark added this sentence."
            break
    src.path.write_text("\n".join(lines), encoding="utf-8")
    return src.path.name


class Bench:
    """One run: the scratch projects, the command and the figures so far."""

    def __init__(self, tmp: Path, jobs: int | None, repeat: int):
        tmp.mkdir(parents=True, exist_ok=True)
        self.tmp, self.repeat, self.log = tmp, repeat, tmp / "bench.log"
        self.jobs = ["--jobs", str(jobs)] if jobs else []
        self.rows: list[tuple[str, str, str, bool | None]] = []   # figure, value, target, met
        self.phases: list[dict] = []

    def build(self, project: Path, *targets: str) -> tuple[float, float]:
        cmd = [sys.executable, str(project / "build.py"), *targets, "--dist",
               str(project / "dist"), "--quiet", *self.jobs]
        return measure(cmd, project, self.log)

    def phase(self, name: str, project: Path, *targets: str) -> dict:
        seconds, peak = self.build(project, *targets)
        last = json.loads((project / "dist" / ".cache" / "manifest.json").read_text())["last"]
        row = {"phase": name, "wall": seconds, "peak_mb": peak, "book": last["book"],
               "built": last["built"]}
        self.phases.append(row)
        return row

    def figure(self, name: str, value: float, unit: str, target: float, note: str = "") -> None:
        shown = f"{value:.2f}{unit}" + (f"  ({note})" if note else "")
        self.rows.append((name, shown, f"<= {target:g}{unit}", value <= target))
        print(f"  {name}: {shown}", flush=True)

    def noop(self, project: Path) -> float:
        return min(self.build(project, "all")[0] for _ in range(3))

    def run(self, figures: set[str]) -> None:
        one = self.tmp / "1x"
        if (one / "dist").is_dir():         # --keep DIR of an earlier run: its build, today's code
            for part in ("pressroom",):
                shutil.copytree(PROJECT / part, one / part, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", ".*"))
            clean = {"wall": float("nan"), "built": {}}
        else:
            scratch_project(one)
            clean = self.phase("clean 1x", one, "all")
            self.figure("clean build, every edition", clean["wall"], " s", 35,
                        f"peak {clean['peak_mb']:.0f} MB")
        if "packets" in figures and "packets" in clean["built"]:
            self.figure("packets edition (in the clean build)", clean["built"]["packets"], " s", 25)
        if "ratio" in figures:
            self.ratio(one)
        if "noop" in figures:
            self.figure("no-op build, 1x (best of 3)", self.noop(one), " s", 0.3)
        if "edit" in figures:
            name = edit_one_chapter(one)
            edit = self.phase("one-chapter edit", one, "epub")
            self.figure("one-chapter edit -> pamphlet and EPUB current", edit["wall"], " s", 10,
                        f"{name}: {', '.join(edit['built']) or 'nothing'} rebuilt")
        if "watch" in figures:
            self.watch(one)
        if "grow" in figures:
            name = grow_first_chapter(one)
            grown = self.phase("a chapter grows", one, "epub")
            kept = reused_parts(one / "dist" / ".cache" / "state" / "pdf")
            self.figure("a paragraph grows the first chapter -> pamphlet and EPUB current",
                        grown["wall"], " s", 10, f"{name}: later chapters' folios move; "
                        f"pamphlet: {len(kept)} parts reused ({', '.join(kept) or 'none'})")
        if "normalise" in figures:
            self.normalise(one)
        if "scale" in figures:
            self.scale(clean["wall"])

    def ratio(self, project: Path) -> None:
        pickle = next((project / "dist" / ".cache").glob("book-*.pickle"))
        out = subprocess.run([sys.executable, "-m", "pressroom.tools.bench_pdf", "--pandoc",
                              "--json", "--pickle", str(pickle), "--repeat", str(self.repeat)],
                             cwd=project, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"bench: bench_pdf --pandoc failed:\n{out.stderr[-2000:]}")
        fig = json.loads(out.stdout.strip().splitlines()[-1])
        self.figure("pamphlet / Pandoc->WeasyPrint", fig["ratio"], "x", 1.2,
                    f"{fig['pamphlet']:.1f} s, {fig['pages'][0]} pages vs "
                    f"{fig['pandoc_weasyprint']:.1f} s, {fig['pages'][1]} pages; "
                    f"{fig['jobs']} workers; best of {self.repeat}")

    def watch(self, project: Path) -> None:
        cmd = [sys.executable, str(project / "build.py"), "watch", "epub", "--dist",
               str(project / "dist"), "--quiet", *self.jobs]
        with open(self.log, "a") as log:
            proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=log,
                                    text=True,     # Ctrl-C as in a terminal, even in the background
                                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            try:
                self._line(proc, "watching ")
                name = edit_one_chapter(project)
                started = time.perf_counter()
                line = self._line(proc, "rebuilt ", "error: ")
                seconds = time.perf_counter() - started
            finally:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.terminate()
                    proc.wait()
        self.figure("one-chapter edit in watch -> pamphlet and EPUB current", seconds, " s", 10,
                    f"{name}: {line}")

    @staticmethod
    def _line(proc, *prefixes: str) -> str:
        """The watch's next line starting with one of ``prefixes``."""
        for line in proc.stdout:
            if line.startswith(prefixes):
                return line.strip()
        raise SystemExit(f"bench: the watch ended (exit {proc.wait()}); see the log")

    def normalise(self, project: Path) -> None:
        big = self.tmp / "one-megabyte.txt"        # the book bench_normalise times
        big.write_text(one_megabyte_book(), encoding="utf-8")
        seconds, _ = measure([sys.executable, str(project / "build.py"), "normalise", str(big),
                              "-o", str(self.tmp / "one-megabyte.md")], project, self.log)
        self.figure("normalise a 1 MB plain text", seconds, " s", 10,
                    f"{big.stat().st_size / 1e6:.2f} MB from tests/corpus")

    def scale(self, clean_1x: float) -> None:
        ten = scratch_project(self.tmp / "10x", manuscript_times=10)
        clean = self.phase("clean 10x", ten, "all")
        self.figure("10x book, every edition: time / 1x", clean["wall"] / clean_1x, "x", 10.5,
                    f"{clean['wall']:.0f} s vs {clean_1x:.0f} s")
        self.figure("10x book: peak memory of one process", clean["peak_mb"], " MB", 1024)
        self.figure("no-op build, 10x (best of 3)", self.noop(ten), " s", 0.5)


def show(bench: Bench) -> None:
    from rich.console import Console
    from rich.table import Table
    console = Console(width=130)
    editions = list(dict.fromkeys(e for p in bench.phases for e in p["built"]))
    t = Table(title="builds (seconds; editions run in parallel, each includes loading the Book)")
    for col in ("phase", "Book", *editions, "wall", "peak MB"):
        t.add_column(col, justify="left" if col == "phase" else "right")
    for p in bench.phases:
        t.add_row(p["phase"], f"{p['book']:.2f}",
                  *(f"{p['built'][e]:.2f}" if e in p["built"] else "cached" for e in editions),
                  f"{p['wall']:.2f}", f"{p['peak_mb']:.0f}")
    console.print(t)
    t = Table(title="issue 20: figures and targets")
    for col in ("figure", "measured", "target", "met"):
        t.add_column(col)
    for name, value, target, met in bench.rows:
        t.add_row(name, value, target, "yes" if met else "NO")
    console.print(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressroom.tools.bench",
                                 description="Issue 20's speed figures, next to their targets.")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--only", default=",".join(FIGURES),
                    help=f"comma-separated figures: {', '.join(FIGURES)} (default: all)")
    ap.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    ap.add_argument("--repeat", type=int, default=2, help="ratio: best of N (default 2)")
    ap.add_argument("--keep", help="work in this folder and keep it (to profile after); if it "
                    "holds an earlier run's built 1x project, start from that build")
    args = ap.parse_args(argv)
    figures = set(QUICK if args.quick else args.only.split(","))
    unknown = figures - set(FIGURES)
    if unknown:
        ap.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as tmp:
        bench = Bench(Path(args.keep or tmp), args.jobs, args.repeat)
        try:
            bench.run(figures)
        finally:
            show(bench)
    print(f"bench took {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

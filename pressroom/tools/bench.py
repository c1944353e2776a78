"""``make bench``: how long a build takes, clean, no-op and after an edit.

Not a test (a shared machine is noisy). In a scratch copy of the project
(so the developer's dist/ and manuscript stay as they are) it runs the real
command three times into one dist/:

* **clean**: an empty dist/ and cache, every edition built;
* **no-op**: nothing changed, everything comes from the cache;
* **one-chapter edit**: a paragraph added to one source.

and prints, per phase, the seconds of the manuscript (reading and
normalising, or the cached Book) and of each edition as the command's
manifest records them, the wall-clock total and the peak memory (largest
process RSS, workers included). Then the PDF build against WeasyPrint
alone (``pressroom.tools.bench_pdf``, best of 2).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from pressroom.paths import PROJECT
from pressroom.settings.config import load_book

COPY = ("pressroom", "manuscript", "build.py")


def _measure(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Run ``cmd`` in a child that reports (seconds, peak RSS MB, exit)."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:]).returncode\n"
        "dt = time.perf_counter() - t\n"
        "mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([dt, mb, rc]))\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd,
                         capture_output=True, text=True)
    return tuple(json.loads(out.stdout.strip().splitlines()[-1]))


def _edit_one_chapter(project: Path) -> str:
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


def run(jobs: int | None) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for part in COPY:
            src = PROJECT / part
            if src.is_dir():
                shutil.copytree(src, project / part,
                                ignore=shutil.ignore_patterns("__pycache__", ".cache"))
            else:
                shutil.copy2(src, project / part)
        dist = project / "dist"
        cmd = [sys.executable, str(project / "build.py"), "all", "--dist", str(dist), "--quiet"]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        for phase in ("clean", "no-op", "one-chapter edit"):
            note = ""
            if phase == "one-chapter edit":
                note = _edit_one_chapter(project)
            seconds, peak, rc = _measure(cmd, project)
            if rc != 0:
                raise SystemExit(f"bench: the {phase} build failed (exit {rc})")
            last = json.loads((dist / ".cache" / "manifest.json").read_text())["last"]
            rows.append({"phase": phase, "note": note, "wall": seconds, "peak_mb": peak,
                         "total": last["total"],
                         "book": last["book"], "built": last["built"],
                         "cached": last["cached"]})
    return rows


def show(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    editions = []
    for r in rows:
        for name in [*r["built"], *r["cached"]]:
            if name not in editions:
                editions.append(name)
    t = Table(title="pressroom build benchmark (seconds)")
    t.add_column("phase")
    t.add_column("manuscript (Book)", justify="right")
    for e in editions:
        t.add_column(e, justify="right")
    t.add_column("total (command)", justify="right")
    t.add_column("wall (+ start-up)", justify="right")
    t.add_column("peak MB", justify="right")
    for r in rows:
        cells = [f"{r['built'][e]:.2f}" if e in r["built"] else "cached" for e in editions]
        t.add_row(r["phase"], f"{r['book']:.2f}", *cells, f"{r['total']:.2f}",
                  f"{r['wall']:.2f}", f"{r['peak_mb']:.0f}")
    Console(width=120).print(t)
    edited = [r["note"] for r in rows if r["note"]]
    if edited:
        print(f"One-chapter edit: a sentence added to {edited[0]}.")
    print("Editions run in parallel processes, so the total is less than their sum;\n"
          "an edition's seconds include loading the cached Book in its worker.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressroom.tools.bench")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--no-pdf-ratio", action="store_true",
                    help="skip pressroom.tools.bench_pdf (the PDF layout ratio)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    show(run(args.jobs))
    if not args.no_pdf_ratio:
        print("\nPDF layout (pressroom.tools.bench_pdf):", flush=True)
        subprocess.run([sys.executable, "-m", "pressroom.tools.bench_pdf", "--repeat", "2"],
                       cwd=PROJECT)
    print(f"\nbench took {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

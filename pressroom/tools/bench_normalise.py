"""``python -m pressroom.tools.bench_normalise``: normalising a 1 MB book.

Not a test (a shared machine is noisy). It writes a Project Gutenberg-style
plain-text book of about 1 MB (the header of tests/corpus's Prince excerpt,
then the bodies of its Prince and Riis excerpts in turn, each under its own
numbered chapter title, then the footer) to a scratch folder and runs the
real command on it, ``build.py normalise FILE -o OUT``, best of ``--runs``.
It prints the wall-clock seconds and the CPU seconds (user + system, the
Pandoc children included): the target is under 10 s for the 1 MB book.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressroom.paths import PROJECT

CORPUS = PROJECT / "tests" / "corpus"
ORDINALS = ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH")


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def book(size: int = 1_000_000) -> str:
    """The benchmark's book: real paragraphs, notes and quotations, with a
    chapter title of its own before each body."""
    prince = (CORPUS / "pg-prince-1232-ascii-starred-notes.txt").read_text(encoding="ascii")
    riis = (CORPUS / "pg-riis-other-half-2014-utf8-bom.txt").read_text(encoding="utf-8-sig")
    head = prince[:prince.index("CHAPTER III --")]
    foot = prince[prince.index("End of the Project Gutenberg EBook"):]
    bodies = [prince[prince.index("But the difficulties occur"):prince.index("CHAPTER IV --")],
              riis[riis.index("Long ago it was said"):riis.index("  CHAPTER I.\n")],
              riis[riis.index("The first tenement New York"):riis.index("  [Illustration]\n\n\n")]]
    parts, n = [head], 1
    while sum(map(len, parts)) < size:
        title = f"CHAPTER {roman(n)} -- THE {ORDINALS[n % 5]} MATTER OF PART {n}"
        parts.append(f"\n\n\n\n{title}\n\n{bodies[n % 3].strip()}\n")
        n += 1
    return "".join(parts) + "\n\n\n\n" + foot


def _run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=PROJECT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args(argv)
    text = book()
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as tmp:
        src = Path(tmp) / "book.txt"
        src.write_text(text, encoding="utf-8")
        cmd = [sys.executable, str(PROJECT / "build.py"), "normalise", str(src),
               "-o", str(Path(tmp) / "book.md"), "--quiet"]
        runs = [_run(cmd) for _ in range(args.runs)]
    wall, cpu = min(runs, key=lambda r: r[1])
    print(f"normalise {len(text.encode()):,} bytes: "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU (best of {args.runs}; target: under 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``build.py watch``: a saved edit is rebuilt and reported; a bad edit prints
one error line and the watch goes on; Ctrl-C ends it with exit status 0.

The command runs in a subprocess on a copy of the small test book, building
only the manuscript edition (no layout: the test waits on the watch's
behaviour, not on WeasyPrint). No timing is asserted: each wait is a
generous upper bound, and the test moves on as soon as the line appears."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"
WAIT = 120          # seconds: an upper bound on a busy machine, never a target


def _ctrl_c_as_in_a_terminal() -> None:
    # A shell running CI in the background starts its children with SIGINT
    # ignored, and Python then never raises KeyboardInterrupt: the watch
    # gets the disposition a user's terminal gives it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    """``build.py watch manuscript`` on ``root``, its stdout read line by line."""

    def __init__(self, root: Path):
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "watch", "manuscript",
             "--book", str(root / "book.yaml"), "--dist", str(root.parent / "dist"),
             "--jobs", "1", "--quiet"],
            cwd=root.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=_ctrl_c_as_in_a_terminal)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str) -> str:
        """The next line starting with ``prefix``."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, f"watch ended: {self.seen}"
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r} within {WAIT} s: {self.seen}")


def test_watch_rebuilds_an_edit_reports_a_bad_one_and_stops_on_ctrl_c(tmp_path):
    root = tmp_path / "manuscript"
    shutil.copytree(BASE, root)
    md = tmp_path / "dist" / "small-book.md"
    w = Watcher(root)
    try:
        assert w.wait_for("rebuilt ").startswith("rebuilt manuscript in ")
        w.wait_for("watching ")
        assert "resolute assembly of typesetters" not in md.read_text()

        src = root / "sources" / "alpha.txt"
        src.write_text(src.read_text() + "\nA resolute assembly of typesetters met at dawn.\n")
        assert w.wait_for("rebuilt ").startswith("rebuilt manuscript in ")
        assert "resolute assembly of typesetters" in md.read_text()

        book = root / "book.yaml"
        good = book.read_text()
        book.write_text(good.replace("slug: small-book", "slug: [small-book"))
        error = w.wait_for("error: ")
        assert "book.yaml" in error and "\n" not in error
        assert w.proc.poll() is None                    # still watching

        book.write_text(good)
        w.wait_for("up to date")                       # the outputs already match
        assert "resolute assembly of typesetters" in md.read_text()
    finally:
        w.proc.send_signal(signal.SIGINT)
        try:
            code = w.proc.wait(timeout=WAIT)
        finally:
            w.proc.kill()
    assert code == 0, w.proc.stderr.read()


def test_the_watch_says_which_parts_of_the_pamphlet_it_reused():
    from pressroom.build.watch import reuse_note
    assert reuse_note([], 5) == "pamphlet: 0 of 5 chapters reused"
    assert reuse_note(["body:b", "index", "body:c", "front"], 3) == (
        "pamphlet: 2 of 3 chapters reused, and the front matter, the index")
    assert reuse_note(["glossary"], 1) == "pamphlet: 0 of 1 chapters reused, and the glossary"

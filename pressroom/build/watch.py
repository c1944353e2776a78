"""``build.py watch [targets]``: build again whenever a saved file changes.

Place in the flow: cli.py calls ``watch(...)`` with a ``build`` function
(the normal build: publisher.load and Publisher.build, so the cache decides
what is outdated exactly as for ``build.py``). This module only polls and
reports: every ``interval`` seconds it takes the size and modification time
of every file a build reads (the manuscript folder, whatever book.yaml
names outside it, its theme/, and pressroom's own templates and styles) and, when
any differs, builds once and prints one line: what it rebuilt and how long
it took. A bad edit prints its one-line error and the watch goes on;
Ctrl-C ends it with exit status 0.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

from pressroom.build.cache import visible_files, book_inputs
from pressroom.errors import UserError
from pressroom.paths import STYLES, TEMPLATES

INTERVAL = 0.5          # seconds between two looks at the files

Stamp = dict[Path, tuple[int, int]]


def watched_files(book_yaml: Path, config=None) -> list[Path]:
    """The files a build reads besides code: the manuscript folder (all of
    it, its theme/ included, so a new source is seen), what ``config`` names
    outside it, and pressroom's own templates and styles."""
    files = set(visible_files(Path(book_yaml).parent))
    files.add(Path(book_yaml))
    if config is not None:
        files.update(book_inputs(config))
    for folder in (TEMPLATES, STYLES):
        files.update(visible_files(folder))
    return sorted(files, key=str)


def stamp(files: list[Path]) -> Stamp:
    """(mtime in ns, size) of each file that exists."""
    out: Stamp = {}
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        out[path] = (st.st_mtime_ns, st.st_size)
    return out


def changed(before: Stamp, after: Stamp) -> list[Path]:
    return sorted((p for p in before.keys() | after.keys() if before.get(p) != after.get(p)),
                  key=str)


def summary(rebuilt: list[str], seconds: float, note: str = "") -> str:
    """The one line a build prints in watch mode."""
    if not rebuilt:
        return f"up to date: nothing to rebuild ({seconds:.1f} s)"
    return f"rebuilt {', '.join(rebuilt)} in {seconds:.1f} s" + (f" ({note})" if note else "")


def reuse_note(reused: list[str], chapters: int) -> str:
    """What a pamphlet build took as it was ("pamphlet: 4 of 5 chapters
    reused, and the index"; ``reused``: pdf.reused_parts)."""
    kept = len([p for p in reused if p.startswith("body:")])
    rest = [{"front": "the front matter", "glossary": "the glossary", "index": "the index"}[p]
            for p in ("front", "glossary", "index") if p in reused]
    return (f"pamphlet: {kept} of {chapters} chapters reused"
            + (", and " + ", ".join(rest) if rest else ""))


def build_once(build: Callable[[], tuple[list[str], object, str]], say: Callable[[str], None]):
    """Run one build; print its line, or its error's one line. Returns the
    config it loaded (None if it failed before loading it)."""
    started = time.perf_counter()
    try:
        rebuilt, config, note = build()
    except UserError as err:
        say(f"error: {err}")
        return None
    except Exception as err:        # a failing builder: one line, and keep watching
        say(f"error: {type(err).__name__}: {err}")
        return None
    say(summary(rebuilt, time.perf_counter() - started, note))
    return config


def watch(book_yaml: Path, build: Callable[[], tuple[list[str], object, str]],
          say: Callable[[str], None] = print, interval: float = INTERVAL,
          rounds: int | None = None) -> int:
    """Build, then build again after each change, until Ctrl-C (exit 0).
    ``build()`` returns (the names of the editions it rebuilt, the config it
    loaded, a note for the line). ``rounds`` bounds the number of polls (for tests)."""
    try:
        before = stamp(watched_files(book_yaml))        # taken before: an edit during a build is seen
        config = build_once(build, say)
        say(f"watching {Path(book_yaml).parent} (Ctrl-C to stop)")
        n = 0
        while rounds is None or n < rounds:
            n += 1
            time.sleep(interval)
            now = stamp(watched_files(book_yaml, config))
            edits = changed(before, now)
            if not edits:
                continue
            time.sleep(min(interval, 0.2))      # let an editor finish saving
            names = ", ".join(p.name for p in edits[:3]) + (" ..." if len(edits) > 3 else "")
            say(f"changed: {names}")
            before = stamp(watched_files(book_yaml, config))
            config = build_once(build, say) or config
    except KeyboardInterrupt:
        say("stopped watching")
    sys.stdout.flush()
    return 0

"""dist/ swapped in one step: a symlink to a complete, versioned folder.

Place in the flow: the publisher builds the new set of outputs into a
fresh version folder beside dist/ (``.<dist>-v<N>/``: the new editions, the
report, and hard links to the unchanged files of the current set), moves
the lock's name and the cache into it, and then replaces the symlink
``dist -> .<dist>-v<N>`` with one rename. A kill at any moment leaves
dist/ pointing at the old complete set or at the new one, never at a mix;
the next build removes whatever version folder dist/ no longer points at.

The lock (build/lock.py) is ``dist/.lock``: its file is hard-linked into the
new version before the swap, so the kernel lock the build holds stays on
the one ``.lock`` any other build or ``clean`` can open.

A dist/ that is a real folder (from an older pressroom) is moved aside
into a version folder and replaced by the symlink on the first build. Tests
set ``PRESSROOM_TEST_HOOK`` to ``kill:<step>`` or ``pause:<step>:<folder>``
to stop the publisher at one of ``STEPS`` (see ``checkpoint``).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

KEEP = (".lock", ".cache")       # the build's own files, moved, never copied
STEPS = ("staged", "carried", "adopted", "manifest", "swapped", "pruned")
HOOK = "PRESSROOM_TEST_HOOK"


def checkpoint(step: str) -> None:
    """Fault injection for tests: ``kill:<step>`` ends the process here as a
    SIGKILL would (no clean-up); ``pause:<step>:<folder>`` writes
    ``<folder>/paused`` and waits until ``<folder>/go`` exists."""
    hook = os.environ.get(HOOK, "")
    action, _, rest = hook.partition(":")
    where, _, folder = rest.partition(":")
    if where != step:
        return
    if action == "kill":
        os._exit(137)
    if action == "pause":
        (Path(folder) / "paused").write_text(str(os.getpid()))
        deadline = time.monotonic() + 120
        while not (Path(folder) / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.05)


def _versions(dist: Path) -> list[Path]:
    return sorted(dist.parent.glob(f".{dist.name}-v*")) + sorted(
        dist.parent.glob(f".{dist.name}-legacy"))


def exists(dist: Path) -> bool:
    return dist.is_symlink() or dist.exists()


def ensure(dist: Path) -> None:
    """Make dist/ exist (a symlink to an empty version) so that its lock can
    be taken; two builds racing here both end with the one link."""
    dist = Path(dist)
    if dist.is_symlink() and not dist.exists():   # its folder was removed by hand
        dist.unlink()
    if exists(dist):
        return
    legacy = dist.parent / f".{dist.name}-legacy"
    if legacy.is_dir():                       # killed while migrating: finish it
        _link(dist, legacy)
        return
    dist.parent.mkdir(parents=True, exist_ok=True)
    first = new_version(dist)
    try:
        os.symlink(first.name, dist)
    except FileExistsError:
        shutil.rmtree(first, ignore_errors=True)


def migrate(dist: Path) -> None:
    """Under the lock: a real dist/ folder becomes a version folder plus the
    symlink (the lock's file moves with it)."""
    if dist.is_symlink() or not dist.is_dir():
        return
    legacy = dist.parent / f".{dist.name}-legacy"
    os.rename(dist, legacy)
    try:
        _link(dist, legacy)
    except OSError:
        # a full or read-only disk: put the old folder back as it was
        if not dist.is_symlink():
            os.rename(legacy, dist)
        raise


def _link(dist: Path, version: Path) -> None:
    tmp = dist.parent / f".{dist.name}-link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(version.name, tmp)
    os.replace(tmp, dist)                     # the one-step swap


def current(dist: Path) -> Path:
    return Path(os.path.realpath(dist))


def new_version(dist: Path) -> Path:
    path = dist.parent / f".{dist.name}-v{time.time_ns()}-{os.getpid()}"
    path.mkdir()
    return path


def carry_over(old: Path, new: Path, drop: set[str]) -> None:
    """Hard-link into ``new`` every file of ``old`` that the new set keeps:
    all but the build's own files, ``drop`` (outputs of rebuilt editions)
    and what ``new`` already has."""
    for folder, dirs, files in os.walk(old):
        rel_dir = Path(folder).relative_to(old)
        if rel_dir == Path("."):
            dirs[:] = [d for d in dirs if d not in KEEP]
        for name in files:
            rel = rel_dir / name
            if str(rel) in drop or name in KEEP and rel_dir == Path("."):
                continue
            target = new / rel
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(old / rel, target)
            except OSError:                   # no hard links here: a copy
                shutil.copy2(old / rel, target)


def adopt(old: Path, new: Path) -> None:
    """Give ``new`` the lock's file (same inode: the lock held stays held)
    and the cache (moved: a kill from here on costs a rebuild, never a
    wrong output)."""
    if (old / ".lock").exists() and not (new / ".lock").exists():
        os.link(old / ".lock", new / ".lock")
    if (old / ".cache").is_dir() and not (new / ".cache").exists():
        os.rename(old / ".cache", new / ".cache")


def swap(dist: Path, new: Path) -> None:
    _link(dist, new)


def prune(dist: Path) -> None:
    """Remove the version folders dist/ does not point at (an old set, or a
    set a killed build never swapped in)."""
    keep = current(dist) if exists(dist) else None
    for version in _versions(dist):
        if version.resolve() != keep:
            shutil.rmtree(version, ignore_errors=True)
    for tmp in dist.parent.glob(f".{dist.name}-link-*"):
        tmp.unlink(missing_ok=True)


def remove(dist: Path) -> None:
    """``clean``: the link and every version folder."""
    if dist.is_symlink():
        dist.unlink()
    elif dist.is_dir():
        shutil.rmtree(dist, ignore_errors=True)
    for version in _versions(dist):
        shutil.rmtree(version, ignore_errors=True)

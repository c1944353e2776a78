"""One build at a time per dist/: an exclusive lock on ``<dist>/.lock``.

The command takes it before it writes anything into dist/ (the cache, the
staging folder, the outputs) and keeps it until it has finished. A second
build into the same folder stops at once with one line saying who holds it.
The lock is an ``flock``, so the kernel releases it if the holder dies.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from pressroom.errors import UserError


class BuildLocked(UserError):
    exit_code = 75          # EX_TEMPFAIL: try again later


@contextmanager
def build_lock(dist: Path):
    dist = Path(dist)
    dist.mkdir(parents=True, exist_ok=True)
    path = dist / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise BuildLocked(f"another build (pid {holder}) is writing to this folder",
                              dist, hint="wait for it to finish, or build into another --dist") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

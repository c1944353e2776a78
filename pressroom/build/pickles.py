"""Pickles in the cache, behind a header: format version + sha256 of the payload.

Place in the flow: build/cache.py (the Book for the worker processes) and
build/chapters.py (each normalised chapter) write their pickles with
``write_pickle`` and read them back only through ``load_pickle``, which
refuses (``CacheCorrupt``) a file of another format or whose checksum does
not match; the caller discards it with a warning and rebuilds.
"""

from __future__ import annotations

import hashlib
import pickle
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from pressroom.build.output import atomic_path

FORMAT = 2          # bump when the cache layout changes
MAGIC = b"pressroom-cache"


class CacheCorrupt(Exception):
    """A cache file that cannot be trusted; the message says why."""


def write_pickle(path: Path, obj: Any) -> None:
    """``obj`` pickled into ``path`` (atomically), behind the header. The
    pickle is streamed to the file through the checksum, the header written
    last over a placeholder of its length: no copy of the payload is held
    in memory (the 10x Book's is 65 MB, and was held twice)."""
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        out = _Hashing(f)
        f.write(_header(b"0" * out.digest.digest_size * 2))
        pickle.dump(obj, out, protocol=pickle.HIGHEST_PROTOCOL)
        f.seek(0)
        f.write(_header(out.digest.hexdigest().encode()))


class _Hashing:
    """A file that hashes what is written to it (the payload's checksum)."""

    def __init__(self, f: BinaryIO):
        self.f, self.digest = f, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.f.write(data)


def _header(checksum: bytes) -> bytes:
    return b"%s %d %s\n" % (MAGIC, FORMAT, checksum)


@contextmanager
def _checked(path: Path) -> Iterator[BinaryIO]:
    """The file, read to the end through the checksum once, then open at
    its payload."""
    try:
        f = open(path, "rb")
    except OSError as err:
        raise CacheCorrupt(f"unreadable ({err.strerror})") from None
    with f:
        head = f.readline()
        fields = head.rstrip(b"\n").split(b" ")
        if len(fields) != 3 or fields[0] != MAGIC:
            raise CacheCorrupt("not a pressroom cache file")
        if fields[1] != str(FORMAT).encode():
            raise CacheCorrupt(f"cache format {fields[1].decode(errors='replace')}, "
                               f"this pressroom writes {FORMAT}")
        digest = hashlib.sha256()
        while chunk := f.read(1 << 20):
            digest.update(chunk)
        if digest.hexdigest().encode() != fields[2]:
            raise CacheCorrupt("checksum mismatch (truncated or corrupt)")
        f.seek(len(head))
        yield f


def verify_pickle(path: Path) -> None:
    with _checked(path):
        pass


def load_pickle(path: Path) -> Any:
    """The object in a file written by ``write_pickle``; CacheCorrupt unless
    its header names this format and its checksum matches."""
    with _checked(path) as f:
        try:
            return pickle.load(f)
        except Exception as err:        # a class renamed since: as good as corrupt
            raise CacheCorrupt(f"cannot be read back ({type(err).__name__})") from None

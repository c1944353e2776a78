"""Pickles in the cache, behind a header: format version + sha256 of the payload.

Place in the flow: build/cache.py (the Book for the worker processes) and
build/chapters.py (each normalised chapter) write their pickles with
``dump_pickle`` and read them back only through ``load_pickle``, which
refuses (``CacheCorrupt``) a file of another format or whose checksum does
not match; the caller discards it with a warning and rebuilds.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

FORMAT = 2          # bump when the cache layout changes
MAGIC = b"pressroom-cache"


class CacheCorrupt(Exception):
    """A cache file that cannot be trusted; the message says why."""


def dump_pickle(obj: Any) -> bytes:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    header = b"%s %d %s\n" % (MAGIC, FORMAT, hashlib.sha256(payload).hexdigest().encode())
    return header + payload


def _checked_payload(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise CacheCorrupt(f"unreadable ({err.strerror})") from None
    head, _, payload = data.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 3 or fields[0] != MAGIC:
        raise CacheCorrupt("not a pressroom cache file")
    if fields[1] != str(FORMAT).encode():
        raise CacheCorrupt(f"cache format {fields[1].decode(errors='replace')}, "
                           f"this pressroom writes {FORMAT}")
    if hashlib.sha256(payload).hexdigest().encode() != fields[2]:
        raise CacheCorrupt("checksum mismatch (truncated or corrupt)")
    return payload


def verify_pickle(path: Path) -> None:
    _checked_payload(path)


def load_pickle(path: Path) -> Any:
    """The object in a file written by ``dump_pickle``; CacheCorrupt unless
    its header names this format and its checksum matches."""
    payload = _checked_payload(path)
    try:
        return pickle.loads(payload)
    except Exception as err:        # a class renamed since: as good as corrupt
        raise CacheCorrupt(f"cannot be read back ({type(err).__name__})") from None

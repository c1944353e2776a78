"""EPUB: the container rewritten so that two builds are byte-identical.

ebooklib stamps every zip entry with the current time. ``normalise_zip``
copies the archive entry by entry with one fixed timestamp (the build date),
fixed permissions and a fixed compression level, ``mimetype`` first and
stored uncompressed as OCF requires.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

FIRST = "mimetype"


def normalise_zip(src: Path, dst: Path, when: dt.datetime) -> None:
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
             when.second)
    with zipfile.ZipFile(src) as zin:
        names = zin.namelist()
        order = [FIRST] + [n for n in names if n != FIRST]
        with zipfile.ZipFile(dst, "w") as zout:
            for name in order:
                data = zin.read(name)
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3                      # unix
                info.external_attr = 0o100644 << 16
                if name == FIRST:
                    info.compress_type = zipfile.ZIP_STORED
                    zout.writestr(info, data)
                else:
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zout.writestr(info, data, compresslevel=9)

"""The book's date as the build uses it, checked when book.yaml loads.

book.yaml's ``date:`` may be a day, a month or a year (2026-11-22, 2026-11,
2026); the build stamps a full day on its outputs (the first of the month or
year when only those are given), and the day must be one every output can
hold: ZIP entries (the EPUB) store only the years 1980-2107.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from pressroom.errors import UserError

FIRST_YEAR, LAST_YEAR = 1980, 2107


def full_day(date: str) -> str:
    """'2026' -> '2026-01-01', '2026-03' -> '2026-03-01', a day as it is."""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def check_book_date(date: str, path: Path, line: int | None) -> str:
    """book.yaml's date as a full day a build can use, or one clear error;
    SOURCE_DATE_EPOCH, when set, is held to the same years."""
    try:
        day = _dt.date.fromisoformat(full_day(date))
    except ValueError:
        raise UserError(f"date {date!r} is not a real date", path, line,
                        "write YYYY-MM-DD, YYYY-MM or YYYY") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UserError(f"date {date!r} cannot be a build date", path, line,
                        f"use a date from {FIRST_YEAR} to {LAST_YEAR}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        try:
            year = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).year
        except (OverflowError, OSError, ValueError):
            year = None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserError(f"SOURCE_DATE_EPOCH={epoch[:20]} is not a usable build date",
                            None, None,
                            f"unset it or give a time in the years {FIRST_YEAR}-{LAST_YEAR}")
    return day.isoformat()


def build_day(day: str) -> str:
    """The day a build stamps on its outputs, read once when the settings
    load: SOURCE_DATE_EPOCH's day if it is set (checked above), else
    ``day``, book.yaml's date as a full day. Never the clock, so builds
    reproduce; nothing later reads the environment for it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return day

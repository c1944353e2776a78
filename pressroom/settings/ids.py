"""Names that become file names, anchors and cache keys, and paths that
book.yaml or a sidecar names: checked when the settings load.

Place in the flow: settings/config.py and settings/packets.py call these
while loading, so ``build.py check`` refuses (one line, file:line) a ``slug``
like ``../../x`` or ``/abs/x``, a chapter id with a quote, or a source that is
a symlink leading out of the book's folder, before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.errors import UserError

# A letter first (an XHTML id must not start with a digit), then letters,
# digits, hyphens and underscores: safe in a file name, a URL fragment, an
# XML id and a cache key on every system.
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")
# A slug names the output files: it may start with a digit ("1917-reader").
SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def check_id(value: str, what: str, path: Path | None, line: int | None,
             pattern: re.Pattern = SAFE_ID) -> str:
    """``value`` if it is a safe id, else one clear error naming ``what``."""
    if not pattern.fullmatch(value):
        first = "a letter or digit" if pattern is SAFE_SLUG else "a letter"
        raise UserError(f"{what} {value!r} is not a safe name", path, line,
                        f"use {first}, then letters, digits, '-' or '_' (at most 100)")
    return value


def confined(root: Path, rel: str, what: str, path: Path, line: int | None) -> Path:
    """``root / rel``, refused unless it stays inside ``root`` once every
    symlink is resolved (an absolute path, ``..`` or a link leading out)."""
    base = root.resolve()
    target = (root / rel).resolve()
    if target != base and base not in target.parents:
        via = " (through a symlink)" if (base / rel).absolute() != target and \
            not Path(rel).is_absolute() and ".." not in Path(rel).parts else ""
        raise UserError(f"{what} {rel!r} is outside the book's folder{via}", path, line,
                        f"keep every file the book uses inside {root}")
    return root / rel

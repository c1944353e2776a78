"""User-facing errors: one clear line, naming the file (and line) at fault.

Anything a user can cause (bad YAML, a missing file, an undecodable source)
raises UserError; the command prints ``str(err)`` and exits non-zero, with
no traceback. Programming errors stay ordinary exceptions.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem in the user's input, reported as ``file:line: message``."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{display_path(self.path)}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

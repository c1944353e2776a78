"""The editions pressroom can build, and what each one writes.

Each target names the writer function that builds it from the Book and the
files it produces, so the command, the cache and the tests share one list.
A writer function is ``build(book, dist: Path) -> list[Path]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Target:
    name: str
    writer: str            # "module:function", imported only when needed
    help: str

    def build(self, book, dist: Path) -> list[Path]:
        module, func = self.writer.split(":")
        fn: Callable = getattr(import_module(f"pressroom.writers.{module}"), func)
        return fn(book, dist)


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("manuscript", "manuscript:build", "the normalised manuscript, dist/<slug>.md"),
    Target("pdf", "pdf:build", "the pamphlet PDF, dist/<slug>.pdf"),
    Target("epub", "epub:build", "the EPUB 3, dist/<slug>.epub"),
)}

"""The editions pressroom can build, and what each one writes.

Each target names the writer function that builds it from the Book and the
files it produces, so the command, the cache and the tests share one list.
A writer function is ``build(book, dist: Path) -> list[Path]``; it writes
only inside ``dist`` (a staging folder: see build.py's flow in cli.py).

What a target declares beyond its writer, for the scheduler and the cache
(pressroom/cache.py, pressroom/runner.py):

``needs``     targets that must be built first. The writer then finds their
              outputs in ``book.outputs[name]`` (a list of Paths) and their
              artefacts as attributes of the book.
``provides``  attributes the writer sets on the book for later targets
              (e.g. the PDF's ``pagemap`` for the EPUB). They are saved in
              the cache, so a dependant can run in another process, or
              after a cached (skipped) provider.
``uses``      the parts of the Book the edition shows: any of ``config``,
              ``front``, ``chapters``, ``glossary``, ``index``. Changing a
              part rebuilds only the editions that use it.
``files``     project files it depends on besides pressroom's code (globs,
              relative to the project); templates, styles and fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable

BOOK_PARTS = ("config", "front", "chapters", "glossary", "index")


@dataclass(frozen=True)
class Target:
    name: str
    writer: str            # "module:function", imported only when needed
    help: str
    needs: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    uses: tuple[str, ...] = BOOK_PARTS
    files: tuple[str, ...] = ("templates/**/*", "styles/**/*")

    def build(self, book, dist: Path) -> list[Path]:
        module, func = self.writer.split(":")
        fn: Callable = getattr(import_module(f"pressroom.builders.{module}"), func)
        return fn(book, dist)


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("manuscript", "manuscript:build", "the normalised manuscript, dist/<slug>.md",
           files=()),
    Target("pdf", "pdf:build", "the pamphlet PDF, dist/<slug>.pdf",
           provides=("pagemap",),
           files=("templates/pdf/**/*", "styles/pdf/**/*", "styles/fonts/*",
                  "templates/labels/*")),
    # The EPUB's page list gives the print pages: it takes the PDF's page map.
    Target("epub", "epub:build", "the EPUB 3, dist/<slug>.epub", needs=("pdf",),
           files=("templates/epub/**/*", "styles/epub/**/*", "styles/fonts/*",
                  "styles/print/cover.css", "templates/labels/*")),   # the EPUB cover takes its colours
    # At A5 the print interior is the pamphlet's pages, finished: no second layout.
    Target("print", "printing:build",
           "print-ready interior and cover, dist/print/<slug>-interior.pdf, -cover.pdf",
           needs=("pdf",), uses=("config", "front", "chapters", "glossary", "index"),
           files=("templates/print/**/*", "styles/print/**/*", "styles/fonts/*")),
    Target("packets", "packets:build",
           "study packets and booklets, dist/packets/NN-<name>[-booklet].pdf",
           uses=("config", "chapters", "glossary"),
           files=("templates/packets/**/*", "styles/packets/**/*", "styles/fonts/*",
                  "templates/labels/*")),
)}


def closure(names: list[str]) -> list[str]:
    """The requested targets plus everything they need, in build order."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...] = ()) -> None:
        if name in order:
            return
        if name in path:
            raise RuntimeError(f"targets depend on each other: {' -> '.join(path + (name,))}")
        for dep in TARGETS[name].needs:
            visit(dep, path + (name,))
        order.append(name)

    for n in names:
        visit(n)
    return order

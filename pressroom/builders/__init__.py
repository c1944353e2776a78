"""The editions pressroom can build: a ``Builder`` each, in one registry.

Place in the flow: the publisher (publisher.py) asks the registry which
builders a command needs (``closure``), the cache (build/cache.py) keys each
one on what it declares, and the runner (build/runner.py) calls
``builder.build(book, ctx, inputs)`` in a worker process.

What a builder declares (as Sphinx's builders do), so the scheduler, the
cache and the tests share one list:

``name``, ``help``  the target on the command line and its one-line help.
``needs``     builders whose outputs or artefacts it takes; they run first.
``provides``  named artefacts it hands to the builders that need it (the PDF's
              ``pagemap`` for the EPUB). They are JSON data, saved in the cache,
              so a dependant can run in another process or after a cached
              (skipped) provider.
``uses``      the parts of the Book it shows: any of ``config``, ``front``,
              ``chapters``, ``glossary``, ``index``. Changing a part rebuilds
              only the editions that use it.
``files``     project files it reads besides code (globs relative to the
              project): templates, styles, fonts.
``code``      pressroom's own code it runs (paths relative to pressroom/): its
              package plus the shared modules it imports. Editing code outside
              them does not rebuild it.
``package``   the module holding its ``build`` function, imported only when the
              builder runs (so the command stays quick to start).
``tasks``     its work is independent tasks (the pamphlet's chapters; the
              packets' files; the EPUB's text), which the runner shares out with the other editions'
              work; they start at once, and only its finish waits for ``needs``.
``preload``   modules a worker process imports ahead, while the Book is made
              (WeasyPrint: 0.7 s), so the builder starts at once.

A package's ``build(book, ctx, inputs) -> Result`` writes only inside
``ctx.out`` (a staging folder) and receives everything else as arguments.
A package of ``tasks`` has, instead, ``tasks(book, ctx) -> list`` (small
picklable descriptions, the longest first), ``run_task(book, ctx, task)``
(one task, in any worker process; returns picklable data) and
``finish(book, ctx, inputs, done) -> Result`` (``done``: (task, what it
returned) pairs, in any order).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from pressroom.errors import UserError

BOOK_PARTS = ("config", "front", "chapters", "glossary", "index")

# Code every builder runs: this module, the error type, the project paths,
# safe output, the Book and its models.
SHARED_CODE = ("builders/__init__.py", "errors.py", "paths.py", "build/output.py",
               "doctree/")


@dataclass(frozen=True)
class BuildContext:
    """What a build knows besides the Book; one object, passed, never global.

    ``out`` is the staging folder a builder writes into; ``state_dir`` a
    folder of its own in the cache that outlives builds (the PDF keeps its
    footnote fixes there); ``pdf_options`` are WeasyPrint ``write_pdf``
    options for the pamphlet (the benchmark sets ``pdf_variant``)."""
    build_date: str
    out: Path
    state_dir: Path
    jobs: int = 1
    pdf_options: dict[str, Any] | None = None       # None: the builder's defaults

    def for_builder(self, name: str, cache_dir: Path) -> "BuildContext":
        state = Path(cache_dir) / "state" / name
        state.mkdir(parents=True, exist_ok=True)
        return dataclasses.replace(self, state_dir=state)


@dataclass
class Inputs:
    """What the builders this one needs produced: their output files (by
    builder name) and their artefacts (by artefact name)."""
    files: dict[str, list[Path]] = field(default_factory=dict)
    artefacts: dict[str, Any] = field(default_factory=dict)

    def artefact(self, name: str, provider: str, needed_by: str) -> Any:
        """A needed artefact, or one clear error if it was not handed on."""
        if name not in self.artefacts or self.artefacts[name] is None:
            raise UserError(f"{needed_by}: the {provider} edition's '{name}' is missing",
                            hint=f"build both together (e.g. 'build.py {provider} "
                                 f"{needed_by}'), or 'build.py clean' first")
        return self.artefacts[name]

    def file(self, builder: str, suffix: str, needed_by: str) -> Path:
        """The output of a needed builder with this suffix, or one clear error."""
        for path in self.files.get(builder, []):
            if Path(path).suffix == suffix and Path(path).is_file():
                return Path(path)
        raise UserError(f"{needed_by}: the {builder} edition's {suffix} file is missing",
                        hint=f"build both together (e.g. 'build.py {builder} {needed_by}')")


@dataclass
class Result:
    """What a builder made: the files it wrote (inside ``ctx.out``) and the
    artefacts it provides to the builders that need it."""
    files: list[Path]
    artefacts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Builder:
    name: str
    help: str
    package: str
    code: tuple[str, ...]
    needs: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    uses: tuple[str, ...] = BOOK_PARTS
    files: tuple[str, ...] = ()
    tasks: bool = False
    preload: tuple[str, ...] = ()

    @property
    def module(self):
        # The one lazy import of a pressroom module: a builder's package pulls
        # in WeasyPrint or ebooklib, which a no-op build never needs.
        return import_module(self.package)

    def build(self, book, ctx: BuildContext, inputs: Inputs) -> Result:
        """The whole edition, in this process (a builder of tasks runs
        them one after the other)."""
        if not self.tasks:
            return self.checked(self.module.build(book, ctx, inputs))
        done = [(task, self.module.run_task(book, ctx, task))
                for task in self.module.tasks(book, ctx)]
        return self.finish(book, ctx, inputs, done)

    def finish(self, book, ctx: BuildContext, inputs: Inputs, done: list) -> Result:
        return self.checked(self.module.finish(book, ctx, inputs, done))

    def checked(self, result: Result) -> Result:
        missing = [a for a in self.provides if a not in result.artefacts]
        if missing:
            raise RuntimeError(f"builder {self.name} did not provide {', '.join(missing)}")
        return result

    @property
    def code_paths(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.code) | set(SHARED_CODE)))


FONTS = "styles/fonts/**/*"        # the book's faces and fallback/ (the PDF editions')
LABELS = "templates/labels/*"      # fixed words by language (settings/labels.py)

BUILDERS: dict[str, Builder] = {b.name: b for b in (
    Builder("manuscript", "the normalised manuscript, dist/<slug>.md",
            "pressroom.builders.manuscript", code=("builders/manuscript.py",)),
    Builder("pdf", "the pamphlet PDF, dist/<slug>.pdf", "pressroom.builders.pdf",
            code=("builders/pdf/", "builders/common/", "references/"),
            provides=("pagemap", "locator_pages"),
            files=("templates/pdf/**/*", "styles/pdf/**/*", FONTS, LABELS),
            # its tasks: the chapters, laid out in any worker (pdf/chapter.py)
            tasks=True, preload=("pressroom.builders.pdf.layout",)),
    # The EPUB's page list gives the print pages: it takes the PDF's page map.
    Builder("epub", "the EPUB 3, dist/<slug>.epub", "pressroom.builders.epub",
            # pdf/markup.py: the chapter's source line, one function for both
            code=("builders/epub/", "builders/common/", "references/", "builders/pdf/"),
            needs=("pdf",),
            files=("templates/epub/**/*", "styles/epub/**/*", FONTS, LABELS,
                   "styles/print/cover.css"),   # the EPUB cover takes its colours
            # its one task, the text, runs while the PDF is laid out
            tasks=True, preload=("pressroom.builders.epub",)),
    # At A5 the print interior is the pamphlet's pages, finished: no second
    # layout; other trims lay the pamphlet out again (so: the PDF's code).
    Builder("print", "print-ready interior and cover, dist/print/<slug>-interior.pdf, -cover.pdf",
            "pressroom.builders.printing",
            code=("builders/printing/", "builders/pdf/", "builders/common/", "references/"),
            needs=("pdf",),
            files=("templates/print/**/*", "styles/print/**/*", FONTS, LABELS,
                   "templates/pdf/**/*", "styles/pdf/**/*"),
            preload=("pressroom.builders.printing", "pressroom.builders.pdf.layout")),
    # Packets list each session's glossary terms (Glossary.terms_in walks
    # the text with the marking transform's paragraph reader).
    Builder("packets", "study packets and booklets, dist/packets/NN-<name>[-booklet].pdf",
            "pressroom.builders.packets",
            # pdf/: the pamphlet's note, hyphenation and proof passes, shared
            code=("builders/packets/", "builders/printing/geometry.py", "builders/common/",
                  "builders/pdf/", "references/", "settings/",
                  "transforms/marking.py", "transforms/typography.py",
                  "transforms/sanitize.py", "transforms/links.py"),
            uses=("config", "chapters", "glossary"),
            files=("templates/packets/**/*", "styles/packets/**/*", FONTS, LABELS),
            tasks=True, preload=("pressroom.builders.packets",)),
)}


def closure(names: list[str]) -> list[str]:
    """The requested builders plus everything they need, in build order."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...] = ()) -> None:
        if name in order:
            return
        if name in path:
            raise RuntimeError(f"builders depend on each other: {' -> '.join(path + (name,))}")
        for dep in BUILDERS[name].needs:
            visit(dep, path + (name,))
        order.append(name)

    for n in names:
        visit(n)
    return order

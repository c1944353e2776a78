"""Each part of the book written as a PDF of its own, and kept between builds.

Place in the flow: pdf_layout asks ``Parts.part`` for each part in turn →
the part from ``Store``, or laid out and **written** (its PDF and what the
rest of the build needs to know of its pages: ``Part``), its pages let go →
pdf/join.py joins the files.

A chapter's pages depend on its HTML, the stylesheets and the folio it starts
on, and on nothing else (every chapter opens on a recto and is laid out as a
document of its own: see pdf_layout). So a chapter is kept in ``Store`` under
``key(signature, html, folio)``: its PDF and a ``.json`` of its ``Part``. A
later build (another process: the command line, the watch) whose chapter has
that key takes the kept files and lays nothing out for it. The glossary, the
front matter and the index are kept the same way, keyed by their HTML with
every page number they show filled in: an edit that moves no printed number
lays out only its chapter.

Writing part by part also bounds memory: only one part's WeasyPrint pages
are alive at a time (at 10x the book, 2,500 pages held until one write took
2.5 GB).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pressroom.builders.common import weasy
from pressroom.builders.pdf import stamps
from pressroom.builders.pdf import tagging as pdf_tagging
from pressroom.builders.pdf.join import CROSS
from pressroom.builders.pdf.pagemap import pagemap
from pressroom.builders.pdf.pdflines import Line, read


STAMPED = "stamped"      # a part's key when its folios are stamped at the join


@dataclass
class Part:
    """What the build needs of a part once its pages are gone."""
    name: str                                  # "front", "body:<id>", "glossary", "index"
    pdf: str                                   # its file (in the store, or scratch)
    labels: list[str]                          # folio label of each page
    anchors: dict[str, int]                    # anchor -> index of its first page
    pagemap: list[dict]                        # pagemap.py's entry of each page
    fixes: list[str] = field(default_factory=list)   # fix CSS lines it needed
    hints: dict[str, str] = field(default_factory=dict)  # pdf_layout's note hints it set
    kept: bool = False                         # kept in the store by its key
    folios: list[bool] | None = None           # laid out without folios: the pages
                                               # that show one (pdf/stamps.py)


def key(signature: str, html: str, folio: int | str) -> str:
    """What a part's PDF depends on: stylesheets and options, its HTML (page
    numbers filled in), its first folio (``STAMPED``: none, its folios are
    stamped at the join)."""
    return hashlib.sha256(f"{signature}\0{html}\0{folio}".encode()).hexdigest()


def write(name: str, document, labels: list[str], path: Path, pdf_options: dict,
          stamped: bool = False) -> Part:
    """Write ``document`` (a part's WeasyPrint pages, ``labels`` their folios)
    to ``path``, a link to an anchor of another part as a ``CROSS`` URI
    (join.py makes it whole); ``stamped``: its folios taken off, to be
    stamped at the join (pdf/stamps.py)."""
    folios = stamps.take_off(document.pages) if stamped else None
    anchors: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, i)
    for page in document.pages:
        page.links = [("external", CROSS + target, *rest)
                      if kind == "internal" and target not in anchors else (kind, target, *rest)
                      for kind, target, *rest in page.links]
    with pdf_tagging.page_references(), weasy.laying_out():
        document.write_pdf(str(path), finisher=pdf_tagging.finish_tags, **pdf_options)
    own = {anchor: labels[i] for anchor, i in anchors.items()}
    return Part(name, str(path), labels, anchors, pagemap(labels, document.pages, own),
                folios=folios)


def moved(part: Part, labels: list[str]) -> Part:
    """``part`` (laid out as from folio 1) with its pages labelled ``labels``."""
    new = dict(zip(part.labels, labels))
    return replace(part, labels=labels,
                   pagemap=[{**entry, "page": new[entry["page"]]} for entry in part.pagemap])


def page_lines(part: Part | None) -> list[list[Line]]:
    """What the proof reads on each page of ``part`` (pdflines.read; a blank
    page, ``None``, has no line). A kept chapter's reading is kept beside its
    PDF: an unchanged chapter is read once."""
    if part is None:
        return [[]]
    kept = Path(part.pdf).with_suffix(".lines.json")
    if part.kept:
        try:
            return [[Line(**line) for line in page]
                    for page in json.loads(kept.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            pass
    every = read(Path(part.pdf))
    pages = [every[i] for i in sorted(every)]
    if part.kept:
        _write_json(kept, [[asdict(line) for line in page] for page in pages])
    return pages


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Store:
    """Parts' PDFs kept between builds in ``folder``, by ``key``; a build's
    ``keep_only_used`` drops the others (one book's parts)."""
    folder: Path
    used: set[str] = field(default_factory=set)
    reused: list[str] = field(default_factory=list)     # part names, this build

    def begin(self) -> None:
        self.used, self.reused = set(), []

    def path(self, key: str) -> Path:
        """Where the part ``key`` is written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used.add(key)
        return self.folder / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}.pdf").is_file() and (self.folder / f"{key}.json").is_file()

    def get(self, key: str) -> Part | None:
        pdf, record = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            part = Part(**json.loads(record.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if not pdf.is_file():
            return None
        self.used.add(key)
        self.reused.append(part.name)
        return replace(part, pdf=str(pdf))

    def put(self, key: str, part: Part) -> None:
        part.kept = True
        _write_json(self.folder / f"{key}.json", asdict(part))
        self.used.add(key)

    def keep_only_used(self) -> None:
        for path in self.folder.glob("*"):
            if path.name.split(".")[0] not in self.used:
                path.unlink(missing_ok=True)


@dataclass
class Parts:
    """The parts of one build, in the order they are laid out: each taken
    from ``store`` if a build before made it from the same HTML, folio and
    ``signature``, else laid out and written into it."""
    store: Store
    signature: str                 # stylesheets and write_pdf options
    options: dict                  # write_pdf options
    hints: dict[str, str]          # note hints set this build (to keep)
    made: dict[str, Part] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)   # anchor -> folio label

    def kept(self, name: str, source: str, folio: int = 1, stamped: bool = False) -> bool:
        """Whether the store keeps part ``name`` (as ``part`` finds it)."""
        return self.store.has(key(self.signature, f"{name}\0{source}",
                                  STAMPED if stamped else folio))

    def part(self, name: str, source: str, folio: int, labels, lay_out,
             stamped: bool = False) -> Part:
        """Part ``name``, its HTML ``source`` with every number it shows,
        from ``folio``: ``lay_out(hints)`` gives (its document, the fix
        lines it needed) and puts the note hints it found in ``hints``;
        ``labels(n)``: the folio labels of its n pages. ``stamped``: laid
        out as from folio 1, without its folios (pdf/stamps.py), and kept
        whatever folio it starts on."""
        kept_as = key(self.signature, f"{name}\0{source}", STAMPED if stamped else folio)
        part = self.store.get(kept_as)
        if part is None:
            hints: dict[str, str] = {}
            doc, fixes = lay_out(hints)
            count = len(doc.pages)
            part = write(name, doc, [str(1 + i) for i in range(count)] if stamped
                         else labels(count), self.store.path(kept_as), self.options, stamped)
            part.fixes, part.hints = fixes, hints
            self.store.put(kept_as, part)
            del doc
            gc.collect()    # its pages are cycles of boxes: one part's alive at a time
        if stamped:
            part = moved(part, labels(len(part.labels)))
        self.hints.update(part.hints)
        self.made[name] = part
        for anchor, i in part.anchors.items():
            self.numbers.setdefault(anchor, part.labels[i])
        return part

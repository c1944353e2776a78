"""The book's settings: manuscript/book.yaml and each source's YAML sidecar.

Everything is validated on load (see schema.py): an unknown key, a wrong type
or a missing file stops the build with one line naming the file and line.
The result is a ``BookConfig`` that every later stage reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.settings.isbn import Isbn
from pressroom.errors import UserError
from pressroom.settings import packets as packet_settings
from pressroom.settings.dates import build_day, check_book_date
from pressroom.settings import print as print_settings
from pressroom.settings import schema as s
from pressroom.settings.ids import SAFE_SLUG, check_id, confined

SOURCE_FORMATS = ("text", "markdown", "html")

CORRECTION = s.Mapping(
    fields={"find": s.Text(), "replace": s.Text(nonempty=False),
            "reason": s.Text(), "count": s.Number(integer=True, minimum=1)},
    required=("find", "replace", "reason"))

# Structure a plain text does not mark, by source line: 12 or "12-20".
LINES = s.ListOf(s.Text(), scalar_ok=True)
STRUCTURE = s.Mapping(
    fields={"quotes": LINES,          # quotations without quotation marks
            "verse": LINES,           # lines kept line by line (verse, signatures)
            "not_headings": LINES,    # short lines that are not headings
            "subheadings": LINES})    # headings one level down (a sub-head, a box title)
# A note whose reference mark is missing: placed after the text ``after``.
NOTE_PLACEMENT = s.Mapping(
    fields={"n": s.Text(), "after": s.Text(), "reason": s.Text()},
    required=("n", "after", "reason"))
# A paragraph to drop (it starts with ``match``), and why.
DROP = s.Mapping(fields={"match": s.Text(), "reason": s.Text()},
                 required=("match", "reason"))

SIDECAR = s.Mapping(
    fields={
        "id": s.Text(),
        "title": s.Text(),
        "subtitle": s.Text(nullable=True),
        "author": s.Text(nullable=True),
        "date": s.Date(nullable=True),
        "date_note": s.Text(nullable=True),
        "publication": s.Text(nullable=True),
        "original_publication": s.Text(nullable=True),
        "url": s.Text(nullable=True),
        "format": s.Choice(SOURCE_FORMATS),
        "encoding": s.Text(),
        "language": s.Text(),         # the text's own, when not the book's (its quotes, hyphenation)
        "source_note": s.Text(nullable=True),
        "corrections": s.ListOf(CORRECTION),
        # Hints for the normaliser (readers/plaintext.py, transforms/).
        "structure": STRUCTURE,
        "notes": s.ListOf(NOTE_PLACEMENT),
        "drop": s.ListOf(DROP),
        # HTML: the file (beside the source) that holds the notes its
        # noterefs point to, e.g. Standard Ebooks' endnotes.xhtml.
        "endnotes": s.Text(),
    },
    required=("id", "title"))

# The print edition (issue 7): trim, bleed, binding and paper. Every key
# has a default (writers/print_geometry.py), so ``print:`` may be omitted.
PRINT = s.Mapping(
    fields={"trim": s.Choice(("a5", "5.5x8.5in", "6x9in")),
            "bleed_mm": s.Number(minimum=0, maximum=10),
            "gutter_mm": s.Number(minimum=0, maximum=15),
            "binding": s.Choice(("perfect", "saddle")),
            "ppi": s.Number(minimum=100, maximum=2000),
            "caliper_mm": s.Number(minimum=0.02, maximum=0.6),
            "signature": s.Number(integer=True, minimum=4, maximum=64),
            "spine_text_min_mm": s.Number(minimum=2, maximum=50),
            "blurb": s.Text(),
            # issue 18: a printing service's rules (settings/presets.yaml)
            "preset": s.Choice(("offset", "kdp", "ingramspark", "lulu")),
            "paper": s.Choice(("white", "cream", "coated"))})

# The study packets (issue 8): one reading per group session.
PACKET = s.Mapping(
    fields={"title": s.Text(), "name": s.Text(),
            "chapters": s.ListOf(s.Text(), min_items=1),
            "from": s.Text(nullable=True),     # first heading (id or slug), inclusive
            "until": s.Text(nullable=True),    # heading that ends the reading, exclusive
            "questions": s.ListOf(s.Text(), min_items=4)},
    required=("title", "name", "chapters", "questions"))

PACKETS = s.Mapping(
    fields={"paper": s.Choice(("a4", "letter")),
            "words_per_minute": s.Number(integer=True, minimum=50, maximum=1000),
            "sessions": s.ListOf(PACKET, min_items=1)})

BOOK = s.Mapping(
    fields={
        "title": s.Text(),
        "subtitle": s.Text(nullable=True),
        "editor": s.Text(),
        "language": s.Text(),
        "identifier": s.Text(),
        "slug": s.Text(),
        "date": s.Date(),
        "rights": s.Text(),
        "publisher": s.Text(nullable=True),
        "edition": s.Text(nullable=True),
        "description": s.Text(nullable=True),
        "keywords": s.ListOf(s.Text(), scalar_ok=True),   # the PDF's keywords
        "front_matter": s.ListOf(s.Text()),
        "chapters": s.ListOf(s.Text(), min_items=1),
        "back_matter": s.ListOf(s.Choice(("glossary", "index"))),
        "glossary": s.Text(),
        "index": s.Text(),
        "isbn": Isbn(),
        "print": PRINT,
        "packets": PACKETS,
    },
    required=("title", "editor", "language", "identifier", "slug", "date",
              "rights", "chapters"))


# Optional book.yaml keys, present (as None or a default) after loading, so
# templates and writers never meet an undefined one.
OPTIONAL_DEFAULTS = {"subtitle": None, "publisher": None, "edition": None,
                     "description": None, "keywords": [], "front_matter": [],
                     "back_matter": ["glossary", "index"], "isbn": None}


@dataclass
class Source:
    """One source file and what its sidecar says about it."""
    path: Path
    sidecar_path: Path
    id: str
    title: str
    format: str
    meta: dict[str, Any]          # the whole checked sidecar (no __lines__)
    corrections: list[dict] = field(default_factory=list)
    correction_lines: list[int | None] = field(default_factory=list)  # sidecar line of each

    @property
    def author(self) -> str | None:
        return self.meta.get("author")


@dataclass
class BookConfig:
    root: Path                    # the manuscript folder
    path: Path                    # book.yaml
    data: dict[str, Any]
    sources: list[Source]
    front_matter: list[Path]
    glossary_path: Path
    index_path: Path
    day: str = ""                 # book.yaml's date as a full day (2026 -> 2026-01-01)
    build_date: str = ""          # the day outputs carry (settings/dates.build_day), fixed at load
    print_settings: print_settings.PrintSettings = field(default_factory=print_settings.PrintSettings)
    packet_settings: packet_settings.PacketSettings = field(default_factory=packet_settings.PacketSettings)

    def __getattr__(self, name):  # config.title, config.slug ...
        try:
            return self.__dict__["data"][name]   # __dict__: safe while unpickling
        except KeyError:
            raise AttributeError(name) from None

    @property
    def editor_name(self) -> str:
        return editor_name(self.data["editor"])

    def source(self, ident: str) -> Source:
        for src in self.sources:
            if src.id == ident:
                return src
        raise KeyError(ident)


def editor_name(editor: str) -> str:
    """The editor as a name, for metadata (PDF author, EPUB creator, packets):
    "Edited by the Northside Reading Group" -> "Northside Reading Group"."""
    name = re.sub(r"^\s*(edited|compiled)\s+by\s+", "", editor, flags=re.I)
    return re.sub(r"^the\s+", "", name, flags=re.I).strip() or editor


def format_of(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in (".md", ".markdown"):
        return "markdown"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    return "text"


def sidecar_for(path: Path) -> Path:
    return path.with_suffix(".yaml")


def load_source(path: Path, sidecar_path: Path | None = None,
                where: tuple[Path, int | None] | None = None) -> Source:
    """A source file plus its sidecar. Without a sidecar (``build.py
    normalise``), the metadata is left for the reader to infer."""
    if not path.is_file():
        wpath, wline = where or (path, None)
        raise UserError(f"source file not found: {path.name}", wpath, wline,
                        "check the chapters list in book.yaml")
    sidecar_path = sidecar_path or sidecar_for(path)
    if sidecar_path.is_file():
        if where is not None:           # a book's source: its sidecar stays in the book
            confined(where[0].parent, str(sidecar_path.relative_to(where[0].parent)),
                     "sidecar", where[0], where[1])
        data = s.load(sidecar_path, SIDECAR)
        check_id(data["id"], "chapter id", sidecar_path, s.line_of(data, "id"))
    else:
        data = {"id": path.stem, "title": None}
    meta = s.strip_lines(data)
    return Source(path=path, sidecar_path=sidecar_path, id=meta["id"],
                  title=meta.get("title"),
                  format=meta.get("format") or format_of(path), meta=meta,
                  corrections=meta.get("corrections") or [],
                  correction_lines=[s.line_of(c, "find") for c in data.get("corrections") or []])


def load_book(book_path: Path) -> BookConfig:
    """book.yaml and every file it names, each setting checked (file:line)."""
    book_path = Path(book_path)
    data = s.load(book_path, BOOK)
    root = book_path.parent
    check_id(data["slug"], "slug", book_path, s.line_of(data, "slug"), SAFE_SLUG)
    day = check_book_date(data["date"], book_path, s.line_of(data, "date"))
    sources: list[Source] = []
    seen: dict[str, int] = {}
    chapter_lines = _item_lines(book_path, "chapters")
    for i, rel in enumerate(data["chapters"]):
        line = _item_line(chapter_lines, i)
        if rel in seen:
            raise UserError(f"chapter listed twice: {rel}", book_path, line,
                            "remove the duplicate")
        seen[rel] = i
        path = confined(root, rel, "chapter", book_path, line)
        src = load_source(path, where=(book_path, line))
        if not src.sidecar_path.is_file():
            raise UserError(f"source has no sidecar: {src.sidecar_path.name}",
                            book_path, line,
                            "every source needs a YAML sidecar with id and title")
        if any(other.id == src.id for other in sources):
            raise UserError(f"chapter id '{src.id}' used twice", src.sidecar_path)
        sources.append(src)
    front = []
    front_lines = _item_lines(book_path, "front_matter") if data.get("front_matter") else []
    for i, rel in enumerate(data.get("front_matter") or []):
        line = _item_line(front_lines, i)
        path = confined(root, rel, "front matter file", book_path, line)
        if not path.is_file():
            raise UserError(f"front matter file not found: {rel}", book_path, line)
        front.append(path)
    paths = {}
    for key in ("glossary", "index"):
        rel = data.get(key, f"{key}.yaml")
        paths[key] = confined(root, rel, f"{key} file", book_path, s.line_of(data, key))
        if key in data and not paths[key].is_file():     # the default may be absent
            raise UserError(f"{key} file not found: {paths[key].name}", book_path,
                            s.line_of(data, key))
    printing = print_settings.load(data.get("print"), book_path)
    packets = packet_settings.load(data.get("packets"), [src.id for src in sources], book_path)
    data = {**OPTIONAL_DEFAULTS, **s.strip_lines(data)}
    return BookConfig(root=root, path=book_path, data=data,
                      sources=sources, front_matter=front,
                      glossary_path=paths["glossary"], index_path=paths["index"], day=day,
                      build_date=build_day(day),
                      print_settings=printing, packet_settings=packets)


def _item_lines(path: Path, key: str) -> list[int | None]:
    """The line of each item of the list under ``key`` (for messages); the
    file is read once for the whole list, not once per item."""
    node = s.load_yaml_nodes(path)
    for knode, vnode in node.value:
        if knode.value == key and hasattr(vnode, "value") and isinstance(vnode.value, list):
            return [item.start_mark.line + 1 for item in vnode.value]
    return []


def _item_line(lines: list[int | None], index: int) -> int | None:
    return lines[index] if index < len(lines) else None

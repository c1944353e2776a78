"""The pipeline: readers, then transforms, then the assembled Book.

``normalise(source)`` runs one source through its reader and the source
transforms; ``build_book(config)`` does that for every chapter, reads the
front matter and runs the book transforms. Writers take the Book from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.settings.config import BookConfig, Source
from pressroom.errors import UserError
from pressroom.doctree.ledger import Fidelity, words
from pressroom.readers import read
from pressroom.transforms import SOURCE_TRANSFORMS


@dataclass
class Context:
    """What a transform may know about the source it is working on."""
    source: Source
    config: BookConfig | None
    report: Fidelity
    warnings: list[str] = field(default_factory=list)
    source_tokens: list[str] = field(default_factory=list)   # set by the reader

    def warn(self, message: str, line: int | None = None) -> None:
        where = f"{self.source.path.name}" + (f":{line}" if line else "")
        self.warnings.append(f"{where}: {message}")


def normalise(source: Source, config: BookConfig | None = None) -> tuple[Section, Context]:
    """One source through its reader and the source transforms.

    The ledger is kept here, not by each transform: the reader is audited
    word for word against the source, and every transform's effect on the
    words is measured under its rule name (``transform.rule``)."""
    ctx = Context(source=source, config=config, report=Fidelity(source.id))
    doc = read(source, ctx)
    ctx.report.source_words = len(ctx.source_tokens)
    before = words(doc)
    ctx.report.audit_reader(ctx.source_tokens, before)
    for transform in SOURCE_TRANSFORMS:
        doc = transform(doc, ctx)
        after = words(doc)          # one count per transform: the next one's "before"
        ctx.report.measure(getattr(transform, "rule", transform.__name__),
                           before, after,
                           editorial=getattr(transform, "editorial", False))
        before = after
    ctx.report.finish(len(before))
    from pressroom.transforms.typography import smarten_text
    title = source.title or _meta_text(doc, "title") or source.path.stem
    title = smarten_text(title)
    header = P.Header(1, P.inlines(title), source.id, ["chapter"])
    section = Section(id=source.id, title=title, blocks=[header] + doc["blocks"],
                      kind="chapter", source=source, meta=source.meta)
    return section, ctx


def read_front(path: Path) -> Section:
    """An authored front-matter file: Markdown with a YAML title block."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("front matter is not UTF-8 text", path) from None
    doc = P.parse(text, "markdown+smart")
    title = _meta_text(doc, "title")
    if not title:
        raise UserError("front matter needs a 'title:' in its YAML header", path, 1)
    ident = _meta_text(doc, "id") or P.slugify(path.stem)

    def shift(node):
        if node["t"] == "Header":
            lvl, (hid, cls, kv), content = node["c"]
            hid = hid if hid.startswith(ident) else f"{ident}-{hid or P.slugify(P.stringify(content))}"
            return P.Header(min(lvl + 1, 6), content, hid, cls)
    blocks = [P.Header(1, P.inlines(title), ident, ["front"])] + P.walk(doc["blocks"], shift)
    return Section(id=ident, title=title, blocks=blocks, kind="front")


def build_book(config: BookConfig) -> Book:
    from pressroom.references.glossary import load_glossary
    from pressroom.references.index import load_index
    from pressroom.transforms.marking import mark_book
    chapter_ids = [src.id for src in config.sources]
    # Checked before the (slow) chapters, so a YAML mistake fails at once.
    glossary = load_glossary(config.glossary_path, chapter_ids)
    index = load_index(config.index_path, chapter_ids)
    chapters, reports, warnings = [], {}, []
    from pressroom.build.chapters import normalise_sources   # cached and parallel (chapters.py)
    for src, (section, ctx) in zip(config.sources, normalise_sources(config)):
        chapters.append(section)
        reports[src.id] = ctx.report
        warnings.extend(ctx.warnings)
    front = [read_front(p) for p in config.front_matter]
    book = Book(config=config, front=front, chapters=chapters,
                reports=reports, warnings=warnings)
    # Book transforms: glossary and index marking (book.glossary, book.index).
    mark_book(book, glossary, index)
    return book


def _meta_text(doc: P.Node, key: str) -> str | None:
    value = doc.get("meta", {}).get(key)
    if value is None:
        return None
    if value.get("t") == "MetaString":
        return value["c"]
    return P.stringify(value.get("c")) or None

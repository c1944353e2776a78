"""The pipeline: readers, then transforms, then the assembled Book.

``normalise(source)`` runs one source through its reader and the source
transforms; ``build_book(config, chapter_cache)`` does that for every chapter
(in turn, or through the build's cached and parallel ChapterCache: build/chapters.py),
reads the front matter and runs the book transforms. Writers take the Book
from here. Nothing here imports build/: the build imports the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.doctree.leaves import share_leaves
from pressroom.settings.config import BookConfig, Source
from pressroom.settings.ids import check_id
from pressroom.settings.labels import quote_style, text_language
from pressroom.settings.packets import check_headings
from pressroom.errors import UserError
from pressroom.doctree.ledger import Fidelity, words
from pressroom.doctree.typography import smarten_text
from pressroom.readers import read
from pressroom.readers.decode import read_source_text
from pressroom.readers.limits import check_nesting
from pressroom.transforms.links import Policy
from pressroom.transforms.sanitize import clean_tree, inventory, removal_warnings
from pressroom.references.glossary import load_glossary
from pressroom.references.index import load_index
from pressroom.transforms import SOURCE_TRANSFORMS
from pressroom.transforms.marking import mark_book
from pressroom.transforms.coverage import _tree_text, report


@dataclass
class Context:
    """What a transform may know about the source it is working on."""
    source: Source
    config: BookConfig | None
    report: Fidelity
    warnings: list[str] = field(default_factory=list)
    source_tokens: list[str] = field(default_factory=list)   # set by the reader
    source_text: str = field(default="", repr=False)        # the decoded source, set by the reader

    def warn(self, message: str, line: int | None = None) -> None:
        where = f"{self.source.path.name}" + (f":{line}" if line else "")
        self.warnings.append(f"{where}: {message}")


def normalise(source: Source, config: BookConfig | None = None) -> tuple[Section, Context]:
    """One source through its reader and the source transforms.

    The ledger is kept here, not by each transform: the reader is audited
    word for word against the source, and every transform's effect on the
    words is measured under its rule name (``transform.rule``)."""
    try:
        return _normalise(source, config)
    except UserError as err:
        if err.path is None:        # a limit found deep in the tree: name the file
            raise UserError(err.message, source.path, err.line, err.hint) from None
        raise


def _normalise(source: Source, config: BookConfig | None) -> tuple[Section, Context]:
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
    ctx.report.finish(before)
    for message, line in ctx.report.check(ctx.source_text or None):
        ctx.warn(f"fidelity: {message}", line)
    ctx.source_text = ""            # for the transforms only; not kept in the chapter cache
    title = source.title or _meta_text(doc, "title") or source.path.stem
    title = smarten_text(title, quote_style(text_language(config.data if config else None, source.meta)))
    header = P.Header(1, P.inlines(title), source.id, ["chapter"])
    section = Section(id=source.id, title=title, blocks=[header] + doc["blocks"],
                      kind="chapter", source=source, meta=source.meta)
    return section, ctx


def read_front(path: Path, book_dir: Path | None = None,
               warnings: list[str] | None = None) -> Section:
    """An authored front-matter file: Markdown with a YAML title block,
    sanitised like a source (transforms/sanitize.py)."""
    notes = warnings if warnings is not None else []

    def warn(msg: str, line: int | None = None) -> None:
        notes.append(f"{path.name}{f':{line}' if line else ''}: {msg}")
    text, _ = read_source_text(path, None, warn)
    check_nesting(text, "markdown", path)
    try:
        doc = P.parse(text, "markdown+smart")
    except UserError as err:
        raise UserError(err.message, path, hint=err.hint) from None
    policy = Policy(path, book_dir or path.parent, text, warn)
    before = inventory(doc["blocks"])
    doc["blocks"] = clean_tree(doc["blocks"], policy)
    for line, msg in removal_warnings(before, inventory(doc["blocks"]), text):
        policy.warn(msg, line)
    report(_tree_text(doc["blocks"]), text, warn)
    title = _meta_text(doc, "title")
    if not title:
        raise UserError("front matter needs a 'title:' in its YAML header", path, 1)
    ident = _meta_text(doc, "id")
    ident = check_id(ident, "front matter id", path, None) if ident else P.slugify(path.stem)

    def shift(node):
        if node["t"] == "Header":
            lvl, (hid, cls, kv), content = node["c"]
            hid = hid if hid.startswith(ident) else f"{ident}-{hid or P.slugify(P.stringify(content))}"
            return P.Header(min(lvl + 1, 6), content, hid, cls)
    blocks = [P.Header(1, P.inlines(title), ident, ["front"])] + P.walk(doc["blocks"], shift)
    return Section(id=ident, title=title, blocks=blocks, kind="front")


def build_book(config: BookConfig, chapter_cache=None) -> Book:
    """The Book. ``chapter_cache`` (a build.chapters.ChapterCache) takes the
    chapters from the cache and normalises the rest in parallel; without it
    each is normalised here in turn."""
    chapter_ids = [src.id for src in config.sources]
    # Checked before the (slow) chapters, so a YAML mistake fails at once.
    style = quote_style(config.data["language"])
    glossary = load_glossary(config.glossary_path, chapter_ids, style)
    index = load_index(config.index_path, chapter_ids, style)
    chapters, reports, warnings = [], {}, []
    normalised = (chapter_cache.normalise_sources(config, normalise) if chapter_cache is not None
                  else [normalise(src, config) for src in config.sources])
    for src, (section, ctx) in zip(config.sources, normalised):
        chapters.append(section)
        reports[src.id] = ctx.report
        warnings.extend(ctx.warnings)
    front = [read_front(p, config.root, warnings) for p in config.front_matter]
    book = Book(config=config, front=front, chapters=chapters,
                reports=reports, warnings=warnings)
    # Settings that need the normalised text: packets' from/until headings.
    check_headings(config.packet_settings, {sec.id: sec for sec in chapters}, config.path)
    # Book transforms: glossary and index marking (book.glossary, book.index).
    mark_book(book, glossary, index)
    # The Book is final: its equal words and spaces made one node each
    # (a third of the memory: doctree/leaves.py).
    share_leaves(book)
    return book


def _meta_text(doc: P.Node, key: str) -> str | None:
    value = doc.get("meta", {}).get(key)
    if value is None:
        return None
    if value.get("t") == "MetaString":
        return value["c"]
    return P.stringify(value.get("c")) or None

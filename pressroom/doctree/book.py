"""The one environment every writer shares: the normalised, marked book.

Like Sphinx's BuildEnvironment, a ``Book`` is built once by the pipeline and
read by every builder. It holds the front matter, the chapters (each a list of
Pandoc blocks opening with its level-1 heading), and the glossary and index
models that the marking transforms filled in. Every field is declared here;
nothing is added to a Book after the pipeline has built it: what one edition
hands another (the PDF's page map) travels as the builders' ``Inputs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import Fidelity
from pressroom.settings.config import BookConfig, Source

if TYPE_CHECKING:       # the models sit above the tree: named for the reader only
    from pressroom.references.glossary import Glossary
    from pressroom.references.index import Index


@dataclass
class Section:
    """A unit of the book that opens on a new page: front matter or chapter."""
    id: str
    title: str
    blocks: list[P.Node]           # starts with the Header level 1
    kind: str = "chapter"          # "front" | "chapter"
    source: Source | None = None   # chapters only
    meta: dict[str, Any] = field(default_factory=dict)
    # The blocks before glossary/index marking (transforms/marking.py),
    # for the editor's manuscript; None when the section was never marked.
    clean_blocks: list[P.Node] | None = None

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, id, text) of every heading, in order, title included."""
        out = []
        for node in P.iter_nodes(self.blocks):
            if node["t"] == "Header":
                out.append((node["c"][0], node["c"][1][0], P.stringify(node["c"][2])))
        return out


@dataclass(slots=True)      # slots: an attribute the class does not declare cannot be set
class Book:
    config: BookConfig
    front: list[Section]
    chapters: list[Section]
    glossary: Glossary | None = None   # references/glossary.py, filled by marking
    index: Index | None = None         # references/index.py, filled by marking
    reports: dict[str, Fidelity] = field(default_factory=dict)   # per source id
    warnings: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        return self.front + self.chapters

    def chapter(self, ident: str) -> Section:
        for sec in self.sections:
            if sec.id == ident:
                return sec
        raise KeyError(ident)

"""The fixed words every edition prints (headings, landmarks, "Date not
stated", the accessibility summary ...), by the book's language.

Place in the flow: templates/labels/<language>.yaml → **labels(language)** →
the builders and the editor-note transform. One small function, so no
English string sits in Python: ``labels("fr")["glossary"]``. A language
without a file, or a key its file lacks, falls back to English (en.yaml).
The same files give each language's quotation marks (``quote_style``), and
``text_language`` says which language a chapter is in: its sidecar's
``language:``, else the book's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from pressroom.errors import UserError
from pressroom.paths import TEMPLATES

FOLDER = TEMPLATES / "labels"


def _read(name: str) -> dict:
    path = FOLDER / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise UserError(f"malformed labels file: {e}", path) from None
    if not isinstance(data, dict):
        raise UserError("a labels file must be a mapping of key: text", path)
    return data


@lru_cache(maxsize=None)        # the files are the project's own: read once
def labels(language: str | None = "en") -> dict:
    """The labels for ``language`` (a BCP 47 tag: "fr", "fr-CA", "en-GB")."""
    out = dict(_read("en"))
    tag = (language or "en").replace("_", "-")
    for name in (tag.split("-")[0], tag):
        if name != "en" and (FOLDER / f"{name}.yaml").is_file():
            out.update(_read(name))
    return out


@dataclass(frozen=True)
class QuoteStyle:
    """A language's marks: ``outer`` and ``inner`` as (open, close), and
    ``space``, the space set inside the outer marks ("" for none; French:
    U+202F NARROW NO-BREAK SPACE)."""
    outer: tuple[str, str] = ("“", "”")
    inner: tuple[str, str] = ("‘", "’")
    space: str = ""

    @property
    def is_source_convention(self) -> bool:
        """The marks the sources are read in: nothing to re-map."""
        return self == QuoteStyle()


@lru_cache(maxsize=None)
def quote_style(language: str | None = "en") -> QuoteStyle:
    """The quotation marks of ``language`` (its labels file's ``quotes:``)."""
    return style_from_labels(labels(language))


def style_from_labels(L: dict) -> QuoteStyle:
    """The quotation marks a labels mapping (``labels(...)``) gives."""
    q = L["quotes"]
    try:
        return QuoteStyle(outer=_pair(q["outer"]), inner=_pair(q["inner"]),
                          space=str(q.get("space") or ""))
    except (KeyError, TypeError, ValueError):
        raise UserError("labels: quotes needs outer and inner, "
                        "each a pair [open, close]", FOLDER) from None


def _pair(marks) -> tuple[str, str]:
    opening, closing = marks
    return str(opening), str(closing)


def text_language(book: dict | None, source_meta: dict | None = None) -> str:
    """The language a text is in: the sidecar's ``language:`` if it has
    one, else book.yaml's (a lone source, without a book: English)."""
    own = (source_meta or {}).get("language")
    return str(own or (book or {}).get("language") or "en")

"""The fixed words every edition prints (headings, landmarks, "Date not
stated", the accessibility summary ...), by the book's language.

Place in the flow: templates/labels/<language>.yaml → **labels(language)** →
the builders and the editor-note transform. One small function, so no
English string sits in Python: ``labels("fr")["glossary"]``. A language
without a file, or a key its file lacks, falls back to English (en.yaml).
"""

from __future__ import annotations

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

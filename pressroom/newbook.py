"""``pressroom new PATH [--title T]``: a new book folder that builds at once.

Place in the flow: called by cli.py before any book is loaded. The folder's
files are package data (``templates/new/``): book.yaml (rendered, every key
present or commented), a sample source and its sidecar, a preface, an empty
glossary and index, and ``theme/`` with a README on overrides. Compare
``quarto create`` and ``sphinx-quickstart``: one command, a working project.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from pathlib import Path

import jinja2

from pressroom.errors import UserError
from pressroom.paths import TEMPLATES

SKELETON = TEMPLATES / "new"
RENDERED = {"book.yaml.j2": "book.yaml"}
RENAMED = {"gitignore.txt": ".gitignore"}


def slug_of(title: str) -> str:
    """A file-name slug from a title: "My Book!" -> "my-book" ("book" if
    nothing of the title is ASCII)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return slug or "book"


def title_of(folder: Path) -> str:
    """A title from the folder's name: "my_second-book" -> "My second book"."""
    words = re.sub(r"[-_]+", " ", folder.name).strip() or "New book"
    return words[0].upper() + words[1:]


def book_yaml(title: str, today: dt.date) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SKELETON)),
                             autoescape=False, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    # JSON strings are YAML strings: a title with a colon or quote stays one value
    return env.get_template("book.yaml.j2").render(
        title=json.dumps(title, ensure_ascii=False), editor=json.dumps("The Editors"),
        slug=slug_of(title), uuid=uuid.uuid4(), date=today.isoformat())


def create(folder: Path, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Make the book folder; returns the files written. A folder that exists
    and is not empty is refused (nothing is overwritten)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError("exists and is not a folder", folder,
                        hint="give a new folder's path")
    if folder.is_dir() and any(folder.iterdir()):
        raise UserError("folder is not empty; pressroom new never overwrites", folder,
                        hint="give a new or empty folder")
    title = title or title_of(folder.resolve())
    written = []
    for src in sorted(p for p in SKELETON.rglob("*") if p.is_file()):
        rel = src.relative_to(SKELETON)
        name = RENDERED.get(rel.as_posix()) or RENAMED.get(rel.as_posix()) or rel.as_posix()
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.as_posix() in RENDERED:
            target.write_text(book_yaml(title, today or dt.date.today()), encoding="utf-8")
        else:
            shutil.copyfile(src, target)
        written.append(target)
    return written

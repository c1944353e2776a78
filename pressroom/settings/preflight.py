"""Checks on the project's own files before anything is built.

The stylesheets name fonts and images by ``url(...)``; WeasyPrint would
silently fall back to another font if one is missing, so a missing or
out-of-project file is a UserError here, naming the stylesheet and line.
Our stylesheets may not load anything from the network either.
"""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.errors import UserError
from pressroom.paths import PACKAGE, STYLES


_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)


def check_styles(styles: Path = STYLES, theme: Path | None = None) -> None:
    """pressroom's stylesheets, and a book theme's (``theme/styles/``), whose
    relative url()s resolve where pressroom's file of the same name lies."""
    sheets = [(css, css.parent) for css in _sheets(styles)]
    if theme is not None:
        sheets += [(css, (STYLES / css.relative_to(theme / "styles")).parent)
                   for css in _sheets(theme / "styles")]
    for css, base in sheets:
        _check_sheet(css, base)


def _sheets(folder: Path) -> list[Path]:
    return sorted([*folder.glob("**/*.css"), *folder.glob("**/*.css.j2")])


def _check_sheet(css: Path, base: Path) -> None:
    text = css.read_text(encoding="utf-8", errors="replace")
    for lineno, line in enumerate(text.splitlines(), 1):
        for m in _URL.finditer(line):
            ref = m.group(1)
            if ref.startswith("data:") or ref.startswith("#"):
                continue
            kind = "font" if re.search(r"\.(ttf|otf|woff2?)$", ref, re.I) else "file"
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):
                raise UserError(f"stylesheet loads a remote {kind}: {ref}", css, lineno,
                                "copy it into the project and refer to it by a relative path")
            target = (base / ref).resolve()
            if not target.is_relative_to(PACKAGE):
                raise UserError(f"stylesheet refers outside pressroom's styles: {ref}", css, lineno,
                                "keep fonts and images under pressroom's styles/")
            if not target.is_file():
                raise UserError(f"{kind} not found: {ref}", css, lineno,
                                f"restore {target.relative_to(PACKAGE.parent)} or fix the url()")

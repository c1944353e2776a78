"""A source's images, as each edition carries them.

Place in the flow: the sanitiser (transforms/links.py) has checked every
image and left its ``src`` as a path relative to the book folder. Here the
builders give it a form their output can hold: the PDF and packet HTML
embed it as a ``data:`` URI (WeasyPrint reads nothing outside the project),
the EPUB as a file under ``images/`` in the container.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from pressroom.doctree import pandoc as P

MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".gif": "image/gif", ".webp": "image/webp"}


def _local(src: str) -> bool:
    return bool(src) and ":" not in src.split("/")[0] and not src.startswith(("/", "#"))


def embed(blocks: list[P.Node], root: Path) -> list[P.Node]:
    """Every local image as a data: URI (for WeasyPrint)."""
    def fix(node):
        if node["t"] != "Image" or not _local(node["c"][2][0]):
            return None
        attr, alt, (src, title) = node["c"]
        path = root / src
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return {"t": "Image", "c": [attr, alt, [f"data:{MEDIA[path.suffix.lower()]};base64,{data}",
                                                 title]]}
    return P.walk(blocks, fix)


def for_epub(blocks: list[P.Node], root: Path, found: dict[str, Path],
             prefix: str = "../images/") -> list[P.Node]:
    """Every local image pointed at ``images/<hash><suffix>`` in the EPUB;
    ``found`` collects {file name in images/: the file}."""
    def fix(node):
        if node["t"] != "Image" or not _local(node["c"][2][0]):
            return None
        attr, alt, (src, title) = node["c"]
        path = root / src
        name = hashlib.sha256(path.read_bytes()).hexdigest()[:16] + path.suffix.lower()
        found[name] = path
        return {"t": "Image", "c": [attr, alt, [prefix + name, title]]}
    return P.walk(blocks, fix)

"""Links, images and raw non-HTML markup: what the sanitiser keeps of them.

Place in the flow: called by transforms/sanitize.py for every Link, Image and
non-HTML raw node of a source or of the front matter.

- A link is a real URL (``http``, ``https``, ``mailto``) or an anchor in the
  book (``#id``). Any other target (a relative path, which WeasyPrint would
  turn into a ``file://`` link; ``javascript:``, ``data:`` ...) keeps its text
  and loses the link.
- An image is a file inside the book's folder; its ``src`` becomes that file's
  path relative to the book folder, for the builders to embed. A remote
  image becomes its alt text (pressroom never fetches); a path or ``file:``
  URL outside the folder, or a missing file, is a UserError. An image
  without alt text is a warning.
- Raw TeX (``\\textbf{word}`` in Markdown) keeps its text: pandoc's LaTeX
  reader reads it into nodes; raw markup of any other format is dropped
  with a warning.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
REAL = ("http", "https", "mailto")


def scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, control characters
    and white space removed (so ``&#1;java\\tscript:`` is ``javascript``)."""
    value = _CONTROL.sub("", _html.unescape(url or ""))
    m = _SCHEME.match(value)
    return m.group(1).lower() if m else None


def is_real_url(url: str) -> bool:
    s = scheme(url)
    if s is None:
        return _CONTROL.sub("", url).startswith("#")
    return s in REAL


RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}


def _check_image_file(target: Path, src: str, path: Path, line: int | None) -> None:
    """A PNG, JPEG, GIF or WebP file that is what its name says (an SVG
    may hold script, and is refused)."""
    kind = RASTER.get(target.suffix.lower())
    if kind is None:
        raise UserError(f"image type not supported: {src[:80]}", path, line,
                        hint="use a PNG, JPEG, GIF or WebP file")
    from PIL import Image
    try:
        with Image.open(target) as im:
            actual = im.format
            im.verify()
    except Image.DecompressionBombError:
        raise UserError(f"image too large to lay out: {src[:80]}", path, line,
                        hint="scale it down (a book page needs a few million pixels at most)") from None
    except Exception:
        actual = None
    if actual != kind:
        raise UserError(f"not a {kind} image: {src[:80]}", path, line,
                        hint="check the file; re-save it as an image")


class Policy:
    """The link and image rules for one file (a source or front matter)."""

    def __init__(self, path: Path, book_dir: Path, text: str | None,
                 warn: Callable[[str, int | None], None]):
        self.path, self.book_dir, self.text, self.warn = path, book_dir.resolve(), text, warn

    def line(self, needle: str) -> int | None:
        if not self.text or not needle:
            return None
        pos = self.text.find(needle)
        return self.text.count("\n", 0, pos) + 1 if pos >= 0 else None

    def link(self, node: P.Node) -> P.Node | None:
        attr, content, (href, title) = node["c"]
        if is_real_url(href):
            return None
        if scheme(href) is None:
            self.warn(f"link to '{href[:60]}' kept as text: a link must be a full "
                      "https:// URL or an #anchor in the book", self.line(href))
        elif P.stringify(content).strip() == href.strip():     # <javascript:...>
            return P.Span(P.inlines("[link removed]"), classes=["link-removed"])
        return P.Span(content)

    def image(self, node: P.Node) -> P.Node | None:
        attr, alt, (src, title) = node["c"]
        s = scheme(src)
        where = self.line(src)
        if s in ("http", "https") or src.strip().startswith("//"):
            self.warn("remote image replaced by its alt text (pressroom never fetches from "
                      "the network; save the image into the book folder and refer to it by "
                      "a relative path)", where)
            return self._alt(alt, src)
        if s not in (None, "file"):
            self.warn(f"{s}: image refused (use an image file inside the book folder)", where)
            return self._alt(alt, src)
        raw = unquote(re.sub(r"^file://(localhost)?", "", src.split("?")[0].split("#")[0]))
        target = (self.path.parent / raw).resolve()
        if not target.is_relative_to(self.book_dir):
            raise UserError(f"image outside the book folder: {src[:80]}", self.path, where,
                            hint="copy the image into the book folder and use a relative path")
        if not target.is_file():
            raise UserError(f"image not found: {src[:80]}", self.path, where,
                            hint="check the path; it is relative to the source file")
        _check_image_file(target, src, self.path, where)
        if not P.stringify(alt).strip():
            self.warn(f"image without alt text: {src[:60]} (add a description: "
                      "![what it shows](...))", where)
        rel = target.relative_to(self.book_dir).as_posix()
        return {"t": "Image", "c": [attr, alt, [rel, title]]}

    @staticmethod
    def _alt(alt: list, src: str) -> P.Node:
        name = Path(src.split("?")[0]).name or "image"
        return P.Span(alt or P.inlines(f"[image: {name[:40]}]"), classes=["image-removed"])

    def raw_other(self, node: P.Node) -> list:
        fmt, text = node["c"]
        if fmt.lower() in ("tex", "latex", "context") and text.strip():
            blocks = P.parse(text, "latex")["blocks"]
            if node["t"] == "RawBlock" and blocks:
                return blocks
            out: list = []
            for b in blocks:
                out.extend(b["c"] if b["t"] in ("Para", "Plain") else P.inlines(P.stringify(b)))
            if out:
                return out
        if text.strip():
            self.warn(f"raw {fmt} markup dropped: {text.strip()[:40]!r} (the editions "
                      "are HTML: write it in Markdown)", self.line(text.strip()[:40]))
        return []

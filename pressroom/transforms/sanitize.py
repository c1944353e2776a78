"""Untrusted markup made safe: the first source transform after the reader.

Sources are scraped from the web. Whatever the reader let through, this
transform reduces it to what a book needs:

- raw HTML (from a Markdown or HTML source) keeps only a whitelist of
  inline tags (``em``, ``strong``, ``sup``, ``br`` ...) without attributes;
  ``script``, ``style``, ``iframe``, ``object``, ``svg``, forms ... are
  removed with their content;
- attributes that run code or load things (``on*``, ``style``, ``src`` ...)
  are dropped from every element;
- an image must be a file inside the project (or a raster ``data:`` URI):
  a remote one, a ``file:`` URL or a path outside the project becomes its
  alt text, because pressroom never fetches from the network;
- a link with a ``javascript:``, ``data:``, ``vbscript:`` or ``file:`` target
  keeps its text and loses the link.

Each removal is reported once, as a warning with the source's line when the
raw text shows it (``scan`` looks at the file itself for that). Pandoc runs
with ``--sandbox`` (pressroom/pandoc.py), so a reader cannot fetch either.
"""

from __future__ import annotations

import re
from pathlib import Path

from pressroom.doctree import pandoc as P
from pressroom.paths import PROJECT


INLINE_TAGS = {"em", "i", "strong", "b", "sup", "sub", "small", "br", "span", "abbr",
               "cite", "q", "u", "s", "code", "mark", "dfn", "kbd", "var", "wbr"}
BLOCK_TAGS = {"p", "div", "blockquote", "hr", "ul", "ol", "li", "pre"}
DANGEROUS = ("script", "style", "iframe", "frame", "frameset", "object", "embed",
             "applet", "noscript", "template", "svg", "math", "form", "textarea",
             "select", "button", "canvas", "audio", "video", "base", "meta", "link")
BAD_ATTRS = re.compile(r"^(on\w+|style|src|srcset|srcdoc|href|action|formaction|"
                       r"background|poster|xlink:href|data|codebase)$", re.I)
BAD_LINK = re.compile(r"^\s*(javascript|vbscript|data|file|about|blob):", re.I)
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.I)

_DANGEROUS_ELEMENT = re.compile(
    r"<(%s)\b[^>]*>.*?</\1\s*>|<(%s)\b[^>]*/?>" % ("|".join(DANGEROUS), "|".join(DANGEROUS)),
    re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>", re.S)


# -- raw HTML ----------------------------------------------------------------

def clean_html(html: str, block: bool = False) -> str:
    """Reduce an HTML fragment to whitelisted tags without attributes."""
    html = _COMMENT.sub("", html)
    html = _DANGEROUS_ELEMENT.sub("", html)
    allowed = INLINE_TAGS | (BLOCK_TAGS if block else set())

    def tag(m):
        close, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name not in allowed:
            return ""
        return f"<{close}{name}{' /' if selfclose or name in ('br', 'hr', 'wbr') and not close else ''}>"
    html = _TAG.sub(tag, html)
    return html.replace("<", "&lt;") if re.search(r"<(?![/a-z])", html) else html


# -- finding what to report, with lines --------------------------------------

_SCAN = [
    (re.compile(r"<script\b", re.I), "removed a <script> element"),
    (re.compile(r"<iframe\b|<frame\b", re.I), "removed an <iframe>: its content is not part of the text"),
    (re.compile(r"<(object|embed|applet)\b", re.I), "removed an embedded <object>"),
    (re.compile(r"@import\b|<link\b[^>]*stylesheet", re.I),
     "removed a stylesheet import: the book has its own styles"),
    (re.compile(r"\son\w+\s*=", re.I), "removed an event-handler attribute (on...=)"),
    (re.compile(r"(href|src)\s*=\s*['\"]?\s*(javascript|vbscript):", re.I),
     "removed a javascript: link"),
    (re.compile(r"<img\b[^>]*\bsrc\s*=\s*['\"]?\s*(https?:|//|ftp:)", re.I),
     "remote image replaced by its alt text (pressroom never fetches from the network; "
     "save the image into the project and refer to it by a relative path)"),
    (re.compile(r"<img\b[^>]*\bsrc\s*=\s*['\"]?\s*file:", re.I),
     "file: image refused (only files inside the project may be used)"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?(https?:|//)", re.I),
     "remote image replaced by its alt text (pressroom never fetches from the network; "
     "save the image into the project and refer to it by a relative path)"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?file:", re.I),
     "file: image refused (only files inside the project may be used)"),
]


def scan(text: str) -> list[tuple[int, str]]:
    """(line, message) for each unsafe construct in a source's raw text."""
    found, seen = [], set()
    for lineno, line in enumerate(text.split("\n"), 1):
        if len(line) > 200_000:
            line = line[:200_000]
        for pattern, message in _SCAN:
            if message not in seen and pattern.search(line):
                found.append((lineno, message))
                seen.add(message)
    return found


# -- the transform -----------------------------------------------------------

def _image_ok(src: str, base: Path) -> bool:
    if SAFE_DATA_IMAGE.match(src):
        return True
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", src, re.I):
        return False
    target = (base / src.split("#")[0].split("?")[0]).resolve()
    return target.is_relative_to(PROJECT) and target.is_file()


def _clean_attr(attr: list) -> list:
    ident, classes, kvs = attr
    return [ident, classes, [[k, v] for k, v in kvs if not BAD_ATTRS.match(k)]]


def sanitize(doc: P.Node, ctx) -> P.Node:
    base = ctx.source.path.parent
    removed: list[str] = []

    def fix(node):
        t, c = node["t"], node.get("c")
        if t in ("RawBlock", "RawInline"):
            fmt, text = c
            if fmt.lower() not in ("html", "html5", "html4"):
                return None            # other formats never reach an HTML writer
            clean = clean_html(text, block=(t == "RawBlock"))
            if clean != text:
                removed.append("raw HTML reduced to the safe whitelist")
            if not clean.strip():
                return []
            return {"t": t, "c": [fmt, clean]}
        if t == "Image":
            attr, alt, (src, title) = c
            if not _image_ok(src, base):
                removed.append(f"image refused: {src[:80]}")
                return P.Span(fix_all(alt) or P.inlines(f"[image: {Path(src).name or src[:40]}]"),
                              classes=["image-removed"])
            return {"t": t, "c": [_clean_attr(attr), fix_all(alt), [src, title]]}
        if t == "Link":
            attr, content, (href, title) = c
            if BAD_LINK.match(href):
                removed.append(f"link refused: {href[:40]}")
                return P.Span(fix_all(content))
            return {"t": t, "c": [_clean_attr(attr), fix_all(content), [href, title]]}
        attr = P.node_attr(node)
        if attr is not None and any(BAD_ATTRS.match(k) for k, _ in attr[2]):
            removed.append("attributes dropped")
            attr[:] = _clean_attr(attr)
        return None

    def fix_all(x):
        return P.walk(x, fix)

    doc = fix_all(doc)
    found = _scan_source(ctx)
    for line, message in found:
        ctx.warn(message, line)
    if removed and not found:
        ctx.warn(f"unsafe markup removed ({removed[0]})")
    return doc


sanitize.rule = "sanitize"


def _scan_source(ctx) -> list[tuple[int, str]]:
    if getattr(ctx.source, "format", "text") not in ("html", "markdown"):
        return []
    return scan(getattr(ctx, "source_text", "") or "")   # the reader's decoded text

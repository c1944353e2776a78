"""Untrusted markup made safe: the first source transform after the reader.

Sources are scraped from the web, and front matter, glossary and index are
typed by people: every piece of markup that enters the book passes here.
The sanitiser is nh3 (ammonia, on html5ever's parsed tree); pressroom only
says what a book may keep:

- raw HTML (a Markdown source's HTML blocks and inlines, ``{=html}`` blocks,
  an HTML source's leftovers) is cleaned by nh3 to a whitelist of tags and
  attributes; ``script``, ``style``, ``iframe``, ``object``, ``svg``, forms
  ... go with their content. A raw block becomes Pandoc nodes (so its links
  and images meet the rules below); a lone inline tag (``<sup>``) is kept
  without attributes;
- a node's attributes keep only harmless keys (no ``on*``, ``style``,
  ``src`` ...), on every kind of node, table cells included;
- links and images obey transforms/links.py (real URLs or anchors; images
  inside the book folder).

Warnings are computed from what was actually removed: the markup the tree
held before this transform against what it holds after (``inventory``), with
the line found in the source's text.
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from html.parser import HTMLParser

import nh3

from pressroom.doctree import pandoc as P
from pressroom.transforms import links

INLINE_TAGS = {"em", "i", "strong", "b", "sup", "sub", "small", "br", "span", "abbr",
               "cite", "q", "u", "s", "code", "mark", "dfn", "kbd", "var", "wbr"}
BLOCK_TAGS = {"p", "div", "blockquote", "hr", "ul", "ol", "li", "pre", "h1", "h2",
              "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "td",
              "th", "caption", "dl", "dt", "dd", "figure", "figcaption", "a", "img"}
DANGEROUS = {"script", "style", "iframe", "frame", "frameset", "object", "embed",
             "applet", "noscript", "template", "svg", "math", "form", "textarea",
             "select", "button", "canvas", "audio", "video", "base", "meta", "link",
             "title", "head", "noembed", "noframes", "xmp", "plaintext"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
              "*": {"id", "lang", "dir", "title"}}
SAFE_KEYS = re.compile(r"^(lang|dir|title|width|height|n|line|colspan|rowspan|scope|"
                       r"ix|sub|data-[a-z0-9-]+)$")
REPORTED = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
            "svg", "math", "base", "form"}
URL_ATTRS = {"href", "src", "srcset", "poster", "action", "formaction", "data", "xlink:href",
             "background", "cite"}
SINGLE_TAG = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>$")


# -- raw HTML ----------------------------------------------------------------

def clean_html(html: str, block: bool = False) -> str:
    """nh3's clean of an HTML fragment: whitelisted tags and attributes,
    dangerous elements removed with their content, URLs checked."""
    tags = INLINE_TAGS | (BLOCK_TAGS if block else set())
    return nh3.clean(html, tags=tags, clean_content_tags=DANGEROUS - tags,
                     attributes={k: v for k, v in ATTRIBUTES.items() if k in tags or k == "*"},
                     url_schemes={"http", "https", "mailto"}, link_rel=None,
                     strip_comments=True,
                     attribute_filter=lambda el, attr, value: (
                         None if attr in ("href", "src") and links.scheme(value) not in
                         (None, "http", "https", "mailto") else value))


def plain_text(text: str) -> str:
    """Text typed in YAML (a glossary definition, a packet question) with
    any markup removed: the templates escape what is left."""
    return _html.unescape(nh3.clean(text, tags=set(), clean_content_tags=DANGEROUS))


def _inline(node: P.Node) -> P.Node | list:
    fmt, text = node["c"]
    m = SINGLE_TAG.match(text.strip())
    if m and m.group(2).lower() in INLINE_TAGS:
        close, name = m.group(1), m.group(2).lower()
        return P.RawInline(fmt, f"<{close}{name}{' /' if name in ('br', 'wbr') else ''}>")
    if m and m.group(2).lower() == "a":
        href = re.search(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", text)
        url = _html.unescape(next((g for g in href.groups() if g is not None), "")) if href else ""
        if m.group(1) or not url or not links.is_real_url(url):
            return P.RawInline(fmt, f"<{m.group(1)}a>")
        return P.RawInline(fmt, f'<a href="{_html.escape(url, quote=True)}">')
    clean = clean_html(text, block=True)
    if not clean.strip():
        return []
    blocks = P.parse(clean, "html")["blocks"]
    out: list = []
    for b in blocks:
        out.extend(b["c"] if b["t"] in ("Para", "Plain") else P.inlines(P.stringify(b)))
    return out


def _block(node: P.Node) -> list:
    clean = clean_html(node["c"][1], block=True)
    return P.parse(clean, "html")["blocks"] if clean.strip() else []


# -- attributes on nodes ------------------------------------------------------

def _is_attr(x) -> bool:
    return (isinstance(x, list) and len(x) == 3 and isinstance(x[0], str)
            and isinstance(x[1], list) and isinstance(x[2], list)
            and all(isinstance(kv, list) and len(kv) == 2 for kv in x[2]))


def _safe_kv(k: str, v: str) -> bool:
    return bool(SAFE_KEYS.match(k)) and links.scheme(v) in (None, "http", "https", "mailto")


def scrub_attrs(x):
    """Every attribute triple in a node's content (table rows and cells
    too), with its unsafe keys dropped. Stops at child nodes."""
    if _is_attr(x):
        x[2] = [[k, v] for k, v in x[2] if _safe_kv(k, v)]
    elif isinstance(x, list):
        for item in x:
            if not (isinstance(item, dict) and "t" in item):
                scrub_attrs(item)
    return x


# -- the tree -----------------------------------------------------------------

def clean_tree(blocks: list[P.Node], policy: "links.Policy") -> list[P.Node]:
    """The tree with raw HTML cleaned, attributes scrubbed, links and
    images checked. Used for sources and front matter alike."""
    def fix(node):
        t = node["t"]
        if t in ("RawBlock", "RawInline"):
            if node["c"][0].lower() not in ("html", "html5", "html4"):
                return policy.raw_other(node)
            out = _block(node) if t == "RawBlock" else _inline(node)
            return P.walk(out, fix) if isinstance(out, list) else out
        if isinstance(node.get("c"), list):
            scrub_attrs(node["c"])
        if t == "Link":
            return policy.link(node)
        if t == "Image":
            return policy.image(node)
        return None
    return P.walk(blocks, fix)


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, "", ""))
        for name, value in attrs:
            self.items.append((tag, name.lower(), value or ""))

    handle_startendtag = handle_starttag


def inventory(x) -> Counter:
    """What the tree holds that a sanitiser may remove, by kind: elements,
    event-handler attributes, link and image targets by scheme."""
    found: Counter = Counter()

    def add(tag, attr, value):
        if not attr:
            if tag in REPORTED:
                found[("element", tag)] += 1
        elif attr.startswith("on"):
            found[("handler", attr)] += 1
        elif attr in URL_ATTRS and links.scheme(value) not in (None, "http", "https", "mailto"):
            found[("url", links.scheme(value))] += 1
        elif attr == "style":
            found[("style", "")] += 1
    for node in P.iter_nodes(x):
        if node["t"] in ("RawBlock", "RawInline") and node["c"][0].lower().startswith("html"):
            inv = _Inventory()
            inv.feed(node["c"][1])
            if inv.rawdata.lstrip().startswith("<"):   # a tag cut off at the end
                inv.feed(">")
            inv.close()
            for item in inv.items:
                add(*item)
        attr = P.node_attr(node)
        for k, v in (attr[2] if attr else []):
            add(node["t"].lower(), k.lower(), v)
        if node["t"] in ("Link", "Image"):
            add("a", "href", node["c"][2][0])
    return found


MESSAGES = {
    "script": "removed a <script> element",
    "iframe": "removed an <iframe>: its content is not part of the text",
    "frame": "removed an <iframe>: its content is not part of the text",
    "object": "removed an embedded <object>", "embed": "removed an embedded <object>",
    "applet": "removed an embedded <object>",
    "style": "removed a <style> element: the book has its own styles",
}


def describe(kind: tuple[str, str]) -> str:
    what, name = kind
    if what == "element":
        return MESSAGES.get(name, f"removed a <{name}> element")
    if what == "handler":
        return f"removed an event-handler attribute ({name}=)"
    if what == "url":
        return f"removed a {name}: link"
    return "removed a style attribute"


def removal_warnings(before: Counter, after: Counter, text: str | None) -> list[tuple[int | None, str]]:
    """(line, message) for each kind of markup the tree held before and
    does not hold after; the line is where the source shows it first."""
    out = []
    for kind in sorted(before, key=str):
        if after.get(kind, 0) < before[kind]:
            out.append((_line_of(kind, text), describe(kind)))
    return out


def _line_of(kind: tuple[str, str], text: str | None) -> int | None:
    if not text:
        return None
    what, name = kind
    pattern = {"element": rf"<{name}\b", "handler": rf"\b{re.escape(name)}\s*=",
               "url": rf"{name}\s*:", "style": r"\bstyle\s*="}[what]
    m = re.search(pattern, text, re.I)
    if m is None and what == "url":         # written with entities or white space
        m = next((u for u in re.finditer(r"""(?:href|src)\s*=\s*["']?([^"'\s>]*)|\]\(([^)\s]*)""",
                                          text, re.I)
                  if links.scheme(u.group(1) or u.group(2) or "") == name), None)
    return text.count("\n", 0, m.start()) + 1 if m else None


# -- the transform -----------------------------------------------------------

def sanitize(doc: P.Node, ctx) -> P.Node:
    text = getattr(ctx, "source_text", "") or None     # the reader's decoded text
    before = inventory(doc["blocks"])
    if ctx.source.format == "html" and text is not None:
        before.update(html_inventory(text))
    policy = links.Policy(ctx.source.path, ctx.config.root if ctx.config else ctx.source.path.parent,
                          text, ctx.warn)
    doc["blocks"] = clean_tree(doc["blocks"], policy)
    for line, message in removal_warnings(before, inventory(doc["blocks"]), text):
        ctx.warn(message, line)
    return doc


sanitize.rule = "sanitize"


def html_inventory(text: str) -> Counter:
    """An HTML source's own markup, as ``inventory`` counts it: the reader
    drops scripts and frames before the tree is made."""
    return inventory([P.RawBlock("html", text)])

"""HTML reader: the article, without the web page around it.

A scraped page carries navigation, scripts, forms, share buttons and figure
captions for images the book does not reproduce. The page is filtered with
the standard library's HTML parser (keeping only <article>/<main> when the
page has one), every dropped element's words are charged to a named rule,
and what is left goes through Pandoc's HTML reader.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import words
from pressroom.settings.config import Source
from pressroom.readers.decode import read_source

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
# element -> rule; the element and everything inside it are dropped.
DROP_TAGS = {"script": "html-script", "style": "html-script", "noscript": "html-script",
             "template": "html-script", "nav": "html-navigation",
             "header": "html-navigation", "footer": "html-navigation",
             "aside": "html-navigation", "form": "html-form", "button": "html-form",
             "select": "html-form", "iframe": "html-navigation",
             "figure": "figure-chrome", "figcaption": "figure-chrome"}
CHROME = re.compile(r"\b(nav|navbar|menu|breadcrumbs?|share|sharing|social|comments?|"
                    r"related|sidebar|advert|ads?|newsletter|subscribe|cookie|byline|"
                    r"wp-caption|caption|credit)\b", re.I)


class _Filter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.dropped: dict[str, list[str]] = {}
        self.skip: list[tuple[str, str]] = []     # (tag, rule) of the dropped element
        self.depth = 0                           # open tags inside it
        self.article: list[str] | None = None
        self.in_article = 0

    def _emit(self, text: str) -> None:
        if self.skip:
            self.dropped.setdefault(self.skip[0][1], []).append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        if not self.skip:
            a = dict(attrs)
            label = " ".join(filter(None, [a.get("class"), a.get("id"), a.get("role")]))
            rule = DROP_TAGS.get(tag)
            if rule is None and label and CHROME.search(label) and tag not in ("body", "html", "article", "main"):
                rule = "figure-chrome" if re.search(r"caption|credit", label, re.I) else "html-navigation"
            if rule and tag not in VOID:
                self.skip.append((tag, rule))
                self.depth = 0
                self._emit(raw)
                return
            if tag in ("article", "main"):
                self.in_article += 1
        elif tag == self.skip[0][0] and tag not in VOID:
            self.depth += 1
        self._emit(raw)

    def handle_endtag(self, tag):
        self._emit(f"</{tag}>")
        if self.skip and tag == self.skip[0][0]:
            if self.depth:
                self.depth -= 1
            else:
                self.skip.pop()
        elif not self.skip and tag in ("article", "main"):
            self.in_article -= 1

    def handle_startendtag(self, tag, attrs):
        self._emit(self.get_starttag_text() or "")

    def handle_data(self, data):
        self._emit(data)

    def handle_entityref(self, name):
        self._emit(f"&{name};")

    def handle_charref(self, name):
        self._emit(f"&#{name};")


def clean_html(text: str) -> tuple[str, dict[str, str]]:
    """The page without its chrome, and the dropped HTML per rule."""
    f = _Filter()
    f.feed(text)
    f.close()
    kept = "".join(f.out)
    # Keep only the article when the page marks one; the rest is the site.
    m = re.search(r"<(article|main)\b[^>]*>.*</\1>", kept, re.S | re.I)
    if m:
        outside = kept[:m.start()] + kept[m.end():]
        f.dropped.setdefault("html-navigation", []).append(
            re.sub(r"<head\b.*?</head>", "", outside, flags=re.S | re.I))
        kept = m.group(0)
    return kept, {rule: "".join(parts) for rule, parts in f.dropped.items()}


def read_html(source: Source, ctx) -> P.Node:
    text, _ = read_source(source, ctx)
    ctx.source_tokens = words(P.parse(text, "html"))
    kept, dropped = clean_html(text)
    for rule, html in sorted(dropped.items()):
        ctx.report.remove(rule, words(P.parse(html, "html")))
    doc = _sanitize(P.parse(kept, "html"), ctx)
    blocks = doc["blocks"]
    if blocks and blocks[0]["t"] == "Header" and blocks[0]["c"][0] == 1:
        title = blocks.pop(0)
        doc["meta"]["title"] = {"t": "MetaString", "c": P.stringify(title)}
        ctx.report.remove("title-line", words(title))
    doc["blocks"] = blocks
    return doc


def _sanitize(doc: P.Node, ctx) -> P.Node:
    """Issue 9's raw-HTML whitelist, when that module exists."""
    try:
        from pressroom.transforms import sanitize
    except ImportError:
        return doc
    fn = getattr(sanitize, "sanitize", None)
    if fn is None:
        return doc
    before = words(doc)
    doc = fn(doc, ctx)
    # What the whitelist drops is charged to it, word by word.
    from collections import Counter
    ctx.report.remove("sanitize", list((Counter(before) - Counter(words(doc))).elements()))
    return doc

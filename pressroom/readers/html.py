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
from pressroom.readers.htmlprep import place_notes, prepare

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
        self.in_section = 0                      # open <section>/<article> elements

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
            if tag in ("header", "footer") and self.in_section:
                rule = None             # a chapter's own title block or signature
            if rule is None and label and CHROME.search(label) and tag not in ("body", "html", "article", "main"):
                rule = "figure-chrome" if re.search(r"caption|credit", label, re.I) else "html-navigation"
            if rule and tag not in VOID:
                self.skip.append((tag, rule))
                self.depth = 0
                self._emit(raw)
                return
            if tag in ("section", "article"):
                self.in_section += 1
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
        elif not self.skip and tag in ("section", "article"):
            self.in_section -= 1

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
    ctx.source_text = text
    page = P.parse(text, "html")
    text, bodies, imported = prepare(text, ctx)
    ctx.source_tokens = words(page) + imported
    kept, dropped = clean_html(text)
    for rule, html in sorted(dropped.items()):
        ctx.report.remove(rule, words(P.parse(html, "html")))
    doc = place_notes(P.parse(_quote_classes(kept), "html"), bodies)
    doc["blocks"] = _dinkus(_unwrap(doc["blocks"]), ctx)
    doc = _tidy(doc)
    _title(doc, page, ctx)
    return doc


QUOTE_CLASS = re.compile(r'<p\b([^>]*\bclass="(?:indentb?|quote|quotation|extract|blockquote)"[^>]*)>'
                         r'(.*?)</p>', re.S | re.I)
DINKUS = re.compile(r"^[\s*⁂·•~]+$")


def _quote_classes(html: str) -> str:
    """Paragraphs a page sets as quotations by class (marxists.org's
    ``p.indentb``) are block quotations."""
    return QUOTE_CLASS.sub(lambda m: f"<blockquote><p>{m.group(2)}</p></blockquote>", html)


def _dinkus(blocks: list[P.Node], ctx) -> list[P.Node]:
    """A "heading" of asterisks ("* * *") is a section break; a break next
    to another, or before or after all the text, is none."""
    out: list[P.Node] = []
    for b in blocks:
        text = P.stringify(b) if b["t"] == "Header" else ""
        if text and DINKUS.match(text) and "*" in text:
            ctx.report.remove("section-break", words(b))
            b = {"t": "HorizontalRule"}
        if b["t"] == "HorizontalRule" and (not out or out[-1]["t"] == "HorizontalRule"):
            continue
        out.append(b)
    while out and out[-1]["t"] == "HorizontalRule":
        out.pop()
    return out


SMALL_CAPS = {"sc", "smcap", "smallcaps", "small-caps"}
PRESENTATION = {"small", "big", "larger", "smaller", "x-small", "label"}


def _tidy(doc: P.Node) -> P.Node:
    """Small caps spans become SmallCaps; presentation spans ("small",
    "big") and empty anchors go; a link to an anchor the page no longer
    has (a page number's) keeps only its text."""
    ids = {a[0] for n in P.iter_nodes(doc["blocks"]) if (a := P.node_attr(n)) and a[0]}

    def visit(node):
        t = node["t"]
        if t == "Span":
            (ident, classes, kv), content = node["c"]
            if set(classes) & SMALL_CAPS:
                return {"t": "SmallCaps", "c": content}
            if not content and (ident or classes):
                return []                # an anchor, or a label emptied of its back-link
            if set(classes) <= PRESENTATION and classes:
                return content
        if t == "Superscript" and node["c"] and \
                all(n["t"] in ("Note", "Space") for n in node["c"]) and \
                any(n["t"] == "Note" for n in node["c"]):
            return [n for n in node["c"] if n["t"] == "Note"]     # <sup><a>(1)</a></sup>
        if t == "Link":
            target = node["c"][2][0]
            if target.startswith("#") and target[1:] not in ids:
                return node["c"][1]
        return None
    return P.walk(doc, visit)


KEEP_DIVS = ("note-def", "attribution", "epigraph", "signature", "poetry", "verse")


def _unwrap(blocks: list[P.Node]) -> list[P.Node]:
    """Layout divs ("main", "frontmatter", "chapter") are not structure."""
    out: list[P.Node] = []
    for b in blocks:
        if b["t"] == "Div" and not any(c in KEEP_DIVS for c in b["c"][0][1]):
            out.extend(_unwrap(b["c"][1]))
        else:
            out.append(b)
    return out


def _title(doc: P.Node, page: P.Node, ctx) -> None:
    """The title: the page's <h1>, else a first heading that restates the
    page's <title>; a <title> that names a site ("The Project Gutenberg
    eBook of …") is never taken as the text's title."""
    blocks = doc["blocks"]
    meta_title = P.stringify(doc["meta"].get("title", {}).get("c", "")) if doc["meta"].get("title") else ""
    doc["meta"].pop("title", None)
    k = next((i for i, b in enumerate(blocks) if b["t"] == "Header" and b["c"][0] == 1), None)
    named = ctx.source.title or meta_title
    if k is None and named:
        # A chapter file's own title (an hgroup's number and name) restates
        # the sidecar's or the page's title: it is the title, not a section.
        lead = []
        while len(lead) < len(blocks) and len(lead) < 3 and blocks[len(lead)]["t"] == "Header":
            lead.append(blocks[len(lead)])
        heads = set(_key(" ".join(P.stringify(h["c"][2]) for h in lead)).split())
        lead_key = _key(" ".join(P.stringify(h["c"][2]) for h in lead))
        if heads and (len(heads & set(_key(named).split())) >= 0.6 * len(heads)
                      or lead_key.startswith(_key(named))):
            for h in lead:
                blocks.remove(h)
                ctx.report.remove("title-line", words(h))
            if meta_title and not ctx.source.title:
                doc["meta"]["title"] = {"t": "MetaString", "c": _heading_text(lead[0]["c"][2])
                                        if len(lead) == 1 else meta_title}
            return
    if k is not None:
        title = blocks.pop(k)
        doc["meta"]["title"] = {"t": "MetaString", "c": _heading_text(title["c"][2])}
        ctx.report.remove("title-line", words(title))
        _title_block(doc, k, ctx)
    elif meta_title and "gutenberg" not in meta_title.lower():
        doc["meta"]["title"] = {"t": "MetaString", "c": meta_title}


def _title_block(doc: P.Node, k: int, ctx) -> None:
    """On a page with no sections (no heading after its text begins), the
    headings right under the title are its subtitle ("of the International
    Working Men's Association", "The First International"), and a short
    line above the title is the site's kicker."""
    blocks = doc["blocks"]
    j = k
    while j < len(blocks) and blocks[j]["t"] in ("Header", "HorizontalRule"):
        j += 1
    if any(b["t"] == "Header" for b in blocks[j:]):
        return
    subtitle = [blocks[i] for i in range(k, j) if blocks[i]["t"] == "Header"]
    del blocks[k:j]                       # the title block's rules go with it
    if subtitle:
        doc["meta"]["subtitle"] = {"t": "MetaString",
                                   "c": "; ".join(_heading_text(h["c"][2]) for h in subtitle)}
        for h in subtitle:
            ctx.report.remove("subtitle-line", words(h))
    before = blocks[:k]
    if len(before) == 1 and before[0]["t"] == "Para" and len(words(before[0])) <= 12:
        blocks.remove(before[0])
        ctx.report.remove("title-line", words(before[0]))


def _heading_text(inl: list) -> str:
    parts = [[]]
    for n in inl:
        if n["t"] == "LineBreak":
            parts.append([])
        else:
            parts[-1].append(n)
    return ": ".join(t for t in (P.stringify(p).strip() for p in parts) if t)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))



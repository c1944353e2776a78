"""The document tree: Pandoc's AST as plain Python data, and the pandoc calls.

Every stage of pressroom passes around Pandoc JSON documents
(``{"pandoc-api-version": ..., "meta": {...}, "blocks": [...]}``).
This module holds the few helpers that build, walk and flatten that tree,
and the one place where pandoc itself (bundled by pypandoc-binary) is run.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Iterator

from pressroom.doctree.leaves import Leaf
from pressroom.errors import UserError

Node = dict[str, Any]

# --- running pandoc -------------------------------------------------------

_API_VERSION: list[int] | None = None


def api_version() -> list[int]:
    global _API_VERSION
    if _API_VERSION is None:
        _API_VERSION = parse("", "markdown")["pandoc-api-version"]
    return _API_VERSION


def parse(text: str, fmt: str, extra_args: Iterable[str] = ()) -> Node:
    """Parse text in a pandoc input format into a JSON document."""
    # --sandbox: sources are untrusted; pandoc's readers would otherwise
    # fetch an <iframe>'s or an image's URL (see transforms/sanitize.py).
    # --quiet: pandoc's warnings are not in pressroom's one-line form; the
    # transforms report what matters, with file and line.
    import pypandoc     # on first use: a no-op build never runs pandoc
    out = pypandoc.convert_text(text, "json", format=fmt,
                                extra_args=["--sandbox", "--quiet", *extra_args])
    try:
        doc = json.loads(out)
    except RecursionError:
        doc = None
    if doc is None or depth(doc) > MAX_DEPTH:
        raise UserError(f"the text nests deeper than {MAX_DEPTH // 3} levels: not an "
                        "article's structure", hint="flatten the markup")
    return doc


MAX_DEPTH = 240     # JSON levels (about 3 per element): the recursive walks need headroom


def depth(x: Any) -> int:
    """How deep a JSON tree nests, without recursion."""
    deepest, stack = 0, [(x, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node if isinstance(v, (dict, list)))
    return deepest


def render(doc: Node, fmt: str, extra_args: Iterable[str] = ()) -> str:
    """Render a JSON document to any pandoc output format."""
    return render_json(json.dumps(doc), fmt, extra_args)


def render_json(text: str, fmt: str, extra_args: Iterable[str] = ()) -> str:
    """Render a document given as its JSON text (``render``'s, for a caller
    that has its blocks serialised already)."""
    import pypandoc     # on first use: a no-op build never runs pandoc
    return pypandoc.convert_text(text, fmt, format="json", extra_args=list(extra_args))


def document(blocks: list[Node], meta: dict | None = None) -> Node:
    return {"pandoc-api-version": api_version(), "meta": meta or {},
            "blocks": blocks}


# --- building nodes -------------------------------------------------------

def attr(ident: str = "", classes: Iterable[str] = (),
         kv: dict[str, str] | None = None) -> list:
    return [ident, list(classes), [[k, v] for k, v in (kv or {}).items()]]


def inlines(text: str) -> list[Node]:
    """Plain text as Str/Space inlines (no markup interpreted)."""
    out: list[Node] = []
    for i, word in enumerate(re.split(r" +", text.strip())):
        if i:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


def Para(content: list[Node]) -> Node:
    return {"t": "Para", "c": content}


def Plain(content: list[Node]) -> Node:
    return {"t": "Plain", "c": content}


def Header(level: int, content: list[Node], ident: str = "",
           classes: Iterable[str] = (), kv: dict | None = None) -> Node:
    return {"t": "Header", "c": [level, attr(ident, classes, kv), content]}


def Div(blocks: list[Node], ident: str = "", classes: Iterable[str] = (),
        kv: dict | None = None) -> Node:
    return {"t": "Div", "c": [attr(ident, classes, kv), blocks]}


def Span(content: list[Node], ident: str = "", classes: Iterable[str] = (),
         kv: dict | None = None) -> Node:
    return {"t": "Span", "c": [attr(ident, classes, kv), content]}


def BlockQuote(blocks: list[Node]) -> Node:
    return {"t": "BlockQuote", "c": blocks}


def RawBlock(fmt: str, text: str) -> Node:
    return {"t": "RawBlock", "c": [fmt, text]}


def RawInline(fmt: str, text: str) -> Node:
    return {"t": "RawInline", "c": [fmt, text]}


# --- reading nodes --------------------------------------------------------

def node_attr(node: Node) -> list | None:
    """The [id, classes, kv] of a node that has attributes, else None."""
    t, c = node.get("t"), node.get("c")
    if t in ("Header",):
        return c[1]
    if t in ("Div", "Span", "CodeBlock", "Code", "Link", "Image", "Table",
             "Figure"):
        return c[0]
    return None


def stringify(x: Any) -> str:
    """The plain text of a node or list of nodes (like pandoc.utils.stringify)."""
    parts: list[str] = []

    def go(n: Any) -> None:
        if isinstance(n, list):
            for m in n:
                go(m)
            return
        if not isinstance(n, dict) or "t" not in n:
            return
        t, c = n["t"], n.get("c")
        if t == "Str":
            parts.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif t in ("Code", "Math"):
            parts.append(c[1])
        elif t == "Quoted":
            q = ("\u201c", "\u201d") if c[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
            parts.append(q[0]); go(c[1]); parts.append(q[1])
        elif t == "Note":
            return
        elif t in ("RawInline", "RawBlock"):
            return
        elif t == "Header":
            go(c[2])
        elif t in ("Div", "Span", "Link", "Image"):
            go(c[1])
        elif t == "Cite":
            go(c[1])
        elif t in ("CodeBlock",):
            parts.append(c[1])
        elif t == "OrderedList":
            for item in c[1]:
                go(item); parts.append(" ")
        elif t == "DefinitionList":
            for term, defs in c:
                go(term); parts.append(" "); go(defs)
        elif t == "LineBlock":
            for line in c:
                go(line); parts.append(" ")
        elif t in ("Para", "Plain", "Emph", "Strong", "Strikeout", "Underline",
                   "SmallCaps", "Superscript", "Subscript", "BlockQuote",
                   "BulletList"):
            go(c)
        elif isinstance(c, list):
            go(c)

    go(x)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def walk(x: Any, fn: Callable[[Node], Any]) -> Any:
    """Bottom-up rewrite: fn(node) returns None (keep), a node, or a list of
    nodes (splice into the parent list). Returns the rewritten tree.

    Every transform walks the whole tree, so this is the hot loop of
    normalising. A subtree that nothing changed is shared with the input
    tree, not copied (the pipeline counts a tree's words before the next
    transform runs, so a transform may still edit the nodes it is handed)."""
    tx = type(x)
    if tx is list:
        return _walk_list(x, fn)
    if tx is dict or tx is Leaf:
        return _walk_dict(x, fn)
    return x


def _walk_list(xs: list, fn: Callable[[Node], Any]) -> list:
    out = None
    for i, item in enumerate(xs):
        ti = type(item)
        if ti is dict or ti is Leaf:        # a Leaf: a shared word (doctree/leaves.py)
            new = _walk_dict(item, fn)
            if type(new) is list:               # spliced into this list
                if out is None:
                    out = xs[:i]
                out.extend(new)
                continue
        elif ti is list:
            new = _walk_list(item, fn)
        else:
            new = item
        if out is not None:
            out.append(new)
        elif new is not item:
            out = xs[:i]
            out.append(new)
    return xs if out is None else out


def _walk_dict(x: dict, fn: Callable[[Node], Any]) -> Any:
    if "t" in x:
        if "c" in x:
            c = x["c"]
            tc = type(c)
            new = _walk_list(c, fn) if tc is list else _walk_dict(c, fn) if tc is dict else c
            if new is not c:
                x = {"t": x["t"], "c": new}
        res = fn(x)
        return x if res is None else res
    if "blocks" in x:  # a whole document
        blocks = _walk_list(x["blocks"], fn)
        return x if blocks is x["blocks"] else {**x, "blocks": blocks}
    return x


def iter_nodes(x: Any) -> Iterator[Node]:
    """Every node in the tree, pre-order (a stack, not nested generators:
    the tree is walked many times)."""
    stack = [x]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        n = pop()
        tn = type(n)
        if tn is list:
            extend(reversed(n))
        elif tn is dict or tn is Leaf:
            if "t" in n:
                yield n
                c = n.get("c")
                if type(c) in (list, dict):
                    push(c)
            elif "blocks" in n:
                push(n["blocks"])


def words(x: Any) -> list[str]:
    """The whitespace-separated words of a subtree's text, notes included."""
    parts: list[str] = []
    for n in iter_nodes(x):
        if n["t"] == "Str":
            parts.append(n["c"])
        elif n["t"] in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif n["t"] in ("Code", "Math"):
            parts.append(" " + n["c"][1] + " ")
        elif n["t"] in ("Para", "Plain", "Header"):
            parts.append(" ")
    return "".join(parts).split()


_slug_re = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    import unicodedata
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _slug_re.sub("-", t.lower()).strip("-") or "x"

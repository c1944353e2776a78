"""Plain-text reader: recovers a text's structure from its lines.

Web scrapes put one paragraph on each line; Project Gutenberg files wrap
paragraphs at ~70 columns. Either way the reader finds the title and the
metadata lines (left to the sidecar), a table of contents (dropped, but
used as the ground truth for heading levels), headings, lists, verse,
attribution lines, footnote definitions and the sidecar's unmarked
quotations and line blocks. Every word it drops is recorded in the ledger
under a rule. Quotations with marks, notes, clean-up and typography are
left to the transforms, which work the same on every format.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.settings.config import Source
from pressroom.readers import textlines as T
from pressroom.transforms.artefacts import is_caption
from pressroom.readers.decode import read_source

METADATA = re.compile(
    r"^(published|posted|written by|by|author|date|updated|first published)\b\s*:?\s*\S",
    re.I)
DATE_ONLY = re.compile(
    r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+(\d{1,2},?\s+)?\d{4})$", re.I)
SUBTITLE = re.compile(r"^(part|volume|book)\s+([ivxlc]+|\d+)\s*[:.–—-]\s*\S", re.I)
FOOTNOTE_DEF = re.compile(r"^\[(?:Footnote|Note)\s+(\w+)\s*:\s*", re.I)
NOTE_PARA_DEF = re.compile(r"^\[(\d+)\]\s+\S")
TERMINAL = re.compile(r"[.?!:;…\"”’')\]]$")


def read_text(source: Source, ctx) -> P.Node:
    text, _ = read_source(source, ctx)
    ctx.source_tokens = text.split()
    lines = text.split("\n")
    lines = _strip_gutenberg(lines, ctx)
    r = _Reader(source, ctx, lines)
    return r.read()


def _strip_gutenberg(lines: list[str], ctx) -> list[str]:
    """Blank out Project Gutenberg's header and licence (line numbers stay)."""
    start = next((i for i, l in enumerate(lines) if T.GUTENBERG_START.match(l)), None)
    end = next((i for i, l in enumerate(lines) if T.GUTENBERG_END.match(l)), None)
    if start is None and end is None:
        return lines
    lines = list(lines)
    cut = list(range(0, start + 1)) if start is not None else []
    cut += list(range(end, len(lines))) if end is not None else []
    for i in cut:
        ctx.report.remove("gutenberg-boilerplate", lines[i].split())
        lines[i] = ""
    return lines


class _Reader:
    def __init__(self, source: Source, ctx, lines: list[str]):
        self.source, self.ctx, self.lines = source, ctx, lines
        self.meta: dict = {}
        structure = source.meta.get("structure") or {}
        self.quote_ranges = T.parse_ranges(structure.get("quotes"))
        self.verse_ranges = T.parse_ranges(structure.get("verse"))
        self.not_headings = set(T.parse_ranges_lines(structure.get("not_headings")))
        self.subheadings = set(T.parse_ranges_lines(structure.get("subheadings")))
        self.width = T.wrap_width(lines)
        self.toc: list[str] = []

    def drop(self, rule: str, text: str) -> None:
        self.ctx.report.remove(rule, text.split())

    # --- the front block and the table of contents ----------------------

    def front(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        if chunks and chunks[0].single and len(chunks[0].text) <= 150 \
                and not T.ends_sentence(chunks[0].text):
            self.meta["title"] = {"t": "MetaString", "c": chunks[0].text}
            self.drop("title-line", chunks[0].lines[0])
            chunks = chunks[1:]
        subtitle = T.key(self.source.meta.get("subtitle") or "")
        while chunks and chunks[0].single:
            line = chunks[0].text
            if METADATA.match(line) or DATE_ONLY.match(line):
                self.drop("metadata-line", chunks[0].lines[0])
            elif SUBTITLE.match(line) or (subtitle and T.key(line) == subtitle):
                self.meta["subtitle"] = {"t": "MetaString", "c": line}
                self.drop("subtitle-line", chunks[0].lines[0])
            else:
                break
            chunks = chunks[1:]
        return chunks

    def find_toc(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        """A block of short consecutive lines whose entries recur later as
        isolated lines is a table of contents: drop it, keep its entries."""
        singles = [c.text for c in chunks if c.single]
        out: list[T.Chunk] = []
        for i, c in enumerate(chunks):
            if len(c.lines) >= 3 and all(len(T.clean(l)) <= 100 for l in c.lines):
                later = singles[singles.index(chunks[i + 1].text):] if i + 1 < len(chunks) \
                    and chunks[i + 1].single else singles
                entries = [T.clean(l) for l in c.lines]
                hits = sum(1 for e in entries if any(T.similar(e, s) >= 0.9 for s in later))
                if hits * 2 >= len(entries):
                    self.toc.extend(entries)
                    for l in c.lines:
                        self.drop("toc", l)
                    if out and out[-1].single and T.CONTENTS.match(out[-1].text):
                        self.drop("toc", out.pop().lines[0])
                    for e in entries:
                        if not any(T.similar(e, s) >= 0.9 for s in later):
                            self.ctx.warn(f"contents entry with no section: '{e}'", c.start)
                    continue
            out.append(c)
        return out

    # --- units: one paragraph, heading, list item, verse ... ------------

    def units(self, chunks: list[T.Chunk]) -> list[dict]:
        units: list[dict] = []
        for c in chunks:
            if self.width:
                units.extend(self.wrapped_units(c))
            else:
                units.extend(self.line_units(c))
        return units

    def line_units(self, c: T.Chunk) -> list[dict]:
        """One paragraph per line (web scrapes)."""
        lines = [l for l in c.lines]
        if (len(lines) >= 3 and max(len(T.clean(l)) for l in lines) <= 60
                and not any(_marker(l) for l in lines)):
            return [dict(kind="verse", lines=[T.clean(l) for l in lines], start=c.start,
                         blanks=c.blanks_before, single=False)]
        out = []
        for j, line in enumerate(lines):
            text = T.clean(line)
            u = dict(kind="para", text=text, start=c.start + j, single=c.single,
                     blanks=c.blanks_before if j == 0 else 0, raw=line)
            prev = out[-1] if out else None
            if prev and prev["kind"] == "para" and _is_attribution(text, prev["text"]):
                u["kind"] = "attribution"
            out.append(u)
        return out

    def wrapped_units(self, c: T.Chunk) -> list[dict]:
        """A hard-wrapped chunk: a paragraph, unless it is verse or a list."""
        texts = [T.clean(l) for l in c.lines]
        base = dict(start=c.start, blanks=c.blanks_before, single=c.single)
        indented = all(re.match(r"^\s{2,}\S", l) for l in c.lines)
        if len(texts) >= 2 and not _marker(c.lines[0]) and not FOOTNOTE_DEF.match(texts[0]) \
                and (indented or max(map(len, texts)) <= 0.7 * self.width):
            return [dict(base, kind="verse", lines=texts)]
        if _marker(c.lines[0]) and any(_marker(l) for l in c.lines[1:]):
            items, out = [], []
            for l in c.lines:
                if _marker(l) or not items:
                    items.append([l])
                else:
                    items[-1].append(l)
            for k, it in enumerate(items):
                out.append(dict(base, kind="para", text=" ".join(T.clean(x) for x in it),
                                raw=it[0], start=c.start + k, single=False))
            return out
        return [dict(base, kind="para", text=" ".join(texts), raw=c.lines[0])]

    # --- deciding what each unit is --------------------------------------

    def classify(self, units: list[dict]) -> None:
        cands = [u for u in units if u["kind"] == "para" and u["single"]
                 and T.looks_like_heading(u["text"], True)
                 and not u["text"].endswith(("?", "!"))]
        title_case = bool(cands) and sum(T.title_case_ratio(u["text"]) >= 0.75
                                         for u in cands) * 2 > len(cands)
        prev = None
        for u in units:
            text = u.get("text", "")
            if u["kind"] == "para":
                m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text)
                if m and (FOOTNOTE_DEF.match(text) or self.width):
                    u["kind"], u["n"] = "note-def", m.group(1)
                elif text.startswith("* ") and prev and re.search(r"\w[.,;:!?”’\"')]?\*", prev.get("text", "")):
                    u["kind"], u["n"] = "note-def", "*"
                elif _marker(u["raw"]) and not (u["single"] and not u["raw"][0].isspace()
                                                and T.looks_like_heading(text, title_case)):
                    u["kind"] = "item"
                elif (u["single"] and u["start"] not in self.not_headings
                      and T.looks_like_heading(text, title_case)
                      and not (prev and prev.get("text", "").endswith(":"))):
                    u["kind"] = "heading"
            prev = u
        heads = [u for u in units if u["kind"] == "heading"]
        self.flag_gaps(units, heads)
        if not heads:
            return
        self.level(heads)
        for u in heads:
            if u["start"] in self.subheadings:
                u["level"] = min(u["level"] + 1, 6)

    def level(self, heads: list[dict]) -> None:
        """Top sections are level 2: those the table of contents lists, or
        those after the longest runs of blank lines; the rest are level 3."""
        if self.toc:
            for u in heads:
                top = any(T.similar(u["text"], e) >= 0.9 for e in self.toc)
                u["level"] = 2 if top else 3
            return
        blanks = [u["blanks"] for u in heads]
        hi = max(blanks)
        use_blanks = hi > min(blanks) and hi >= 2 and blanks.count(hi) >= 2
        for u in heads:
            u["level"] = 3 if use_blanks and u["blanks"] < 2 else 2

    def flag_gaps(self, units: list[dict], heads: list[dict]) -> None:
        """Two blank lines before a paragraph, where the text does not use
        blank runs for its sections, are probably a subheading lost in the
        scrape (000 has three): the editor should look."""
        if any(u["blanks"] >= 2 for u in heads):
            return
        for u in units:
            if u["blanks"] >= 2 and u["kind"] == "para" and units.index(u) > 0 \
                    and not is_caption(u["text"]):
                self.ctx.warn("two blank lines before this paragraph: a lost "
                              "subheading or section break?", u["start"])

    # --- building the tree ------------------------------------------------

    def blocks(self, units: list[dict]) -> list[P.Node]:
        items: list[list] = []           # [node, quote range, verse range]
        for u in units:
            verse = T.in_ranges(u["start"], self.verse_ranges)
            quote = T.in_ranges(u["start"], self.quote_ranges)
            if verse and u["kind"] in ("para", "heading", "attribution", "item"):
                node = {"t": "LineBlock", "c": [P.inlines(u["text"])]}
            elif quote and u["kind"] in ("para", "heading") and u["single"] \
                    and T.looks_like_heading(u["text"], True):
                node = P.Para([{"t": "Strong", "c": P.inlines(u["text"])}])  # a date line
            else:
                node = self.node(u)
                if u["kind"] == "verse" and u["lines"][0][:1] in T.OPEN_QUOTES:
                    node = dict(P.BlockQuote([node]), _verse=True)
            if items and items[-1][1] == quote and self._merge(items[-1][0], node, verse == items[-1][2]):
                continue
            items.append([node, quote, verse])
        blocks: list[P.Node] = []
        last_quote = None
        for node, quote, _ in items:
            if quote and quote == last_quote:
                blocks[-1]["c"].append(node)
            elif quote:
                blocks.append(P.BlockQuote([node]))
            else:
                blocks.append(node)
            last_quote = quote
        return P.walk(blocks, _strip_private)

    @staticmethod
    def _merge(prev: P.Node, node: P.Node, same_verse: bool) -> bool:
        """Merge node into prev: list items, verse lines, quoted stanzas."""
        if node["t"] == "LineBlock" and prev["t"] == "LineBlock" and same_verse \
                and not node.get("_stanza"):
            prev["c"].extend(node["c"])
            return True
        kind = node.get("_kind")
        if kind and prev.get("_kind") == kind:
            if node["t"] == "OrderedList":
                prev["c"][1].extend(node["c"][1])
            else:
                prev["c"].extend(node["c"])
            return True
        if node.get("_verse") and prev.get("_verse"):
            prev["c"].extend(node["c"])
            return True
        return False

    def node(self, u: dict) -> P.Node:
        kind = u["kind"]
        if kind == "heading":
            return P.Header(u["level"], P.inlines(u["text"]))
        if kind == "verse":
            return {"t": "LineBlock", "c": [P.inlines(l) for l in u["lines"]], "_stanza": True}
        if kind == "attribution":
            return P.Div([P.Para(P.inlines(u["text"]))], classes=["attribution"])
        if kind == "note-def":
            text = u["text"]
            m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text)
            head = text[:m.end()] if FOOTNOTE_DEF.match(text) else f"[{u['n']}]"
            if u["n"] == "*":
                head = "*" if text.startswith("* ") else ""
            body = text[len(head):].strip()
            if FOOTNOTE_DEF.match(text) and body.endswith("]"):
                body = body[:-1]
            self.drop("note-markers", head)
            return P.Div([P.Para(P.inlines(body))], classes=["note-def"],
                         kv={"n": u["n"]})
        if kind == "item":
            raw = u["raw"]
            text = u["text"]
            for rx, kindname in ((T.LETTERED, "alpha"), (T.ORDERED, "num"), (T.BULLET, "bullet")):
                m = rx.match(raw)
                if m:
                    marker = text.split()[0]
                    self.drop("list-marker", marker)
                    body = text[len(marker):].strip()
                    if kindname == "bullet":
                        return dict({"t": "BulletList", "c": [[P.Plain(P.inlines(body))]]},
                                    _kind="bullet")
                    start = ord(m.group(2)) - 96 if kindname == "alpha" else int(m.group(2))
                    style = "LowerAlpha" if kindname == "alpha" else "Decimal"
                    delim = "TwoParens" if kindname == "alpha" else "Period"
                    return dict({"t": "OrderedList",
                                 "c": [[start, {"t": style}, {"t": delim}],
                                       [[P.Plain(P.inlines(body))]]]}, _kind=kindname)
        return P.Para(P.inlines(u["text"]))

    def read(self) -> P.Node:
        chunks = T.chunks(self.lines)
        chunks = self.front(chunks)
        chunks = self.find_toc(chunks)
        units = self.units(chunks)
        self.classify(units)
        return P.document(self.blocks(units), self.meta)


def _marker(line: str) -> bool:
    return bool(T.ORDERED.match(line) or T.LETTERED.match(line) or T.BULLET.match(line))


def _is_attribution(text: str, before: str) -> bool:
    """A short line right under a quotation (no blank line between) names
    its source: "—Quoted in Ibid.", "My Life, 1930", "–Trotsky"."""
    if len(text) > 160 or not text:
        return False
    if T.DASH_LEAD.match(text):
        return True
    closes = before.rstrip(" .").endswith(tuple(T.CLOSE_QUOTES) + ("…",)) \
        or re.search(r"[”\"’']\s*\([^)]*\)\.?$", before)
    return bool(closes) and before[:1] in T.OPEN_QUOTES and (
        not T.ends_sentence(text) or text in ("Ibid.", "Ib.", "Idem."))


def _strip_private(node):
    if any(k.startswith("_") for k in node):
        return {k: v for k, v in node.items() if not k.startswith("_")}

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
from pressroom.readers import gutenberg
from pressroom.readers import textfront
from pressroom.readers import textheads
from pressroom.readers import wiki
from pressroom.readers import textlines as T
from pressroom.doctree.captions import is_caption
from pressroom.readers.decode import read_source

METADATA = re.compile(
    r"^(published|posted|written by|by|author|date|updated|first published)\b\s*:?\s*\S",
    re.I)
DATE_ONLY = re.compile(
    r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+(\d{1,2},?\s+)?\d{4})$", re.I)
SUBTITLE = re.compile(r"^(part|volume|book)\s+([ivxlc]+|\d+)\s*[:.–—-]\s*\S", re.I)
FOOTNOTE_DEF = re.compile(r"^\[(?:Footnote|Note)\s+(\w+)\s*:\s*", re.I)
BRACE_DEF = re.compile(r"^\{(\d+)\}\s+\S")          # 1900s PG: "{1}  text" under "Footnotes:"
NOTES_LINE = re.compile(r"^(foot|end)?notes?\s*:?$", re.I)
ILLUSTRATION = re.compile(r"^\[Illustrations?(:.*)?\]$", re.S)
NOTE_PARA_DEF = re.compile(r"^\[(\d+)\]\s+\S")
TERMINAL = re.compile(r"[.?!:;…\"”’')\]]$")


def read_text(source: Source, ctx) -> P.Node:
    text, _ = read_source(source, ctx)
    ctx.source_text = text
    ctx.source_tokens = text.split()
    lines = text.split("\n")
    forced, wiki_title = {}, None
    if wiki.is_wiki(text):
        lines, forced, wiki_title = wiki.read(lines, ctx.report)
    had_header = any(gutenberg.START.match(l) for l in lines)
    lines, pg_title = gutenberg.strip(lines, ctx.report)
    lines, entries = textfront.contents(lines, ctx.report, ctx.warn)
    r = _Reader(source, ctx, lines)
    r.toc = [e for e in entries if not re.fullmatch(r"(?i)chap(ter)?\.?|page|chap\.?\s+page", e)]
    r.gutenberg = had_header
    r.pg_title = pg_title
    r.forced = {i + 1: lvl for i, lvl in forced.items()}      # by line number
    if wiki_title:
        r.meta["title"] = {"t": "MetaString", "c": wiki_title}
    return r.read()


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
        ctx.wrapped = bool(self.width)   # quotes.py: wrapped text indents its quotations
        self.toc: list[str] = []
        self.gutenberg = False
        self.forced: dict[int, int] = {}   # line -> heading level the source marks
        self.pg_title: str | None = None

    def drop(self, rule: str, text: str) -> None:
        self.ctx.report.remove(rule, text.split())

    # --- the front block and the table of contents ----------------------

    def front(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        if self.gutenberg:
            chunks, title = textfront.title_page(chunks, self.pg_title, self.ctx.report)
            if title:
                self.meta["title"] = {"t": "MetaString", "c": title}
                return self.repeated_title(chunks, title)
        first = chunks[0].text if chunks else ""
        if chunks and chunks[0].single and len(first) <= 150 \
                and not T.ends_sentence(first[:-1] if first.isupper() else first):
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

    def repeated_title(self, chunks: list[T.Chunk], title: str) -> list[T.Chunk]:
        """A half-title (the book's title again before its first part) is
        not a heading."""
        out = []
        for c in chunks:
            if c.single and T.key(c.text) == T.key(title):
                self.drop("title-line", c.text)
                continue
            out.append(c)
        return out

    def find_toc(self, chunks: list[T.Chunk]) -> list[T.Chunk]:
        """A block of short consecutive lines whose entries recur later as
        isolated lines is a table of contents: drop it, keep its entries.
        The isolated lines are indexed once (T.KeyIndex), so each entry
        is compared with the few lines that share its first words, not
        with every line of the book."""
        index = T.KeyIndex()
        for i, c in enumerate(chunks):
            if c.single:
                index.add(c.text, i)
        out: list[T.Chunk] = []
        for i, c in enumerate(chunks):
            if len(c.lines) >= 3 and all(len(T.clean(l)) <= 100 for l in c.lines):
                entries = [T.clean(l) for l in c.lines]
                found = [index.find(e, after=i) for e in entries]
                if sum(found) * 2 >= len(entries):
                    self.toc.extend(entries)
                    for l in c.lines:
                        self.drop("toc", l)
                    if out and out[-1].single and T.CONTENTS.match(out[-1].text):
                        self.drop("toc", out.pop().lines[0])
                    for e, hit in zip(entries, found):
                        if not hit:
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
        if indented and len(texts) >= 2 and self.width and not _marker(c.lines[0]) \
                and sum(len(t) >= 0.6 * self.width for t in texts[:-1]) >= 0.8 * (len(texts) - 1) \
                and re.search(r"[.!?;:’'\"”)]$", texts[-1]):
            # Indented prose, wrapped like the text around it: a quotation.
            return [dict(base, kind="quote", text=T.join_wrapped(texts, self.ctx.report),
                         raw=c.lines[0], lines=len(texts))]
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
        return [dict(base, kind="para", text=T.join_wrapped(texts, self.ctx.report), raw=c.lines[0],
                     lines=len(texts))]

    def drop_units(self, units: list[dict]) -> list[dict]:
        return [u for u in units if u["kind"] != "drop"]

    # --- deciding what each unit is --------------------------------------

    def classify(self, units: list[dict]) -> None:
        cands = [u for u in units if u["kind"] == "para" and u["single"]
                 and T.looks_like_heading(u["text"], True)
                 and not u["text"].endswith(("?", "!"))]
        title_case = bool(cands) and sum(T.title_case_ratio(u["text"]) >= 0.75
                                         for u in cands) * 2 > len(cands)
        prev = None
        for idx, u in enumerate(units):
            text = u.get("text", "")
            if u["kind"] == "para" and ILLUSTRATION.match(text):
                u["kind"] = "drop"
                self.drop("image-caption", text)
            elif u["kind"] == "para" and u["single"] and NOTES_LINE.match(text) \
                    and self._defs_follow(units, idx):
                u["kind"] = "drop"
                self.drop("note-markers", text)
            elif u["kind"] == "para" and BRACE_DEF.match(text):
                u["kind"], u["n"] = "note-def", BRACE_DEF.match(text).group(1)
            elif u["kind"] == "para":
                m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text)
                if m and (FOOTNOTE_DEF.match(text) or self.width):
                    u["kind"], u["n"] = "note-def", m.group(1)
                elif text[:2] in ("* ", "† ", "‡ ") and prev and \
                        re.search(r"\w[.,;:!?”’\"')]?" + re.escape(text[0]), prev.get("text", "")):
                    u["kind"], u["n"] = "note-def", text[0]
                elif _marker(u["raw"]) and not (u["single"] and not u["raw"][0].isspace()
                                                and T.looks_like_heading(text, title_case)):
                    u["kind"] = "item"
                elif (u.get("forced") or u["start"] in self.forced) \
                        and u["start"] not in self.not_headings:
                    u["kind"], u["forced"] = "heading", True
                elif (u["single"] and u["start"] not in self.not_headings
                      and not textheads.right_aligned(u)
                      and T.looks_like_heading(text, title_case)
                      and not (prev and prev.get("text", "").endswith(":"))):
                    u["kind"] = "heading"
            prev = u
        textheads.demote(units)
        heads = [u for u in units if u["kind"] == "heading"]
        self.flag_gaps(units, heads)
        if not heads:
            return
        self.level(heads)
        for u in heads:
            if u["start"] in self.forced:
                u["level"] = self.forced[u["start"]]
        for u in heads:
            if u["start"] in self.subheadings:
                u["level"] = min(u["level"] + 1, 6)

    @staticmethod
    def _defs_follow(units: list[dict], idx: int) -> bool:
        k = idx + 1
        nxt = units[k]["text"] if k < len(units) and "text" in units[k] else ""
        return bool(BRACE_DEF.match(nxt) or FOOTNOTE_DEF.match(nxt) or NOTE_PARA_DEF.match(nxt))

    def level(self, heads: list[dict]) -> None:
        """Top sections are level 2: those the table of contents lists, or
        those after the longest runs of blank lines; the rest are level 3."""
        if self.toc:
            toc = T.KeyIndex()
            for e in self.toc:
                toc.add(e, 0)
            for u in heads:
                u["level"] = 2 if toc.find(u["text"], after=-1) else 3
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
        for k, u in enumerate(units):
            if u["blanks"] >= 2 and u["kind"] == "para" and k > 0 \
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
                node = {"t": "LineBlock", "c": [T.markup(u["text"])]}
            elif quote and u["kind"] in ("para", "heading") and u["single"] \
                    and T.looks_like_heading(u["text"], True):
                node = P.Para([{"t": "Strong", "c": T.markup(u["text"])}])  # a date line
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
            return P.Header(u["level"], T.markup(u["text"]))
        if kind == "verse":
            return {"t": "LineBlock", "c": T.markup_lines(u["lines"]), "_stanza": True}
        if kind == "quote":
            return P.BlockQuote([P.Para(T.markup(u["text"]))])
        if kind == "attribution":
            return P.Div([P.Para(T.markup(u["text"]))], classes=["attribution"])
        if kind == "note-def":
            text = u["text"]
            m = FOOTNOTE_DEF.match(text) or NOTE_PARA_DEF.match(text) or BRACE_DEF.match(text)
            head = text[:m.end()] if FOOTNOTE_DEF.match(text) else \
                f"{{{u['n']}}}" if BRACE_DEF.match(text) else f"[{u['n']}]"
            if u["n"] in ("*", "†", "‡"):
                head = u["n"] if text.startswith(u["n"] + " ") else ""
            body = text[len(head):].strip()
            if FOOTNOTE_DEF.match(text) and body.endswith("]"):
                body = body[:-1]
            self.drop("note-markers", head)
            return P.Div([P.Para(T.markup(body))], classes=["note-def"],
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
                        return dict({"t": "BulletList", "c": [[P.Plain(T.markup(body))]]},
                                    _kind="bullet")
                    start = ord(m.group(2)) - 96 if kindname == "alpha" else int(m.group(2))
                    style = "LowerAlpha" if kindname == "alpha" else "Decimal"
                    delim = "TwoParens" if kindname == "alpha" else "Period"
                    return dict({"t": "OrderedList",
                                 "c": [[start, {"t": style}, {"t": delim}],
                                       [[P.Plain(T.markup(body))]]]}, _kind=kindname)
        return P.Para(T.markup(u["text"]))

    def read(self) -> P.Node:
        chunks = T.chunks(self.lines)
        chunks = self.front(chunks)
        chunks = self.find_toc(chunks)
        units = textheads.merge_labels(self.units(chunks))
        self.classify(units)
        return P.document(self.blocks(self.drop_units(units)), self.meta)


def _marker(line: str) -> bool:
    return bool(T.ORDERED.match(line) or T.LETTERED.match(line) or T.BULLET.match(line))


def _is_attribution(text: str, before: str) -> bool:
    """A short line right under a quotation (no blank line between) names
    its source: "—Quoted in Ibid.", "My Life, 1930", "–Darwin"."""
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

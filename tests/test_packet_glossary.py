"""A packet's glossary holds exactly the glossary terms of its own reading.

The expectation is computed without the code under test: the packet's
rendered HTML is read back (reading sections only, headings left out, notes
in), and every variant of manuscript/glossary.yaml (read here with plain
yaml) is searched for in that text by the rules the file's header comment
documents (whole words, straight apostrophes match curly ones, case rules,
chapter limits, exclusions, the longest match wins). The glossary printed in
the packet must list exactly the terms found.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY_YAML = ROOT / "manuscript" / "glossary.yaml"
BLOCK_TAGS = {"p", "li", "div", "br", "blockquote", "td", "th", "dd", "dt", "pre"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FOLD = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
                      "\u00a0": " ", "\u202f": " "})


class PacketText(HTMLParser):
    """Paragraph texts of each reading section, and the glossary headwords."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.readings: list[list[str]] = []
        self.headwords: list[str] = []
        self.section = None
        self.stack: list[tuple[str, bool, bool]] = []   # (tag, skipped, a note)
        self.skip = 0
        self.buf: list[str] = []

    def _cut(self):
        text = " ".join("".join(self.buf).translate(FOLD).split())
        if text and self.section == "reading" and not self.skip:
            self.readings[-1].append(text)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section":
            self.section = classes[0] if classes else None
            if self.section == "reading":
                self.readings.append([])
        if tag in BLOCK_TAGS or "footnote" in classes:
            self._cut()
        skipped = tag in HEADINGS or "pnum" in classes
        if tag in HEADINGS:
            self._cut()
        if tag not in ("br", "img", "hr", "wbr"):
            self.stack.append((tag, skipped, "footnote" in classes))
            self.skip += skipped

    def handle_endtag(self, tag):
        while self.stack:
            t, skipped, note = self.stack.pop()
            if note or t in BLOCK_TAGS or t in HEADINGS:
                self._cut()
            self.skip -= skipped
            if t == tag:
                break

    def handle_data(self, data):
        if self.section == "glossary" and self.stack and self.stack[-1][0] == "dt":
            self.headwords.append(" ".join(data.split()))
        if not self.skip:
            self.buf.append(data)


def parse_packet(html: str) -> PacketText:
    p = PacketText()
    p.feed(html)
    p.close()
    return p


# --- the glossary, read and searched by its documented rules -----------------

def glossary_entries() -> list[dict]:
    out = []
    for item in yaml.safe_load(GLOSSARY_YAML.read_text(encoding="utf-8")):
        variants = []
        for v in item.get("variants") or [item["term"]]:
            if isinstance(v, dict):
                variants.append((v["text"], set(v.get("chapters") or []) or None))
            else:
                variants.append((str(v), None))
        chapters = item.get("chapters")
        ex = item.get("exclude") or []
        out.append({"term": item["term"], "variants": variants,
                    "case": item.get("case", "sensitive"),
                    "chapters": set([chapters] if isinstance(chapters, str) else chapters)
                    if chapters else None,
                    "exclude": [ex] if isinstance(ex, str) else ex})
    return out


def _forms(text: str, case: str) -> tuple[list[str], int]:
    text = " ".join(text.translate(FOLD).split())
    if case == "any":
        return [text], re.IGNORECASE
    forms = [text]
    if case == "sensitive" and text[:1].islower():
        forms.append(text[0].upper() + text[1:])
    return forms, 0


def _spans(phrase: str, case: str, text: str) -> list[tuple[int, int]]:
    forms, flags = _forms(phrase, case)
    spans = []
    for f in forms:
        pat = r"(?<![\w])" + re.escape(f) + r"(?![\w])"
        spans += [m.span() for m in re.finditer(pat, text, flags)]
    return spans


def terms_found(texts: list[str], chapter: str, entries: list[dict]) -> set[str]:
    """The terms with a hit in ``texts``, leftmost-longest across all entries."""
    found = set()
    for text in texts:
        text = " ".join(text.translate(FOLD).split())
        hits = []
        for e in entries:
            if e["chapters"] and chapter not in e["chapters"]:
                continue
            excluded = [s for x in e["exclude"] for s in _spans(x, "exact", text)]
            for v, limit in e["variants"]:
                if limit and chapter not in limit:
                    continue
                for a, b in _spans(v, e["case"], text):
                    if not any(xa <= a and b <= xb for xa, xb in excluded):
                        hits.append((a, -(b - a), e["term"]))
        end = -1
        for a, neg, term in sorted(hits):
            if a >= end:
                found.add(term)
                end = a - neg
    return found


# --- the test ----------------------------------------------------------------

@pytest.fixture(scope="module")
def packet_pages(book):
    from pressroom.builders.packets.markup import packet_html
    from pressroom.builders.packets.plan import plan
    sessions = book.config.data["packets"]["sessions"]
    packets = plan(book)
    assert len(packets) == len(sessions) >= 5
    return [(s, parse_packet(packet_html(book, p))) for s, p in zip(sessions, packets)]


def test_packet_glossary_is_the_terms_found_in_its_own_reading(packet_pages):
    entries = glossary_entries()
    sizes = []
    for session, page in packet_pages:
        assert len(page.readings) == len(session["chapters"])
        expected = set()
        for chapter, texts in zip(session["chapters"], page.readings):
            assert texts, session["name"]
            expected |= terms_found(texts, chapter, entries)
        # headwords are printed with the book's curly apostrophes
        printed = sorted(h.replace("\u2019", "'") for h in page.headwords)
        assert printed == sorted(expected), session["name"]
        sizes.append(len(expected))
    # the packets read different parts of the book, so their glossaries differ
    assert len(set(sizes)) > 1 and max(sizes) > 10


def test_the_search_finds_what_a_reader_would():
    """The test's own search, on text written here."""
    entries = [{"term": "SRs", "variants": [("SRs", None)], "case": "sensitive",
                "chapters": None, "exclude": []},
               {"term": "Left SRs", "variants": [("Left SRs", None)], "case": "sensitive",
                "chapters": None, "exclude": []},
               {"term": "soviet", "variants": [("soviet", None)], "case": "sensitive",
                "chapters": None, "exclude": ["the Soviets launched"]},
               {"term": "Tsar", "variants": [("tsar", None)], "case": "exact",
                "chapters": None, "exclude": []},
               {"term": "kulak", "variants": [("kulak", {"two"})], "case": "sensitive",
                "chapters": None, "exclude": []}]
    assert terms_found(["The Left SRs left."], "one", entries) == {"Left SRs"}
    assert terms_found(["The Left SRs and the SRs."], "one", entries) == {"Left SRs", "SRs"}
    assert terms_found(["Soviet power."], "one", entries) == {"soviet"}
    assert terms_found(["Sovietism."], "one", entries) == set()
    assert terms_found(["The Tsar."], "one", entries) == set()
    assert terms_found(["a kulak"], "one", entries) == set()
    assert terms_found(["a kulak’s land"], "two", entries) == {"kulak"}

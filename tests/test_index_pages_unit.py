"""Printed index page numbers on a small constructed book.

A copy of the small test book (tests/bad_inputs/base) gets a long chapter
of made-up prose in which two index headings, "Marx" and "Kamo" (short
names, never hyphenated, in no title or running head), occur in chosen
paragraphs. The pamphlet PDF is built; the expectation is read from the
PDF alone: the folio of every page whose text holds the name. The index
page must print exactly those folios (ranges expanded).
"""

from __future__ import annotations

import random
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import run_build

BASE = Path(__file__).parent / "bad_inputs" / "base"
VOCAB = ("council delegates bread land peace workers met again spoke length about "
         "factory district committee strike railway harvest newspaper meeting "
         "resolution vote garrison barracks street square winter spring").split()
PLACES = {"Marx": {3, 4, 9, 17, 30}, "Kamo": {10, 38}}
HEADINGS = {"Marx": "Marx, Karl", "Kamo": "Kamo"}


def prose() -> str:
    rng = random.Random(7)
    paras = []
    for i in range(40):
        w = [rng.choice(VOCAB) for _ in range(60)]
        for name, where in PLACES.items():
            if i in where:      # twice: a passage about the name (references/locators.py)
                for k in ((25, 45) if name == "Marx" else (40, 50)):
                    w[k] = name
        paras.append(textwrap.fill("The " + " ".join(w) + ".", 72))
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> PdfReader:
    root = tmp_path_factory.mktemp("ibook")
    book = root / "book"
    shutil.copytree(BASE, book)
    alpha = book / "sources" / "alpha.txt"
    alpha.write_text(alpha.read_text(encoding="utf-8") + "\n" + prose() + "\n", encoding="utf-8")
    with open(book / "index.yaml", "a", encoding="utf-8") as f:
        f.write("- heading: Marx, Karl\n  kind: person\n  variants: [Marx]\n"
                "- heading: Kamo\n  kind: person\n  variants: [Kamo]\n")
    proc = run_build("pdf", "--book", str(book / "book.yaml"), "--dist", str(root / "dist"),
                     "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    return PdfReader(str(root / "dist" / "small-book.pdf"))


def expand(locators: str) -> list[str]:
    out = []
    for part in locators.split(","):
        part = part.strip()
        if m := re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part):
            out += [str(n) for n in range(int(m[1]), int(m[2]) + 1)]
        elif part:
            out.append(part)
    return out


def test_index_prints_the_pages_the_names_are_on(pdf):
    labels = pdf.page_labels
    texts = [p.extract_text() or "" for p in pdf.pages]
    index_at = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Index"))
    index_text = "\n".join(texts[index_at:])
    for name, heading in HEADINGS.items():
        on = [i for i, t in enumerate(texts[:index_at]) if re.search(rf"\b{name}\b", t)]
        expected = sorted({labels[i] for i in on}, key=int)
        assert len(expected) >= 2, name
        for i in on:                 # the folio a reader sees is the page's label
            assert re.search(rf"(?m)^\s*{labels[i]}\s*$", texts[i]), (name, i)
        m = re.search(rf"(?m)^{re.escape(heading)},\s*([\d,–\- ]+)$", index_text)
        assert m, index_text
        assert expand(m[1]) == expected, name


def test_the_construction_spreads_the_names(pdf):
    """The chosen paragraphs fall on several pages, one of them twice."""
    texts = [p.extract_text() or "" for p in pdf.pages]
    marx_pages = [t.count("Marx") for t in texts if "Marx" in t and not t.lstrip().startswith("Index")]
    assert len(marx_pages) >= 3 and max(marx_pages) >= 2

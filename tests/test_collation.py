"""One order for the glossary everywhere (references/collation.py).

The PDF, the EPUB and a study packet of a small book whose glossary holds
terms that two different keys once ordered differently ("social-chauvinism",
"social fascism", "social patriotism") must list the terms in the same
order, read back from each output; and that order is word by word with a
hyphen separating words, written out here by hand.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"
TERMS = ["social patriotism", "soviet", "social fascism", "social-chauvinism"]
# Word by word, a hyphen separating words: (social, chauvinism) < (social,
# fascism) < (social, patriotism) < (soviet).
EXPECTED = ["social-chauvinism", "social fascism", "social patriotism", "soviet"]
DEFINITIONS = {"social patriotism": "Support for one's own government in a war, by socialists.",
               "soviet": "A council of delegates elected by workers, soldiers or peasants.",
               "social fascism": "A label the Comintern gave to social democracy around 1930.",
               "social-chauvinism": "Lenin's word for socialists who backed their state in 1914."}
PACKETS = """
packets:
  paper: a4
  sessions:
    - name: whole
      title: The whole book
      chapters: [alpha, beta, gamma]
      questions: ["One?", "Two?", "Three?", "Four?"]
"""


def order_in(text: str) -> list[str]:
    """The glossary terms in the order of their first place in ``text``."""
    found = {}
    for term in TERMS:
        m = re.search(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w-])", text)
        assert m, f"{term!r} not found"
        found[term] = m.start()
    return sorted(found, key=found.get)


def pdf_glossary_text(path, heading: str = "Glossary") -> str:
    pages = [p.extract_text() or "" for p in PdfReader(str(path)).pages]
    start = max(i for i, t in enumerate(pages) if re.search(rf"^{heading}\s*$", t, re.M))
    text = "\n".join(pages[start:])
    return text[re.search(rf"^{heading}\s*$", text, re.M).end():]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("collation")
    book = tmp / "manuscript"
    shutil.copytree(BASE, book)
    (book / "glossary.yaml").write_text("".join(
        f"- term: {t}\n  definition: {DEFINITIONS[t]}\n" +
        ("  variants: [soviet, soviets]\n" if t == "soviet" else "")
        for t in TERMS), encoding="utf-8")
    gamma = book / "sources" / "gamma.md"
    text = gamma.read_text(encoding="utf-8")
    gamma.write_text(text.replace(
        "Historians still argue", "Social-chauvinism, social fascism and social patriotism "
        "were the insults of the day.\n\nHistorians still argue"), encoding="utf-8")
    yaml_path = book / "book.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + PACKETS, encoding="utf-8")
    dist = tmp / "dist"
    proc = run_build("pdf", "epub", "packets", "--book", str(yaml_path),
                     "--dist", str(dist), "--jobs", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return dist


def test_pdf_glossary_order(outputs):
    assert order_in(pdf_glossary_text(outputs / "small-book.pdf")) == EXPECTED


def test_epub_glossary_order(outputs):
    with zipfile.ZipFile(outputs / "small-book.epub") as z:
        name = next(n for n in z.namelist() if "glossary" in n and n.endswith(".xhtml"))
        xhtml = z.read(name).decode("utf-8")
    terms = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<dt\b[^>]*>(.*?)</dt>", xhtml, re.S)]
    assert [t for t in terms if t in TERMS] == EXPECTED


def test_packet_glossary_order(outputs):
    packet = next(p for p in (outputs / "packets").glob("01-*.pdf") if "booklet" not in p.name)
    assert order_in(pdf_glossary_text(packet)) == EXPECTED


def test_editor_named_alike_in_every_edition(outputs):
    """book.yaml's "editor: The Test Editors" is one name in the PDF's
    authors, the EPUB's editor (dc:creator, role edt) and the packets."""
    pdf_authors = PdfReader(str(outputs / "small-book.pdf")).metadata["/Author"]
    with zipfile.ZipFile(outputs / "small-book.epub") as z:
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")
    creator = re.search(r'<dc:creator id="editor">(.*?)</dc:creator>', opf).group(1)
    packet = next(p for p in (outputs / "packets").glob("01-*.pdf") if "booklet" not in p.name)
    assert creator == "Test Editors"
    assert pdf_authors.split(", ")[-1] == creator
    assert PdfReader(str(packet)).metadata["/Author"] == creator

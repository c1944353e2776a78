"""The index to Chicago's standard: substantive locators, sub-entries by
passage, no long strings, word-by-word order, ranges, "(continued)" lines,
and EPUB Indexes 1.0 markup whose labels are the print pages.

Expectations come from the outputs themselves (the PDF's link rectangles,
named destinations and page labels, the EPUB's XHTML), or are written out
by hand; never from the functions that made them.
"""

from __future__ import annotations

import re
import zipfile
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pytest

from pressroom.errors import UserError
from pressroom.references.index import Index, IndexEntry, Locator, sort_key
from pressroom.references.locators import opens_sentence

EPUB_NS = "http://www.idpf.org/2007/ops"
X = "{http://www.w3.org/1999/xhtml}"
TYPE = f"{{{EPUB_NS}}}type"
LIMIT = 8


# --- rules, on small inputs -------------------------------------------------

def test_sort_is_word_by_word_with_qualifiers_after_the_bare_word():
    headings = ["Petrograd Soviet", "Russia 1917 to 1964 (Westwood)", "Leninism",
                "Petrograd (St Petersburg; Leningrad)", "Russian Revolution (1917)",
                "Lenin levy (1924)", "Russia (Russian Empire)", "Lenin, Vladimir Ilyich",
                "New York", "Newark"]
    assert sorted(headings, key=sort_key) == [
        "Lenin, Vladimir Ilyich", "Lenin levy (1924)", "Leninism", "New York", "Newark",
        "Petrograd (St Petersburg; Leningrad)", "Petrograd Soviet",
        "Russia (Russian Empire)", "Russia 1917 to 1964 (Westwood)",
        "Russian Revolution (1917)"]


@pytest.mark.parametrize("text, word, subject", [
    ("Lenin argued for a split.", "Lenin", True),
    ("Then Zinoviev and Kamenev opposed it.", "Kamenev", True),
    ("In Russia, workers struck.", "Russia", False),
    ("The leaders of the Bolsheviks met.", "Bolsheviks", False),
    ("He wrote a long and bitter letter to the editor about Lenin.", "Lenin", False),
    ("It rained. Trotsky spoke.", "Trotsky", True),
])
def test_subject_of_sentence(text, word, subject):
    assert opens_sentence(text, text.index(word)) is subject


def _book(pages_of_locators):
    locs = [Locator(f"a{i}", "ch") for i in range(len(pages_of_locators))]
    entry = IndexEntry(heading="Lenin, Vladimir Ilyich", key="lenin", kind="person",
                       variants=["Lenin"], locators=locs)
    return SimpleNamespace(index=Index([entry])), {
        f"a{i}": str(p) for i, p in enumerate(pages_of_locators)}


def test_more_than_eight_locators_fail_naming_the_heading():
    from pressroom.builders.pdf.markup import index_groups
    book, numbers = _book([1, 3, 5, 7, 9, 11, 13, 15, 17])
    with pytest.raises(UserError, match=r"'Lenin, Vladimir Ilyich' has 9 undifferentiated"):
        index_groups(book, numbers)
    book, numbers = _book([1, 3, 5, 7, 9, 11, 13, 15])                  # 8: fine
    assert len(index_groups(book, numbers)[0]["entries"][0]["pages"]) == 8
    book, numbers = _book(list(range(101, 121)))                         # one range
    assert [p["text"] for p in index_groups(book, numbers)[0]["entries"][0]["pages"]] \
        == ["101\u201320"]


RULE_TEXT = """\
# one

Kautsky wrote a book.

The book by Kautsky sold well.

Many read Kautsky, and Kautsky replied.

It was said of Kautsky that he wavered.

## Kautsky the renegade

They met there, with Kautsky.

A letter reached the Second Congress about Kautsky.
"""

RULE_INDEX = """\
- heading: Kautsky, Karl
  kind: person
  variants: [Kautsky]
  drop: [Kautsky wrote]
  add: [one-4]
- heading: Lenin
  kind: person
  sub:
    - heading: at the congress
      passages: [Second Congress]
"""


def _mark(tmp_path, text, index_yaml):
    from pressroom.doctree import pandoc as P
    from pressroom.doctree.book import Section
    from pressroom.references.glossary import load_glossary
    from pressroom.references.index import load_index
    from pressroom.transforms.marking import mark_book
    (tmp_path / "g.yaml").write_text("- term: book\n  definition: A book.\n", "utf-8")
    (tmp_path / "i.yaml").write_text(index_yaml, "utf-8")
    g = load_glossary(tmp_path / "g.yaml", ["one"])
    i = load_index(tmp_path / "i.yaml", ["one"])
    sec = Section(id="one", title="one", blocks=P.parse(text, "markdown")["blocks"])
    book = SimpleNamespace(chapters=[sec], warnings=[], glossary=None, index=None)
    mark_book(book, g, i)
    return book


def test_substantive_rule_add_drop_and_passages(tmp_path):
    text = RULE_TEXT + "\nLenin spoke at the Second Congress. Lenin left.\n"
    book = _mark(tmp_path, text, RULE_INDEX)
    kautsky = book.index.by_heading["Kautsky, Karl"]
    # paragraphs 1-6: dropped, passing, twice, added, under a heading naming him (x2)
    assert [loc.para for loc in kautsky.candidates] == [
        "one-1", "one-2", "one-3", "one-3", "one-4", "one-5", "one-6"]
    assert [loc.para for loc in kautsky.locators] == ["one-3", "one-3", "one-4", "one-5",
                                                      "one-6"]
    lenin = book.index.by_heading["Lenin"]
    assert not lenin.locators and [len(s.locators) for s in lenin.sub] == [2]
    assert (book.index.kept["kept"], book.index.kept["mentions"]) == (7, 9)


def test_unknown_passage_fails_naming_it(tmp_path):
    bad = RULE_INDEX.replace("add: [one-4]", "add: [one-99]")
    with pytest.raises(UserError, match=r"'Kautsky, Karl', add: passage 'one-99'"):
        _mark(tmp_path, RULE_TEXT, bad)


# --- the real book: the model ------------------------------------------------

def test_kronstadt_is_one_heading(book):
    headings = [e.heading for e in book.index.sorted_entries()]
    assert [h for h in headings if h.startswith("Kronstadt")] == [
        "Kronstadt", "Kronstadt rebellion"]
    k = book.index.by_heading["Kronstadt"]
    assert [s.heading for s in k.sub] == ["sailors of, in 1905 and 1917",
                                          "rising of 1921 and its suppression"]


def test_cross_references_point_at_printed_headings(book):
    shown = {e.heading for e in book.index.sorted_entries()}
    for e in book.index.sorted_entries():
        for target in ([e.see] if e.see else []) + e.see_also:
            assert target in shown, (e.heading, target)
        assert e.locators or e.sub or e.see, e.heading


def test_share_of_mentions_kept_is_reported(book, built):
    """The report gives the share of mentions kept; it matches the printed
    locators counted from the model's entries."""
    html = (built.dist / "report.html").read_text(encoding="utf-8")
    m = re.search(r"(\d+) of (\d+) \((\d+)%\); \d+ headings with only passing", html)
    assert m, "report.html gives no share of mentions kept"
    kept, total = int(m.group(1)), int(m.group(2))
    assert kept == sum(len(e.all_locators) for e in book.index.entries)
    assert 0.3 < kept / total < 0.8


# --- the real book: the printed index -----------------------------------------

def _index_links(pdf_path):
    """[(printed text of the link, page label of its target, page label of the
    index page, target name)] for every link on the index pages into the
    text, read from the PDF (link rectangles, named destinations and the
    text inside each rect)."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    reader = PdfReader(str(pdf_path))
    labels = reader.page_labels
    dests = {name: reader.get_destination_page_number(d)
             for name, d in reader.named_destinations.items()}
    first = dests["index"]
    doc = pdfium.PdfDocument(str(pdf_path))
    out = []
    for n in range(first, len(reader.pages)):
        textpage = doc[n].get_textpage()
        for annot in reader.pages[n].get("/Annots") or []:
            a = annot.get_object()
            target = a.get("/Dest")
            if target is None and "/A" in a:
                target = a["/A"].get("/D")
            if not isinstance(target, str) or dests.get(target, first) >= first:
                continue                # not a locator: a cross-reference, or no target
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            text = textpage.get_text_bounded(x0 + 0.5, y0 + 0.5, x1 - 0.5, y1 - 0.5)
            out.append((" ".join(text.split()), labels[dests[target]], labels[n], target))
    return out


@pytest.fixture(scope="module")
def pamphlet_links(built):
    return _index_links(built.pdf)


def test_printed_locators_are_the_pages_of_their_anchors(pamphlet_links):
    locators = [x for x in pamphlet_links if re.fullmatch(r"[0-9ivxl]+(–\d+)?", x[0])]
    assert len(locators) > 500
    wrong = [x for x in locators if x[0].split("–")[0] != x[1]]
    assert not wrong, wrong[:5]


def test_print_interior_index_matches_the_pamphlet(built, book, pamphlet_links):
    """The interior (no links: PDF/X) prints the same index pages, and each
    locator's anchor is on a page with the same folio, showing its term."""
    from pypdf import PdfReader
    from test_index_outputs import _body_pages, _flat, _turn
    from pressroom.references.matcher import normal_variant
    pam = PdfReader(built.pdf)
    interior = PdfReader(built.path(f"print/{built.slug}-interior.pdf"))

    def index_text(reader):
        start = reader.get_destination_page_number(reader.named_destinations["index"])
        return [" ".join((reader.pages[n].extract_text() or "").split())
                for n in range(start, start + 12)]
    assert index_text(interior) == index_text(pam)
    dests = {name: interior.get_destination_page_number(d)
             for name, d in interior.named_destinations.items()}
    labels = interior.page_labels
    for _, label, _, anchor in pamphlet_links:
        if anchor.startswith("ix-") and anchor in dests:
            assert labels[dests[anchor]] == label, anchor
    pages = _body_pages([p.extract_text() or "" for p in interior.pages])
    wrong = []
    for e in book.index.sorted_entries():
        forms = [" ".join(normal_variant(v).lower().split()) for v in e.variants]
        for loc in e.all_locators:
            n = dests[loc.anchor]
            text = pages[n] + "\n" + _turn(pages[n]) + (pages[n + 1][:100] if n + 1 < len(pages) else "")
            if not any(f in t for f in forms for t in (_flat(text), _flat(text, "-"))):
                wrong.append((e.heading, loc.anchor, labels[n]))
    assert not wrong, wrong[:5]


def test_no_printed_line_over_the_limit(built):
    """Counted in the EPUB's index (the same entries and locators, the
    PDF's labels): locators directly in an entry, a range counting once."""
    root = _epub_index(built)
    for li in root.iter(f"{X}li"):
        direct = [c for c in li if c.get(TYPE) in ("index-locator", "index-locator-range")]
        assert len(direct) <= LIMIT, (_term(li), len(direct))


def test_continued_lines_in_print(built, pdf_pages):
    """Every index column that opens with a sub-entry opens with a
    "(continued)" line: at least one such line exists (the long entries
    break), and each names a heading that has sub-entries."""
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    start = reader.get_destination_page_number(reader.named_destinations["index"])
    text = "\n".join(pdf_pages[start:])
    heads = re.findall(r"^(.+?) \(continued\)$", text, re.M)
    assert heads, "no (continued) line"
    root = _epub_index(built)
    with_subs = {_term(li) for li in root.iter(f"{X}li")
                 if li.find(f"{X}ul") is not None}
    assert all(h.strip() in with_subs for h in heads), heads


# --- the real book: the EPUB index --------------------------------------------

def _epub_index(built):
    with zipfile.ZipFile(built.epub) as z:
        name = next(n for n in z.namelist() if n.endswith("index.xhtml"))
        return ET.fromstring(z.read(name))


def _term(li) -> str:
    span = next(c for c in li if c.get(TYPE) == "index-term")
    return "".join(span.itertext()).strip()


def test_epub_index_markup(built):
    root = _epub_index(built)
    index = [s for s in root.iter(f"{X}section") if s.get(TYPE) == "index"]
    assert len(index) == 1
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for ul in index[0].iter(f"{X}ul"):
        assert ul.get(TYPE) == "index-entry-list"
        for li in ul:
            assert li.tag == f"{X}li" and li.get(TYPE) == "index-entry"
            first = [c for c in li if c.get(TYPE) != "pagebreak"][0]
            assert first.get(TYPE) == "index-term"
    ranges = [r for r in root.iter() if r.get(TYPE) == "index-locator-range"]
    assert ranges
    for r in ranges:
        assert [c.get(TYPE) for c in r] == ["index-locator", "index-locator"]
    for x in root.iter():
        if x.get(TYPE) in ("index-xref-preferred", "index-xref-related"):
            for a in x.iter(f"{X}a"):
                assert a.get("href", "").lstrip("#") in ids


def _expand(first: str, last: str) -> int:
    """The full number of an abbreviated range end: 112–15 -> 115, 99–100 -> 100."""
    if len(last) >= len(first):
        return int(last)
    return int(first[:len(first) - len(last)] + last)


def test_epub_labels_are_print_pages(built, pdf_destinations):
    from pypdf import PdfReader
    labels = PdfReader(built.pdf).page_labels
    root = _epub_index(built)
    checked, wrong = 0, []
    for r in [r for r in root.iter() if r.get(TYPE) == "index-locator-range"]:
        a, b = r
        assert _expand(a.text, b.text) > int(a.text)
        b.text = str(_expand(a.text, b.text))
    for a in root.iter(f"{X}a"):
        if a.get(TYPE) != "index-locator":
            continue
        anchor = a.get("href").split("#", 1)[1]
        checked += 1
        if labels[pdf_destinations[anchor]] != a.text:
            wrong.append((anchor, a.text, labels[pdf_destinations[anchor]]))
    assert checked > 1000 and not wrong, wrong[:5]


@pytest.fixture(scope="module")
def pdf_destinations(built) -> dict[str, int]:
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    return {name: reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()}


ORDER = [("Petrograd (St Petersburg; Leningrad)", "Petrograd Soviet"),
         ("Russia (Russian Empire)", "Russia 1917 to 1964 (Westwood)"),
         ("Russia 1917 to 1964 (Westwood)", "Russian Revolution (1917)"),
         ("Lenin, Vladimir Ilyich", "Lenin levy (1924)"),
         ("Lenin levy (1924)", "Leninism")]


def test_epub_and_print_order_agree(built, pdf_pages, pdf_destinations):
    """Word by word, qualifiers after the bare word, in both editions: the
    EPUB's entries and the printed index's lines (each heading found by its
    first words at the start of a line)."""
    root = _epub_index(built)
    terms = [_term(li) for li in root.iter(f"{X}li") if li.get("id", "").startswith("ix-")]
    text = "\n" + "\n".join(pdf_pages[pdf_destinations["index"]:])
    for a, b in ORDER:
        assert terms.index(a) < terms.index(b), (a, b)
        pa, pb = (re.search("\n" + re.escape(h).replace("\\ ", "\\s+") + "[,.]", text).start()
                  for h in (a, b))
        assert pa < pb, (a, b)

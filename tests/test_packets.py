"""Study packets (issue 8), checked from the PDFs in the session's build."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from pressroom.builders.packets.plan import plan

A4 = (595.28, 841.89)


@pytest.fixture(scope="session")
def packets(book):
    found = plan(book)
    assert len(found) >= 5
    return found


@pytest.fixture(scope="session")
def folder(built):
    return built.dist / "packets"


def _doc(path):
    import pymupdf
    return pymupdf.open(str(path))


def test_one_pdf_and_one_booklet_per_session(packets, folder):
    for p in packets:
        assert (folder / f"{p.slug}.pdf").is_file()
        assert (folder / f"{p.slug}-booklet.pdf").is_file()
    everything = PdfReader(str(folder / "all-packets.pdf"))
    assert len(everything.pages) == sum(
        len(PdfReader(str(folder / f"{p.slug}.pdf")).pages) for p in packets)


def test_page_sizes(packets, folder):
    for p in packets:
        for page in PdfReader(str(folder / f"{p.slug}.pdf")).pages:
            assert abs(float(page.mediabox.width) - A4[0]) < 0.5
            assert abs(float(page.mediabox.height) - A4[1]) < 0.5
        sides = PdfReader(str(folder / f"{p.slug}-booklet.pdf")).pages
        assert len(sides) % 2 == 0          # 4 pages a sheet: 2 sides of 2
        for page in sides:
            assert abs(float(page.mediabox.width) - A4[1]) < 1
            assert abs(float(page.mediabox.height) - A4[0]) < 1


def test_cover_sheet(packets, folder):
    for p in packets:
        text = " ".join(PdfReader(str(folder / f"{p.slug}.pdf")).pages[0].extract_text().split())
        assert f"session {p.number}" in text
        assert f"about {p.minutes} minutes" in text or "h " in text
        for r in p.readings:
            assert r.section.title.split("—")[0][:20] in text


def _margin_numbers(path) -> list[int]:
    """Paragraph numbers: the 8 pt figures in the left margin, in order."""
    nums = []
    for page in _doc(path):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if abs(span["size"] - 8) < 0.3 and span["bbox"][0] < 26 * 72 / 25.4 \
                            and span["text"].strip().isdigit():
                        nums.append(int(span["text"]))
    return nums


def test_paragraph_numbers_run_without_gaps(book, packets, folder):
    from pressroom.builders.packets.markup import packet_html
    for p in packets:
        expected = len(re.findall(r'class="pnum"', packet_html(book, p)))
        assert expected > 10
        assert _margin_numbers(folder / f"{p.slug}.pdf") == list(range(1, expected + 1))


def _glossary_page_terms(path, all_terms: set[str]) -> list[str] | None:
    """The headwords printed on the packet's glossary pages: the lines that
    are exactly a glossary term (each headword is a line of its own)."""
    terms, inside = [], False
    for page in _doc(path):
        text = page.get_text()
        if "Questions for discussion" in text:
            break
        if not inside and re.search(r"^Glossary\s*$", text, re.M):
            inside = True
        if not inside:
            continue
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                words = "".join(s["text"] for s in line["spans"]).strip()
                if words in all_terms:
                    terms.append(words)
    return terms if inside else None


def test_glossary_holds_exactly_the_terms_of_the_reading(book, packets, folder):
    """The PDF's glossary pages list the terms found by searching the
    packet's own reading (its HTML) with glossary.yaml's variants, not the
    terms the writer's own function picks (test_packet_glossary.py)."""
    from pressroom.builders.packets.markup import packet_html
    from test_packet_glossary import glossary_entries, parse_packet, terms_found
    entries = glossary_entries()
    sessions = book.config.data["packets"]["sessions"]
    for p, session in zip(packets, sessions):
        page = parse_packet(packet_html(book, p))
        expected = set()
        for chapter, texts in zip(session["chapters"], page.readings):
            expected |= terms_found(texts, chapter, entries)
        expected = sorted(expected)
        found = _glossary_page_terms(folder / f"{p.slug}.pdf", {e["term"] for e in entries})
        if not expected:
            assert found is None
            continue
        assert sorted(found) == expected, p.slug


def test_questions_and_notes_page(packets, folder):
    for p in packets:
        pages = PdfReader(str(folder / f"{p.slug}.pdf")).pages
        text = " ".join(" ".join(pg.extract_text().split()) for pg in pages[-3:])
        assert "Questions for discussion" in text
        assert " ".join(p.questions[0].split()[:4]) in text
        assert "Notes" in pages[-1].extract_text()


def test_booklet_first_side_shows_last_and_first_pages(packets, folder):
    import pymupdf
    for p in packets:
        doc = _doc(folder / f"{p.slug}-booklet.pdf")
        side = doc[0]
        w, h = side.rect.width, side.rect.height
        left = side.get_text(clip=pymupdf.Rect(0, 0, w / 2, h))
        right = " ".join(side.get_text(clip=pymupdf.Rect(w / 2, 0, w, h)).split())
        assert "Notes" in left                       # the packet's last page
        assert f"session {p.number}" in right        # its first page, the cover sheet
        second = doc[1]
        assert "Reading group, session" not in second.get_text()   # pages 2 and N-1


# --- the plan, from the in-memory book ---------------------------------------

def test_split_chapters_are_read_whole_and_once(book, packets):
    by_chapter: dict[str, list] = {}
    for p in packets:
        for r in p.readings:
            by_chapter.setdefault(r.section.id, []).append(r)
    for cid, readings in by_chapter.items():
        sec = book.chapter(cid)
        joined = [b for r in readings for b in r.blocks[1:]]   # each repeats the title
        assert joined == sec.blocks[1:], cid


def test_headings_found_by_full_or_short_id(book):
    from pressroom.builders.packets.plan import find_heading
    sec = next(s for s in book.chapters if len(s.headings()) > 3)
    level, ident, text = sec.headings()[2]
    i = find_heading(sec, ident)
    assert i is not None and sec.blocks[i]["c"][1][0] == ident
    assert find_heading(sec, ident.removeprefix(sec.id + "-")) == i


def test_unknown_heading_is_a_user_error(book):
    from pressroom.errors import UserError
    from pressroom.builders.packets.plan import reading
    with pytest.raises(UserError, match="no heading"):
        reading(book.chapters[0], "no-such-heading", None, "test")

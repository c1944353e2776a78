"""Study packets (issue 8), checked from the PDFs in the session's build."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from pressroom.builders.packets.plan import plan
from pressroom.doctree.typography import smarten_text

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
    lengths = [len(PdfReader(str(folder / f"{p.slug}.pdf")).pages) for p in packets]
    # each packet opens on a recto: a blank page after one of odd length
    assert len(everything.pages) == sum(n + n % 2 for n in lengths[:-1]) + lengths[-1]
    starts = [o.page_number if hasattr(o, "page_number") else everything.get_destination_page_number(o)
              for o in everything.outline]
    assert len(starts) == len(packets)
    assert all(start % 2 == 0 for start in starts), starts      # index 0, 2, ...: rectos
    for p, start in zip(packets, starts):
        assert f"session {p.number}" in everything.pages[start].extract_text()


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
        expected = sorted(smarten_text(t) for t in expected)
        found = _glossary_page_terms(folder / f"{p.slug}.pdf", {smarten_text(e["term"]) for e in entries})
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

def test_every_paragraph_in_exactly_one_packet(book, packets):
    """Each block of a chapter read by any session is in exactly one packet
    (the chapter title aside, which every share of a split chapter repeats),
    and a chapter a session reads is read whole."""
    seen: dict[str, list[int]] = {}
    for p in packets:
        for r in p.readings:
            sec = r.section
            ids = {id(b): i for i, b in enumerate(sec.blocks)}
            seen.setdefault(sec.id, []).extend(ids[id(b)] for b in r.blocks[1:])
    for cid, got in seen.items():
        n = len(book.chapter(cid).blocks)
        assert sorted(got) == list(range(1, n)), cid


def test_a_split_starts_at_a_section(book, packets):
    """The reading's range on the cover names level-2 sections: a packet
    that starts mid-chapter starts at one (the 4/5 split did not)."""
    for p in packets:
        for r in p.readings:
            if r.partial:
                assert r.blocks[1]["t"] == "Header" and r.blocks[1]["c"][0] == 2 \
                    or r.blocks[1] is r.section.blocks[1], p.slug


def test_level_3_split_is_a_user_error(book):
    from pressroom.errors import UserError
    from pressroom.settings.packets import Session, reading_range
    sec = book.chapter("revolution-1917")
    session = Session(1, "test", "Test", (sec.id,), "legacy-of-the-revolution", None,
                      ("?",) * 4, {})
    with pytest.raises(UserError, match="level-3"):
        reading_range(sec, session)


def test_booklet_notes_margin_is_outside(book, packets):
    """Booklet pages: the wide notes margin is on the outer side, so on a
    verso (left-hand page) it is on the left."""
    from pressroom.builders.packets.markup import page_css
    css = page_css("a4", True)
    right = re.search(r"@page \{[^}]*margin: (\S+) (\S+) (\S+) (\S+);", css).groups()
    left = re.search(r"@page :left \{ margin: (\S+) (\S+) (\S+) (\S+);", css).groups()
    mm = lambda v: float(v.removesuffix("mm"))
    assert mm(right[1]) > mm(right[3])          # recto: wide on the right (outer)
    assert mm(left[3]) > mm(left[1])            # verso: wide on the left (outer)
    assert (left[1], left[3]) == (right[3], right[1])


def test_booklet_cover_says_how_to_print(packets, folder):
    from pypdf import PdfReader as R
    for p in packets:
        first_side = " ".join(R(str(folder / f"{p.slug}-booklet.pdf")).pages[0].extract_text().split())
        assert "double-sided" in first_side and "flip on the short edge" in first_side


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
    from pressroom.settings.packets import find_heading
    sec = next(s for s in book.chapters if len(s.headings()) > 3)
    level, ident, text = sec.headings()[2]
    i = find_heading(sec, ident)
    assert i is not None and sec.blocks[i]["c"][1][0] == ident
    assert find_heading(sec, ident.removeprefix(sec.id + "-")) == i


def test_unknown_heading_is_a_user_error(book):
    from pressroom.errors import UserError
    from pressroom.settings.packets import Session, reading_range
    session = Session(1, "test", "Test", (book.chapters[0].id,), "no-such-heading", None,
                      ("?",) * 4, {"from": 7})
    with pytest.raises(UserError, match="no heading"):
        reading_range(book.chapters[0], session)


def test_saddle_order_folds_into_reading_order():
    """Each side holds two pages whose numbers add up to N+1 (1-based),
    the outer sheet the cover and the back page, and every page appears
    once: folded, the sheets read 1..N."""
    from pressroom.builders.packets import saddle_order
    assert saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    for n in (4, 12, 40, 76):
        sides = saddle_order(n)
        assert len(sides) == n // 2
        assert sorted(i for side in sides for i in side) == list(range(n))
        assert all(a + b == n - 1 for a, b in sides)
        assert sides[0] == (n - 1, 0) and sides[-1] == (n // 2 - 1, n // 2)


def test_the_task_list_renders_every_packets_readings_once_for_both_files(book, packets,
                                                                           tmp_path, monkeypatch):
    """packets.tasks renders the readings of every packet in one pandoc
    call and keeps them; each file's task then takes its packet's HTML from
    there (no pandoc), the same as a packet's readings rendered alone."""
    from pressroom.builders import BuildContext
    from pressroom.builders import packets as builder
    from pressroom.builders.common.html import KEPT
    from pressroom.builders.packets.markup import reading_fragments
    from pressroom.doctree import pandoc as P
    alone = [reading_fragments(book, p) for p in packets]
    calls = []
    real = P.render_json            # every pandoc call that writes
    monkeypatch.setattr(P, "render_json", lambda *a, **k: calls.append(1) or real(*a, **k))
    ctx = BuildContext(build_date="2026-01-01", out=tmp_path / "out", state_dir=tmp_path)
    listed = builder.tasks(book, ctx)
    assert calls == [1] and sorted(listed) == [(i, b) for i in range(len(packets))
                                               for b in (False, True)]
    assert [reading_fragments(book, p, tmp_path / KEPT) for p in packets] == alone
    assert calls == [1]                 # both files of every packet: from the store

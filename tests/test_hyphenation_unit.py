"""Hyphenation rules on small constructed pages (builders/common/hyphenation.py,
builders/pdf/fixes.py): names kept whole and no ladder while WeasyPrint lays
out, and the post-layout check for lines broken in mid-paragraph.

The expectations come from the laid-out lines themselves (the text
WeasyPrint put on each line), never from the code under test.
"""

from __future__ import annotations

import pytest

from pressroom.builders.common.hyphenation import hyphenation_rules
from pressroom.builders.pdf import fixes
from pressroom.builders.pdf.pagemap import flow_lines, own_text
from pressroom.paths import STYLES

BREAK = "\u2010"
CSS = """@import "fonts.css";
@page { size: 70mm 200mm; margin: 5mm; }
body { font-family: "EB Garamond"; font-size: 10pt; line-height: 12pt; margin: 0; }
p, li { margin: 0; text-align: justify; hyphens: auto; hyphenate-limit-chars: 5 2 2; }
"""
NAMES = ["Constantinople", "Petrograd", "Kropotkin", "Transcaucasia", "Vladivostok"]
WORDS = ["extraordinary", "revolutionary", "administration", "characteristic",
         "international", "unprecedented"]


def render(html: str):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    sheet = weasyprint.CSS(string=CSS, base_url=str(STYLES / "fonts") + "/", font_config=fonts)
    return weasyprint.HTML(string=html).render(stylesheets=[sheet], font_config=fonts)


def text(lang: str) -> str:
    words = [w for k in range(12) for w in (NAMES[k % 5], "and", WORDS[k % 6], "so")]
    return f"<html lang='{lang}'><body><p id='p1'>{' '.join(words)}</p></body></html>"


def broken_words(doc) -> list[str]:
    """The word fragment before each line-end hyphen, as laid out."""
    out = []
    for page in doc.pages:
        for _, line in flow_lines(page._page_box.children[0]):
            t = own_text(line)
            if t.endswith(BREAK):
                out.append(t[:-1].rsplit(" ", 1)[-1])
    return out


@pytest.fixture              # per test, not per module: make mutation runs each test alone
def layouts():
    plain = {lang: render(text(lang)) for lang in ("en", "de")}
    with hyphenation_rules():
        kept = {lang: render(text(lang)) for lang in ("en", "de")}
    return plain, kept


def test_the_page_breaks_names_without_the_rule(layouts):
    plain, _ = layouts
    assert any(w[:1].isupper() for w in broken_words(plain["en"]))


def test_no_name_broken_in_english_but_other_words_still_are(layouts):
    _, kept = layouts
    broken = broken_words(kept["en"])
    assert broken and not any(w[:1].isupper() for w in broken), broken


def test_german_nouns_still_hyphenate(layouts):
    _, kept = layouts
    assert any(w[:1].isupper() for w in broken_words(kept["de"]))


def test_the_rule_ends_with_its_block():
    from weasyprint.layout import block
    from weasyprint.text import line_break
    before = line_break.pyphen, block.iter_line_boxes
    with hyphenation_rules():
        assert line_break.pyphen is not before[0] and block.iter_line_boxes is not before[1]
    assert (line_break.pyphen, block.iter_line_boxes) == before


def hyphen_runs(doc) -> list[int]:
    """For each laid-out line, how many lines in a row (this one included,
    on its page) end with a hyphen."""
    out = []
    for page in doc.pages:
        run = 0
        for _, line in flow_lines(page._page_box.children[0]):
            run = run + 1 if own_text(line).endswith(BREAK) else 0
            out.append(run)
    return out


def test_no_more_than_two_hyphenated_lines_in_a_row():
    words = " ".join(w for k in range(40) for w in (WORDS[k % 6], "a", WORDS[(k + 3) % 6]))
    html = f"<html lang='en'><body><p id='p1'>{words}</p></body></html>"
    plain = hyphen_runs(render(html))
    with hyphenation_rules():
        ruled = hyphen_runs(render(html))
    assert max(plain) > 2                      # the text makes ladders untold
    assert max(ruled) == 2                     # told: two in a row, never three
    assert sum(1 for r in ruled if r) >= len(ruled) // 4     # and it still hyphenates


def test_a_footnote_laid_out_inside_a_line_keeps_its_paragraphs_count():
    """A footnote's lines are made while its call's line is: the note's
    paragraph has its own count, and the body's count goes on after it."""
    words = " ".join(w for k in range(40) for w in (WORDS[k % 6], "a", WORDS[(k + 3) % 6]))
    note = ("<span style='float: footnote; hyphens: auto; text-align: justify'>" + " ".join(w for k in range(12) for w in (WORDS[k % 6], "a", WORDS[(k + 3) % 6]))
            + "</span>")
    half = len(words) // 2
    html = (f"<html lang='en'><body><p id='p1'>{words[:half]}{note} "
            f"{words[half:]}</p></body></html>")
    plain = render(html)
    with hyphenation_rules():
        doc = render(html)
    assert max(note_runs(plain)) > 2 and max(hyphen_runs(plain)) > 2
    assert max(note_runs(doc)) == 2 and max(hyphen_runs(doc)) == 2


def test_a_short_line_in_mid_paragraph_is_broken():
    long = " ".join(WORDS * 2)
    doc = render(f"<html lang='en'><body><p id='p1'>{long} end<br>{long}</p></body></html>")
    first, rules = fixes.broken(doc.pages)
    assert first == 0 and rules == ['[id="p1"] { hyphenate-limit-zone: 0; }']


def test_list_markers_are_not_broken_lines():
    items = "".join(f"<li id='li-{k}'>{' '.join(WORDS)} {' '.join(WORDS[:k + 1])}</li>"
                    for k in range(4))
    doc = render(f"<html lang='en'><body><ol>{items}</ol></body></html>")
    lines = [own_text(ln) for _, ln in flow_lines(doc.pages[0]._page_box.children[0])]
    assert lines and "" not in lines        # an outside marker is out of the flow
    markers = [b for b in doc.pages[0]._page_box.descendants()
               if "::marker" in (getattr(b, "element_tag", "") or "")]
    assert len(markers) >= 4                # but laid out
    assert fixes.broken(doc.pages) == (None, [])


@pytest.mark.parametrize("on_before", [True, False])
def test_layouts_run_with_names_kept_and_the_collector_paused(on_before):
    import gc
    from weasyprint.text import line_break
    from pressroom.builders.common import weasy
    was, module = gc.isenabled(), line_break.pyphen
    try:
        (gc.enable if on_before else gc.disable)()
        with weasy.laying_out():
            assert not gc.isenabled()
            assert line_break.pyphen is not module
        assert gc.isenabled() is on_before and line_break.pyphen is module
        with pytest.raises(ValueError):         # put back when a layout fails too
            with weasy.laying_out():
                raise ValueError("layout failed")
        assert gc.isenabled() is on_before and line_break.pyphen is module
    finally:
        (gc.enable if was else gc.disable)()


def note_runs(doc) -> list[int]:
    """hyphen_runs for the lines of the pages' footnote areas."""
    out = []
    for page in doc.pages:
        run = 0
        for line in note_lines_of(page):
            run = run + 1 if own_text(line).endswith(BREAK) else 0
            out.append(run)
    return out


def note_lines_of(page):
    """The line boxes of a page's footnote area."""
    def walk(box):
        if type(box).__name__ == "LineBox":
            yield box
        else:
            for child in getattr(box, "children", ()):
                yield from walk(child)
    for area in page._page_box.children[1:]:
        if type(area).__name__ == "FootnoteAreaBox":
            yield from walk(area)


def foot_hyphens(doc) -> list[bool]:
    """For each page, whether its last line ends with a hyphen."""
    out = []
    for page in doc.pages:
        lines = [own_text(ln) for _, ln in flow_lines(page._page_box.children[0])]
        out.append(bool(lines) and lines[-1].endswith(BREAK))
    return out


@pytest.mark.parametrize("first_folio", [1, 2])
def test_no_hyphen_on_the_last_line_of_a_recto(first_folio):
    """Many short pages of hyphen-prone text: untold, some recto's last
    line ends in a hyphen; told (the layout's first folio given), no
    recto's does, and versos still may."""
    words = " ".join(w for k in range(400) for w in (WORDS[k % 6], "a", WORDS[(k + 1) % 6]))
    html = ("<html lang='en'><head><style>@page { size: 70mm 40mm; margin: 5mm; }</style>"
            f"</head><body><p id='p1'>{words}</p></body></html>")
    recto = [(first_folio + i) % 2 == 1 for i in range(200)]
    plain = foot_hyphens(render(html))
    with hyphenation_rules(first_folio):
        ruled = foot_hyphens(render(html))
    assert any(h and r for h, r in zip(plain, recto))          # the text makes them untold
    assert not any(h and r for h, r in zip(ruled[:-1], recto))
    assert any(h and not r for h, r in zip(ruled, recto))      # a verso's foot may break


def page_lines(doc) -> list[list[str]]:
    return [[own_text(ln) for _, ln in flow_lines(page._page_box.children[0])]
            for page in doc.pages]


def test_only_a_rectos_last_two_lines_are_held():
    """The rule holds back the recto's last line and the one before (the
    widows rule may move the last overleaf), no other: some recto still
    has a hyphen on the third line from its foot and on its first."""
    words = " ".join(w for k in range(400) for w in (WORDS[k % 6], "a", WORDS[(k + 1) % 6]))
    html = ("<html lang='en'><head><style>@page { size: 70mm 40mm; margin: 5mm; }</style>"
            f"</head><body><p id='p1'>{words}</p></body></html>")
    with hyphenation_rules(1):
        pages = page_lines(render(html))
    rectos = [lines for i, lines in enumerate(pages[:-1]) if i % 2 == 0 and len(lines) > 2]
    assert rectos
    assert not any(lines[-2].endswith(BREAK) for lines in rectos)
    assert any(lines[-3].endswith(BREAK) for lines in rectos if len(lines) > 3)
    assert any(lines[0].endswith(BREAK) for lines in rectos)


def test_a_line_left_last_by_the_widows_rule_is_not_hyphenated():
    """Paragraphs of many lengths on short pages: some recto ends a line
    short of the others, its last line moved overleaf by the widows rule
    (two lines, CSS's default), and still no recto's last line is
    hyphenated."""
    paragraphs = "".join(
        f"<p id='p{k}'>{' '.join(WORDS[(k + j) % 6] + ' a' for j in range(8 + k % 7))}</p>"
        for k in range(60))
    html = ("<html lang='en'><head><style>@page { size: 70mm 40mm; margin: 5mm; }</style>"
            f"</head><body>{paragraphs}</body></html>")
    with hyphenation_rules(1):
        doc = render(html)
    pages = page_lines(doc)
    full = max(len(lines) for lines in pages)
    rectos = [lines for i, lines in enumerate(pages[:-1]) if i % 2 == 0]
    assert any(len(lines) < full for lines in rectos)       # the widows rule at work
    assert not any(lines[-1].endswith(BREAK) for lines in rectos)


def test_a_line_ending_in_an_image_is_laid_out():
    """A line whose last box is an image (no text) is not a hyphenated one."""
    image = ("<img alt='' width='12' height='12' src=\"data:image/svg+xml,"
             "%3Csvg xmlns='http://www.w3.org/2000/svg' width='12' height='12'/%3E\">")
    html = f"<html lang='en'><body><p id='p1'>{' '.join(WORDS)} {image}</p></body></html>"
    with hyphenation_rules():
        pages = page_lines(render(html))
    assert pages and pages[0] and not pages[0][-1].endswith(BREAK)


@pytest.mark.parametrize("line, word", [
    ("the political move\u2010", "move"),
    ("led by “Bol\u2010", "Bol"),
    ("of the Worker-opposi\u2010", "opposi"),        # a hyphen ends a word
    ("in the left/Bol\u2010", "Bol"),
    ("Lenin’s contem\u2010", "contem"),
    ("as (Petro\u2010", "Petro"),
    ("no break at the end", ""),
    ("a dash –\u2010", ""),
])
def test_the_word_a_line_breaks(line, word):
    from pressroom.builders.common.hyphenation import broken_word
    assert broken_word(line) == word


def test_a_compound_with_a_capital_first_is_not_a_broken_name():
    # "Worker-oppositionist": the line breaker is asked for "oppositionist"
    # (Pango ends a word at the hyphen) and may break it; the check after
    # layout must agree, or it lays the page out again for nothing
    from pressroom.builders.pdf import hyphenation as pdf_hyphenation
    words = " ".join(f"the Worker-oppositionists and Trade-unionism of {w}" for w in WORDS * 2)
    with hyphenation_rules():
        doc = render(f"<html lang='en'><body><p id='p1'>{words}</p></body></html>")
    broken = broken_words(doc)
    assert any(w.startswith(("Worker-", "Trade-")) and len(w) > 7 for w in broken), broken
    lines = [own_text(ln) for page in doc.pages for _, ln in flow_lines(page._page_box.children[0])]
    hyphenated = {k for k, t in enumerate(lines) if t.endswith(BREAK)}
    first, rules = pdf_hyphenation.faults(doc.pages, 2)      # a verso: no recto foot
    assert rules == {}, (first, rules, [lines[k] for k in sorted(hyphenated)])


def _stream_levels(path) -> set:
    """The zlib levels (1, 6, 9) that give each page content stream of a
    PDF exactly as stored."""
    import zlib

    import pikepdf
    found = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            raw = page.obj.Contents.read_raw_bytes()
            data = zlib.decompress(raw)
            for level in (1, 6, 9):
                c = zlib.compressobj(level)
                if c.compress(data) + c.flush() == raw:
                    found.add(level)
    return found


def test_a_write_compresses_its_streams_at_zlibs_default_level(tmp_path):
    from pressroom.builders.common import weasy
    doc = render(text("en"))
    doc.write_pdf(tmp_path / "plain.pdf")
    with weasy.laying_out():
        doc.write_pdf(tmp_path / "ours.pdf")
    assert _stream_levels(tmp_path / "plain.pdf") == {9}       # pydyf's own
    assert _stream_levels(tmp_path / "ours.pdf") == {weasy.STREAM_LEVEL} == {6}

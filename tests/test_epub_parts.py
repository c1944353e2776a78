"""EPUB building blocks on small inputs: page breaks, notes, the zip."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from html import unescape

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Section
from pressroom.builders.epub.pages import element_position, insert_pagebreaks
from pressroom.builders.epub import notes as epub_notes
from pressroom.builders.epub.container import normalise_zip

HTML = ('<h1 id="c">Title</h1>\n'
        '<p id="p-c-1">Tom &amp; <em>Jerry</em> ran<sup class="noteref">'
        '<a epub:type="noteref" href="#fn-c-1">12</a></sup> away.<br /> Fin</p>\n'
        '<p id="p-c-2">Second.</p>')


def text_before(html: str, pos: int, elem_start: int) -> str:
    import re
    from html import unescape
    chunk = html[elem_start:pos]
    chunk = re.sub(r'<sup class="noteref">.*?</sup>', "", chunk)
    return unescape(re.sub(r"<[^>]+>", "", chunk))


def test_offset_counts_text_not_tags_or_entities():
    start = HTML.index('<p id="p-c-1"')
    for offset, expect in [(4, "Tom "), (6, "Tom & "), (8, "Tom & Je"),
                           (15, "Tom & Jerry ran"), (16, "Tom & Jerry ran "),
                           (21, "Tom & Jerry ran away."), (22, "Tom & Jerry ran away. ")]:
        pos = element_position(HTML, "p-c-1", offset)
        assert text_before(HTML, pos, start) == expect, offset


def test_offset_counts_whitespace_runs_as_one_space_like_the_pdf():
    html = '<p id="x">\n  A&#160; b<br />\n  c</p>'
    # text as counted: "A b c" (A=0, space=1, b=2, space=3, c=4)
    assert element_position(html, "x", 1) == html.index("&#160;")
    assert element_position(html, "x", 3) == html.index("\n  c")
    assert element_position(html, "x", 2) == html.index("b")
    assert element_position(html, "x", 4) == html.index("c")


def test_offset_zero_is_before_the_element_and_past_the_end_is_clamped():
    assert element_position(HTML, "p-c-2", 0) == HTML.index('<p id="p-c-2"')
    assert element_position(HTML, "p-c-2", 999) == HTML.index("</p>", HTML.index("Second"))
    assert element_position(HTML, "nowhere", 3) is None


def test_insert_pagebreaks_places_markers_and_stacks_pages_without_text():
    pagemap = [{"page": "6", "id": None, "offset": 0},          # blank page
               {"page": "7", "id": "c", "offset": 0},
               {"page": "8", "id": "p-c-1", "offset": 6},
               {"page": "9", "id": "p-c-1", "offset": 16},
               {"page": "10", "id": "printed-only", "offset": 0}]
    out, breaks, stacked = insert_pagebreaks({"c": HTML}, pagemap)
    html = out["c"]
    assert [b.label for b in breaks] == ["6", "7", "8", "9", "10"]
    assert [b.anchor for b in breaks] == ["page-6", "page-7", "page-8", "page-9", "page-10"]
    assert stacked == [pagemap[0], pagemap[4]]
    # a page with no text of its own goes just before the next page ...
    assert html.startswith('<span epub:type="pagebreak" role="doc-pagebreak" class="pagebreak" '
                           'id="page-6" aria-label="6"></span><span epub:type="pagebreak" '
                           'role="doc-pagebreak" class="pagebreak" id="page-7" aria-label="7">'
                           '</span><h1')
    assert ('Tom &amp; <span epub:type="pagebreak" role="doc-pagebreak" class="pagebreak" id="page-8" '
            'aria-label="8"></span><em>Jerry') in html
    assert '</sup> <span epub:type="pagebreak"' in html and 'id="page-9"' in html
    # ... or, after the last page, at the end of the last fragment's element
    assert html.endswith('Second.<span epub:type="pagebreak" role="doc-pagebreak" '
                         'class="pagebreak" id="page-10" aria-label="10"></span></p>')
    # the text itself is untouched
    import re
    assert re.sub(r'<span epub:type="pagebreak"[^>]*></span>', "", html) == HTML


def test_a_page_starting_with_a_list_item_is_marked_inside_it():
    html = '<ul>\n<li id="li-c-1">One</li>\n<li id="li-c-2"><em>Two</em></li>\n</ul>'
    assert element_position(html, "li-c-2", 0) == html.index("<em>Two")
    out, _, _ = insert_pagebreaks({"c": html}, [{"page": "3", "id": "li-c-2", "offset": 0}])
    assert '<li id="li-c-2"><span epub:type="pagebreak"' in out["c"]


def test_no_pagemap_changes_nothing():
    out, breaks, missing = insert_pagebreaks({"c": HTML}, None)
    assert out == {"c": HTML} and breaks == [] and missing == []


def _section():
    note = {"t": "Note", "c": [P.Para(P.inlines("A note."))]}
    gl = {"t": "Link", "c": [P.attr("", ["gl"]), P.inlines("kulak"), ["#gl-kulak", ""]]}
    blocks = [P.Header(1, P.inlines("T"), "c"),
              P.Para(P.inlines("One") + [note, {"t": "Space"}, gl]),
              P.Para([gl, note])]
    return Section(id="c", title="T", blocks=blocks)


def test_notes_become_noterefs_and_asides_with_backlinks():
    html = P.render(P.document(epub_notes.prepare(_section())), "html5", ["--wrap=none"])
    assert html.count('epub:type="noteref"') == 2
    for n in (1, 2):
        assert f'id="fnref-c-{n}" href="#fn-c-{n}"' in html
        assert f'<aside epub:type="footnote" role="doc-footnote" id="fn-c-{n}"' in html
        assert f'role="doc-backlink" href="#fnref-c-{n}"' in html


def test_only_the_first_glossary_use_in_a_section_links():
    html = P.render(P.document(epub_notes.prepare(_section())), "html5", ["--wrap=none"])
    assert html.count('href="glossary.xhtml#gl-kulak"') == 1
    assert 'epub:type="glossref"' in html
    html = P.render(P.document(epub_notes.prepare(_section(), None)), "html5", ["--wrap=none"])
    assert "gl-kulak" not in html and "kulak" in html


def test_zip_is_normalised(tmp_path):
    src, dst = tmp_path / "a.zip", tmp_path / "b.zip"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/container.xml", "<x/>")
        z.writestr("mimetype", "application/epub+zip")
    when = dt.datetime(2026, 11, 22)
    normalise_zip(src, dst, when)
    with zipfile.ZipFile(dst) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert not infos[0].extra
    assert all(i.date_time == (2026, 11, 22, 0, 0, 0) for i in infos)
    data = dst.read_bytes()
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"


def test_raw_html_is_made_well_formed():
    from lxml import etree
    from pressroom.builders.epub import as_xhtml
    out = as_xhtml('lead <p id="x">a<br>b&nbsp;<a epub:type="noteref" href="#y">1</a></p><hr>')
    etree.fromstring(f'<div xmlns:epub="http://www.idpf.org/2007/ops">{out}</div>')
    assert '<br/>' in out and 'epub:type="noteref"' in out and out.startswith("lead ")


def test_index_drops_empty_entries_and_dangling_cross_references():
    from types import SimpleNamespace as NS
    from pressroom.builders.epub.backmatter import Place, index_fragment
    loc = NS(anchor="ix-a-1", section_id="a")
    entries = [NS(heading="Alpha", locators=[loc], sub=[NS(heading="sub", locators=[])],
                  see=None, see_also=["Beta", "Gamma"]),
               NS(heading="Beta", locators=[], sub=[], see=None, see_also=[]),
               NS(heading="Gamma", locators=[], sub=[], see="Beta", see_also=[]),
               NS(heading="alpha", locators=[loc], sub=[], see=None, see_also=[])]
    index = NS(groups=lambda: [("A", [entries[0], entries[3]]), ("B", [entries[1]]),
                               ("G", [entries[2]])])
    html = index_fragment(index, {"ix-a-1": Place("a.xhtml", "12", "3")}, {"a": "ch. 1"}, "Index")
    assert 'id="ix-alpha"' in html and 'id="ix-alpha-2"' in html
    assert "Beta" not in html and "Gamma" not in html and ">sub<" not in html
    assert 'href="a.xhtml#ix-a-1">12</a>' in html
    assert index_fragment(NS(groups=lambda: [("B", [entries[1]])]), {}, {}, "Index") is None

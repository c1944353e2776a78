"""The HTML reader (readers/html.py) on pages written here: which page
chrome goes and under which rule, what stays, the article kept alone, the
title taken from the page, and the spans and links it tidies. Expected
texts and word counts are read off the pages in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.doctree import pandoc as P
from pressroom.doctree.ledger import Fidelity
from pressroom.pipeline import Context
from pressroom.readers.html import clean_html, read_html
from pressroom.settings.config import load_source


@pytest.mark.parametrize("tag, rule", [
    ("script", "html-script"), ("style", "html-script"), ("noscript", "html-script"),
    ("template", "html-script"), ("nav", "html-navigation"), ("aside", "html-navigation"),
    ("iframe", "html-navigation"), ("header", "html-navigation"),
    ("footer", "html-navigation"), ("form", "html-form"), ("button", "html-form"),
    ("select", "html-form"), ("figure", "figure-chrome"), ("figcaption", "figure-chrome"),
])
def test_dropped_elements_by_rule(tag, rule):
    kept, dropped = clean_html(f"<p>Before</p><{tag} id='x'>gone <b>words</b></{tag}><p>After</p>")
    assert kept == "<p>Before</p><p>After</p>"
    assert dropped == {rule: f"<{tag} id='x'>gone <b>words</b></{tag}>"}


@pytest.mark.parametrize("label, rule", [
    ('class="site-nav"', "html-navigation"), ('id="menu"', "html-navigation"),
    ('role="navigation breadcrumbs"', "html-navigation"), ('class="share"', "html-navigation"),
    ('class="Comments"', "html-navigation"), ('class="wp-caption"', "figure-chrome"),
    ('class="photo-credit"', "figure-chrome"), ('class="ads"', "html-navigation"),
    ('class="newsletter"', "html-navigation"), ('class="cookie"', "html-navigation"),
    ('class="related"', "html-navigation"), ('class="sidebar"', "html-navigation"),
    ('class="byline"', "html-navigation"), ('class="subscribe"', "html-navigation"),
])
def test_chrome_by_class_id_or_role(label, rule):
    kept, dropped = clean_html(f"<p>Text</p><div {label}><div>inner</div>x</div><p>End</p>")
    assert kept == "<p>Text</p><p>End</p>"
    assert dropped == {rule: f"<div {label}><div>inner</div>x</div>"}


@pytest.mark.parametrize("label", ['class="navigator"', 'class="menus"', 'class="adsorb"',
                                   'class="shared-thought"', 'id="chapter"'])
def test_words_containing_chrome_words_stay(label):
    html = f"<div {label}>Kept text</div>"
    assert clean_html(html) == (html, {})


def test_chrome_words_on_the_page_frame_do_not_drop_it():
    html = ('<html class="menu"><body class="share"><main class="ads"><p>Text</p></main>'
            '</body></html>')
    kept, dropped = clean_html(html)
    assert kept == '<main class="ads"><p>Text</p></main>'
    assert dropped == {"html-navigation": "<html class=\"menu\"><body class=\"share\">"
                                          "</body></html>"}


def test_header_and_footer_inside_a_section_stay():
    html = ("<section><header><h2>Chapter</h2></header><p>Text</p>"
            "<footer>Signed</footer></section><footer>Site</footer>")
    kept, dropped = clean_html(html)
    assert kept == "<section><header><h2>Chapter</h2></header><p>Text</p><footer>Signed</footer></section>"
    assert dropped == {"html-navigation": "<footer>Site</footer>"}


def test_nested_same_tag_and_void_elements():
    html = "<nav><nav>in</nav><br>still</nav><p>Text<br/><img src='a.png'></p>"
    kept, dropped = clean_html(html)
    assert kept == "<p>Text<br/><img src='a.png'></p>"
    assert dropped == {"html-navigation": "<nav><nav>in</nav><br>still</nav>"}
    kept, dropped = clean_html('<p>a<img class="share" src="x">b<hr class="menu"></p>')
    assert kept == '<p>a<img class="share" src="x">b<hr class="menu"></p>' and dropped == {}


def test_several_rules_and_entities():
    html = "<p>A &amp; B &#8212; C</p><script>x</script><form>f</form><style>s</style>"
    kept, dropped = clean_html(html)
    assert kept == "<p>A &amp; B &#8212; C</p>"
    assert dropped == {"html-script": "<script>x</script><style>s</style>",
                       "html-form": "<form>f</form>"}


def test_entities_inside_dropped_chrome():
    kept, dropped = clean_html("<nav>a &amp; b &#38; c</nav>")
    assert kept == "" and dropped == {"html-navigation": "<nav>a &amp; b &#38; c</nav>"}


def test_article_kept_alone():
    html = ("<html><head><title>Site</title></head><body><div>Site words</div>"
            "<article class='post'><p>Body</p><section><p>S</p></section></article>"
            "<div>More site</div></body></html>")
    kept, dropped = clean_html(html)
    assert kept == "<article class='post'><p>Body</p><section><p>S</p></section></article>"
    assert dropped == {"html-navigation": "<html><body><div>Site words</div><div>More site</div>"
                                          "</body></html>"}
    kept, _ = clean_html("<div>x</div><MAIN><p>M</p></MAIN>")
    assert kept == "<MAIN><p>M</p></main>"


def test_section_counting_after_it_closes():
    html = "<article><section><p>a</p></section><footer>end</footer></article><footer>site</footer>"
    kept, dropped = clean_html(html)
    assert kept == "<article><section><p>a</p></section><footer>end</footer></article>"
    assert dropped == {"html-navigation": "<footer>site</footer>"}
    html = "<section><p>a</p></section><header>top</header>"
    assert clean_html(html) == ("<section><p>a</p></section>",
                                {"html-navigation": "<header>top</header>"})


# -- the reader ---------------------------------------------------------------

def read(tmp_path: Path, html: str, title: str | None = None):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    if title:
        (tmp_path / "page.yaml").write_text(f"id: page\ntitle: {title}\n", encoding="utf-8")
    source = load_source(path)
    ctx = Context(source=source, config=None, report=Fidelity(source.id))
    return read_html(source, ctx), ctx


def blocks(doc) -> list[tuple[str, str]]:
    return [(b["t"], P.stringify(b)) for b in doc["blocks"]]


def test_read_article_with_h1_title(tmp_path):
    doc, ctx = read(tmp_path, "<html><head><title>Site name</title></head><body>"
                              "<nav>Home About</nav><article><h1>The <br>Real Title</h1>"
                              "<div class='chapter'><p>Body text here.</p></div></article>"
                              "<script>var x;</script></body></html>")
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "The: Real Title"}
    assert blocks(doc) == [("Para", "Body text here.")]
    assert ctx.report.removed == {"html-navigation": 2, "title-line": 3}
    assert ctx.source_text.startswith("<html>")


def test_page_title_used_unless_it_names_a_site(tmp_path):
    doc, _ = read(tmp_path, "<html><head><title>An Essay</title></head><body><p>Text.</p>"
                            "</body></html>")
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "An Essay"}
    doc, _ = read(tmp_path, "<html><head><title>The Project GUTENBERG eBook of X</title>"
                            "</head><body><p>Text.</p></body></html>")
    assert "title" not in doc["meta"]


def test_lead_headings_restating_the_title_are_the_title(tmp_path):
    doc, ctx = read(tmp_path, "<html><head><title>On the Land Question</title></head><body>"
                              "<h2>Chapter III</h2><h3>On the land question</h3><p>Text.</p>"
                              "</body></html>")
    assert blocks(doc) == [("Para", "Text.")]
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "On the Land Question"}
    assert ctx.report.removed == {"title-line": 6}
    doc, _ = read(tmp_path, "<html><head><title>On the Land Question</title></head><body>"
                            "<h2>On the land question, 1917</h2><p>Text.</p></body></html>")
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "On the land question, 1917"}
    doc, _ = read(tmp_path, "<html><head><title>On Land</title></head><body>"
                            "<h2>Something else entirely</h2><p>Text.</p></body></html>")
    assert blocks(doc)[0] == ("Header", "Something else entirely")
    assert doc["meta"]["title"] == {"t": "MetaString", "c": "On Land"}


def test_sidecar_title_keeps_the_meta_empty(tmp_path):
    doc, ctx = read(tmp_path, "<html><body><h2>Letters Home</h2><p>Text.</p></body></html>",
                    title="Letters Home")
    assert blocks(doc) == [("Para", "Text.")]
    assert "title" not in doc["meta"]
    assert ctx.report.removed == {"title-line": 2}


def test_tidy_spans_and_links(tmp_path):
    doc, _ = read(tmp_path, '<html><body><p id="p1"><span class="smcap">Lenin</span> '
                            '<span class="small">and</span> <span id="here" class="x">kept</span>'
                            '<a id="pg12"></a> <a href="#gone">12</a> <a href="#here">up</a>'
                            '<span id="e" class="c"></span></p></body></html>')
    inl = doc["blocks"][0]["c"]
    kinds = [n["t"] for n in inl]
    assert kinds.count("SmallCaps") == 1
    assert P.stringify(inl) == "Lenin and kept 12 up"
    links = [n for n in P.iter_nodes(inl) if n["t"] == "Link"]
    assert [n["c"][2][0] for n in links] == ["#here"]
    spans = [n["c"][0] for n in P.iter_nodes(inl) if n["t"] == "Span"]
    # an empty span is dropped, with or without classes (an anchor, or a note
    # label emptied of its back-link); a span with text keeps its id and classes
    assert spans == [["here", ["x"], []]]


def test_layout_divs_unwrapped_kept_divs_stay(tmp_path):
    doc, _ = read(tmp_path, '<html><body><div class="main"><div class="chapter"><p>A</p>'
                            '</div><div class="epigraph"><p>B</p></div>'
                            '<div class="poetry"><p>C</p></div></div></body></html>')
    assert [(b["t"], b["c"][0][1] if b["t"] == "Div" else None) for b in doc["blocks"]] == [
        ("Para", None), ("Div", ["epigraph"]), ("Div", ["poetry"])]


# -- edges the mutation run found open ----------------------------------------

def test_chrome_edges():
    assert clean_html('<div class="box" id="menu">m</div><p>t</p>') == \
        ("<p>t</p>", {"html-navigation": '<div class="box" id="menu">m</div>'})
    assert clean_html('<div class="Photo-Caption">c</div>') == \
        ("", {"figure-chrome": '<div class="Photo-Caption">c</div>'})
    assert clean_html("<nav><nav><nav>a</nav></nav>b</nav><p>t</p>") == \
        ("<p>t</p>", {"html-navigation": "<nav><nav><nav>a</nav></nav>b</nav>"})
    kept, _ = clean_html('<article class="post share"><p>t</p></article>')
    assert kept == '<article class="post share"><p>t</p></article>'


def test_section_footers_with_chrome_labels_still_go():
    html = '<section><p>t</p><footer class="share">s</footer></section>'
    assert clean_html(html) == ("<section><p>t</p></section>",
                                {"html-navigation": '<footer class="share">s</footer>'})


def test_sections_inside_dropped_chrome_do_not_count():
    html = "<nav><section>x</section></nav><footer>site</footer><p>t</p>"
    assert clean_html(html) == ("<p>t</p>", {"html-navigation":
                                             "<nav><section>x</section></nav><footer>site</footer>"})


def test_footer_after_an_article_inside_main():
    html = "<main><article><p>a</p></article><footer>site</footer></main>"
    kept, dropped = clean_html(html)
    assert kept == "<main><article><p>a</p></article></main>"
    assert dropped == {"html-navigation": "<footer>site</footer>"}


def test_multiline_head_left_out_of_the_dropped_words():
    html = ("<html><HEAD>\n<title>Site</title>\n</HEAD><body><div>nav</div>"
            "<article><p>A</p></article></body></html>")
    _, dropped = clean_html(html)
    assert dropped == {"html-navigation": "<html><body><div>nav</div></body></html>"}


def test_source_tokens_are_the_whole_page(tmp_path):
    _, ctx = read(tmp_path, "<html><head><title>T x</title></head><body><nav>a b</nav>"
                            "<p>c d e</p></body></html>")
    assert ctx.source_tokens == ["a", "b", "c", "d", "e"]      # the <title> is metadata


def test_no_title_anywhere(tmp_path):
    doc, _ = read(tmp_path, "<html><body><p>Text.</p></body></html>")
    assert "title" not in doc["meta"]


@pytest.mark.parametrize("title, heads, removed", [
    ("On Land", ["On Land"], 1),                                   # every block a heading
    ("One Two Three", ["One", "Two", "Three", "Four"], 3),         # at most three
    ("Part One", ["Part", "One Two Three Four"], 2),               # starts with the title
    ("Land Bread Peace", ["Workers Want Land Bread Peace"], 1),    # 3 of 5 words: 60 %
    ("On Land", ["Land of the Soviets"], 0),                       # 1 of 4 words
])
def test_lead_headings_that_restate_the_title(tmp_path, title, heads, removed):
    body = "".join(f"<h{k + 2}>{h}</h{k + 2}>" for k, h in enumerate(heads))
    if title != "On Land" or removed == 0:
        body += "<p>Text.</p>"
    doc, _ = read(tmp_path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    left = [P.stringify(b) for b in doc["blocks"] if b["t"] == "Header"]
    assert left == heads[removed:]


def test_sidecar_title_and_page_title(tmp_path):
    doc, _ = read(tmp_path, "<html><head><title>Letters Home</title></head><body>"
                            "<h2>Letters Home</h2><p>Text.</p></body></html>", title="Letters Home")
    assert "title" not in doc["meta"]


def test_link_to_an_element_with_an_id_and_no_class(tmp_path):
    doc, _ = read(tmp_path, '<html><body><p><span id="there">t</span> '
                            '<a href="#there">back</a></p></body></html>')
    links = [n for n in P.iter_nodes(doc["blocks"]) if n["t"] == "Link"]
    assert [n["c"][2][0] for n in links] == ["#there"]

"""Safety of the pieces the command relies on: WeasyPrint's fetcher stays
inside the project, raw HTML is reduced to a whitelist, Jinja autoescapes."""

from __future__ import annotations

import pytest

from conftest import ROOT


@pytest.mark.parametrize("url", [
    "http://example.com/x.png", "https://example.com/font.ttf", "ftp://example.com/x",
    "file:///etc/passwd", "file://localhost/etc/passwd",
    f"file://{ROOT}/../../etc/passwd"])
def test_fetcher_refuses_network_and_outside_files(url):
    from pressroom.builders.common.fetch import RefusedResource, project_url_fetcher
    with pytest.raises(RefusedResource):
        project_url_fetcher(url)


def test_fetcher_serves_project_files():
    from pressroom.builders.common.fetch import project_url_fetcher
    font = next((ROOT / "pressroom" / "styles" / "fonts").glob("*.ttf"))
    result = project_url_fetcher(font.as_uri())
    assert result                      # WeasyPrint's own fetcher answered


@pytest.mark.parametrize("raw, clean", [
    ("<b onclick='x()'>bold</b>", "<b>bold</b>"),
    ("<script>alert(1)</script><em>kept</em>", "<em>kept</em>"),
    ("<iframe src='http://e/'></iframe>", ""),
    ("<style>@import url(http://e/x.css);</style>", ""),
    ("<span style='background:url(http://e)'>t</span>", "<span>t</span>"),
    ("<a href='javascript:x()'>t</a>", "t"),
    ("<svg><script>1</script></svg>x", "x"),
])
def test_raw_html_whitelist(raw, clean):
    from pressroom.transforms.sanitize import clean_html
    assert clean_html(raw) == clean


def test_jinja_autoescapes():
    from pressroom.builders.common.templating import environment
    env = environment()
    t = env.from_string("{{ x }}")
    assert env.autoescape is not False
    assert "&lt;script&gt;" in env.get_template("report/report.html.j2").render(
        cfg={"title": "<script>"}, build_date="2026-01-01", editions=[], fidelity=[],
        glossary={}, index={}, warnings=[], thumbs=[])

"""WeasyPrint as the writers call it: the project's fonts and fetcher, and
the settings every layout runs with (``laying_out``).

Two things every WeasyPrint render here needs and is easy to forget: a
``FontConfiguration`` (without it the ``@font-face`` rules in our CSS are
ignored and whatever system font matches the name is used) and the
project-only URL fetcher (writers/fetch.py). The pamphlet's layout
(pdf_layout.py) keeps its own renderer because it shares one font
configuration across many parts.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

from pressroom.builders.common import safety
from pressroom.builders.common.fetch import project_url_fetcher
from pressroom.builders.common.hyphenation import names_kept_whole
from pressroom.builders.common.templating import PACKAGE, style_base, style_path


# A layout allocates millions of small objects that live until the PDF is
# written; with Python's default thresholds (700, 10, 10) the cyclic
# collector walks them again and again: about a sixth of a layout's time.
# Collected less often, a layout is that much faster and holds about
# 50 MB more at its peak (the pamphlet, measured).
GC_THRESHOLDS = (20000, 10, 10)


@contextmanager
def laying_out():
    """What every WeasyPrint layout (and write) here runs inside: no name hyphenated
    (common/hyphenation.py) and the cyclic collector at ``GC_THRESHOLDS``,
    both put back after."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        with names_kept_whole():
            yield
    finally:
        gc.set_threshold(*before)


def render(html: str, stylesheet: str, extra_css: str = "", theme=None, fonts=None):
    """Lay out ``html`` with ``styles/<stylesheet>`` (the book's theme's, if
    it has one; + extra CSS), no name hyphenated (common/hyphenation.py);
    returns WeasyPrint's Document. ``fonts``: a FontConfiguration shared
    with other layouts whose pages will be joined to these."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    fonts = fonts or FontConfiguration()
    sheets = [weasyprint.CSS(string=style_path(stylesheet, theme).read_text(encoding="utf-8"),
                             base_url=style_base(stylesheet),
                             url_fetcher=project_url_fetcher, font_config=fonts)]
    if extra_css:
        sheets.append(weasyprint.CSS(string=extra_css, font_config=fonts))
    doc = weasyprint.HTML(string=safety.check(html, "PDF"), base_url=str(PACKAGE) + "/",
                          url_fetcher=project_url_fetcher)
    with laying_out():
        return doc.render(stylesheets=sheets, font_config=fonts)

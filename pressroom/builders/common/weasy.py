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
from pressroom.builders.common.hyphenation import hyphenation_rules
from pressroom.builders.common.templating import PACKAGE, style_base, style_path


# zlib's level for the PDF's streams. pydyf (WeasyPrint's PDF writer)
# compresses each at level 9: measured on the pamphlet's write, level 9
# took 4.3 s and 1,431 kB, level 6 (zlib's default) 3.4 s and 1,465 kB,
# level 1 3.1 s and 1,900 kB.
STREAM_LEVEL = 6


class _Zlib:
    """Stands in for the ``zlib`` module inside pydyf: the same, but each
    stream compressed at ``STREAM_LEVEL``."""

    def __init__(self, real):
        self.real = real

    def compressobj(self, level=STREAM_LEVEL, *args, **kwargs):
        return self.real.compressobj(STREAM_LEVEL, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@contextmanager
def laying_out(first_folio: int = 1):
    """What every WeasyPrint layout (and write) here runs inside: the
    hyphenation rules (common/hyphenation.py: no name broken, no ladder, no
    word broken at a recto's foot; the layout's first page has
    ``first_folio``), the PDF's streams compressed at ``STREAM_LEVEL``, and
    Python's cyclic collector paused, as it was after.

    A layout allocates hundreds of thousands of boxes, style dicts and text
    objects; the collector, triggered by those allocations, walks every
    object the process holds, the chapters already laid out included, again
    and again. Measured on the pamphlet (one process, same run): 23.3 s of
    CPU with it on, 18.8 s paused (the index alone 7.7 s to 4.8 s), for
    315 MB at the peak instead of 288 MB: what a layout leaves in cycles
    waits for the first collection after it. Reference counting frees
    everything else as usual."""
    import pydyf
    was_on = gc.isenabled()
    real_zlib = pydyf.zlib
    gc.disable()
    pydyf.zlib = _Zlib(real_zlib)
    try:
        with hyphenation_rules(first_folio):
            yield
    finally:
        pydyf.zlib = real_zlib
        if was_on:
            gc.enable()


def render(html: str, stylesheet: str, extra_css: str = "", theme=None, fonts=None,
           first_folio: int = 1):
    """Lay out ``html`` with ``styles/<stylesheet>`` (the book's theme's, if
    it has one; + extra CSS), under the hyphenation rules (common/hyphenation.py);
    returns WeasyPrint's Document. ``fonts``: a FontConfiguration shared
    with other layouts whose pages will be joined to these; ``first_folio``:
    the folio of its first page (a tail of a longer layout)."""
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
    with laying_out(first_folio):
        return doc.render(stylesheets=sheets, font_config=fonts)

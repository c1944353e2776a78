"""The last check before an edition is written: no active content in it.

Place in the flow: every builder's final HTML passes ``check`` (the
section HTML in builders/common/html.py, each EPUB document, each HTML
document WeasyPrint lays out). The sanitiser (transforms/sanitize.py) has
already cleaned the markup; this is the independent second line, on the
parsed HTML: no ``<script>`` (nor an element that runs or embeds code), no
event-handler attribute (``on*``), no ``javascript:``/``vbscript:``/``data:``
/``file:`` URL, entity-encoded or not (raster ``data:`` images aside).
Anything found is a bug in pressroom, and the build stops with one line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pressroom.errors import UserError
from pressroom.transforms.links import scheme

ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
          "base", "form", "noscript"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "poster",
             "background", "srcset", "data", "codebase", "cite", "longdesc",
             "lowsrc", "dynsrc", "ping", "manifest", "icon", "content"}
BAD_SCHEMES = {"javascript", "vbscript", "data", "file", "livescript", "mocha"}
DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.I)


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE:
            self.found.append(f"<{tag}> at line {self.getpos()[0]}")
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")
            elif name in URL_ATTRS or tag == "meta" and name == "content":
                urls = value.split(",") if name == "srcset" else [value]
                for url in urls:
                    if tag == "meta" and name == "content":
                        url = re.sub(r"^\s*\d*\s*;?\s*url\s*=", "", url, flags=re.I)
                    s = scheme(url.strip())
                    if s in BAD_SCHEMES and not (tag == "img" and name == "src"
                                                  and DATA_IMAGE.match(url.strip())):
                        self.found.append(f"{s}: URL in {name}= on <{tag}> at line "
                                          f"{self.getpos()[0]}")

    handle_startendtag = handle_starttag


def unsafe(html: str) -> list[str]:
    """What in ``html`` could run code or load something: a list of places."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.found


def check(html: str, where: str) -> str:
    """``html`` unchanged, or a UserError naming the first unsafe thing."""
    found = unsafe(html)
    if found:
        raise UserError(f"unsafe markup reached the output ({found[0]}; "
                        f"{len(found)} in all); nothing was written", where,
                        hint="this is a pressroom bug: please report it with the source")
    return html

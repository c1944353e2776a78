"""EPUB: the cover image, drawn to the print cover's design, and its page.

The print cover (templates/print/cover.html.j2, styles/print/cover.css) is
the source of the design: its front panel is redrawn here at EPUB size,
A5 proportions, 1600 px wide: the title in EB Garamond SemiBold at the top
left, a short rule, the subtitle in italic, the editor at the foot, in the
print cover's flat colours (read from its ``device-cmyk()`` values, so a
change of palette there changes the EPUB too; defaults if it is missing).
Pillow draws it; nothing in it depends on the clock, so the PNG is the same
bytes on every build. ``cover.xhtml`` shows it with a text alternative.
"""

from __future__ import annotations

import io
import re

from pressroom.builders.common.templating import STYLES, style_path
from pressroom.errors import UserError

MM = 1600 / 148                      # pixels per millimetre of the A5 front
SIZE = (1600, round(210 * MM))
PT = 25.4 / 72 * MM                  # pixels per point
DEFAULTS = {"ground": (148, 18, 33), "ink": (255, 245, 219), "accent": (255, 191, 25)}
_SELECTORS = {"ground": r"@page\s*\{[^}]*background", "ink": r"\bhtml\s*\{[^}]*color",
              "accent": r"\.front-rule\s*\{[^}]*border-top"}


def _cmyk(c: float, m: float, y: float, k: float) -> tuple[int, int, int]:
    return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))


def palette(theme=None) -> dict[str, tuple[int, int, int]]:
    """Ground, ink and accent colours of the print cover (the book's theme's
    if it has one), as RGB."""
    colours = dict(DEFAULTS)
    try:
        text = style_path("print/cover.css", theme).read_text(encoding="utf-8")
    except UserError:
        text = ""
    for name, selector in _SELECTORS.items():
        m = re.search(selector + r"[^;}]*?device-cmyk\(\s*([\d.]+)[\s,]+([\d.]+)"
                      r"[\s,]+([\d.]+)[\s,]+([\d.]+)\s*\)", text)
        if m:
            colours[name] = _cmyk(*(float(v) for v in m.groups()))
    return colours


def _font(name: str, size: float):
    from PIL import ImageFont
    return ImageFont.truetype(str(STYLES / "fonts" / name), round(size))


def _wrap(draw, text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _lines(draw, x: float, y: float, lines: list[str], font, fill, leading: float) -> float:
    step = font.size * leading
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += step
    return y


def cover_png(title: str, subtitle: str | None, editor: str, theme=None) -> bytes:
    """The front cover as PNG bytes (the print cover's front panel)."""
    from PIL import Image, ImageDraw
    c = palette(theme)
    img = Image.new("RGB", SIZE, c["ground"])
    d = ImageDraw.Draw(img)
    left, right = 14 * MM, SIZE[0] - 17 * MM
    width = right - left
    title_font = _font("EBGaramond_600SemiBold.ttf", 34 * PT)
    y = _lines(d, left, 30 * MM, _wrap(d, title, title_font, width), title_font,
               c["ink"], 1.05)
    y += 9 * MM
    d.rectangle([left, y, left + 30 * MM, y + 1.2 * PT], fill=c["accent"])
    y += 7 * MM
    if subtitle:
        sub_font = _font("EBGaramond_400Regular_Italic.ttf", 15 * PT)
        _lines(d, left, y, _wrap(d, subtitle, sub_font, width), sub_font, c["ink"], 1.25)
    ed_font = _font("EBGaramond_400Regular.ttf", 12 * PT)
    ed_lines = _wrap(d, editor, ed_font, width)
    top = SIZE[1] - 24 * MM - ed_font.size * 1.25 * len(ed_lines)
    _lines(d, left, top, ed_lines, ed_font, c["ink"], 1.25)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cover_alt(title: str, subtitle: str | None, editor: str,
              template: str = "Cover: {text}.") -> str:
    """The cover image's text alternative (labels' ``cover_alt``)."""
    return template.format(text=". ".join(p for p in (title, subtitle, editor) if p))

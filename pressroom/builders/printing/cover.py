"""The print cover: back, spine and front as one spread with bleed all round.

Place in the flow: the interior's final page count (print_interior) →
**cover** (spine width, Jinja template + CSS, WeasyPrint) → print_finish →
``dist/print/<slug>-cover.pdf``. The spine is pages ÷ PPI (or leaves ×
caliper, or the print-on-demand service's formula: print_presets) wide; its text runs top to bottom when the spine is at least
``print.spine_text_min_mm`` wide, and is left off, with a message, when it
is not. The EPUB's cover reuses this design (``cover_html`` at trim size
with no spine).
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from pressroom.doctree.book import Book
from pressroom.builders.printing.barcode import ean13_svg, isbn_line
from pressroom.builders.printing.finish import Sheet, finish
from pressroom.builders.printing.geometry import PrintSettings, mm
from pressroom.builders.common import weasy
from pressroom.builders.common.templating import render_template, theme_of
from pressroom.settings.labels import labels


@dataclass(frozen=True)
class CoverGeometry:
    """Positions on the laid-out page, which includes the bleed (points)."""
    trim_w: float        # one panel
    trim_h: float
    spine_w: float
    bleed: float

    @property
    def page_w(self): return 2 * self.trim_w + self.spine_w + 2 * self.bleed
    @property
    def page_h(self): return self.trim_h + 2 * self.bleed
    @property
    def back_x(self): return self.bleed
    @property
    def spine_x(self): return self.bleed + self.trim_w
    @property
    def front_x(self): return self.spine_x + self.spine_w
    @property
    def panel_w(self): return self.trim_w
    @property
    def panel_y(self): return self.bleed
    @property
    def panel_h(self): return self.trim_h
    @property
    def spine_font(self):
        """Spine type: 10.5 pt, smaller on a narrow spine (70 % of its width)."""
        return round(min(10.5, self.spine_w * 0.7), 2)

    def as_dict(self) -> dict:
        d = asdict(self)
        for name in ("page_w", "page_h", "back_x", "spine_x", "front_x",
                     "panel_w", "panel_y", "panel_h", "spine_font"):
            d[name] = round(getattr(self, name), 4)
        return d


def barcode_area(settings: PrintSettings, isbn: str | None) -> dict:
    """The barcode area (points; right inset from the spine fold, bottom
    inset from the trim) and, with an ISBN, its EAN-13 and text line."""
    right, bottom, w, h = settings.barcode_box()
    area = {"right": round(right, 4), "bottom": round(bottom, 4),
            "w": round(w, 4), "h": round(h, 4), "svg": None, "line": None}
    if isbn:
        area.update(svg=ean13_svg(isbn), line=isbn_line(isbn))
    return area


def cover_html(book: Book, settings: PrintSettings, geometry: CoverGeometry,
               spine_text: bool) -> str:
    chapters = [{"title": s.title, "author": s.source.author if s.source else None}
                for s in book.chapters]
    return render_template("print/cover.html.j2", theme=theme_of(book), cfg=book.config.data,
                           g=geometry.as_dict(), blurb=settings.blurb,
                           chapters=chapters, spine_text=spine_text,
                           barcode=barcode_area(settings, book.config.data.get("isbn")),
                           labels=labels(book.config.data["language"]))


def build_cover(book: Book, settings: PrintSettings, pages: int, out: Path) -> float:
    """Write the cover for an interior of ``pages`` pages; returns the spine
    width in points."""
    w, h = settings.trim_size
    spine = settings.spine_width(pages)
    text = settings.spine_has_text(pages)
    if not text:
        book.warnings.append(f"spine {mm(spine):.1f} mm ({pages} pages) is narrower than "
                             f"{settings.spine_text_min_mm:g} mm: spine text left off")
    geom = CoverGeometry(w, h, spine, settings.bleed)
    with tempfile.TemporaryDirectory(prefix="pressroom-cover-") as tmp:
        laid = Path(tmp) / "cover-layout.pdf"
        weasy.render(cover_html(book, settings, geom, text), "print/cover.css",
                     theme=theme_of(book)).write_pdf(laid)
        sheet = Sheet(2 * w + spine, h, settings.bleed, settings.slug, includes_bleed=True,
                      marks=settings.marks)
        folds = (w, w + spine) if spine else (w,)
        title = labels(book.config.data["language"])["cover_document"]
        finish(laid, out, sheet, title=title.format(title=book.config.title),
               date=book.config.build_date, folds=folds, coated=settings.coated)
    return spine

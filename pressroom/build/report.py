"""The build report, ``dist/report.html``: what an editor looks at after a build.

Written by the publisher with the outputs (see publisher.py) from the Book and the
files each edition produced: per edition the pages, size and seconds; the
fidelity summary of every source; glossary and index coverage and index
candidates; the warnings; and thumbnails of the key pages (title, contents,
a chapter opening, a footnote page, the index; the first page of every
other PDF, such as the print cover and a booklet sheet), rasterised with
pypdfium2 and embedded, so the report is one self-contained file.

Glossary and index models may offer ``report() -> dict`` with any of
``entries`` (int), ``used`` (int), ``unused`` (list of names), ``candidates``
(list of str or (str, count)); without it the report counts what it can.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from pressroom.build.cache import canonical, hash_text, project_files_hash, code_hash

REPORT_NAME = "report.html"
# The code that writes the report (its key covers it, not all of pressroom/).
REPORT_CODE = ("build/report.py", "build/runner.py", "builders/common/templating.py", "paths.py")
THUMB_WIDTH = 220
_NOTE_LINE = re.compile(r"(?m)^\s*\d{1,3}(?:[.)]|\s)\s*\S")      # a line opening with a note number


def report_key(parts: dict[str, str], target_keys: dict[str, str]) -> str:
    return hash_text("report", *(f"{k}={v}" for k, v in sorted(parts.items())),
                     *(f"{k}={v}" for k, v in sorted(target_keys.items())),
                     project_files_hash(("templates/report/**/*",)), code_hash(REPORT_CODE))


# -- key pages ---------------------------------------------------------------

class _PageTexts:
    """The text of a PDF's pages, each read when first asked for: the key
    pages are mostly near the front (reading all 276 pages took 0.75 s)."""

    def __init__(self, doc):
        self.doc, self.texts = doc, {}

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: int) -> str:
        if i not in self.texts:
            page = self.doc[i]
            tp = page.get_textpage()
            self.texts[i] = tp.get_text_range().replace("\r\n", "\n")
            tp.close()
            page.close()
        return self.texts[i]


def _bookmarked(doc, title: str) -> int | None:
    """The page of the first top-level bookmark called ``title``."""
    for mark in doc.get_toc():
        dest = mark.get_dest()
        if mark.level == 0 and mark.get_title().strip() == title and dest is not None:
            return dest.get_index()
    return None


def _small_print_low(doc, index: int) -> bool:
    """Does the page end with a block of smaller type than the body's
    (footnotes)? Sizes and positions come from pdfium's text layer."""
    import pypdfium2.raw as raw
    from collections import Counter
    page = doc[index]
    tp = page.get_textpage()
    try:
        n, height = tp.count_chars(), page.get_height()
        sizes: Counter = Counter()
        chars = []                            # (top, size) above the folio
        for k in range(n):
            size = round(raw.FPDFText_GetFontSize(tp.raw, k), 1)
            if size < 2:                      # spaces, generated characters
                continue
            sizes[size] += 1
            top = tp.get_charbox(k)[3]
            if top > height * 0.08:
                chars.append((top, size))
        if not sizes or not chars:
            return False
        body = sizes.most_common(1)[0][0]
        lowest = min(chars)[1]
        foot = [s for t, s in chars if t < height * 0.3 and s < body * 0.92]
        if not (lowest < body * 0.92 and len(foot) >= 30):
            return False
        # ... and a line of it opens with a note number (not a quotation)
        tail = tp.get_text_bounded(0, height * 0.08, page.get_width(), height * 0.3)
        return bool(_NOTE_LINE.search(tail))
    finally:
        tp.close()
        page.close()


def _first_note(path: Path) -> int | None:
    """The page of the first footnote (a named destination ``fn-…`` that is
    not a call, as pressroom's PDFs name them), if the file has one."""
    import pikepdf
    try:
        with pikepdf.open(path) as pdf:
            names = pdf.Root.get("/Names", {}).get("/Dests")
            if names is None:
                return None
            found = [dest for name, dest in pikepdf.NameTree(names).items()
                     if name.startswith("fn-") and not name.endswith("-call")]
            pages = sorted(pdf.pages.index(pikepdf.Page(d.get("/D", d)[0]))
                           for d in found)
            return pages[0] if pages else None
    except (pikepdf.PdfError, KeyError, IndexError, TypeError, ValueError):
        return None


def key_pages(doc, title: str, first_chapter: str | None,
              first_note: int | None = None) -> list[tuple[str, int]]:
    """(label, page index) of the pages worth a look, found by their text
    (and, for a footnote page, by the size of its type); ``first_note``:
    where to start looking for the footnote page."""
    texts = _PageTexts(doc)
    found: list[tuple[str, int]] = []

    def first(label, pred, start=0):
        for i in range(start, len(texts)):
            if pred(i):
                found.append((label, i))
                return i
        return None

    first("title page", lambda i: title in texts[i] and len(texts[i].split("\n")) > 2)
    contents = first("contents", lambda i: texts[i].lstrip().startswith("Contents"))
    start = (contents or 0) + 1
    opening = None
    if first_chapter:
        opening = first("a chapter opening",
                        lambda i: texts[i].lstrip().startswith(first_chapter[:40]), start)
    index = _bookmarked(doc, "Index")       # its first page, without reading the book
    index = first("the index", lambda i: "Index" in [ln.strip() for ln in
                                                     texts[i].strip().split("\n")[:3]],
                  opening or start if index is None else index)
    # the note-number line _small_print_low asks for, looked for in the page's
    # text first: most pages have none, and the glyph-by-glyph look is slow
    first("a footnote page", lambda i: i != index and bool(_NOTE_LINE.search(texts[i]))
          and _small_print_low(doc, i), first_note or opening or start)
    return found


def _thumb(doc, index: int) -> str:
    page = doc[index]
    scale = THUMB_WIDTH / page.get_width()
    image = page.render(scale=scale).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    page.close()
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _pick_other(outs: dict[str, Path]) -> list[tuple[str, str, int]]:
    """For an edition other than the pamphlet: its cover, one booklet sheet
    and the first page of its first other PDF: (rel, label, page index)."""
    pdfs = [(rel, p) for rel, p in sorted(outs.items())
            if p.suffix.lower() == ".pdf" and p.is_file()]
    picks: list[tuple[str, str, int]] = []
    cover = next((rel for rel, _ in pdfs if "cover" in Path(rel).name), None)
    booklet = next((rel for rel, _ in pdfs if "booklet" in Path(rel).name), None)
    other = next((rel for rel, _ in pdfs if rel not in (cover, booklet)), None)
    if cover:
        picks.append((cover, "the cover", 0))
    if booklet:
        picks.append((booklet, "a booklet sheet", 0))
    if other:
        picks.append((other, "first page", 0))
    return picks


def thumbnails(book, files: dict[str, dict[str, Path]]) -> list[dict]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return []
    out = []
    title = book.config.data.get("title", "")
    first_chapter = book.chapters[0].title if book.chapters else None
    for target, outs in sorted(files.items()):
        if target == "pdf":
            picks = [(rel, None, None) for rel, p in sorted(outs.items())
                     if p.suffix.lower() == ".pdf" and p.is_file()]
        else:
            picks = _pick_other(outs)
        for rel, label, index in picks:
            doc = pdfium.PdfDocument(str(outs[rel]))
            try:
                pages = (key_pages(doc, title, first_chapter, _first_note(outs[rel]))
                         if label is None
                         else [(label, index)])
                for lab, i in pages:
                    out.append({"file": rel, "label": lab, "page": i + 1,
                                "src": _thumb(doc, i)})
            finally:
                doc.close()
    return out


def flagged(files: dict[str, dict[str, Path]], warnings) -> list[dict]:
    """A thumbnail of every page the typographic proof flagged (pdf.proof)."""
    import pypdfium2 as pdfium
    from pressroom.builders.pdf.proof import flagged_pages     # lazy: pypdfium2, only when a report is written
    paths = {rel: p for outs in files.values() for rel, p in outs.items()}
    out = []
    for rel, i, what in flagged_pages(warnings):
        if rel in paths and paths[rel].is_file():
            doc = pdfium.PdfDocument(str(paths[rel]))
            try:
                out.append({"file": rel, "label": what, "page": i + 1, "src": _thumb(doc, i)})
            finally:
                doc.close()
    return out


# -- the rest of the report --------------------------------------------------

def _model_summary(model, kind: str) -> dict:
    """Coverage of the glossary or index, for the report (see the module
    docstring for the optional ``report()`` hook)."""
    if model is None:
        return {}
    if callable(getattr(model, "report", None)):
        try:
            return dict(model.report())
        except Exception as e:          # the report must not fail the build
            return {"error": f"report() failed: {e}"}
    entries = list(getattr(model, "entries", None) or [])
    summary: dict = {"entries": len(entries)}
    if kind == "glossary":
        counts = [(e.term, getattr(e, "count", 0) or 0) for e in entries]
        used = [t for t, c in counts if c]
        summary["marked in the text"] = f"{len(used)} of {len(entries)} terms"
        summary["occurrences marked"] = sum(c for _, c in counts)
        summary["least used"] = [f"{t} ({c})" for t, c in sorted(counts, key=lambda tc: tc[1])[:12]]
    else:
        located = [e for e in entries if getattr(e, "all_locators", None) or getattr(e, "see", None)]
        summary["headings with a locator or see"] = f"{len(located)} of {len(entries)}"
        summary["locators"] = sum(len(getattr(e, "all_locators", []) or []) for e in entries)
        kept = getattr(model, "kept", None)
        if kept:                # references/locators.py: substantive mentions only
            summary["mentions kept as locators"] = (
                f"{kept['kept']} of {kept['mentions']} "
                f"({100 * kept['kept'] / max(kept['mentions'], 1):.0f}%); "
                f"{kept['hidden']} headings with only passing mentions left out")
        empty = getattr(model, "empty_subs", None) or []
        if empty:
            summary["empty sub-entries"] = [f"{e.heading}: {sub.heading}" for e, sub in empty]
        cands = getattr(model, "candidates", None) or []
        summary["candidates (frequent names without a heading)"] = [
            f"{c[0]} ({c[1]})" if isinstance(c, (tuple, list)) else str(c) for c in cands]
    return summary


def fidelity_rows(book) -> list[dict]:
    rows = []
    for sec in book.chapters:
        rep = book.reports.get(sec.id)
        if rep is None:
            continue
        d = rep.as_dict() if hasattr(rep, "as_dict") else canonical(rep)
        rows.append({"source": d.get("source", sec.id), "title": sec.title,
                     "words": d.get("source_words", 0), "kept": d.get("kept", 0),
                     "changed": d.get("changed", {}), "removed": d.get("removed", {}),
                     "added": d.get("added", {})})
    return rows


def write_report(book, files: dict[str, dict[str, Path]], timings: dict[str, float | None],
                 out: Path, writer_warnings: list[str] = ()) -> None:
    from pressroom.build.output import atomic_write_text     # lazy: with the report's other imports
    from pressroom.build.runner import count_pages     # lazy: pypdfium2, only when a report is written
    from pressroom.builders.common.templating import render_template     # lazy: jinja2, only when a report is written
    editions = []
    for target in sorted(files):
        for rel, path in sorted(files[target].items()):
            editions.append({"target": target, "file": rel,
                             "pages": count_pages(path) if path.is_file() else None,
                             "size": path.stat().st_size if path.is_file() else None,
                             "seconds": timings.get(target)})
    html = render_template(
        "report/report.html.j2", cfg=book.config.data, build_date=book.config.build_date,
        editions=editions, fidelity=fidelity_rows(book),
        glossary=_model_summary(book.glossary, "glossary"),
        index=_model_summary(book.index, "index"),
        warnings=[*book.warnings, *writer_warnings],
        thumbs=thumbnails(book, files) + flagged(files, [*book.warnings, *writer_warnings]))
    atomic_write_text(out, html)

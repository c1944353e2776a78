"""The build report, ``dist/report.html``: what an editor looks at after a build.

Written by the command with the outputs (see cli.py) from the Book and the
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
from pathlib import Path

from .cache import canonical, hash_text, project_files_hash, code_hash

REPORT_NAME = "report.html"
THUMB_WIDTH = 220


def report_key(parts: dict[str, str], target_keys: dict[str, str]) -> str:
    return hash_text("report", *(f"{k}={v}" for k, v in sorted(parts.items())),
                     *(f"{k}={v}" for k, v in sorted(target_keys.items())),
                     project_files_hash(("templates/report/**/*",)), code_hash())


# -- key pages ---------------------------------------------------------------

def _page_texts(doc) -> list[str]:
    texts = []
    for page in doc:
        tp = page.get_textpage()
        texts.append(tp.get_text_range().replace("\r\n", "\n"))
        tp.close()
        page.close()
    return texts


def _small_print_low(doc, index: int) -> bool:
    """Does the lower half of the page carry a block of smaller type than
    the body's (footnotes)? Sizes come from pdfium's text layer."""
    import pypdfium2.raw as raw
    from collections import Counter
    page = doc[index]
    tp = page.get_textpage()
    try:
        n, height = tp.count_chars(), page.get_height()
        sizes = Counter()
        low = Counter()
        for k in range(n):
            size = round(raw.FPDFText_GetFontSize(tp.raw, k), 1)
            if size < 2:                      # spaces, generated characters
                continue
            sizes[size] += 1
            top = tp.get_charbox(k)[3]
            if height * 0.08 < top < height * 0.5:
                low[size] += 1
        if not sizes:
            return False
        body = sizes.most_common(1)[0][0]
        return sum(v for s, v in low.items() if s < body * 0.92) >= 40
    finally:
        tp.close()
        page.close()


def key_pages(doc, title: str, first_chapter: str | None) -> list[tuple[str, int]]:
    """(label, page index) of the pages worth a look, found by their text
    (and, for a footnote page, by the size of its type)."""
    texts = _page_texts(doc)
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
    index = first("the index", lambda i: texts[i].lstrip().startswith("Index"), opening or start)
    first("a footnote page", lambda i: i != index and _small_print_low(doc, i), opening or start)
    return found


def _thumb(doc, index: int) -> str:
    page = doc[index]
    scale = THUMB_WIDTH / page.get_width()
    image = page.render(scale=scale).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    page.close()
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def thumbnails(book, files: dict[str, dict[str, Path]]) -> list[dict]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return []
    out = []
    title = book.config.data.get("title", "")
    first_chapter = book.chapters[0].title if book.chapters else None
    for target, outs in sorted(files.items()):
        for rel, path in sorted(outs.items()):
            if path.suffix.lower() != ".pdf" or not path.is_file():
                continue
            doc = pdfium.PdfDocument(str(path))
            try:
                if target == "pdf":
                    pages = key_pages(doc, title, first_chapter)
                else:
                    pages = [("first page", 0)] + ([("a sheet", 1)] if len(doc) > 1 else [])
                for label, i in pages:
                    out.append({"file": rel, "label": label, "page": i + 1,
                                "src": _thumb(doc, i)})
            finally:
                doc.close()
    return out


# -- the rest of the report --------------------------------------------------

def _model_summary(model) -> dict:
    if model is None:
        return {}
    if callable(getattr(model, "report", None)):
        try:
            return dict(model.report())
        except Exception as e:          # the report must not fail the build
            return {"error": f"report() failed: {e}"}
    summary: dict = {}
    for attr in ("entries", "headings", "terms"):
        value = getattr(model, attr, None)
        if isinstance(value, (list, dict, tuple)):
            summary["entries"] = len(value)
            break
    for attr in ("candidates", "unused"):
        value = getattr(model, attr, None)
        if isinstance(value, (list, tuple, set)):
            summary[attr] = sorted(map(str, value))
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
                 out: Path) -> None:
    from .output import atomic_write_text
    from .runner import count_pages
    from .writers.templating import render_template
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
        glossary=_model_summary(book.glossary), index=_model_summary(book.index),
        warnings=list(book.warnings), thumbs=thumbnails(book, files))
    atomic_write_text(out, html)

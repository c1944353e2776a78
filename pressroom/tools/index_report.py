"""The index editor's report: each long heading's passages, to write sub-entries from.

Place in the flow: a command beside the build, reading what the marking
transform and references/locators.py left on ``book.index``:

    python -m pressroom.tools.index_report [--pdf dist/<slug>.pdf] [--min N] [HEADING ...]

For every heading with more than ``--min`` (default: locators.LIMIT)
kept locators, or the headings named, it prints each paragraph that
mentions the subject: its paragraph id (what ``add:``, ``drop:`` and a
sub-entry's ``passages:`` take), the print page when a built PDF is given,
the heading ids and titles of the section it is in, whether it is kept
(``*``) or a passing mention, the sub-entry it is filed under, and a line
of context around the first mention.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pressroom.references.locators import LIMIT
from pressroom.pipeline import build_book
from pressroom.settings.config import load_book


def _pages(pdf: Path | None) -> dict[str, str]:
    """{anchor: printed page label} from a built PDF's named destinations."""
    if pdf is None:
        return {}
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    labels = reader.page_labels
    return {name: labels[reader.get_destination_page_number(dest)]
            for name, dest in reader.named_destinations.items()}


def lines_for(entry, index, pages: dict[str, int]) -> list[str]:
    kept = {loc.anchor: None for loc in entry.locators}
    kept.update({loc.anchor: s.heading for s in entry.sub for loc in s.locators})
    out = [f"== {entry.heading}: {len(entry.all_locators)} kept of "
           f"{len(entry.candidates)} mentions"]
    seen = set()
    for loc in entry.candidates:
        if loc.para in seen:
            continue
        seen.add(loc.para)
        text = index.passages.get(loc.para, "")
        where = " > ".join(index.head_titles.get(h, h) for h in loc.heads[1:]) or "-"
        mark = "*" if loc.anchor in kept else " "
        sub = kept.get(loc.anchor)
        page = pages.get(loc.anchor, "")
        start = max(0, _first(text, entry) - 60)
        context = " ".join(text[start:start + 160].split())
        out.append(f"{mark} {loc.para:<24} p.{page:<4} [{loc.heads[-1] if loc.heads else '-'}] "
                   f"{where}{' {' + sub + '}' if sub else ''}\n      {context}")
    return out


def _first(text: str, entry) -> int:
    hits = [text.find(v) for v in entry.variants if v in text]
    return min(hits) if hits else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressroom.tools.index_report")
    ap.add_argument("headings", nargs="*")
    ap.add_argument("--book", default="manuscript/book.yaml")
    ap.add_argument("--pdf", type=Path, default=None)
    ap.add_argument("--min", type=int, default=LIMIT)
    args = ap.parse_args(argv)
    book = build_book(load_book(Path(args.book)))
    pages = _pages(args.pdf)
    for e in sorted(book.index.entries, key=lambda e: -len(e.locators)):
        if args.headings and not any(h.lower() in e.heading.lower() for h in args.headings):
            continue
        if not args.headings and len(e.locators) <= args.min:
            continue
        print("\n".join(lines_for(e, book.index, pages)), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

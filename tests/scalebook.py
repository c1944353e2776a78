"""A book ten times the size of the real one, for tests/test_scale.py.

Not part of the build: a test helper (tests keep their own maker, apart
from ``make bench``'s). ``make_book(dest, copies)`` writes a manuscript
folder holding every source of manuscript/ ``copies`` times under distinct
chapter ids (copy 0 keeps the real ids, copy k appends ``-k``), with a
book.yaml whose contents and packet sessions are repeated per copy, and a
glossary and an index whose ``chapters:`` limits and passages are repeated
per copy. Each copy gets its own index headings (" [k]" appended), so no
heading gathers ten times its locators: the index grows tenfold like the
text, as a real book ten times longer would have.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPT = ROOT / "manuscript"
_ID_LINE = re.compile(r"^id:\s*(\S+)", re.M)


def chapter_ids() -> list[str]:
    """The real book's chapter ids, in its order, read from the sidecars."""
    book = yaml.safe_load((MANUSCRIPT / "book.yaml").read_text(encoding="utf-8"))
    out = []
    for rel in book["chapters"]:
        sidecar = (MANUSCRIPT / rel).with_suffix(".yaml").read_text(encoding="utf-8")
        out.append(_ID_LINE.search(sidecar).group(1))
    return out


def copy_id(ident: str, k: int) -> str:
    return ident if k == 0 else f"{ident}-{k}"


def _copy_passage(p: str, ids: list[str], k: int) -> str:
    """A heading or paragraph id of chapter c names the same passage of c's copy k."""
    for c in sorted(ids, key=len, reverse=True):
        if p.startswith(c + "-"):
            return _heading_id(copy_id(c, k), p[len(c) + 1:])
    return p                                   # a phrase: the same words in every copy


def _heading_id(chapter: str, rest: str) -> str:
    """As transforms/ids.py makes them: the chapter's prefix, cut at 80."""
    return f"{chapter}-{rest}"[:80].rstrip("-")


def _copy_session(s: dict, k: int) -> dict:
    s = {**s, "name": copy_id(s["name"], k), "chapters": [copy_id(c, k) for c in s["chapters"]]}
    for key in ("from", "until"):
        if key in s:
            s[key] = _heading_id(s["chapters"][0], s[key])
    return s


def _copy_chapters(chs, ids, k):
    return [copy_id(c, k) for c in (chs if chs is not None else ids)]


def _copy_heading(h: str, k: int) -> str:
    return h if k == 0 else f"{h} [{k}]"


def _copy_index_entry(e: dict, ids: list[str], k: int) -> dict:
    e = dict(e)
    e["heading"] = _copy_heading(e["heading"], k)
    if e.get("see"):
        e["see"] = _copy_heading(e["see"], k)
    else:
        e["chapters"] = _copy_chapters(e.get("chapters"), ids, k)
    if e.get("see_also"):
        e["see_also"] = [_copy_heading(h, k) for h in e["see_also"]]
    e["variants"] = [v if isinstance(v, str) else
                     {**v, "chapters": _copy_chapters(v["chapters"], ids, k)}
                     for v in e.get("variants", [])]
    if not e["variants"]:
        del e["variants"]
    for key in ("add", "drop"):
        if key in e:
            e[key] = [_copy_passage(p, ids, k) for p in e[key]]
    if "sub" in e:
        e["sub"] = [{**s, "passages": [_copy_passage(p, ids, k) for p in s["passages"]]}
                    for s in e["sub"]]
    return e


def _sources(dest: Path, book: dict, ids: list[str], copies: int) -> list[str]:
    chapters = []
    for k in range(copies):
        for rel, ident in zip(book["chapters"], ids):
            src = MANUSCRIPT / rel
            name = src.stem if k == 0 else f"{src.stem}-{k}"
            target = dest / "sources" / (name + src.suffix)
            shutil.copyfile(src, target)
            sidecar = src.with_suffix(".yaml").read_text(encoding="utf-8")
            sidecar = _ID_LINE.sub(f"id: {copy_id(ident, k)}", sidecar, count=1)
            target.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
            chapters.append(f"sources/{target.name}")
    return chapters


def make_book(dest: Path, copies: int = 10, packets_for: list[int] | None = None) -> Path:
    """Write the ``copies``-times book into ``dest``; returns its book.yaml.
    ``packets_for``: the copies whose packet sessions the book has (default:
    every copy)."""
    ids = chapter_ids()
    (dest / "sources").mkdir(parents=True)
    shutil.copytree(MANUSCRIPT / "front", dest / "front")
    book = yaml.safe_load((MANUSCRIPT / "book.yaml").read_text(encoding="utf-8"))
    book["chapters"] = _sources(dest, book, ids, copies)
    sessions = book["packets"]["sessions"]
    book["packets"]["sessions"] = [_copy_session(s, k) for k in (
        range(copies) if packets_for is None else packets_for) for s in sessions]
    glossary = yaml.safe_load((MANUSCRIPT / "glossary.yaml").read_text(encoding="utf-8"))
    for g in glossary:
        if g.get("chapters"):
            g["chapters"] = [copy_id(c, k) for k in range(copies) for c in g["chapters"]]
    index = yaml.safe_load((MANUSCRIPT / "index.yaml").read_text(encoding="utf-8"))
    index = [_copy_index_entry(e, ids, k) for k in range(copies) for e in index]
    for name, data in (("book.yaml", book), ("glossary.yaml", glossary), ("index.yaml", index)):
        (dest / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")
    return dest / "book.yaml"


if __name__ == "__main__":
    import sys
    print(make_book(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10))

"""Larger books for the benchmark: the manuscript N times, a long plain text.

Not part of the build (``make bench`` and scale tests call it). Place in the
flow: none; it writes a new manuscript folder that the normal command builds.

``make_scaled_book(manuscript, dest, times=10)`` copies the manuscript folder
to ``dest`` and repeats every chapter ``times`` times in book order: copy
``k`` (2…N) of ``sources/x.txt`` is ``sources/x-xk.txt``, an unchanged copy
of the text, with a sidecar whose ``id`` is ``<id>-xk`` and whose title ends
with "(k)", so every anchor, slug and contents entry stays distinct. Each
packet session is repeated for the copies of its chapters (its ``from``
and ``until`` headings named by the copy's ids). Each index entry is
repeated per copy under its own heading ("Heading (k)", limited to the
copy's chapters, its passages renamed), so no heading gathers ten times
its locators, as in a real book ten times longer; a glossary entry's
chapter limit covers the copies. It returns the new book.yaml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


def _dump(data, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")


def _copy_source(root: Path, rel: str, k: int) -> tuple[str, str, str]:
    """Copy ``k`` of one chapter source and its sidecar; (new rel path, old id, new id)."""
    src = root / rel
    new = src.with_name(f"{src.stem}-x{k}{src.suffix}")
    shutil.copyfile(src, new)
    sidecar = yaml.safe_load(src.with_suffix(".yaml").read_text(encoding="utf-8"))
    old_id = sidecar["id"]
    sidecar["id"] = f"{old_id}-x{k}"
    sidecar["title"] = f"{sidecar['title']} ({k})"
    _dump(sidecar, new.with_suffix(".yaml"))
    return str(new.relative_to(root)), old_id, sidecar["id"]


def _session_copy(session: dict, k: int, ids: dict[str, str]) -> dict:
    copy = dict(session, name=f"{session['name']}-x{k}",
                title=f"{session['title']} ({k})",
                chapters=[ids[c] for c in session.get("chapters", [])])
    for key in ("from", "until"):          # the copy's heading id: its own prefix, cut at 80
        if key in session:
            old, new = session["chapters"][0], copy["chapters"][0]
            copy[key] = f"{new}-{session[key].removeprefix(old + '-')}"[:80].rstrip("-")
    return copy


def _heading_id(chapter: str, rest: str) -> str:
    """As the normaliser makes them: the chapter's prefix, cut at 80."""
    return f"{chapter}-{rest}"[:80].rstrip("-")


def _passage_copy(passage: str, ids: dict[str, str]) -> str:
    """A heading or paragraph id of a chapter names the same passage of its copy."""
    for old in sorted(ids, key=len, reverse=True):
        if passage.startswith(old + "-"):
            return _heading_id(ids[old], passage[len(old) + 1:])
    return passage                     # a phrase: the same words in every copy


def _index_copy(entry: dict, k: int, ids: dict[str, str]) -> dict:
    """The entry for copy ``k``: its own heading (so no heading gathers k
    times its locators), limited to the copy's chapters, passages renamed."""
    e, named = dict(entry), (lambda h: f"{h} ({k})")
    e["heading"] = named(e["heading"])
    if e.get("see"):
        e["see"] = named(e["see"])
    else:
        e["chapters"] = [ids[c] for c in (e.get("chapters") or ids)]
    if e.get("see_also"):
        e["see_also"] = [named(h) for h in e["see_also"]]
    if e.get("variants"):
        e["variants"] = [v if isinstance(v, str) else {**v, "chapters": [ids[c] for c in v["chapters"]]}
                         for v in e["variants"]]
    for key in ("add", "drop"):
        if key in e:
            e[key] = [_passage_copy(p, ids) for p in e[key]]
    if "sub" in e:
        e["sub"] = [{**sub, "passages": [_passage_copy(p, ids) for p in sub["passages"]]}
                    for sub in e["sub"]]
    return e


def _scale_index(dest: Path, copies: list[dict[str, str]]) -> None:
    """index.yaml: each entry once per copy (the original limited to the
    original chapters); glossary.yaml: a chapter limit covers the copies."""
    originals = {old: old for old in copies[0]} if copies else {}
    path = dest / "index.yaml"
    if path.is_file():
        index = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        out = [e if e.get("see") else {**e, "chapters": e.get("chapters") or list(originals)}
               for e in index]
        out += [_index_copy(e, k, ids) for k, ids in enumerate(copies, start=2) for e in index]
        _dump(out, path)
    path = dest / "glossary.yaml"
    if path.is_file():
        glossary = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for g in glossary:
            if g.get("chapters"):
                g["chapters"] = g["chapters"] + [ids[c] for ids in copies for c in g["chapters"]]
        _dump(glossary, path)


def make_scaled_book(manuscript: Path, dest: Path, times: int = 10) -> Path:
    """A copy of ``manuscript`` in ``dest`` with every chapter ``times``
    times (see the module docstring); returns dest/book.yaml."""
    manuscript, dest = Path(manuscript), Path(dest)
    shutil.copytree(manuscript, dest, ignore=shutil.ignore_patterns(".*"))
    book_yaml = dest / "book.yaml"
    data = yaml.safe_load(book_yaml.read_text(encoding="utf-8"))
    chapters = list(data["chapters"])
    sessions = list((data.get("packets") or {}).get("sessions") or [])
    copies: list[dict[str, str]] = []
    for k in range(2, times + 1):
        ids: dict[str, str] = {}
        copies.append(ids)
        for rel in data["chapters"]:
            new_rel, old_id, new_id = _copy_source(dest, rel, k)
            chapters.append(new_rel)
            ids[old_id] = new_id
        sessions += [_session_copy(s, k, ids) for s in data["packets"]["sessions"]] \
            if data.get("packets") else []
    data["chapters"] = chapters
    if data.get("packets"):
        data["packets"]["sessions"] = sessions
    _dump(data, book_yaml)
    _scale_index(dest, copies)
    return book_yaml

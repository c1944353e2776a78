"""Larger books for the benchmark: the manuscript N times, a long plain text.

Not part of the build (``make bench`` and scale tests call it). Place in the
flow: none; it writes a new manuscript folder that the normal command builds.

``make_scaled_book(manuscript, dest, times=10)`` copies the manuscript folder
to ``dest`` and repeats every chapter ``times`` times in book order: copy
``k`` (2…N) of ``sources/x.txt`` is ``sources/x-xk.txt``, an unchanged copy
of the text, with a sidecar whose ``id`` is ``<id>-xk`` and whose title ends
with "(k)", so every anchor, slug and contents entry stays distinct. Each
packet session is repeated for the copies of its chapters (its ``from``
and ``until`` headings named by the copy's ids). The glossary,
the index and the front matter are the original ones (their passages name
the first copy). It returns the new book.yaml.
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


def make_scaled_book(manuscript: Path, dest: Path, times: int = 10) -> Path:
    """A copy of ``manuscript`` in ``dest`` with every chapter ``times``
    times (see the module docstring); returns dest/book.yaml."""
    manuscript, dest = Path(manuscript), Path(dest)
    shutil.copytree(manuscript, dest, ignore=shutil.ignore_patterns(".*"))
    book_yaml = dest / "book.yaml"
    data = yaml.safe_load(book_yaml.read_text(encoding="utf-8"))
    chapters = list(data["chapters"])
    sessions = list((data.get("packets") or {}).get("sessions") or [])
    for k in range(2, times + 1):
        ids: dict[str, str] = {}
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
    return book_yaml

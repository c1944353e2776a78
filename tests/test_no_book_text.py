"""Nothing of the first book is left in pressroom's code, templates or styles.

Every text about a book (title, blurb, keywords, colophon lines, editor)
comes from its book.yaml; any book may be built with the same pressroom.
The first book's words are computed from its own files, manuscript/book.yaml
and manuscript/front/*, never listed by hand:

- phrases: each whole text of book.yaml (title, subtitle, the editor's
  name, description, rights, blurb, keywords, packet titles and questions)
  and every run of five words of its longer texts and of the front matter;
- names: the words those texts capitalise in mid-sentence and never write
  in lower case, that a reference vocabulary does not know: the words of
  tests/corpus/ (some 120 KB of other people's books) and of the labels
  files (month names are pressroom's own words).

None may occur in any text file of the package, the templates or the
styles (wherever they live: pressroom.paths says).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from pressroom import paths

MANUSCRIPT = ROOT / "manuscript"
TEXT_FILES = (".py", ".j2", ".yaml", ".yml", ".css", ".md", ".txt", ".html", ".json", ".toml")
SHINGLE = 5
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _norm(text: str) -> str:
    text = re.sub(r"[*_`#>\[\]]", " ", text.replace("’", "'"))
    return " ".join(text.split()).casefold()


def book_texts() -> tuple[list[str], list[str]]:
    """(book.yaml's texts, the front matter's texts)."""
    data = yaml.safe_load((MANUSCRIPT / "book.yaml").read_text(encoding="utf-8"))
    wanted = {k: data.get(k) for k in ("title", "subtitle", "description", "rights", "keywords")}
    wanted["blurb"] = (data.get("print") or {}).get("blurb")
    wanted["sessions"] = [{"title": s.get("title"), "questions": s.get("questions")}
                          for s in (data.get("packets") or {}).get("sessions") or []]
    editor = re.sub(r"^(edited|compiled)\s+by\s+(the\s+)?", "", data["editor"], flags=re.I)
    front = [p.read_text(encoding="utf-8") for p in sorted((MANUSCRIPT / "front").glob("*"))
             if p.is_file()]
    return _strings(wanted) + [editor], front


def phrases() -> set[str]:
    own, front = book_texts()
    out = {_norm(t) for t in own if len(_norm(t).split()) >= 2}
    for text in own + front:
        words = _norm(text).split()
        out.update(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    return out


def _vocabulary() -> set[str]:
    out: set[str] = set()
    folders = [ROOT / "tests" / "corpus", paths.TEMPLATES / "labels"]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", errors="replace")
                out.update(w.casefold() for w in WORD.findall(text))
    return out


def names() -> set[str]:
    own, front = book_texts()
    texts = own + front
    lower = {w for t in texts for w in WORD.findall(t) if w[:1].islower()}
    found = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?:;])\s+|\n\s*\n|\n#+ |^---$", text, flags=re.M):
            for w in WORD.findall(sentence)[1:]:
                w = re.sub(r"[’']s$", "", w)
                if w[:1].isupper() and not w.isupper() and len(w) > 3 and w.lower() not in lower:
                    found.add(w)
    known = _vocabulary() | {"pressroom"}           # the tool's own name is no book's
    return {w for w in found if w.casefold() not in known}


def searched_files() -> list[Path]:
    folders = {paths.CODE, paths.TEMPLATES, paths.STYLES}
    files = {p.resolve() for folder in folders if folder.is_dir() for p in folder.rglob("*")
             if p.is_file() and p.suffix in TEXT_FILES and "__pycache__" not in p.parts}
    return sorted(files)


def test_the_first_book_s_words_are_found():
    """The computation finds what a reader of book.yaml would call its own."""
    data = yaml.safe_load((MANUSCRIPT / "book.yaml").read_text(encoding="utf-8"))
    assert _norm(data["title"]) in phrases()
    for kw in data.get("keywords") or []:
        if len(kw.split()) > 1:
            assert _norm(kw) in phrases(), kw
    assert len(names()) >= 5, names()


def test_the_search_would_find_a_planted_phrase():
    data = yaml.safe_load((MANUSCRIPT / "book.yaml").read_text(encoding="utf-8"))
    planted = f'<meta name="description" content="{data["title"]}">'
    assert _hits(planted, phrases(), names())


def _hits(text: str, phrase_set: set[str], name_set: set[str]) -> list[str]:
    norm = _norm(text)
    found = [p for p in phrase_set if p in norm and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", norm)]
    found += [n for n in name_set if re.search(rf"\b{re.escape(n)}\b", text)]
    return found


@pytest.fixture(scope="module")
def book_words():
    return phrases(), names()


def test_no_text_of_the_first_book_in_code_templates_or_styles(book_words):
    phrase_set, name_set = book_words
    bad = []
    for path in searched_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for hit in _hits(text, phrase_set, name_set):
            bad.append(f"{path.relative_to(paths.PROJECT)}: {hit!r}")
    assert bad == [], "the first book's text outside manuscript/:\n" + "\n".join(sorted(bad))

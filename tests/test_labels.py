"""Fixed words by language (templates/labels/*.yaml, settings/labels.py).

Every language file gives every key of en.yaml with the same placeholders;
no label is left in Python; a book with ``language: fr`` gets French
headings, landmarks and notes in its EPUB and PDF.
"""

from __future__ import annotations

import re
import shutil
import string
import zipfile

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, run_build

FOLDER = ROOT / "pressroom" / "templates" / "labels"
LANGUAGES = sorted(p.stem for p in FOLDER.glob("*.yaml"))
EN = yaml.safe_load((FOLDER / "en.yaml").read_text(encoding="utf-8"))


def fields(text) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def strings(value) -> list[str]:
    """Every string in a label's value (a text, a list, a mapping)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_with_the_same_placeholders(lang):
    data = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert set(data) == set(EN), set(EN) ^ set(data)
    for key, text in data.items():
        assert fields(text) == fields(EN[key]), (lang, key)
        for piece in strings(text):
            assert "\\u" not in piece, (lang, key, "an escape left unread in a folded block")
    assert len(data["months"]) == len(data["months_alone"]) == 12


def test_fallback_to_english_per_key():
    from pressroom.settings.labels import labels
    assert labels("fr-CA")["glossary"] == "Glossaire"
    assert labels("xx")["glossary"] == EN["glossary"]
    assert labels("en-GB") == labels("en")


MOVED = ["Start of the text", "Title page", "Author not stated", "Date not stated",
         "Publication not stated", "Reference mark", "Text-only book", "} minutes",
         '"Glossary"', '"Index"', '"Contents"', '"Cover"', '"Pages"', 'aria-label="Notes"']


def test_no_label_left_in_python():
    for path in (ROOT / "pressroom").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        code = re.sub(r'"""[\s\S]*?"""', "", text)            # docstrings may quote them
        code = re.sub(r'\[\s*"[A-Z][A-Za-z]*"\s*\]', "", code)   # a PDF dictionary key: page["Contents"]
        for label in MOVED:
            if path.name in ("report.py",) or "tools" in path.parts:
                continue                  # the build report is English-only tooling
            assert label not in code, f"{path.relative_to(ROOT)}: {label}"


def test_a_french_book(tmp_path):
    book = tmp_path / "manuscript"
    shutil.copytree(ROOT / "tests" / "bad_inputs" / "base", book)
    yaml_path = book / "book.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace("language: en", "language: fr"),
                         encoding="utf-8")
    dist = tmp_path / "dist"
    proc = run_build("pdf", "epub", "--book", str(yaml_path), "--dist", str(dist),
                     "--jobs", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(dist / "small-book.epub") as z:
        nav = z.read(next(n for n in z.namelist() if n.endswith("nav.xhtml"))).decode("utf-8")
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")
        chapter = z.read(next(n for n in z.namelist() if n.endswith("gamma.xhtml"))).decode("utf-8")
    assert "Table des matières" in nav and "Début du texte" in nav and "Glossaire" in nav
    assert "Contents" not in nav and "Start of the text" not in nav
    assert "Livre uniquement textuel" in opf
    assert 'aria-label="Notes"' in chapter          # the same word in French
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(dist / "small-book.pdf")).pages)
    assert "Table des matières" in text and "Glossaire" in text
    assert "Auteur non indiqué" in text              # gamma.yaml: author: null
    assert "28 janvier 2017" in text                 # gamma.yaml: date: 2017-01-28


def _visible_words(template: str) -> list[str]:
    """The words a template prints itself: its text and its aria-label,
    title and alt attributes, without Jinja tags, expressions and comments."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", template, flags=re.S)
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    shown = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', text)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    return re.findall(r"[^\W\d_]{2,}", " ".join([text, *shown]))


def test_no_fixed_word_in_a_template():
    """Every word an edition prints that is not the book's comes from the
    labels (the build report, English-only tooling, and ``new/``, the
    starter book's own files that its editor rewrites, aside)."""
    assert sorted(_visible_words('<p aria-label="Notes">{{ x }} See also</p>')) == ["Notes", "See", "also"]
    from pressroom.paths import TEMPLATES
    for path in sorted(TEMPLATES.rglob("*.j2")):
        if path.relative_to(TEMPLATES).parts[0] in ("report", "new"):
            continue
        words = _visible_words(path.read_text(encoding="utf-8"))
        assert words == [], f"{path.relative_to(TEMPLATES)}: {words}"

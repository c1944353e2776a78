"""A second, different book, made as a new user would: ``pressroom new`` in a
temporary folder outside the repository, the tests' own texts as sources
(one in cp1251, declared in its sidecar), French as its language, a theme
that overrides a template and a stylesheet, and an image; every edition
built from inside the book's folder into its own dist/.

What is asserted is computed apart from the code under test: the French
words are written here, the Cyrillic words are those this file encodes, the
first book's phrases are read from manuscript/ and looked for, as word
runs, in every text the outputs carry (PDF text and metadata, EPUB files).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, run_build

FIXTURES = ROOT / "tests" / "fixtures"
# My own short text, in Russian, for the encoded source.
RUSSIAN = ("Библиотека на углу\n\n"
           "В нашем городе есть маленькая библиотека. Её открыли жители улицы, "
           "и каждый приносит туда книги, которые уже прочитал.\n\n"
           "По субботам там читают вслух детям, а зимой пьют чай у окна.\n")
RUSSIAN_WORDS = ("маленькая библиотека", "жители улицы", "читают вслух")
THEME_MARK = "pressroom avec le thème du cercle"
SLUG = "carnets-du-cercle"


def _sidecar(path: Path, **fields) -> None:
    path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")


def _make_book(book: Path) -> None:
    """The sources, sidecars, settings, theme and image of the second book."""
    src = book / "sources"
    for old in src.iterdir():                       # the sample of `pressroom new`
        old.unlink()
    shutil.copyfile(FIXTURES / "latin1-canuts.txt", src / "canuts.txt")
    _sidecar(src / "canuts.yaml", id="canuts", title="Les canuts de Lyon", author=None,
             date="2003-11", encoding="cp1252")
    (src / "bibliotheque.txt").write_bytes(RUSSIAN.encode("cp1251"))
    _sidecar(src / "bibliotheque.yaml", id="bibliotheque", title="Библиотека на углу",
             author=None, date=None, encoding="cp1251")
    text = (FIXTURES / "notes-midtext.md").read_text(encoding="utf-8")
    (src / "methode.md").write_text(
        text + "\n![Un carré rouge sur fond blanc](../images/carre.png)\n", encoding="utf-8")
    _sidecar(src / "methode.yaml", id="methode", title="A Note on Method", author=None,
             date=None)
    (book / "images").mkdir()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(book / "images" / "carre.png")
    (book / "index.yaml").unlink()                  # an absent index is no index

    settings = yaml.safe_load((book / "book.yaml").read_text(encoding="utf-8"))
    settings.update(
        title="Carnets du cercle", language="fr", slug=SLUG,
        chapters=["sources/canuts.txt", "sources/methode.md", "sources/bibliotheque.txt"],
        packets={"paper": "a4", "sessions": [{
            "name": "premiere-seance", "title": "Première séance",
            "chapters": ["canuts", "methode"],
            "questions": ["Que demandaient les ouvriers ?", "Que dit le drapeau ?",
                          "Que nous apprennent les archives ?", "Que faire du silence ?"]}]})
    (book / "book.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                    encoding="utf-8")

    theme = book / "theme"
    (theme / "templates" / "pdf").mkdir(parents=True)
    page = (ROOT / "pressroom" / "templates" / "pdf" / "document.html.j2").read_text()
    assert '<meta name="generator" content="pressroom">' in page
    (theme / "templates" / "pdf" / "document.html.j2").write_text(
        page.replace('content="pressroom">', f'content="{THEME_MARK}">'), encoding="utf-8")
    (theme / "styles" / "epub").mkdir(parents=True)
    css = (ROOT / "pressroom" / "styles" / "epub" / "book.css").read_text()
    (theme / "styles" / "epub" / "book.css").write_text(css + "\n/* theme v1 */\n")


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    where = tmp_path_factory.mktemp("elsewhere")
    assert not where.resolve().is_relative_to(ROOT)
    made = run_build("new", str(where / "carnets"), "--title", "Carnets", cwd=where)
    assert made.returncode == 0, made.stderr
    book = where / "carnets"
    _make_book(book)
    proc = run_build("build", "all", "--jobs", "2", "--quiet", cwd=book)
    assert proc.returncode == 0, proc.stderr
    return book


def _epub_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if n.endswith((".xhtml", ".opf", ".ncx", ".css"))}


def _pdfs(dist: Path) -> list[Path]:
    return sorted(dist.rglob("*.pdf"))


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return meta + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)


def test_every_edition_is_in_the_books_own_dist(second):
    dist = second / "dist"
    for rel in (f"{SLUG}.md", f"{SLUG}.pdf", f"{SLUG}.epub", f"print/{SLUG}-interior.pdf",
                f"print/{SLUG}-cover.pdf", "packets/all-packets.pdf",
                "packets/01-premiere-seance.pdf", "packets/01-premiere-seance-booklet.pdf"):
        assert (dist / rel).is_file() and (dist / rel).stat().st_size > 0, rel


def test_french_labels_and_decoded_cyrillic(second):
    dist = second / "dist"
    pdf = _pdf_text(dist / f"{SLUG}.pdf")
    epub = _epub_texts(dist / f"{SLUG}.epub")
    assert "Table des matières" in pdf
    nav = next(t for n, t in epub.items() if n.endswith("nav.xhtml"))
    assert "Table des matières" in nav and "Page de titre" in nav
    assert 'xml:lang="fr"' in nav or 'lang="fr"' in nav
    body = "\n".join(epub.values())
    flat = re.sub(r"\s+", " ", pdf)
    for words in RUSSIAN_WORDS:
        assert words in body, words
        assert words in flat, words
    assert "révolte des canuts" in body           # the cp1252 source, decoded
    # French quotation marks and spacing (the source has English curly quotes)
    assert "«\u202fVivre en travaillant ou mourir en combattant\u202f»" in body
    assert "“Vivre" not in body and "“Vivre" not in flat
    assert "«\u202fVivre" in flat or "« Vivre" in flat.replace("\u202f", " ")
    assert "rapide\u00a0:" in body
    assert ". ," not in flat                      # the colophon with no edition or publisher


def test_the_image_is_a_figure_in_pdf_and_epub(second):
    dist = second / "dist"
    with zipfile.ZipFile(dist / f"{SLUG}.epub") as z:
        pngs = [n for n in z.namelist() if "images/" in n and n.endswith(".png")
                and "cover" not in n]
        assert pngs
        assert Image.open(io.BytesIO(z.read(pngs[0]))).size == (60, 40)
    assert 'alt="Un carré rouge sur fond blanc"' in "\n".join(_epub_texts(dist / f"{SLUG}.epub").values())
    sizes = [(img.image.size) for page in PdfReader(dist / f"{SLUG}.pdf").pages
             for img in page.images]
    assert (60, 40) in sizes


def test_the_theme_overrides_and_its_edit_rebuilds(second):
    dist = second / "dist"
    assert PdfReader(dist / f"{SLUG}.pdf").metadata["/Creator"] == THEME_MARK
    css = next(t for n, t in _epub_texts(dist / f"{SLUG}.epub").items() if n.endswith("book.css"))
    assert "theme v1" in css
    sheet = second / "theme" / "styles" / "epub" / "book.css"
    sheet.write_text(sheet.read_text().replace("theme v1", "theme v2"))
    proc = run_build("epub", "--quiet", cwd=second)
    assert proc.returncode == 0, proc.stderr
    css = next(t for n, t in _epub_texts(dist / f"{SLUG}.epub").items() if n.endswith("book.css"))
    assert "theme v2" in css and "theme v1" not in css


def _words(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "", text)          # a word hyphenated at a line end
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def _first_book_phrases() -> set[str]:
    """Runs of five words from the first book's own texts (its settings and
    preface), and its title, subtitle, editor and keywords whole."""
    data = yaml.safe_load((ROOT / "manuscript" / "book.yaml").read_text(encoding="utf-8"))
    texts = [data["title"], data["subtitle"], data["description"], data["rights"],
             data["print"]["blurb"]]
    texts += [q for s in data["packets"]["sessions"] for q in [s["title"], *s["questions"]]]
    for front in (ROOT / "manuscript" / "front").glob("*.md"):
        texts.append(front.read_text(encoding="utf-8").split("---", 2)[-1])
    phrases = {_words(t).strip() for t in (data["title"], data["subtitle"], data["editor"],
                                           *data["keywords"])}
    for text in texts:
        words = _words(text).split()
        phrases.update(" ".join(words[i:i + 5]) for i in range(len(words) - 4))
    return phrases


def test_no_text_of_the_first_book_in_any_output(second):
    dist = second / "dist"
    outputs = {p.name: _pdf_text(p) for p in _pdfs(dist)}
    outputs.update(_epub_texts(dist / f"{SLUG}.epub"))
    outputs[f"{SLUG}.md"] = (dist / f"{SLUG}.md").read_text(encoding="utf-8")
    phrases = _first_book_phrases()
    assert len(phrases) > 200 and "red october and after" in phrases
    for name, text in outputs.items():
        words = _words(re.sub(r"<[^>]+>", " ", text))
        found = sorted(p for p in phrases if f" {p} " in words)
        assert not found, f"{name} carries the first book's words: {found[:5]}"


def test_new_refuses_a_folder_that_is_not_empty(second):
    proc = run_build("new", str(second))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "not empty" in proc.stderr
    assert (second / "sources" / "canuts.txt").is_file()


def test_book_from_anywhere_by_folder(second, tmp_path):
    proc = run_build("check", "--book", str(second), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run_build("check", cwd=tmp_path)         # no book.yaml here, but a checkout's
    assert proc.returncode == 0, proc.stderr         # manuscript/ is the default

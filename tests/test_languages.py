"""A book's language (book.yaml ``language:``, or a sidecar's for one
chapter) picks its quotation marks, its labels and its hyphenation.

The quotation marks are checked on strings written out by hand, one
language at a time (templates/labels/<lang>.yaml ``quotes:``); then a
small French book, with one German chapter, is built for real: its
manuscript has « » with narrow no-break spaces and „ “ in the German
chapter, its EPUB and PDF carry French labels and ``lang`` attributes,
and the PDF's hyphenated words break where the French dictionary allows.
"""

from __future__ import annotations

import shutil
import zipfile
from types import SimpleNamespace

import pyphen
import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build
from pressroom.doctree import pandoc as P
from pressroom.settings.labels import quote_style, text_language
from pressroom.transforms.typography import punctuation_spaces, quotes, quotes_text

NNBSP = "\u202f"
SENTENCES = {
    "en": ('He said "she wrote \'no\' to them" and left; it\'s the workers\' hall.',
           "He said “she wrote ‘no’ to them” and left; it’s the workers’ hall."),
    "fr": ('Il dit "elle a écrit \'non\' hier" puis l\'a quitté.',
           f"Il dit «{NNBSP}elle a écrit “non” hier{NNBSP}» puis l’a quitté."),
    "de": ('Er sagte "sie schrieb \'nein\' gestern" und ging.',
           "Er sagte „sie schrieb ‚nein‘ gestern“ und ging."),
    "ru": ('Он сказал "она написала \'нет\' вчера" и ушёл.',
           "Он сказал «она написала „нет“ вчера» и ушёл."),
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_straight_and_nested_quotes_in_each_language(lang):
    raw, want = SENTENCES[lang]
    assert quotes_text(raw, style=quote_style(lang)) == want
    assert quotes_text(want, style=quote_style(lang)) == want      # normalising again: no change


@pytest.mark.parametrize("raw, want", [
    ("“Oui”, dit-il.", f"«{NNBSP}Oui{NNBSP}», dit-il."),              # English curly marks re-read
    ("« Oui », dit-il.", f"«{NNBSP}Oui{NNBSP}», dit-il."),             # a plain space: the narrow one
    ("«\u00a0Oui\u00a0»", f"«{NNBSP}Oui{NNBSP}»"),
    ("aujourd'hui l'homme", "aujourd’hui l’homme"),                   # apostrophes stay ’
], ids=["curly", "spaced", "nbsp", "apostrophes"])
def test_french_marks(raw, want):
    assert quotes_text(raw, style=quote_style("fr")) == want


def test_a_region_takes_its_language_and_an_unknown_one_english():
    assert quote_style("fr-CA") == quote_style("fr")
    assert quote_style("xx") == quote_style("en")


def test_a_sidecar_language_wins_over_the_book():
    assert text_language({"language": "fr"}, {"language": "de"}) == "de"
    assert text_language({"language": "fr"}, {"id": "a"}) == "fr"
    assert text_language(None, None) == "en"


def test_the_quotes_transform_uses_the_source_language():
    doc = P.document([P.Para(P.inlines('"ja"'))])
    ctx = SimpleNamespace(config=SimpleNamespace(data={"language": "fr"}),
                          source=SimpleNamespace(meta={"language": "de"}))
    assert quotes(doc, ctx)["blocks"] == [P.Para([{"t": "Str", "c": "„ja“"}])]
    ctx.source.meta = {}
    assert quotes(doc, ctx)["blocks"] == [P.Para([{"t": "Str", "c": f"«{NNBSP}ja{NNBSP}»"}])]


NBSP = "\u00a0"


@pytest.mark.parametrize("raw, want", [
    ("Il dit : oui ; non ! Quoi ?", f"Il dit{NBSP}: oui{NNBSP}; non{NNBSP}! Quoi{NNBSP}?"),
    ("Vraiment?!", f"Vraiment{NNBSP}?!"),
    ("« Oui » ; puis", f"« Oui »{NNBSP}; puis"),
    ("à 10:30, voir https://exemple.org/a?b", "à 10:30, voir https://exemple.org/a?b"),
], ids=["each-mark", "two-marks", "after-a-quote", "times-and-addresses"])
def test_french_spaces_before_punctuation(raw, want):
    ctx = SimpleNamespace(config=SimpleNamespace(data={"language": "fr"}),
                          source=SimpleNamespace(meta={}))
    doc = P.document([P.Para([{"t": "Str", "c": raw}])])
    out = "".join(n["c"] if n["t"] == "Str" else " " for n in punctuation_spaces(doc, ctx)["blocks"][0]["c"])
    assert out == want
    again = punctuation_spaces(P.document([P.Para([{"t": "Str", "c": out}])]), ctx)
    assert again["blocks"][0]["c"] == [{"t": "Str", "c": out}]


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_no_space_before_punctuation_in_other_languages(lang):
    ctx = SimpleNamespace(config=SimpleNamespace(data={"language": lang}),
                          source=SimpleNamespace(meta={}))
    doc = P.document([P.Para(P.inlines("Yes: no; what?"))])
    assert punctuation_spaces(doc, ctx) == doc


# --- a French book, built --------------------------------------------------

LONG = ("Les établissements typographiques départementaux communiquent "
        "régulièrement leurs renseignements bibliographiques, et les imprimeries "
        "universitaires transmettent méthodiquement leurs perfectionnements "
        "technologiques aux bibliothèques municipales et internationales. ")
FRENCH = ("Les imprimeries\n\n"
          "Le rapporteur répondit \"la commission a écrit 'non' hier\" et partit.\n\n"
          "La question demeure : pourquoi ? Personne ne le sait ; voilà tout !\n\n"
          + "\n\n".join(LONG * 3 for _ in range(4)) + "\n")
NOUNS = ("Die Landesversicherungsanstalten veröffentlichen Verwaltungsberichte über "
         "Rentenversicherungsbeiträge, Unfallverhütungsvorschriften und "
         "Krankenversicherungsleistungen der Bundesländer. ")
GERMAN = ("Ein Bericht\n\n"
          "Der Redner sagte \"die Kommission schrieb 'nein' gestern\" und ging.\n\n"
          + "\n\n".join(NOUNS * 3 for _ in range(3)) + "\n")


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("french")
    book = tmp / "manuscript"
    shutil.copytree(ROOT / "tests" / "bad_inputs" / "base", book)
    (book / "sources" / "delta.txt").write_text(FRENCH, encoding="utf-8")
    (book / "sources" / "delta.yaml").write_text(
        "id: delta\ntitle: Les imprimeries\nauthor: null\ndate: 2020\n", encoding="utf-8")
    (book / "sources" / "epsilon.txt").write_text(GERMAN, encoding="utf-8")
    (book / "sources" / "epsilon.yaml").write_text(
        "id: epsilon\ntitle: Ein Bericht\nauthor: null\ndate: 2021\nlanguage: de\n",
        encoding="utf-8")
    yaml_path = book / "book.yaml"
    text = yaml_path.read_text(encoding="utf-8").replace("language: en", "language: fr")
    text = text.replace("  - sources/gamma.md\n",
                        "  - sources/gamma.md\n  - sources/delta.txt\n  - sources/epsilon.txt\n")
    yaml_path.write_text(text, encoding="utf-8")
    dist = tmp / "dist"
    proc = run_build("manuscript", "pdf", "epub", "--book", str(yaml_path), "--dist", str(dist),
                     "--jobs", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return dist


def test_the_manuscript_has_each_chapter_s_quotes(french):
    text = (french / "small-book.md").read_text(encoding="utf-8")
    assert f"«{NNBSP}la commission a écrit “non” hier{NNBSP}»" in text
    assert "„die Kommission schrieb ‚nein‘ gestern“" in text
    assert f"demeure{NBSP}: pourquoi{NNBSP}? Personne ne le sait{NNBSP}; voilà tout{NNBSP}!" in text


def _epub(french, suffix: str) -> str:
    with zipfile.ZipFile(french / "small-book.epub") as z:
        return z.read(next(n for n in z.namelist() if n.endswith(suffix))).decode("utf-8")


def test_the_epub_is_french_with_a_german_chapter(french):
    nav, opf = _epub(french, "nav.xhtml"), _epub(french, ".opf")
    assert "Table des matières" in nav and 'aria-label="Repères"' in nav
    assert 'aria-label="Pages de l’édition imprimée"' in nav
    assert "<dc:language>fr</dc:language>" in opf
    assert 'xml:lang="fr"' in _epub(french, "delta.xhtml")
    german = _epub(french, "epsilon.xhtml")
    assert 'lang="de"' in german and 'xml:lang="de"' in german
    title = _epub(french, "titlepage.xhtml")
    assert 'aria-label="Colophon"' in title and "Identifiant\u00a0:" in title
    assert "Identifier" not in title and "With texts by" not in title


def test_the_pdf_is_french(french):
    reader = PdfReader(str(french / "small-book.pdf"))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    for label in ("Table des matières", "Glossaire", "Droits", "Caractères", "Composé en EB Garamond"):
        assert label in text, label
    for english in ("Contents", "Rights", "Typefaces", "Set in EB Garamond"):
        assert english not in text, english
    assert str(reader.trailer["/Root"].get("/Lang")) == "fr"


def test_german_nouns_in_a_french_book_break_without_a_warning(french):
    """The German chapter's nouns may break (its own language says so), and
    the proof does not call them broken names: the French book's rule is
    not theirs."""
    from pressroom.builders.pdf import pdflines
    lines = [ln.text for _, page in sorted(pdflines.read(french / "small-book.pdf").items())
             for ln in page]
    nouns = [w for w in NOUNS.replace(",", "").replace(".", "").split() if w[:1].isupper()]
    broken = [ln.rsplit(" ", 1)[-1] for ln in lines if ln.endswith("\u2010")
              and any(n.startswith(ln.rsplit(" ", 1)[-1][:-1]) for n in nouns)
              and ln.rsplit(" ", 1)[-1][:1].isupper()]
    assert broken, "no German noun broken: the test text does not bite"
    report = (french / "report.html").read_text(encoding="utf-8")
    assert not any("capital" in line and word[:-1] in line
                   for line in report.splitlines() for word in broken), broken


def test_the_pdf_hyphenates_by_the_french_dictionary(french):
    """Every word broken in the French chapter breaks where pyphen's French
    dictionary allows, and some break where the English one would not."""
    from pressroom.builders.pdf import pdflines
    fr, en = pyphen.Pyphen(lang="fr"), pyphen.Pyphen(lang="en")
    lines = [ln.text for _, page in sorted(pdflines.read(french / "small-book.pdf").items())
             for ln in page]
    breaks = []
    for line, nxt in zip(lines, lines[1:]):
        if line.endswith("\u2010") and nxt:
            head = line[:-1].rsplit(" ", 1)[-1]
            tail = nxt.split(" ", 1)[0].rstrip(".,;")
            if (head + tail).isalpha() and (head + tail).lower() in LONG.lower():
                breaks.append((head + tail, len(head)))
    assert len(breaks) >= 3, breaks
    for word, at in breaks:
        assert at in fr.positions(word), (word, at)
    assert any(at not in en.positions(word) for word, at in breaks), breaks

"""A broken book.yaml gives one clear line naming file and key, exit 2."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_build


@pytest.fixture
def project(tmp_path):
    """A scratch copy of manuscript/ to break."""
    shutil.copytree(ROOT / "manuscript", tmp_path / "manuscript")
    return tmp_path / "manuscript"


def _break(book_yaml, old, new):
    text = book_yaml.read_text(encoding="utf-8")
    assert old in text
    book_yaml.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "unknown key": ("title: ", "titel: ", r"book.yaml:\d+: unknown key 'titel'"),
    "wrong type": ("language: en", "language: [en, fr]", r"book.yaml:\d+: 'language' must be text"),
    "missing file": ("sources/legacy-of-leon-trotsky-part-1.txt",
                     "sources/no-such-text.txt",
                     r"book.yaml:\d+: source file not found: no-such-text.txt"),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_book_yaml(project, tmp_path, case):
    old, new, pattern = CASES[case]
    book_yaml = project / "book.yaml"
    _break(book_yaml, old, new)
    proc = run_build("manuscript", "--book", str(book_yaml),
                     "--dist", str(tmp_path / "dist"), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    import re
    assert re.search(pattern, lines[0]), lines[0]
    assert not (tmp_path / "dist").exists()


# --- settings checked when they load (issue 13, issue 14's settings side) ---
# On a copy of the small test book: every mistake a build could hit is one
# line from ``check`` (file:line where there is one), exit 2, before any
# layout, and an existing dist/ is left exactly as it was.

import os
import re

BASE = ROOT / "tests" / "bad_inputs" / "base"
PACKETS = """
packets:
  sessions:
    - name: {name}
      title: A session
      chapters: {chapters}
      {extra}
      questions: ["One?", "Two?", "Three?", "Four?"]
"""


def packets(name="first", chapters="[alpha]", extra=""):
    return ("append", "book.yaml", PACKETS.format(name=name, chapters=chapters, extra=extra))


SETTINGS_CASES = {
    "slug climbing out": ([("replace", "book.yaml", "slug: small-book", "slug: ../../front/preface")],
                          r"book.yaml:9: slug '../../front/preface' is not a safe name"),
    "absolute slug": ([("replace", "book.yaml", "slug: small-book", "slug: /abs/x")],
                      r"book.yaml:9: slug '/abs/x' is not a safe name"),
    "chapter id climbing out": ([("replace", "sources/alpha.yaml", "id: alpha", "id: ../../x")],
                                r"alpha.yaml:1: chapter id '../../x' is not a safe name"),
    "chapter id with a quote": ([("replace", "sources/alpha.yaml", "id: alpha", "id: al\"pha")],
                                r"alpha.yaml:1: chapter id 'al\"pha' is not a safe name"),
    "front matter id": ([("replace", "front/preface.md", "title: Preface", "title: Preface\nid: ../x")],
                        r"preface.md: front matter id '../x' is not a safe name"),
    "date far ahead": ([("replace", "book.yaml", "date: 2026-01-01", "date: 2200-01-01")],
                       r"book.yaml:10: date '2200-01-01' cannot be a build date \(use a date from 1980 to 2107\)"),
    "date before ZIP": ([("replace", "book.yaml", "date: 2026-01-01", "date: 1917-11-07")],
                        r"book.yaml:10: date '1917-11-07' cannot be a build date"),
    "no such day": ([("replace", "book.yaml", "date: 2026-01-01", "date: '2026-02-30'")],
                    r"book.yaml:10: .*date"),
    "no such month": ([("replace", "book.yaml", "date: 2026-01-01", "date: 2026-13")],
                      r"book.yaml:10: date '2026-13' is not a real date"),
    "complex key in book.yaml": ([("append", "book.yaml", "? [a, b]\n: c\n")],
                                 r"book.yaml:22: a key must be plain text"),
    "complex key in a sidecar": ([("append", "sources/alpha.yaml", "? {a: 1}\n: c\n")],
                                 r"alpha.yaml:5: a key must be plain text"),
    "signature not a multiple of 4": (
        [("append", "book.yaml", "print:\n  signature: 18\n")],
        r"book.yaml:23: print.signature must be a multiple of 4, not 18"),
    "packet names a missing chapter": ([packets(chapters="[alpha, no-such-chapter]")],
                                       r"book.yaml:27: packets.sessions\[1\] \(first\): no chapter 'no-such-chapter'"),
    "packet from a missing heading": ([packets(extra="from: no-such-heading")],
                                      r"book.yaml:28: packets.sessions\[1\] \(first\): from: no heading 'no-such-heading'"),
    "packet until before from": ([packets(extra="from: dual-power\n      until: dual-power")],
                                 r"book.yaml:29: .*'until' comes before 'from'"),
    "packet from/until over two chapters": ([packets(chapters="[alpha, beta]", extra="until: x")],
                                            r"book.yaml:28: .*from/until need exactly one chapter"),
    "packet name climbing out": ([packets(name="../../x")],
                                 r"book.yaml:25: packets.sessions\[1\].name '../../x' is not a safe name"),
    "chapter outside the book": ([("outside", "outside.txt", "Outside\n\nA text.\n"),
                                  ("outside", "outside.yaml", "id: outside\ntitle: Outside\n"),
                                  ("replace", "book.yaml", "sources/alpha.txt", "../outside.txt")],
                                 r"book.yaml:16: chapter '../outside.txt' is outside the book's folder"),
    "absolute chapter path": ([("replace", "book.yaml", "sources/alpha.txt", "/etc/passwd")],
                              r"book.yaml:16: chapter '/etc/passwd' is outside the book's folder"),
    "source symlink leaving the book": (
        [("outside", "outside.txt", "Outside\n\nA text.\n"),
         ("link", "sources/alpha.txt", "../../outside.txt")],
        r"book.yaml:16: chapter 'sources/alpha.txt' is outside the book's folder \(through a symlink\)"),
    "sidecar symlink leaving the book": (
        [("outside", "outside.yaml", "id: alpha\ntitle: Outside\n"),
         ("link", "sources/alpha.yaml", "../../outside.yaml")],
        r"book.yaml:16: sidecar 'sources/alpha.yaml' is outside the book's folder"),
    "glossary outside the book": ([("replace", "book.yaml", "glossary: glossary.yaml",
                                    "glossary: ../glossary.yaml"),
                                   ("outside", "glossary.yaml", "[]\n")],
                                  r"book.yaml:20: glossary file '../glossary.yaml' is outside the book's folder"),
    "front matter outside the book": ([("replace", "book.yaml", "front/preface.md", "/etc/hostname")],
                                      r"book.yaml:14: front matter file '/etc/hostname' is outside"),
}


def small_book(tmp_path, edits) -> tuple:
    book = tmp_path / "book" / "manuscript"
    shutil.copytree(BASE, book)
    for op, rel, *args in edits:
        target = book / rel
        if op == "replace":
            _break(target, *args)
        elif op == "append":
            target.write_text(target.read_text(encoding="utf-8") + args[0], encoding="utf-8")
        elif op == "outside":           # a file beside the book's folder
            (book.parent / rel).write_text(args[0], encoding="utf-8")
        elif op == "link":
            target.unlink()
            target.symlink_to(args[0])
    return book / "book.yaml"


def run_check(tmp_path, book_yaml, target="check", env=None):
    dist = tmp_path / "dist"
    dist.mkdir(exist_ok=True)
    (dist / "small-book.md").write_text("the previous build\n", encoding="utf-8")
    before = sorted((p.relative_to(dist), p.read_bytes()) for p in dist.rglob("*") if p.is_file())
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), target, "--book", str(book_yaml),
                           "--dist", str(dist), "--quiet"], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)
    after = sorted((p.relative_to(dist), p.read_bytes()) for p in dist.rglob("*") if p.is_file())
    return proc, before == after


@pytest.mark.parametrize("case", SETTINGS_CASES)
def test_settings_checked_at_load(tmp_path, case):
    edits, pattern = SETTINGS_CASES[case]
    proc, untouched = run_check(tmp_path, small_book(tmp_path, edits))
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr[-2000:]
    assert lines[0].startswith("error: ") and re.search(pattern, lines[0]), lines[0]
    assert untouched


def test_a_print_mistake_stops_the_print_build_before_layout(tmp_path):
    """The print build once failed only after laying out the PDF."""
    book_yaml = small_book(tmp_path, [("append", "book.yaml", "print:\n  signature: 18\n")])
    proc, untouched = run_check(tmp_path, book_yaml, target="print")
    assert proc.returncode == 2 and untouched
    assert "built" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_source_date_epoch_out_of_range(tmp_path):
    proc, untouched = run_check(tmp_path, small_book(tmp_path, []),
                                env={"SOURCE_DATE_EPOCH": "99999999999"})
    assert proc.returncode == 2 and untouched
    assert re.fullmatch(r"error: SOURCE_DATE_EPOCH=99999999999 is not a usable build date.*",
                        proc.stderr.strip())


@pytest.mark.parametrize("date,day", [("2026", "2026-01-01"), ("2026-01", "2026-01-01")])
def test_year_and_month_dates_work_in_every_command(tmp_path, date, day):
    """Documented as valid (README): they once crashed every command."""
    book_yaml = small_book(tmp_path, [("replace", "book.yaml", "date: 2026-01-01", f"date: {date}")])
    proc, _ = run_check(tmp_path, book_yaml)
    assert proc.returncode == 0, proc.stderr
    dist = tmp_path / "dist"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "manuscript", "epub",
                           "--book", str(book_yaml), "--dist", str(dist), "--quiet", "--jobs", "1"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"})
    assert proc.returncode == 0, proc.stderr
    import zipfile
    with zipfile.ZipFile(dist / "small-book.epub") as z:
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")
    assert f"<dc:date>{date}</dc:date>" in opf
    assert f'<meta property="dcterms:modified">{day}T00:00:00Z</meta>' in opf

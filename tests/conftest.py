"""Shared fixtures: the real book is built ONCE per test session.

``built`` runs the real command (``build.py all``) into a temporary dist/
and every output test reads from it; ``book`` is the in-memory Book (the
normalised, marked manuscript) for tests of the tree itself.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import os

import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis: CI cannot fail by chance (the same examples every run, none
# stored between runs); a local run searches wider, with the example
# database, and ``HYPOTHESIS_PROFILE=deep`` wider still.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, max_examples=40,
                                     deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=100, deadline=None)
hypothesis_settings.register_profile("deep", max_examples=1000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                                 or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
BOOK_YAML = ROOT / "manuscript" / "book.yaml"


def module_but_per_test_under_mutmut(fixture_name: str, config) -> str:
    """A module fixture's scope, made per test when mutmut runs the tests
    (``make mutation``): for each mutant, mutmut runs only the tests it saw
    calling the mutated function, and a fixture made once is seen by the
    first test alone, so the tests that check what the fixture made would
    never meet the mutant."""
    return "function" if "MUTANT_UNDER_TEST" in os.environ else "module"


@dataclass
class Built:
    dist: Path
    slug: str
    log: str

    def path(self, name: str) -> Path:
        return self.dist / name

    @property
    def pdf(self) -> Path:
        return self.dist / f"{self.slug}.pdf"

    @property
    def epub(self) -> Path:
        return self.dist / f"{self.slug}.epub"

    @property
    def manuscript(self) -> Path:
        return self.dist / f"{self.slug}.md"


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args],
                          cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="session")
def config():
    from pressroom.settings.config import load_book
    return load_book(BOOK_YAML)


@pytest.fixture(scope="session")
def book(config):
    from pressroom.pipeline import build_book
    return build_book(config)


@pytest.fixture(scope="session")
def built(tmp_path_factory, config) -> Built:
    dist = tmp_path_factory.mktemp("dist")
    proc = run_build("all", "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    return Built(dist=dist, slug=config.slug, log=proc.stderr)


@pytest.fixture(scope="session")
def pdf_pages(built) -> list[str]:
    """The text of every PDF page, in order."""
    from pypdf import PdfReader
    return [p.extract_text() or "" for p in PdfReader(built.pdf).pages]

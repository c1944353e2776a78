"""The normaliser on the real corpus (tests/corpus/, see SOURCES.md): each
text against the expectation written by reading its source
(tests/corpus/expect/NAME.yaml): headings and levels exact, notes exact
and attached where the source puts their marks, no boilerplate left, the
inline conventions kept, nothing lost. pressroom/tools/corpus.py holds
the checks and prints the same results as a scorecard (`make corpus`)."""

from __future__ import annotations

import pytest

from pressroom.tools import corpus

CASES = corpus.expectations()


def test_corpus_has_every_kind():
    kinds = " ".join(exp["kind"] for _, exp in CASES)
    assert len(CASES) >= 15
    for kind in ("Project Gutenberg plain text", "ISO-8859-1", "ASCII, CRLF", "Project Gutenberg HTML",
                 "Standard Ebooks", "endnotes", "Markdown", "Wikipedia", "magazine",
                 "marxists.org", "UTF-8 with BOM", "(*) and (+)"):
        assert kind in kinds, kind


@pytest.mark.parametrize("name,exp", CASES, ids=[n for n, _ in CASES])
def test_corpus_text(name, exp):
    result = corpus.check(name, exp)
    assert result.failures() == []

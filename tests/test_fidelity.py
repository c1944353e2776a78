"""Nothing lost: every source word is kept, changed or removed by a named
rule, on all five sources; normalising is deterministic and idempotent."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from pressroom.settings.config import load_source
from pressroom.doctree.ledger import words
from pressroom.pipeline import normalise
from pressroom.builders.manuscript import render_section_markdown
from test_normalise import SEEDS, SOURCES, seed


def key(word: str) -> str:
    """A word without its typography: letters and digits, folded."""
    w = unicodedata.normalize("NFKD", word).casefold()
    return re.sub(r"[^0-9a-z]", "", w.encode("ascii", "ignore").decode())


def keys(ws) -> Counter:
    return Counter(k for k in map(key, ws) if k)


@pytest.mark.parametrize("k", sorted(SEEDS))
def test_every_source_word_accounted_for(k):
    sec, ctx = seed(k)
    rep = ctx.report
    assert rep.unaccounted == 0
    assert rep.source_words == len(ctx.source_tokens) > 5000
    assert rep.accounted == rep.source_words
    assert rep.kept >= 0.9 * rep.source_words
    # every rule that changed or removed words has a name
    assert all(r and r != "<lambda>" for r in [*rep.changed, *rep.removed])


@pytest.mark.parametrize("k", sorted(SEEDS))
def test_no_word_lost_independently_of_the_ledger(k):
    """Checked on the words themselves, not the ledger's arithmetic: a source
    word missing from the output must be explained by a removing or
    changing rule's count."""
    sec, ctx = seed(k)
    rep = ctx.report
    src = keys(ctx.source_tokens)
    out = keys(words(sec.blocks[1:]))           # without the chapter heading
    missing = sum((src - out).values())
    explained = sum(rep.removed.values()) + sum(rep.changed.values())
    assert missing <= explained
    # and what a reader removed is really gone
    removed = keys(w for _, w in rep.removed_words)
    assert sum((removed - (src - out)).values()) <= sum(rep.changed.values())


def test_removals_are_the_named_artefacts():
    assert seed("000")[1].report.removed.keys() == {"toc", "metadata-line", "title-line"}
    assert set(seed("001")[1].report.removed) >= {"image-caption", "list-marker"}
    assert set(seed("002")[1].report.removed) >= {"toc", "web-artefact", "list-marker"}
    assert set(seed("003")[1].report.removed) >= {"subtitle-line", "web-artefact"}
    assert set(seed("004")[1].report.removed) >= {"metadata-line", "sidecar-drop"}


@pytest.mark.parametrize("k", ["003", "004"])
def test_deterministic(k):
    a = render_section_markdown(seed(k)[0])
    b = render_section_markdown(normalise(load_source(SOURCES / SEEDS[k]))[0])
    assert a == b


@pytest.mark.parametrize("k", sorted(SEEDS))
def test_idempotent(k, tmp_path):
    sec, _ = seed(k)
    md = render_section_markdown(sec)
    again = tmp_path / f"{sec.id}.md"
    again.write_text(md, encoding="utf-8")
    again.with_suffix(".yaml").write_text(f"id: {sec.id}\ntitle: '{sec.title}'\n",
                                          encoding="utf-8")
    sec2, ctx2 = normalise(load_source(again))
    assert render_section_markdown(sec2) == md
    assert not ctx2.report.changed - Counter({"structure": ctx2.report.changed["structure"]})

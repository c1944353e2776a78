"""tools/scalebook.py: the benchmark's 10x book is a valid book (book.yaml
and every sidecar load) with each chapter N times over under distinct ids,
the texts unchanged; the 1 MB text is the source repeated."""

from __future__ import annotations

from conftest import BOOK_YAML


def test_scaled_book_repeats_every_chapter_under_distinct_ids(tmp_path):
    from pressroom.settings.config import load_book
    from pressroom.tools.scalebook import make_scaled_book
    original = load_book(BOOK_YAML)
    scaled = load_book(make_scaled_book(BOOK_YAML.parent, tmp_path / "m", times=3))
    n = len(original.sources)
    assert len(scaled.sources) == 3 * n
    assert len({s.id for s in scaled.sources}) == 3 * n
    for k, src in enumerate(scaled.sources):
        first = original.sources[k % n]
        assert src.path.read_bytes() == first.path.read_bytes()
        assert (src.id == first.id) == (k < n)
    sessions = scaled.data["packets"]["sessions"]
    assert len(sessions) == 3 * len(original.data["packets"]["sessions"])
    assert len({s["name"] for s in sessions}) == len(sessions)


def test_scaled_book_passes_check(tmp_path):
    """Its packet sessions name headings of the copies (from/until), which
    ``check`` verifies on the normalised chapters."""
    from conftest import run_build
    from pressroom.tools.scalebook import make_scaled_book
    book_yaml = make_scaled_book(BOOK_YAML.parent, tmp_path / "m", times=2)
    done = run_build("check", "--book", str(book_yaml.parent))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ok:" in done.stdout + done.stderr


def test_scaled_index_has_an_entry_per_copy_limited_to_it(tmp_path):
    import yaml
    from pressroom.tools.scalebook import make_scaled_book
    book_yaml = make_scaled_book(BOOK_YAML.parent, tmp_path / "m", times=3)
    original = yaml.safe_load((BOOK_YAML.parent / "index.yaml").read_text(encoding="utf-8"))
    scaled = yaml.safe_load((book_yaml.parent / "index.yaml").read_text(encoding="utf-8"))
    assert len(scaled) == 3 * len(original)
    assert len({e["heading"] for e in scaled}) == len(scaled)
    chapter_sets = {}
    for e in scaled:
        if not e.get("see"):
            chapter_sets.setdefault(e["heading"].rsplit(" (", 1)[0], []).append(set(e["chapters"]))
    for heading, sets in chapter_sets.items():     # the copies' chapters never overlap
        assert all(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1:]), heading

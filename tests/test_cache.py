"""The cache's rules: an edition's key follows only what it uses; the
chapter cache re-normalises only the chapters whose inputs changed."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_build

BASE = ROOT / "tests" / "bad_inputs" / "base"


def test_target_key_follows_only_the_parts_it_uses():
    from pressroom.build.cache import target_key
    from pressroom.builders import Target
    t = Target("demo", "manuscript:build", "demo", uses=("config", "chapters"), files=())
    parts = {"config": "c", "front": "f", "chapters": "x", "glossary": "g", "index": "i"}
    key = target_key(t, parts, {}, "2026-01-01")
    assert target_key(t, {**parts, "glossary": "g2"}, {}, "2026-01-01") == key
    assert target_key(t, {**parts, "chapters": "x2"}, {}, "2026-01-01") != key
    assert target_key(t, parts, {}, "2026-01-02") != key
    assert target_key(t, parts, {"pdf": "k"}, "2026-01-01") != key


def test_canonical_is_order_free():
    from pressroom.build.cache import canonical
    assert canonical({"b": {3, 1, 2}, "a": 1}) == canonical({"a": 1, "b": {2, 3, 1}})


def test_chapter_cache_renormalises_only_the_edited_chapter(tmp_path, monkeypatch):
    from pressroom import pipeline
    from pressroom.build import chapters
    from pressroom.settings.config import load_book
    shutil.copytree(BASE, tmp_path / "manuscript")
    book_yaml = tmp_path / "manuscript" / "book.yaml"
    chapters.configure(tmp_path / "cache", jobs=1)
    try:
        first = chapters.normalise_sources(load_book(book_yaml))
        calls = []
        real = pipeline.normalise
        monkeypatch.setattr(pipeline, "normalise",
                            lambda src, cfg: calls.append(src.id) or real(src, cfg))
        src = tmp_path / "manuscript" / "sources" / "alpha.txt"
        src.write_text(src.read_text() + "\nAn added paragraph about the soviet.\n")
        again = chapters.normalise_sources(load_book(book_yaml))
    finally:
        chapters.configure(None)
    assert calls == ["alpha"]
    assert [s.id for s, _ in again] == [s.id for s, _ in first]
    assert again[1][0].blocks == first[1][0].blocks


def test_glossary_edit_reuses_the_chapters(tmp_path):
    shutil.copytree(BASE, tmp_path / "manuscript")
    book, dist = tmp_path / "manuscript" / "book.yaml", tmp_path / "dist"
    assert run_build("manuscript", "--book", str(book), "--dist", str(dist)).returncode == 0
    cached = {p.name: p.stat().st_mtime_ns for p in (dist / ".cache" / "chapters").iterdir()}
    gl = tmp_path / "manuscript" / "glossary.yaml"
    gl.write_text(gl.read_text().replace("A council of delegates", "A council of elected delegates"))
    proc = run_build("manuscript", "--book", str(book), "--dist", str(dist))
    assert proc.returncode == 0, proc.stderr
    assert {p.name: p.stat().st_mtime_ns
            for p in (dist / ".cache" / "chapters").iterdir()} == cached

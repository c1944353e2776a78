"""The finished Book's words and spaces shared (doctree/leaves.py)."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from pressroom.doctree import pandoc as P
from pressroom.doctree.book import Book, Section
from pressroom.doctree.ledger import words as ledger_words
from pressroom.doctree.leaves import Leaf, share_leaves


def _para(*texts: str) -> dict:
    inlines = []
    for n, text in enumerate(texts):
        if n:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": text})
    return {"t": "Para", "c": inlines}


def _tree() -> list:
    note = {"t": "Note", "c": [_para("the", "note")]}
    quote = {"t": "BlockQuote", "c": [_para("the", "quote"), {"t": "Para", "c": [
        {"t": "Emph", "c": [{"t": "Str", "c": "the"}, {"t": "SoftBreak"}, {"t": "Str", "c": "end"}]},
        {"t": "LineBreak"}]}]}
    para = _para("the", "word")
    para["c"].append(note)
    return [{"t": "Header", "c": [1, ["ch", [], []], [{"t": "Str", "c": "Title"}]]}, para, quote]


def _book(blocks: list, clean: list | None = None) -> Book:
    return Book(config=None, front=[], chapters=[Section("ch", "Title", blocks, clean_blocks=clean)])


def _nodes(tree, kind: str) -> list:
    found, stack = [], [tree]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(n)
        elif isinstance(n, dict):
            if n.get("t") == kind:
                found.append(n)
            stack.append(n.get("c"))
    return found


def test_equal_words_and_spaces_become_one_node_each_the_tree_reading_the_same():
    blocks = _tree()
    before = json.dumps(blocks)
    share_leaves(_book(blocks))
    assert json.dumps(blocks) == before
    the = [n for n in _nodes(blocks, "Str") if n["c"] == "the"]
    assert len(the) == 4 and len({id(n) for n in the}) == 1       # in notes and quotes too
    assert len({id(n) for n in _nodes(blocks, "Space")}) == 1
    texts = {n["c"] for n in _nodes(blocks, "Str")}
    assert len({id(n) for n in _nodes(blocks, "Str")}) == len(texts)
    assert all(type(n) is Leaf for kind in ("Str", "Space", "SoftBreak", "LineBreak")
               for n in _nodes(blocks, kind))
    assert type(blocks[1]) is dict and type(blocks[2]) is dict       # the blocks stay theirs


def test_the_unmarked_blocks_share_the_same_leaves():
    blocks, clean = _tree(), _tree()
    share_leaves(_book(blocks, clean))
    assert {id(n) for n in _nodes(blocks, "Str") if n["c"] == "word"} == \
        {id(n) for n in _nodes(clean, "Str") if n["c"] == "word"}


def test_a_shared_node_refuses_every_change():
    blocks = _tree()
    share_leaves(_book(blocks))
    leaf = _nodes(blocks, "Str")[0]
    for change in (lambda n: n.__setitem__("c", "x"), lambda n: n.__delitem__("c"),
                   lambda n: n.update(c="x"), lambda n: n.pop("c"), lambda n: n.popitem(),
                   lambda n: n.setdefault("x", 1), lambda n: n.clear()):
        with pytest.raises(TypeError, match="a shared Str node is read-only"):
            change(leaf)
    assert set(leaf) == {"t", "c"}


def test_pickled_and_copied_the_nodes_stay_shared_and_read_only():
    blocks = _tree()
    share_leaves(_book(blocks))
    back = pickle.loads(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == blocks
    the = [n for n in _nodes(back, "Str") if n["c"] == "the"]
    assert len({id(n) for n in the}) == 1 and type(the[0]) is Leaf
    assert copy.deepcopy(blocks) == blocks


def test_walkers_read_shared_nodes_as_any_node():
    plain = _tree()
    blocks = _tree()
    share_leaves(_book(blocks))
    assert P.words(blocks) == P.words(plain) and ledger_words(blocks) == ledger_words(plain)
    assert [n["t"] for n in P.iter_nodes(blocks)] == [n["t"] for n in P.iter_nodes(plain)]
    upper = P.walk(blocks, lambda n: {"t": "Str", "c": n["c"].upper()} if n["t"] == "Str" else None)
    assert P.words(upper) == [w.upper() for w in P.words(plain)]
    assert P.words(blocks) == P.words(plain)            # the shared nodes untouched


def test_a_node_holding_more_than_a_type_and_a_text_is_kept_whole():
    odd = [{"t": "Str", "c": "a", "x": 1}, {"t": "Str", "c": ["a"]}, {"t": "Str", "c": "a"},
           {"t": "Str", "c": "a", "x": 1}]
    share_leaves(_book([{"t": "Para", "c": odd}]))
    assert [type(n) for n in odd] == [dict, dict, Leaf, dict]
    assert odd[0] is not odd[3] and odd[0] == {"t": "Str", "c": "a", "x": 1}

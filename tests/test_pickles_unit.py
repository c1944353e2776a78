"""The cache's pickles (build/pickles.py): written streamed behind a
header whose checksum is the payload's, read back only if it matches."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from pressroom.build.pickles import FORMAT, CacheCorrupt, load_pickle, verify_pickle, write_pickle


def test_the_header_names_the_format_and_the_payloads_checksum(tmp_path):
    thing = {"chapters": [list(range(50_000)), "x" * 300_000], "shared": None}
    thing["shared"] = thing["chapters"]             # shared, as the Book's parts are
    path = tmp_path / "book.pickle"
    write_pickle(path, thing)
    head, payload = path.read_bytes().split(b"\n", 1)
    assert head == b"pressroom-cache %d %s" % (FORMAT, hashlib.sha256(payload).hexdigest().encode())
    assert pickle.loads(payload) == thing
    back = load_pickle(path)
    assert back == thing and back["shared"] is back["chapters"]
    assert [p.name for p in tmp_path.iterdir()] == ["book.pickle"]    # no temporary left


@pytest.mark.parametrize("damage", [lambda b: b[:-1], lambda b: b[:-2] + b"\x00" + b[-1:],
                                    lambda b: b.replace(b" %d " % FORMAT, b" 999 ", 1)])
def test_a_damaged_file_is_refused(tmp_path, damage):
    path = tmp_path / "x.pickle"
    write_pickle(path, ["some", "data"] * 1000)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(CacheCorrupt):
        verify_pickle(path)
    with pytest.raises(CacheCorrupt):
        load_pickle(path)


def test_an_unpicklable_object_leaves_the_file_before_it(tmp_path):
    path = tmp_path / "x.pickle"
    write_pickle(path, "before")
    with pytest.raises(Exception):
        write_pickle(path, ["fine", lambda: "not picklable"])
    assert load_pickle(path) == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pickle"]

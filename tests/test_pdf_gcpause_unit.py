"""builders/pdf/gcpause: the collector is off inside a layout and as it was after."""

from __future__ import annotations

import gc

import pytest

from pressroom.builders.pdf.gcpause import paused


@pytest.mark.parametrize("on_before", [True, False])
def test_paused_inside_and_restored_after(on_before):
    was = gc.isenabled()
    try:
        (gc.enable if on_before else gc.disable)()
        with paused():
            assert not gc.isenabled()
        assert gc.isenabled() is on_before
    finally:
        (gc.enable if was else gc.disable)()


def test_restored_when_the_layout_fails():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with paused():
            raise ValueError("layout failed")
    assert gc.isenabled()

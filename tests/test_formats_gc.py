"""Writers run with the cyclic garbage collector paused, and it is on again afterwards."""

from __future__ import annotations

import gc

import pytest

from deckmaker.formats import renderer, without_cycle_collection


def test_the_collector_is_paused_during_a_render_and_restored_after_it_even_on_error():
    seen = []

    def render(fail: bool) -> bytes:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("boom")
        return b"x"

    paused = without_cycle_collection(render)
    assert paused(False) == b"x" and gc.isenabled()
    with pytest.raises(ValueError):
        paused(True)
    assert gc.isenabled() and seen == [False, False]


def test_a_caller_that_paused_it_keeps_it_paused():
    gc.disable()
    try:
        without_cycle_collection(lambda: b"")()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_writer_is_handed_out_paused():
    assert all(getattr(renderer(name), "__wrapped__", None) for name in ("pdf", "pptx", "eml"))

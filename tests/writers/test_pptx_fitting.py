"""The planner's memoised text heights agree with measuring afresh."""

from __future__ import annotations

import pytest

from deckmaker import textfit
from deckmaker.inline import Span
from deckmaker.writers.pptx.elements import INSET_X, INSET_Y, Line, paras
from deckmaker.writers.pptx.fitting import Planner


def test_memoised_heights_match_textfit_at_every_size_width_and_inset(sample_doc):
    planner = Planner(sample_doc)
    lines = [Line((Span("Key judgments ", bold=True), Span("deterrence " * 12)), "lead"),
             Line((Span("alliance leverage " * 9),), "bullet"),
             Line((Span("note"),), "note")]
    for _ in range(2):  # the second round is answered from the memo
        for size in (14.0, 18.0, 24.0):
            for width, inset in ((300.0, (INSET_X, INSET_Y)), (600.0, (14.0, 8.4))):
                fresh = textfit.text_height(paras(lines, size), planner.fonts,
                                            width - 2 * inset[0]) + 2 * inset[1]
                assert planner.text_height(lines, size, width, inset) == pytest.approx(fresh)
                assert planner.text_height(lines[1:], size, width, inset) == pytest.approx(
                    textfit.text_height(paras(lines[1:], size), planner.fonts,
                                        width - 2 * inset[0]) + 2 * inset[1])


def test_cutting_lines_for_a_box_too_small_for_any_text_ends(sample_doc):
    """Each cut must shorten the line: "ab…" cut to 80 % plus its ellipsis was "ab…"
    again, and a narrow template's cover looped forever, gigabytes deep."""
    from deckmaker.inline import Span
    from deckmaker.writers.pptx.fitting import Item, Line, Planner

    planner = Planner(sample_doc)
    item = Item((Line((Span("abc"),)), Line((Span("a long line of words"),))), bullets=0)
    (cut,) = list(planner._shortened([item], lambda chunk, size: 1e9, 10, 12))
    assert all(len(line.spans[0].text) <= 3 for line in cut.lines)

"""Colour contrast (WCAG) helpers shared by the writers."""

from __future__ import annotations

import pytest

from deckmaker.colours import contrast_ratio, readable_on


def test_readable_on_darkens_only_what_lacks_aa_contrast():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#0F7B8A", "#EAF1F4") < 4.5  # the default accent on the BLUF shade
    darker = readable_on("#0F7B8A", "#EAF1F4")
    assert 4.5 <= contrast_ratio(darker, "#EAF1F4") < 4.9  # just dark enough
    assert readable_on("#1F2328", "#FFFFFF") == "#1F2328"  # already readable: unchanged
    assert readable_on("#FFFF00", "#FFFFFF") != "#FFFF00"

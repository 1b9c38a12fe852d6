"""Cross-references in number order, with runs of three or more compressed."""

from __future__ import annotations

from deckmaker.model import Reference
from deckmaker.references import in_order, runs


def _refs(*labels: str) -> list[Reference]:
    return [Reference(label, label.lower()) for label in labels]


def test_in_order_sorts_by_number_not_by_text_and_drops_repeats():
    assert [r.label for r in in_order(_refs("E10", "E2", "E1", "E2"))] == ["E1", "E2", "E10"]


def test_runs_of_three_or_more_are_one_group_shorter_ones_stay_single():
    groups = runs(_refs("E1", "E2", "E3", "E5", "E6", "E9"))
    assert [[r.label for r in g] for g in groups] == [["E1", "E2", "E3"], ["E5"], ["E6"], ["E9"]]


def test_different_prefixes_never_join_a_run():
    assert len(runs(_refs("A1", "B2", "C3"))) == 3

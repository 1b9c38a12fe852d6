"""Typographic punctuation in brief text, and the runs it never touches."""

from __future__ import annotations

import pytest

from deckmaker.typography import smarten


@pytest.mark.parametrize(("typed", "set_"), [
    ('He said "not aware".', "He said \u201cnot aware\u201d."),
    ("'not aware'", "\u2018not aware\u2019"),
    ("China's position", "China\u2019s position"),
    ("the 1990s' end", "the 1990s\u2019 end"),
    ('("quoted")', "(\u201cquoted\u201d)"),
    ("in 2018-2019", "in 2018\u20132019"),
    ("10-15% of pp. 4-7", "10\u201315% of pp. 4\u20137"),
    ("Kim - and Xi - met", "Kim \u2013 and Xi \u2013 met"),
    ("Kim -- and Xi", "Kim \u2013 and Xi"),
    ("Russia-North Korea", "Russia-North Korea"),  # a compound keeps its hyphen
])
def test_quotes_apostrophes_and_dashes(typed, set_):
    assert smarten(typed) == set_


@pytest.mark.parametrize("literal", [
    "https://example.org/a-b'c\"d", "mailto:a-b@example.org", "a.b-c@example.org",
    "`x = 'y'`", "{{ 'x' }}", "{% if a-b %}", "%(name)s", "<b title=\"x\">", "kj-1", "ev_12",
    "2024-01-02", "555-123-4567", "5 < 6 > 4", "R&D",
])
def test_addresses_ids_and_code_like_runs_print_as_typed(literal):
    assert smarten(f"see {literal} now") == f"see {literal} now"


def test_text_without_quotes_or_hyphens_is_returned_as_is():
    text = "Nothing to do here."
    assert smarten(text) is text

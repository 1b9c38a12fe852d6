"""Headlines are read like statements (DM101–DM106), a certain headline over a lower
likelihood is DM109, and past-tense modals are not hedges."""

from __future__ import annotations

import pytest

STATEMENT = "    statement: Beijing is likely to lose influence over Pyongyang.\n"
HEADLINE = "    headline: Beijing loses influence\n"


def headline(text: str) -> tuple[str, str]:
    return HEADLINE, f"    headline: {text}\n"


def statement(text: str) -> tuple[str, str]:
    return STATEMENT, f"    statement: {text}\n"


@pytest.mark.parametrize("code, text, expected", [
    ("DM101", "Beijing may lose influence",
     "brief.yaml:7:23: DM101 'may' is a vague hedge"),
    ("DM102", "Beijing probably loses influence",
     "brief.yaml:7:23: DM102 'probably' is not an ICD 203 likelihood term"),
    ("DM103", "Beijing probable to lose influence",
     "brief.yaml:7:23: DM103 'probable' is from row 2 of ICD 203"),
    ("DM104", "Beijing highly likely to lose influence",
     "brief.yaml:7:23: DM104 'highly likely' is a PHIA probability yardstick term"),
    ("DM105", "Beijing unlikely to keep influence",
     "brief.yaml:7:23: DM105 'unlikely' disagrees with 'likelihood: likely'; make the "
     "headline and the field say the same"),
    ("DM106", "High confidence Beijing likely loses influence",
     "brief.yaml:7:15: DM106 'High confidence' and 'likely' are in one sentence"),
])
def test_estimative_rules_read_headlines(findings, code, text, expected):
    found = findings(code, headline(text))
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize("code", ["DM101", "DM102", "DM103", "DM104", "DM105", "DM106"])
def test_a_plain_headline_draws_no_finding(findings, code):
    assert findings(code, headline("Beijing is losing influence over Pyongyang")) == []


@pytest.mark.parametrize("words, column", [
    ("will keep", 23), ("won't regain", 23), ("certainly keeps", 23),
    ("definitely keeps", 23), ("is going to keep", 23),
])
def test_dm109_flags_a_certain_headline_over_a_lower_likelihood(findings, words, column):
    assert findings("DM109", headline(f"Beijing {words} losing influence")) == [
        f"brief.yaml:7:{column}: DM109 '{words.rsplit(' ', 1)[0]}' reads as certain, but key "
        "judgment 'kj1' is 'likely'; say 'likely' in the headline instead"]


def test_dm109_accepts_certainty_when_the_judgment_is_almost_certain(findings):
    assert findings("DM109", headline("Beijing will keep losing influence"),
                    ("    likelihood: likely\n", "    likelihood: almost certain\n"),
                    statement("Beijing is almost certain to lose influence.")) == []


def test_dm109_needs_a_likelihood_and_ignores_will_as_a_noun(findings):
    assert findings("DM109", headline("Beijing will keep losing influence"),
                    ("    likelihood: likely\n", "")) == []
    assert findings("DM109", headline("Beijing lacks the political will to act")) == []


@pytest.mark.parametrize("past, present", [
    ("Houthi forces could not be deterred by US strikes in 2024.",
     "Houthi forces could not be deterred by US strikes next year."),
    ("Moscow couldn't supply enough shells last year.",
     "Moscow couldn't supply enough shells in the coming months."),
    ("Beijing could have stopped the transfers in 2023 but did not.",
     "Beijing could have leverage over Pyongyang."),
    ("The shipments might have been intercepted before they were delivered.",
     "The shipments might have been a turning point."),
])
def test_dm101_past_tense_modals_are_not_hedges_unless_about_the_future(findings, past,
                                                                       present):
    assert findings("DM101", statement(past)) == []
    found = findings("DM101", statement(present))
    assert len(found) == 1 and "is a vague hedge" in found[0], found


def test_dm101_a_later_year_makes_a_past_modal_a_forecast(findings):
    """The brief is dated 2025: 2027 is the future, 2024 the past."""
    assert findings("DM101", statement("Iran could not rebuild its stocks by 2027."))
    assert findings("DM101", statement("Iran could not rebuild its stocks in 2024.")) == []


def test_dm303_flags_a_figure_titled_with_a_label(findings):
    figure = ("    sources: [src1]\n", "    sources: [src1]\n    figure:\n      type: column\n"
              "      title: 'Figure 1: meetings per year'\n      categories: [2018, 2019]\n"
              "      series:\n        - name: Meetings\n          values: [4, 1]\n")
    assert findings("DM303", figure) == [
        "brief.yaml:17:14: DM303 the figure of evidence 'ev1' has a label for a title; write "
        "what the chart shows, e.g. 'Xi and Kim have not met since 2019'"]
    finding = (figure[0], figure[1].replace("'Figure 1: meetings per year'",
                                            "Xi and Kim have not met since 2019"))
    assert findings("DM303", finding) == []


@pytest.mark.parametrize("title, label", [
    ("Xi-Kim summit meetings per year", True),
    ("Russian oil deliveries to North Korea, 2023-2024", True),
    ("Fig. 2 - Trade volume vs. sanctions", True),
    ("Xi and Kim have not met since 2019", False),
    ("Oil deliveries doubled after the treaty", False),
    ("China dominates North Korea's trade", False),
    ("Trade is falling", False),
])
def test_a_label_is_a_title_without_a_verb(title, label):
    from deckmaker.check.rules.form import is_label

    assert is_label(title) is label

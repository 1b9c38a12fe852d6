"""Each YAML pitfall applied alone to the sample brief: its message on the line of the
mistake, exit 2, no traceback, nothing else reported."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deckmaker.cli import cli
from tests.conftest import SAMPLE

TEXT = SAMPLE.read_text("utf-8")
AUTHOR = "author: Northeast Asia Desk\n"          # line 8, a plain text value
DETAIL = "      growth of Kim's engagement with Putin.\n    sources: [boc-2025]\n"  # lines 81-82
SUPPLIES = "  - id: ev-troops-for-aid\n"        # line 91

# name -> (old, new, "line:column: message" expected)
CASES = {
    "a comment cuts the text": (
        AUTHOR, "author: Northeast Asia Desk #1 team\n",
        "8:29: author: text after '#' was read as a comment and dropped; put the whole text "
        "in quotes to keep it"),
    "a field swallowed by the folded text above": (
        DETAIL, "      growth of Kim's engagement with Putin.\n      sources: [boc-2025]\n",
        "82:7: evidence[1].detail: line 82 (\"sources: [boc-2025]\") is read as part of the "
        "text above; check its indentation"),
    "curly quotes from Word": (
        AUTHOR, "author: “Northeast Asia Desk”\n",
        "8:9: author: the text is wrapped in curly quotes (“…”), which YAML keeps as part of "
        "it; use straight double quotes (\"…\") or none"),
    "a non-breaking space in the indentation": (
        "    headline: Russia's embrace", "  \u00a0 headline: Russia's embrace",
        "32:3: the indentation holds a non-breaking space (U+00A0), which YAML does not count "
        "as a space; retype it as ordinary spaces"),
    "italic markup first": (
        AUTHOR, "author: *Northeast* Asia Desk\n",
        "8:9: author: a value starting with '*' is YAML syntax (an alias), not text; put the "
        "whole text in double quotes: author: \"*Northeast* Asia Desk\""),
    "a missing dash": (
        SUPPLIES, "    id: ev-troops-for-aid\n",
        "92:5: evidence[1].id: duplicate key 'id' (first set on line 74); did you forget '- ' "
        "to start a new item?"),
    "a near-miss term": (
        "    confidence: moderate\n    likelihood: very likely\n",
        "    confidence: medium\n    likelihood: very likely\n",
        "33:17: key_judgments[1].confidence: 'medium' is not one of: high, moderate, low; did "
        "you mean 'moderate'?"),
    "an anchor that would drop the first word": (
        AUTHOR, "author: &Desk and team\n",
        "8:9: author: a value starting with '&' is YAML syntax (an anchor), not text; put the "
        "whole text in double quotes: author: \"&Desk and team\""),
    "an ampersand first": (
        AUTHOR, "author: & partners\n",
        "8:9: author: a value starting with '&' is YAML syntax (an anchor), not text; put the "
        "whole text in double quotes: author: \"& partners\""),
    "an exclamation mark first": (
        AUTHOR, "author: !Desk\n",
        "8:9: author: a value starting with '!' is read as a YAML tag, not text; put the whole "
        "text in quotes"),
    "an at sign first": (
        AUTHOR, "author: @desk\n",
        "8:9: author: a value starting with '@' is YAML syntax (reserved), not text; put the "
        "whole text in double quotes: author: \"@desk\""),
    "a backtick first": (
        AUTHOR, "author: `desk`\n",
        "8:9: author: a value starting with '`' is YAML syntax (reserved), not text; put the "
        "whole text in double quotes: author: \"`desk`\""),
    "a percent sign first": (
        AUTHOR, "author: %desk\n",
        "8:9: author: a value starting with '%' is YAML syntax (a directive), not text; put the "
        "whole text in double quotes: author: \"%desk\""),
    "a zero-width space in the indentation": (
        "    headline: Russia's embrace", "  \u200b headline: Russia's embrace",
        "32:3: the indentation holds a zero-width space (U+200B), which YAML does not count as "
        "a space; retype it as ordinary spaces"),
    "a row-2 likelihood": (
        "    likelihood: very likely\n", "    likelihood: highly probable\n",
        "34:17: key_judgments[1].likelihood: 'highly probable' is not one of: almost no chance, "
        "very unlikely, unlikely, roughly even chance, likely, very likely, almost certain; did "
        "you mean 'very likely'?"),
    "the other scale's likelihood": (
        "    likelihood: very likely\n", "    likelihood: highly likely\n",
        "34:17: key_judgments[1].likelihood: 'highly likely' is not on the ICD 203 scale this "
        "brief uses; did you mean 'very likely'? (or set 'scale: phia')"),
    "the starter's placeholder left in": (
        AUTHOR, "author: Name of your team\n",
        "8:9: author: still the starter's placeholder text; write your brief's author"),
    "a day-first date": (
        "date: 2025-02-10\n", "date: 10/02/2025\n",
        "7:7: date: '10/02/2025' is not a real calendar date; write it as YYYY-MM-DD"),
    "an unambiguous day-first date": (
        "date: 2025-02-10\n", "date: 28/02/2025\n",
        "7:7: date: '28/02/2025' is not written as YYYY-MM-DD; write 2025-02-28"),
}


@pytest.mark.parametrize("name", CASES)
def test_each_pitfall_is_reported_on_its_line(name, tmp_path, monkeypatch):
    old, new, expected = CASES[name]
    assert TEXT.count(old) >= 1, old
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(TEXT.replace(old, new, 1), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: brief.yaml:{expected}"]
    assert "Traceback" not in result.output


def test_an_empty_bottom_line_says_to_write_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = TEXT.replace("bluf: >-\n", "bluf:\nsummary: >-\n", 1)
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 2
    assert "error: brief.yaml:18:6: bluf: expected text, got nothing; write the text after the " \
        "colon" in result.stderr.splitlines()
    assert "put it in quotes" not in result.stderr


@pytest.mark.parametrize("old, new", [
    # text in a block may start with an ideographic space (a Japanese paragraph)
    ("  with the United States sharpens.\n",
     "  with the United States sharpens.\n  \u3000全角スペースで始まる段落。\n"),
    # or with a word and a colon that is no field of its mapping, or one it already has
    ("  with the United States sharpens.\n",
     "  with the United States sharpens.\n  url: https://example.org/report has the text.\n"),
    ("      growth of Kim's engagement with Putin.\n",
     "      growth of Kim's engagement with Putin.\n      claim: as the source puts it.\n"),
    # quotes inside a value, a '#' that is no comment, a two-digit year left alone
    (AUTHOR, "author: “Desk” and “Team”\n"),
    (AUTHOR, "author: Desk#1 and https://example.org/#team\n"),
])
def test_ordinary_text_is_not_mistaken_for_a_pitfall(tmp_path, monkeypatch, old, new):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(TEXT.replace(old, new, 1), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 0, result.output


def test_a_date_with_a_two_digit_year_gets_no_guess(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(TEXT.replace("date: 2025-02-10", "date: 5 May 25", 1),
                                         "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.stderr.splitlines() == [
        "error: brief.yaml:7:7: date: '5 May 25' is not a real calendar date; write it as "
        "YYYY-MM-DD"]


def test_terms_in_capitals_are_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = TEXT.replace("    confidence: moderate\n    likelihood: very likely\n",
                        "    confidence: Moderate\n    likelihood: Very Likely\n", 1)
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    assert CliRunner().invoke(cli, ["validate", "brief.yaml"]).exit_code == 0


def test_every_brief_in_the_repo_still_validates():
    briefs = sorted(SAMPLE.parent.glob("*.yaml"))
    result = CliRunner().invoke(cli, ["validate", *map(str, briefs)])
    assert result.exit_code == 0, result.output

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
        "91:5: evidence[1].id: duplicate key 'id' (first set on line 74); did you forget '- ' "
        "to start a new item?"),
    "a near-miss term": (
        "    confidence: moderate\n    likelihood: very likely\n",
        "    confidence: medium\n    likelihood: very likely\n",
        "33:17: key_judgments[1].confidence: 'medium' is not one of: high, moderate, low; did "
        "you mean 'moderate'?"),
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


def test_every_brief_in_the_repo_still_validates():
    briefs = sorted(SAMPLE.parent.glob("*.yaml"))
    result = CliRunner().invoke(cli, ["validate", *map(str, briefs)])
    assert result.exit_code == 0, result.output

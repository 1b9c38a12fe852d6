"""Hostile briefs (issue 18's brief class): each is refused by ``deckmaker build`` with
exit 2 and one located sentence, writes nothing, never says "internal error", and is
answered within seconds. The brief-reading half of the red-team corpus: text that should
never reach an output, numbers and dates no output can hold, ids that would share a link
target, and files that are not briefs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deckmaker.cli import cli
from tests.conftest import SAMPLE

TEXT = SAMPLE.read_text("utf-8")
VALUES = "values: [4, 1, 0, 0, 0, 0, 0]"
FIGURE_SOURCE = "      source: boc-2025\n"


def _swap(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


AUTHOR = "author: Northeast Asia Desk"
TITLE = 'title: "Moscow'
MARKING = "marking: TLP:CLEAR"
ZWSP_HINT = "(it makes text that looks the same differ); delete it"

# name -> (brief text, the one expected line after "error: brief.yaml:")
CASES: dict[str, tuple[str, str]] = {
    "escape ESC in a value": (
        _swap(AUTHOR, 'author: "Desk\\e]0;pwned\\a"'),
        "8:9: author: control character U+001B (written as an escape) is not allowed; "
        "delete it"),
    "escape NEL (C1) in a value": (
        _swap(AUTHOR, 'author: "Desk\\N next"'),
        "8:9: author: control character U+0085 (written as an escape) is not allowed; "
        "delete it"),
    "escape DEL in a value": (
        _swap(AUTHOR, 'author: "Desk\\x7f"'),
        "8:9: author: control character U+007F (written as an escape) is not allowed; "
        "delete it"),
    "escape NUL in a value": (
        _swap(AUTHOR, 'author: "Desk\\0"'),
        "8:9: author: control character U+0000 (written as an escape) is not allowed; "
        "delete it"),
    "escape CR LF Bcc in a value": (
        _swap(AUTHOR, 'author: "Desk\\r\\nBcc: evil@example.org"'),
        "8:9: author: control character U+000D (written as an escape) is not allowed; "
        "delete it"),
    "right-to-left override in the title": (
        _swap(TITLE, 'title: "\u202eMoscow'),
        "5:8: title: the direction control U+202E is not allowed here (it reorders what a "
        "reader sees); delete it"),
    "isolate in the marking": (
        _swap(MARKING, "marking: SECRET \u2067x\u2069"),
        "10:10: marking: the direction control U+2067 is not allowed here (it reorders what "
        "a reader sees); delete it"),
    "zero-width space in the title": (
        _swap(TITLE, 'title: "Mos\u200bcow'),
        f"5:8: title: the invisible character U+200B is not allowed here {ZWSP_HINT}"),
    "byte-order mark inside the marking": (
        _swap(MARKING, "marking: UNCLASSIFIED\ufeff"),
        f"10:10: marking: the invisible character U+FEFF is not allowed here {ZWSP_HINT}"),
    "encoded word in the title": (
        _swap(TITLE, "title: \"=?utf-8?q?x=0D=0ABcc:_evil@attacker.example?= Moscow"),
        "5:8: title: '=?utf-8?q?x=0D=0ABcc:_evil@attacker.example?= Moscow-Pyongya' "
        "holds text of the form '=?…?=', which mail programs decode as encoded header text "
        "instead of showing it; write it differently"),
    "figure value 1e308": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, 1.0e+308]"),
        "90:19: evidence[1].figure.series[1].values: values must lie between -1e15 and 1e15; "
        "give the figure a unit such as 'billion' instead"),
    "figure value -1e16": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, -1.0e+16]"),
        "90:19: evidence[1].figure.series[1].values: values must lie between -1e15 and 1e15; "
        "give the figure a unit such as 'billion' instead"),
    "figure value an integer of 400 digits": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, 1" + "0" * 400 + "]"),
        "90:38: evidence[1].figure.series[1].values[7]: values must lie between -1e15 and "
        "1e15; give the figure a unit such as 'billion' instead"),
    "figure value a denormal": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, 4.9e-324]"),
        "90:19: evidence[1].figure.series[1].values: values must be 0 or at least 1e-9 in "
        "size; give the figure a smaller unit instead"),
    "figure value nan": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, .nan]"),
        "90:19: evidence[1].figure.series[1].values: values must be ordinary numbers, not "
        ".nan or .inf"),
    "figure value -inf": (
        _swap(VALUES, "values: [4, 1, 0, 0, 0, 0, -.inf]"),
        "90:19: evidence[1].figure.series[1].values: values must be ordinary numbers, not "
        ".nan or .inf"),
    "brief dated 9999": (
        _swap("date: 2025-02-10", "date: 9999-12-31"),
        "7:7: date: 9999-12-31 is outside 1980-2107, the years a brief's files can be dated; "
        "check the year"),
    "brief dated 2108": (
        _swap("date: 2025-02-10", "date: 2108-01-01"),
        "7:7: date: 2108-01-01 is outside 1980-2107, the years a brief's files can be dated; "
        "check the year"),
    "brief dated 1979": (
        _swap("date: 2025-02-10", "date: 1979-12-31"),
        "7:7: date: 1979-12-31 is outside 1980-2107, the years a brief's files can be dated; "
        "check the year"),
    "figure source that does not exist": (
        _swap(FIGURE_SOURCE, "      source: boc-2052\n"),
        "91:15: evidence[1].figure.source: no sources item has id 'boc-2052'; did you mean "
        "'boc-2025'?"),
    "language as a locale name": (
        _swap("date: 2025-02-10", "language: en_US\ndate: 2025-02-10"),
        "7:11: language: 'en_US' is not a BCP 47 language tag; write en-US"),
    "language as a word": (
        _swap("date: 2025-02-10", "language: English\ndate: 2025-02-10"),
        "7:11: language: 'English' is not a BCP 47 language tag; write e.g. en, en-GB, fr, "
        "zh-Hans"),
    "tab-indented YAML": (
        _swap("  title: \"How the Russia", "\ttitle: \"How the Russia"),
        None),
    "nesting past the limit": (
        TEXT + "tags: " + "[" * 3000 + "]" * 3000 + "\n", None),
}


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> tuple[Result, float]:
    (tmp_path / "brief.yaml").write_text(content, "utf-8")
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["build", "brief.yaml", "--out", "out"])
    return result, time.monotonic() - start


def _nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_brief_is_refused_on_its_line_and_nothing_is_written(tmp_path, monkeypatch,
                                                                        name):
    content, expected = CASES[name]
    result, seconds = _run(tmp_path, monkeypatch, content)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: brief.yaml:")
    if expected is not None:
        assert lines[0] == f"error: brief.yaml:{expected}"
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert seconds < 5
    _nothing_written(tmp_path)


def test_ids_that_share_an_anchor_are_one_located_error_per_clash(tmp_path):
    from deckmaker.brief import load_brief
    from deckmaker.errors import InvalidInput

    text = _swap("  - id: ev-troops-for-aid\n", "  - id: EV_Troops-For-Aid\n    claim: x\n"
                                                 "  - id: ev-troops-for-aid\n")
    path = tmp_path / "brief.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_brief(path)
    assert [p.message for p in caught.value.problems] == [
        "evidence[3].id: 'ev-troops-for-aid' differs from 'EV_Troops-For-Aid' (evidence[2]) "
        "only in case or punctuation, so links to them would be confused; rename one"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_as_a_brief_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "brief.yaml")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "deckmaker", "validate", "brief.yaml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert time.monotonic() - start < 20
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: brief.yaml:1:1: this is not a regular file (a pipe "
                                     "or a device); give a brief saved as a file")

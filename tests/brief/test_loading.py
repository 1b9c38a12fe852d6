"""Bad briefs: each one gets exactly one located, one-line message and exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckmaker.brief import load_brief
from deckmaker.cli import cli
from deckmaker.errors import InvalidInput

VALID = """\
title: T
date: 2025-02-05
bluf: B
key_judgments:
  - id: kj-a
    statement: S
    evidence: [e1]
implications:
  - text: I
evidence:
  - id: e1
    claim: C
    sources: [s1]
sources:
  - id: s1
    title: Src
"""

FIGURE = """\
    figure:
      type: column
      title: Counts fell
      categories: [a, b]
      series:
        - name: n
          values: [1, 2]
"""

# name -> (file content, expected messages "line:col: text")
BAD_INPUTS: dict[str, tuple[str | bytes, list[str]]] = {
    "syntax error": (
        "title: [unclosed\n",
        ["2:1: YAML syntax error: did not find expected ',' or ']'; check indentation "
         "and quote text that contains ': ' or starts with a special character"]),
    "wrong type": (
        VALID + "subtitle: 5\n",
        ["17:11: subtitle: expected text, got number 5; put it in quotes"]),
    "yes/no surprise": (
        VALID.replace("title: T", "title: no"),
        ["1:8: title: expected text, got yes/no value false; put it in quotes"]),
    "bad enum": (
        VALID.replace("    statement: S\n", "    statement: S\n    confidence: extremely high\n"),
        ["7:17: key_judgments[1].confidence: 'extremely high' is not one of: high, moderate, low"]),
    "bad likelihood": (
        VALID.replace("    statement: S\n", "    statement: S\n    likelihood: probably\n"),
        ["7:17: key_judgments[1].likelihood: 'probably' is not one of: almost no chance, "
         "very unlikely, unlikely, roughly even chance, likely, very likely, almost certain"]),
    "bad date": (
        VALID.replace("2025-02-05", "2025-02-30"),
        ["2:7: date: '2025-02-30' is not a real calendar date; write it as YYYY-MM-DD"]),
    "missing field": (
        VALID.replace("bluf: B\n", ""),
        ["1:1: bluf: this field is required; add it"]),
    "missing nested field": (
        VALID.replace("    claim: C\n", ""),
        ["11:5: evidence[1].claim: this field is required; add it"]),
    "unknown key": (
        VALID.replace("key_judgments:", "key_judgements:"),
        ["4:1: key_judgements: unknown field 'key_judgements'; did you mean 'key_judgments'?"]),
    "dangling evidence reference": (
        VALID.replace("evidence: [e1]", "evidence: [ev1]"),
        ["7:16: key_judgments[1].evidence: no evidence item has id 'ev1'; did you mean 'e1'?"]),
    "dangling source reference": (
        VALID.replace("sources: [s1]", "sources: [press]"),
        ["13:15: evidence[1].sources: no sources item has id 'press'; add it under 'sources:'"]),
    "duplicate id": (
        VALID + "  - id: s1\n    title: Again\n",
        ["17:9: sources[2].id: duplicate id 's1'; ids must be unique, so rename one"]),
    "duplicate key": (
        VALID + "title: Again\n",
        ["17:1: title: duplicate key 'title' (first set on line 1); keep only one"]),
    "mismatched figure": (
        VALID.replace("    claim: C\n", "    claim: C\n    figure:\n      type: bar\n"
                      "      title: F\n      categories: [a, b, c]\n      series:\n"
                      "        - {name: s, values: [1, 2]}\n"),
        ["18:29: evidence[1].figure.series[1].values: has 2 values but there are 3 categories; "
         "give one value per category"]),
    "unsafe url": (
        VALID + "  - id: s2\n    title: X\n    url: javascript:alert(1)\n",
        ["19:10: sources[2].url: 'javascript:alert(1)' is not a web address; use one starting "
         "with https://"]),
    "mistyped tlp label": (
        VALID + "marking: 'TLP: amber'\n",
        ["17:10: marking: 'TLP: amber' is not written as TLP 2.0 asks; write TLP:AMBER "
         "(capitals, no spaces)"]),
    "tlp 1.0 label": (
        VALID + "marking: TLP:WHITE\n",
        ["17:10: marking: 'TLP:WHITE' is TLP 1.0; TLP 2.0 renamed it TLP:CLEAR, so write "
         "TLP:CLEAR"]),
    "url with a space": (
        VALID + "  - id: s2\n    title: X\n    url: https://example.org/a b\n",
        ["19:10: sources[2].url: 'https://example.org/a b' contains a space; write spaces in a "
         "web address as %20"]),
    "scale as a list": (
        VALID + "scale: [phia]\n",
        ["17:8: scale: ['phia'] is not one of: icd203, phia"]),
    "empty file": (
        "# only a comment\n", ["1:1: the file is empty; a brief needs at least a title"]),
    "top-level list": (
        "- title: T\n",
        ["1:1: the top level is a list; a brief must be a mapping of fields such as 'title:'"]),
    "python tag": (
        "title: !!python/object/apply:os.system [echo hi]\n",
        ["1:8: title: the tag !!python/object/apply:os.system is not allowed; briefs hold plain "
         "text, numbers, dates, lists and mappings only"]),
    "alias bomb": (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{chr(97 + i)}: &{chr(97 + i)} [{','.join(['*' + chr(96 + i)] * 9)}]\n"
                  for i in range(1, 9)),
        ["2:8: aliases (*name) are not allowed in briefs; write the value out in full"]),
    "oversized file": (
        "title: T\nbluf: " + "x" * (3 * 1024 * 1024) + "\n",
        ["1:1: the file is 3.0 MB; a brief may be at most 2 MB, so split it or remove "
         "embedded data"]),
    "binary garbage": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        ["1:1: this is a binary file, not a YAML brief; check the path"]),
    "not utf-8": (
        b"title: caf\xe9\n", ["1:1: the file is not UTF-8 text; save it as UTF-8"]),
    "control character": (
        VALID.replace("title: T", "title: T\x1b[0m"),
        ["1:9: control character U+001B is not allowed; delete it (it often comes from copy and "
         "paste)"]),
    "too many judgments": (
        VALID.replace("key_judgments:\n", "key_judgments:\n" + "  - statement: S\n" * 25),
        ["5:3: key_judgments: has 26 items; at most 25 are allowed"]),
    "not a number": (
        VALID.replace("    claim: C\n", "    claim: C\n    figure:\n      type: bar\n"
                      "      title: F\n      categories: [a]\n      series:\n"
                      "        - {name: s, values: [.nan]}\n"),
        ["18:29: evidence[1].figure.series[1].values: values must be ordinary numbers, "
         "not .nan or .inf"]),
    "utf-16 text": (
        "title: T\n".encode("utf-16"),
        ["1:1: the file is UTF-16 text; save it as UTF-8"]),
    "headline too long": (
        VALID.replace("    statement: S\n", "    statement: S\n    headline: " + "h" * 91 + "\n"),
        ["7:15: key_judgments[1].headline: is too long (91 characters; at most 90)"]),
    "comment cuts a title": (
        VALID.replace("title: T", "title: Tehran denies arming the group #1 supplier."),
        ["1:39: title: text after '#' was read as a comment and dropped; put the whole text in "
         "quotes to keep it"]),
    "line swallowed by a folded value": (
        VALID.replace("    claim: C\n    sources: [s1]\n",
                      "    claim: C\n    detail: >-\n      More detail.\n        sources: [s1]\n"),
        ["15:9: evidence[1].detail: line 15 (\"sources: [s1]\") is read as part of the text "
         "above; check its indentation"]),
    "curly quotes around a value": (
        VALID.replace("title: T", "title: “Tehran denies”"),
        ["1:8: title: the text is wrapped in curly quotes (“…”), which YAML keeps as part of it; "
         "use straight double quotes (\"…\") or none"]),
    "curly quotes that break the syntax": (
        VALID.replace("title: T", "title: “Tehran: no arms”"),
        ["1:8: title: curly quotes (“…) are not YAML quotes; use straight double quotes (\"…\") "
         "around the text, or none"]),
    "non-breaking space in the indentation": (
        VALID.replace("    claim: C", "\u00a0   claim: C"),
        ["12:1: the indentation holds a non-breaking space (U+00A0), which YAML does not count "
         "as a space; retype it as ordinary spaces"]),
    "zero-width space in the indentation": (
        VALID.replace("    claim: C", "  \u200b  claim: C"),
        ["12:3: the indentation holds a zero-width space (U+200B), which YAML does not count as "
         "a space; retype it as ordinary spaces"]),
    "value starting with *": (
        VALID.replace("title: T", "title: *Italic* title"),
        ["1:8: title: a value starting with '*' is YAML syntax (an alias), not text; put the "
         "whole text in double quotes: title: \"*Italic* title\""]),
    "value starting with &": (
        VALID.replace("    claim: C", "    claim: & more"),
        ["12:12: claim: a value starting with '&' is YAML syntax (an anchor), not text; put the "
         "whole text in double quotes: claim: \"& more\""]),
    "value starting with !": (
        VALID.replace("bluf: B", "bluf: !Urgent: act now"),
        ["3:7: bluf: a value starting with '!' is read as a YAML tag, not text; put the whole "
         "text in quotes"]),
    "value starting with @": (
        VALID.replace("bluf: B", "bluf: @desk says"),
        ["3:7: bluf: a value starting with '@' is YAML syntax (reserved), not text; put the whole "
         "text in double quotes: bluf: \"@desk says\""]),
    "value starting with a backtick": (
        VALID.replace("bluf: B", "bluf: `code` here"),
        ["3:7: bluf: a value starting with '`' is YAML syntax (reserved), not text; put the "
         "whole text in double quotes: bluf: \"`code` here\""]),
    "value starting with %": (
        VALID + "subtitle: %40 rise\n",
        ["17:11: subtitle: a value starting with '%' is YAML syntax (a directive), not text; put "
         "the whole text in double quotes: subtitle: \"%40 rise\""]),
    "missing dash before a list item": (
        VALID + "    id: s2\n    title: Another\n",
        ["17:5: sources[1].id: duplicate key 'id' (first set on line 15); did you forget '- ' to "
         "start a new item?"]),
    "near-miss confidence": (
        VALID.replace("    statement: S\n", "    statement: S\n    confidence: medium\n"),
        ["7:17: key_judgments[1].confidence: 'medium' is not one of: high, moderate, low; "
         "did you mean 'moderate'?"]),
    "row-2 likelihood": (
        VALID.replace("    statement: S\n", "    statement: S\n    likelihood: probable\n"),
        ["7:17: key_judgments[1].likelihood: 'probable' is not one of: almost no chance, "
         "very unlikely, unlikely, roughly even chance, likely, very likely, almost certain; "
         "did you mean 'likely'?"]),
    "other scale's likelihood": (
        VALID.replace("    statement: S\n", "    statement: S\n    likelihood: Highly Likely\n"),
        ["7:17: key_judgments[1].likelihood: 'highly likely' is not on the ICD 203 scale this "
         "brief uses; did you mean 'very likely'? (or set 'scale: phia')"]),
    "day-first date": (
        VALID.replace("date: 2025-02-05", "date: 31/12/2024"),
        ["2:7: date: '31/12/2024' is not written as YYYY-MM-DD; write 2024-12-31"]),
    "empty bluf": (
        VALID.replace("bluf: B", "bluf:"),
        ["3:6: bluf: expected text, got nothing; write the text after the colon"]),
    "starter placeholder left in": (
        VALID.replace("title: T", "title: Write your brief's main message as its title"),
        ["1:8: title: still the starter's placeholder text; write your brief's title"]),
    "figure source missing": (
        VALID.replace("    sources: [s1]\n", "    sources: [s1]\n" + FIGURE + "      source: s2\n"),
        ["21:15: evidence[1].figure.source: no sources item has id 's2'; add it under "
         "'sources:'"]),
    "figure value too large": (
        VALID.replace("    sources: [s1]\n",
                      "    sources: [s1]\n" + FIGURE.replace("[1, 2]", "[1, 2.0e+16]")),
        ["20:19: evidence[1].figure.series[1].values: values must lie between -1e15 and 1e15; "
         "give the figure a unit such as 'billion' instead"]),
    "figure value denormal": (
        VALID.replace("    sources: [s1]\n",
                      "    sources: [s1]\n" + FIGURE.replace("[1, 2]", "[1, 5.0e-324]")),
        ["20:19: evidence[1].figure.series[1].values: values must be 0 or at least 1e-9 in "
         "size; give the figure a smaller unit instead"]),
    "ids differing in case and punctuation": (
        VALID.replace("evidence: [e1]", "evidence: [Ev-1, ev_1]").replace(
            "  - id: e1\n    claim: C\n",
            "  - id: Ev-1\n    claim: C\n  - id: ev_1\n    claim: D\n"),
        ["13:9: evidence[2].id: 'ev_1' differs from 'Ev-1' (evidence[1]) only in case or "
         "punctuation, so links to them would be confused; rename one"]),
    "brief dated past the zip years": (
        VALID.replace("date: 2025-02-05", "date: 9999-01-01"),
        ["2:7: date: 9999-01-01 is outside 1980-2107, the years a brief's files can be dated; "
         "check the year"]),
    "language not a tag": (
        VALID + "language: English\n",
        ["17:11: language: 'English' is not a BCP 47 language tag; write e.g. en, en-GB, fr, "
         "zh-Hans"]),
    "bluf_short too long": (
        VALID + "bluf_short: " + "x" * 301 + "\n",
        ["17:13: bluf_short: is too long (301 characters; at most 300)"]),
}


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "brief.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


def test_the_valid_base_is_valid(tmp_path):
    assert load_brief(_write(tmp_path, VALID)).title == "T"


def test_terms_are_read_in_any_case(tmp_path):
    content = VALID.replace("    statement: S\n", "    statement: S\n    confidence: High\n"
                                                  "    likelihood: Very  Likely\n")
    judgment = load_brief(_write(tmp_path, content + "scale: ICD203\n")).key_judgments[0]
    assert (judgment.confidence, judgment.likelihood) == ("high", "very likely")


@pytest.mark.parametrize("line", [
    "title: 'Tehran #1 supplier'  # a quoted value keeps its text",
    "title: T\n# a comment on a line of its own",
    "title: T  # deckmaker: ignore DM101 -- a reviewer's note is not cut text",
])
def test_comments_that_cut_no_text_are_fine(tmp_path, line):
    content = VALID.replace("title: T", line).replace(
        "    statement: S\n", "    statement: S\n    confidence: high  # from the article\n")
    load_brief(_write(tmp_path, content))


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_reported_with_its_line(name, tmp_path, monkeypatch):
    content, expected = BAD_INPUTS[name]
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, content)
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: brief.yaml:{line}" for line in expected]
    assert "Traceback" not in result.output


def test_every_problem_is_collected_before_aborting(tmp_path):
    content = VALID.replace("title: T", "title: 7").replace("evidence: [e1]", "evidence: [x]")
    with pytest.raises(InvalidInput) as caught:
        load_brief(_write(tmp_path, content))
    assert [(p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        (1, "title"), (7, "key_judgments[1].evidence")]


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    # Nine levels of nine aliases would expand to 9**9 nodes; refusing at the first
    # alias means the file is handled like any other small file.
    bomb = BAD_INPUTS["alias bomb"][0]
    with pytest.raises(InvalidInput, match="aliases"):
        load_brief(_write(tmp_path, bomb))


def test_the_real_command_never_shows_a_traceback(tmp_path):
    path = _write(tmp_path, BAD_INPUTS["python tag"][0])
    result = subprocess.run([sys.executable, "-m", "deckmaker", "validate", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is not allowed" in result.stderr


def test_tabs_get_their_own_hint(tmp_path):
    with pytest.raises(InvalidInput, match="indent with spaces, not tabs"):
        load_brief(_write(tmp_path, "title: a\n\tbluf: x\n"))


def test_more_than_one_document_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match=r"more than one YAML document \(a second '---'\)"):
        load_brief(_write(tmp_path, "title: a\n---\ntitle: b\n"))


def test_quoted_dates_and_blank_optional_lists_are_fine(tmp_path):
    content = VALID.replace("date: 2025-02-05", 'date: "2025-02-05"') + "indicators:\ntags:\n"
    brief = load_brief(_write(tmp_path, content))
    assert brief.date.isoformat() == "2025-02-05"
    assert brief.indicators == [] and brief.tags == []


def test_line_breaks_in_titles_and_markings_fold_into_spaces(tmp_path):
    content = VALID.replace("title: T", "title: |\n  Two\n  lines") + 'marking: "A\\nB"\n'
    brief = load_brief(_write(tmp_path, content))
    assert (brief.title, brief.marking) == ("Two lines", "A B")

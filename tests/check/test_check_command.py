"""``deckmaker check``: output lines, JSON format, exit codes, rule selection, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckmaker.check import RULES, check_brief
from deckmaker.cli import cli
from tests.check.conftest import edited
from tests.conftest import SAMPLE

STATEMENT = "    statement: Beijing is likely to lose influence over Pyongyang.\n"
WARNING_ONLY = ("    confidence: moderate\n", "")                      # DM107, a warning
MISMATCH = (STATEMENT, "    statement: Beijing is unlikely to keep influence.\n")  # DM105, an error


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Write briefs into a temporary working folder and run ``deckmaker check`` there."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, briefs: dict[str, str] | None = None):
        for name, text in (briefs or {}).items():
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_text(text, encoding="utf-8")
        return CliRunner().invoke(cli, ["check", *args])

    return invoke


def test_sample_brief_is_clean_under_strict():
    assert check_brief(SAMPLE) == []
    result = CliRunner().invoke(cli, ["check", "--strict", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "✓ 1 brief checked: no findings"


def test_warnings_exit_0_and_fail_only_with_strict(run):
    briefs = {"a.yaml": edited(WARNING_ONLY)}
    result = run("a.yaml", briefs=briefs)
    assert (result.exit_code, result.stdout.splitlines()) == (0, [
        "a.yaml:5:5: DM107 key judgment 'kj1' has no confidence; add 'confidence: high', "
        "'moderate' or 'low'",
        "1 finding (0 errors, 1 warning) in 1 brief",
    ])
    assert run("--strict", "a.yaml").exit_code == 1


def test_errors_exit_1_without_strict(run):
    result = run("a.yaml", briefs={"a.yaml": edited(MISMATCH)})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("a.yaml:6:27: DM105 'unlikely' disagrees")


def test_select_and_ignore_take_codes_and_prefixes(run):
    briefs = {"a.yaml": edited(WARNING_ONLY, MISMATCH)}
    assert _codes(run("--select", "DM1", "--ignore", "DM105", "a.yaml", briefs=briefs)) == ["DM107"]
    assert _codes(run("--select", "dm105,DM107", "a.yaml")) == ["DM107", "DM105"]
    assert _codes(run("--ignore", "DM1", "a.yaml")) == []


def test_unknown_rule_code_is_invalid_input(run):
    result = run("--select", "DM999", "a.yaml", briefs={"a.yaml": edited()})
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: --select: no rule code starts with 'DM999'; codes "
                                     "run from DM000 to DM303 (see docs/checks.md)")


def test_invalid_brief_exits_2_with_the_located_problem(run):
    briefs = {"bad.yaml": edited(("    confidence: moderate\n", "    confidence: sure\n")),
              "good.yaml": edited(WARNING_ONLY)}
    result = run("bad.yaml", "good.yaml", briefs=briefs)
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0].startswith("good.yaml:5:5: DM107")
    assert result.stderr.strip() == ("error: bad.yaml:8:17: key_judgments[1].confidence: 'sure' "
                                     "is not one of: high, moderate, low")


def test_json_output_is_sorted_with_fixed_keys(run):
    briefs = {"b.yaml": edited(WARNING_ONLY, MISMATCH), "a/z.yaml": edited(WARNING_ONLY)}
    result = run("--format", "json", "b.yaml", "a", briefs=briefs)
    report = json.loads(result.stdout)
    assert list(report) == ["version", "findings", "summary"]
    assert report["version"] == 1
    assert [list(f) for f in report["findings"]] == \
        [["path", "line", "column", "code", "severity", "message"]] * 3
    assert [(f["path"], f["line"], f["column"], f["code"], f["severity"])
            for f in report["findings"]] == [
        ("a/z.yaml", 5, 5, "DM107", "warning"),
        ("b.yaml", 5, 5, "DM107", "warning"),
        ("b.yaml", 6, 27, "DM105", "error"),
    ]
    # version 1 stays: new keys only, the old ones keep their meaning
    assert report["summary"] == {"errors": 1, "warnings": 2, "info": 0, "ignored": 0}
    assert result.exit_code == 1
    assert run("--format", "json", "b.yaml", "a").stdout == result.stdout


HEDGE = (STATEMENT, "    statement: Beijing may lose influence.  "
                    "# deckmaker: ignore DM101 -- the minister's own hedge\n")


def test_ignored_findings_are_counted_and_listed_on_request(run):
    briefs = {"a.yaml": edited(HEDGE)}
    plain = run("--strict", "a.yaml", briefs=briefs)
    assert (plain.exit_code, plain.stdout.splitlines()) == (
        0, ["✓ 1 brief checked: no findings (1 ignored)"])
    shown = run("--show-ignored", "a.yaml")
    assert shown.stdout.splitlines() == [
        "a.yaml:6:24: DM101 'may' is a vague hedge; state how likely it is with an ICD 203 term "
        "such as 'likely', or state it as fact (ignored: the minister's own hedge)",
        "✓ 1 brief checked: no findings (1 ignored)"]
    report = json.loads(run("--format", "json", "a.yaml").stdout)
    assert report["summary"]["ignored"] == 1 and "ignored" not in report
    report = json.loads(run("--format", "json", "--show-ignored", "a.yaml").stdout)
    assert [(f["code"], f["line"], f["reason"]) for f in report["ignored"]] == [
        ("DM101", 6, "the minister's own hedge")]


def test_an_ignore_without_reason_fails_strict_and_silences_nothing(run):
    briefs = {"a.yaml": edited((STATEMENT, "    statement: Beijing may lose influence.  "
                                           "# deckmaker: ignore DM101\n"))}
    result = run("--strict", "a.yaml", briefs=briefs)
    assert result.exit_code == 1
    assert [line.split(": ")[1][:5] for line in result.stdout.splitlines()[:-1]] == [
        "DM101", "DM000"]
    assert result.stdout.splitlines()[-1] == "2 findings (0 errors, 2 warnings) in 1 brief"


def test_info_findings_are_counted_and_fail_nothing_even_strict(run):
    figure = ("    sources: [src1]\n", "    sources: [src1]\n    figure:\n      type: bar\n"
              "      title: Meetings per year\n      categories: [a]\n      series:\n"
              "        - {name: s, values: [1]}\n")
    result = run("--strict", "a.yaml", briefs={"a.yaml": edited(figure)})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == \
        "1 finding (0 errors, 0 warnings, 1 info) in 1 brief"


def test_every_rule_has_a_unique_code_in_its_family_and_a_summary():
    codes = [rule.code for rule in RULES]
    assert len(set(codes)) == len(codes) == 17
    assert all(rule.code[:3] in ("DM0", "DM1", "DM2", "DM3") and rule.summary for rule in RULES)


def test_docs_list_every_rule():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text("utf-8")
    for rule in RULES:
        assert f"| {rule.code} | `{rule.name}` | {rule.severity} |" in docs


def test_check_does_not_import_the_writers():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom deckmaker.cli import cli\n"
            f"CliRunner().invoke(cli, ['check', {str(SAMPLE)!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'pptx')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _codes(result) -> list[str]:
    return [line.split()[1] for line in result.stdout.splitlines() if ": DM" in line]


def test_briefs_of_the_same_name_in_two_folders_are_both_checked(run):
    briefs = {"a/brief.yaml": edited(), "b/brief.yaml": edited()}
    result = run("a/brief.yaml", "b/brief.yaml", briefs=briefs)
    assert result.exit_code == 0, result.output
    assert "2 briefs checked: no findings" in result.output

"""check_brief: located, sorted findings; invalid files become InvalidInput."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckmaker.brief import read_brief
from deckmaker.check import Finding, check_brief, runner
from deckmaker.errors import InvalidInput
from tests.check.conftest import edited

NO_CONFIDENCE = ("    confidence: moderate\n", "")
NO_DATE = ("    date: 2025-02-05\n", "")


def test_findings_are_sorted_by_line_then_column_then_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("b.yaml").write_text(edited(NO_DATE, NO_CONFIDENCE), encoding="utf-8")
    found = check_brief(Path("b.yaml"))
    assert [(f.line, f.column, f.code) for f in found] == [(5, 5, "DM107"), (17, 5, "DM204")]
    assert found[0].to_json() == {
        "path": "b.yaml", "line": 5, "column": 5, "code": "DM107", "severity": "warning",
        "message": "key judgment 'kj1' has no confidence; add 'confidence: high', 'moderate' "
                   "or 'low'"}


def test_invalid_brief_raises_located_invalid_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    phia_term = ("    likelihood: likely\n", "    likelihood: highly likely\n")
    Path("b.yaml").write_text(edited(phia_term), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"^b\.yaml:9:17: key_judgments\[1\]\.likelihood: "
                                           r"'highly likely' is not on the ICD 203 scale"):
        check_brief(Path("b.yaml"))


def test_checking_a_brief_already_read_gives_the_same_findings(tmp_path, monkeypatch):
    # build reads each brief once and checks what it read; the findings must not differ.
    monkeypatch.chdir(tmp_path)
    brief = Path("b.yaml")
    brief.write_text(edited(NO_CONFIDENCE), encoding="utf-8")
    findings = check_brief(brief)
    assert findings
    assert runner.check_loaded(*read_brief(brief)) == findings


def test_finding_prints_compiler_style():
    finding = Finding("a.yaml", 3, 7, "DM102", "'probably' is not ...", "warning")
    assert str(finding) == "a.yaml:3:7: DM102 'probably' is not ..."

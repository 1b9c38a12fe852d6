"""A small clean brief and a runner that edits it, checks it and returns finding lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckmaker.check import RULES, check_brief

# Line numbers matter: tests pin file:line:column. Values start at column 16 on
# the "    statement: " line (6) and column 7 on the "bluf: " line (3).
CLEAN_BRIEF = """\
title: Test brief
date: 2025-02-10
bluf: Beijing is losing leverage over Pyongyang.
key_judgments:
  - id: kj1
    statement: Beijing is likely to lose influence over Pyongyang.
    headline: Beijing loses influence
    confidence: moderate
    likelihood: likely
    evidence: [ev1]
evidence:
  - id: ev1
    claim: Russia supplies oil to North Korea.
    sources: [src1]
implications:
  - text: China has fewer tools to restrain Pyongyang.
sources:
  - id: src1
    title: A source
    date: 2025-02-05
    url: https://example.org/a
"""


def edited(*edits: tuple[str, str]) -> str:
    """CLEAN_BRIEF with each (old, new) replacement made once; old must be present."""
    text = CLEAN_BRIEF
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def findings(tmp_path, monkeypatch):
    """``findings(code, *edits)``: the lines rule ``code`` reports on the edited brief."""
    monkeypatch.chdir(tmp_path)

    def run(code: str, *edits: tuple[str, str]) -> list[str]:
        Path("brief.yaml").write_text(edited(*edits), encoding="utf-8")
        rules = [rule for rule in RULES if rule.code == code]
        assert rules, f"no rule {code}"
        return [str(f) for f in check_brief(Path("brief.yaml"), rules)]

    return run

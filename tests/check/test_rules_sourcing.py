"""DM2xx sourcing and traceability rules: each fires on one brief and stays quiet on another."""

from __future__ import annotations

SECOND_SOURCE = ("    url: https://example.org/a\n",
                 "    url: https://example.org/a\n  - id: src2\n    title: Another source\n")


def test_dm201_flags_a_judgment_without_evidence(findings):
    assert findings("DM201", ("    evidence: [ev1]\n", "    evidence: []\n")) == [
        "brief.yaml:10:15: DM201 key judgment 'kj1' cites no evidence; list evidence ids under "
        "'evidence:'",
    ]
    assert findings("DM201", ("    evidence: [ev1]\n", "")) == [
        "brief.yaml:5:5: DM201 key judgment 'kj1' cites no evidence; list evidence ids under "
        "'evidence:'",
    ]
    assert findings("DM201") == []


def test_dm202_flags_evidence_without_a_source(findings):
    assert findings("DM202", ("    sources: [src1]\n", "")) == [
        "brief.yaml:12:5: DM202 evidence 'ev1' has no source; list source ids under 'sources:'",
    ]
    assert findings("DM202") == []


def test_dm203_flags_a_source_never_cited(findings):
    assert findings("DM203", SECOND_SOURCE) == [
        "brief.yaml:22:9: DM203 source 'src2' is never cited; cite it in an evidence item's "
        "'sources:' or remove it",
    ]
    assert findings("DM203", SECOND_SOURCE,
                    ("    sources: [src1]\n", "    sources: [src1, src2]\n")) == []


def test_dm204_flags_a_source_without_date_or_url(findings):
    assert findings("DM204", SECOND_SOURCE) == [
        "brief.yaml:22:5: DM204 source 'src2' has no date or url; add 'date: YYYY-MM-DD' and "
        "'url: https://...'",
    ]
    assert findings("DM204", ("    date: 2025-02-05\n", "")) == [
        "brief.yaml:18:5: DM204 source 'src1' has no date; add 'date: YYYY-MM-DD'",
    ]
    assert findings("DM204") == []

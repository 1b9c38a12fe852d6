"""Running the rules over a brief file and locating each hit to file:line:column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckmaker.brief import Brief, read_brief
from deckmaker.check.finding import Finding
from deckmaker.check.locate import SourceText
from deckmaker.check.rule import REGISTRY, Hit, Rule, Subject
from deckmaker.check.rules import RULES
from deckmaker.check.suppress import Suppression, brief_suppression, line_suppressions
from deckmaker.yamlsource import Path_, YamlDocument


@dataclass(frozen=True)
class Report:
    """The findings of a check, and those a reviewer silenced, each with its reason."""

    findings: list[Finding]
    ignored: list[tuple[Finding, str]] = field(default_factory=list)


def check_brief(path: Path, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of ``rules`` on the brief at ``path``, sorted by line, column and code.

    Raises InvalidInput (with every problem located) when the brief is not valid.
    """
    return check_brief_report(path, rules).findings


def check_brief_report(path: Path, rules: Iterable[Rule] = RULES) -> Report:
    """``check_brief`` with the silenced findings too."""
    return check_report(*read_brief(Path(path)), rules)


def check_loaded(brief: Brief, doc: YamlDocument, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of ``rules`` on a brief already read with ``read_brief``."""
    return check_report(brief, doc, rules).findings


def check_report(brief: Brief, doc: YamlDocument, rules: Iterable[Rule] = RULES) -> Report:
    """The findings of ``rules`` on a brief already read, less the ones its
    ``# deckmaker: ignore`` comments and ``check: ignore`` silence (kept apart with their
    reasons)."""
    source = SourceText(doc.text)
    subject = Subject(brief, doc.data, doc.text)
    known = frozenset(rule.code for rule in REGISTRY)
    on_lines = [s for s in line_suppressions(doc.text, known) if s.problem is None]
    whole = brief_suppression(doc.data, known)
    report = Report([], [])
    for rule in rules:
        for hit in rule.find(subject):
            finding = _finding(doc, source, rule, hit)
            lines = {finding.line, doc.position(hit.path)[0], doc.key_position(hit.path)[0]}
            reason = None if rule.code == "DM000" else _silenced(finding, lines, on_lines,
                                                                 whole)
            if reason is None:
                report.findings.append(finding)
            else:
                report.ignored.append((finding, reason))
    report.findings.sort()
    report.ignored.sort()
    return report


def _silenced(finding: Finding, lines: set[int], on_lines: list[Suppression],
              whole: Suppression | None) -> str | None:
    """The reason ``finding`` is silenced, or None: by the brief's ``check:``, or by a
    comment on one of its ``lines`` (its own, its field's and its key's: a block scalar's
    comment goes on the key line)."""
    if whole is not None and whole.problem is None and finding.code in whole.codes:
        return whole.reason
    for suppression in on_lines:
        if suppression.line in lines and finding.code in suppression.codes:
            return suppression.reason
    return None


def _finding(doc: YamlDocument, source: SourceText, rule: Rule, hit: Hit) -> Finding:
    line, column = hit.at or doc.position(hit.path)
    if hit.at is None and hit.offset is not None:
        line, column = source.locate((line, column), _value(doc.data, hit.path), hit.offset)
    return Finding(doc.file, line, column, rule.code, hit.message, rule.severity)


def _value(data: Any, path: Path_) -> str:
    for part in path:
        data = data[part]
    return data

"""Running the rules over a brief file and locating each hit to file:line:column."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deckmaker.brief import Brief, read_brief
from deckmaker.check.finding import Finding
from deckmaker.check.locate import SourceText
from deckmaker.check.rule import Hit, Rule, Subject
from deckmaker.check.rules import RULES
from deckmaker.yamlsource import Path_, YamlDocument


def check_brief(path: Path, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of ``rules`` on the brief at ``path``, sorted by line, column and code.

    Raises InvalidInput (with every problem located) when the brief is not valid.
    """
    return check_loaded(*read_brief(Path(path)), rules)


def check_loaded(brief: Brief, doc: YamlDocument, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of ``rules`` on a brief already read with ``read_brief``."""
    source = SourceText(doc.text)
    subject = Subject(brief, doc.data)
    return sorted(_finding(doc, source, rule, hit)
                  for rule in rules for hit in rule.find(subject))


def _finding(doc: YamlDocument, source: SourceText, rule: Rule, hit: Hit) -> Finding:
    line, column = doc.position(hit.path)
    if hit.offset is not None:
        line, column = source.locate((line, column), _value(doc.data, hit.path), hit.offset)
    return Finding(doc.file, line, column, rule.code, hit.message, rule.severity)


def _value(data: Any, path: Path_) -> str:
    for part in path:
        data = data[part]
    return data

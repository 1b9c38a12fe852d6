"""Running the rules over a brief file and locating each hit to file:line:column."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deckmaker.brief import load_brief
from deckmaker.check.finding import Finding
from deckmaker.check.locate import SourceText
from deckmaker.check.rule import Hit, Rule, Subject
from deckmaker.check.rules import RULES
from deckmaker.errors import InvalidInput, Problem
from deckmaker.yamlsource import Path_, YamlDocument, read_yaml


def check_brief(path: Path, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """The findings of ``rules`` on the brief at ``path``, sorted by line, column and code.

    Raises InvalidInput (with every problem located) when the brief is not valid.
    """
    path = Path(path)
    before = _contents(path)
    brief = load_brief(path)
    doc = read_yaml(path, what="brief")
    after = _contents(path)
    # The file is read three times; an editor saving in between would make the
    # validated brief, its positions and its text disagree.
    if after is None or before != after:
        raise InvalidInput([Problem(doc.file, 1, 1, "the file changed while it was being "
                                                    "checked; check it again")])
    source = SourceText(after.decode("utf-8-sig"))
    subject = Subject(brief, doc.data)
    return sorted(_finding(doc, source, rule, hit)
                  for rule in rules for hit in rule.find(subject))


def _finding(doc: YamlDocument, source: SourceText, rule: Rule, hit: Hit) -> Finding:
    line, column = doc.position(hit.path)
    if hit.offset is not None:
        line, column = source.locate((line, column), _value(doc.data, hit.path), hit.offset)
    return Finding(doc.file, line, column, rule.code, hit.message, rule.severity)


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # load_brief reports why, located


def _value(data: Any, path: Path_) -> str:
    for part in path:
        data = data[part]
    return data

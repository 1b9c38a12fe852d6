"""YAML that would change a brief's text without a word: a comment that cut a value, a
line swallowed into the text above it, curly quotes kept as text, the starter's example
text left in. Each is a located problem, reported with the brief's other problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from deckmaker.errors import Problem
from deckmaker.yamlsource import Path_, Scalar, YamlDocument, dotted_path

# Fields whose value is text a reader sees (ids, dates, terms and numbers are not).
TEXT_FIELDS = frozenset({"title", "subtitle", "author", "prepared_for", "marking", "publisher",
                         "bluf", "statement", "headline", "claim", "detail", "text", "by",
                         "name", "owner", "for", "unit", "reason"})
TEXT_LISTS = frozenset({"tags", "indicators", "categories"})
# A line that looks like a field of the brief ("sources: [...]", "- id: x").
_FIELD_LINE = re.compile(r"^(?:-\s+)?(?P<key>[a-z_]+):(?:\s|$)")
_COMMENT_AFTER = re.compile(r"[ \t]+#(?!\s*deckmaker\s*:)")
_CURLY_PAIRS = {"“": "”", "‘": "’", "„": "“", "«": "»"}


def is_text_field(path: Path_) -> bool:
    """Whether the value at ``path`` is text a reader sees."""
    if not path:
        return False
    last = path[-1]
    if isinstance(last, int):
        return len(path) > 1 and path[-2] in TEXT_LISTS
    return last in TEXT_FIELDS


def text_problems(doc: YamlDocument, fields_at: Callable[[Path_], list[str]]
                  ) -> list[Problem]:
    """Every way the YAML of ``doc`` changed a text value silently; ``fields_at(path)``
    names the fields the mapping at ``path`` may have."""
    problems: list[Problem] = []
    for path, scalar in doc.scalars.items():
        if is_text_field(path) and isinstance(_value(doc.data, path), str):
            problems += _cut_by_comment(doc, path, scalar)
            problems += _swallowed_lines(doc, path, scalar, fields_at)
            problems += _curly_quoted(doc, path, scalar)
    return problems + _starter_text(doc)


def _value(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _position(doc: YamlDocument, index: int) -> tuple[int, int]:
    line_start = doc.text.rfind("\n", 0, index) + 1
    return doc.text.count("\n", 0, index) + 1, index - line_start + 1


def _cut_by_comment(doc: YamlDocument, path: Path_, scalar: Scalar) -> list[Problem]:
    """A plain value followed by `` #`` on its line: YAML dropped the rest as a comment."""
    if scalar.style is not None:
        return []
    line_end = doc.text.find("\n", scalar.end)
    rest = doc.text[scalar.end: line_end if line_end >= 0 else len(doc.text)]
    match = _COMMENT_AFTER.match(rest)
    if not match:
        return []
    line, column = _position(doc, scalar.end + match.end() - 1)
    return [Problem(doc.file, line, column,
                    f"{dotted_path(path)}: text after '#' was read as a comment and dropped; "
                    "put the whole text in quotes to keep it")]


def _swallowed_lines(doc: YamlDocument, path: Path_, scalar: Scalar,
                     fields_at: Callable[[Path_], list[str]]) -> list[Problem]:
    """Continuation lines of a multi-line value that look like a field its mapping lacks
    ("sources: [...]" under an evidence item without sources), or a new item of its list
    ("- id: x"): they were meant as that field or item, and became part of this text."""
    source = doc.text[scalar.start:scalar.end]
    if "\n" not in source or not isinstance(path[-1], str):
        return []
    mapping = _value(doc.data, path[:-1])
    siblings = set(fields_at(path[:-1]))
    in_list = len(path) > 1 and isinstance(path[-2], int)
    first_line, _ = doc.position(path)
    problems = []
    for offset, line in enumerate(source.split("\n")[1:], 1):
        match = _FIELD_LINE.match(line.strip())
        if not match or match["key"] not in siblings:
            continue
        new_item = line.strip().startswith("-")
        if (new_item and in_list) or (not new_item and match["key"] not in mapping):
            shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:39] + "…"
            number = first_line + offset
            problems.append(Problem(doc.file, number, len(line) - len(line.lstrip()) + 1,
                                    f"{dotted_path(path)}: line {number} (\"{shown}\") is read "
                                    "as part of the text above; check its indentation"))
    return problems


def _curly_quoted(doc: YamlDocument, path: Path_, scalar: Scalar) -> list[Problem]:
    """A plain value wrapped whole in curly quotes, which YAML keeps as part of the text."""
    value = _value(doc.data, path).strip()
    if scalar.style is not None or len(value) < 2 or _CURLY_PAIRS.get(value[0]) != value[-1] \
            or value[0] in value[1:-1] or value[-1] in value[1:-1]:  # “A” and “B”: quotes inside
        return []
    line, column = doc.position(path)
    return [Problem(doc.file, line, column,
                    f"{dotted_path(path)}: the text is wrapped in curly quotes ({value[0]}…"
                    f"{value[-1]}), which YAML keeps as part of it; use straight double quotes "
                    "(\"…\") or none")]


@cache
def starter_texts() -> dict[Path_, str]:
    """The placeholder texts of ``deckmaker new``'s starter brief, by field path (its
    marking, a real TLP label, is kept by many briefs)."""
    from deckmaker.yamlsource import parse_text

    text = resources.files("deckmaker").joinpath("starter.yaml").read_text("utf-8")
    doc = parse_text(text, "starter.yaml")
    return {path: value for path in doc.scalars if is_text_field(path) and path != ("marking",)
            and isinstance(value := _value(doc.data, path), str) and len(value) > 8}


# What a reader calls each text field, for "write your brief's ..." (else the field name).
_NOUNS = {"prepared_for": "addressee", "bluf": "bottom line", "statement": "judgment",
          "by": "speaker's name", "for": "actor", "tags": "tag", "indicators": "indicator",
          "name": "series name", "text": "text"}


def _starter_text(doc: YamlDocument) -> list[Problem]:
    """Text fields that still hold the starter's placeholder text."""
    problems = []
    for path, example in starter_texts().items():
        if _value(doc.data, path) == example:
            name = str(path[-1]) if isinstance(path[-1], str) else str(path[-2])
            problems.append(doc.problem(path, f"{dotted_path(path)}: still the starter's "
                                              "placeholder text; write your brief's "
                                              f"{_NOUNS.get(name, name)}"))
    return problems

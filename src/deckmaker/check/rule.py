"""What a rule is, and the view of a brief every rule looks at."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from deckmaker.brief.schema import Brief, KeyJudgment
from deckmaker.check.finding import Severity
from deckmaker.check.text import prose
from deckmaker.estimative import SCALES, Scale
from deckmaker.yamlsource import Path_


@dataclass(frozen=True)
class Hit:
    """Where a rule fired: a field, optionally a character offset in its text, and why;
    or, for what is not in a field (a comment), its 1-based (line, column) ``at``."""

    path: Path_
    message: str
    offset: int | None = None
    at: tuple[int, int] | None = None


@dataclass(frozen=True)
class TextField:
    """One text field of a brief, exactly as written in the YAML (offsets match the file)."""

    path: Path_
    text: str

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` in the prose of this field (quotes and link targets ignored)."""
        return pattern.finditer(prose(self.text))

    def hit(self, match: re.Match[str] | int, message: str) -> Hit:
        offset = match if isinstance(match, int) else match.start()
        return Hit(self.path, message, offset)


@dataclass(frozen=True)
class Subject:
    """A validated brief with its raw YAML data and text: what every rule looks at."""

    brief: Brief
    data: dict[str, Any]
    text: str = ""

    @property
    def scale(self) -> Scale:
        return SCALES[self.brief.scale]

    def judgments(self) -> Iterator[tuple[int, str, KeyJudgment]]:
        """Each key judgment with its index and id (kj1, kj2... when it has none)."""
        yield from zip(range(len(self.brief.key_judgments)), self.brief.judgment_ids(),
                       self.brief.key_judgments, strict=True)

    def texts(self, *fields: str) -> Iterator[TextField]:
        """The ``bluf`` and each judgment's ``statement`` / ``headline``, as asked."""
        if "bluf" in fields:
            yield TextField(("bluf",), self.data["bluf"])
        for i, raw in enumerate(self.data["key_judgments"]):
            for field in ("statement", "headline"):
                if field in fields and isinstance(raw.get(field), str):
                    yield TextField(("key_judgments", i, field), raw[field])


Find = Callable[[Subject], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A check: a stable code, a short name, its severity, a summary for the docs, and its test."""

    code: str
    name: str
    severity: Severity
    summary: str
    find: Find


REGISTRY: list[Rule] = []


def rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[Find], Find]:
    """Register the decorated function as the rule ``code``."""
    def register(find: Find) -> Find:
        REGISTRY.append(Rule(code, name, severity, summary, find))
        return find
    return register

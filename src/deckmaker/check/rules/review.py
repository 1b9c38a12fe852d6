"""DM000: suppressions that silence nothing (no reason given, or no such rule)."""

from __future__ import annotations

from collections.abc import Iterator

from deckmaker.check.rule import REGISTRY, Hit, Subject, rule
from deckmaker.check.suppress import brief_suppression, line_suppressions


@rule("DM000", "unexplained-ignore", "warning",
      "A '# deckmaker: ignore' comment or a brief's 'check: ignore' without a reason, or "
      "naming no rule; it silences nothing until fixed.")
def unexplained_ignore(subject: Subject) -> Iterator[Hit]:
    known = frozenset(r.code for r in REGISTRY)
    for suppression in line_suppressions(subject.text, known):
        if suppression.problem:
            yield Hit((), suppression.problem, at=(suppression.line, suppression.column))
    whole = brief_suppression(subject.data, known)
    if whole is not None and whole.problem:
        yield Hit(("check",), whole.problem)

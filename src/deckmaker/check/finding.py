"""A finding: one rule's complaint about one place in a brief."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# "info" is advice: counted and shown, it fails no build, not even under --strict.
Severity = Literal["error", "warning", "info"]

# The JSON keys of a finding, in output order; part of the documented format.
FINDING_KEYS = ("path", "line", "column", "code", "severity", "message")


@dataclass(frozen=True, order=True)
class Finding:
    """A rule's finding, located to file:line:column (1-based).

    Field order is the sort order: path, line, column, code.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def to_json(self) -> dict[str, str | int]:
        """The finding as a JSON object with the documented keys, in a fixed order."""
        return {key: getattr(self, key) for key in FINDING_KEYS}

"""The exceptions deckmaker raises for users, and the exit code of each kind.

Every user-facing failure is one of these; the CLI prints its message and exits
with its code, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_RENDER_FAILED = 1
EXIT_INVALID_INPUT = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located to its line and column (1-based)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DeckmakerError(Exception):
    """Base of every error shown to a user; ``str()`` is the full message."""

    exit_code = EXIT_RENDER_FAILED


class InvalidInput(DeckmakerError):
    """A brief, pack or option is wrong; the message says where and how to fix it."""

    exit_code = EXIT_INVALID_INPUT

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            super().__init__(problems)
        else:
            self.problems = sorted(problems)
            super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(DeckmakerError):
    """An output could not be produced from valid input (layout, fonts, disk)."""


class SendError(DeckmakerError):
    """An email could not be delivered."""


def display_path(path: Path) -> str:
    """The path as a user typed it relative to the working directory, when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

"""All terminal output: results on stdout, errors and warnings on stderr."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def info(message: str) -> None:
    stdout.print(escape(message))


def success(message: str) -> None:
    stdout.print(f"[green]✓[/green] {escape(message)}")


def warning(message: str) -> None:
    stderr.print(f"[yellow]warning:[/yellow] {escape(message)}")


def error(message: str) -> None:
    """Print an error message, one problem per line, each prefixed ``error:``."""
    for line in message.splitlines() or [message]:
        stderr.print(f"[red]error:[/red] {escape(line)}")


def raw(text: str) -> None:
    """Write ``text`` to stdout unstyled (JSON, schema)."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")

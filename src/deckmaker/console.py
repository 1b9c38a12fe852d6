"""All terminal output: results on stdout, errors and warnings on stderr."""

from __future__ import annotations

import sys
import re
from functools import cache
from typing import TYPE_CHECKING

from deckmaker.escapes import visible

if TYPE_CHECKING:
    from rich.console import Console

    from deckmaker.batch import JobResult


# What ``raw`` escapes: C0 but newline and tab, DEL, C1, direction controls.
_UNSAFE_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                         "\u2066-\u2069]")


@cache
def _console(stream: str) -> Console:
    """The rich console writing to ``stream`` ("stdout" or "stderr"), made on first use:
    a quiet build prints nothing and need not import rich."""
    from rich.console import Console

    return Console(stderr=stream == "stderr", highlight=False, soft_wrap=True)


def _print(stream: str, markup: str, message: str) -> None:
    """Print ``message`` (plain text: rich markup escaped, and every control character
    but newline and tab shown as its escape, so no escape sequence from a brief's value
    or file name acts on the terminal) after the rich ``markup``."""
    from rich.markup import escape

    _console(stream).print(f"{markup}{escape(visible(message, keep=chr(10) + chr(9)))}")


def info(message: str) -> None:
    _print("stdout", "", message)


def success(message: str) -> None:
    _print("stdout", "[green]✓[/green] ", message)


def warning(message: str) -> None:
    _print("stderr", "[yellow]warning:[/yellow] ", message)


def notice(message: str) -> None:
    """A line that needs the reader's attention but is no warning: a file kept, or
    attached as the user left it. On stderr, printed even by a quiet build."""
    _print("stderr", "[yellow]![/yellow] ", message)


def error(message: str) -> None:
    """Print an error message, one problem per line, each prefixed ``error:``."""
    for line in message.split("\n"):  # not splitlines: a CR or U+2028 is shown, not a break
        _print("stderr", "[red]error:[/red] ", line)


def raw(text: str) -> None:
    """Write ``text`` to stdout unstyled (JSON, schema), any control character but
    newline and tab as a JSON escape (``\\u001b``), which keeps JSON valid."""
    text = _UNSAFE_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


class BuildReporter:
    """Progress and the closing summary of a build of many briefs.

    A progress bar appears only on a terminal and without ``quiet``; each
    failure is printed as it happens, the summary at the end.
    """

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.quiet = quiet
        self.progress = None
        if not quiet and _console("stdout").is_terminal and total > 1:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                     console=_console("stdout"), transient=True)
            self.task = self.progress.add_task("build", total=total)

    def __enter__(self) -> BuildReporter:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.progress:
            self.progress.stop()

    def result(self, result: JobResult) -> None:
        if self.progress:
            self.progress.advance(self.task)
        if not self.quiet:
            for message in result.warnings:
                warning(message)
        if result.status == "failed":
            error(result.error)
        elif result.status in ("built", "kept"):
            if not self.quiet:
                for path in result.outputs.values():
                    success(f"wrote {path}")
            for note in result.notes:
                notice(note)

    def summary(self, results: list[JobResult]) -> None:
        """The files kept (even when quiet: the new build is not where the user looks),
        then the count of briefs built, up to date, kept (when any) and failed."""
        from deckmaker.batch import kept_line

        for result in results:
            for target, state in result.kept.values():
                notice(kept_line(target, state))
        counts = {status: sum(r.status == status for r in results)
                  for status in ("built", "up to date", "kept", "failed")}
        if not counts["kept"]:
            del counts["kept"]
        if self.quiet and not counts["failed"]:
            return
        text = ", ".join(f"{n} {status}" for status, n in counts.items())
        _print("stderr" if counts["failed"] else "stdout", "", f"{text}.")


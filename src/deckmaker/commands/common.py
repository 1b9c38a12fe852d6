"""What every command shares: errors as one sentence and an exit code, brief discovery,
the worker count. Light: imports neither the commands nor the group of ``deckmaker.cli``."""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from deckmaker import console
from deckmaker.errors import EXIT_RENDER_FAILED, DeckmakerError


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn DeckmakerError into its message and exit code; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DeckmakerError as exc:
            console.error(str(exc))
            if exc.exit_code > EXIT_SIGNALLED:  # stopped by a signal: exit promptly
                _skip_final_collection()
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            console.error("interrupted; no partial files were left")
            _skip_final_collection()
            sys.exit(EXIT_SIGNALLED + signal.SIGINT)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # the last resort: one sentence instead of a traceback
            if os.environ.get("DECKMAKER_DEBUG"):
                raise
            console.error(f"internal error ({type(exc).__name__}: {exc}); please report it, "
                          "and set DECKMAKER_DEBUG=1 to see the details")
            sys.exit(EXIT_RENDER_FAILED)

    return wrapper


EXIT_SIGNALLED = 128  # the shell's exit code for a process stopped by signal N is 128 + N


def _skip_final_collection() -> None:
    """Leave every object out of the garbage collector's sweeps at exit: with the
    writers loaded, the sweep of the whole heap as the interpreter shuts down takes
    0.6-1 s, too long for a build asked to stop."""
    gc.freeze()


def brief_paths(paths: tuple[str, ...]) -> list[Path]:
    """The brief files in ``paths`` (files as given, folders searched for *.yaml / *.yml)."""
    from deckmaker.batch import discover

    return [job.brief for job in discover(paths)]


def worker_count(jobs: int | None) -> int:
    """The worker processes for ``--jobs``: as asked, else one per CPU."""
    return jobs or os.cpu_count() or 1

"""``deckmaker watch``: rebuild briefs when they, or the template pack, change.

Each rebuild is a ``build_many``, so an output edited since deckmaker wrote it is kept
(the new build goes beside it, unless ``options.overwrite_edited``) as ``build`` does."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from deckmaker import console
from deckmaker.batch import BuildOptions, Job, build_many, find_briefs
from deckmaker.errors import DeckmakerError
from deckmaker.pack import load_pack


def affected_jobs(changed: Iterable[Path], paths: tuple[str, ...], pack_folders: list[Path]
                  ) -> list[Job]:
    """The jobs to rebuild after ``changed`` files: all of them when a pack file
    changed, else the briefs that changed (new briefs in watched folders included)."""
    changed = [p.resolve() for p in changed]
    jobs = find_briefs(paths)
    if any(p.is_relative_to(folder) for p in changed for folder in pack_folders):
        return jobs
    return [job for job in jobs if job.brief.resolve() in changed]


def _build(jobs: list[Job], options: BuildOptions, workers: int, quiet: bool) -> None:
    with console.BuildReporter(len(jobs), quiet=quiet) as reporter:
        results = build_many(jobs, options, workers=workers, on_result=reporter.result)
    reporter.summary(results)


def watch_and_build(paths: tuple[str, ...], options: BuildOptions, *, workers: int,
                    quiet: bool, stop_event: threading.Event | None = None) -> None:
    """Build once, then rebuild on every change until interrupted; errors are printed
    and watching carries on."""
    from watchfiles import watch

    pack_folders = [f.resolve() for f in load_pack(options.template).folders]
    _build(find_briefs(paths), options, workers, quiet)
    console.info("watching for changes; press Ctrl-C to stop")
    watched = [*paths, *map(str, pack_folders)]
    for changes in watch(*watched, debounce=100, step=50, stop_event=stop_event,
                         watch_filter=lambda _change, path: not Path(path).name.startswith(".")):
        changed = [Path(path) for _change, path in changes]
        try:
            jobs = affected_jobs(changed, paths, pack_folders)
            if jobs:
                _build(jobs, options, workers, quiet)
        except DeckmakerError as exc:
            console.error(str(exc))

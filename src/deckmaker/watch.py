"""``deckmaker watch``: rebuild briefs when they, or the template pack, change.

The watcher polls: it compares the files' (modification time, size, inode) every
``POLL_S`` seconds. Unlike file-system events, polling sees a brief deleted and
re-created (an editor's save), renamed, or a pack folder that appears again, and it
costs a few stat calls per file. A change is acted on once the files have stood still
for one poll, so a save in several writes is one rebuild. deckmaker's own writes are
never changes: hidden files (the build record, its journal, temporary files) and the
outputs in ``--out`` are left out, wherever ``--out`` is (inside a watched folder or
inside the pack).

Each rebuild is a ``build_many``, so an output edited since deckmaker wrote it is kept
(the new build goes beside it, unless ``options.overwrite_edited``) as ``build`` does,
and a brief whose outputs are current is reported up to date, not rebuilt."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from deckmaker import console
from deckmaker.batch import (
    BRIEF_SUFFIXES, BuildInterrupted, BuildOptions, Job, build_many, find_briefs,
    written_by_build)
from deckmaker.errors import DeckmakerError
from deckmaker.pack import load_pack
from deckmaker.pool import Interrupted, StopSignals, signal_name

POLL_S = 0.25
Snapshot = dict[Path, tuple[int, int, int]]  # file -> (mtime_ns, size, inode)


class WatchStopped(DeckmakerError):
    """A stop signal ended a watch; its exit code is the shell's for that signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"watch stopped by {signal_name(signum)}")
        self.exit_code = 128 + signum


class Watcher:
    """The files a watch looks at (the briefs in ``paths``, the pack's files) and what
    changed since it last reported a change."""

    def __init__(self, paths: tuple[str, ...], options: BuildOptions) -> None:
        self.paths = paths
        self.options = options
        self.out = options.out_dir.resolve()
        self.pack_folders: list[Path] = []
        self.find_pack_folders()
        self.seen = self.snapshot()
        self._settling: Snapshot | None = None

    def find_pack_folders(self) -> None:
        """The pack's folders (its parents' too); while the pack cannot load, the ones
        known before, and the template's own folder when it is one."""
        try:
            self.pack_folders = [f.resolve() for f in load_pack(self.options.template).folders]
        except DeckmakerError:
            template = self.options.template
            if template and Path(template).is_dir() \
                    and Path(template).resolve() not in self.pack_folders:
                self.pack_folders.append(Path(template).resolve())

    def snapshot(self) -> Snapshot:
        """Every watched file now: the briefs (a file named on the command line even
        while it is missing, so it is seen when it comes back) and the pack's files."""
        files: Snapshot = {}
        for text in self.paths:
            path = Path(text)
            if path.is_dir():
                self._scan(path, files, briefs_only=True)
            else:
                self._add(path.resolve(), files)
        for folder in self.pack_folders:
            self._scan(folder, files, briefs_only=False)
        return files

    def _scan(self, folder: Path, files: Snapshot, *, briefs_only: bool) -> None:
        for root, folders, names in os.walk(folder):
            # Hidden folders and deckmaker's own output folder are not walked into.
            folders[:] = [name for name in folders if not name.startswith(".")
                          and Path(root, name).resolve() != self.out]
            for name in names:
                path = Path(root, name).resolve()
                if briefs_only and path.suffix not in BRIEF_SUFFIXES:
                    continue
                if not written_by_build(path, self.options.out_dir):
                    self._add(path, files)

    @staticmethod
    def _add(path: Path, files: Snapshot) -> None:
        try:
            info = path.stat()
        except OSError:
            return
        files[path] = (info.st_mtime_ns, info.st_size, info.st_ino)

    def poll(self) -> set[Path] | None:
        """The files changed (added, edited, removed) since the last change reported,
        once they have stood still for one poll; None while nothing changed or a change
        is still being written."""
        now = self.snapshot()
        if now == self.seen:
            self._settling = None
            return None
        if now != self._settling:
            self._settling = now
            return None
        changed = {path for path in now.keys() | self.seen.keys()
                   if now.get(path) != self.seen.get(path)}
        self.seen, self._settling = now, None
        return changed

    def jobs_for(self, changed: Iterable[Path]) -> list[Job]:
        """The jobs to rebuild after ``changed``: every brief when a pack file changed
        (the pack's folders found again: a fixed pack may extend another), else the
        briefs that changed and still exist."""
        changed = set(changed)
        if any(path.is_relative_to(folder) for path in changed for folder in self.pack_folders):
            self.find_pack_folders()
            self.seen = self.snapshot()
            return find_briefs(self.paths)
        if not any(path.is_file() for path in changed):
            return []  # only removals: nothing to build
        return [job for job in find_briefs(self.paths)
                if job.brief.resolve() in changed and job.brief.is_file()]


def _build(jobs: list[Job], options: BuildOptions, workers: int, quiet: bool) -> None:
    with console.BuildReporter(len(jobs), quiet=quiet) as reporter:
        results = build_many(jobs, options, workers=workers, on_result=reporter.result,
                             warn=console.warning)
    reporter.summary(results)


def watch_and_build(paths: tuple[str, ...], options: BuildOptions, *, workers: int,
                    quiet: bool, stop_event: threading.Event | None = None,
                    poll_s: float = POLL_S) -> None:
    """Build once, then rebuild on every change until ``stop_event`` is set or a stop
    signal arrives (WatchStopped); errors are printed and watching carries on."""
    stop = stop_event or threading.Event()
    try:
        with StopSignals():
            watcher = Watcher(paths, options)
            _attempt(find_briefs, paths, options, workers, quiet)
            console.info("watching for changes; press Ctrl-C to stop")
            while not stop.wait(poll_s):
                changed = watcher.poll()
                if changed:
                    _attempt(watcher.jobs_for, changed, options, workers, quiet)
    except Interrupted as stopped:
        raise WatchStopped(stopped.signum) from None


def _attempt(jobs: Callable[[Any], list[Job]], argument: Any, options: BuildOptions,
             workers: int, quiet: bool) -> None:
    """Build the jobs ``jobs(argument)`` gives, printing any error instead of stopping."""
    try:
        found = jobs(argument)
        if found:
            _build(found, options, workers, quiet)
    except BuildInterrupted:
        raise
    except DeckmakerError as exc:
        console.error(str(exc))

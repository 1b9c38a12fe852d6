"""Worker processes for a batch, and stopping it promptly on a signal.

``WorkerPool`` runs one task at a time in each of a few processes, over a pipe each.
Unlike ``concurrent.futures``, it holds its processes, so a build that is told to stop
ends them at once (SIGTERM, then SIGKILL after ``GRACE_S``) instead of letting them
build what is queued; a worker stopped by SIGTERM removes its temporary file on the
way out (``deckmaker.outputs.atomic_path``).

No worker outlives its parent, even one killed by SIGKILL: on Linux the kernel sends
each worker SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)`` through
ctypes); everywhere, a thread in each worker also polls ``os.getppid()`` and ends the
worker once the parent is gone (the portable fallback, and a backstop).

``StopSignals`` turns SIGINT, SIGTERM and SIGHUP into ``Interrupted`` in the main
thread while a build runs; the workers ignore SIGINT and SIGHUP (Ctrl-C reaches the
whole process group), so the parent alone decides how they stop.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
GRACE_S = 0.8  # how long stopped workers get to remove their temporary files
PARENT_POLL_S = 0.25  # how often a worker checks that its parent is still there
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Interrupted(BaseException):
    """A stop signal arrived (``signum``). A BaseException, so that no ``except
    Exception`` of one brief's build swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


class StopSignals:
    """While entered (in the main thread), the first of STOP_SIGNALS raises
    ``Interrupted``; later ones are only noted. Inside ``held()`` a signal is noted
    without raising, so that writing the build record is never cut short."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._raising = True
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, _frame: object) -> None:
        if self.received is None:
            self.received = signum
            if self._raising:
                raise Interrupted(signum)

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            self._previous = {s: signal.signal(s, self._handle) for s in STOP_SIGNALS}
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    @contextmanager
    def held(self) -> Iterator[None]:
        self._raising = False
        try:
            yield
        finally:
            self._raising = True


@dataclass
class _Worker:
    process: Any  # a multiprocessing Process
    connection: Connection
    task: int | None = None  # the index of the task it is running


class WorkerPool:
    """Up to ``size`` processes running ``function(*arguments)`` for each task."""

    def __init__(self, function: Callable[..., Any], size: int) -> None:
        self.function = function
        self.size = size
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start with what the parent loaded (writers, pack, fonts).
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.stopped_pids: list[int] = []  # workers ended before they finished

    def run(self, tasks: list[tuple], on_result: Callable[[int, Any], None],
            on_lost: Callable[[int, int | None], None]) -> None:
        """Run every task; ``on_result(index, value)`` as each finishes, ``on_lost(index,
        exit code)`` for one whose worker died. An exception (``Interrupted``) stops the
        workers at once; results they had already sent are still passed on."""
        queue = deque(enumerate(tasks))
        workers = [self._start() for _ in range(min(self.size, len(tasks)))]
        try:
            for worker in workers:
                self._assign(worker, queue)
            while busy := [w for w in workers if w.task is not None]:
                ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
                for worker in busy:
                    if worker.connection in ready or worker.process.sentinel in ready:
                        if not self._collect(worker, on_result):
                            on_lost(worker.task, worker.process.exitcode)
                            worker.task = None
                            workers[workers.index(worker)] = worker = self._start()
                        self._assign(worker, queue)
        finally:
            self._stop(workers, on_result)

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, self.function, os.getpid()),
                                        daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    @staticmethod
    def _assign(worker: _Worker, queue: deque) -> None:
        """Give ``worker`` the next task, or tell it to finish when there is none."""
        index, arguments = queue.popleft() if queue else (None, None)
        worker.task = index
        try:
            worker.connection.send(None if index is None else (index, arguments))
        except OSError:
            pass  # it died: its sentinel reports it

    @staticmethod
    def _collect(worker: _Worker, on_result: Callable[[int, Any], None]) -> bool:
        """Pass on the result ``worker`` sent; False when it died without one."""
        try:
            if not worker.connection.poll():  # its sentinel: it died with nothing sent
                return False
            index, value = worker.connection.recv()
        except (EOFError, OSError):
            return False
        worker.task = None
        on_result(index, value)
        return True

    def _stop(self, workers: list[_Worker], on_result: Callable[[int, Any], None]) -> None:
        """End every worker: idle ones were told to finish; busy ones get SIGTERM, then
        SIGKILL after GRACE_S. Results already sent are passed on."""
        for worker in workers:
            if worker.task is not None and worker.process.is_alive():
                self.stopped_pids.append(worker.process.pid)
                worker.process.terminate()
        deadline = time.monotonic() + GRACE_S
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        for worker in workers:
            try:
                while worker.task is not None and worker.connection.poll():
                    index, value = worker.connection.recv()
                    worker.task = None
                    on_result(index, value)
            except (EOFError, OSError):
                pass
            worker.connection.close()


def _serve(connection: Connection, function: Callable[..., Any], parent: int) -> None:
    """A worker's life: run tasks from ``connection`` until told to finish, the pipe
    closes (the parent is gone), or SIGTERM (which removes any temporary file, as
    SystemExit unwinds ``atomic_path``)."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    for signum in STOP_SIGNALS:
        if signum != signal.SIGTERM:
            signal.signal(signum, signal.SIG_IGN)
    _die_with_parent(parent)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, arguments = task
        connection.send((index, function(*arguments)))


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _die_with_parent(parent: int) -> None:
    """Make this worker end when ``parent`` does: PR_SET_PDEATHSIG on Linux, and a thread
    polling os.getppid() everywhere."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the thread below still ends the worker
    if os.getppid() != parent:  # the parent died before the line above
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="deckmaker-parent-watch").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os.kill(os.getpid(), signal.SIGTERM)  # unwinds, removing any temporary file
    time.sleep(GRACE_S)
    os.kill(os.getpid(), signal.SIGKILL)  # stuck where no signal handler runs

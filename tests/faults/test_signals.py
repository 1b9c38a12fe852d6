"""Stopping a batch build: SIGINT (to the process group or the parent alone), SIGTERM
and SIGHUP stop a real ``deckmaker build`` promptly, leave only whole outputs and a
consistent record, and the next build picks up where it stopped; no worker outlives
its parent, even one killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from deckmaker import batch, outputs
from deckmaker.batch import BuildInterrupted, BuildOptions, build_many, find_briefs
from deckmaker.synthetic import write_synthetic_brief

BRIEFS = 40
FORMATS = "pdf,pptx"
STOP_WITHIN_S = 5.0  # the aim is 2 s; measured 0.3-0.6 s here, the rest is slack for CI


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "briefs"
    folder.mkdir()
    for number in range(BRIEFS):
        write_synthetic_brief(folder / f"brief-{number:02d}.yaml", "small")
    return folder


def _start(briefs: Path, out: Path) -> subprocess.Popen:
    """A real build in its own process group, as a shell would start it."""
    return subprocess.Popen(
        [sys.executable, "-m", "deckmaker", "build", str(briefs), "--out", str(out), "-j", "2",
         "--format", FORMATS, "-q"],
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_first_output(process: subprocess.Popen, out: Path) -> None:
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.glob("*.pdf"))):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no output within 60 s"
        time.sleep(0.01)


def _assert_whole_and_recorded(out: Path) -> dict:
    """No temporary file; every output opens; the record is of deckmaker's shape and each
    file it lists is the one on disk. Returns the record."""
    assert not list(out.rglob(f"*{outputs.TEMP_SUFFIX}")) and not list(out.rglob("*.tmp"))
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf
    for deck in out.glob("*.pptx"):
        assert len(Presentation(str(deck)).slides) >= 1, deck
    path = out / batch.RECORD_NAME
    record = json.loads(path.read_text()) if path.exists() else {}  # none when none built
    assert batch._record_problem(record) is None
    for key, entry in record.items():
        for fmt, value in entry["outputs"].items():
            assert outputs.file_sha256(out / f"{key}.{fmt}") == value["sha256"], (key, fmt)
    return record


def _stop(process: subprocess.Popen, signum: int, *, group: bool) -> tuple[float, str]:
    start = time.monotonic()
    (os.killpg if group else os.kill)(process.pid, signum)
    _, stderr = process.communicate(timeout=30)
    return time.monotonic() - start, stderr


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "group", "code"), [
    (signal.SIGINT, True, 130), (signal.SIGINT, False, 130), (signal.SIGTERM, False, 143),
    (signal.SIGHUP, False, 129), (signal.SIGTERM, True, 143)],
    ids=["ctrl-c-group", "sigint-parent", "sigterm", "sighup", "sigterm-group"])
def test_a_signal_stops_the_build_promptly_and_leaves_it_consistent(briefs, tmp_path, signum,
                                                                     group, code):
    out = tmp_path / "out"
    process = _start(briefs, out)
    _wait_for_first_output(process, out)
    elapsed, stderr = _stop(process, signum, group=group)
    assert process.returncode == code, stderr
    assert elapsed < STOP_WITHIN_S, f"took {elapsed:.2f} s to stop"
    record = _assert_whole_and_recorded(out)
    built = len(record)
    assert built < BRIEFS  # it did stop, not finish the batch
    assert stderr.strip().splitlines()[-1] == (
        f"error: build interrupted by {signal.Signals(signum).name}: {built} of {BRIEFS} briefs "
        f"built, 0 up to date, 0 failed; run it again to build the other {BRIEFS - built}")


@pytest.mark.slow
def test_the_next_build_builds_only_what_the_interrupted_one_did_not(briefs, tmp_path):
    out = tmp_path / "out"
    process = _start(briefs, out)
    _wait_for_first_output(process, out)
    time.sleep(1.0)  # a few briefs built
    _stop(process, signal.SIGINT, group=True)
    assert process.returncode == 130
    built = len(_assert_whole_and_recorded(out))
    again = subprocess.run([sys.executable, "-m", "deckmaker", "build", str(briefs), "--out",
                            str(out), "-j", "2", "--format", FORMATS],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == (
        f"{BRIEFS - built} built, {built} up to date, 0 failed.")
    assert len(_assert_whole_and_recorded(out)) == BRIEFS
    assert not (out / batch.JOURNAL_NAME).exists()


def _children(pid: int) -> list[int]:
    """The pids of ``pid``'s child processes, from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (ProcessLookupError, FileNotFoundError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_no_worker_outlives_a_parent_killed_with_sigkill(briefs, tmp_path):
    out = tmp_path / "out"
    process = _start(briefs, out)
    _wait_for_first_output(process, out)
    workers = _children(process.pid)
    assert len(workers) == 2 and all(map(_alive, workers))
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    deadline = time.monotonic() + 3
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers still running 3 s later"


@pytest.mark.slow
def test_a_build_after_a_sigkill_removes_the_temporary_files_left_and_finishes(briefs,
                                                                               tmp_path):
    out = tmp_path / "out"
    process = _start(briefs, out)
    _wait_for_first_output(process, out)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    time.sleep(0.5)  # the workers go with their parent
    dead = max(_children(os.getpid()) + [os.getpid()]) + 1_000_000  # no such process
    left = out / f".brief-00.pdf.{dead}.abcdefgh{outputs.TEMP_SUFFIX}"
    left.write_bytes(b"partial")
    again = subprocess.run([sys.executable, "-m", "deckmaker", "build", str(briefs), "--out",
                            str(out), "-j", "2", "--format", FORMATS, "-q"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert not left.exists()
    assert len(_assert_whole_and_recorded(out)) == BRIEFS


def test_a_signal_during_a_serial_build_records_what_was_built(tmp_path):
    """In-process, one worker: the signal arrives as the first brief is reported."""
    for number in range(3):
        write_synthetic_brief(tmp_path / f"b{number}.yaml", "small", evidence=2, figures=0)
    out = tmp_path / "out"
    options = BuildOptions(out, ("pdf",))
    with pytest.raises(BuildInterrupted) as stopped:
        build_many(find_briefs([tmp_path]), options,
                   on_result=lambda _result: signal.raise_signal(signal.SIGTERM))
    assert stopped.value.exit_code == 143
    assert str(stopped.value) == ("build interrupted by SIGTERM: 1 of 3 briefs built, 0 up to "
                                  "date, 0 failed; run it again to build the other 2")
    assert sorted(json.loads((out / batch.RECORD_NAME).read_text())) == ["b0"]
    assert sorted(p.name for p in out.iterdir()) == [batch.RECORD_NAME, "b0.pdf"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers restored


def test_temporary_files_are_removed_only_for_the_processes_named_or_gone(tmp_path):
    mine = tmp_path / f".x.pdf.{os.getpid()}.abcdefgh{outputs.TEMP_SUFFIX}"
    gone = tmp_path / f".x.pdf.99999999.abcdefgh{outputs.TEMP_SUFFIX}"
    someone = tmp_path / f".x.pdf.{os.getppid()}.abcdefgh{outputs.TEMP_SUFFIX}"
    user = tmp_path / ".notes.tmp"
    for path in (mine, gone, someone, user):
        path.write_bytes(b"x")
    assert outputs.remove_temporaries([tmp_path]) == 1  # the process that is gone
    assert not gone.exists() and mine.exists() and someone.exists() and user.exists()
    assert outputs.remove_temporaries([tmp_path], [os.getppid()]) == 1
    assert not someone.exists() and mine.exists() and user.exists()

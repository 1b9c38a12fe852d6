"""Watch faults: briefs deleted and re-created or renamed, a pack broken then fixed, and
an output folder inside the watched folder or the pack; one rebuild per real change,
none for deckmaker's own writes. The watcher's poll is driven directly (two polls: a
change is acted on once the files stand still), plus one real subprocess."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckmaker.batch import BuildOptions, build_many, find_briefs
from deckmaker.synthetic import write_synthetic_brief
from deckmaker.watch import Watcher


def settle(watcher: Watcher) -> set[Path] | None:
    """Poll as the loop does until a change is reported or the files are still."""
    first = watcher.poll()
    return first if first is not None else watcher.poll()


def bump(path: Path) -> None:
    """Make an edit visible even on a file system with coarse times."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))


@pytest.fixture
def tree(tmp_path):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    write_synthetic_brief(briefs / "a.yaml", "small", evidence=2, figures=0)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: mine\nextends: default\n")
    return tmp_path


def watcher_for(tree: Path, out: Path) -> Watcher:
    return Watcher((str(tree / "briefs"),), BuildOptions(out, ("pdf",), str(tree / "pack")))


def test_nothing_changed_is_no_change(tree):
    watcher = watcher_for(tree, tree / "out")
    assert watcher.poll() is None and watcher.poll() is None


def test_one_edit_is_one_change_once_it_stands_still(tree):
    watcher = watcher_for(tree, tree / "out")
    brief = tree / "briefs" / "a.yaml"
    brief.write_text(brief.read_text() + "\n")
    assert watcher.poll() is None  # just changed: it may still be being written
    assert watcher.poll() == {brief.resolve()}
    assert [j.key for j in watcher.jobs_for({brief.resolve()})] == ["a"]
    assert watcher.poll() is None and watcher.poll() is None  # reported once


def test_a_brief_deleted_and_recreated_is_rebuilt(tree):
    watcher = watcher_for(tree, tree / "out")
    brief = tree / "briefs" / "a.yaml"
    saved = brief.read_bytes()
    brief.unlink()
    changed = settle(watcher)
    assert changed == {brief.resolve()} and watcher.jobs_for(changed) == []
    brief.write_bytes(saved.replace(b"Synthetic", b"Recreated"))
    changed = settle(watcher)
    assert [j.key for j in watcher.jobs_for(changed)] == ["a"]
    bump(brief)  # and it is still watched after that
    assert [j.key for j in watcher.jobs_for(settle(watcher))] == ["a"]


def test_a_named_brief_file_deleted_and_recreated_is_rebuilt(tree):
    brief = tree / "briefs" / "a.yaml"
    watcher = Watcher((str(brief),), BuildOptions(tree / "out", ("pdf",)))
    saved = brief.read_bytes()
    brief.unlink()
    assert watcher.jobs_for(settle(watcher)) == []
    brief.write_bytes(saved)
    assert [j.key for j in watcher.jobs_for(settle(watcher))] == ["a"]


def test_a_renamed_brief_is_built_under_its_new_name(tree):
    watcher = watcher_for(tree, tree / "out")
    (tree / "briefs" / "a.yaml").rename(tree / "briefs" / "b.yaml")
    assert [j.key for j in watcher.jobs_for(settle(watcher))] == ["b"]


def test_a_pack_broken_then_fixed_rebuilds_every_brief(tree):
    watcher = watcher_for(tree, tree / "out")
    pack_file = tree / "pack" / "pack.yaml"
    pack_file.write_text("name: mine\nextends: [unclosed\n")
    changed = settle(watcher)
    assert changed == {pack_file.resolve()}
    assert [j.key for j in watcher.jobs_for(changed)] == ["a"]  # the build then says why
    pack_file.write_text("name: mine\nextends: default\n")
    assert [j.key for j in watcher.jobs_for(settle(watcher))] == ["a"]


@pytest.mark.parametrize("where", ["briefs/out", "pack/out", "briefs", "pack"])
def test_an_output_folder_inside_what_is_watched_is_never_a_change(tree, where):
    out = tree / where
    watcher = watcher_for(tree, out)
    options = BuildOptions(out, ("pdf",), str(tree / "pack"))
    results = build_many(find_briefs([tree / "briefs"]), options)
    assert [r.status for r in results] == ["built"], results[0].error
    assert (out / "a.pdf").is_file() and (out / ".deckmaker-build.json").is_file()
    (out / ".a.pdf.1.abcdefgh.deckmaker-tmp").write_bytes(b"x")  # a temporary file too
    (out / "a.new.pdf").write_bytes(b"x")
    assert watcher.poll() is None and watcher.poll() is None


def test_the_pack_digest_ignores_outputs_written_inside_the_pack(tree):
    from deckmaker import batch
    from deckmaker.pack import load_pack

    pack = load_pack(str(tree / "pack"))
    before = batch.pack_digest(pack, tree / "pack" / "out")
    (tree / "pack" / "out").mkdir()
    (tree / "pack" / "out" / "a.pdf").write_bytes(b"%PDF")
    (tree / "pack" / ".pack.yaml.swp").write_bytes(b"editor")
    assert batch.pack_digest(pack, tree / "pack" / "out") == before


@pytest.mark.slow
def test_a_real_watch_builds_each_change_once_and_never_its_own_writes(tree):
    out = tree / "briefs" / "out"  # inside the watched folder
    process = subprocess.Popen(
        [sys.executable, "-m", "deckmaker", "watch", str(tree / "briefs"), "--out", str(out),
         "--format", "pdf", "--template", str(tree / "pack"), "-j", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (out / "a.pdf").exists():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(2.0)  # no edits: nothing is built again
        brief = tree / "briefs" / "a.yaml"
        shutil.copy(brief, tree / "briefs" / "c.yaml")
        while not (out / "c.pdf").exists():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(2.0)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1] == "error: watch stopped by SIGTERM"
    assert [line for line in stdout.splitlines() if line.endswith(".")] == [
        "1 built, 0 up to date, 0 failed.", "1 built, 0 up to date, 0 failed."]

"""``deckmaker watch`` rebuilds a brief when it, or the pack, changes."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from deckmaker.batch import BuildOptions
from deckmaker.watch import watch_and_build

from .conftest import SAMPLE


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow  # real file events and four builds: 1.5-2.7 s
def test_saving_a_brief_or_pack_rebuilds_it(tmp_path, capsys):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    brief = briefs / "brief.yaml"
    shutil.copy(SAMPLE, brief)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: mine\nextends: default\n")
    out = tmp_path / "out"
    target = out / "brief.pdf"
    stop = threading.Event()
    options = BuildOptions(out, ("pdf",), str(pack))
    thread = threading.Thread(target=watch_and_build, args=((str(briefs),), options),
                              kwargs={"workers": 1, "quiet": True, "stop_event": stop})
    thread.start()
    try:
        assert _wait_for(target.exists)
        first = target.stat().st_mtime_ns
        time.sleep(0.3)  # let the watcher start before the edit
        brief.write_text(brief.read_text("utf-8").replace("TLP:CLEAR", "TLP:GREEN"), "utf-8")
        assert _wait_for(lambda: target.stat().st_mtime_ns != first)
        second = target.stat().st_mtime_ns
        (pack / "text.yaml").write_text("section:\n  bluf: Key message\n")
        assert _wait_for(lambda: target.stat().st_mtime_ns != second)
        brief.write_text("title: broken\n")  # an error is printed and watching goes on
        printed = []
        assert _wait_for(lambda: printed.append(capsys.readouterr().err) or
                         "bluf: this field is required" in "".join(printed)), printed
        shutil.copy(SAMPLE, brief)
        third = target.stat().st_mtime_ns
        assert _wait_for(lambda: target.stat().st_mtime_ns != third)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert not [p for p in Path(out).iterdir() if p.suffix == ".tmp"]

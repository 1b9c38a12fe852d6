"""Echo hygiene: nothing deckmaker prints sends an escape sequence (ANSI CSI, OSC, C1)
or a direction override to the terminal raw; brief file names holding line breaks,
controls or direction characters are refused, the name shown with escapes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from deckmaker import console
from deckmaker.escapes import visible
from tests.conftest import SAMPLE

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckmaker", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b]0;evil\x07", "\\x1b]0;evil\\x07"),  # OSC: set the window title
    ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),  # CSI: clear the screen, colour
    ("\x9b2J", "\\x9b2J"),  # C1 CSI
    ("a\rb", "a\\rb"), ("\x00\x7f", "\\x00\\x7f"),
    ("abc\u202edcba", "abc\\u202edcba"), ("\u2066x\u2069", "\\u2066x\\u2069"),
    ("line\u2028break", "line\\u2028break"),
    ("Москва 中文 ελληνικά", "Москва 中文 ελληνικά"),  # letters stay letters
])
def test_unsafe_characters_are_shown_as_escapes(text, shown):
    assert visible(text) == shown


def test_every_console_line_is_free_of_raw_controls(capsys):
    hostile = "value \x1b]0;evil\x07 and \x1b[31m \x9b \u202e\rend"
    console.error(f"brief.yaml:3:8: {hostile}\nsecond line")
    console.warning(hostile)
    console.notice(hostile)
    console.success(hostile)
    console.info(hostile)
    out, err = capsys.readouterr()
    assert not any(c in out + err for c in RAW)
    assert err.splitlines()[:2] == [
        "error: brief.yaml:3:8: value \\x1b]0;evil\\x07 and \\x1b[31m \\x9b \\u202e\\rend",
        "error: second line"]


def test_raw_json_output_stays_valid_json(capsys):
    console.raw('{"a": "\x1b\u202e"}')
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and json.loads(printed) == {"a": "\x1b\u202e"}


def test_an_escape_in_a_brief_value_reaches_no_terminal(tmp_path):
    brief = tmp_path / "brief.yaml"
    text = SAMPLE.read_text("utf-8")
    brief.write_text(text.replace("\ntitle:", '\ntitle: "\\e]0;evil\\a"\nold_title:', 1),
                     "utf-8")
    result = run("build", brief, "--out", tmp_path / "out", "--format", "pdf")
    assert result.returncode == 2
    assert not any(c in result.stdout + result.stderr for c in RAW)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.parametrize(("name", "shown", "escapes"), [
    ("bad\rname.yaml", "bad\\rname.yaml", "\\r"),
    ("bad\nname.yaml", "bad\\nname.yaml", "\\n"),
    ("evil\u202egpj.yaml", "evil\\u202egpj.yaml", "\\u202e"),
    ("esc\x1b[31m.yaml", "esc\\x1b[31m.yaml", "\\x1b"),
    ("tab\tand\x7f.yaml", "tab\\tand\\x7f.yaml", "\\t, \\x7f"),
])
def test_a_brief_file_name_with_controls_is_refused_and_shown_escaped(tmp_path, name, shown,
                                                                     escapes):
    folder = tmp_path / "briefs"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / name)
    out = tmp_path / "out"
    result = run("build", folder, "--out", out, "--format", "pdf")
    assert result.returncode == 2
    assert not any(c in result.stdout + result.stderr for c in RAW)
    assert result.stderr.strip().splitlines()[0] == (
        f"error: {folder}/{shown}: the file name holds {escapes} (a line break, control or "
        "direction character); rename the brief without it")
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_one_bad_file_name_does_not_stop_the_other_briefs(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.yaml")
    shutil.copy(SAMPLE, folder / "bad\r.yaml")
    result = run("build", folder, "--out", tmp_path / "out", "--format", "pdf")
    assert result.returncode == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".deckmaker-build.json", "good.pdf"]

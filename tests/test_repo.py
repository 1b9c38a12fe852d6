"""Repository promises: the README's set-up commands and CI agree."""

from __future__ import annotations

import re

from .conftest import ROOT


def _readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text("utf-8"))


def test_readme_starts_with_the_build_and_test_commands():
    build, test = _readme_commands()[:2]
    assert build.endswith("deckmaker build briefs/russia-north-korea-china.yaml")
    assert test.endswith("pytest -q")


def test_ci_runs_exactly_the_readme_test_command():
    """.ci/run holds the README's test command as one line, unchanged (it then adds the lint
    and the floor-version run)."""
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()
    assert _readme_commands()[1] in ci_lines


def test_out_folder_is_kept_but_empty_in_git():
    assert (ROOT / "out" / ".gitkeep").exists()
    ignore = (ROOT / ".gitignore").read_text("utf-8").split()
    assert "/out/*" in ignore and "!/out/.gitkeep" in ignore

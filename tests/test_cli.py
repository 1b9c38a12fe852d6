"""The command line: start-up stays light, exit codes per failure kind, starter brief."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from deckmaker.brief import load_brief
from deckmaker.cli import cli
from deckmaker.errors import InvalidInput

from .conftest import SAMPLE


def _imported_modules(*args: str) -> set[str]:
    code = ("import sys; from deckmaker.cli import main; sys.argv = ['deckmaker', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=False)
    modules = set(result.stderr.split())
    assert "deckmaker.cli" in modules, result.stderr  # the command ran and listed its modules
    return modules


@pytest.mark.parametrize("args", [
    ["--help"], ["validate", str(SAMPLE)], ["schema"], ["check", str(SAMPLE)],
    ["build", "--help"], ["email", "--help"], ["watch", "--help"], ["new", "--help"],
    ["check", "--help"],
])
def test_start_up_and_validate_do_not_import_renderers(args):
    """Neither reportlab nor python-pptx, nor any writer: the format list comes from
    deckmaker.formats, which names the writers without importing them."""
    heavy = {m for m in _imported_modules(*args) if m.split(".")[0] in ("reportlab", "pptx")
             or m.startswith("deckmaker.writers")}
    assert not heavy


def test_validate_the_sample():
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE)])
    assert result.exit_code == 0, result.output


def test_new_writes_a_starter_that_validates_once_its_placeholders_are_replaced(tmp_path):
    target = tmp_path / "mine.yaml"
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert result.exit_code == 0, result.output
    with pytest.raises(InvalidInput) as unedited:
        load_brief(target)
    messages = [p.message for p in unedited.value.problems]
    assert messages[0] == "title: still the starter's placeholder text; write your brief's title"
    assert all("still the starter's placeholder text" in m for m in messages)
    text = target.read_text("utf-8")
    for placeholder, own in (("Write", "Wrote"), ("Its ", "Our "), ("Name of", "Named"),
                             ("Title of", "Titled"), ("An optional", "A real"),
                             ("Who should", "Who will"), ("example-tag", "mine")):
        text = text.replace(placeholder, own)
    target.write_text(text, "utf-8")
    brief = load_brief(target)
    assert brief.key_judgments and brief.evidence[1].figure and brief.evidence[0].quote
    assert brief.recommendations[0].owner and brief.indicators and brief.sources[0].url
    again = CliRunner().invoke(cli, ["new", str(target)])
    assert again.exit_code == 2 and "the file exists" in again.stderr


def test_unknown_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--format", "docx",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: --format: unknown format 'docx'; use one or more of: pdf, pptx, eml")
    assert not any(tmp_path.iterdir())


def test_missing_file_is_invalid_input(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such file; check the path" in result.stderr


def test_new_points_the_editor_at_the_schema_relative_to_the_brief(tmp_path):
    target = tmp_path / "deep" / "brief.yaml"
    target.parent.mkdir()
    CliRunner().invoke(cli, ["new", str(target)])
    first = target.read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (target.parent / first.removeprefix(prefix)).resolve() == \
        (SAMPLE.parents[1] / "schema" / "brief.schema.json").resolve()


def test_validate_an_empty_folder_is_invalid_input(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no briefs found in" in result.stderr

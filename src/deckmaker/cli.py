"""The ``deckmaker`` command line: the group, the small commands and ``build`` and
``watch``; ``check`` and ``email`` live in ``deckmaker.commands``, and what every command
shares in ``deckmaker.commands.common``.

Heavy libraries (reportlab, python-pptx) are imported only inside the commands
that render, so ``--help`` and ``validate`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from deckmaker import __version__, console
from deckmaker.commands.check import check
from deckmaker.commands.common import brief_paths, reports_errors, worker_count
from deckmaker.commands.email import email
from deckmaker.commands.pack import pack
from deckmaker.errors import EXIT_INVALID_INPUT, InvalidInput
from deckmaker.formats import NAMES, parse_formats


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckmaker")
def cli() -> None:
    """Turn a YAML brief into a PDF memo, a PPTX deck and an email briefing."""


cli.add_command(check)
cli.add_command(email)
cli.add_command(pack)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@reports_errors
def validate(paths: tuple[str, ...]) -> None:
    """Check briefs against the format and report every problem with its line."""
    from deckmaker.brief import load_brief

    problems: list[str] = []
    for path in brief_paths(paths):
        try:
            load_brief(path)
            console.success(f"{path}: valid")
        except InvalidInput as exc:
            problems.append(str(exc))
    if problems:
        console.error("\n".join(problems))
        sys.exit(EXIT_INVALID_INPUT)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the brief format (for editor validation)."""
    import json

    from deckmaker.brief.schema import json_schema

    console.raw(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _with_schema_line(starter: str, target: Path) -> str:
    """The starter brief whose first line points editors at this install's JSON Schema."""
    from deckmaker.pack import BUILTIN_PACKS

    schema_file = BUILTIN_PACKS.parent / "schema" / "brief.schema.json"
    if not schema_file.is_file():
        return starter.split("\n", 1)[1]
    relative = Path(os.path.relpath(schema_file, target.resolve().parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n" + starter.split("\n", 1)[1]


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@reports_errors
def new(file: str, force: bool) -> None:
    """Write a commented starter brief to FILE."""
    target = Path(file)
    if target.exists() and not force:
        raise InvalidInput(f"{target}: the file exists; choose another name or add --force")
    from importlib import resources

    from deckmaker.outputs import write_bytes_atomically

    starter = resources.files("deckmaker").joinpath("starter.yaml").read_text("utf-8")
    write_bytes_atomically(target, _with_schema_line(starter, target).encode("utf-8"))
    console.success(f"wrote {target}; edit it, then run: deckmaker build {target}")


def build_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by ``build`` and ``watch``."""
    for option in reversed([
        click.option("--out", "out_dir", default="out", show_default=True,
                     type=click.Path(file_okay=False), help="Folder for the outputs."),
        click.option("--format", "formats", default=",".join(NAMES), show_default=True,
                     help=f"Comma-separated formats to build: {', '.join(NAMES)}."),
        click.option("--template", default=None,
                     help="Template pack: a built-in name or a folder."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes [default: the number of CPUs]."),
        click.option("--force", is_flag=True, help="Rebuild even when outputs are up to date."),
        click.option("--quiet", "-q", is_flag=True, help="Print only failures."),
        click.option("--strict", is_flag=True,
                     help="Treat analytic-standards findings as failures."),
        click.option("--overwrite-edited", is_flag=True,
                     help="Replace outputs edited since deckmaker wrote them, after copying "
                          "each to a timestamped backup (<name>.edited-<UTC time>.<ext>)."),
    ]):
        function = option(function)
    return function


def _options(out_dir: str, formats: str, template: str | None, force: bool, strict: bool,
             overwrite_edited: bool = False):
    from deckmaker.batch import BuildOptions

    try:
        wanted = parse_formats(formats)
    except ValueError as exc:
        raise InvalidInput(f"--format: {exc}") from None
    return BuildOptions(Path(out_dir), wanted, template, force, strict, overwrite_edited)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@build_options
@reports_errors
def build(paths: tuple[str, ...], out_dir: str, formats: str, template: str | None,
          jobs: int | None, force: bool, quiet: bool, strict: bool,
          overwrite_edited: bool) -> None:
    """Build the memo, deck and email of each brief (files or folders) into --out.
    An output edited since deckmaker wrote it is kept; the new build goes beside it."""
    from deckmaker import cache
    from deckmaker.batch import build_many, exit_code, find_briefs

    cache.report_discarded(console.warning)
    options = _options(out_dir, formats, template, force, strict, overwrite_edited)
    found = find_briefs(paths)
    with console.BuildReporter(len(found), quiet=quiet) as reporter:
        results = build_many(found, options, workers=worker_count(jobs),
                             on_result=reporter.result, warn=console.warning)
    reporter.summary(results)
    sys.exit(exit_code(results))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@build_options
@reports_errors
def watch(paths: tuple[str, ...], out_dir: str, formats: str, template: str | None,
          jobs: int | None, force: bool, quiet: bool, strict: bool,
          overwrite_edited: bool) -> None:
    """Rebuild briefs whenever they or the template pack change (Ctrl-C stops)."""
    from deckmaker import cache
    from deckmaker.watch import watch_and_build

    cache.report_discarded(console.warning)
    options = _options(out_dir, formats, template, force, strict, overwrite_edited)
    watch_and_build(paths, options, workers=worker_count(jobs), quiet=quiet)


def main() -> None:
    """Console entry point."""
    cli(prog_name="deckmaker")

"""``deckmaker pack``: commands about template packs. ``pack check PACK_DIR`` loads and
validates a pack as ``build`` does (confinement, caps, fonts, logo, the master's
sanitiser), then runs each of ``PACK_CHECKS`` on it and prints their findings, one
located line each: what the sanitiser removed from the master (warnings: the build
goes on without it) and templates that cannot load a file they name (errors).

Registered on the group in deckmaker.cli. A check is a function of the loaded pack
returning findings; add one to ``PACK_CHECKS`` to report more.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckmaker import console
from deckmaker.commands.common import reports_errors
from deckmaker.errors import EXIT_INVALID_INPUT, EXIT_OK, InvalidInput

if TYPE_CHECKING:  # pydantic and jinja2 load with the pack; keep them off `--help`
    from deckmaker.check.finding import Finding
    from deckmaker.pack import Pack

CODE_REMOVED = "PK001"  # the sanitiser removed something from the master
CODE_TEMPLATE = "PK002"  # a template cannot load what it names, or does not compile


@click.group()
def pack() -> None:
    """Template packs: check one before building with it."""


@pack.command("check")
@click.argument("pack_dir", type=click.Path(file_okay=False))
@reports_errors
def check_pack(pack_dir: str) -> None:
    """Validate the pack in PACK_DIR as build would, and list what the master's sanitiser
    removed. Exit 0 when the pack can be used, 2 on errors."""
    from deckmaker.pack import PACK_FILE, load_pack

    if not (Path(pack_dir) / PACK_FILE).is_file():
        raise InvalidInput(f"{pack_dir}: no {PACK_FILE} here; give the folder of a pack")
    try:
        loaded = load_pack(Path(pack_dir))
    except InvalidInput as exc:
        console.error(str(exc))
        sys.exit(EXIT_INVALID_INPUT)
    findings = sorted(f for check in PACK_CHECKS for f in check(loaded))
    for finding in findings:
        line = str(finding)
        console.error(line) if finding.severity == "error" else console.warning(line)
    errors = sum(f.severity == "error" for f in findings)
    if errors:
        sys.exit(EXIT_INVALID_INPUT)
    removed = sum(f.code == CODE_REMOVED for f in findings)
    warnings = len(findings) - removed
    told = [f"{n} {what}{'s' if n != 1 else ''}{tail}" for n, what, tail in (
        (removed, "item", " removed from the master"), (warnings, "warning", "")) if n]
    console.success(f"{pack_dir}: the pack '{loaded.name}' can be used"
                    + (f" ({', '.join(told)})" if told else ""))
    sys.exit(EXIT_OK)


def master_removals(loaded: Pack) -> Iterable[Finding]:
    """What the sanitiser removed from the master (external links, macros), one each."""
    from deckmaker.check.finding import Finding

    for note in loaded.notes:
        problem = note.problem
        yield Finding(problem.path, problem.line, problem.column, CODE_REMOVED,
                      problem.message, "warning")


def template_loads(loaded: Pack) -> Iterable[Finding]:
    """Each whole-file template compiles and every include/import/from/extends with a
    literal name names a file of the pack (a computed name is checked as it renders)."""
    from jinja2 import TemplateNotFound, nodes

    from deckmaker.check.finding import Finding
    from deckmaker.errors import display_path

    seen: set[str] = set()  # a child's template hides its parent's of the same name
    for folder in loaded.folders:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(f for f in files if f.endswith(".j2")):
                relative = (Path(root) / name).relative_to(folder).as_posix()
                if relative in seen:
                    continue
                seen.add(relative)
                shown = display_path(Path(root) / name)
                try:
                    template = loaded.template(relative, autoescape=name.endswith(".html.j2"))
                    environment = template.environment
                    tree = environment.parse(environment.loader.get_source(environment,
                                                                           relative)[0])
                except InvalidInput as exc:
                    for problem in exc.problems or ():
                        yield Finding(problem.path, problem.line, problem.column,
                                      CODE_TEMPLATE, problem.message, "error")
                    if not exc.problems:
                        yield Finding(shown, 1, 1, CODE_TEMPLATE, str(exc), "error")
                    continue
                loader = environment.loader
                for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport,
                                           nodes.Extends)):
                    if not isinstance(node.template, nodes.Const):
                        continue
                    target = str(node.template.value)
                    try:
                        loader.get_source(environment, target)
                    except TemplateNotFound as exc:
                        reason = getattr(exc, "reason", "is not a file of the pack or the "
                                                        "packs it extends")
                        yield Finding(shown, node.lineno, 1, CODE_TEMPLATE,
                                      f"cannot load '{target}': it {reason}", "error")


def template_checks(loaded: Pack) -> Iterable[Finding]:
    """Wording, layouts, contrast, colour blindness, logo and fonts (deckmaker.packcheck)."""
    from deckmaker.packcheck import CHECKS

    for check in CHECKS:
        yield from check(loaded)


PACK_CHECKS: tuple[Callable[[Pack], Iterable[Finding]], ...] = (master_removals, template_loads,
                                                                 template_checks)

from deckmaker.commands.pack_new import new_pack  # noqa: E402 - registered after the group

pack.add_command(new_pack)

"""``deckmaker check``: report analytic-standards findings, compiler style or as JSON.

Registered on the group in deckmaker.cli.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from deckmaker import console
from deckmaker.commands.common import brief_paths, reports_errors
from deckmaker.errors import EXIT_INVALID_INPUT, EXIT_OK, InvalidInput

if TYPE_CHECKING:  # the rules load pydantic; keep them off `deckmaker --help`
    from deckmaker.check import Finding, Rule

EXIT_FINDINGS = 1
JSON_FORMAT_VERSION = 1


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True,
              help="Exit 1 on any warning too (info findings are advice and never fail).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules: codes or prefixes, comma-separated (DM1,DM201).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules: codes or prefixes, comma-separated.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one finding per line; json: for CI and editors.")
@click.option("--show-ignored", is_flag=True,
              help="Also list the findings silenced by '# deckmaker: ignore' or 'check: ignore'.")
@reports_errors
def check(paths: tuple[str, ...], strict: bool, select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, show_ignored: bool) -> None:
    """Check briefs against analytic standards (estimative language, sourcing, form)."""
    from deckmaker.check import check_brief_report

    rules = chosen_rules(select, ignore)
    briefs = brief_paths(paths)  # nothing is written, so equal names in two folders are fine
    findings: list[Finding] = []
    ignored: list[tuple[Finding, str]] = []
    invalid: list[str] = []
    for path in briefs:
        try:
            report = check_brief_report(path, rules)
        except InvalidInput as exc:
            invalid.append(str(exc))
            continue
        findings += report.findings
        ignored += report.ignored
    findings.sort()
    ignored.sort()
    if output_format == "json":
        console.raw(findings_json(findings, ignored, show_ignored=show_ignored))
    else:
        _print_text(findings, ignored if show_ignored else [], len(ignored),
                    len(briefs) - len(invalid))
    if invalid:
        console.error("\n".join(invalid))
        sys.exit(EXIT_INVALID_INPUT)
    sys.exit(exit_code(findings, strict=strict))


def chosen_rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Rule]:
    """The rules ``--select`` keeps (all by default) minus those ``--ignore`` drops."""
    from deckmaker.check import RULES

    selected = _prefixes("--select", select)
    ignored = _prefixes("--ignore", ignore)
    return [rule for rule in RULES
            if (not selected or rule.code.startswith(selected))
            and not (ignored and rule.code.startswith(ignored))]


def _prefixes(option: str, values: tuple[str, ...]) -> tuple[str, ...]:
    from deckmaker.check import RULES

    prefixes = tuple(p.strip().upper() for value in values for p in value.split(",") if p.strip())
    for prefix in prefixes:
        if not any(rule.code.startswith(prefix) for rule in RULES):
            raise InvalidInput(f"{option}: no rule code starts with '{prefix}'; codes run "
                               f"from {RULES[0].code} to {RULES[-1].code} (see docs/checks.md)")
    return prefixes


def exit_code(findings: list[Finding], *, strict: bool) -> int:
    """1 when an error was found, or any warning too under ``--strict``; else 0 (``info``
    findings are advice and fail nothing)."""
    failing = [f for f in findings if f.severity == "error"
               or (strict and f.severity == "warning")]
    return EXIT_FINDINGS if failing else EXIT_OK


def findings_json(findings: list[Finding], ignored: list[tuple[Finding, str]] = (), *,
                  show_ignored: bool = False) -> str:
    """The documented JSON report: format version, findings in order, and counts; the
    silenced findings with their reasons when ``show_ignored``."""
    report: dict = {
        "version": JSON_FORMAT_VERSION,
        "findings": [f.to_json() for f in findings],
        "summary": {**_counts(findings), "ignored": len(ignored)},
    }
    if show_ignored:
        report["ignored"] = [{**f.to_json(), "reason": reason} for f, reason in ignored]
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _counts(findings: list[Finding]) -> dict[str, int]:
    by_severity = [f.severity for f in findings]
    return {"errors": by_severity.count("error"), "warnings": by_severity.count("warning"),
            "info": by_severity.count("info")}


def _print_text(findings: list[Finding], shown_ignored: list[tuple[Finding, str]],
                ignored: int, checked: int) -> None:
    for finding in findings:
        console.info(str(finding))
    for finding, reason in shown_ignored:
        console.info(f"{finding} (ignored: {reason})")
    silenced = f" ({ignored} ignored)" if ignored else ""
    if not findings:
        if checked:
            console.success(f"{_plural(checked, 'brief')} checked: no findings{silenced}")
        return
    counts = _counts(findings)
    advice = f", {counts['info']} info" if counts["info"] else ""
    console.info(f"{_plural(len(findings), 'finding')} ({_plural(counts['errors'], 'error')}, "
                 f"{_plural(counts['warnings'], 'warning')}{advice}) in "
                 f"{_plural(checked, 'brief')}{silenced}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


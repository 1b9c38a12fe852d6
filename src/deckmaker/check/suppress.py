"""Findings a reviewer has accepted: ``# deckmaker: ignore DM101 -- reason`` on a line of
the brief silences those codes on that line; ``check: {ignore: [DM204], reason: ...}``
silences them in the whole brief. A reason is required: without one, or naming no rule,
the suppression silences nothing and is itself a DM000 finding."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from deckmaker.check.locate import SourceText

# A YAML comment starts at a '#' that opens the line or follows white space.
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*deckmaker\s*:(?P<body>[^\n\r]*)", re.MULTILINE)
_IGNORE = re.compile(r"^\s*ignore\s+(?P<codes>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)"
                     r"(?:\s+--(?P<reason>.*?))?\s*$")
FORM = "'# deckmaker: ignore DM101 -- reason'"


@dataclass(frozen=True)
class Suppression:
    """Codes silenced on one line (``line`` None: in the whole brief), and why; or, when
    ``problem`` is set, a suppression that silences nothing, with what is wrong."""

    line: int | None
    column: int
    codes: tuple[str, ...]
    reason: str
    problem: str | None = None


def line_suppressions(text: str, known: frozenset[str]) -> tuple[Suppression, ...]:
    """The ``# deckmaker:`` comments of the YAML ``text``; ``known`` are the rule codes."""
    return _line_suppressions(text, known)


@lru_cache(maxsize=8)  # the rule reporting DM000 and the runner read the same text
def _line_suppressions(text: str, known: frozenset[str]) -> tuple[Suppression, ...]:
    matches = list(_COMMENT.finditer(text))
    if not matches:  # most briefs: no need to scan the YAML (pure Python, slow)
        return ()
    source = SourceText(text)
    starts, ends = _scalar_spans(text)
    found = []
    for match in matches:
        at = bisect.bisect_right(starts, match.start()) - 1
        if at >= 0 and match.start() < ends[at]:
            continue  # a '#' inside a quoted or block value is text, not a comment
        line, column = source.position(match.start())
        ignore = _IGNORE.match(match["body"])
        if ignore is None:
            found.append(Suppression(line, column, (), "", f"write the comment as {FORM}"))
            continue
        codes = tuple(code.upper() for code in re.split(r"\s*,\s*", ignore["codes"]))
        reason = (ignore["reason"] or "").strip()
        found.append(Suppression(line, column, codes, reason, _problem(codes, reason, known)))
    return tuple(found)


def _scalar_spans(text: str) -> tuple[list[int], list[int]]:
    """The start and end character indexes of every scalar's text in the YAML ``text``, in
    order (a ``>`` or ``|`` block's text starts on the line after its header, which may
    carry a comment)."""
    starts, ends = [], []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken):
            start = token.start_mark.index
            if token.style in ("|", ">"):
                newline = text.find("\n", start)
                start = newline if newline >= 0 else len(text)
            starts.append(start)
            ends.append(token.end_mark.index)
    return starts, ends


def brief_suppression(data: dict[str, Any], known: frozenset[str]) -> Suppression | None:
    """The brief's ``check:`` settings as a suppression, if it has any."""
    settings = data.get("check")
    if not isinstance(settings, dict) or not settings.get("ignore"):
        return None
    codes = tuple(str(code).upper() for code in settings["ignore"])
    reason = settings.get("reason") or ""
    return Suppression(None, 1, codes, reason, _problem(codes, reason, known, brief=True))


def _problem(codes: tuple[str, ...], reason: str | None, known: frozenset[str], *,
             brief: bool = False) -> str | None:
    unknown = [code for code in codes if code not in known or code == "DM000"]
    if unknown:
        return (f"'{unknown[0]}' is not a rule that can be ignored; codes run from DM101 "
                "(see docs/checks.md)")
    if not reason:
        return ("give the reason the finding is accepted: 'reason:' beside 'ignore:'" if brief
                else f"give the reason the finding is accepted: {FORM}")
    return None

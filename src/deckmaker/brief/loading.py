"""Reading a brief file into a validated Brief, with every problem located.

All problems are collected and raised together as one InvalidInput, one line
each, compiler style: ``file:line:column: field: message; hint``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from deckmaker.brief.pitfalls import text_problems
from deckmaker.brief.schema import Brief
from deckmaker.estimative import ALL_LIKELIHOOD_TERMS, ICD203, SCALES, Scale, same_band
from deckmaker.errors import InvalidInput, Problem
from deckmaker.yamlsource import Path_, YamlDocument, dotted_path, read_yaml


def load_brief(path: Path) -> Brief:
    """Read and validate the brief at ``path``; raise InvalidInput listing every problem."""
    return read_brief(path)[0]


def read_brief(path: Path, raw: bytes | None = None) -> tuple[Brief, YamlDocument]:
    """The validated brief at ``path`` (whose bytes are ``raw`` when already read) and the
    YAML it was read from (data, positions, text); raise InvalidInput listing every problem."""
    doc = read_yaml(Path(path), what="brief", raw=raw)
    problems: list[Problem] = []
    brief = None
    try:
        brief = Brief.model_validate(doc.data)
    except ValidationError as exc:
        problems += _translate_all(doc, exc.errors(include_url=False))
    problems += _cross_reference_problems(doc)
    problems += text_problems(doc, _fields_at)
    if problems:
        raise InvalidInput(sorted(set(problems)))
    assert brief is not None
    return brief, doc


def _fields_at(path: Path_) -> list[str]:
    """The field names allowed at ``path`` in the brief model (for did-you-mean)."""
    model: Any = Brief
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) else None
        if field is None:
            return []
        model = _model_of(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"
    return {True: "true", False: "false", None: "nothing"}.get(value, repr(value)) \
        if isinstance(value, bool | None) else repr(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {_shown(value)}"
    if isinstance(value, int | float):
        shown = str(value)
        return f"number {shown[:20]}…" if len(shown) > 24 else f"number {shown}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"{_shown(value)}"


def _translate_all(doc: YamlDocument, errors: list[dict]) -> list[Problem]:
    """Located problems for pydantic's errors; a misspelt key does not also report
    the field it was meant to be as missing."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1]), n=1, cutoff=0.7)
            misspelt.update((*loc[:-1], name) for name in close)
    return [_translate(doc, error) for error in errors
            if not (error["type"] == "missing" and tuple(error["loc"]) in misspelt)]


def _translate(doc: YamlDocument, error: dict) -> Problem:
    loc: Path_ = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = dotted_path(loc) or "brief"
    if kind == "missing":
        return doc.problem(loc[:-1], f"{name}: this field is required; add it")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _fields_at(loc[:-1]), n=1, cutoff=0.7)
        hint = f"did you mean '{close[0]}'?" if close else \
            "allowed here: " + ", ".join(_fields_at(loc[:-1]))
        return doc.problem(loc, f"{name}: unknown field '{key}'; {hint}", at_key=True)
    if kind == "literal_error" and loc[-1] == "likelihood":
        ctx = {"expected": ", ".join(term for term, _ in _scale_of(doc.data).terms)}
    message = _message(kind, value, ctx)
    if kind == "literal_error":
        meant = _near_miss(str(loc[-1]), value, ctx, _scale_of(doc.data))
        message += f"; did you mean '{meant}'?" if meant else ""
    return doc.problem(loc, f"{name}: {message}")


# Words analysts write for a level the vocabulary names otherwise.
_MEANT = {"confidence": {"medium": "moderate", "med": "moderate", "mid": "moderate",
                         "average": "moderate", "strong": "high", "weak": "low"}}


def _near_miss(field: str, value: Any, ctx: dict, scale: Scale) -> str | None:
    """The allowed word ``value`` was probably meant as: a known synonym, the same band's
    likelihood term ("probable" -> "likely"), or a close spelling."""
    if not isinstance(value, str):
        return None
    words = " ".join(value.lower().split())
    options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ").split(", ")
    meant = _MEANT.get(field, {}).get(words)
    if meant is None and field == "likelihood":
        meant = same_band(words.replace("almost certainly", "almost certain"), scale)
    if meant is None:
        close = difflib.get_close_matches(words, options, n=1, cutoff=0.75)
        meant = close[0] if close else None
    return meant if meant in options else None


def _message(kind: str, value: Any, ctx: dict) -> str:
    if kind == "literal_error":
        options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"{_shown(value)} is not one of: {options}"
    if kind in ("string_type", "string_sub_type") and value is None:
        return "expected text, got nothing; write the text after the colon"
    if kind in ("string_type", "string_sub_type"):
        return f"expected text, got {_kind(value)}; put it in quotes"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {ctx['max_length']})"
    if kind == "string_pattern_mismatch":
        return (f"{_shown(value)} is not a valid id; use letters, digits, '-' and '_' "
                "(at most 64, starting with a letter or digit)")
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing",
                "date_from_datetime_parsing"):
        if isinstance(value, str):
            return f"{_shown(value)} is not a real calendar date; write it as YYYY-MM-DD"
        return f"expected a date like 2025-02-05, got {_kind(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_kind(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_kind(value)}"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item{'s' if ctx['min_length'] > 1 else ''}"
    if kind == "too_long":
        return f"has {ctx['actual_length']} items; at most {ctx['max_length']} are allowed"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "values must lie between -1e15 and 1e15; give the figure a unit such as " \
               "'billion' instead"  # an integer too large for a float
    if kind in ("float_type", "int_type", "float_parsing"):
        return f"expected a number, got {_kind(value)}"
    if kind == "value_error":
        return str(ctx.get("error", "is not valid"))
    return f"{_shown(value)} is not valid"


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def anchor_key(ident: str) -> str:
    """What an id becomes in a link target: lower case, punctuation runs as one hyphen
    (``Ev-1`` and ``ev_1`` are both ``ev-1``); ``compose`` makes anchors the same way."""
    return re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "x"


def _ids(doc: YamlDocument, collection: str, problems: list[Problem]) -> set[str]:
    """Ids defined in ``collection``; duplicates, and ids that differ only in case or
    punctuation (they would share one link target in the memo), become problems."""
    counts: Counter[str] = Counter()
    first_of: dict[str, tuple[int, str]] = {}
    for i, item in _items(doc.data, collection):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        counts[ident] += 1
        if counts[ident] == 2:
            problems.append(doc.problem((collection, i, "id"),
                                        f"{collection}[{i + 1}].id: duplicate id '{ident}'; "
                                        "ids must be unique, so rename one"))
            continue
        index, other = first_of.setdefault(anchor_key(ident), (i, ident))
        if other != ident:
            problems.append(doc.problem(
                (collection, i, "id"),
                f"{collection}[{i + 1}].id: '{ident}' differs from '{other}' "
                f"({collection}[{index + 1}]) only in case or punctuation, so links to them "
                "would be confused; rename one"))
    return set(counts)


def _dangling(doc: YamlDocument, collection: str, field: str, known: set[str], target: str,
              problems: list[Problem]) -> None:
    for i, item in _items(doc.data, collection):
        refs = item.get(field)
        if not isinstance(refs, list):
            continue
        for j, ref in enumerate(refs):
            if isinstance(ref, str) and ref not in known:
                close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"add it under '{target}:'"
                problems.append(doc.problem(
                    (collection, i, field, j),
                    f"{collection}[{i + 1}].{field}: no {target} item has id '{ref}'; {hint}"))


def _figure_sources(doc: YamlDocument, known: set[str], problems: list[Problem]) -> None:
    for i, item in _items(doc.data, "evidence"):
        figure = item.get("figure")
        ref = figure.get("source") if isinstance(figure, dict) else None
        if isinstance(ref, str) and ref not in known:
            close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "add it under 'sources:'"
            problems.append(doc.problem(("evidence", i, "figure", "source"),
                                        f"evidence[{i + 1}].figure.source: no sources item "
                                        f"has id '{ref}'; {hint}"))


def _figure_problems(doc: YamlDocument, problems: list[Problem]) -> None:
    for i, item in _items(doc.data, "evidence"):
        figure = item.get("figure")
        if not isinstance(figure, dict) or not isinstance(figure.get("categories"), list):
            continue
        expected = len(figure["categories"])
        series = figure.get("series") if isinstance(figure.get("series"), list) else []
        for j, row in enumerate(series):
            values = row.get("values") if isinstance(row, dict) else None
            if isinstance(values, list) and len(values) != expected:
                problems.append(doc.problem(
                    ("evidence", i, "figure", "series", j, "values"),
                    f"evidence[{i + 1}].figure.series[{j + 1}].values: has {len(values)} values "
                    f"but there are {expected} categories; give one value per category"))
        if figure.get("type") == "pie" and len(series) > 1:
            problems.append(doc.problem(("evidence", i, "figure", "series"),
                                        f"evidence[{i + 1}].figure.series: a pie chart takes one "
                                        f"series, not {len(series)}; use a bar or column chart"))
        if figure.get("type") == "pie" and series and isinstance(series[0], dict):
            values = series[0].get("values")
            if isinstance(values, list) and any(
                    isinstance(v, int | float) and v < 0 for v in values):
                problems.append(doc.problem(
                    ("evidence", i, "figure", "series", 0, "values"),
                    f"evidence[{i + 1}].figure.series[1].values: a pie chart cannot show "
                    "negative values; use a bar chart"))


def _cross_reference_problems(doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    evidence_ids = _ids(doc, "evidence", problems)
    source_ids = _ids(doc, "sources", problems)
    _ids(doc, "key_judgments", problems)
    _dangling(doc, "key_judgments", "evidence", evidence_ids, "evidence", problems)
    _dangling(doc, "evidence", "sources", source_ids, "sources", problems)
    _figure_sources(doc, source_ids, problems)
    _figure_problems(doc, problems)
    _scale_problems(doc, problems)
    return problems


def _scale_of(data: dict) -> Scale:
    """The brief's scale; ICD 203 when it is missing or invalid (the schema reports that)."""
    key = data.get("scale")
    return SCALES[key] if isinstance(key, str) and key in SCALES else ICD203


def _scale_problems(doc: YamlDocument, problems: list[Problem]) -> None:
    scale = _scale_of(doc.data)
    terms = [term for term, _ in scale.terms]
    for i, item in _items(doc.data, "key_judgments"):
        term = item.get("likelihood")
        term = " ".join(term.lower().split()) if isinstance(term, str) else term
        if term in ALL_LIKELIHOOD_TERMS and term not in terms:
            other = "phia" if scale.key == "icd203" else "icd203"
            problems.append(doc.problem(
                ("key_judgments", i, "likelihood"),
                f"key_judgments[{i + 1}].likelihood: '{term}' is not on {scale.phrase} "
                f"this brief uses; did you mean '{same_band(term, scale)}'? (or set "
                f"'scale: {other}')"))

"""FRAGMENT_VARIABLES is what the source passes: every text()/t() call with a literal
key (or an f-string key) is read from the code and compared with the table, and the
default pack's text.yaml has exactly the table's keys."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

import deckmaker
from deckmaker.fragments import FRAGMENT_VARIABLES
from deckmaker.pack import BUILTIN_PACKS

SOURCE = Path(deckmaker.__file__).resolve().parent


def fragment_calls():
    """(key or f-string pattern, is_pattern, keyword names, has **spread, place)."""
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            first = node.args[0]
            if name not in ("t", "text"):
                continue
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                key, pattern = first.value, False
            elif isinstance(first, ast.JoinedStr):
                key = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w]+"
                              for v in first.values)
                pattern = True
            else:
                continue
            if key != "date" and "." not in key:
                continue  # another text() (a number formatter, markup)
            names = {k.arg for k in node.keywords if k.arg}
            spread = any(k.arg is None for k in node.keywords)
            yield key, pattern, names, spread, f"{path.relative_to(SOURCE)}:{node.lineno}"


def test_the_table_matches_every_call():
    literal: dict[str, list] = {}
    patterns = []
    for key, pattern, names, spread, place in fragment_calls():
        (patterns.append((key, names, place)) if pattern
         else literal.setdefault(key, []).append((names, spread, place)))
    for key, calls in literal.items():
        assert key in FRAGMENT_VARIABLES, f"{calls[0][2]}: '{key}' is not in FRAGMENT_VARIABLES"
        for names, spread, place in calls:
            declared = set(FRAGMENT_VARIABLES[key])
            assert names <= declared if spread else names == declared, \
                f"{place}: {key} gets {sorted(names)}, the table says {sorted(declared)}"
    covered = set(literal)
    for pattern, names, place in patterns:
        matched = [k for k in FRAGMENT_VARIABLES if re.fullmatch(pattern, k)]
        assert matched, f"{place}: no table key matches {pattern}"
        for key in matched:
            if key not in literal:
                assert set(FRAGMENT_VARIABLES[key]) == names, f"{place}: {key}"
        covered |= set(matched)
    assert sorted(set(FRAGMENT_VARIABLES) - covered) == []


def _keys(data, prefix=()):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _keys(value, (*prefix, key))
        else:
            yield ".".join((*prefix, key))


def test_default_text_has_the_tables_keys():
    text = yaml.safe_load((BUILTIN_PACKS / "default" / "text.yaml").read_text("utf-8"))
    assert sorted(_keys(text)) == sorted(FRAGMENT_VARIABLES)

"""Checks of a pack's wording against ``deckmaker.fragments.FRAGMENT_VARIABLES``:
keys deckmaker never renders (a typo hides the wording it meant to change) and
fragments using variables deckmaker does not pass (they fail when a brief reaches them)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import jinja2
from jinja2 import meta

from deckmaker.check.finding import Finding
from deckmaker.fragments import FRAGMENT_VARIABLES
from deckmaker.packcheck.settings import texts
from deckmaker.yamlsource import YamlDocument

CODE_UNKNOWN_KEY = "PK101"
CODE_UNKNOWN_VARIABLE = "PK102"
# Only parsed, never rendered: names the sandbox provides are not the brief's variables.
_PARSER = jinja2.Environment(autoescape=False)
_GLOBALS = frozenset(_PARSER.globals)


def _leaves(data, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, str):
        yield path, data


def _check(doc: YamlDocument) -> Iterator[Finding]:
    for path, source in _leaves(doc.data):
        key = ".".join(str(p) for p in path)
        line, column = doc.position(path)
        if key not in FRAGMENT_VARIABLES:
            close = difflib.get_close_matches(key, FRAGMENT_VARIABLES, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else \
                "see the fragment table in docs/template-packs.md"
            yield Finding(doc.file, line, column, CODE_UNKNOWN_KEY,
                          f"'{key}' is not a fragment deckmaker uses, so it changes nothing; "
                          f"{hint}", "error")
            continue
        try:
            used = meta.find_undeclared_variables(_PARSER.parse(source)) - _GLOBALS
        except jinja2.TemplateSyntaxError:
            continue  # the pack loader reports it, located
        given = FRAGMENT_VARIABLES[key]
        for name in sorted(used - set(given)):
            offer = ", ".join(given) if given else "none"
            yield Finding(doc.file, line, column, CODE_UNKNOWN_VARIABLE,
                          f"{key} uses '{name}', which deckmaker does not give it; its "
                          f"variables: {offer}", "error")


def fragment_findings(pack) -> list[Finding]:
    """Unknown keys and variables in every text.yaml of the pack's chain."""
    return [f for doc in texts(pack) for f in _check(doc)]

"""Every rule, registered by importing its family module; RULES is sorted by code."""

from deckmaker.check.rule import REGISTRY, Rule
from deckmaker.check.rules import (  # noqa: F401 - registers the rules
    estimative, form, review, sourcing,
)

RULES: tuple[Rule, ...] = tuple(sorted(REGISTRY, key=lambda r: r.code))

__all__ = ["RULES", "Rule"]

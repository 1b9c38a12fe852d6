"""The words the estimative-language rules look for, and what each one means.

Terms are matched as whole words, case-insensitively, longest first, so "very
likely" is one term and "unlikely" never counts as "likely".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from deckmaker.estimative import ICD203, ICD203_ROW2, PHIA, Scale

# ICD 203 row 2 (ICD203_ROW2) is matched without bare "remote", on purpose: "a remote
# region" is far more common in briefs than the estimative use.
# Inflections that mean the same term.
ALIASES = {"almost certainly": "almost certain", "nearly certainly": "nearly certain"}
# PHIA lists "probable" next to "likely" as the same band.
PHIA_SYNONYMS = {"probable": "likely"}

NON_SCALE_WORDS = ("probably", "perhaps", "possibly", "maybe", "conceivably", "presumably",
                   "chances are", "odds are", "in all likelihood")
HEDGE_WORDS = ("may", "might", "could", "couldn't", "couldn’t")

TermKind = Literal["scale", "row2", "other_scale"]


@dataclass(frozen=True)
class Term:
    """A likelihood term found in text, read against the brief's scale."""

    words: str       # as the lexicon spells it (lower case, single spaces)
    kind: TermKind   # on the scale, ICD 203 row 2, or from the other scale
    meaning: str     # the brief scale's term for the same probability band
    origin: str      # the name of the scale the words come from


def _rank(words: str) -> tuple[int, str]:
    """The band (0-6) of ``words`` and the name of the scale it comes from."""
    for scale in (ICD203, PHIA):
        for rank, (term, _) in enumerate(scale.terms):
            if words == term:
                return rank, scale.name
    return ICD203_ROW2.index(words), ICD203.name


def likelihood_term(words: str, scale: Scale) -> Term:
    """Classify ``words`` (a match of LIKELIHOOD_PATTERN) for a brief on ``scale``."""
    term = ALIASES.get(words, words)
    on_scale = dict(scale.terms)
    if term in on_scale:
        return Term(words, "scale", term, scale.name)
    if scale is PHIA and term in PHIA_SYNONYMS:
        return Term(words, "scale", PHIA_SYNONYMS[term], scale.name)
    rank, origin = _rank(term)
    kind: TermKind = "row2" if scale is ICD203 and term in ICD203_ROW2 else "other_scale"
    return Term(words, kind, scale.terms[rank][0], origin)


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for ``phrases``, longest first.

    Hyphens count as part of a word so "mid-May" or "well-likely" do not match.
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.IGNORECASE)


def normalised(match: re.Match[str]) -> str:
    """The matched phrase in lexicon spelling: lower case, single spaces."""
    return " ".join(match.group().lower().split())


_ALL_TERMS = [t for s in (ICD203, PHIA) for t, _ in s.terms] + \
    [t for t in ICD203_ROW2 if t] + list(ALIASES) + list(PHIA_SYNONYMS)
LIKELIHOOD_PATTERN = phrase_pattern(_ALL_TERMS)
NON_SCALE_PATTERN = phrase_pattern(NON_SCALE_WORDS)
HEDGE_PATTERN = phrase_pattern(HEDGE_WORDS)

# "May" the month: capitalised and next to a day or year number, or after a
# preposition a modal verb cannot follow ("in May", "by May").
_MONTH_AFTER = re.compile(r"May\s+\d{1,4}\b")
_MONTH_BEFORE = re.compile(
    r"(?:\b\d{1,2}|\b(?i:in|by|since|until|till|from|during|early|late|last|next|this|of))\s+$")


def is_month_may(text: str, start: int) -> bool:
    """Whether the "may" at ``start`` in ``text`` is the month, not the modal verb."""
    if text[start:start + 3] != "May":
        return False
    before = text[max(0, start - 12):start]
    return bool(_MONTH_AFTER.match(text, start) or _MONTH_BEFORE.search(before))


CONFIDENCE_PATTERN = re.compile(
    r"(?<![\w-])(?:(?:high|moderate|medium|low)(?:-|\s+)confidence"
    r"|confidence\s+(?:is|was|remains)\s+(?:high|moderate|medium|low)"
    r"|(?:highly\s+|moderately\s+|fairly\s+)?confident)(?![\w-])",
    re.IGNORECASE)

# Words that make a statement a prediction; "will" as a noun ("political will",
# "Kim's will") is excluded by the words that can come before it.
PREDICTION_PATTERN = re.compile(
    r"(?<![\w'’-])(?<!political\s)(?<!the\s)(?<!its\s)(?<!their\s)(?<!free\s)(?<!good\s)"
    r"(?<!['’]s\s)"
    r"(?:will|won[’']t|shall"
    r"|(?:is|are)\s+(?:going|expected|poised|set|bound|projected|forecast)\s+to"
    r"|in\s+the\s+(?:coming|next)\s+(?:days|weeks|months|years|decade))(?![\w'’-])"
    r"|(?<=\w)[’']ll(?![\w'’-])",
    re.IGNORECASE)

# A headline's words of certainty: a forecast stated as fact ("will", "definitely"...).
CERTAINTY_PATTERN = re.compile(
    r"(?<![\w'’-])(?<!political\s)(?<!the\s)(?<!its\s)(?<!their\s)(?<!free\s)(?<!good\s)"
    r"(?<!['’]s\s)"
    r"(?:will|won[’']t|certainly|definitely|undoubtedly|(?:is|are)\s+going\s+to)(?![\w'’-])",
    re.IGNORECASE)

# Modal forms that report the past ("could not be deterred in 2024") rather than hedge.
PAST_MODAL_PATTERN = re.compile(
    r"(?:could\s+not|couldn[’']t|could\s+have|might\s+have\s+been)(?![\w'’-])", re.IGNORECASE)
_PAST_MARKER = re.compile(
    r"(?<![\w-])(?:was|were|had|did|ago|yesterday|previously|formerly|earlier|then"
    r"|until\s+recently|at\s+the\s+time|in\s+the\s+past"
    r"|last\s+(?:week|month|year|decade|summer|winter|spring|autumn|spring|time))(?![\w-])",
    re.IGNORECASE)
_FUTURE_MARKER = re.compile(
    r"(?<![\w-])(?:will|won[’']t|shall|next|coming|upcoming|future|soon|ahead|tomorrow)(?![\w-])",
    re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def is_past_modal(sentence: str, offset: int, year: int) -> bool:
    """Whether the hedge at ``offset`` of ``sentence`` is a past-tense modal ("could not",
    "couldn't", "could have", "might have been") in a sentence about the past: one with a
    past marker ("was", "last year", a year up to ``year``, the brief's) and no future one
    ("will", "next", a later year)."""
    if not PAST_MODAL_PATTERN.match(sentence, offset):
        return False
    years = [int(y) for y in _YEAR.findall(sentence)]
    if _FUTURE_MARKER.search(sentence) or any(y > year for y in years):
        return False
    return bool(_PAST_MARKER.search(sentence)) or any(y <= year for y in years)

"""DM1xx: estimative language (ICD 203, or the UK PHIA yardstick with ``scale: phia``)."""

from __future__ import annotations

from collections.abc import Iterator

from deckmaker.check.lexicon import (
    CERTAINTY_PATTERN, CONFIDENCE_PATTERN, HEDGE_PATTERN, LIKELIHOOD_PATTERN, NON_SCALE_PATTERN,
    PREDICTION_PATTERN, Term, is_month_may, is_past_modal, likelihood_term, normalised,
)
from deckmaker.check.rule import Hit, Subject, TextField, rule
from deckmaker.check.text import as_written, prose
from deckmaker.sentences import sentences


def _terms(field: TextField, subject: Subject) -> Iterator[tuple[int, Term]]:
    """Each likelihood term in ``field`` with its offset, read against the brief's scale."""
    for match in field.matches(LIKELIHOOD_PATTERN):
        yield match.start(), likelihood_term(normalised(match), subject.scale)


def _a(name: str) -> str:
    """``name`` with its indefinite article ("an ICD 203", "a PHIA ...")."""
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def _scale_terms(subject: Subject) -> str:
    return ", ".join(term for term, _ in subject.scale.terms)


def _sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` holding ``offset``."""
    return next(((start, end) for start, end in sentences(text) if start <= offset < end),
                (0, len(text)))


def _reports_the_past(field: TextField, offset: int, subject: Subject) -> bool:
    """Whether the hedge at ``offset`` is a past-tense modal in a sentence about the past."""
    text = prose(field.text)
    start, end = _sentence_of(text, offset)
    return is_past_modal(text[start:end], offset - start, subject.brief.date.year)


@rule("DM101", "vague-hedge", "warning",
      "A key judgment's statement or headline hedges with 'may', 'might' or 'could' instead "
      "of a likelihood term ('could not', 'could have' about the past are not hedges).")
def vague_hedge(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("statement", "headline"):
        for match in field.matches(HEDGE_PATTERN):
            if not is_month_may(field.text, match.start()) \
                    and not _reports_the_past(field, match.start(), subject):
                yield field.hit(match, f"'{as_written(match)}' is a vague hedge; state how "
                                       f"likely it is with {_a(subject.scale.name)} term such "
                                       "as 'likely', or state it as fact")


@rule("DM102", "non-scale-likelihood", "warning",
      "The BLUF or a key judgment's statement or headline uses a likelihood word that is "
      "on no scale ('probably', 'perhaps', 'possibly', 'chances are'...).")
def non_scale_likelihood(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("bluf", "statement", "headline"):
        for match in field.matches(NON_SCALE_PATTERN):
            yield field.hit(match, f"'{as_written(match)}' is not {_a(subject.scale.name)} "
                                   f"likelihood term; use one of: {_scale_terms(subject)}")


@rule("DM103", "icd203-row-mixing", "warning",
      "An ICD 203 row 2 term ('probable', 'highly improbable'...) in a brief whose scale "
      "uses row 1 ('likely', 'very unlikely'...).")
def icd203_row_mixing(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("bluf", "statement", "headline"):
        for offset, term in _terms(field, subject):
            if term.kind == "row2":
                yield field.hit(offset, f"'{term.words}' is from row 2 of ICD 203 but this brief "
                                        f"uses row 1; write '{term.meaning}'")


@rule("DM104", "scale-mixing", "error",
      "A likelihood term from the other scale (PHIA in an ICD 203 brief, or the reverse).")
def scale_mixing(subject: Subject) -> Iterator[Hit]:
    other = "phia" if subject.brief.scale == "icd203" else "icd203"
    for field in subject.texts("bluf", "statement", "headline"):
        for offset, term in _terms(field, subject):
            if term.kind == "other_scale":
                yield field.hit(offset, f"'{term.words}' is {_a(term.origin)} term but this brief "
                                        f"uses {subject.scale.name}; write '{term.meaning}' "
                                        f"or set 'scale: {other}'")


@rule("DM105", "likelihood-mismatch", "error",
      "A statement's or headline's likelihood word disagrees with its 'likelihood' field.")
def likelihood_mismatch(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("statement", "headline"):
        kj = subject.brief.key_judgments[field.path[1]]
        for offset, term in _terms(field, subject):
            if kj.likelihood and term.meaning != kj.likelihood:
                yield field.hit(offset, f"'{term.words}' disagrees with 'likelihood: "
                                        f"{kj.likelihood}'; make the {field.path[2]} and the "
                                        "field say the same")


@rule("DM106", "confidence-with-likelihood", "warning",
      "A confidence level and a likelihood term in the same sentence (ICD 203 keeps them apart).")
def confidence_with_likelihood(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("bluf", "statement", "headline"):
        text = prose(field.text)
        for start, end in sentences(text):
            confidence = CONFIDENCE_PATTERN.search(text, start, end)
            likelihood = LIKELIHOOD_PATTERN.search(text, start, end)
            if confidence and likelihood:
                yield field.hit(confidence, f"'{as_written(confidence)}' and "
                                            f"'{as_written(likelihood)}' are in one sentence; "
                                            "give the confidence its own sentence or put it in "
                                            "the 'confidence' field")


@rule("DM107", "missing-confidence", "warning", "A key judgment has no 'confidence'.")
def missing_confidence(subject: Subject) -> Iterator[Hit]:
    for i, ident, kj in subject.judgments():
        if kj.confidence is None:
            yield Hit(("key_judgments", i), f"key judgment '{ident}' has no confidence; add "
                                            "'confidence: high', 'moderate' or 'low'")


@rule("DM108", "prediction-without-likelihood", "warning",
      "A key judgment predicts ('will', 'is expected to', a likelihood word...) "
      "but has no 'likelihood'.")
def prediction_without_likelihood(subject: Subject) -> Iterator[Hit]:
    statements = subject.texts("statement")
    for (_, ident, kj), field in zip(subject.judgments(), statements, strict=True):
        if kj.likelihood:
            continue
        found = [m for pattern in (PREDICTION_PATTERN, LIKELIHOOD_PATTERN)
                 for m in field.matches(pattern)]
        if found:
            first = min(found, key=lambda m: m.start())
            yield field.hit(first, f"key judgment '{ident}' makes a prediction "
                                   f"('{as_written(first)}') without a likelihood; add "
                                   f"'likelihood:' with {_a(subject.scale.name)} term such as "
                                   "'likely'")


_TOP_TERM = "almost certain"  # the highest band on both scales


@rule("DM109", "certain-headline", "error",
      "A headline states a forecast as certain ('will', 'won't', 'certainly', 'definitely', "
      "'is going to') while its judgment's 'likelihood' is below 'almost certain'.")
def certain_headline(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("headline"):
        i = field.path[1]
        kj = subject.brief.key_judgments[i]
        if not kj.likelihood or kj.likelihood == _TOP_TERM:
            continue
        for match in field.matches(CERTAINTY_PATTERN):
            yield field.hit(match, f"'{as_written(match)}' reads as certain, but key judgment "
                                   f"'{subject.brief.judgment_ids()[i]}' is '{kj.likelihood}'; "
                                   f"say '{kj.likelihood}' in the headline instead")

"""Estimative-language scales: ICD 203 (US) and the UK PHIA probability yardstick."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """A likelihood scale: its name, and each term with its probability range."""

    key: str
    name: str
    phrase: str  # the scale in running text: "the ICD 203 scale"
    terms: tuple[tuple[str, str], ...]

    def range_of(self, term: str) -> str | None:
        """The probability range of ``term`` on this scale, or None if not on it."""
        return dict(self.terms).get(term)


ICD203 = Scale("icd203", "ICD 203", "the ICD 203 scale", (
    ("almost no chance", "1–5%"),
    ("very unlikely", "5–20%"),
    ("unlikely", "20–45%"),
    ("roughly even chance", "45–55%"),
    ("likely", "55–80%"),
    ("very likely", "80–95%"),
    ("almost certain", "95–99%"),
))

PHIA = Scale("phia", "PHIA probability yardstick", "the PHIA probability yardstick", (
    ("remote chance", "≤5%"),
    ("highly unlikely", "10–20%"),
    ("unlikely", "25–35%"),
    ("realistic possibility", "40–50%"),
    ("likely", "55–75%"),
    ("highly likely", "80–90%"),
    ("almost certain", "≥95%"),
))

SCALES = {scale.key: scale for scale in (ICD203, PHIA)}
ALL_LIKELIHOOD_TERMS = tuple(dict.fromkeys(t for s in SCALES.values() for t, _ in s.terms))

# ICD 203 row 2, aligned with row 1 (ICD203.terms): the same bands in other words.
ICD203_ROW2 = (None, "highly improbable", "improbable", "roughly even odds", "probable",
               "highly probable", "nearly certain")


def same_band(words: str, scale: Scale) -> str | None:
    """The term of ``scale`` for the band ``words`` names on any scale or ICD 203 row 2
    ("highly likely" -> "very likely" on ICD 203), or None if ``words`` is no such term."""
    for other in (ICD203, PHIA):
        for rank, (term, _) in enumerate(other.terms):
            if words == term:
                return scale.terms[rank][0]
    if words in ICD203_ROW2:
        return scale.terms[ICD203_ROW2.index(words)][0]
    return None

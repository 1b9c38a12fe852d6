"""The brief format (v1) as one declarative model; field names are the contract.

The same model yields the JSON Schema (``deckmaker schema``) and validates
briefs. Cross-references (ids that must exist) are checked in ``loading``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
)

from deckmaker import mailtext
from deckmaker.estimative import ALL_LIKELIHOOD_TERMS, SCALES
from deckmaker.mailtext import looks_encoded
from deckmaker.tlp import TLP_LABELS

CONFIDENCE_LEVELS = ("high", "moderate", "low")
FIGURE_TYPES = ("bar", "column", "line", "pie")
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
# A written headline is a slide title; a longer one would be shortened on the slide.
HEADLINE_MAX_CHARS = 90


def _text_of(max_length: int) -> type[str]:
    """Non-empty text, surrounding whitespace stripped, of at most ``max_length`` characters."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,  # type: ignore[return-value]
                                            max_length=max_length)]


def _one_line(value: object) -> object:
    # Titles, names and labels end up in email headers and single-line banners, where a
    # line break is invalid; a YAML block scalar may bring one in unnoticed.
    return " ".join(value.split()) if isinstance(value, str) else value


def _line_of(max_length: int) -> type[str]:
    """Like ``_text_of``, with line breaks and runs of spaces folded into one space."""
    return Annotated[_text_of(max_length), BeforeValidator(_one_line)]  # type: ignore[return-value]


Text = _text_of(5000)
Line = _line_of(500)
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not a web address; use one starting with https://")
    if any(char.isspace() for char in value):
        raise ValueError(f"'{value}' contains a space; write spaces in a web address as %20")
    return value


# Direction overrides and isolates: they reorder what a reader sees (U+202E shows
# "fdp.exe" as "exe.pdf"), in a Subject, a file name or a banner.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Invisible characters with no job in a title or a banner: they make two Subjects that look
# the same differ, or hide a word from a mail filter. (ZWJ and ZWNJ stay: Persian, Indic
# scripts and emoji need them; LRM and RLM are marks, not overrides.)
_INVISIBLES = re.compile("[\u200b\u2060\ufeff\u180e]")


def _header_safe(value: str) -> str:
    # The title and the marking make the email's Subject (deckmaker.mailtext) and banners.
    if looks_encoded(value):
        raise ValueError(f"'{value[:60]}' holds {mailtext.HINT}")
    bidi = _BIDI_CONTROLS.search(value)
    if bidi:
        raise ValueError(f"the direction control U+{ord(bidi.group()):04X} is not allowed here "
                         "(it reorders what a reader sees); delete it")
    invisible = _INVISIBLES.search(value)
    if invisible:
        raise ValueError(f"the invisible character U+{ord(invisible.group()):04X} is not allowed "
                         "here (it makes text that looks the same differ); delete it")
    return value


def _tlp_spelling(value: str) -> str:
    # A mistyped TLP label would pass as free text and lose its colour, its place in the
    # email subject and the digest's strictest-label rule: refuse it instead.
    squeezed = re.sub(r"\s+", "", value.upper())
    if not squeezed.startswith("TLP") or value in TLP_LABELS:
        return value
    label = re.sub(r"^TLP:?", "TLP:", squeezed.replace("AMBERSTRICT", "AMBER+STRICT")
                   .replace("AMBER_STRICT", "AMBER+STRICT").replace("AMBER-STRICT", "AMBER+STRICT"))
    if label == "TLP:WHITE":
        raise ValueError(f"'{value}' is TLP 1.0; TLP 2.0 renamed it TLP:CLEAR, so write TLP:CLEAR")
    if label in TLP_LABELS:
        raise ValueError(f"'{value}' is not written as TLP 2.0 asks; write {label} "
                         "(capitals, no spaces)")
    raise ValueError(f"'{value}' is not a TLP 2.0 label; use one of: {', '.join(TLP_LABELS)}")


def _iso_date(value: object) -> object:
    # YAML reads 2025-02-05 as a date but "2025-02-05" (quoted, as editors using the
    # JSON Schema may write it) as text; both mean the same day.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            meant = iso_spelling(value)
            if meant:
                raise ValueError(f"'{value}' is not written as YYYY-MM-DD; write {meant}") \
                    from None
            raise ValueError(f"'{value}' is not a real calendar date; write it as YYYY-MM-DD") \
                from None
    return value


_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}


def iso_spelling(text: str) -> str | None:
    """The one real date ``text`` can mean, as YYYY-MM-DD ("31/12/2024", "12.31.2024",
    "2024/12/31", "31 December 2024", "Dec 31, 2024"); None if none or several."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    numbers = [w for w in words if w.isdigit()]
    months = [_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS]
    if len(words) != 3 or len(months) + len(numbers) != 3 or len(months) > 1:
        return None
    if months:
        day, year = numbers if len(numbers[0]) <= 2 else numbers[::-1]
        if len(year) != 4:
            return None
        readings = {(int(year), months[0], int(day))}
    elif len(numbers[0]) == 4:
        readings = {(int(numbers[0]), int(numbers[1]), int(numbers[2]))}
    elif len(numbers[2]) == 4:
        first, second, year = (int(n) for n in numbers)
        readings = {(year, second, first), (year, first, second)}
    else:
        return None
    dates = set()
    for year, month, day in readings:
        try:
            dates.add(dt.date(year, month, day))
        except ValueError:
            continue
    return dates.pop().isoformat() if len(dates) == 1 else None


def _term(value: object) -> object:
    # "High", "Very  Likely": the words of a fixed vocabulary in any case and spacing.
    return " ".join(value.lower().split()) if isinstance(value, str) else value


def _none_as_empty(value: object) -> object:
    # An optional list left blank ("indicators:") means none.
    return [] if value is None else value


# Chart values a reader can take in, and axis arithmetic (spans, nice steps, headroom)
# cannot overflow or lose every digit: ±10^15, and no denormal-small magnitudes.
FIGURE_VALUE_LIMIT = 1e15
FIGURE_VALUE_SMALLEST = 1e-9


def _finite(values: list[float]) -> list[float]:
    if any(not math.isfinite(v) for v in values):
        raise ValueError("values must be ordinary numbers, not .nan or .inf")
    if any(abs(v) > FIGURE_VALUE_LIMIT for v in values):
        raise ValueError("values must lie between -1e15 and 1e15; "
                         "give the figure a unit such as 'billion' instead")
    if any(0 < abs(v) < FIGURE_VALUE_SMALLEST for v in values):
        raise ValueError("values must be 0 or at least 1e-9 in size; "
                         "give the figure a smaller unit instead")
    return values


# The zip format of a deck dates its entries 1980-2107; a brief's own date is refused
# outside it rather than silently moved (sources may be older: they are only printed).
BRIEF_YEARS = (1980, 2107)


def _brief_year(value: dt.date) -> dt.date:
    low, high = BRIEF_YEARS
    if not low <= value.year <= high:
        raise ValueError(f"{value.isoformat()} is outside {low}-{high}, the years a brief's "
                         "files can be dated; check the year")
    return value


# BCP 47 as writers use it: a language, optional script and region, optional variants.
_LANGUAGE_TAG = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*")


def _language(value: str) -> str:
    hyphenated = value.replace("_", "-")
    if hyphenated != value and _LANGUAGE_TAG.fullmatch(hyphenated):  # a POSIX locale name
        raise ValueError(f"'{value}' is not a BCP 47 language tag; write {hyphenated}")
    if not _LANGUAGE_TAG.fullmatch(value):
        raise ValueError(f"'{value}' is not a BCP 47 language tag; write e.g. en, en-GB, "
                         "fr, zh-Hans")
    return value


def _number_as_text(value: object) -> object:
    # Chart categories like 2018 are years, not numbers; accept them unquoted.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
T = TypeVar("T")
OptionalList = Annotated[list[T], BeforeValidator(_none_as_empty)]

Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_http_url),
                Field(json_schema_extra={"pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/]+"})]
Category = Annotated[str, BeforeValidator(_number_as_text), BeforeValidator(_one_line),
                     StringConstraints(min_length=1, max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False)


class SourceRef(_Model):
    """The article or report a brief summarises."""

    title: Line = Field(description="Title of the article or report.")
    author: Line | None = Field(None, description="Its author.")
    publisher: Line | None = Field(None, description="Who published it.")
    date: Date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    url: Url | None = Field(None, description="Web address, http(s) only.")


class KeyJudgment(_Model):
    """One analytic judgment, with its confidence and estimative likelihood."""

    id: Slug | None = Field(None, description="Short id; defaults to kj1, kj2, ...")
    statement: Text = Field(description="The full judgment.")
    headline: _line_of(HEADLINE_MAX_CHARS) | None = Field(
        None, description=f"Short form for slides, at most {HEADLINE_MAX_CHARS} characters.")
    confidence: Annotated[Literal[CONFIDENCE_LEVELS] | None,  # type: ignore[valid-type]
                          BeforeValidator(_term)] = Field(
        None, description="Confidence in the judgment (quality of sources and reasoning).")
    # Every term of every scale; loading checks a judgment's term is on its brief's scale.
    likelihood: Annotated[Literal[ALL_LIKELIHOOD_TERMS] | None,  # type: ignore[valid-type]
                          BeforeValidator(_term)] = Field(
        None, description="Estimative likelihood term of the brief's scale (ICD 203 by default).")
    evidence: OptionalList[Slug] = Field(default_factory=list,
                                         description="Ids of the evidence behind it.")


class Quote(_Model):
    """A direct quotation, attributed."""

    text: Text
    by: Line | None = None


class Series(_Model):
    """One named row of chart values, one value per category."""

    name: Line
    values: Annotated[list[float], AfterValidator(_finite)] = Field(min_length=1)


class Figure(_Model):
    """Data for a chart drawn in the memo and the deck, described in the email."""

    type: Annotated[Literal[FIGURE_TYPES], BeforeValidator(_term)]  # type: ignore[valid-type]
    title: Line = Field(description="The chart's takeaway, written as a finding "
                                    "(\"Xi and Kim have not met since 2019\").")
    unit: Line | None = None
    categories: list[Category] = Field(min_length=1, max_length=50)
    series: list[Series] = Field(min_length=1, max_length=8)
    source: Slug | None = Field(None, description="Id of the source the data comes from.")
    note: Text | None = Field(None, description="A note printed under the chart.")
    alt: _text_of(1000) | None = Field(
        None, description="Text alternative for screen readers; made from the data if omitted.")


class Evidence(_Model):
    """A piece of evidence: a claim, its detail, sources, and optional quote and chart."""

    id: Slug
    claim: Text
    detail: Text | None = None
    sources: OptionalList[Slug] = Field(default_factory=list)
    quote: Quote | None = None
    figure: Figure | None = None


class Implication(_Model):
    """What the judgments mean for an actor or audience."""

    text: Text
    actor: Line | None = Field(None, alias="for", description="The actor or audience, e.g. China.")


class Recommendation(_Model):
    """A recommended action and, optionally, who should take it."""

    text: Text
    owner: Line | None = None


class Source(_Model):
    """A cited source."""

    id: Slug
    title: Line
    author: Line | None = None
    publisher: Line | None = None
    date: Date | None = None
    url: Url | None = None


RuleCode = Annotated[str, StringConstraints(pattern=r"^[Dd][Mm]\d{3}$")]


class CheckSettings(_Model):
    """How ``deckmaker check`` treats this brief: rules a reviewer accepted for it."""

    ignore: OptionalList[RuleCode] = Field(
        default_factory=list, description="Rule codes silenced in the whole brief, e.g. DM204.")
    reason: Line | None = Field(
        None, description="Why the findings are accepted (required with 'ignore').")


class Brief(_Model):
    """A structured summary of an article or report: the input of every output."""

    model_config = ConfigDict(
        title="deckmaker brief (v1)",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    title: Annotated[_line_of(200), AfterValidator(_header_safe)]
    subtitle: Line | None = None
    date: Annotated[Date, AfterValidator(_brief_year)] = Field(
        description="Date of the brief, YYYY-MM-DD.")
    language: Annotated[str, StringConstraints(strip_whitespace=True),
                        AfterValidator(_language)] | None = Field(
        None, description="BCP 47 tag of the brief's language, e.g. en-GB; default: the pack's.")
    author: Line | None = Field(None, description="Who prepared the brief.")
    prepared_for: Line | None = Field(None, description="The memo's addressee.")
    marking: Annotated[_line_of(120), AfterValidator(_tlp_spelling),
                       AfterValidator(_header_safe)] | None = Field(
        None, description="A handling banner, or a TLP 2.0 label such as TLP:AMBER.")
    tags: OptionalList[Line] = Field(default_factory=list)
    scale: Annotated[Literal[tuple(SCALES)], BeforeValidator(_term)] = Field(  # type: ignore[valid-type]
        "icd203", description="Estimative scale: icd203 (US) or phia (UK yardstick).")
    source: SourceRef | None = None
    bluf: _text_of(1500) = Field(
        description="Bottom line up front.")
    bluf_short: _text_of(300) | None = Field(
        None, description="The bottom line as the deck's slide shows it; default: the BLUF's "
                          "first sentences, up to about 40 words.")
    key_judgments: list[KeyJudgment] = Field(min_length=1, max_length=25)
    evidence: OptionalList[Evidence] = Field(default_factory=list, max_length=200)
    implications: list[Implication] = Field(min_length=1, max_length=25)
    recommendations: OptionalList[Recommendation] = Field(default_factory=list, max_length=25)
    indicators: OptionalList[Text] = Field(default_factory=list, max_length=25)
    sources: OptionalList[Source] = Field(default_factory=list, max_length=200)
    check: CheckSettings | None = Field(
        None, description="Analytic-standards rules accepted for this brief, with the reason.")

    def judgment_ids(self) -> list[str]:
        """Each judgment's id, defaulting to kj1, kj2, ... by position."""
        return [kj.id or f"kj{i}" for i, kj in enumerate(self.key_judgments, 1)]


def json_schema() -> dict:
    """The JSON Schema of the brief format, for editors and CI."""
    return Brief.model_json_schema(by_alias=True)

"""The format-neutral document: what every writer renders, and all they know.

Built once from (brief, pack) by ``compose``. Numbering (KJ1, E1, S1, Figure 1),
anchors and wording are decided there, so the memo, the deck and the email
always agree. Text that came from the brief is kept as inline spans
(``deckmaker.inline``); pack wording is plain text. Writers escape both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from deckmaker.inline import Inline, shorten

T = TypeVar("T")


@dataclass(frozen=True)
class Marking:
    """A handling banner; for TLP labels, the FIRST colour on black."""

    text: str
    tlp: str | None
    foreground: str  # "#RRGGBB"
    background: str


@dataclass(frozen=True)
class Reference:
    """A cross-reference to a numbered item: its label (``E2``) and anchor."""

    label: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class ConfidenceLevel:
    """A confidence level: its key, its name and meaning in the pack's words, its colour."""

    level: str  # high | moderate | low
    name: str
    meaning: str
    colour: str


CONFIDENCE_DOTS = 3
FILLED_DOT, EMPTY_DOT = "\u25cf", "\u25cb"  # ● ○: not in Noto Sans; the PDF and deck draw them
CONFIDENCE_FILLED = {"high": 3, "moderate": 2, "low": 1}


@dataclass(frozen=True)
class ConfidenceMark:
    """The one confidence mark of every output: filled and empty dots with the word.

    It reads without colour (dots and word) and carries no traffic-light meaning; ``colour``
    is the pack's tint for the filled dots, neutral by default."""

    level: str  # high | moderate | low
    filled: int  # of ``total`` dots
    total: int
    text: str  # the pack's words, "Moderate confidence"
    meaning: str  # the pack's definition of the level: the sourcing caveat
    colour: str

    @property
    def dots(self) -> str:
        """The mark as characters, "●●○", where a writer can set them in text."""
        return FILLED_DOT * self.filled + EMPTY_DOT * (self.total - self.filled)


@dataclass(frozen=True)
class Judgment:
    """A numbered key judgment with its confidence and likelihood, worded by the pack."""

    label: str
    anchor: str
    statement: Inline
    headline: Inline
    headline_given: bool  # False: the headline is the statement's first sentence
    confidence: str | None
    confidence_text: str | None
    confidence_colour: str | None
    likelihood: str | None
    likelihood_text: str | None  # the leading chip: "Likely (55–80%)"
    evidence: tuple[Reference, ...]  # in number order
    confidence_mark: ConfidenceMark | None = None
    likelihood_word: str | None = None  # "Likely", the chip's word alone
    likelihood_range: str | None = None  # "55–80%", the chip's range alone


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Figure:
    """Chart data, drawn natively by each writer."""

    label: str
    anchor: str
    kind: str  # bar | column | line | pie
    title: str
    unit: str | None
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    source: Reference | None = None
    source_text: str | None = None  # "Source: [S1] 9DASHLINE, 5 February 2025"
    note: Inline | None = None
    alt: str = ""  # the text alternative: the brief's ``alt`` or one made from the data


@dataclass(frozen=True)
class Quote:
    text: Inline
    by: str | None
    by_text: str | None  # the attribution line in the pack's words, e.g. "— Xi Jinping"


@dataclass(frozen=True)
class EvidenceItem:
    """A numbered piece of evidence with its sources and the judgments it supports."""

    label: str
    anchor: str
    claim: Inline
    detail: Inline | None
    quote: Quote | None
    figure: Figure | None
    sources: tuple[Reference, ...]  # in number order
    supports: tuple[Reference, ...]  # in number order


@dataclass(frozen=True)
class ImplicationGroup:
    """Implications for one actor (or general ones), in brief order."""

    actor: str | None
    heading: str
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class RecommendationItem:
    text: Inline
    owner: str | None
    owner_text: str | None


@dataclass(frozen=True)
class Indicator:
    text: Inline


@dataclass(frozen=True)
class SourceItem:
    """A numbered source with its citation line (author, publisher, date) and URL."""

    label: str
    anchor: str
    title: str
    details: str
    url: str | None


@dataclass(frozen=True)
class EstimativeLegend:
    """The scale's terms with ranges and the confidence definitions, worded by the pack."""

    intro: str
    scale: str
    term_header: str
    range_header: str
    terms: tuple[tuple[str, str], ...]
    used_terms: tuple[str, ...]
    confidence_header: str
    meaning_header: str
    confidence: tuple[ConfidenceLevel, ...]


Block = (Paragraph | Judgment | EvidenceItem | ImplicationGroup | RecommendationItem | Indicator
         | SourceItem | EstimativeLegend)


@dataclass(frozen=True)
class Section:
    """A titled part of the document, in the pack's order."""

    key: str
    title: str
    anchor: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class FontFaces:
    """A font family's name and the absolute paths of its four TrueType files."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True)
class Theme:
    """The look from the pack, with every file path resolved."""

    pack_name: str
    page_size: str
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    slide_size_in: tuple[float, float]
    slide_master: Path
    slide_layouts: dict[str, str]
    title_pt: tuple[float, float]
    body_pt: tuple[float, float]
    max_bullets: int
    body_font: FontFaces
    heading_font: FontFaces
    deck_font: FontFaces
    fallback_fonts: tuple[tuple[str, Path, int], ...]  # family, file, subfont index
    palette: dict[str, Any]
    logo: Path | None
    deck_backup: bool  # the deck's backup section after the closing slide
    memo_letterhead: Path | None  # page 1's letterhead image
    memo_header_logo: bool  # the letterhead, small, in the header of pages 2 onwards
    warn_attachment_mb: float
    max_attachment_mb: float


@dataclass(frozen=True)
class Document:
    """A brief made ready to render: metadata, ordered sections and the theme."""

    stem: str
    title: str
    subtitle: str | None
    date: dt.date
    date_text: str
    author: str | None
    prepared_for: str | None
    marking: Marking | None
    tags: tuple[str, ...]
    bluf: tuple[Paragraph, ...]
    bluf_text: str
    source_line: str | None
    source_url: str | None
    header_lines: tuple[str, ...]
    footer_text: str  # the footer line with the full title
    kind_text: str
    scale: str
    language: str  # BCP 47 tag: the brief's ``language``, else the pack's memo.language
    sections: tuple[Section, ...]
    theme: Theme
    text: Callable[..., str] = field(repr=False, compare=False)
    """Renders a pack fragment by key, for wording only known at layout time
    (``memo.page_number``, ``deck.continued``)."""
    template: Callable[..., Any] | None = field(default=None, repr=False, compare=False)
    """Compiles a whole-file pack template (``Pack.template``), e.g. the email bodies."""
    bluf_short: Inline | None = None  # the brief's short bottom line for slides, if given
    source_title: str | None = None  # the summarised source's title, as ``source_line`` has it

    def footer_line(self, title_chars: int | None = None, *, dated: bool = True) -> str:
        """The footer line, its title shortened to ``title_chars`` characters (None:
        whole), for writers that measure ``footer_text`` and find it too wide; not
        ``dated``: without the date, which a deck layout shows in its own place."""
        title = self.title if title_chars is None else shorten(self.title, title_chars)
        marking = self.marking.text if self.marking else ""
        if not dated:
            return self.text("deck.footer_undated", short_title=title, marking=marking)
        return self.text("memo.footer", short_title=title, date=self.date_text,
                         marking=marking)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def blocks_of(self, kind: type[T]) -> Iterator[T]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, kind):
                    yield block

    @property
    def judgments(self) -> tuple[Judgment, ...]:
        return tuple(self.blocks_of(Judgment))

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        return tuple(self.blocks_of(EvidenceItem))

    def evidence_of(self, judgment: Judgment) -> list[EvidenceItem]:
        """The evidence items ``judgment`` cites, in the order it cites them."""
        by_label = {e.label: e for e in self.evidence}
        return [by_label[r.label] for r in judgment.evidence if r.label in by_label]

    @property
    def sources(self) -> tuple[SourceItem, ...]:
        return tuple(self.blocks_of(SourceItem))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(e.figure for e in self.evidence if e.figure)

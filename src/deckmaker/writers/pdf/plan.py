"""The memo's plan: the ordered blocks to lay out, their outline entries and anchors.

Pure (no reportlab), so the order, the outline and which internal links may be
live can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckmaker.inline import plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, ImplicationGroup, Indicator, Judgment,
    Paragraph, RecommendationItem, Section, SourceItem,
)

@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: its visible title, stable key and nesting level (0 = section)."""

    title: str
    key: str
    level: int


@dataclass(frozen=True)
class Step:
    """One thing to lay out: its kind, the model object, its name for errors, its bookmark."""

    kind: str
    content: object
    name: str
    outline: OutlineEntry | None = None
    number: int = 0  # position within its section, from 1
    count: int = 0  # how many items its section has


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    anchors: frozenset[str]

    @property
    def outline(self) -> tuple[OutlineEntry, ...]:
        return tuple(s.outline for s in self.steps if s.outline)


_KINDS = {Paragraph: "paragraph", Judgment: "judgment", EvidenceItem: "evidence",
          ImplicationGroup: "implications", RecommendationItem: "recommendation",
          Indicator: "indicator", SourceItem: "source", EstimativeLegend: "legend"}


def plan_memo(doc: Document) -> Plan:
    """The steps of ``doc``'s memo in reading order, and every anchor they define."""
    steps = [Step("header", doc, doc.kind_text)]
    for section in doc.sections:
        steps += _section_steps(section)
        if section.key == "bluf" and doc.judgments:  # the whole argument on page 1
            steps.append(Step("glance", doc.judgments, doc.text("memo.overview")))
    if doc.judgments and not any(s.kind == "glance" for s in steps):
        steps.insert(1, Step("glance", doc.judgments, doc.text("memo.overview")))
    return Plan(tuple(steps), frozenset(_anchors(doc)))


def _section_steps(section: Section) -> list[Step]:
    entry = OutlineEntry(section.title, section.anchor, 0)
    if section.key == "bluf":  # the BLUF is one shaded box with its title inside
        return [Step("bluf", section, section.title, entry)]
    steps = [Step("heading", section, section.title, entry)]
    count = len(section.blocks)
    for number, block in enumerate(section.blocks, 1):
        steps.append(Step(_KINDS[type(block)], block, _name(section, block, number),
                          _block_outline(block), number, count))
    return steps


def _name(section: Section, block: object, number: int) -> str:
    label = getattr(block, "label", None) or getattr(block, "heading", None)
    return f"{section.title}, {label or f'item {number}'}"


def _block_outline(block: object) -> OutlineEntry | None:
    if isinstance(block, Judgment):
        return OutlineEntry(f"{block.label}. {plain_text(block.headline)}", block.anchor, 1)
    return None


def _anchors(doc: Document):
    for section in doc.sections:
        yield section.anchor
        for block in section.blocks:
            if anchor := getattr(block, "anchor", None):
                yield anchor
            if isinstance(block, EvidenceItem) and block.figure:
                yield block.figure.anchor

"""Speaker notes: what the memo says about each slide, as plain text, so a briefer
can present from the deck alone."""

from __future__ import annotations

from collections.abc import Iterable

from deckmaker.inline import plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, ImplicationGroup, Indicator, Judgment,
    RecommendationItem, SourceItem,
)


def _join(parts: Iterable[str | None]) -> str:
    return "\n".join(p for p in parts if p)


def cover_notes(doc: Document) -> str:
    return _join([doc.title, doc.subtitle, *doc.header_lines, doc.source_line, doc.source_url])


def bluf_notes(doc: Document) -> str:
    return _join(plain_text(p.spans) for p in doc.bluf)


def source_citation(doc: Document, refs) -> str | None:
    """``Sources: S1 Title (url); S2 ...`` for the references ``refs``."""
    by_label = {s.label: s for s in doc.sources}
    cited = [by_label[r.label] for r in refs if r.label in by_label]
    if not cited:
        return None
    return doc.text("deck.notes_sources") + " " + "; ".join(
        _join_inline([s.label, s.title, s.url]) for s in cited)


def _join_inline(parts: Iterable[str | None]) -> str:
    return " ".join(p for p in parts if p)


def evidence_notes(doc: Document, item: EvidenceItem) -> str:
    quote = None
    if item.quote:
        quote = f"\u201c{plain_text(item.quote.text)}\u201d" + (
            f" {item.quote.by_text}" if item.quote.by_text else "")
    return _join([f"{item.label} {plain_text(item.claim)}",
                  plain_text(item.detail) if item.detail else None, quote,
                  source_citation(doc, item.sources)])


def judgment_notes(doc: Document, judgment: Judgment) -> str:
    return _join([f"{judgment.label} {plain_text(judgment.statement)}",
                  judgment.likelihood_text, judgment.confidence_text,
                  *("\n" + evidence_notes(doc, e) for e in doc.evidence_of(judgment))])


def overview_notes(judgments: Iterable[Judgment]) -> str:
    return "\n\n".join(_join([f"{j.label} {plain_text(j.statement)}", j.likelihood_text,
                              j.confidence_text]) for j in judgments)


def list_notes(blocks: Iterable) -> str:
    """Notes for implications, recommendations, indicators and sources."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, ImplicationGroup):
            lines.append(block.heading)
            lines += [f"- {plain_text(item)}" for item in block.items]
        elif isinstance(block, RecommendationItem):
            lines.append(_join_inline([f"- {plain_text(block.text)}", block.owner_text]))
        elif isinstance(block, Indicator):
            lines.append(f"- {plain_text(block.text)}")
        elif isinstance(block, SourceItem):
            lines.append(_join_inline([block.label, block.title, block.details, block.url]))
    return "\n".join(lines)


def legend_notes(legend: EstimativeLegend) -> str:
    return _join([legend.intro,
                  *(f"{term}: {span}" for term, span in legend.terms),
                  *(f"{level.name}: {level.meaning}" for level in legend.confidence)])

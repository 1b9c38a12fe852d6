"""Speaker notes: for each slide, what the briefer says about that slide only, as
plain text in the pack's words: the key message in one sentence; the talking points
(the full judgment statement, the evidence details in order, each with its source as
"[S1] title, author, publisher, date"); the sourcing caveat (the confidence level's
meaning); for shortened slides the full text. Never a URL: those are on the sources
slide, where they can be clicked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from deckmaker.inline import plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, ImplicationGroup, Indicator, Judgment,
    RecommendationItem, Reference, Section, SourceItem,
)


def _join(parts: Iterable[str | None]) -> str:
    return "\n".join(p for p in parts if p)


def key_message(doc: Document, text: str) -> str:
    return doc.text("deck.notes_key", text=text)


def cover_notes(doc: Document) -> str:
    return _join([doc.title, doc.subtitle, *doc.header_lines, doc.source_line])


def bluf_notes(doc: Document, shown: str) -> str:
    """The key message (the slide's text) and the whole bottom line."""
    full = "\n".join(plain_text(p.spans) for p in doc.bluf)
    return _join([key_message(doc, shown), "", doc.text("deck.notes_full"), full])


def closing_notes(doc: Document, recommendations: Section | None = None) -> str:
    """The invitation to questions; with ``recommendations`` (the slide's body), what
    their own slide's notes would say, after it."""
    if recommendations is None:
        return doc.text("deck.notes_closing")
    return _join([doc.text("deck.notes_closing"), "", list_notes(doc, recommendations)])


def divider_notes(doc: Document, names: Sequence[str]) -> str:
    return doc.text("deck.notes_backup", names=", ".join(names))


def cited(doc: Document, refs: Sequence[Reference]) -> str:
    """``[S1] Title, Author, Publisher, 5 February 2025; [S2] ...`` for ``refs``."""
    by_label = {s.label: s for s in doc.sources}
    return "; ".join(", ".join(p for p in (f"[{s.label}] {s.title}", s.details) if p)
                     for r in refs if (s := by_label.get(r.label)))


def evidence_points(doc: Document, item: EvidenceItem) -> list[str]:
    """An evidence item's claim, detail and quote, then its sources."""
    quote = None
    if item.quote:
        quote = f"\u201c{plain_text(item.quote.text)}\u201d" + (
            f" {item.quote.by_text}" if item.quote.by_text else "")
    return [p for p in (f"- {item.label} {plain_text(item.claim)}",
                        f"  {plain_text(item.detail)}" if item.detail else None,
                        f"  {quote}" if quote else None,
                        f"  {cited(doc, item.sources)}" if item.sources else None) if p]


def caveat(doc: Document, judgment: Judgment) -> str | None:
    mark = judgment.confidence_mark
    if mark is None:
        return None
    return doc.text("deck.notes_caveat", confidence=mark.text, meaning=mark.meaning)


def judgment_notes(doc: Document, judgment: Judgment, shown: Sequence[EvidenceItem],
                   charted: EvidenceItem | None) -> str:
    """The headline as key message; the statement, its likelihood and each cited
    evidence item in order (those the slide shows first: ``shown``, then the chart's,
    then the rest), with sources; the sourcing caveat."""
    evidence = doc.evidence_of(judgment)
    order = [*shown, *([charted] if charted and charted not in shown else []),
             *(e for e in evidence if e not in shown and e is not charted)]
    points = [f"{judgment.label} {plain_text(judgment.statement)}",
              judgment.likelihood_text]
    for item in order:
        points += evidence_points(doc, item)
    if charted is not None and charted.figure.source_text:
        points.append(f"{charted.figure.title}. {charted.figure.source_text}")
    return _join([key_message(doc, plain_text(judgment.headline)), "",
                  doc.text("deck.notes_points"), *points, "", caveat(doc, judgment)])


def overview_notes(doc: Document, judgments: Sequence[Judgment]) -> str:
    """The count as key message; each judgment's statement, likelihood and confidence."""
    points = []
    for j in judgments:
        points += [f"{j.label} {plain_text(j.statement)}",
                   "  " + " · ".join(t for t in (j.likelihood_text, j.confidence_text) if t)]
    return _join([key_message(doc, doc.text("deck.notes_overview", count=len(doc.judgments))),
                  "", doc.text("deck.notes_points"), *points])


def list_notes(doc: Document, section: Section) -> str:
    """Implications (by actor), recommendations (with owners) or indicators: what the
    slide is for, then the full text of every item, which the slide shortened."""
    lines: list[str] = []
    actors = []
    for block in section.blocks:
        if isinstance(block, ImplicationGroup):
            if block.actor:
                actors.append(block.actor)
            lines.append(block.heading)
            lines += [f"- {plain_text(item)}" for item in block.items]
        elif isinstance(block, RecommendationItem):
            lines.append(f"- {plain_text(block.text)}"
                         + (f" ({block.owner_text})" if block.owner_text else ""))
        elif isinstance(block, Indicator):
            lines.append(f"- {plain_text(block.text)}")
    if section.key == "implications":
        message = doc.text("deck.notes_implications",
                           actors=", ".join(actors) or section.title.lower())
    else:
        message = doc.text(f"deck.notes_{section.key}")
    return _join([key_message(doc, message), "", doc.text("deck.notes_full"), *lines])


def evidence_list_notes(doc: Document, items: Sequence[EvidenceItem]) -> str:
    points = []
    for item in items:
        points += evidence_points(doc, item)
        if item.figure is not None:
            points.append(f"  {item.figure.label}: {item.figure.title}"
                          + (f". {item.figure.source_text}" if item.figure.source_text else ""))
    return _join([key_message(doc, doc.text("deck.notes_evidence")), "",
                  doc.text("deck.notes_points"), *points])


def sources_notes(doc: Document, sources: Sequence[SourceItem]) -> str:
    return _join([key_message(doc, doc.text("deck.notes_sources")), "",
                  *(", ".join(p for p in (f"[{s.label}] {s.title}", s.details) if p)
                    for s in sources)])


def legend_notes(legend: EstimativeLegend) -> str:
    return _join([legend.intro,
                  *(f"{term}: {span}" for term, span in legend.terms),
                  *(f"{level.name}: {level.meaning}" for level in legend.confidence)])

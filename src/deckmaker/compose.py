"""The one pure step from (brief, pack) to the format-neutral Document."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from deckmaker import brief as brief_format
from deckmaker.alttext import figure_alt
from deckmaker.brief.loading import anchor_key
from deckmaker.brief.schema import CONFIDENCE_LEVELS, Brief
from deckmaker.chartplan import plan as chart_plan
from deckmaker.estimative import SCALES
from deckmaker.inline import Inline, Span, parse_inline, plain_text
from deckmaker.model import (
    CONFIDENCE_DOTS, CONFIDENCE_FILLED, ConfidenceLevel, ConfidenceMark, Document,
    EstimativeLegend, EvidenceItem, Figure, FontFaces, ImplicationGroup, Indicator, Judgment,
    Marking, Paragraph, Quote, RecommendationItem, Reference, Section, Series, SourceItem, Theme,
)
from deckmaker.pack import FontFamily, Pack
from deckmaker.references import in_order
from deckmaker.sentences import sentences
from deckmaker.tlp import TLP_COLOURS
from deckmaker.typography import smarten

def compose(brief: Brief, pack: Pack, *, stem: str) -> Document:
    """Build the Document for ``brief`` worded and themed by ``pack``."""
    return _Composer(brief, pack).document(stem)


def _unchanged(text: str, *, before: str = "") -> str:
    return text


class _Composer:
    def __init__(self, brief: Brief, pack: Pack) -> None:
        self.brief = brief
        self.pack = pack
        self.t = pack.text
        self.evidence_refs = {
            ev.id: Reference(self.t("number.evidence", n=i), f"evidence-{anchor_key(ev.id)}")
            for i, ev in enumerate(brief.evidence, 1)}
        self.source_refs = {
            src.id: Reference(self.t("number.source", n=i), f"source-{anchor_key(src.id)}")
            for i, src in enumerate(brief.sources, 1)}
        self.judgment_refs = [
            Reference(self.t("number.judgment", n=i), f"judgment-{anchor_key(ident)}")
            for i, ident in enumerate(brief.judgment_ids(), 1)]
        self.scale = SCALES[brief.scale]
        palette = pack.config.palette
        self.confidence_colours = {level: palette.confidence.get(level, palette.muted)
                                   for level in CONFIDENCE_LEVELS}
        # Brief text only: pack wording is typeset by its author.
        self.typeset = smarten if pack.config.options.typography == "smart" else _unchanged
        self.confidence_marks = {
            level: ConfidenceMark(level, CONFIDENCE_FILLED[level], CONFIDENCE_DOTS,
                                  self.t("judgment.confidence", level=level),
                                  self.t(f"estimative.confidence.{level}"),
                                  self.confidence_colours[level])
            for level in CONFIDENCE_LEVELS}

    def inline(self, text: str) -> Inline:
        """Brief text as spans, typeset; link targets are never touched."""
        spans, before = [], ""
        for span in parse_inline(text):
            spans.append(Span(self.typeset(span.text, before=before), span.bold, span.italic,
                              span.href))
            before = span.text
        return tuple(spans)

    def line(self, text: str | None) -> str | None:
        """A one-line brief value (title, name, label), typeset."""
        return self.typeset(text) if text is not None else None

    def document(self, stem: str) -> Document:
        b, t = self.brief, self.t
        date_text = self.pack.format_date(b.date)
        title = self.typeset(b.title)
        sections = tuple(s for key in self.pack.config.sections if (s := self._section(key)))
        bluf = self._paragraphs(b.bluf)
        return Document(
            stem=stem, title=title, subtitle=self.line(b.subtitle), date=b.date,
            date_text=date_text, author=self.line(b.author),
            prepared_for=self.line(b.prepared_for), marking=self._marking(),
            tags=tuple(b.tags),
            bluf=bluf, bluf_text="\n\n".join(plain_text(p.spans) for p in bluf),
            source_line=self._source_line(), source_url=b.source.url if b.source else None,
            header_lines=self._header_lines(date_text),
            footer_text=t("memo.footer", short_title=title, date=date_text,
                          marking=b.marking or ""),
            kind_text=t("memo.kind"), scale=self.scale.name,
            language=b.language or t("memo.language"),
            sections=sections,
            theme=theme_of(self.pack), text=t, template=self.pack.template,
            bluf_short=self.inline(b.bluf_short) if b.bluf_short else None,
            source_title=self.typeset(b.source.title) if b.source else None,
        )

    def _paragraphs(self, text: str) -> tuple[Paragraph, ...]:
        return tuple(Paragraph(self.inline(part.strip()))
                     for part in re.split(r"\n\s*\n", text) if part.strip())

    def _marking(self) -> Marking | None:
        marking = self.brief.marking
        if not marking:
            return None
        palette = self.pack.config.palette
        if marking in TLP_COLOURS:
            return Marking(marking, marking, TLP_COLOURS[marking], "#000000")
        return Marking(marking, None, "#FFFFFF", palette.primary)

    def _source_line(self) -> str | None:
        src = self.brief.source
        if src is None:
            return None
        return self.t("memo.summary_of", title=self.typeset(src.title),
                      author=self.line(src.author) or "", publisher=self.line(src.publisher) or "",
                      date=self.pack.format_date(src.date) if src.date else "")

    def _header_lines(self, date_text: str) -> tuple[str, ...]:
        b, t = self.brief, self.t
        lines = []
        if b.prepared_for:
            lines.append(t("memo.prepared_for", prepared_for=self.typeset(b.prepared_for)))
        if b.author:
            lines.append(t("memo.prepared_by", author=self.typeset(b.author)))
        lines.append(t("memo.date", date=date_text))
        return tuple(lines)

    def _section(self, key: str) -> Section | None:
        build = getattr(self, f"_{key}_blocks")
        blocks = tuple(build())
        if not blocks:
            return None
        return Section(key, self.t(f"section.{key}"), f"section-{key.replace('_', '-')}", blocks)

    def _bluf_blocks(self):
        return self._paragraphs(self.brief.bluf)

    def _key_judgments_blocks(self):
        for ref, kj in zip(self.judgment_refs, self.brief.key_judgments, strict=True):
            likelihood_range = self.scale.range_of(kj.likelihood) if kj.likelihood else None
            statement = self.inline(kj.statement)
            yield Judgment(
                label=ref.label, anchor=ref.anchor, statement=statement,
                headline=self.inline(kj.headline) if kj.headline else _first_sentence(statement),
                headline_given=kj.headline is not None,
                confidence=kj.confidence,
                confidence_text=self.t("judgment.confidence", level=kj.confidence)
                if kj.confidence else None,
                confidence_colour=self.confidence_colours[kj.confidence]
                if kj.confidence else None,
                likelihood=kj.likelihood,
                likelihood_text=self.t("judgment.likelihood", term=kj.likelihood,
                                       range=likelihood_range) if kj.likelihood else None,
                evidence=in_order(self.evidence_refs[e] for e in kj.evidence),
                confidence_mark=self.confidence_marks[kj.confidence] if kj.confidence else None,
                likelihood_word=self.t("deck.likelihood_short", term=kj.likelihood)
                if kj.likelihood else None,
                likelihood_range=likelihood_range,
            )

    def _evidence_blocks(self):
        supports: dict[str, list[Reference]] = {}
        for ref, kj in zip(self.judgment_refs, self.brief.key_judgments, strict=True):
            for ev in kj.evidence:
                supports.setdefault(ev, []).append(ref)
        figure_number = 0
        for ev in self.brief.evidence:
            ref = self.evidence_refs[ev.id]
            figure = None
            if ev.figure:
                figure_number += 1
                figure = self._figure(ev.figure, figure_number)
            by = self.line(ev.quote.by) if ev.quote else None
            yield EvidenceItem(
                label=ref.label, anchor=ref.anchor, claim=self.inline(ev.claim),
                detail=self.inline(ev.detail) if ev.detail else None,
                quote=Quote(self.inline(ev.quote.text), by,
                            self.t("evidence.quote_by", by=by) if by else None)
                if ev.quote else None,
                figure=figure, sources=in_order(self.source_refs[s] for s in ev.sources),
                supports=in_order(supports.get(ev.id, ())),
            )

    def _figure(self, f: brief_format.schema.Figure, number: int) -> Figure:
        """Figure ``number`` with its source line and its text alternative."""
        typeset = self.typeset
        title, unit = typeset(f.title), self.line(f.unit)
        categories = tuple(typeset(c) for c in f.categories)
        series = tuple(Series(typeset(s.name), tuple(s.values)) for s in f.series)
        source = self.source_refs[f.source] if f.source else None
        source_text = None
        if f.source:
            src = next(s for s in self.brief.sources if s.id == f.source)
            source_text = self.t("figure.source", label=source.label, title=typeset(src.title),
                                 publisher=self.line(src.publisher) or "",
                                 date=self.pack.format_date(src.date) if src.date else "")
        figure = Figure(self.t("number.figure", n=number), f"figure-{number}", f.type, title,
                        unit, categories, series, source=source, source_text=source_text,
                        note=self.inline(f.note) if f.note else None)
        if f.alt:
            return replace(figure, alt=typeset(f.alt))
        numbers = chart_plan(figure).numbers
        return replace(figure, alt=figure_alt(
            kind_text=self.t(f"figure.alt_kind.{f.type}"), title=title, categories=categories,
            series=[(s.name, s.values) for s in series], unit=unit,
            source=self.t("figure.alt_source", label=source.label) if source else None,
            number=numbers.text))

    def _implications_blocks(self):
        groups: dict[str | None, list[Inline]] = {}
        for imp in self.brief.implications:
            groups.setdefault(self.line(imp.actor), []).append(self.inline(imp.text))
        for actor, items in groups.items():
            heading = self.t("implications.for", actor=actor) if actor else \
                self.t("implications.general")
            yield ImplicationGroup(actor, heading, tuple(items))

    def _recommendations_blocks(self):
        for rec in self.brief.recommendations:
            owner = self.line(rec.owner)
            yield RecommendationItem(self.inline(rec.text), owner,
                                     self.t("recommendation.owner", owner=owner)
                                     if owner else None)

    def _indicators_blocks(self):
        return (Indicator(self.inline(text)) for text in self.brief.indicators)

    def _sources_blocks(self):
        for src in self.brief.sources:
            ref = self.source_refs[src.id]
            # "The White House, The White House" says it twice: name an author who is also
            # the publisher once.
            author = None if src.author == src.publisher else self.line(src.author)
            parts = [p for p in (author, self.line(src.publisher),
                                 self.pack.format_date(src.date) if src.date else None) if p]
            yield SourceItem(ref.label, ref.anchor, self.typeset(src.title), ", ".join(parts),
                             src.url)

    def _estimative_language_blocks(self):
        kjs = self.brief.key_judgments
        used = any(kj.likelihood or kj.confidence for kj in kjs)
        if not (used and self.pack.config.options.estimative_appendix):
            return ()
        return (EstimativeLegend(
            intro=self.t("estimative.intro", scale=self.scale.phrase), scale=self.scale.name,
            term_header=self.t("estimative.term_header"),
            range_header=self.t("estimative.range_header"),
            terms=self.scale.terms,
            used_terms=tuple(dict.fromkeys(kj.likelihood for kj in kjs if kj.likelihood)),
            confidence_header=self.t("estimative.confidence_header"),
            meaning_header=self.t("estimative.meaning_header"),
            confidence=tuple(ConfidenceLevel(level, self.t("judgment.confidence", level=level),
                                             self.t(f"estimative.confidence.{level}"),
                                             self.confidence_colours[level])
                             for level in CONFIDENCE_LEVELS),
        ),)


def _first_sentence(spans: Inline) -> Inline:
    """The statement's first sentence as a fallback slide headline."""
    text = plain_text(spans)
    start, end = sentences(text)[0]
    return (Span(text[start:end]),) if end < len(text) else spans


def _faces(pack: Pack, family: FontFamily) -> FontFaces:
    return FontFaces(family.family, pack.file(family.regular), pack.file(family.bold),
                     pack.file(family.italic), pack.file(family.bold_italic))


@lru_cache(maxsize=8)  # a pack is immutable once loaded; resolving its files is not free
def theme_of(pack: Pack) -> Theme:
    """The pack's look with every file resolved to an absolute path."""
    c = pack.config
    m = c.page.margins_mm
    return Theme(
        pack_name=c.name, page_size=c.page.size, margins_mm=(m.top, m.right, m.bottom, m.left),
        slide_size_in=(c.slide.width_in, c.slide.height_in),
        slide_master=pack.file(c.slide.master), slide_layouts=dict(c.slide.layouts),
        title_pt=(c.slide.title_pt.min, c.slide.title_pt.max),
        body_pt=(c.slide.body_pt.min, c.slide.body_pt.max), max_bullets=c.slide.max_bullets,
        body_font=_faces(pack, c.fonts.body), heading_font=_faces(pack, c.fonts.heading),
        deck_font=_faces(pack, c.fonts.deck),
        fallback_fonts=tuple((f.family, Path(f.file), f.subfont) for f in c.fonts.fallback
                             if Path(f.file).is_file()),
        palette=c.palette.model_dump(), logo=pack.file(c.options.logo) if c.options.logo else None,
        deck_backup=c.deck.backup,
        memo_letterhead=pack.file(c.memo.letterhead) if c.memo.letterhead else None,
        memo_header_logo=c.memo.header_logo and bool(c.memo.letterhead),
        warn_attachment_mb=c.email.warn_attachment_mb, max_attachment_mb=c.email.max_attachment_mb,
    )

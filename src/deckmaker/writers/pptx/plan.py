"""The deck's plan: which slides, in which order, with what where (pure, no python-pptx).

Cover, then per section of the pack's order: BLUF; a key-judgments overview and
one slide per judgment; a slide per evidence figure; implications (by actor),
recommendations, indicators and sources as bullets; the estimative-language
legend. Every text is measured (``fitting``) so nothing overflows.
"""

from __future__ import annotations

from collections.abc import Sequence

from deckmaker import textfit
from deckmaker.inline import Span, is_safe_link, plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, ImplicationGroup, Indicator, Judgment,
    RecommendationItem, Section, SourceItem,
)
from deckmaker.writers.pptx import chartfit, notes
from deckmaker.writers.pptx.elements import (
    GAP, INSET_X, INSET_Y, PANEL_INSET, Box, Chart, Chip, Geometry, Legend, Line, SlidePlan, Text,
)
from deckmaker.writers.pptx.fitting import Item, Planner, source_tags, with_groups

CAPTION_SHARE = 0.3      # at most this share of the body height for a chart's caption
ROW_GAP = 10.0
LABEL_WIDTH = 64.0
LEGEND_SPLIT = 0.42      # the terms table's share of the width
TERM_COLUMNS = (0.62, 0.38)
CONFIDENCE_COLUMNS = (0.3, 0.7)


def plan_deck(doc: Document, geometry: Geometry | None = None) -> list[SlidePlan]:
    """The slides of ``doc`` in order: the cover, then one or more per section."""
    return SlidePlanner(doc, geometry).slides()


class SlidePlanner(Planner):
    """Plans each kind of slide."""

    def slides(self) -> list[SlidePlan]:
        slides = [self.cover()]
        for section in self.doc.sections:
            slides += getattr(self, f"_{section.key}")(section)
        return slides

    # -- helpers -----------------------------------------------------------------------
    def _content(self, kind: str, title: str, elements, notes_text: str, *,
                 layout: str = "content", dark: bool = False, anchor: str | None = None,
                 ) -> SlidePlan:
        text, size = self.fit_title(title, self.g.title_box)
        return SlidePlan(kind, layout, text, size, tuple(elements), notes_text, dark, anchor)

    def _bullet_slides(self, kind: str, section: Section, items: list[Item], notes_text: str,
                       *, layout: str = "content", dark: bool = False) -> list[SlidePlan]:
        box = self.g.body_box
        chunks = self.paginate(items, lambda c, s: self.text_height(with_groups(c), s, box.w),
                               box.h)
        titles = self.titled(section.title, len(chunks))
        return [self._content(kind, title, [Text(box, with_groups(chunk), size)], notes_text,
                              layout=layout, dark=dark, anchor=section.anchor if n == 0 else None)
                for n, (title, (chunk, size)) in enumerate(zip(titles, chunks, strict=True))]

    # -- slides ------------------------------------------------------------------------
    def cover(self) -> SlidePlan:
        doc = self.doc
        title, title_pt = self.fit_title(doc.title, self.g.cover_title_box)
        lines = [Line((Span(doc.subtitle),), "lead")] if doc.subtitle else []
        lines += [Line((Span(text),), "meta") for text in (*doc.header_lines, doc.source_line)
                  if text]
        box = self.g.cover_body_box
        [(item,), size] = self.paginate([Item(tuple(lines), bullets=0)],
                                        lambda c, s: self.text_height(c[0].lines, s, box.w),
                                        box.h)[0]
        return SlidePlan("cover", "title", title, title_pt, (Text(box, item.lines, size),),
                         notes.cover_notes(doc), dark=True)

    def _bluf(self, section: Section) -> list[SlidePlan]:
        items = [Item((Line(p.spans, "lead"),)) for p in self.doc.bluf]
        return self._bullet_slides("bluf", section, items, notes.bluf_notes(self.doc),
                                   layout="section", dark=True)

    def _key_judgments(self, section: Section) -> list[SlidePlan]:
        judgments = [b for b in section.blocks if isinstance(b, Judgment)]
        return self._overview(section, judgments) + [s for j in judgments
                                                     for s in self._judgment(j)]

    def _confidence_chip(self, judgment: Judgment, x: float, y: float) -> Chip | None:
        if not judgment.confidence_text:
            return None
        colour = self.palette["confidence"].get(judgment.confidence, self.palette["muted"])
        return self.chip(x, y, judgment.confidence_text, colour, self.palette["background"])

    def _overview(self, section: Section, judgments: list[Judgment]) -> list[SlidePlan]:
        box = self.g.body_box
        chips = [c for j in judgments if (c := self._confidence_chip(j, 0, 0))]
        chip_width = max((c.box.w for c in chips), default=0)
        text_width = box.w - LABEL_WIDTH - (chip_width + GAP if chip_width else 0)

        def row_height(item: Item, size: float) -> float:
            text = self.text_height(item.lines, size, text_width)
            return max(text, self.chip_height + 2 * INSET_Y if chips else 0)

        items = [Item((Line(j.headline, "lead"),), extra={"judgment": j}) for j in judgments]
        chunks = self.paginate(
            items, lambda c, s: sum(row_height(i, s) for i in c) + ROW_GAP * (len(c) - 1), box.h)
        titles = self.titled(section.title, len(chunks))
        slides = []
        for n, (title, (chunk, size)) in enumerate(zip(titles, chunks, strict=True)):
            elements, y = [], box.y
            for item in chunk:
                judgment, height = item.extra["judgment"], row_height(item, size)
                label = Line((Span(judgment.label, bold=True),), "heading")
                elements.append(Text(Box(box.x, y, LABEL_WIDTH, height), (label,), size))
                elements.append(Text(Box(box.x + LABEL_WIDTH, y, text_width, height),
                                     item.lines, size))
                chip = self._confidence_chip(judgment, box.x + box.w - chip_width,
                                             y + INSET_Y + size * 0.1)
                if chip:
                    elements.append(chip)
                y += height + ROW_GAP
            slides.append(self._content(
                "overview", title, elements, notes.overview_notes(i.extra["judgment"]
                                                                  for i in chunk),
                anchor=section.anchor if n == 0 else None))
        return slides

    def _evidence_line(self, item: EvidenceItem) -> Line:
        return Line((Span(item.label + " ", bold=True), *item.claim,
                     Span(source_tags(item.sources))), "bullet")

    def _judgment(self, judgment: Judgment) -> list[SlidePlan]:
        box = self.g.body_box
        panel_inset = (PANEL_INSET, PANEL_INSET * 0.6)
        by_label = {e.label: e for e in self.doc.evidence}
        evidence = [by_label[r.label] for r in judgment.evidence if r.label in by_label]
        lead = Item((Line((Span(judgment.label + " ", bold=True), *judgment.statement), "lead"),),
                    bullets=0, extra={"lead": True})
        intro = Line((Span(self.doc.text("judgment.evidence_intro")),), "heading")
        items = [lead] + [Item((self._evidence_line(e),), group=intro) for e in evidence]

        def height(chunk: Sequence[Item], size: float) -> float:
            total, rest = 0.0, [i for i in chunk if not i.extra.get("lead")]
            if len(rest) < len(chunk):
                total += self.text_height(chunk[0].lines, size, box.w, panel_inset)
                total += GAP + self.chip_height + (GAP if rest else 0)
            if rest:
                total += self.text_height(with_groups(rest), size, box.w)
            return total

        chunks = self.paginate(items, height, box.h)
        titles = self.titled(plain_text(judgment.headline), len(chunks))
        slides = []
        for n, (title, (chunk, size)) in enumerate(zip(titles, chunks, strict=True)):
            elements, y = [], box.y
            rest = [i for i in chunk if not i.extra.get("lead")]
            if len(rest) < len(chunk):
                panel_h = self.text_height(chunk[0].lines, size, box.w, panel_inset)
                elements.append(Text(Box(box.x, y, box.w, panel_h), chunk[0].lines, size,
                                     panel_inset, fill="shade"))
                y += panel_h + GAP
                elements += self._judgment_chips(judgment, box.x, y)
                y += self.chip_height + GAP
            if rest:
                lines = with_groups(rest)
                elements.append(Text(Box(box.x, y, box.w, self.text_height(lines, size, box.w)),
                                     lines, size))
            slides.append(self._content("judgment", title, elements,
                                        notes.judgment_notes(self.doc, judgment),
                                        anchor=judgment.anchor if n == 0 else None))
        return slides

    def _judgment_chips(self, judgment: Judgment, x: float, y: float) -> list[Chip]:
        chips = []
        if judgment.likelihood_text:
            chips.append(self.chip(x, y, judgment.likelihood_text, self.palette["primary"],
                                   self.palette["background"]))
            x += chips[-1].box.w + GAP
        confidence = self._confidence_chip(judgment, x, y)
        return chips + ([confidence] if confidence else [])

    def _evidence(self, section: Section) -> list[SlidePlan]:
        return [self._figure(item) for item in section.blocks
                if isinstance(item, EvidenceItem) and item.figure]

    def _figure(self, item: EvidenceItem) -> SlidePlan:
        figure, box = item.figure, self.g.body_box
        size = self.body_pt[0]
        caption = Line((Span(item.label + " ", bold=True), *item.claim,
                        Span(source_tags(item.sources))), "body")
        limit = box.h * CAPTION_SHARE
        if self.text_height([caption], size, box.w) > limit:
            caption = self.truncate(caption, size, box.w - 2 * INSET_X, limit - 2 * INSET_Y)
        caption_h = self.text_height([caption], size, box.w)
        chart_box = Box(box.x, box.y, box.w, box.h - caption_h - GAP)
        caption_box = Box(box.x, box.y + box.h - caption_h, box.w, caption_h)
        title = self.doc.text("deck.figure_slide", label=figure.label, title=figure.title)
        legend_pt = chartfit.legend_size(figure, chart_box, self.fonts)
        skip = chartfit.label_skip(figure, chart_box, self.fonts, legend_pt)
        chart = Chart(chart_box, figure, skip, legend_pt,
                      chartfit.plot_layout(figure, chart_box, self.fonts, legend_pt, skip))
        return self._content("figure", title, [chart,
                                               Text(caption_box, (caption,), size)],
                             notes.evidence_notes(self.doc, item), anchor=figure.anchor)

    def _implications(self, section: Section) -> list[SlidePlan]:
        items = [Item((Line(text, "bullet"),), group=Line((Span(group.heading),), "heading"))
                 for group in section.blocks if isinstance(group, ImplicationGroup)
                 for text in group.items]
        return self._bullet_slides("implications", section, items,
                                   notes.list_notes(section.blocks))

    def _recommendations(self, section: Section) -> list[SlidePlan]:
        items = [Item((Line(rec.text, "bullet"),)
                      + ((Line((Span(rec.owner_text),), "note"),) if rec.owner_text else ()))
                 for rec in section.blocks if isinstance(rec, RecommendationItem)]
        return self._bullet_slides("recommendations", section, items,
                                   notes.list_notes(section.blocks))

    def _indicators(self, section: Section) -> list[SlidePlan]:
        items = [Item((Line(ind.text, "bullet"),)) for ind in section.blocks
                 if isinstance(ind, Indicator)]
        return self._bullet_slides("indicators", section, items, notes.list_notes(section.blocks))

    def _sources(self, section: Section) -> list[SlidePlan]:
        items = []
        for src in (s for s in section.blocks if isinstance(s, SourceItem)):
            href = src.url if src.url and is_safe_link(src.url) else None
            # The link starts its own paragraph: LibreOffice moves a link that does not
            # fit the rest of a line to the next one as a whole, which measuring cannot see.
            label = (Span(src.label + " ", bold=True), Span(src.details or ""))
            items.append(Item((Line(label, "body"), Line((Span(src.title, href=href),), "link"))))
        return self._bullet_slides("sources", section, items, notes.list_notes(section.blocks))

    def _estimative_language(self, section: Section) -> list[SlidePlan]:
        legend = next(b for b in section.blocks if isinstance(b, EstimativeLegend))
        box = self.g.body_box
        intro = (Line((Span(legend.intro),), "body"),)
        split = round(box.w * LEGEND_SPLIT)

        def tables(size: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
            terms = [(legend.term_header, legend.range_header), *legend.terms]
            levels = [(legend.confidence_header, legend.meaning_header),
                      *((level.name, level.meaning) for level in legend.confidence)]
            return (self._rows(terms, size, split, TERM_COLUMNS),
                    self._rows(levels, size, box.w - split - GAP, CONFIDENCE_COLUMNS))

        def height(size: float) -> float:
            return self.text_height(intro, size, box.w) + GAP + max(sum(t) for t in tables(size))

        size = textfit.largest_fitting_size(height, box.h, self.body_pt) or self.body_pt[0]
        intro_h = self.text_height(intro, size, box.w)
        term_rows, confidence_rows = tables(size)
        table_box = Box(box.x, box.y + intro_h + GAP, box.w, box.h - intro_h - GAP)
        return [self._content("legend", section.title,
                              [Text(Box(box.x, box.y, box.w, intro_h), intro, size),
                               Legend(table_box, legend, size, term_rows, confidence_rows, split)],
                              notes.legend_notes(legend), anchor=section.anchor)]

    def _rows(self, rows, size: float, width: float, shares) -> tuple[float, ...]:
        """Heights of table rows whose cells wrap within ``shares`` of ``width`` (measured
        bold, as header and used terms are)."""
        return tuple(max(self.text_height([Line((Span(cell, bold=True),))], size,
                                          width * share)
                         for cell, share in zip(row, shares, strict=True))
                     for row in rows)

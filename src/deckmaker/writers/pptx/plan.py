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
    GAP, INSET_X, INSET_Y, PANEL_INSET, ROLES, Bar, Box, Chart, Chip, Geometry, Legend, Line,
    SlidePlan, Text,
)
from deckmaker.writers.pptx.fitting import Item, Planner, source_tags, with_groups

CAPTION_SHARE = 0.3      # at most this share of the body height for a chart's caption
ROW_GAP = 10.0
LABEL_WIDTH = 64.0
LEGEND_SPLIT = 0.42      # the terms table's share of the width
TERM_COLUMNS = (0.62, 0.38)
CONFIDENCE_COLUMNS = (0.3, 0.7)
STATEMENT_STEP = 4.0     # a judgment's statement is this much larger than its evidence
PANEL_PADDING = (PANEL_INSET, PANEL_INSET * 0.6)  # of the statement's shaded panel
COVER_BAR = 6.0          # width of the accent bar beside the cover's title and subtitle
COVER_META_GAP = 18.0    # between the subtitle and the metadata on the cover
COVER_TOP_WITH_LOGO = 84.0  # the cover's highest title top below the logo (``_add_logo``)


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
        """Title, subtitle and metadata as one block centred in the slide's height, an
        accent bar beside the title and subtitle."""
        doc, g = self.doc, self.g
        title_box, body_box = g.cover_title_box, g.cover_body_box
        title, title_pt = self.fit_title(doc.title, title_box)
        title_h = self.text_height([Line((Span(title, bold=True),))], title_pt, title_box.w)
        lines = [Line((Span(doc.subtitle),), "lead")] if doc.subtitle else []
        lines += [Line((Span(text),), "meta") for text in (*doc.header_lines, doc.source_line)
                  if text]
        [(item,), size] = self.paginate(
            [Item(tuple(lines), bullets=0)],
            lambda c, s: self._cover_body_height(c[0].lines, s, body_box.w), body_box.h)[0]
        lead, meta = _cover_parts(item.lines)
        lead_h = self.text_height(lead, size, body_box.w) if lead else 0.0
        meta_h = self.text_height(meta, size, body_box.w) if meta else 0.0
        block = title_h + lead_h + meta_h + (COVER_META_GAP if lead and meta else 0.0)
        highest = COVER_TOP_WITH_LOGO if doc.theme.logo else g.margin
        top = max(highest, g.margin + (g.footer_top - GAP - g.margin - block) / 2)
        placed_title = Box(title_box.x, top, title_box.w, title_h)
        elements: list = [Bar(Box(g.margin, top, COVER_BAR, title_h + lead_h), "accent")]
        y = top + title_h
        if lead:
            elements.append(Text(Box(body_box.x, y, body_box.w, lead_h), tuple(lead), size))
            y += lead_h + (COVER_META_GAP if meta else 0.0)
        if meta:
            elements.append(Text(Box(body_box.x, y, body_box.w, meta_h), tuple(meta), size))
        return SlidePlan("cover", "title", title, title_pt, tuple(elements),
                         notes.cover_notes(doc), dark=True, title_box=placed_title)

    def _cover_body_height(self, lines, size: float, width: float) -> float:
        """Subtitle and metadata at ``size``, each in its own box, with the gap between."""
        heights = [self.text_height(part, size, width) for part in _cover_parts(lines) if part]
        return sum(heights) + COVER_META_GAP * (len(heights) - 1)

    def _bluf(self, section: Section) -> list[SlidePlan]:
        items = [Item((Line(p.spans, "lead"),)) for p in self.doc.bluf]
        return self._bullet_slides("bluf", section, items, notes.bluf_notes(self.doc),
                                   layout="section", dark=True)

    def _key_judgments(self, section: Section) -> list[SlidePlan]:
        """The overview, then each judgment's slides, all of them at one size pair (the
        largest that fits every judgment slide), so the run reads as one."""
        judgments = [b for b in section.blocks if isinstance(b, Judgment)]
        chunked = [(j, self._judgment_chunks(j)) for j in judgments]
        size = min((size for _, chunks in chunked for _, size in chunks),
                   default=self.body_pt[0])
        return self._overview(section, judgments) + [
            s for j, chunks in chunked for s in self._judgment(j, [c for c, _ in chunks], size)]

    def _chips(self, judgment: Judgment, x: float, y: float, short: bool = False) -> list[Chip]:
        """The confidence chip (in the confidence's colour), then the likelihood chip
        (``short``: the term only), from ``x``."""
        chips, background = [], self.palette["background"]
        if judgment.confidence_text:
            chips.append(self.chip(x, y, judgment.confidence_text,
                                   judgment.confidence_colour or self.palette["muted"],
                                   background))
            x += chips[-1].box.w + GAP
        if judgment.likelihood_text:
            text = (self.doc.text("deck.likelihood_short", term=judgment.likelihood) if short
                    else judgment.likelihood_text)
            chips.append(self.chip(x, y, text, self.palette["primary"], background))
        return chips

    def _overview(self, section: Section, judgments: list[Judgment]) -> list[SlidePlan]:
        box = self.g.body_box
        chip_rows = [self._chips(j, 0, 0, short=True) for j in judgments]
        # one column per chip kind, as wide as its widest chip
        confidence_w = max((r[0].box.w for r, j in zip(chip_rows, judgments, strict=True)
                            if j.confidence_text), default=0)
        likelihood_w = max((r[-1].box.w for r, j in zip(chip_rows, judgments, strict=True)
                            if j.likelihood_text), default=0)
        chips_w = sum(w + GAP for w in (confidence_w, likelihood_w) if w)
        text_width = box.w - LABEL_WIDTH - chips_w
        has_chips = bool(chips_w)

        def row_height(item: Item, size: float) -> float:
            text = self.text_height(item.lines, size, text_width)
            return max(text, self.chip_height + 2 * INSET_Y if has_chips else 0)

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
                elements += self._overview_chips(judgment, box.x + box.w - chips_w + GAP,
                                                 y + INSET_Y + size * 0.1, confidence_w)
                y += height + ROW_GAP
            slides.append(self._content(
                "overview", title, elements, notes.overview_notes(i.extra["judgment"]
                                                                  for i in chunk),
                anchor=section.anchor if n == 0 else None))
        return slides

    def _overview_chips(self, judgment: Judgment, x: float, y: float,
                        confidence_w: float) -> list[Chip]:
        """The overview's chips of ``judgment`` in two columns from ``x``: confidence, then
        the likelihood (short), which keeps its column when there is no confidence."""
        chips = self._chips(judgment, x, y, short=True)
        if judgment.likelihood_text:
            likelihood = chips[-1]
            chips[-1] = Chip(Box(x + (confidence_w + GAP if confidence_w else 0), y,
                                 likelihood.box.w, likelihood.box.h), likelihood.text,
                             likelihood.fill, likelihood.colour)
        return chips

    def _evidence_line(self, item: EvidenceItem) -> Line:
        return Line((Span(item.label + " ", bold=True), *item.claim,
                     Span(source_tags(item.sources))), "bullet")

    def _judgment_items(self, judgment: Judgment) -> list[Item]:
        evidence = self.doc.evidence_of(judgment)
        lead = Item((Line((Span(judgment.label + " ", bold=True), *judgment.statement), "lead"),),
                    bullets=0, extra={"lead": True})
        intro = Line((Span(self.doc.text("judgment.evidence_intro")),), "heading")
        return [lead] + [Item((self._evidence_line(e),), group=intro) for e in evidence]

    def _judgment_height(self, chunk: Sequence[Item], size: float) -> float:
        """The height of a judgment slide's ``chunk`` with evidence at ``size`` (and the
        statement ``STATEMENT_STEP`` larger)."""
        box = self.g.body_box
        total, rest = 0.0, [i for i in chunk if not i.extra.get("lead")]
        if len(rest) < len(chunk):
            total += self.text_height(chunk[0].lines, size + STATEMENT_STEP, box.w,
                                      PANEL_PADDING)
            total += GAP + self.chip_height + (GAP if rest else 0)
        if rest:
            total += self.text_height(with_groups(rest), size, box.w)
        return total

    def _judgment_chunks(self, judgment: Judgment) -> list[tuple[list[Item], float]]:
        """The judgment's content split into slides, with the evidence size each allows."""
        low, high = self.body_pt
        bounds = (low, max(low, high - STATEMENT_STEP))
        return self.paginate(self._judgment_items(judgment), self._judgment_height,
                             self.g.body_box.h, bounds)

    def _judgment(self, judgment: Judgment, chunks: list[list[Item]],
                  size: float) -> list[SlidePlan]:
        """The slides of ``judgment``: statement in a panel, chips, evidence at ``size``."""
        box = self.g.body_box
        titles = self.titled(plain_text(judgment.headline), len(chunks))
        slides = []
        for n, (title, chunk) in enumerate(zip(titles, chunks, strict=True)):
            elements, y = [], box.y
            rest = [i for i in chunk if not i.extra.get("lead")]
            if len(rest) < len(chunk):
                statement_pt = size + STATEMENT_STEP
                panel_h = self.text_height(chunk[0].lines, statement_pt, box.w, PANEL_PADDING)
                elements.append(Text(Box(box.x, y, box.w, panel_h), chunk[0].lines,
                                     statement_pt, PANEL_PADDING, fill="shade"))
                y += panel_h + GAP
                elements += self._chips(judgment, box.x, y)
                y += self.chip_height + GAP
            if rest:
                lines = with_groups(rest)
                elements.append(Text(Box(box.x, y, box.w, self.text_height(lines, size, box.w)),
                                     lines, size))
            slides.append(self._content("judgment", title, elements,
                                        notes.judgment_notes(self.doc, judgment),
                                        anchor=judgment.anchor if n == 0 else None))
        return slides

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
        items = [Item(self._source_lines(src)) for src in section.blocks
                 if isinstance(src, SourceItem)]
        return self._bullet_slides("sources", section, items, notes.list_notes(section.blocks))

    def _source_lines(self, src: SourceItem) -> tuple[Line, ...]:
        """The label and the (linked) title, then author, publisher and date as the memo
        has them. The title is broken into lines here, at the largest size, one paragraph
        each: LibreOffice breaks a link that does not fit its line between characters."""
        href = src.url if src.url and is_safe_link(src.url) else None
        label = Span(src.label + " ", bold=True)
        size, inner = self.body_pt[1], self.g.body_box.w - 2 * INSET_X
        label_w = textfit.text_width(label.text, self.fonts, size, bold=True) \
            / textfit.WIDTH_SAFETY
        rest_w = inner - ROLES["source"].indent * size
        parts = textfit.wrap(src.title, self.fonts, size, inner - label_w, rest_w) or [""]
        lines = [Line((label, Span(parts[0], href=href)), "body")]
        lines += [Line((Span(part, href=href),), "source") for part in parts[1:]]
        if src.details:
            lines.append(Line((Span(src.details),), "citation"))
        return tuple(lines)

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


def _cover_parts(lines) -> tuple[list[Line], list[Line]]:
    """The cover's subtitle lines and its metadata lines."""
    return [ln for ln in lines if ln.role == "lead"], [ln for ln in lines if ln.role != "lead"]

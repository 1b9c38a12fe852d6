"""The deck's plan: which slides, in which order, with what where (pure, no python-pptx).

The main section is what a briefer presents, each slide an assertion and its evidence:
the title; the bottom line; the key judgments at a glance; one slide per judgment (its
headline as the title, its likelihood chip and confidence mark, the claims of the
evidence it cites and, when that evidence has a figure, the chart beside them);
implications, one shortened line each; the closing slide ("Questions"), whose body is
the recommendations when all of them fit it, one shortened line each (else they take
their own slide before it). Every main slide but the overview holds at most
``budget.SLIDE_WORDS`` words at no less than the pack's smallest body size; what does
not fit goes to the notes.

The backup section (the pack's ``deck: {backup: true}``) follows a "Backup" divider:
the evidence in detail, the indicators to watch (for follow-up, not for presenting),
the figures no judgment slide shows, the sources and the estimative-language key,
continued over as many slides as they need. Sections follow the pack's order within
each part. Every text is measured (``fitting``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from deckmaker import textfit
from deckmaker.inline import Inline, Span, is_safe_link, plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, Figure, ImplicationGroup, Indicator, Judgment,
    RecommendationItem, Section, SourceItem,
)
from deckmaker.writers.pptx import budget, chartfit, notes
from deckmaker.writers.pptx.elements import (
    COVER_BAR, GAP, INSET_X, INSET_Y, ROLES, Bar, Box, Chart, Chip, Geometry, Legend,
    Line, Mark, SlidePlan, Text,
)
from deckmaker.writers.pptx.fitting import Item, Planner, source_tags, with_groups
from deckmaker.writers.pptx.glance import (
    OVERVIEW_INSET, STACK_GAP, GlanceRows, better,
)

MAIN_SECTIONS = ("bluf", "key_judgments", "implications", "recommendations")
BACKUP_SECTIONS = ("evidence", "indicators", "sources", "estimative_language")
CLAIM_BULLETS = 4        # claims on a judgment slide, at most
MIN_LINE_WORDS = 8       # a shortened line says something: fewer lines rather than shorter
CHART_SHARE = 0.52       # of the body's width, for the chart beside a judgment's claims
COLUMN_GAP = 24.0
BLUF_WIDTH = 780.0       # the bottom line's measure: some 55 characters a line
CAPTION_SHARE = 0.3      # at most this share of the body height for a chart's caption
SUBTITLE_SHARE = 0.8  # the cover's subtitle at most this share of the title's size
LABEL_WIDTH = 64.0
LEGEND_SPLIT = 0.42      # the terms table's share of the width
TERM_COLUMNS = (0.62, 0.38)
CONFIDENCE_COLUMNS = (0.14, 0.26, 0.6)  # the mark's dots, the level, its meaning
COVER_META_GAP = 18.0    # between the subtitle and the metadata on the cover
COVER_TOP_WITH_LOGO = 84.0  # the cover's highest title top below the logo (``_add_logo``)
META_SCALE = ROLES["meta"].scale


def plan_deck(doc: Document, geometry: Geometry | None = None) -> list[SlidePlan]:
    """The slides of ``doc`` in order: the main section, then the backup section."""
    return SlidePlanner(doc, geometry).slides()


def charted(doc: Document) -> dict[str, EvidenceItem]:
    """Judgment label -> the evidence whose chart its slide shows: the first it cites
    that has a figure."""
    out = {}
    for judgment in doc.judgments:
        item = next((e for e in doc.evidence_of(judgment) if e.figure), None)
        if item is not None:
            out[judgment.label] = item
    return out


class SlidePlanner(Planner):
    """Plans each kind of slide."""

    def __init__(self, doc: Document, geometry: Geometry | None = None) -> None:
        super().__init__(doc, geometry)
        self._standins: dict[str, Line] = {}  # role -> its one-line stand-in

    def slides(self) -> list[SlidePlan]:
        doc = self.doc
        self.charts = charted(doc)
        self.closing_lines: tuple[tuple[Line, ...], float] | None = None
        main = [self.cover()]
        for section in doc.sections:
            if section.key in MAIN_SECTIONS:
                main += getattr(self, f"_{section.key}")(section)
        main.append(self.closing())
        main = self._unique_titles(main)
        if not doc.theme.deck_backup:
            return main
        backup: list[SlidePlan] = []
        for section in doc.sections:
            if section.key in BACKUP_SECTIONS:
                backup += getattr(self, f"_{section.key}")(section)
        if not backup:
            return main
        return main + [replace(s, backup=True) for s in [self.divider(backup), *backup]]

    # -- helpers -----------------------------------------------------------------------
    def _unique_titles(self, slides: list[SlidePlan]) -> list[SlidePlan]:
        """``slides`` with a repeated title told apart (screen readers list slides by
        title): a judgment's by its label before it, any other's by a number before it
        (a title cut to fit keeps its start)."""
        seen: set[str] = set()
        out = []
        for n, plan in enumerate(slides):
            title, count = plan.title, 1
            while title in seen:
                count += 1
                label = plan.anchor and next((j.label for j in self.doc.judgments
                                              if j.anchor == plan.anchor), None)
                prefix = label if label and count == 2 else f"{label or ''} {count}".strip()
                title, size = self.fit_title(f"{prefix}: {slides[n].title}",
                                             plan.title_box or self.g.title_for(plan.layout),
                                             plan.layout)
                plan = replace(plan, title=title, title_pt=size)
            seen.add(title)
            out.append(plan)
        return out

    def _content(self, kind: str, title: str, elements, notes_text: str, *,
                 layout: str = "content", dark: bool = False, anchor: str | None = None,
                 title_box: Box | None = None) -> SlidePlan:
        text, size = self.fit_title(title, title_box or self.g.title_for(layout), layout)
        return SlidePlan(kind, layout, text, size, tuple(elements), notes_text, dark, anchor,
                         title_box)

    def _bullet_slides(self, kind: str, section: Section, items: list[Item],
                       notes_of, *, title: str | None = None) -> list[SlidePlan]:
        """Backup slides of ``items``, continued as needed; ``notes_of(chunk)`` gives the
        notes of the slide showing ``chunk``."""
        box = self.g.body_box
        chunks = self.paginate(items, lambda c, s: self.text_height(with_groups(c), s, box.w),
                               box.h)
        titles = self.titled(title or section.title, len(chunks))
        return [self._content(kind, text, [Text(box, with_groups(chunk), size)],
                              notes_of(chunk), anchor=section.anchor if n == 0 else None)
                for n, (text, (chunk, size)) in enumerate(zip(titles, chunks, strict=True))]

    def one_line_standin(self, role: str) -> Line:
        """One line of ``role`` as tall as any line ``one_line`` gives (one object per
        role, so its measures are cached)."""
        return self._standins.setdefault(role, Line((Span("X"),), role))

    def one_line(self, spans: Inline, role: str, size: float, width: float) -> Line:
        """A line of ``spans`` in ``role`` cut after a word (an ellipsis added) until it
        takes one line of ``width`` at ``size``."""
        line = Line(spans, role)
        height = self.text_height([self.one_line_standin(role)], size, width)
        if self.text_height([line], size, width) <= height:
            return line
        text = plain_text(spans)
        words = budget.count_words(text)
        low, high = 1, words
        while low < high:
            mid = (low + high + 1) // 2
            candidate = Line(budget.shortened_spans(spans, mid), role)
            low, high = (mid, high) if self.text_height([candidate], size, width) <= height \
                else (low, mid - 1)
        candidate = Line(budget.shortened_spans(spans, low), role)
        if self.text_height([candidate], size, width) <= height:
            return candidate
        return self.truncate(line, size, width - 2 * INSET_X, height - 2 * INSET_Y)

    # -- the title, the bottom line, the close and the divider -------------------------
    def cover(self) -> SlidePlan:
        """Title, subtitle and metadata as one block centred in the slide's height, an
        accent bar beside the title and subtitle (``Geometry.own_look``; else each in
        its template placeholder); the metadata no smaller than the pack's smallest body
        size."""
        doc, g = self.doc, self.g
        title_box, body_box = g.cover_title_box, g.cover_body_box
        title, title_pt = self.fit_title(doc.title, title_box, "title")
        shown = title.upper() if "title" in g.caps else title
        title_h = self.text_height([Line((Span(shown, bold=True),))], title_pt, title_box.w)
        lead = [Line((Span(doc.subtitle),), "lead")] if doc.subtitle else []
        meta_texts = [text for text in (*doc.header_lines, doc.source_line) if text]
        # What a small cover leaves out first (all of it is in the notes): the source,
        # then who it is for and by; the date (the header lines' last, always there)
        # last of all.
        *people, date = doc.header_lines
        leave_out = [t for t in (doc.source_line, *people, date) if t]
        low, high = self.body_pt
        floor = min(high, math.ceil(low / META_SCALE))  # the metadata at no less than low
        # the subtitle never larger than the title (a template's small cover title)
        meta_low = (floor, max(min(high, title_pt * SUBTITLE_SHARE), floor))

        def lines() -> list[Line]:
            return lead + [Line((Span(text),), "meta") for text in meta_texts]

        while meta_texts and len(lines()) > 1 and self._cover_body_height(
                lines(), floor, body_box.w) > body_box.h:
            meta_texts.remove(leave_out.pop(0))
        [(item,), size] = self.paginate(
            [Item(tuple(lines()), bullets=0)],
            lambda c, s: self._cover_body_height(c[0].lines, s, body_box.w), body_box.h,
            meta_low)[0]
        lead, meta = _cover_parts(item.lines)
        lead_h = self.text_height(lead, size, body_box.w) if lead else 0.0
        meta_h = self.text_height(meta, size, body_box.w) if meta else 0.0
        if g.own_look:
            block = title_h + lead_h + meta_h + (COVER_META_GAP if lead and meta else 0.0)
            highest = COVER_TOP_WITH_LOGO if doc.theme.logo else g.margin
            top = max(highest, g.margin + (g.footer_top - GAP - g.margin - block) / 2)
            placed_title = Box(title_box.x, top, title_box.w, title_h)
            elements: list = [Bar(Box(g.margin, top, COVER_BAR, title_h + lead_h), "accent")]
            y = top + title_h
        else:  # the template's places: its title placeholder, then its subtitle's
            placed_title, elements, y = title_box, [], body_box.y
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
        """The bottom line as the brief's ``bluf_short`` gives it, else its first
        sentences up to ``budget.BLUF_WORDS``, large, at a readable measure."""
        doc, box = self.doc, self.g.section_body_box
        full = tuple(span for p in doc.bluf for span in (*p.spans, Span(" ")))[:-1]
        if doc.bluf_short:
            shown = budget.shortened_spans(doc.bluf_short, budget.BLUF_WORDS)
        else:
            shown, _ = budget.leading_sentences(full, budget.BLUF_WORDS)
        lines = (Line(shown, "lead"),)
        width = min(box.w, BLUF_WIDTH)
        bounds = (self.body_pt[1], max(self.body_pt[1], self.title_pt[1] - 4))
        size = textfit.largest_fitting_size(lambda s: self.text_height(lines, s, width),
                                            box.h, bounds) or self.body_pt[0]
        height = self.text_height(lines, size, width)
        return [self._content("bluf", section.title,
                              [Text(Box(box.x, box.y, width, height), lines, size)],
                              notes.bluf_notes(doc, plain_text(shown)), layout="section",
                              dark=True, anchor=section.anchor)]

    def closing(self) -> SlidePlan:
        """"Questions" on a dark slide: over the recommendations when they are its body
        (``_recommendations``), else large in the middle."""
        g, doc = self.g, self.doc
        title = doc.text("deck.questions")
        if self.closing_lines is not None:
            lines, size = self.closing_lines
            box = g.section_body_box
            recommendations = doc.section("recommendations")
            return self._content(
                "closing", title,
                [Text(Box(box.x, box.y, box.w, self.text_height(lines, size, box.w)), lines,
                      size)],
                notes.closing_notes(doc, recommendations), layout="section", dark=True)
        box = g.closing_title_box if g.own_look else None
        return self._content("closing", title, [], notes.closing_notes(doc),
                             layout="section", dark=True, title_box=box)

    def divider(self, backup: list[SlidePlan]) -> SlidePlan:
        """"Backup", with the titles of the sections it opens."""
        g, box = self.g, self.g.section_body_box
        title_box = g.divider_title_box if g.own_look else None
        names = list(dict.fromkeys(s.title for s in backup if s.anchor))
        lines = tuple(Line((Span(name),), "closing") for name in names)
        size = self.body_pt[0]
        top = title_box.y + title_box.h + GAP if title_box else box.y
        elements = [Text(Box(box.x, top, box.w, self.text_height(lines, size, box.w)), lines,
                         size)] if lines else []
        return self._content("divider", self.doc.text("deck.backup"), elements,
                             notes.divider_notes(self.doc, names), layout="section", dark=True,
                             title_box=title_box)

    # -- key judgments -----------------------------------------------------------------
    def _key_judgments(self, section: Section) -> list[SlidePlan]:
        judgments = [b for b in section.blocks if isinstance(b, Judgment)]
        return self._overview(section, judgments) + [self._judgment(j) for j in judgments]

    def chip_for(self, judgment: Judgment, x: float, y: float, short: bool = False,
                 compact: bool = False) -> Chip | None:
        """The leading likelihood chip: word and range (``short``: the word alone)."""
        if not judgment.likelihood_text:
            return None
        text = (judgment.likelihood_word or judgment.likelihood_text) if short \
            else judgment.likelihood_text
        return self.chip(x, y, text, self.palette["primary"], self.palette["background"],
                         compact=compact)

    def mark_for(self, judgment: Judgment, x: float, y: float, height: float) -> Mark | None:
        """The confidence mark of ``judgment`` (dots and word) at (x, y), ``height`` high."""
        mark = judgment.confidence_mark
        if mark is None:
            return None
        return Mark(Box(x, y, self.mark_width(mark.text), height), mark, self.chip_pt)

    def _marks(self, judgment: Judgment, x: float, y: float) -> list:
        """The likelihood chip, then the confidence mark, from (x, y)."""
        out: list = []
        chip = self.chip_for(judgment, x, y)
        if chip:
            out.append(chip)
            x += chip.box.w + GAP
        mark = self.mark_for(judgment, x, y, self.chip_height)
        if mark:
            out.append(mark)
        return out

    def _overview(self, section: Section, judgments: list[Judgment]) -> list[SlidePlan]:
        """One row a judgment: label, headline, likelihood chip, confidence mark
        (``glance``): the chip and mark beside the headline or under it, whichever
        takes fewer slides and keeps headlines whole; several slides titled by range."""
        if not judgments:
            return []
        box = self.g.body_box
        chips = [self.chip_for(j, 0, 0, short=True, compact=True) for j in judgments]
        chip_w = max((c.box.w for c in chips if c), default=0.0)
        mark_w = max((self.mark_width(j.confidence_mark.text) for j in judgments
                      if j.confidence_mark), default=0.0)
        columns = sum(w + GAP for w in (chip_w, mark_w) if w)
        chip_h = self.chip_height_compact if columns else 0.0
        beside = GlanceRows(self, box, box.w - LABEL_WIDTH - columns, chip_h, False)
        fitter, chunks = beside, beside.chunked(judgments)
        if columns:  # under the headline, which then has the row's width
            stacked = GlanceRows(self, box, box.w - LABEL_WIDTH, chip_h, True)
            under = stacked.chunked(judgments)
            if better(under, chunks):
                fitter, chunks = stacked, under
        text_w, count = fitter.text_w, len(chunks)
        slides, first = [], 1
        for n, (chunk, layout) in enumerate(chunks):
            elements, y, size = [], box.y, layout.size
            for j, row in zip(chunk, layout.rows, strict=True):
                label = Line((Span(j.label, bold=True),), "heading")
                elements.append(Text(Box(box.x, y, LABEL_WIDTH, row.text_h), (label,), size,
                                     OVERVIEW_INSET))
                elements.append(Text(Box(box.x + LABEL_WIDTH, y, text_w, row.text_h),
                                     (row.line,), size, OVERVIEW_INSET))
                if fitter.stacked:
                    x, chip_y = box.x + LABEL_WIDTH + OVERVIEW_INSET[0], y + row.text_h + STACK_GAP
                else:
                    x = box.x + LABEL_WIDTH + text_w + GAP
                    chip_y = y + (row.height - chip_h) / 2 if row.height > chip_h else y
                    chip_y = min(chip_y, y + OVERVIEW_INSET[1])
                chip = self.chip_for(j, x, chip_y, short=True, compact=True)
                if chip:
                    elements.append(chip)
                if chip_w:
                    x += chip_w + GAP
                mark = self.mark_for(j, x, chip_y, chip_h)
                if mark:
                    elements.append(mark)
                y += row.height + layout.gap
            last = first + len(chunk) - 1
            title = self.doc.text("deck.overview") if count == 1 else \
                self.doc.text("deck.overview_range", first=first, last=last)
            slides.append(self._content("overview", title, elements,
                                        notes.overview_notes(self.doc, chunk),
                                        anchor=section.anchor if n == 0 else None))
            first = last + 1
        return slides

    def _judgment(self, judgment: Judgment) -> SlidePlan:
        """Headline as title; chip and mark; the cited evidence's claims within the word
        budget; the chart (takeaway title, source line) at the right if any has one."""
        doc, box = self.doc, self.g.body_box
        # the chip's edge under the title's and the bullets' first letters, not their boxes'
        elements: list = self._marks(judgment, box.x + INSET_X, box.y)
        words = sum(budget.count_words(_element_text(e)) for e in elements)
        top = box.y + (self.chip_height + GAP if elements else 0.0)
        charted_item = self.charts.get(judgment.label)
        evidence = doc.evidence_of(judgment)
        claims = [e for e in evidence if e is not charted_item] or evidence
        width = box.w
        if charted_item is not None:
            figure_w = round(box.w * CHART_SHARE)
            width = box.w - figure_w - COLUMN_GAP
            figure_elements = self._figure_block(
                charted_item.figure, Box(box.x + width + COLUMN_GAP, top, figure_w,
                                         box.y + box.h - top))
            words += sum(budget.count_words(_element_text(e)) for e in figure_elements)
        else:
            figure_elements = []
        body = Box(box.x, top, width, box.y + box.h - top)
        bullets, size = self._claims(claims, body, budget.SLIDE_WORDS - words)
        if bullets:
            elements.append(Text(Box(body.x, body.y, body.w,
                                     self.text_height(bullets, size, body.w)), bullets, size))
        shown = len(bullets)
        return self._content("judgment", plain_text(judgment.headline),
                             elements + figure_elements,
                             notes.judgment_notes(doc, judgment, claims[:shown], charted_item),
                             anchor=judgment.anchor)

    def _claims(self, items: Sequence[EvidenceItem], box: Box, words: int,
                ) -> tuple[tuple[Line, ...], float]:
        """Bullets of the claims of ``items`` (label first), at most ``CLAIM_BULLETS``
        and as many as give each ``MIN_LINE_WORDS``, each shortened to its share of
        ``words``, that fit ``box`` at the smallest body size; at the largest size at
        which they all fit."""
        low, high = self.body_pt
        count = max(1, min(len(items), CLAIM_BULLETS, words // MIN_LINE_WORDS))
        while count:
            chosen = items[:count]
            shares = _shares([budget.count_words(plain_text(e.claim)) + 1 for e in chosen],
                             words)
            lines = tuple(Line((Span(e.label + " ", bold=True),
                                *budget.shortened_spans(e.claim, max(1, share - 1))), "bullet")
                          for e, share in zip(chosen, shares, strict=True))
            if self.text_height(lines, low, box.w) <= box.h + 0.01:
                break
            count -= 1
        if not count:
            return (), low
        size = textfit.largest_fitting_size(lambda s: self.text_height(lines, s, box.w),
                                            box.h, (low, high)) or low
        return lines, size

    def _figure_block(self, figure: Figure, box: Box) -> list:
        """A chart filling ``box`` under its takeaway title, its source line below it."""
        size = self.body_pt[0]
        title = (Line((Span(figure.title),), "figure_title"),)
        title_h = self.text_height(title, size, box.w)
        out: list = [Text(Box(box.x, box.y, box.w, title_h), title, size)]
        bottom = box.y + box.h
        if figure.source_text:
            source = (Line((Span(figure.source_text),), "figure_source"),)
            source_h = self.text_height(source, size, box.w)
            bottom -= source_h
            source_box = Box(box.x, bottom, box.w, source_h)
        chart_box = Box(box.x, box.y + title_h, box.w, bottom - box.y - title_h - INSET_Y)
        out.append(self._chart(figure, chart_box))
        if figure.source_text:
            out.append(Text(source_box, source, size))
        return out

    def _chart(self, figure: Figure, box: Box) -> Chart:
        legend_pt = chartfit.legend_size(figure, box, self.fonts)
        skip = chartfit.label_skip(figure, box, self.fonts, legend_pt)
        return Chart(box, figure, skip, legend_pt,
                     chartfit.plot_layout(figure, box, self.fonts, legend_pt, skip))

    # -- implications, recommendations, indicators: one slide, one line an item --------
    def _lines_slide(self, kind: str, section: Section,
                     groups: list[tuple[str | None, list[Inline]]], notes_text: str,
                     ) -> list[SlidePlan]:
        """One slide of ``groups`` (``_lines``)."""
        box = self.g.body_box
        lines, size, _ = self._lines(groups, box)
        return [self._content(kind, section.title,
                              [Text(Box(box.x, box.y, box.w,
                                        self.text_height(lines, size, box.w)), lines, size)],
                              notes_text, anchor=section.anchor)]

    def _lines(self, groups: list[tuple[str | None, list[Inline]]], box: Box,
               ) -> tuple[tuple[Line, ...], float, bool]:
        """The lines of ``groups`` (a heading or None, then items) in ``box``: each item
        shortened to its share of the word budget and to one line; items that still do
        not fit are left to the notes, counted on a last line. With the size, and
        whether every item is shown."""
        heading_words = sum(budget.count_words(h) for h, _ in groups if h)
        items = [text for _, texts in groups for text in texts]
        total = len(items)
        words = budget.SLIDE_WORDS - heading_words
        room = words // MIN_LINE_WORDS
        if room < len(items):  # fewer lines, and one saying how many are in the notes
            more_words = budget.count_words(self.doc.text("deck.more", count=len(items)))
            room = max(1, (words - more_words) // MIN_LINE_WORDS)
            groups = _first_items(groups, room)
            items = items[:room]
            words -= more_words
        shares = _shares([budget.count_words(plain_text(t)) for t in items], words)
        shortened = iter([budget.shortened_spans(t, n) for t, n in zip(items, shares,
                                                                      strict=True)])
        grouped = [(heading, [next(shortened) for _ in texts]) for heading, texts in groups]
        low, high = self.body_pt
        headings = {heading: Line((Span(heading),), "heading") for heading, _ in grouped
                    if heading}

        def lines_at(size: float | None, limit: int) -> list[Line]:
            """The lines showing the first ``limit`` items, each cut to one line at
            ``size``; None: each item as a one-line stand-in (every item is one line
            once cut, so the size is chosen before any is cut)."""
            out, count = [], 0
            for heading, texts in grouped:
                if count >= limit:
                    break
                if heading:
                    out.append(headings[heading])
                for spans in texts[:limit - count]:
                    out.append(self.one_line_standin("bullet") if size is None else
                               self.one_line(spans, "bullet", size, box.w))
                    count += 1
            if count < total:
                out.append(Line((Span(self.doc.text("deck.more", count=total - count)),),
                                "closing"))
            return out

        shown = len(items)
        standins = lines_at(None, shown)
        size = textfit.largest_fitting_size(
            lambda s: self.text_height(standins, s, box.w), box.h, (low, high))
        if size is None:
            size = low
            while shown > 1:
                shown -= 1
                if self.text_height(lines_at(None, shown), size, box.w) <= box.h + 0.01:
                    break
        return tuple(lines_at(size, shown)), size, shown == total

    def _implications(self, section: Section) -> list[SlidePlan]:
        groups = [(g.heading, list(g.items)) for g in section.blocks
                  if isinstance(g, ImplicationGroup)]
        return self._lines_slide("implications", section, groups,
                                 notes.list_notes(self.doc, section))

    def _recommendations(self, section: Section) -> list[SlidePlan]:
        """The closing slide's body when every recommendation fits it (what to do is the
        last thing the audience hears before questions), else a slide of their own."""
        items = [r.text for r in section.blocks if isinstance(r, RecommendationItem)]
        if not items:
            return []
        lines, size, whole = self._lines([(section.title, items)], self.g.section_body_box)
        if whole:
            self.closing_lines = (lines, size)
            return []
        return self._lines_slide("recommendations", section, [(None, items)],
                                 notes.list_notes(self.doc, section))

    # -- the backup section ------------------------------------------------------------
    def _evidence(self, section: Section) -> list[SlidePlan]:
        """The evidence in detail, then the figures no judgment slide shows."""
        evidence = [b for b in section.blocks if isinstance(b, EvidenceItem)]
        items = [Item(self._evidence_lines(e), extra={"evidence": e}) for e in evidence]
        slides = self._bullet_slides(
            "evidence", section, items,
            lambda chunk: notes.evidence_list_notes(self.doc,
                                                    [i.extra["evidence"] for i in chunk]))
        shown = {id(e.figure) for e in self.charts.values()}
        return slides + [self._figure(e) for e in evidence if e.figure and
                         id(e.figure) not in shown]

    def _indicators(self, section: Section) -> list[SlidePlan]:
        """The indicators to watch in full, one bullet each, continued as needed."""
        indicators = [b for b in section.blocks if isinstance(b, Indicator)]
        items = [Item((Line(i.text, "bullet"),), extra={"indicator": i}) for i in indicators]
        return self._bullet_slides(
            "indicators", section, items,
            lambda chunk: notes.list_notes(
                self.doc, replace(section, blocks=tuple(i.extra["indicator"] for i in chunk))))

    def _evidence_lines(self, item: EvidenceItem) -> tuple[Line, ...]:
        lines = [Line((Span(item.label + " ", bold=True), *item.claim,
                       Span(source_tags(item.sources))), "body")]
        if item.detail:
            lines.append(Line(item.detail, "note"))
        if item.quote:
            by = f" {item.quote.by_text}" if item.quote.by_text else ""
            lines.append(Line((Span("\u201c"), *item.quote.text, Span(f"\u201d{by}")), "note"))
        return tuple(lines)

    def _figure(self, item: EvidenceItem) -> SlidePlan:
        """A backup slide of one figure: the chart, its source line, and the claim."""
        figure, box = item.figure, self.g.body_box
        size = self.body_pt[0]
        caption = Line((Span(item.label + " ", bold=True), *item.claim,
                        Span(source_tags(item.sources))), "body")
        limit = box.h * CAPTION_SHARE
        if self.text_height([caption], size, box.w) > limit:
            caption = self.truncate(caption, size, box.w - 2 * INSET_X, limit - 2 * INSET_Y)
        lines = [caption]
        if figure.source_text:
            lines.insert(0, Line((Span(figure.source_text),), "figure_source"))
        below_h = self.text_height(lines, size, box.w)
        chart = self._chart(figure, Box(box.x, box.y, box.w, box.h - below_h - GAP))
        title = self.doc.text("deck.figure_slide", label=figure.label, title=figure.title)
        return self._content("figure", title,
                             [chart, Text(Box(box.x, box.y + box.h - below_h, box.w, below_h),
                                          tuple(lines), size)],
                             notes.evidence_list_notes(self.doc, [item]), anchor=figure.anchor)

    def _sources(self, section: Section) -> list[SlidePlan]:
        sources = [s for s in section.blocks if isinstance(s, SourceItem)]
        items = [Item(self._source_lines(src), extra={"source": src}) for src in sources]
        return self._bullet_slides(
            "sources", section, items,
            lambda chunk: notes.sources_notes(self.doc, [i.extra["source"] for i in chunk]))

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
        """The intro and both tables side by side at the largest body size they fit;
        where they do not fit at the smallest (a template's short body), the intro and
        the tables full width, flowing over as many slides as they need, each table's
        header repeated on every slide it continues on (``_legend_flow``)."""
        legend = next(b for b in section.blocks if isinstance(b, EstimativeLegend))
        box = self.g.body_box
        pages = self._legend_together(legend, box) or self._legend_flow(legend, box)
        titles = self.titled(section.title, len(pages))
        return [self._content("legend", title, elements, notes.legend_notes(legend),
                              anchor=section.anchor if n == 0 else None)
                for n, (title, elements) in enumerate(zip(titles, pages, strict=True))]

    def _legend_together(self, legend: EstimativeLegend, box: Box) -> list[list] | None:
        """One slide: the intro above, the terms table left and the levels' right."""
        intro = (Line((Span(legend.intro),), "body"),)
        split = round(box.w * LEGEND_SPLIT)
        level_w = box.w - split - GAP

        def height(size: float) -> float:
            return self.text_height(intro, size, box.w) + GAP + max(
                sum(self._table_heights(legend, "terms", size, split)),
                sum(self._table_heights(legend, "levels", size, level_w)))

        size = textfit.largest_fitting_size(height, box.h, self.body_pt)
        if size is None:
            return None
        intro_h = self.text_height(intro, size, box.w)
        top = box.y + intro_h + GAP
        every = (tuple(range(len(legend.terms))), tuple(range(len(legend.confidence))))
        return [[Text(Box(box.x, box.y, box.w, intro_h), intro, size),
                 *self._legend_table(legend, "terms", every[0], Box(box.x, top, split, 0),
                                     size),
                 *self._legend_table(legend, "levels", every[1],
                                     Box(box.x + split + GAP, top, level_w, 0), size)]]

    def _legend_flow(self, legend: EstimativeLegend, box: Box) -> list[list]:
        """The intro, then the terms' rows, then the levels' rows, full width at the
        smallest body size, as many on each slide as fit under the ones before."""
        size = self.body_pt[0]
        intro = (Line((Span(legend.intro),), "body"),)
        intro_h = self.text_height(intro, size, box.w)
        pages: list[list] = [[Text(Box(box.x, box.y, box.w, intro_h), intro, size)]]
        y = box.y + intro_h + GAP
        for kind in ("terms", "levels"):
            heights = self._table_heights(legend, kind, size, box.w)
            head, rows_h = heights[0], heights[1:]
            for new_slide, rows in table_runs(rows_h, head, y, box):
                if new_slide:
                    pages.append([])
                    y = box.y
                pages[-1] += self._legend_table(legend, kind, tuple(rows),
                                                Box(box.x, y, box.w, 0), size)
                y += head + sum(rows_h[r] for r in rows) + GAP
        return pages

    def _table_heights(self, legend: EstimativeLegend, kind: str, size: float,
                       width: float) -> tuple[float, ...]:
        return self._rows(table_rows(legend, kind), size, width,
                          TERM_COLUMNS if kind == "terms" else CONFIDENCE_COLUMNS)

    def _legend_table(self, legend: EstimativeLegend, kind: str, rows: tuple[int, ...],
                      at: Box, size: float) -> list:
        """The ``Legend`` of ``rows`` of the ``kind`` table ``at.w`` wide from ``at``'s
        top left, and for levels the marks the brief's judgments use, over their first
        column."""
        heights = self._table_heights(legend, kind, size, at.w)
        shown = (heights[0], *(heights[1 + r] for r in rows))
        elements: list = [Legend(Box(at.x, at.y, at.w, sum(shown)), legend, size, kind, rows,
                                 shown)]
        if kind != "levels":
            return elements
        dots_w = at.w * CONFIDENCE_COLUMNS[0]
        marks = {mark.level: mark for j in self.doc.judgments if (mark := j.confidence_mark)}
        y = at.y + shown[0]
        for row, row_h in zip(rows, shown[1:], strict=True):
            mark = marks.get(legend.confidence[row].level)
            if mark is not None:
                elements.append(Mark(Box(at.x + INSET_X, y + INSET_Y, dots_w - 2 * INSET_X,
                                         min(row_h - 2 * INSET_Y, self.chip_height)),
                                     mark, size, word=False))
            y += row_h
        return elements

    def _rows(self, rows, size: float, width: float, shares) -> tuple[float, ...]:
        """Heights of table rows whose cells wrap within ``shares`` of ``width`` (measured
        bold, as header and used terms are)."""
        return tuple(max(self.text_height([Line((Span(cell, bold=True),))], size,
                                          width * share)
                         for cell, share in zip(row, shares, strict=True))
                     for row in rows)


def table_rows(legend: EstimativeLegend, kind: str) -> list[tuple[str, ...]]:
    """The header and rows of the legend's "terms" or "levels" table, as shown."""
    if kind == "terms":
        return [(legend.term_header, legend.range_header), *legend.terms]
    return [("", legend.confidence_header, legend.meaning_header),
            *(("", level.name, level.meaning) for level in legend.confidence)]


def table_runs(rows_h: Sequence[float], head: float, top: float,
               box: Box) -> list[tuple[bool, list[int]]]:
    """A table's rows (heights ``rows_h`` under a header row ``head`` tall, from ``top``
    in ``box``) in runs, one a slide: (on a new slide, row indices). As many rows on each
    slide as fit; then, so that no row stands alone under its repeated header, a last
    run of one row takes one more from the run before, or, where that one has only
    two, the table starts the next slide whole if it fits there."""
    runs: list[tuple[bool, list[int]]] = []
    rows: list[int] = []
    new_slide, y, used = False, top, head  # used: the header's and the run's rows' height
    for index, height in enumerate(rows_h):
        if y + used + height > box.y + box.h and (rows or y > box.y):
            if rows:
                runs.append((new_slide, rows))
            rows, new_slide, y, used = [], True, box.y, head
        rows.append(index)
        used += height
    runs.append((new_slide, rows))
    if len(runs) < 2 or len(runs[-1][1]) > 1:
        return runs
    if len(runs[-2][1]) >= 3:
        runs[-1][1].insert(0, runs[-2][1].pop())
    elif len(runs) == 2 and top > box.y and head + sum(rows_h) <= box.h:
        return [(True, list(range(len(rows_h))))]  # whole on the next slide
    return runs


def _element_text(element) -> str:
    """The words an element shows (a chip's or a mark's word, a text box's lines)."""
    if isinstance(element, Chip):
        return element.text
    if isinstance(element, Mark):
        return element.mark.text if element.word else ""
    if isinstance(element, Text):
        return " ".join(plain_text(line.spans) for line in element.lines)
    return ""


def _shares(lengths: list[int], words: int) -> list[int]:
    """Words for each of items ``lengths`` long within ``words`` in all: short items
    whole, the rest split evenly (at least three each)."""
    shares = [0] * len(lengths)
    left, remaining = words, len(lengths)
    for index in sorted(range(len(lengths)), key=lambda k: lengths[k]):
        share = max(3, min(lengths[index], left // max(1, remaining)))
        shares[index] = share
        left -= share
        remaining -= 1
    return shares


def _first_items(groups, count: int):
    """``groups`` (heading, items) keeping their first ``count`` items in all."""
    out = []
    for heading, items in groups:
        if count <= 0:
            break
        out.append((heading, items[:count]))
        count -= len(items[:count])
    return out


def _cover_parts(lines) -> tuple[list[Line], list[Line]]:
    """The cover's subtitle lines and its metadata lines."""
    return [ln for ln in lines if ln.role == "lead"], [ln for ln in lines if ln.role != "lead"]


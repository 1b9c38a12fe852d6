"""The flowables of each planned step: header, BLUF box, headings and numbered items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import AnchorFlowable, HRFlowable
from reportlab.platypus.paragraph import cleanBlockQuotedText

from deckmaker.fonts import NBSP, Fallbacks, font_for_label, has_cjk, load_ttf
from deckmaker.inline import plain_text
from deckmaker.model import (
    Document, EstimativeLegend, EvidenceItem, Figure, ImplicationGroup, Indicator, Judgment,
    RecommendationItem, Section, SourceItem,
)
from deckmaker.model import Paragraph as TextParagraph
from deckmaker.writers.pdf.box import BoxStyle, RuledBox
from deckmaker.writers.pdf.charts import figure_drawing
from deckmaker.writers.pdf.column import held
from deckmaker.writers.pdf.letterhead import Beside, letterhead_image
from deckmaker.writers.pdf.markup import Markup
from deckmaker.writers.pdf.marks import (
    GlanceRow, GlanceTable, MarkCell, MarkLine, MarkStyle, Pen, SideBySide, chip_width,
    mark_width,
)
from deckmaker.writers.pdf.parser import parse
from deckmaker.writers.pdf.plan import Step
from deckmaker.writers.pdf.styles import LABEL_GUTTER, SIZES, Styles, hex_of
from deckmaker.writers.pdf.tagging.story import UNTAGGED, Tags
from deckmaker.writers.pdf.urls import url_lines

BULLET = "\u2022"
GLANCE_FULL = 8  # up to this many judgments, the glance table never splits: all on page 1
TABLE_GAP = 16  # between the estimative tables side by side
URL_ROOM = 0.98  # of the line: room for rounding in reportlab's own measuring
# Steps opening a section of the structure tree (a Sect, ended by the next one), and
# steps that are items of a list (an L around consecutive steps of one kind).
SECTION_KINDS = frozenset({"bluf", "glance", "heading"})
LIST_KINDS = frozenset({"judgment", "evidence", "recommendation", "indicator", "source"})


@lru_cache(maxsize=64)
def _cjk_variant(style):
    """The same style, breaking lines between any two characters (CJK text)."""
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


class MemoParagraph(Paragraph):
    """A Paragraph that remembers its last wrap: platypus wraps most paragraphs twice at
    the same width (KeepTogether and tables measure their content, then the frame wraps
    each part again), and line breaking is most of the layout time. A wrap at the same
    width, with the lines, width and height that wrap left still in place, returns the
    same size without breaking the lines again; anything else wraps afresh."""

    last_wrap: tuple | None = None  # (available width, size, the lines it made)

    def wrap(self, availWidth, availHeight):
        last = self.last_wrap
        if last is not None:
            width, size, lines = last
            if width == availWidth and getattr(self, "blPara", None) is lines \
                    and (self.width, self.height) == size:
                return size
        size = super().wrap(availWidth, availHeight)
        self.last_wrap = (availWidth, size, getattr(self, "blPara", None))
        return size


def para(text: str, style) -> Paragraph:
    """A Paragraph of ready markup, read by parser.py; CJK text gets CJK line breaking."""
    text = cleanBlockQuotedText(text)
    style, frags, bullet_frags = parse(text, _cjk_variant(style) if has_cjk(text) else style)
    return MemoParagraph(text, style, bulletText=bullet_frags, frags=frags)


def together(parts: list[Flowable]) -> list[Flowable]:
    """``parts`` each kept with the next: no page ends between two of them, though a
    paragraph among them may split between its lines (two at least on each side)."""
    for part in parts[:-1]:
        part.keepWithNext = 1
    return parts


def _pairs_with_next(number: int, count: int) -> bool:
    """Whether item ``number`` (from 1) of a list of ``count`` stays with the next one."""
    return number < count and number in (1, count - 1)


class Anchor(AnchorFlowable):
    """A named destination just above the block that follows it, and kept with it.

    A separate flowable rather than an ``<a name>`` tag inside the paragraph: reportlab
    cannot break a long word that shares its line start with such a tag."""

    keepWithNext = 1  # invisible, and so, as every AnchorFlowable, transparent to spacing

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class StepMarker(AnchorFlowable):
    """An invisible mark where a step starts: names the step for layout errors, adds its
    bookmark (which points at the anchor the step defines, wherever this lands) and
    defines the step's own anchor, if its blocks start with one.

    The anchor is folded in here rather than left as an Anchor flowable after it: every
    flowable of a keep-together group costs platypus a wrap, a frame test and a drawing
    state, and the two land at the same point anyway."""

    keepWithNext = 1  # never separate from the step it announces (or a heading from it)

    def __init__(self, step: Step, anchor: str | None = None) -> None:
        # An AnchorFlowable: zero-sized, and the space after the block above still applies.
        super().__init__(anchor or "")
        self.step = step
        self.anchor = anchor

    def draw(self) -> None:
        entry = self.step.outline
        if entry:
            self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level,
                                      closed=entry.level > 0)
        if self.anchor:
            self.canv.bookmarkHorizontal(self.anchor, 0, 0)  # as Anchor draws it


def starting(flowable: Flowable) -> Flowable:
    """``flowable``, marked as starting a block (what stands in the label gutter); the
    hint goes on what a tagging wrapper holds, where the column reads hints."""
    held(flowable).starts_block = True
    return flowable


class Blocks:
    """Turns planned steps into flowables for one document, and (with ``tags``) its
    structure tree: the order of the steps is the reading order."""

    def __init__(self, doc: Document, styles: Styles, markup: Markup, width: float,
                 fallbacks: Fallbacks, pen: Pen, tags: Tags = UNTAGGED) -> None:
        self.doc = doc
        self.pen = pen
        self.tags = tags
        self._section_open = False
        self._list_of: str | None = None  # the kind of step the open L holds
        pal = styles.palette
        self.marks = MarkStyle(styles.sans, SIZES.small, pal.text, pal.primary, pal.shade,
                               pal.muted)
        self.s = styles
        self.m = markup
        self.width = width
        self._sans = load_ttf(doc.theme.heading_font.regular)
        self._fallbacks = fallbacks
        self._build: dict[str, Callable[[Step], list[Flowable]]] = {
            "header": self.header, "bluf": self.bluf, "glance": self.glance,
            "heading": self.heading,
            "paragraph": self.paragraph, "judgment": self.judgment, "evidence": self.evidence,
            "implications": self.implications, "recommendation": self.recommendation,
            "indicator": self.indicator, "source": self.source, "legend": self.legend,
        }

    def flowables(self, step: Step) -> list[Flowable]:
        """The flowables of ``step``, after a marker carrying its name, bookmark and the
        anchor its blocks start with."""
        self._structure(step.kind)
        parts = self._build[step.kind](step)
        if parts and type(parts[0]) is Anchor:
            return [StepMarker(step, parts[0].name), *parts[1:]]
        return [StepMarker(step), *parts]

    def _structure(self, kind: str) -> None:
        """Close and open the Sect and L elements a step of ``kind`` goes into."""
        tags = self.tags
        if self._list_of is not None and kind != self._list_of:
            tags.close("L")
            self._list_of = None
        if kind in SECTION_KINDS:
            if self._section_open:
                tags.close("Sect")
            tags.open("Sect")
            self._section_open = True
        if kind in LIST_KINDS and self._list_of is None:
            tags.open("L")
            self._list_of = kind

    def _p(self, text: str, style, type_: str = "P", *, words: str = "",
           parent=None) -> Flowable:
        """``para(text, style)`` as content of a new ``type_`` element (in ``parent``,
        else the current one); ``words``: its plain text, for its language."""
        element = self.tags.element(type_, text=words, parent=parent)
        return self.tags.content(para(text, style), element)

    def _item(self, text: str, style, *, words: str = "", type_: str = "P") -> tuple:
        """A list item's first paragraph (``text`` starting with its ``<bullet>``): the
        bullet as the LI's Lbl, the rest a ``type_`` in its LBody; (flowable, LBody)."""
        label, body = self.tags.list_item()
        element = self.tags.element(type_, text=words, parent=body)
        return self.tags.content(para(text, style), element, label=label), body

    # Header and sections

    def header(self, step: Step) -> list[Flowable]:
        """Kind, title, subtitle, a rule, one line of who, when and the marking, and the
        source as its linked title and publisher (its address is in the sources)."""
        doc, s, m = self.doc, self.s, self.m
        parts: list[Flowable] = [self._p(m.text(doc.kind_text.upper()), s.kind),
                                 self._p(m.text(doc.title), s.title, "H1", words=doc.title)]
        if doc.theme.memo_letterhead:
            parts.insert(0, self.letterhead(doc.theme.memo_letterhead))
        starting(parts[0])
        if doc.subtitle:
            parts.append(self._p(m.text(doc.subtitle), s.subtitle, words=doc.subtitle))
        parts.append(self.tags.decoration(HRFlowable(
            width="100%", thickness=1.6, color=s.palette.accent, spaceBefore=2, spaceAfter=5)))
        facts = [*doc.header_lines, *([doc.marking.text] if doc.marking else [])]
        parts.append(self._p(f"{NBSP}\u00b7 ".join(m.text(fact) for fact in facts), s.meta))
        if doc.source_line:
            title, url = doc.source_title, doc.source_url
            if url and title and title in doc.source_line:  # only the title is the link
                before, after = doc.source_line.split(title, 1)
                line = m.text(before) + m.link(url, m.text(title)) + m.text(after)
            else:
                line = m.link(url, m.text(doc.source_line)) if url else m.text(doc.source_line)
            parts.append(self._p(line, s.source_line))
        return together(parts)

    def letterhead(self, image: Path) -> Flowable:
        """The letterhead band: the pack's image left, its organisation block right."""
        doc, s = self.doc, self.s
        wording = doc.text("memo.organisation") + "\n" + doc.text("memo.address")
        lines = [line for line in wording.splitlines() if line.strip()]
        block = ParagraphStyle("letterhead", parent=s.meta, alignment=TA_RIGHT)
        name = ParagraphStyle("letterhead_name", parent=block, fontName=s.kind.fontName)
        texts = [self._p(self.m.text(line), name if i == 0 else block, words=line)
                 for i, line in enumerate(lines)]
        picture = letterhead_image(image, self.width / 2)
        # With the organisation named beside it, the image repeats it: decoration.
        picture = self.tags.decoration(picture) if lines else self.tags.content(
            picture, self.tags.element("Figure", alt="Letterhead"))
        band = Beside(picture, texts)
        band.spaceAfter = 10
        return band

    def bluf(self, step: Step) -> list[Flowable]:
        section: Section = step.content
        s = self.s
        m = self.m.links_in(hex_of(s.palette.accent_on_shade))  # AA contrast on the shade
        label = ParagraphStyle("bluf_label", parent=s.kind, textColor=s.palette.accent_on_shade)
        rows = [[Anchor(section.anchor),
                 self._p(m.text(section.title.upper()), label, "H2", words=section.title)]]
        rows += [[self._p(m.spans(block.spans), s.bluf, words=plain_text(block.spans))]
                 for block in section.blocks if isinstance(block, TextParagraph)]
        # The text lines up with the column of the items below it.
        box = RuledBox(rows, self.width, BoxStyle(
            left=LABEL_GUTTER, right=14, top=2, bottom=2, first_top=11, last_bottom=10,
            rule_width=3, rule_colour=s.palette.accent, shade=s.palette.shade))
        box.spaceBefore, box.spaceAfter = 10, 6
        box.keepWithNext = 1  # the judgments at a glance follow on page 1
        return [self.tags.decoration(box)]  # its shade and rule; the rows are content

    def glance(self, step: Step) -> list[Flowable]:
        """Every judgment in a row: its label, headline, likelihood and confidence."""
        judgments: tuple[Judgment, ...] = step.content
        s, m = self.s, self.m
        title = starting(self._p(m.text(step.name), s.glance_title, "H2", words=step.name))
        title.keepWithNext = 1
        # A row per judgment, named by its label (a row header): label, headline, marks.
        cells = self.tags.table(len(judgments), 3, header_rows=0, header_columns=1)
        for kj, row in zip(judgments, cells, strict=True):
            self.tags.say(row[1], plain_text(kj.headline))
        rows = [GlanceRow(kj.label, para(m.spans(kj.headline), s.glance), kj.likelihood_text,
                          kj.confidence_mark, tuple(row))
                for kj, row in zip(judgments, cells, strict=True)]
        widest = max([chip_width(r.chip, self.pen, self.marks) for r in rows if r.chip]
                     + [mark_width(r.mark, self.pen, self.marks) for r in rows if r.mark]
                     + [0])
        table = GlanceTable(rows, self.pen, self.marks, gutter=LABEL_GUTTER,
                            marks_width=widest, label_font=s.sans_bold,
                            label_colour=s.palette.accent, rule=s.palette.rule, tags=self.tags)
        table.keep_whole = len(rows) <= GLANCE_FULL
        table.spaceAfter = 4
        return [title, self.tags.decoration(table)]

    def heading(self, step: Step) -> list[Flowable]:
        section: Section = step.content
        rule = HRFlowable(width="100%", thickness=0.6, color=self.s.palette.rule,
                          spaceBefore=0, spaceAfter=4)
        rule.keepWithNext = 1  # the heading, its rule and the first item stay together
        return [Anchor(section.anchor),
                starting(self._p(self.m.text(section.title), self.s.heading, "H2",
                                 words=section.title)),
                self.tags.decoration(rule)]

    def paragraph(self, step: Step) -> list[Flowable]:
        spans = step.content.spans
        return [self._p(self.m.spans(spans), self.s.body, words=plain_text(spans))]

    # Numbered items

    def judgment(self, step: Step) -> list[Flowable]:
        kj: Judgment = step.content
        s, m = self.s, self.m
        label = f"<bullet>{m.text(kj.label)}</bullet>"
        statement = plain_text(kj.statement)
        if kj.headline_given:  # the headline is the item's heading: H3 in its LBody
            headline, body = self._item(label + m.spans(kj.headline), s.headline, type_="H3",
                                        words=plain_text(kj.headline))
            parts = [Anchor(kj.anchor), starting(headline),
                     self._p(m.spans(kj.statement), s.statement, words=statement, parent=body)]
        else:  # the headline is the statement's first sentence: print it once
            lone, body = self._item(label + m.spans(kj.statement), s.lone_statement,
                                    words=statement)
            parts = [Anchor(kj.anchor), starting(lone)]
        refs = para(m.refs(self.doc.text("judgment.evidence_intro"), kj.evidence), s.badges) \
            if kj.evidence else None
        mark = kj.confidence_mark
        if kj.likelihood_text or mark or refs:  # likelihood leads, as in the deck and email
            line = MarkLine(kj.likelihood_text, mark, refs, self.pen, self.marks,
                            indent=LABEL_GUTTER, leading=s.badges.leading,
                            space_before=s.badges.spaceBefore, space_after=s.badges.spaceAfter)
            # The chip, the dots and their words, and the evidence links: one P.
            parts.append(self.tags.content(line, self.tags.element("P", parent=body)))
        return together(parts)

    def evidence(self, step: Step) -> list[Flowable]:
        """Claim, then its chart (title, chart, source: on the claim's page), detail,
        quote and references, each kept with the next."""
        ev: EvidenceItem = step.content
        s, m = self.s, self.m
        claim, body = self._item(f"<bullet>{m.text(ev.label)}</bullet>{m.spans(ev.claim)}",
                                 s.claim, words=plain_text(ev.claim))
        parts: list[Flowable] = [Anchor(ev.anchor), starting(claim)]
        if ev.figure:
            parts += self._figure(ev.figure, body)
        figure_end = len(parts)
        if ev.detail:
            parts.append(self._p(m.spans(ev.detail), s.detail, words=plain_text(ev.detail),
                                 parent=body))
        if ev.quote:
            parts.append(self._quote(ev, body))
        refs = []
        if ev.sources:
            refs.append(m.refs(self.doc.text("evidence.sources_intro"), ev.sources))
        if ev.supports:
            refs.append(m.refs(self.doc.text("evidence.supports"), ev.supports))
        if refs:
            parts.append(self._p(f"{NBSP * 4}".join(refs), s.refs, parent=body))
        together(parts)
        if ev.figure and len(parts) > figure_end:  # the rest of the item may start a page:
            parts[figure_end - 1].keepWithNext = 0  # the chart stays with the claim above
        return parts

    def _quote(self, ev: EvidenceItem, body) -> Flowable:
        """The quote and who said it: a BlockQuote in the item's LBody; the box's rule
        an artifact."""
        s, m = self.s, self.m
        quote = self.tags.element("BlockQuote", parent=body)
        cell = [self._p(m.spans(ev.quote.text), s.quote, words=plain_text(ev.quote.text),
                        parent=quote)]
        if ev.quote.by_text:
            cell.append(self._p(m.text(ev.quote.by_text), s.quote_by, words=ev.quote.by_text,
                                parent=quote))
        box = RuledBox([cell], self.width - LABEL_GUTTER, BoxStyle(
            left=10, right=6, top=1, bottom=2, first_top=1, last_bottom=2, rule_width=2,
            rule_colour=s.palette.accent), h_align="RIGHT")
        box.spaceBefore, box.spaceAfter = 3, 4
        return self.tags.decoration(box)

    def _figure(self, figure: Figure, body) -> list[Flowable]:
        """The chart's takeaway title, the chart, its source line and note: a Div in the
        item's LBody holding the Caption, the Figure (its /Alt the model's text
        alternative, which every output shows) and the source and note as P."""
        s, m, tags = self.s, self.m, self.tags
        div = tags.element("Div", parent=body)
        title = self.doc.text("memo.figure_caption", label=figure.label, title=figure.title)
        drawing = figure_drawing(self._printable_figure(figure), self.width - LABEL_GUTTER,
                                 s.palette,
                                 lambda text: font_for_label(text, self._sans, self._fallbacks))
        drawing.hAlign = "RIGHT"
        parts: list[Flowable] = [
            Anchor(figure.anchor), self._p(m.text(title), s.caption, "Caption", words=title,
                                           parent=div),
            tags.content(drawing, tags.element("Figure", alt=figure.alt, parent=div))]
        source_text = figure.source_text
        if source_text:
            parts.append(self._p(self._source_text(figure, source_text), s.figure_source,
                                 parent=div))
        note = figure.note
        if note:
            parts.append(self._p(m.spans(note), s.figure_source, words=plain_text(note),
                                 parent=div))
        return parts

    def _source_text(self, figure: Figure, text: str) -> str:
        """The figure's source line, its source's label a link to the source."""
        m, source = self.m, figure.source
        shown = f"[{source.label}]" if source else None
        if not shown or shown not in text:
            return m.text(text)
        before, after = text.split(shown, 1)
        return m.text(before) + m.ref(source.label, source.anchor) + m.text(after)

    def _printable_figure(self, figure: Figure) -> Figure:
        """``figure`` with the characters no font has replaced in every label."""
        def shown(text: str) -> str:
            return self._fallbacks.printable(text, self._sans)

        return replace(figure, unit=figure.unit and shown(figure.unit),
                       categories=tuple(map(shown, figure.categories)),
                       series=tuple(replace(s, name=shown(s.name)) for s in figure.series))

    def implications(self, step: Step) -> list[Flowable]:
        """The group's heading (an H3: readers move between groups as between
        judgments) and its bullets, an L of their own."""
        group: ImplicationGroup = step.content
        heading = self._p(self.m.text(group.heading), self.s.group, "H3", words=group.heading)
        self.tags.open("L")
        bullets = [starting(self._bullet(BULLET, item)) for item in group.items]
        self.tags.close("L")
        for number, bullet in enumerate(bullets, 1):
            if _pairs_with_next(number, len(bullets)):
                bullet.keepWithNext = 1
        return [heading, *bullets]

    def recommendation(self, step: Step) -> list[Flowable]:
        rec: RecommendationItem = step.content
        bullet, body = self._item(self._bulleted(f"{step.number}.", self.m.spans(rec.text)),
                                  self.s.bullet, words=plain_text(rec.text))
        parts = [starting(bullet)]
        if rec.owner_text:
            parts.append(self._p(self.m.text(rec.owner_text), self.s.owner,
                                 words=rec.owner_text, parent=body))
        return self._paired(step, together(parts))

    def indicator(self, step: Step) -> list[Flowable]:
        item: Indicator = step.content
        return self._paired(step, [starting(self._bullet(BULLET, item.text))])

    @staticmethod
    def _paired(step: Step, parts: list[Flowable]) -> list[Flowable]:
        """A list item's flowables, kept with the next item when it is the first or the
        second-to-last of its list: no page starts or ends with one item alone."""
        if _pairs_with_next(step.number, step.count):
            parts[-1].keepWithNext = 1
        return parts

    def _bulleted(self, bullet: str, text: str) -> str:
        return f"<bullet>{self.m.text(bullet)}</bullet>{text}"

    def _bullet(self, bullet: str, spans) -> Flowable:
        """A bulleted paragraph of ``spans``: an LI of the current L."""
        flowable, _ = self._item(self._bulleted(bullet, self.m.spans(spans)), self.s.bullet,
                                 words=plain_text(spans))
        return flowable

    def source(self, step: Step) -> list[Flowable]:
        src: SourceItem = step.content
        m = self.m
        lines = [f"<bullet>{m.text(src.label)}</bullet><i>{m.text(src.title)}</i>"]
        if src.details:
            lines.append(m.text(src.details))
        if src.url:
            lines.append(self._url(src.url, self.width - LABEL_GUTTER))
        item, _ = self._item("<br/>".join(lines), self.s.source)
        return [Anchor(src.anchor), starting(item)]

    def _table_font(self) -> tuple:
        # Tables otherwise select Helvetica, an unembedded font, for their empty text state.
        return ("FONTNAME", (0, 0), (-1, -1), self.s.body_font)

    def _url(self, url: str, room: float) -> str:
        """A URL in small upright sans, set apart from the citation around it, broken
        into lines of ``room`` points only after '/', '-', '.', '?', '&' or '='."""
        size, font, main = SIZES.small, self.s.sans, self._sans
        lines = url_lines(self._fallbacks.printable(url, main), room * URL_ROOM,
                          lambda text: main.stringWidth(text, size))
        return f'<font name="{font}" size="{size}">{self.m.url(url, lines)}</font>'

    # Appendix

    def legend(self, step: Step) -> list[Flowable]:
        """The intro, then the likelihood terms and the confidence levels side by side:
        one block with the heading."""
        legend: EstimativeLegend = step.content
        s, m = self.s, self.m
        intro = self._p(m.text(legend.intro), s.legend_intro, words=legend.intro)
        used = set(legend.used_terms)
        terms = [[para(m.text(legend.term_header), s.cell_head),
                  para(m.text(legend.range_header), s.cell_head)]]
        for term, span in legend.terms:
            shown = m.text(term)
            if term in used:
                shown = f"<b>{shown}</b>"
            terms.append([para(shown, s.cell), para(m.text(span), s.cell)])
        confidence = [[para(m.text(legend.confidence_header), s.cell_head),
                       para(m.text(legend.meaning_header), s.cell_head)]]
        marks = {kj.confidence_mark.level: kj.confidence_mark for kj in self.doc.judgments
                 if kj.confidence_mark}
        for level in legend.confidence:
            mark = marks.get(level.level)
            shown = MarkCell(mark, self.pen, self.marks, s.cell.leading + 1) if mark \
                else para(m.text(level.name), s.badge_cell)
            confidence.append([shown, para(m.text(level.meaning), s.cell)])
        column = self.width - LABEL_GUTTER - TABLE_GAP
        term_width, level_width = column * 0.36, column * 0.64
        tables = SideBySide([self._table(terms, term_width, (0.56, 0.44)),
                             self._table(confidence, level_width, (0.34, 0.66))],
                            [term_width, level_width], TABLE_GAP)
        tables.spaceBefore = 4
        return together([intro, tables])

    def _table(self, rows: list[list[Flowable]], width: float,
               fractions: tuple[float, float]) -> Flowable:
        """A Table of ``rows`` (the first its column headers): each cell's flowable the
        content of its TH or TD, the rules an artifact."""
        pal, tags = self.s.palette, self.tags
        cells = tags.table(len(rows), len(rows[0]), header_rows=1)
        rows = [[tags.content(flowable, cell, repeated_as_artifact=number == 0)
                 for flowable, cell in zip(row, row_cells, strict=True)]
                for number, (row, row_cells) in enumerate(zip(rows, cells, strict=True))]
        table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1)
        table.setStyle(TableStyle([
            self._table_font(),
            ("LINEBELOW", (0, 0), (-1, 0), 1, pal.primary),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, pal.rule),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ]))
        return tags.decoration(table)

"""What every page carries: marking banners top and bottom, and the footer.

Banners, footer rule and footer text are the same on every page: they are drawn
once, as a Form XObject each page shows. "Page N of M" is one Form XObject per
page, defined when the canvas is saved and the page count is known. Unlike the
NumberedCanvas recipe (which replays pages), this keeps bookmarks and internal
links on their pages.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from deckmaker.fonts import Fallbacks, split_runs
from deckmaker.model import Document, Marking
from deckmaker.writers.pdf.letterhead import header_logo_size
from deckmaker.writers.pdf.styles import SIZES, Styles
from deckmaker.writers.pdf.tagging.story import UNTAGGED, Tags

BANNER_PT = 12  # FIRST TLP 2.0: labels 12 pt or larger
BANNER_HEIGHT = 18
BANNER_MIN_PT = 8  # a free-text marking smaller than this goes on two lines
BANNER_TWO_LINE_PT = 9  # two lines fit the margin's space above the footer
FOOTER_PT = SIZES.footer
FOOTER_GAP = 18  # points kept free between the footer line and "Page N of M"


class PageDecor:
    """Draws the banners and footer of each page; remembers how many pages there were."""

    def __init__(self, doc: Document, styles: Styles, fallbacks: Fallbacks,
                 page_size: tuple[float, float],
                 margins: tuple[float, float, float, float], tags: Tags = UNTAGGED) -> None:
        self.doc = doc
        self.tags = tags
        self.s = styles
        self.fallbacks = fallbacks
        self.width, self.height = page_size
        self.top, self.right, self.bottom, self.left = margins
        self.pages = 0
        self._footer: str | None = None
        self._split: dict[tuple[str, str], tuple] = {}  # (text, font) -> its font runs

    def draw(self, canv: Canvas, _template=None) -> None:
        """The onPage callback: the decoration form (defined on the first page) and the
        page-number form, both pagination artifacts (read by no screen reader)."""
        self.pages = canv.getPageNumber()
        if not canv.hasForm(DECOR_FORM):
            canv.beginForm(DECOR_FORM)
            self._decorate(canv)
            canv.endForm()
        # One artifact for the form: its banners, rule and footer line are drawn together.
        with self.tags.artifact(canv, "Pagination"):
            canv.doForm(DECOR_FORM)
        with self.tags.artifact(canv, "Pagination", "Footer"):
            canv.doForm(page_form(self.pages))
        logo = self.doc.theme.memo_letterhead
        if logo and self.doc.theme.memo_header_logo and self.pages > 1:
            # Page 1 has the letterhead itself; later pages a small copy above the text.
            width, height = header_logo_size(logo)
            with self.tags.artifact(canv, "Pagination", "Header"):
                canv.drawImage(str(logo), self.left, self.height - self.top + 6, width, height,
                               mask="auto")

    def _decorate(self, canv: Canvas) -> None:
        """Banners, footer rule and footer text: what every page shows alike."""
        if self.doc.marking:
            self._banner(canv, self.doc.marking, self.height - self.top / 2)
            self._banner(canv, self.doc.marking, 10 + BANNER_HEIGHT / 2)
        rule_y = self.bottom - 12
        canv.setStrokeColor(self.s.palette.rule)
        canv.setLineWidth(0.5)
        canv.line(self.left, rule_y, self.width - self.right, rule_y)
        canv.setFillColor(self.s.palette.muted)
        self.text(canv, self.left, rule_y - 11, self.footer_line(), self.s.sans, FOOTER_PT)

    def footer_line(self) -> str:
        """The footer with the full title if it fits beside "Page N of M", else with the
        longest shortened title that does (found by bisection: widths grow with length)."""
        if self._footer is None:
            room = self.width - self.left - self.right - FOOTER_GAP - self.measure(
                self.doc.text("memo.page_number", page=888, pages=888), self.s.sans, FOOTER_PT)

            def fits(line: str) -> bool:
                return self.measure(line, self.s.sans, FOOTER_PT) <= room

            self._footer = self.doc.footer_text
            if not fits(self._footer):
                low, high = 0, len(self.doc.title) - 1  # footer_line(low) fits, or low == 0
                while low < high:
                    middle = (low + high + 1) // 2
                    low, high = (middle, high) if fits(self.doc.footer_line(middle)) \
                        else (low, middle - 1)
                self._footer = self.doc.footer_line(low)
        return self._footer

    def page_number(self, canv: Canvas, page: int, pages: int) -> None:
        """Draw "Page N of M" right-aligned in the footer (inside the page's form)."""
        canv.setFillColor(self.s.palette.muted)
        label = self.doc.text("memo.page_number", page=page, pages=pages)
        self.text(canv, self.width - self.right, self.bottom - 23, label, self.s.sans,
                  FOOTER_PT, align="right")

    def _banner(self, canv: Canvas, marking: Marking, middle: float) -> None:
        """The marking in a box centred vertically on ``middle``."""
        font = self.s.sans_bold
        if marking.tlp:  # FIRST: the label in its colour on black, right-aligned, 12 pt
            box_width = self.measure(marking.text, font, BANNER_PT) + 16
            x = self.width - self.right - box_width
            lines, size = [marking.text], BANNER_PT
        else:  # free-text markings: a centred banner across the text column
            box_width = self.width - self.left - self.right
            x = self.left
            lines, size = self._fit_banner(marking.text, font, box_width - 12)
        leading = size * 1.15
        height = max(BANNER_HEIGHT, len(lines) * leading + 5)
        canv.setFillColor(colors.HexColor(marking.background))
        canv.rect(x, middle - height / 2, box_width, height, stroke=0, fill=1)
        canv.setFillColor(colors.HexColor(marking.foreground))
        baseline = middle + (len(lines) - 1) * leading / 2 - size / 3
        for line in lines:
            self.text(canv, x + box_width / 2, baseline, line, font, size, align="centre")
            baseline -= leading

    def _fit_banner(self, text: str, font: str, room: float) -> tuple[list[str], float]:
        """A free-text marking as one line, shrunk to ``room`` down to BANNER_MIN_PT, or
        else as two lines split at the space nearest the middle (at most 9 pt)."""
        one = min(BANNER_PT, BANNER_PT * room / max(self.measure(text, font, BANNER_PT), 1))
        words = text.split()
        if one >= BANNER_MIN_PT or len(words) < 2:
            return [text], max(one, 4)
        halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        lines = list(min(halves, key=lambda pair: max(
            self.measure(part, font, BANNER_PT) for part in pair)))
        widest = max(self.measure(line, font, BANNER_PT) for line in lines)
        return lines, min(BANNER_TWO_LINE_PT, BANNER_PT * room / widest)

    def measure(self, text: str, font: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(run.text, run.font or font, size)
                   for run in self._runs(text, font))

    def _runs(self, text: str, font: str) -> tuple:
        """``text`` in runs of one font each, split once per document (the banners and
        footer repeat on every page)."""
        runs = self._split.get((text, font))
        if runs is None:
            main = pdfmetrics.getFont(font)  # registered by its name in styles.py
            runs = self._split[text, font] = tuple(
                split_runs(self.fallbacks.printable(text, main), main, self.fallbacks))
        return runs

    def text(self, canv: Canvas, x: float, y: float, text: str, font: str, size: float,
             *, align: str = "left") -> None:
        """Draw ``text`` at ``x`` (its left, right or centre), switching fonts per run."""
        if align != "left":
            shift = self.measure(text, font, size)
            x -= shift if align == "right" else shift / 2
        for run in self._runs(text, font):
            canv.setFont(run.font or font, size)
            canv.drawString(x, y, run.text)
            x += pdfmetrics.stringWidth(run.text, run.font or font, size)


DECOR_FORM = "deckmakerPageDecor"


def page_form(page: int) -> str:
    return f"deckmakerPageNumber{page}"


class MemoCanvas(Canvas):
    """A canvas that fills each page's "Page N of M" form just before saving."""

    decor: PageDecor  # set by the factory in document.py

    def save(self) -> None:
        pages = self.decor.pages
        for page in range(1, pages + 1):
            self.beginForm(page_form(page))
            self.decor.page_number(self, page, pages)
            self.endForm()
        super().save()

"""How a memo's pages are filled, measured from the PDF alone (not from deckmaker's plan).

Usage:  .venv/bin/python scripts/memo_layout.py FILE.pdf [--json]

Per page it prints the fill (the lowest text baseline above the footer rule, as a fraction
of the text height), the number of blocks, whether the page holds a single lone block,
whether a heading ends it, and which page each figure and its evidence claim are on.

What it reads, with pdfplumber:
- the text area: from the highest body text of any page down to the footer rule (the
  lowest full-width horizontal line of the page); the marking banner above it (the line
  that repeats below the footer) and everything under the rule are page furniture;
- a block starts at every line whose first word stands left of the text column (in the
  label gutter: a heading, KJ1, E1, S1, a bullet, a list number); a page whose first
  line is a continuation starts with the rest of the block before;
- a heading is a line set wholly in a bold sans-serif face (section, headline, group
  heading, figure title, table head);
- chart text is type smaller than 8.2 pt inside the text area: part of its figure, never a
  block or a heading; a figure is the line starting "Figure N" (``--figure``), its
  evidence the last evidence label ("E12", ``--evidence``) before it in reading order.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field

CHART_PT = 8.2  # chart labels are 7.5-8 pt; the smallest text type is 8.5 pt
GUTTER_SHARE = 0.8  # a line starting this far into the label gutter (bullets too) starts a block
LINE_TOLERANCE = 2.0  # words whose baselines differ by less share a line


@dataclass
class Line:
    baseline: float  # from the top of the page, in points
    x0: float
    words: list[dict]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def size(self) -> float:
        return max(w["size"] for w in self.words)


@dataclass
class PageReport:
    number: int
    fill: float
    blocks: int
    lone_block: bool
    heading_at_foot: str | None
    figures: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # block labels in reading order


@dataclass
class FigureReport:
    figure: str
    page: int
    evidence: str | None
    evidence_page: int | None

    @property
    def together(self) -> bool:
        return self.page == self.evidence_page


@dataclass
class MemoLayout:
    pages: list[PageReport]
    figures: list[FigureReport]

    def problems(self, *, max_early: float = 0.15, lone_min_fill: float = 1 / 3) -> list[str]:
        """Every broken rule, one sentence each: lone blocks, headings at a page's foot,
        figures away from their evidence, pages (but the last) ending more than
        ``max_early`` of the text height early."""
        found = []
        last = len(self.pages)
        for page in self.pages:
            if page.lone_block and not (page.number == last and page.fill >= lone_min_fill):
                found.append(f"page {page.number} holds one lone block "
                             f"({page.labels[0] if page.labels else 'a continuation'})")
            if page.heading_at_foot:
                found.append(f"page {page.number} ends with the heading {page.heading_at_foot!r}")
            if page.number < last and page.fill < 1 - max_early:
                found.append(f"page {page.number} ends early: fill {page.fill:.2f}")
        for figure in self.figures:
            if not figure.together:
                found.append(f"{figure.figure} is on page {figure.page}, its evidence "
                             f"{figure.evidence} on page {figure.evidence_page}")
        return found


def _is_heading(line: Line) -> bool:
    return all("Bold" in w["fontname"] and "Sans" in w["fontname"] for w in line.words) \
        and line.size >= CHART_PT


def _lines(words: list[dict]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w["baseline"], w["x0"])):
        if lines and abs(lines[-1].baseline - word["baseline"]) < LINE_TOLERANCE:
            lines[-1].words.append(word)
        else:
            lines.append(Line(word["baseline"], word["x0"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        line.x0 = line.words[0]["x0"]
    return lines


def _page_words(page) -> list[dict]:
    words = page.extract_words(extra_attrs=["fontname", "size"], return_chars=True)
    for word in words:
        word["baseline"] = page.height - word["chars"][0]["matrix"][5]
    return words


def _footer_rule(page) -> float:
    """The top of the footer rule: the lowest horizontal line spanning most of the page."""
    rules = [line["top"] for line in page.lines
             if abs(line["top"] - line["bottom"]) < 1 and line["x1"] - line["x0"] > page.width / 2]
    return max(rules) if rules else page.height


def measure(path: str, *, figure: str = r"Figure \d+", evidence: str = r"E\d+") -> MemoLayout:
    """The layout of the memo at ``path``: a report per page and per figure."""
    import pdfplumber

    figure_re, evidence_re = re.compile(rf"^{figure}\b"), re.compile(rf"^{evidence}$")
    bodies: list[list[Line]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rule = _footer_rule(page)
            words = _page_words(page)
            below = {line.text for line in _lines([w for w in words if w["top"] > rule])}
            body = _lines([w for w in words if w["bottom"] < rule])
            while body and body[0].text in below:  # the marking banner at the top
                body.pop(0)
            bodies.append((body, rule))
    top = min((body[0].baseline - body[0].size for body, _ in bodies if body), default=0)
    text_lines = [line for body, _ in bodies for line in body if line.size >= CHART_PT]
    left = min((line.x0 for line in text_lines), default=0)
    column = min((line.x0 for line in text_lines if line.x0 > left + 20), default=left + 44)
    gutter_end = left + (column - left) * GUTTER_SHARE

    pages, figures = [], []
    last_evidence: tuple[str, int] | None = None
    for number, (body, rule) in enumerate(bodies, 1):
        text = [line for line in body if line.size >= CHART_PT]
        starts = [line for line in text if line.x0 < gutter_end]
        blocks = len(starts) + (1 if text and text[0] not in starts else 0)
        fill = (max(line.baseline for line in body) - top) / (rule - top) if body else 0.0
        # A heading is at the foot when it is the last line: not a figure title over its chart.
        foot = text[-1] if text and _is_heading(text[-1]) \
            and not any(line.baseline > text[-1].baseline for line in body) else None
        report = PageReport(number, round(fill, 3), blocks, blocks == 1, foot and foot.text)
        for line in text:
            first = line.words[0]["text"]
            if line in starts:
                report.labels.append(first)
            if evidence_re.match(first) and line in starts:
                last_evidence = (first, number)
            if figure_re.match(line.text):
                name = figure_re.match(line.text).group(0)
                report.figures.append(name)
                figures.append(FigureReport(name, number, *(last_evidence or (None, None))))
        pages.append(report)
    return MemoLayout(pages, figures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf")
    parser.add_argument("--json", action="store_true", help="print the measures as JSON")
    parser.add_argument("--figure", default=r"Figure \d+",
                        help="regex a figure's title line starts with (default: 'Figure \\d+')")
    parser.add_argument("--evidence", default=r"E\d+",
                        help="regex of an evidence item's label (default: 'E\\d+')")
    args = parser.parse_args(argv)
    layout = measure(args.pdf, figure=args.figure, evidence=args.evidence)
    if args.json:
        print(json.dumps({"pages": [asdict(p) for p in layout.pages],
                          "figures": [asdict(f) for f in layout.figures],
                          "problems": layout.problems()}, indent=1))
        return 0
    print(f"{'page':>4}  {'fill':>5}  {'blocks':>6}  {'lone':>4}  heading at foot / figures")
    for page in layout.pages:
        notes = [f"heading at foot: {page.heading_at_foot!r}"] if page.heading_at_foot else []
        notes += page.figures
        print(f"{page.number:>4}  {page.fill:>5.2f}  {page.blocks:>6}  "
              f"{'yes' if page.lone_block else '-':>4}  {'; '.join(notes)}")
    for fig in layout.figures:
        print(f"{fig.figure}: page {fig.page}; its evidence {fig.evidence}: page "
              f"{fig.evidence_page}{'' if fig.together else '  <- apart'}")
    problems = layout.problems()
    print("\n".join(["", *problems]) if problems else "\nno layout problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

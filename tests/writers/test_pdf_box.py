"""The ruled box (writers/pdf/box.py) looks and paginates as the one-column Table it replaced."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from deckmaker.writers.pdf.blocks import Anchor
from deckmaker.writers.pdf.box import BoxStyle, RuledBox

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")

SHADE, ACCENT = colors.HexColor("#EEF2F6"), colors.HexColor("#1F5F8B")
LABEL = ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=8.5, leading=11,
                       spaceAfter=6)
TEXT = ParagraphStyle("text", fontName="Times-Roman", fontSize=10.5, leading=15.5,
                      spaceBefore=3, spaceAfter=4)
WORDS = "The partnership, now backed by a ratified treaty, works against China's aim. "


def _rows() -> list[list]:
    rows = [[Anchor("box"), Paragraph("BOTTOM LINE UP FRONT", LABEL)]]
    rows += [[Paragraph(WORDS * (2 + i % 4), TEXT), Paragraph(WORDS, TEXT)] for i in range(9)]
    return rows


def _table(rows, width) -> Table:
    """The BLUF box as blocks.py made it before the ruled box."""
    table = Table([[row] for row in rows], colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "Times-Roman"),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 44), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (0, 0), 11), ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ]))
    return table


def _box(rows, width) -> RuledBox:
    return RuledBox(rows, width, BoxStyle(
        left=44, right=14, top=2, bottom=2, first_top=11, last_bottom=10, rule_width=3,
        rule_colour=ACCENT, shade=SHADE))


def _pages(make, tmp_path: Path, name: str) -> list[bytes]:
    """The page images of a short-paged document: a paragraph, the box, a paragraph."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(400, 420), invariant=1)
    width = doc.width
    doc.build([Paragraph(WORDS * 3, TEXT), make(_rows(), width), Spacer(1, 4),
               Paragraph(WORDS, TEXT)])
    (tmp_path / f"{name}.pdf").write_bytes(buffer.getvalue())
    subprocess.run(["pdftoppm", "-png", "-r", "100", tmp_path / f"{name}.pdf",
                    tmp_path / name], check=True)
    return [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.png"))]


@pytest.mark.slow  # renders page images
def test_a_box_split_over_pages_looks_as_the_table_did(tmp_path):
    ours, theirs = _pages(_box, tmp_path, "box"), _pages(_table, tmp_path, "table")
    assert len(ours) == len(theirs) >= 3  # split twice, each part with its own shade and rule
    assert ours == theirs


def test_a_row_taller_than_the_room_left_does_not_split():
    box, canvas = _box(_rows(), 300), Canvas(BytesIO())
    box.wrapOn(canvas, 300, 1000)
    first_row = box._heights[0]
    assert box.splitOn(canvas, 300, first_row - 1) == []
    assert box.splitOn(canvas, 300, box.height) == [box]
    head, rest = box.splitOn(canvas, 300, first_row + 1)
    assert (len(head.rows), len(rest.rows)) == (1, 9)
    assert rest._padding(8) == (2, 10) and head._padding(0) == (11, 2)

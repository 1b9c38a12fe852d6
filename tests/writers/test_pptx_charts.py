"""The deck's native charts as written directly (``chartxml``) with their embedded
workbooks (``workbook``): read back with python-pptx, also after python-pptx saved the
deck again, and the workbook cells checked against the chart's formulas."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation
from pptx.util import Pt

from deckmaker.pack import load_pack
from deckmaker.writers.pptx import render_pptx
from deckmaker.writers.pptx.workbook import ZIP_TIME, ChartData, column, xlsx
from tests.writers.pptx.reading import figure_charts
from tests.conftest import soffice
from tests.writers.conftest import sample_with_figures

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HOSTILE_UNIT = "R&D <m>"  # python-pptx's template took the number format unescaped


def _figure(kind: str, categories, series, unit: str = "USD bn") -> dict:
    return {"type": kind, "title": f"{kind} chart", "unit": unit, "categories": categories,
            "series": [{"name": name, "values": values} for name, values in series]}


FIGURES = [
    _figure("bar", ["A & B", "<b>C</b>", "_x0041_ literal"],
            [('Say "hi" & <go>', [1.5, -2, 3]), ("Second", [4, 5, 6])], HOSTILE_UNIT),
    _figure("column", [str(y) for y in range(2000, 2030)], [("Launches", list(range(30)))]),
    _figure("line", ["2021", "2022", "2023"], [(f"S{k}", [k, -k, 2.25 * k]) for k in range(8)]),
    _figure("pie", ["North", "South", "East"], [("Share", [1, 2, 3])]),
    _figure("pie", [f"Province {i}" for i in range(20)], [("Share", [i + 1 for i in range(20)])]),
]


@pytest.fixture(scope="module")
def chart_pptx(tmp_path_factory) -> tuple:
    """The sample with its first evidence items carrying ``FIGURES``: its document and
    deck bytes. The pack keeps brief text plain, so the straight quotes the escaping
    is about reach the chart (smart typography would make them curly)."""
    folder = tmp_path_factory.mktemp("plain-pack")
    (folder / "pack.yaml").write_text("name: plain\nextends: default\n"
                                      "options:\n  typography: plain\n")
    doc = sample_with_figures(load_pack(folder), tmp_path_factory.mktemp("charts"), FIGURES)
    return doc, render_pptx(doc, lambda message: pytest.fail(f"the deck warned: {message}"))


def _charts(data: bytes, figures):
    return figure_charts(Presentation(io.BytesIO(data)), figures)


def _decoded(text: str) -> str:
    """Spreadsheet text with ``_xHHHH_`` escapes read as Excel reads them."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def _cells(blob: bytes) -> tuple[dict[str, tuple[str, str | None]], str]:
    """The workbook's cells as ref -> (value, style) and its one custom number format."""
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        strings = [_decoded("".join(t.text or "" for t in si.iter(f"{S}t")))
                   for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    cells = {}
    for cell in sheet.iter(f"{S}c"):
        value = cell.find(f"{S}v").text
        cells[cell.get("r")] = (strings[int(value)] if cell.get("t") == "s" else value,
                                cell.get("s"))
    return cells, styles.find(f"{S}numFmts/{S}numFmt").get("formatCode")


def _refs(formula: str) -> list[str]:
    """The cells a ``Sheet1!$A$2:$A$4`` style formula names, top-down."""
    match = re.fullmatch(r"Sheet1!\$([A-Z]+)\$(\d+)(?::\$\1\$(\d+))?", formula)
    letters, first, last = match.group(1), int(match.group(2)), int(match.group(3) or
                                                                      match.group(2))
    return [f"{letters}{row}" for row in range(first, last + 1)]


def test_workbook_cells_are_where_the_chart_formulas_point(chart_pptx):
    doc, data = chart_pptx
    charts = _charts(data, doc.figures)
    assert len(charts) == len(doc.figures) == len(FIGURES)
    for chart in charts:
        cells, number_format = _cells(chart.part.chart_workbook.xlsx_part.blob)
        for ser in chart.plots[0]._element.xpath("c:ser"):
            name, = _refs(ser.xpath("c:tx/c:strRef/c:f/text()")[0])
            assert cells[name][0] == ser.xpath("c:tx/c:strRef/c:strCache/c:pt/c:v/text()")[0]
            categories, = ser.xpath("c:cat/c:strRef/c:f/text()")
            assert [cells[ref][0] for ref in _refs(categories)] == \
                ser.xpath("c:cat/c:strRef/c:strCache/c:pt/c:v/text()")
            values, = ser.xpath("c:val/c:numRef/c:f/text()")
            assert [float(cells[ref][0]) for ref in _refs(values)] == \
                [float(v) for v in ser.xpath("c:val/c:numRef/c:numCache/c:pt/c:v/text()")]
            assert {cells[ref][1] for ref in _refs(values)} == {"1"}  # the number format
            assert ser.xpath("c:val/c:numRef/c:numCache/c:formatCode/text()") == [number_format]


def test_text_is_escaped_in_chart_and_workbook(chart_pptx):
    doc, data = chart_pptx
    chart = _charts(data, doc.figures)[0]
    figure = doc.figures[0]
    plot = chart.plots[0]
    assert tuple(plot.categories) == figure.categories
    assert [s.name for s in plot.series] == ['Say "hi" & <go>', "Second"]
    assert chart.value_axis.axis_title.text_frame.text == HOSTILE_UNIT
    cells, number_format = _cells(chart.part.chart_workbook.xlsx_part.blob)
    assert (cells["A4"][0], cells["B1"][0]) == ("_x0041_ literal", 'Say "hi" & <go>')
    assert number_format == '#,##0.0" R&D <m>"'


def test_charts_are_styled_in_the_palette_and_deck_font(chart_pptx):
    doc, data = chart_pptx
    bar, column_chart, line, pie, crowded = _charts(data, doc.figures)
    colours = [c.lstrip("#").upper() for c in doc.theme.palette["chart"]]
    for chart in (bar, line, pie):
        assert not chart.has_title
        assert chart.font.name == doc.theme.deck_font.family and chart.font.size == Pt(14)
        assert str(chart.font.color.rgb) == doc.theme.palette["text"].lstrip("#").upper()
    assert bar.plots[0].gap_width == 60 and bar.plots[0].overlap == -10
    assert column_chart.plots[0].overlap == 0  # one series: no overlap written
    assert [str(s.format.fill.fore_color.rgb) for s in bar.plots[0].series] == colours[:2]
    for n, series in enumerate(line.plots[0].series):
        assert series.format.line.width == Pt(2.5) and not series.smooth
        assert str(series.marker.format.fill.fore_color.rgb) == colours[n % len(colours)]
    assert [str(p.format.fill.fore_color.rgb) for p in pie.plots[0].series[0].points] == \
        colours[:3]
    labels = pie.plots[0].data_labels
    assert labels.show_percentage and not labels.show_value and labels.number_format == "#,##0%"
    assert pie.has_legend and not crowded.has_legend
    assert column_chart.category_axis._element.xpath("c:tickLblSkip/@val")  # 30 years


def test_charts_read_the_same_after_python_pptx_saves_the_deck(chart_pptx):
    """python-pptx parses every chart part into its element classes, saves them and
    reads back the same chart types, data and workbooks."""
    doc, data = chart_pptx
    saved = io.BytesIO()
    Presentation(io.BytesIO(data)).save(saved)

    def read(charts):
        return [(c.chart_type, [(s.name, s.values) for s in c.plots[0].series],
                 tuple(c.plots[0].categories), c.part.chart_workbook.xlsx_part.blob)
                for c in charts]

    charts = _charts(saved.getvalue(), doc.figures)
    assert read(charts) == read(_charts(data, doc.figures))
    assert [c.plots[0].series[0].values for c in charts] == \
        [tuple(float(v) for v in f["series"][0]["values"]) for f in FIGURES]


def test_workbook_is_reproducible_with_fixed_times():
    data = ChartData(("a", "b"), (("s", (1.0, 2.5)),), "#,##0.0")
    blob = xlsx(data)
    assert blob == xlsx(data)
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        assert {i.date_time for i in book.infolist()} == {ZIP_TIME}
        assert book.testzip() is None
    cells, number_format = _cells(blob)
    assert cells["B3"] == ("2.5", "1") and cells["A2"] == ("a", None)
    assert number_format == "#,##0.0"


def test_column_letters():
    assert [column(n) for n in (1, 2, 26, 27, 52, 53, 702, 703)] == \
        ["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def _calc_installed() -> bool:
    """Whether LibreOffice can open spreadsheets here (Calc is a separate package)."""
    office = soffice()
    return bool(office) and (Path(os.path.realpath(office)).parent / "libsclo.so").exists()


@pytest.mark.slow
@pytest.mark.skipif(not _calc_installed(), reason="needs LibreOffice Calc")
def test_libreoffice_reads_the_workbook_as_formatted(chart_pptx, tmp_path):
    doc, data = chart_pptx
    book = tmp_path / "chart.xlsx"
    book.write_bytes(_charts(data, doc.figures)[0].part.chart_workbook.xlsx_part.blob)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                    "--outdir", str(tmp_path), str(book)], check=True, capture_output=True,
                   timeout=180)
    assert (tmp_path / "chart.csv").read_text("utf-8").splitlines() == [
        ',"Say ""hi"" & <go>",Second',
        'A & B,1.5 R&D <m>,4.0 R&D <m>',
        '<b>C</b>,-2.0 R&D <m>,5.0 R&D <m>',
        '_x0041_ literal,3.0 R&D <m>,6.0 R&D <m>',
    ]

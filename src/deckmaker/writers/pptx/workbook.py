"""A chart's data and the small .xlsx workbook embedded with it, so "Edit Data" in
PowerPoint or LibreOffice opens the numbers behind the chart.

The sheet is laid out as python-pptx lays it out (and the chart's ``c:f`` formulas
point there): categories down column A from row 2, each series in the next column
with its name in row 1 and its values below, in the figure's number format. The
workbook is written directly and zipped with a fixed timestamp, so identical data
gives identical bytes; XlsxWriter took a fifth of a deck's time for these few cells.
It has no core properties part, so it carries no dates to keep reproducible."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from deckmaker.writers.pptx.save import deflated_zip

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CATEGORY_WIDTH = (10, 60)  # column A's width in characters: at least, at most
_LITERAL_ESCAPE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")  # Excel would read it as a code
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


@dataclass(frozen=True)
class ChartData:
    """A chart's categories, its series as (name, values) and the number format of the
    values; text already cleaned of control characters."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    number_format: str

    def categories_ref(self) -> str:
        return f"Sheet1!$A$2:$A${len(self.categories) + 1}"

    def name_ref(self, index: int) -> str:
        """The cell holding the name of series ``index``."""
        return f"Sheet1!${column(index + 2)}$1"

    def values_ref(self, index: int) -> str:
        """The cells holding the values of series ``index``."""
        letter = column(index + 2)
        return f"Sheet1!${letter}$2:${letter}${len(self.series[index][1]) + 1}"


def column(number: int) -> str:
    """The letters of spreadsheet column ``number`` (1 is A, 27 is AA)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def xlsx(data: ChartData) -> bytes:
    """The workbook of ``data``: one sheet, shared strings, one number format."""
    strings = _Strings()
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": _sheet(data, strings),
        "xl/styles.xml": _styles(data.number_format),
        "xl/sharedStrings.xml": strings.xml(),
    }
    return deflated_zip(((name, text.encode("utf-8")) for name, text in parts.items()),
                        ZIP_TIME)


class _Strings:
    """The shared string table: each distinct text once, in order of first use."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._count = 0

    def cell(self, ref: str, text: str, style: int = 0) -> str:
        """A cell at ``ref`` holding ``text``."""
        self._count += 1
        index = self._index.setdefault(text, len(self._index))
        styled = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{styled} t="s"><v>{index}</v></c>'

    def xml(self) -> str:
        items = "".join(f"<si>{_text(text)}</si>" for text in self._index)
        return (f'{_DECLARATION}<sst xmlns="{_MAIN}" count="{self._count}" '
                f'uniqueCount="{len(self._index)}">{items}</sst>')


def _text(text: str) -> str:
    """A ``t`` element keeping ``text`` exactly: spaces at the ends kept, and a literal
    ``_x0041_`` not read as an escaped character."""
    preserve = ' xml:space="preserve"' if text != text.strip() else ""
    literal = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    return f"<t{preserve}>{escape(literal)}</t>"


def _number(value: float) -> str:
    """``value`` as a cell value: whole numbers without a decimal point."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _sheet(data: ChartData, strings: _Strings) -> str:
    """Sheet1: the header row of series names, then one row per category. Values use
    style 1 (the number format)."""
    width = len(data.series) + 1
    header = "".join(strings.cell(f"{column(n + 2)}1", name)
                     for n, (name, _) in enumerate(data.series))
    rows = [f'<row r="1" spans="1:{width}">{header}</row>']
    for r, category in enumerate(data.categories, 2):
        cells = strings.cell(f"A{r}", category) + "".join(
            f'<c r="{column(n + 2)}{r}" s="1"><v>{_number(values[r - 2])}</v></c>'
            for n, (_, values) in enumerate(data.series))
        rows.append(f'<row r="{r}" spans="1:{width}">{cells}</row>')
    longest = max((len(c) for c in data.categories), default=0) + 2
    category_width = min(max(longest, CATEGORY_WIDTH[0]), CATEGORY_WIDTH[1])
    return (f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
            f'<dimension ref="A1:{column(width)}{len(data.categories) + 1}"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f'<cols><col min="1" max="1" width="{category_width}" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def _styles(number_format: str) -> str:
    """The default style (0) and the values' style (1) with ``number_format``."""
    code = escape(number_format, {'"': "&quot;"})
    return (f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{code}"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
            '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
            '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


_CONTENT_TYPES = (
    f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
    '</Types>')
_PACKAGE_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_RELS}"><Relationship Id="rId1" '
    f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><bookViews>'
    '<workbookView/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
    '</sheets></workbook>')
_WORKBOOK_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')

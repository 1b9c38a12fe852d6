"""The PPTX deck, built from the sample and the large synthetic brief and read back."""

from __future__ import annotations

import datetime as dt

import io
import re
import subprocess
import zipfile
from dataclasses import replace

import pytest
import yaml
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Pt
from pypdf import PdfReader

from deckmaker import chartplan, textfit
from deckmaker.inline import plain_text
from deckmaker.model import Marking
from deckmaker.synthetic import HOSTILE
from deckmaker import colours
from deckmaker.writers.pptx import render_pptx
from deckmaker.writers.pptx.plan import plan_deck
from tests.writers.pptx.reading import figure_charts
from tests.conftest import SAMPLE, soffice
from tests.writers.conftest import sample_with_figures

TEXT_SHAPES = ("Text Placeholder", "TextBox")  # a body placeholder, then text boxes

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FOOTER_SHAPES = ("deckmaker footer", "deckmaker date", "deckmaker number", "deckmaker marking")
CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE}


def _no_warning(message: str) -> None:
    raise AssertionError(f"the deck warned: {message}")


def _render(doc) -> bytes:
    return render_pptx(doc, _no_warning)


@pytest.fixture(scope="module")
def sample_pptx(sample_doc) -> bytes:
    return _render(sample_doc)


@pytest.fixture(scope="module")
def large_pptx(large_doc) -> bytes:
    return _render(large_doc)


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


@pytest.fixture(scope="module")
def decks(sample_doc, sample_pptx, large_doc, large_pptx):
    return [(sample_doc, _open(sample_pptx)), (large_doc, _open(large_pptx))]


def test_slide_titles_follow_the_plan(decks):
    for doc, prs in decks:
        titles = [s.shapes.title.text_frame.text for s in prs.slides]
        assert titles == [p.title for p in plan_deck(doc)]
        assert titles[0] == doc.title


def test_large_deck_splits_into_continuations(large_doc, large_pptx):
    titles = [s.shapes.title.text_frame.text for s in _open(large_pptx).slides]
    overview = [t for t in titles if re.match(r"Key judgments \d", t)]
    count = len(large_doc.judgments)
    assert len(overview) >= 2 and overview[0].startswith("Key judgments 1\u2013")
    assert overview[-1].endswith(f"\u2013{count}")
    backup = titles[titles.index("Backup"):]
    assert "Evidence (continued)" in backup
    assert not any("(continued" in t for t in titles[:titles.index("Backup")])
    for plan in plan_deck(large_doc):
        bullets = [line for e in plan.elements for line in getattr(e, "lines", ())
                   if line.role == "bullet"]
        assert len(bullets) <= large_doc.theme.max_bullets, plan.title


def test_notes_carry_the_memo_content(decks):
    for _doc, prs in decks:
        for slide in prs.slides:
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    doc, prs = decks[0]
    judgment = doc.judgments[1]  # KJ2 rests on the quoted "not aware" evidence
    notes = next(s.notes_slide.notes_text_frame.text for s in prs.slides
                 if s.shapes.title.text_frame.text == plain_text(judgment.headline))
    assert plain_text(judgment.statement) in notes
    assert "\u201cnot aware\u201d" in notes and judgment.confidence_text in notes
    assert f"[S1] {doc.sources[0].title}, {doc.sources[0].details}" in notes
    assert "https://www.9dashline.com/" not in notes  # URLs are on the sources slide


def test_charts_are_native_with_the_figure_data(decks):
    for doc, prs in decks:
        charts = figure_charts(prs, doc.figures)
        for chart, figure in zip(charts, doc.figures, strict=True):
            assert chart.chart_type == CHART_TYPES[figure.kind]
            plot = chart.plots[0]
            pie_legend = figure.kind == "pie" and chart.has_legend
            # a pie's legend entries are its categories: name, value and share
            assert tuple(plot.categories) == \
                (chartplan.plan(figure).legend if pie_legend else figure.categories)
            assert [(s.name, tuple(s.values)) for s in plot.series] == \
                [(s.name, s.values) for s in figure.series]


def _figure(kind: str, categories, series) -> dict:
    return {"type": kind, "title": f"{kind} test", "unit": "USD bn", "categories": categories,
            "series": [{"name": name, "values": values} for name, values in series]}


FIGURES = [
    _figure("bar", ["North Korea", "Russia", "China"], [("Balance", [-3, -12.5, -40])]),
    _figure("column", ["2021", "2022", "2023"], [("Balance", [-3, -12, -40])]),
    _figure("line", ["2021", "2022", "2023"], [("Balance", [-3, -12, -40]), ("B", [-5, -2, -8])]),
    _figure("column", [f"Week {i}" for i in range(1, 51)],
            [("Launches", [(i * 7) % 13 for i in range(50)])]),
    _figure("bar", [f"Province {i}" for i in range(1, 51)],
            [("Incidents", [(i * 7) % 13 for i in range(50)])]),
    _figure("line", [f"2020-{i:02d}" for i in range(1, 51)],
            [(f"Ministry of Foreign Affairs statement count {k}", [(i * k) % 17 for i in
                                                                   range(50)])
             for k in range(1, 9)]),
    _figure("pie", [f"Province number {i} with a long name" for i in range(50)],
            [("Share", [i + 1 for i in range(50)])]),
    _figure("column", ["a", "b", "c"], [("Big", [1234567, 0, -5])]),
    _figure("bar", ["north", "south"], [("Series 0", [11, 12]), ("Series 1", [21, 22])]),
]


@pytest.fixture(scope="module")
def chart_deck(pack, tmp_path_factory):
    """The sample with its first evidence items carrying ``FIGURES``, and its charts."""
    doc = sample_with_figures(pack, tmp_path_factory.mktemp("charts"), FIGURES)
    prs = _open(_render(doc))
    return doc, prs, figure_charts(prs, doc.figures)


def _category_axis(chart):
    return chart.category_axis._element


def test_category_labels_sit_low_and_bars_start_at_zero(chart_deck):
    _doc, _prs, charts = chart_deck
    for chart in charts[:3]:  # all-negative bar, column and line
        assert _category_axis(chart).xpath("c:tickLblPos/@val") == ["low"]
        assert _category_axis(chart).xpath("c:crosses/@val") == ["autoZero"]
    for chart in charts[:2]:
        assert chart.value_axis.maximum_scale == 0


def test_horizontal_bars_run_top_down_with_the_value_axis_below(chart_deck):
    _doc, _prs, charts = chart_deck
    for chart in (charts[0], charts[4]):  # bar charts
        assert chart.category_axis.reverse_order  # first category at the top
        assert chart.value_axis._element.xpath("c:crosses/@val") == ["max"]  # at the bottom
    for chart in (charts[1], charts[2]):  # columns and lines keep their natural order
        assert not chart.category_axis.reverse_order
        assert chart.value_axis._element.xpath("c:crosses/@val") == ["autoZero"]


def test_many_categories_are_thinned_and_many_series_keep_a_readable_legend(chart_deck):
    _doc, _prs, charts = chart_deck
    assert not _category_axis(charts[0]).xpath("c:tickLblSkip")  # three labels: all shown
    for chart in charts[3:6]:
        skip = int(_category_axis(chart).xpath("c:tickLblSkip/@val")[0])
        assert 2 <= skip <= 10
        assert _category_axis(chart).xpath("c:tickMarkSkip/@val") == [str(skip)]
    legend = charts[5].legend
    assert legend.position == XL_LEGEND_POSITION.TOP and not legend.include_in_layout
    assert 10 <= legend.font.size.pt <= 14


def test_numbers_axis_and_legend_order_follow_the_shared_chart_plan(chart_deck):
    doc, _prs, charts = chart_deck
    big, bars = charts[7], charts[8]
    xml = big._chartSpace.xml
    assert 'formatCode="#,##0"' in xml and "1.23457e+06" not in xml
    assert big.plots[0].data_labels.number_format == "#,##0"  # zero reads as 0, as in the memo
    axis = chartplan.plan(doc.figures[7]).axis
    assert (big.value_axis.minimum_scale, big.value_axis.maximum_scale,
            big.value_axis.major_unit) == (axis.low, axis.high, axis.step) == (-500000, 1500000,
                                                                               500000)
    assert [s.name for s in bars.plots[0].series] == ["Series 0", "Series 1"]
    assert bars.category_axis.reverse_order  # first category and series at the top
    assert bars.value_axis.major_gridlines.format.line.width.pt == 0.5  # light


def _plot_layout(chart) -> dict[str, float]:
    return {node.tag.split("}")[1]: float(node.get("val")) for node in
            chart._chartSpace.xpath("c:chart/c:plotArea/c:layout/c:manualLayout/*[@val]")
            if node.tag.split("}")[1] in "xywh"}


def test_crowded_axes_reserve_room_for_turned_labels_below_the_legend(chart_deck):
    _doc, _prs, charts = chart_deck
    assert not _plot_layout(charts[0]) and not _plot_layout(charts[2])  # three categories
    for chart in charts[3:6]:  # 50 categories
        if chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED:
            continue
        box = _plot_layout(chart)
        assert 0.3 <= box["h"] and box["y"] + box["h"] <= 0.8  # a fifth or more for labels
    legend_rows = 4  # 8 long series names, two to a row
    assert _plot_layout(charts[5])["y"] * 300 >= legend_rows * 10 * 1.2  # legend above


def test_a_crowded_pie_names_its_largest_slices_instead_of_a_legend(chart_deck):
    from deckmaker.writers.pptx.chartfit import PIE_NAMED

    _doc, _prs, charts = chart_deck
    pie = charts[6]
    assert not pie.has_legend
    labels = pie.plots[0]._element.xpath("c:dLbls")[0]
    hidden = [int(i) for i in labels.xpath("c:dLbl[c:delete/@val='1']/c:idx/@val")]
    assert sorted(set(range(50)) - set(hidden)) == list(range(50 - PIE_NAMED, 50))
    assert labels.xpath("c:showCatName/@val") == ["1"]


def test_legend_size_shrinks_with_the_room_below_the_plot(chart_deck):
    from deckmaker.writers.pptx import chartfit
    from deckmaker.writers.pptx.elements import Box

    doc, _prs, _charts = chart_deck
    figure = doc.figures[5]
    fonts = textfit.deck_fonts(doc.theme)
    sizes = [chartfit.legend_size(figure, Box(0, 0, 880, h), fonts) for h in (300, 200, 150)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1] >= 10
    rows = chartfit.legend_rows(figure, fonts, 880, sizes[1])
    assert rows * sizes[1] * 1.2 <= 200 * chartfit.LEGEND_SHARE


def test_sources_are_clickable(sample_doc, sample_pptx):
    links = {r.hyperlink.address for slide in _open(sample_pptx).slides for s in slide.shapes
             if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs
             if r.hyperlink.address}
    assert {s.url for s in sample_doc.sources} <= links
    assert all(re.match(r"(https?|mailto):", link) for link in links)


def _shown_shapes(slide) -> list:
    """The shapes a slide shows: its layout's drawn shapes (a layout's placeholders are
    prompts, never shown on a slide), then its own."""
    return [s for s in slide.slide_layout.shapes if not s.is_placeholder] + list(slide.shapes)


def _number_text(slide) -> str:
    """The text of the slide's slide-number placeholder (its field's cached number)."""
    [number] = [s for s in slide.placeholders if s.placeholder_format.type == 13]
    assert number.element.xpath(".//a:fld/@type") == ["slidenum"]
    return number.text_frame.text


def test_marking_and_slide_number_on_every_slide(decks):
    for doc, prs in decks:
        for number, slide in enumerate(prs.slides, 1):
            texts = [s.text_frame.text for s in _shown_shapes(slide) if s.has_text_frame]
            assert texts.count(doc.marking.text) == 2  # top and bottom banners
            assert _number_text(slide) == str(number)


LONG_MARKINGS = ["UNCLASSIFIED//FOR OFFICIAL USE ONLY//LAW ENFORCEMENT SENSITIVE",
                 ("UNCLASSIFIED//FOR OFFICIAL USE ONLY//LAW ENFORCEMENT SENSITIVE//NOFORN//"
                  + "REL TO USA, GBR, CAN, AUS, NZL " * 3)[:120]]


def _box(shape) -> tuple[float, float, float, float]:
    return tuple(Emu(v).pt for v in (shape.left, shape.top, shape.width, shape.height))


def _overlap(a, b) -> bool:
    """Whether boxes (x, y, w, h) share more than a hairline."""
    return min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5 \
        and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5


def _footer_overlaps(prs) -> list[str]:
    """Every footer, number or marking shape overlapping another shape a slide shows
    (its layout's included), read back from the file."""
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        shapes = [(s.name, _box(s)) for s in _shown_shapes(slide)]
        problems += [f"slide {number}: {name} overlaps {other} at {box}"
                     for n, (name, box) in enumerate(shapes) if name in FOOTER_SHAPES
                     for m, (other, other_box) in enumerate(shapes)
                     if m != n and (other not in FOOTER_SHAPES or m > n)
                     and _overlap(box, other_box)]
    return problems


@pytest.mark.parametrize("text", LONG_MARKINGS, ids=["62-chars", "120-chars"])
def test_a_long_marking_leaves_the_footer_readable(sample_doc, text):
    doc = replace(sample_doc, marking=Marking(text, None, "#FFFFFF", "#1B2A41"))
    prs = _open(_render(doc))
    # one-line footer, nothing overlapping
    assert _footer_overlaps(prs) == []
    for number, slide in enumerate(prs.slides, 1):
        shown = [s for s in _shown_shapes(slide) if s.has_text_frame]
        assert [s.text_frame.text for s in shown].count(text) == 2
        assert _number_text(slide) == str(number)
        banner = next(s for s in shown if s.text_frame.text == text)
        assert banner.text_frame.paragraphs[0].runs[0].font.size.pt >= 10
        footer = next(s for s in slide.placeholders if s.placeholder_format.type == 15)
        assert footer.text_frame.text.endswith(doc.date_text) \
            and "\u2026" in footer.text_frame.text  # the title cut


def test_overflow_check_catches_a_footer_over_the_banner(sample_pptx):
    prs = _open(sample_pptx)
    slide = prs.slides[2]
    banner = next(s for s in _shown_shapes(slide) if s.has_text_frame
                  and s.text_frame.text == "TLP:CLEAR")
    number = next(s for s in slide.placeholders if s.placeholder_format.type == 13)
    assert _footer_overlaps(prs) == []
    number.left = banner.left
    number.top = banner.top
    assert any("overlaps" in p for p in _footer_overlaps(prs))


CJK_BLUF = ("俄罗斯与朝鲜的军事伙伴关系已由一项包含共同防御条款的条约正式确立，这与中国维护朝鲜半岛"
            "稳定和现状的核心目标相悖。北京对平壤本已有限的影响力**很可能继续缩小**。") * 3


@pytest.fixture(scope="module")
def cjk_deck(pack, tmp_path_factory):
    """The sample with a CJK title, BLUF and first judgment, as a deck read back."""
    from deckmaker.build import load_document

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["title"] = "俄朝同盟削弱北京在朝鲜半岛的影响力：中国的战略困境与选择"
    data["bluf"] = CJK_BLUF
    data["key_judgments"][0]["statement"] = "俄罗斯对平壤的拥抱正在削弱中国对金正恩的影响力。" * 6
    path = tmp_path_factory.mktemp("cjk") / "cjk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    doc = load_document(path, pack)
    return doc, _open(_render(doc))


def test_cjk_text_gets_a_cjk_east_asian_typeface_and_fits(cjk_deck):
    doc, prs = cjk_deck
    if not doc.theme.fallback_fonts:
        pytest.skip("no CJK fallback font on this machine")
    family = doc.theme.fallback_fonts[0][0]
    faces = {r._r.rPr.find(f"{{{A}}}ea").get("typeface") for slide in prs.slides
             for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
             for r in p.runs}
    assert faces == {family}
    bluf = "\n".join(t for t in _texts(prs.slides[1]))
    assert "很可能继续缩小" in bluf


def test_tlp_label_in_first_colour_on_black(sample_pptx):
    slide = _open(sample_pptx).slides[3]
    banner = next(s for s in _shown_shapes(slide) if s.has_text_frame
                  and s.text_frame.text == "TLP:CLEAR")
    assert str(banner.fill.fore_color.rgb) == "000000"
    assert str(banner.text_frame.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    assert banner.text_frame.paragraphs[0].runs[0].font.size.pt >= 12


def test_hostile_text_appears_literally_without_control_characters(large_doc, large_pptx):
    doc = replace(large_doc, title=large_doc.title + " \x1b[31m\x07bell")
    with zipfile.ZipFile(io.BytesIO(_render(doc))) as package:
        xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                      if n.endswith(".xml"))
    assert "_x001B_" not in xml and "\x1b" not in xml and "\x07" not in xml
    everything = "\n".join(t for slide in _open(large_pptx).slides for t in _texts(slide))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in _open(large_pptx).slides)
    assert HOSTILE in notes
    assert "<script>alert(1)</script>" in everything and "{{ 7*7 }}" in everything


def test_two_renders_are_byte_identical(sample_doc, sample_pptx):
    assert _render(sample_doc) == sample_pptx


def test_package_is_clean_and_dated_from_the_brief(sample_doc, sample_pptx):
    with zipfile.ZipFile(io.BytesIO(sample_pptx)) as package:
        names = package.namelist()
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
        workbooks = [n for n in names if n.endswith(".xlsx")]
        times = {i.date_time for i in package.infolist()}
        for name in workbooks:  # no dates inside a chart's workbook: nothing to vary
            with zipfile.ZipFile(io.BytesIO(package.read(name))) as book:
                assert "docProps/core.xml" not in book.namelist()
                assert {i.date_time for i in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert workbooks and times == {(2025, 2, 10, 12, 0, 0)}
    assert "Steve Canny" not in core and "2013" not in core and "thumbnail" not in " ".join(names)
    prs = _open(sample_pptx)
    props = prs.core_properties
    assert props.title == sample_doc.title and props.author == sample_doc.author
    assert props.last_modified_by == "deckmaker" and props.revision == 1
    assert props.created.date() == sample_doc.date == props.modified.date()
    assert "China" in props.keywords and props.subject.startswith("The Russia-North Korea")
    assert f"<Slides>{len(prs.slides)}</Slides>" in app and sample_doc.title in app


def _zip_times(data: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {i.date_time for i in package.infolist()}


def test_source_date_epoch_sets_the_dates(sample_doc, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = _render(sample_doc)
    props = _open(data).core_properties
    assert props.created.year == 2023 and props.modified == props.created
    assert _zip_times(data) == {(2023, 11, 14, 22, 13, 0)}
    assert _render(sample_doc) == data


@pytest.mark.parametrize(("epoch", "date", "year"), [
    ("0", None, 1980), ("", dt.date(2200, 5, 6), 2107)], ids=["1970", "2200"])
def test_zip_dates_are_clamped_to_what_a_zip_holds(sample_doc, monkeypatch, epoch, date, year):
    """SOURCE_DATE_EPOCH 0 (1970) and a brief dated 2200 (SOURCE_DATE_EPOCH itself stops
    at the end of 2107) give zip dates a zip can hold."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    data = _render(replace(sample_doc, date=date) if date else sample_doc)
    assert {t[0] for t in _zip_times(data)} == {year}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert {i.external_attr >> 16 for i in package.infolist()} == {0o644}


def test_master_has_the_pack_layouts_and_is_small(sample_doc):
    master = sample_doc.theme.slide_master
    prs = Presentation(str(master))
    names = sorted(layout.name for layout in prs.slide_layouts)
    assert names == sorted(sample_doc.theme.slide_layouts.values())
    assert round(prs.slide_width / prs.slide_height, 2) == 1.78
    assert master.stat().st_size < 200 * 1024
    assert prs.core_properties.last_modified_by == "deckmaker"


def test_the_pack_master_is_what_make_master_builds(sample_doc):
    """scripts/make_master.py still runs and rebuilds the committed master byte for byte."""
    import runpy
    from pathlib import Path

    script = Path(__file__).parents[2] / "scripts" / "make_master.py"
    build_master = runpy.run_path(str(script))["build_master"]
    assert build_master(sample_doc.theme) == sample_doc.theme.slide_master.read_bytes()


@pytest.mark.slow
def test_libreoffice_renders_one_page_per_slide(sample_pptx, tmp_path):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(sample_pptx)
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   check=True, capture_output=True, timeout=180)
    assert len(PdfReader(tmp_path / "deck.pdf").pages) == len(_open(sample_pptx).slides)


def test_pack_logo_is_on_the_cover_only(logo_pack):
    from deckmaker.build import load_document
    from tests.conftest import SAMPLE

    prs = Presentation(io.BytesIO(_render(load_document(SAMPLE, logo_pack))))
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in prs.slides]
    assert len(pictures[0]) == 1 and not any(pictures[1:])
    assert pictures[0][0].image.content_type == "image/png"


def test_language_comes_from_the_pack(sample_doc, sample_pptx):
    assert sample_doc.language == "en"
    assert Presentation(io.BytesIO(sample_pptx)).core_properties.language == "en"


def _paginate(doc, weights, available_lines):
    """Chunk lengths and sizes of items as tall as their weight in lines of the size."""
    from deckmaker.writers.pptx.fitting import Item, Planner

    items = [Item((), extra={"weight": w}) for w in weights]

    def height(chunk, size):
        return sum(i.extra["weight"] for i in chunk) * size

    chunks = Planner(doc).paginate(items, height, available_lines * doc.theme.body_pt[0])
    return [len(c) for c, _ in chunks], [size for _, size in chunks]


def test_continuations_are_balanced_by_height_then_sized_each(sample_doc):
    low, high = sample_doc.theme.body_pt
    # by count this splits 4 + 3 (20 lines, then 3); by height 2 + 5 (10 and 13 lines)
    lengths, sizes = _paginate(sample_doc, [5, 5, 5, 5, 1, 1, 1], 20)
    assert lengths == [2, 5]
    assert sizes == [high, high]
    lengths, sizes = _paginate(sample_doc, [1, 1, 1, 1, 1, 1, 7, 6], 14)
    assert lengths == [6, 2]  # max_bullets keeps the short items from evening it out
    assert sizes == [high, 14 * low // 13]


def test_content_within_max_bullets_stays_on_one_slide_at_the_smallest_size(sample_doc):
    low = sample_doc.theme.body_pt[0]
    count = sample_doc.theme.max_bullets
    assert _paginate(sample_doc, [1] * count, count) == ([count], [low])
    assert _paginate(sample_doc, [1] * (count + 1), 100)[0] == [(count + 2) // 2,
                                                                (count + 1) // 2]


def _colours(palette: dict) -> set[str]:
    """Every ``#RRGGBB`` in a palette (nested confidence and chart colours included)."""
    values = [v for v in palette.values() if isinstance(v, str)]
    values += [c for v in palette.values() if isinstance(v, list) for c in v]
    values += [c for v in palette.values() if isinstance(v, dict) for c in v.values()]
    return {v.lstrip("#").upper() for v in values}


def _package_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if n.endswith(".xml") and n.startswith("ppt/")}


def test_another_packs_palette_reaches_theme_layouts_and_slides(sample_doc):
    from deckmaker.build import load_document
    from deckmaker.pack import load_pack

    us = load_document(SAMPLE, load_pack("memo-us"))
    assert us.theme.slide_master == sample_doc.theme.slide_master  # the inherited master
    foreign = _colours(sample_doc.theme.palette) - _colours(us.theme.palette)
    assert {"1B2A41", "0F7B8A"} <= foreign
    parts = _package_xml(_render(us))
    for name, xml in parts.items():
        left = {c for c in foreign if c in xml.upper()}
        assert not left, f"{name} keeps the default palette's {sorted(left)}"
    theme = parts["ppt/theme/theme1.xml"]
    accent = us.theme.palette["accent"].lstrip("#")
    for slot, colour in (("dk2", "0B2545"), ("accent1", accent), ("hlink", accent)):
        assert re.search(rf'<a:{slot}><a:srgbClr val="{colour}"/>', theme), slot
    # the master's shapes follow the theme; the footer the deck adds to each layout is
    # in this pack's palette and marking colours only
    marking = {c.lstrip("#").upper() for c in (us.marking.foreground, us.marking.background)}
    for n in (1, 2, 3):
        layout = parts[f"ppt/slideLayouts/slideLayout{n}.xml"]
        assert 'schemeClr val="accent1"' in layout
        assert set(re.findall(r'srgbClr val="([0-9A-F]{6})"', layout)) <= \
            _colours(us.theme.palette) | marking


def test_default_deck_theme_keeps_the_default_palette(sample_pptx):
    theme = _package_xml(sample_pptx)["ppt/theme/theme1.xml"]
    for slot, colour in (("dk1", "1F2328"), ("dk2", "1B2A41"), ("lt2", "EAF1F4"),
                         ("accent1", "0F7B8A"), ("hlink", "0F7B8A")):
        assert re.search(rf'<a:{slot}><a:srgbClr val="{colour}"/>', theme), slot
    assert re.search(r'<a:latin typeface="Noto Sans"', theme)


def test_text_is_in_the_themes_body_font_which_is_the_measured_one(sample_doc, sample_pptx):
    """Runs name the theme's body font ("+mn-lt"), so a change of the theme's fonts
    reaches them as it reaches PowerPoint's own text; the theme's body font is the deck
    font the text was measured in."""
    xml = _package_xml(sample_pptx)
    theme = xml["ppt/theme/theme1.xml"]
    minor = re.search(r"<a:minorFont><a:latin typeface=\"([^\"]+)\"", theme).group(1)
    assert minor == sample_doc.theme.deck_font.family
    slides = [v for k, v in xml.items() if k.startswith("ppt/slides/slide")]
    faces = {face for slide in slides for face in re.findall(r'<a:latin typeface="([^"]+)"',
                                                            slide)}
    assert faces == {"+mn-lt"}


def _runs(shape):
    return [r for p in shape.text_frame.paragraphs for r in p.runs]


def _colour(run) -> str:
    return "#" + str(run.font.color.rgb)


def _filled(dots) -> int:
    return sum(d.element.spPr.find(f"{{{A}}}solidFill") is not None for d in dots)


def test_the_likelihood_chip_leads_then_the_confidence_mark(sample_doc, sample_pptx):
    slides = list(_open(sample_pptx).slides)
    for slide, judgment in zip(slides[3:8], sample_doc.judgments, strict=True):
        chip = next(s for s in slide.shapes if s.has_text_frame
                    and s.text_frame.text == judgment.likelihood_text)
        word = next(s for s in slide.shapes if s.has_text_frame
                    and s.text_frame.text == judgment.confidence_mark.text)
        dots = [s for s in slide.shapes if s.name.startswith("Confidence dot")]
        assert len(dots) == 3 and _filled(dots) == judgment.confidence_mark.filled
        assert chip.left + chip.width <= min(d.left for d in dots) \
            and max(d.left for d in dots) < word.left
    overview = [s.text_frame.text for s in slides[2].shapes
                if s.has_text_frame and s.text_frame.text]
    first = sample_doc.judgments[0]
    row = overview[overview.index(first.label):][:4]
    assert row == [first.label, plain_text(first.headline), "Very likely", "Moderate confidence"]


def test_source_tags_are_bracketed_one_by_one(sample_doc, sample_pptx):
    texts = [t for slide in _open(sample_pptx).slides for t in _texts(slide)]
    several = [e for e in sample_doc.evidence if len(e.sources) > 1][0]
    tags = " ".join(f"[{r.label}]" for r in several.sources)
    assert any(tags in t for t in texts) and not any(re.search(r"\[S\d+, ", t) for t in texts)


def test_sources_list_the_linked_title_first_broken_between_words(sample_doc, sample_pptx):
    slide = [s for s in _open(sample_pptx).slides
             if s.shapes.title.text_frame.text == "Sources"][0]
    body = [s for s in slide.shapes if s.has_text_frame and s.name.startswith(TEXT_SHAPES)][0]
    text = body.text_frame.text
    for source in sample_doc.sources:
        start = text.index(source.label + " ")
        assert start < text.index(source.title.split()[0], start) \
            < text.index(source.details, start)
        linked = [r.text for r in _runs(body) if r.hyperlink.address == source.url]
        assert " ".join(linked) == source.title  # every piece is whole words
        assert all(len(piece) == len(piece.strip()) for piece in linked)
    assert len([r for r in _runs(body) if r.hyperlink.address]) > len(sample_doc.sources)


def test_no_shape_takes_a_theme_shadow(sample_pptx):
    for name, xml in _package_xml(sample_pptx).items():
        if name.startswith(("ppt/slides/", "ppt/slideLayouts/")):
            assert not re.search(r'effectRef idx="[1-9]', xml), name


def test_cover_bar_spans_title_and_subtitle_and_the_block_is_centred(sample_doc, sample_pptx):
    cover = _open(sample_pptx).slides[0]
    bar = [s for s in cover.shapes if s.name.startswith("Rectangle")][0]
    title = cover.shapes.title
    boxes = [s for s in cover.shapes if s.name.startswith(TEXT_SHAPES)]
    subtitle, meta = boxes[0], boxes[1]
    assert subtitle.text_frame.text == sample_doc.subtitle
    assert abs(bar.top - title.top) < Pt(1)
    assert abs(bar.top + bar.height - subtitle.top - subtitle.height) < Pt(1)
    assert abs(meta.top - subtitle.top - subtitle.height - Pt(18)) < Pt(1)
    above, below = title.top, Pt(496 - 12) - (meta.top + meta.height)
    assert abs(above - Pt(40) - below) < Pt(2)


def test_links_on_dark_slides_are_light_and_underlined(sample_doc):
    link = sample_doc.bluf[0].spans[0]
    bluf = (replace(sample_doc.bluf[0], spans=(replace(link, href="https://example.org/x"),
                                               *sample_doc.bluf[0].spans[1:])),
            *sample_doc.bluf[1:])
    prs = _open(_render(replace(sample_doc, bluf=bluf)))
    runs = [r for s in prs.slides[1].shapes if s.has_text_frame for r in _runs(s)
            if r.hyperlink.address]
    background = sample_doc.theme.palette["primary"]
    assert runs and all(r.font.underline for r in runs)
    assert all(colours.contrast_ratio(_colour(r), background) >= 4.5 for r in runs)


@pytest.mark.skipif(soffice() is None, reason="needs LibreOffice (soffice)")
def test_links_are_drawn_in_their_runs_colour(sample_doc, tmp_path):
    """LibreOffice (like PowerPoint) draws a link in the theme's hyperlink colour unless
    the link says to keep its text's colour (Office 2018's hlinkClr): read from the PDF
    it makes, the link on the dark bottom-line slide is in the lightened colour."""
    pdfplumber = pytest.importorskip("pdfplumber")
    from tests.writers.test_pptx_overflow import convert

    link = sample_doc.bluf[0].spans[0]
    bluf = (replace(sample_doc.bluf[0], spans=(replace(link, href="https://example.org/x"),
                                               *sample_doc.bluf[0].spans[1:])),
            *sample_doc.bluf[1:])
    data = _render(replace(sample_doc, bluf=bluf))
    expected = next(_colour(r) for s in _open(data).slides[1].shapes if s.has_text_frame
                    for r in _runs(s) if r.hyperlink.address)
    deck = tmp_path / "links.pptx"
    deck.write_bytes(data)
    convert([deck], tmp_path)
    with pdfplumber.open(tmp_path / "links.pdf") as pdf:
        drawn = {tuple(round(v * 255) for v in c["non_stroking_color"])
                 for c in pdf.pages[1].chars if c["text"] in link.text[:4]}
    wanted = tuple(int(expected[i:i + 2], 16) for i in (1, 3, 5))
    assert any(all(abs(a - b) <= 1 for a, b in zip(colour, wanted, strict=True))
               for colour in drawn), (drawn, expected)


def test_lightened_colours_reach_aa_and_keep_their_hue():
    navy, teal = "#1B2A41", "#0F7B8A"
    assert colours.contrast_ratio(teal, navy) < 4.5
    light = colours.lightened(teal, navy)
    assert colours.contrast_ratio(light, navy) >= 4.5
    assert int(light[5:7], 16) > int(light[1:3], 16)  # still bluish-green, not white
    assert colours.lightened("#FFFFFF", navy) == "#FFFFFF"
    assert round(colours.contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0


def test_legend_confidence_rows_carry_their_mark_beside_the_name(sample_doc, sample_pptx):
    slide = _open(sample_pptx).slides[-1]
    frames = [s for s in slide.shapes if getattr(s, "has_table", False) and s.has_table]
    legend = sample_doc.section("estimative_language").blocks[0]
    table = frames[1]
    dots = [s for s in slide.shapes if s.name.startswith("Confidence dot")]
    top = table.top + table.table.rows[0].height
    for row, level in zip(list(table.table.rows)[1:], legend.confidence, strict=True):
        assert [c.text_frame.text for c in row.cells] == ["", level.name, level.meaning]
        inside = [d for d in dots if top <= d.top and d.top + d.height <= top + row.height
                  and d.left + d.width <= table.left + table.table.columns[0].width]
        assert len(inside) == 3
        assert _filled(inside) == {"high": 3, "moderate": 2, "low": 1}[level.level]
        top += row.height

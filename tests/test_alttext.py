"""Text alternatives for charts, made from their data."""

from __future__ import annotations

from pathlib import Path

from deckmaker.alttext import MAX_CHARS, figure_alt
from deckmaker.brief import load_brief
from deckmaker.compose import compose
from deckmaker.pack import load_pack

SAMPLE = Path(__file__).parents[1] / "briefs" / "russia-north-korea-china.yaml"


def test_the_sample_figure_is_told_value_by_value_with_flat_runs_joined():
    figure = compose(load_brief(SAMPLE), load_pack("default"), stem="s").figures[0]
    assert figure.alt == (
        "Column chart of meetings: Xi and Kim have not met since their 2019 summit, from "
        "2018 to 2024. 2018: 4; 2019: 1; 2020 to 2024: 0. Source: S1.")
    # outloud's FIG-012: alt text at least half letters
    assert sum(c.isalpha() for c in figure.alt) / len(figure.alt) >= 0.5
    assert figure.source_text == "Source: [S1] 9DASHLINE, 5 February 2025"


def test_several_series_are_named():
    text = figure_alt(kind_text="Bar chart", title="T", categories=["a", "b"],
                      series=[("x", [1, 2]), ("y", [3, 3])], unit=None, source=None,
                      number=str)
    assert text == "Bar chart: T, from a to b. x: a: 1; b: 2. y: a to b: 3."


def test_a_chart_too_big_to_read_out_is_summarised():
    categories = [f"c{i}" for i in range(50)]
    series = [(f"s{j}", [float(i * j) for i in range(50)]) for j in range(8)]
    text = figure_alt(kind_text="Line chart", title="T", categories=categories, series=series,
                      unit="t", source="Source: S2", number=lambda v: f"{v:g}")
    assert len(text) <= MAX_CHARS
    assert text == ("Line chart of t: T, from c0 to c49. 8 series of 50 values from 0 to 343. "
                    "Source: S2.")

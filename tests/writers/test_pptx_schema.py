"""The deck against the OOXML schemas and the Open XML SDK's semantic checks, with
``openxml-audit`` (a pure Python port of the SDK's validator): no errors for the sample,
a deck with every kind of chart, one with a logo and the large brief. It passes
python-pptx's own default template clean, so every finding is ours."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from deckmaker.build import load_document
from deckmaker.writers.pptx import render_pptx
from tests.conftest import SAMPLE
from tests.writers.conftest import sample_with_figures

audit = pytest.importorskip("openxml_audit", reason="needs openxml-audit (pip install it)")

pytestmark = pytest.mark.slow  # the validator loads its schemas for a few seconds


def _figure(kind: str, categories, series) -> dict:
    return {"type": kind, "title": f"{kind} chart", "unit": "USD bn", "categories": categories,
            "series": [{"name": name, "values": values} for name, values in series]}


FIGURES = [
    _figure("bar", ["A & B", "<b>C</b>", "D"], [("One", [1.5, -2, 3]), ("Two", [4, 5, 6])]),
    _figure("column", [str(y) for y in range(2000, 2030)], [("Launches", list(range(30)))]),
    _figure("line", ["2021", "2022", "2023"], [(f"S{k}", [k, -k, 2.25 * k]) for k in range(8)]),
    _figure("pie", ["North", "South", "East"], [("Share", [1, 2, 3])]),
    _figure("pie", [f"Province {i}" for i in range(20)], [("Share", [i + 1 for i in range(20)])]),
]


def _render(doc) -> bytes:
    return render_pptx(doc, lambda message: pytest.fail(f"the deck warned: {message}"))


@pytest.fixture(scope="module")
def validator():
    return audit.OpenXmlValidator()


def _errors(validator, data: bytes, folder, name: str) -> list[str]:
    path = folder / f"{name}.pptx"
    path.write_bytes(data)
    result = validator.validate(path)
    return [f"{e.part_uri}: {e.description}" for e in result.errors]


@pytest.fixture(scope="module")
def decks(sample_doc, large_doc, pack, tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("schema")
    return {"sample": _render(sample_doc),
            "charts": _render(sample_with_figures(pack, folder, FIGURES)),
            "large": _render(large_doc)}


@pytest.mark.parametrize("name", ["sample", "charts", "large"])
def test_the_deck_is_schema_valid(validator, decks, name, tmp_path):
    assert _errors(validator, decks[name], tmp_path, name) == []


def test_a_deck_with_a_logo_is_schema_valid(validator, logo_pack, tmp_path):
    assert _errors(validator, _render(load_document(SAMPLE, logo_pack)), tmp_path, "logo") == []


def test_the_validator_finds_a_signed_axis_id(validator, decks, tmp_path):
    """The check can fail: the negative axis ids python-pptx's bar template carries are
    reported."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(decks["charts"])) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/charts/chart1.xml":
                data = re.sub(rb'(<c:axId val=")(\d+)', rb"\1-\2", data)
            target.writestr(info, data)
    errors = _errors(validator, out.getvalue(), tmp_path, "broken")
    assert errors and all(e.startswith("/ppt/charts/chart1.xml: ") for e in errors)

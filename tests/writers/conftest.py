"""Fixtures shared by the writer tests."""

from __future__ import annotations

import pytest
import yaml

from deckmaker.build import load_document
from deckmaker.synthetic import HOSTILE, synthetic_brief, write_synthetic_brief
from tests.conftest import SAMPLE


def sample_with_figures(pack, folder, figures: list[dict]):
    """The sample brief's document with its first evidence items carrying ``figures``."""
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for item, figure in zip(data["evidence"], figures, strict=False):
        item["figure"] = figure
    path = folder / "charts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_document(path, pack)


@pytest.fixture(scope="session")
def docs(sample_doc, large_doc, pack, tmp_path_factory):
    """The sample, small and medium synthetic briefs, the large one, and a hostile one
    (markup-looking text, a javascript: link)."""
    folder = tmp_path_factory.mktemp("briefs")
    hostile = synthetic_brief()
    hostile["bluf"] += " [click me](javascript:alert(1)) and <a href='javascript:x'>raw</a>."
    hostile["implications"][0]["text"] = HOSTILE
    (folder / "hostile.yaml").write_text(yaml.safe_dump(hostile, allow_unicode=True), "utf-8")
    paths = [write_synthetic_brief(folder / f"{size}.yaml", size) for size in ("small", "medium")]
    return {"sample": sample_doc, "large": large_doc,
            **{path.stem: load_document(path, pack) for path in [*paths, folder / "hostile.yaml"]}}

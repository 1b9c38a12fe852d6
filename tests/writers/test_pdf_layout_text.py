"""Brief text that looks like markup or template code prints in the memo exactly as
written, wherever the layout puts it (title, BLUF, glance table, judgment, evidence,
figure title), read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from deckmaker.build import load_document
from deckmaker.pack import load_pack
from deckmaker.synthetic import synthetic_brief
from deckmaker.writers.pdf import render_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

LITERALS = ["{{ x }}", "<b>bold?</b>", "%(name)s", "5 < 6 > 4", "R&D", "{% if %}", "&amp;"]
SHOWN = " ".join(LITERALS)


@pytest.fixture(scope="module")
def memo_text(tmp_path_factory) -> str:
    data = synthetic_brief(judgments=2, evidence=2, figures=1)
    data["title"] = f"Title {SHOWN}"
    data["bluf"] = f"Bottom line {SHOWN}."
    kj = data["key_judgments"][0]
    kj["headline"] = f"Headline {SHOWN}"
    kj["statement"] = f"Statement {SHOWN}."
    evidence = data["evidence"][0]
    evidence["claim"] = f"Claim {SHOWN}."
    evidence["figure"]["title"] = f"Figure title {SHOWN}"
    folder = tmp_path_factory.mktemp("literals")
    path = folder / "literals.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    pdf = folder / "literals.pdf"
    pdf.write_bytes(render_pdf(load_document(path, load_pack(None)), lambda _message: None))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("where", ["Title", "Bottom line", "Headline", "Statement", "Claim",
                                   "Figure title"])
def test_markup_and_template_literals_print_exactly(memo_text, where):
    assert f"{where} {SHOWN}" in memo_text

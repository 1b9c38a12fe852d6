"""The memo's pagination rules, measured on real memos by scripts/memo_layout.py (from the
PDF alone): no lone-block page, no heading at a page's foot, every figure on its evidence's
page, no page but the last ending more than 15 % early, every judgment's headline on page 1
for briefs of up to eight judgments."""

from __future__ import annotations

import importlib.util
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deckmaker.build import load_document
from deckmaker.inline import plain_text
from deckmaker.pack import load_pack
from deckmaker.synthetic import synthetic_brief
from deckmaker.writers.pdf import render_pdf
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
pdfplumber = pytest.importorskip("pdfplumber")

_spec = importlib.util.spec_from_file_location("memo_layout", ROOT / "scripts" / "memo_layout.py")
memo_layout = importlib.util.module_from_spec(_spec)
sys.modules["memo_layout"] = memo_layout  # its dataclasses look their module up
_spec.loader.exec_module(memo_layout)


def quiet(_message: str) -> None:
    """A warn callback that ignores what it is told."""


def _write(folder: Path, name: str, data: dict) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


MINIMAL = {"title": "A minimal brief", "date": "2025-03-01", "bluf": "One line.",
           "key_judgments": [{"statement": "Beijing is likely to stay quiet.",
                              "confidence": "moderate", "likelihood": "likely"}],
           "implications": [{"text": "Watch it.", "for": "US"}]}


def _briefs(folder: Path) -> dict[str, tuple[Path, str | None]]:
    """(brief, pack) of every memo the rules are checked on."""
    multi = synthetic_brief(judgments=3, evidence=4, figures=1)
    multi["title"] = "Русский, Ελληνικά, Tiếng Việt and 中文文本换行测试 in one brief"
    multi["bluf"] = "Москва и Пхеньян; Πεκίνο; Bắc Kinh; 北京和平壤的关系正在变化，" * 3
    briefs = {"sample": (SAMPLE, None), "sample-us": (SAMPLE, "memo-us"),
              "long": (_write(folder, "long", synthetic_brief(20, 60, 4)), None),
              "multi-script": (_write(folder, "multi", multi), None),
              "minimal": (_write(folder, "minimal", MINIMAL), None),
              "kj25": (_write(folder, "kj25", synthetic_brief(25, 40, 3)), None)}
    rng = random.Random(13)
    for number in range(20):
        judgments, evidence = rng.randint(1, 12), rng.randint(0, 30)
        data = synthetic_brief(judgments, evidence, rng.randint(0, min(4, evidence)))
        if not evidence:
            for kj in data["key_judgments"]:
                kj["evidence"] = []
        briefs[f"synthetic-{number}"] = (_write(folder, f"s{number}", data),
                                         "memo-us" if number % 4 == 3 else None)
    return briefs


@pytest.fixture(scope="module")
def memos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pagination")
    packs: dict[str | None, object] = {}
    out = {}
    for name, (path, pack_name) in _briefs(folder).items():
        pack = packs.setdefault(pack_name, load_pack(pack_name))
        doc = load_document(path, pack)
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(render_pdf(doc, quiet))
        out[name] = (doc, pdf)
    return out


@pytest.mark.slow  # renders and measures 26 memos
def test_every_memo_keeps_the_pagination_rules(memos):
    problems = [f"{name}: {problem}" for name, (_doc, pdf) in memos.items()
                for problem in memo_layout.measure(str(pdf)).problems()]
    assert not problems, "\n".join(problems)


def _page_one(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@pytest.mark.slow  # renders and measures 26 memos
def test_every_headline_is_on_page_one_up_to_eight_judgments(memos):
    missing = []
    for name, (doc, pdf) in memos.items():
        if len(doc.judgments) > 8:
            continue
        page = _page_one(pdf)
        missing += [f"{name}: {kj.label}" for kj in doc.judgments
                    if " ".join(plain_text(kj.headline).split()) not in page]
    assert not missing, "\n".join(missing)


@pytest.mark.slow
def test_the_sample_memo_is_at_most_six_pages_on_a4_and_letter(memos):
    for name in ("sample", "sample-us"):
        pages = len(memo_layout.measure(str(memos[name][1])).pages)
        assert pages <= 6, name

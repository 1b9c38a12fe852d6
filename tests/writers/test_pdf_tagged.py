"""The memo as a tagged PDF (PDF/UA-1), read back from real memos: the project's checker
and the independent outloud pass it, poppler reads it as tagged with the same text as the
unmarked build, and this file's own walk of content streams and structure tree finds
every text operator marked, every MCID reachable, headings in order and the figure's
/Alt equal to the model's text alternative."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
import yaml

from deckmaker.build import load_document
from deckmaker.pack import load_pack
from deckmaker.synthetic import synthetic_brief
from deckmaker.writers.pdf.document import build_pdf
from deckmaker.writers.pdf.tagging import structure
from deckmaker.writers.pdf.tagging.check import check_pdf
from deckmaker.writers.pdf.tagging.story import languages
from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

MINIMAL = {"title": "A minimal brief", "date": "2025-03-01", "bluf": "One line.",
           "key_judgments": [{"statement": "Beijing is likely to stay quiet.",
                              "confidence": "moderate", "likelihood": "likely"}],
           "implications": [{"text": "北京保持沉默，等待时机。", "for": "US"}]}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
OUTLOUD = shutil.which("outloud", path=str(Path(sys.executable).parent))  # the test extra
needs_outloud = pytest.mark.skipif(OUTLOUD is None, reason="needs outloud (the test extra)")


def _multi_script() -> dict:
    data = synthetic_brief(judgments=3, evidence=4, figures=1)
    data["title"] = "Русский, Ελληνικά, Tiếng Việt and 中文文本换行测试 in one brief"
    data["bluf"] = "Москва и Пхеньян; Πεκίνο; Bắc Kinh; 北京和平壤的关系正在变化，" * 3
    return data


BRIEFS = {  # name: (brief data or None for the sample, pack)
    "sample": (None, None), "sample-us": (None, "memo-us"), "minimal": (MINIMAL, None),
    "multi-script": (_multi_script(), None), "kj25": (synthetic_brief(25, 40, 4), None),
}
SLOW = {"sample-us", "kj25"}


def _load(name: str, folder: Path):
    data, pack_name = BRIEFS[name]
    path = SAMPLE
    if data is not None:
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return load_document(path, load_pack(pack_name))


@pytest.fixture(scope="module")
def memos(tmp_path_factory):
    """name -> (document, tagged PDF bytes), rendered once per module when asked for."""
    folder = tmp_path_factory.mktemp("tagged")
    cache: dict[str, tuple] = {}

    def memo(name: str):
        if name not in cache:
            doc = _load(name, folder)
            cache[name] = (doc, build_pdf(doc, lambda _message: None))
        return cache[name]

    return memo


def _params(names=BRIEFS):
    return [pytest.param(name, marks=pytest.mark.slow) if name in SLOW else name
            for name in names]


# The checkers


@pytest.mark.parametrize("name", _params())
def test_the_projects_checker_finds_nothing(memos, name):
    _, data = memos(name)
    assert check_pdf(data) == []


@pytest.mark.slow
@needs_outloud
@pytest.mark.parametrize("name", list(BRIEFS))
def test_outloud_finds_no_error(memos, name, tmp_path):
    """outloud (an independent PDF/UA-1 and WCAG checker): no error; its one warning is
    FIG-012, alt text under half letters (the data's numbers), named in docs/memo.md."""
    _, data = memos(name)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    run = subprocess.run([OUTLOUD, "--json", "-", "--fail-on", "error",
                          str(path)], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    findings = [f for result in report["results"] for f in result["findings"]]
    errors = [f["rule"] for f in findings if f["severity"] == "error"]
    warnings = {f["rule"] for f in findings if f["severity"] == "warning"}
    assert run.returncode == 0 and errors == []
    assert warnings <= {"FIG-012"}


@pytest.mark.slow
@needs_outloud
def test_outloud_fails_the_untagged_memo(sample_doc, tmp_path):
    """outloud's verdict means something: the same memo unmarked fails it."""
    path = tmp_path / "plain.pdf"
    path.write_bytes(build_pdf(sample_doc, lambda _message: None, tagged=False))
    run = subprocess.run([OUTLOUD, "-q", "--fail-on", "error",
                          str(path)], capture_output=True, text=True, timeout=300)
    assert run.returncode != 0


# What a reader of the file finds


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("name", ["sample", "multi-script"])
def test_poppler_reads_it_as_tagged_with_the_unmarked_memos_text(memos, name, tmp_path):
    doc, data = memos(name)
    tagged, plain = tmp_path / "tagged.pdf", tmp_path / "plain.pdf"
    tagged.write_bytes(data)
    plain.write_bytes(build_pdf(doc, lambda _message: None, tagged=False))
    info = subprocess.run(["pdfinfo", str(tagged)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Tagged:\s+no$", subprocess.run(
        ["pdfinfo", str(plain)], capture_output=True, text=True, check=True).stdout, re.M)
    assert _text(tagged) == _text(plain)
    assert doc.judgments[0].label in _text(tagged)


def test_two_builds_are_the_same_bytes(sample_doc, monkeypatch):
    first = build_pdf(sample_doc, lambda _message: None)
    assert build_pdf(sample_doc, lambda _message: None) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = build_pdf(sample_doc, lambda _message: None)
    assert build_pdf(sample_doc, lambda _message: None) == later


def test_catalog_metadata_and_outline(memos):
    doc, data = memos("sample")
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root
        assert str(root.Lang) == doc.language
        assert root.MarkInfo.Marked is True and root.ViewerPreferences.DisplayDocTitle is True
        xmp = root.Metadata.read_bytes().decode()
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and doc.title in xmp
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == [s.title for s in doc.sections]
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == pikepdf.Name.S
        fonts = [font for page in pdf.pages
                 for font in page.obj.Resources.get("/Font", {}).values()]
        assert fonts and all("/ToUnicode" in font for font in fonts)


# The walk: content streams against the structure tree


def _walk_content(pdf: pikepdf.Pdf) -> tuple[dict[int, set[int]], list[str]]:
    """(page -> MCIDs drawn, text operators found outside marked content and artifacts)."""
    drawn: dict[int, set[int]] = {}
    loose: list[str] = []
    for number, page in enumerate(pdf.pages, 1):
        stack: list[bool] = []  # per open sequence: an MCID's or an artifact's
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                tag = str(instruction.operands[0])
                props = instruction.operands[1] if operator == "BDC" else None
                has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                if has_mcid:
                    drawn.setdefault(number, set()).add(int(props.MCID))
                stack.append(has_mcid or tag == "/Artifact")
            elif operator == "EMC":
                stack.pop()
            elif operator in TEXT_OPERATORS and not any(stack):
                loose.append(f"page {number}: {operator}")
    return drawn, loose


def _walk_tree(pdf: pikepdf.Pdf):
    """(page -> MCIDs the tree reaches, element types in reading order, Figure /Alts,
    (type, /Lang) of elements with one)."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
    reached: dict[int, set[int]] = {}
    types: list[str] = []
    alts: list[str] = []
    langs: list[tuple[str, str]] = []

    def walk(element, page):
        type_ = str(element.S)[1:]
        types.append(type_)
        if type_ == "Figure":
            alts.append(str(element.Alt))
        if "/Lang" in element:
            langs.append((type_, str(element.Lang)))
        page = element.get("/Pg", page)
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        for kid in kids:
            if isinstance(kid, int):
                reached.setdefault(pages[page.objgen], set()).add(kid)
            elif kid.get("/Type") == pikepdf.Name.MCR:
                reached.setdefault(pages[kid.Pg.objgen], set()).add(int(kid.MCID))
            elif "/S" in kid:
                walk(kid, page)

    for kid in pdf.Root.StructTreeRoot.K:
        walk(kid, None)
    return reached, types, alts, langs


@pytest.mark.parametrize("name", _params(["sample", "minimal", "multi-script", "kj25"]))
def test_every_text_operator_is_marked_and_every_mcid_reachable(memos, name):
    doc, data = memos(name)
    with pikepdf.open(BytesIO(data)) as pdf:
        drawn, loose = _walk_content(pdf)
        reached, types, alts, _ = _walk_tree(pdf)
    assert loose == []
    assert reached == drawn
    headings = [int(t[1]) for t in types if re.fullmatch(r"H[1-6]", t)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False))
    figures = [ev.figure for ev in doc.evidence if ev.figure]
    assert alts == [figure.alt for figure in figures] and all(alts)


def test_the_walk_finds_the_unmarked_memos_text(sample_doc):
    """The walk above can fail: on the unmarked build it finds loose text."""
    with pikepdf.open(BytesIO(build_pdf(sample_doc, lambda _message: None,
                                        tagged=False))) as pdf:
        drawn, loose = _walk_content(pdf)
    assert loose and not drawn


def _tree(data: bytes) -> list[tuple[int, str, str]]:
    """(depth, type, /Scope) of every element in reading order."""
    rows: list[tuple[int, str, str]] = []
    with pikepdf.open(BytesIO(data)) as pdf:
        def walk(element, depth):
            scope = str(element.get("/A", {}).get("/Scope", ""))[1:]
            rows.append((depth, str(element.S)[1:], scope))
            for kid in element.K:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, depth + 1)
        walk(pdf.Root.StructTreeRoot.K[0], 0)
    return rows


def test_the_samples_tree_follows_the_memo(memos):
    doc, data = memos("sample")
    rows = _tree(data)
    assert rows[:3] == [(0, "Document", ""), (1, "P", ""), (1, "H1", "")]
    sections = [row for row in rows if row[:2] == (1, "Sect")]
    assert len(sections) == len(doc.sections) + 1  # and the judgments at a glance
    # The glance table: a row per judgment, its label the row's header.
    glance = rows.index((2, "Table", ""))
    assert rows[glance + 1:glance + 5] == [(3, "TR", ""), (4, "TH", "Row"), (4, "TD", ""),
                                           (4, "TD", "")]
    assert sum(1 for row in rows if row[1] == "TH" and row[2] == "Row") == len(doc.judgments)
    # Each judgment: LI > Lbl, LBody > H3 (headline), P (statement), P (its marks).
    first = rows.index((3, "LI", ""))
    assert rows[first:first + 6] == [(3, "LI", ""), (4, "Lbl", ""), (4, "LBody", ""),
                                     (5, "H3", ""), (5, "P", ""), (5, "P", "")]
    assert sum(1 for row in rows if row[1] == "H3") >= len(doc.judgments)
    assert {"BlockQuote", "Caption", "Figure", "Link"} <= {row[1] for row in rows}
    # The estimative tables: column headers.
    assert sum(1 for row in rows if row[1:] == ("TH", "Column")) == 4


def test_links_say_where_they_lead(memos):
    doc, data = memos("sample")
    kj = doc.judgments[0]
    with pikepdf.open(BytesIO(data)) as pdf:
        contents = {str(a.Contents) for page in pdf.pages
                    for a in page.obj.get("/Annots", []) if a.Subtype == pikepdf.Name.Link}
    assert any(c.startswith(f"{kj.label}: ") for c in contents)
    assert doc.source_url in contents


def test_text_all_in_chinese_is_marked_chinese(memos):
    _, data = memos("minimal")
    with pikepdf.open(BytesIO(data)) as pdf:
        _, _, _, langs = _walk_tree(pdf)
    assert langs == [("P", "zh")]


def _cjk_runs(pdf: pikepdf.Pdf) -> list[tuple[int, str | None, str | None]]:
    """(page, the /Lang of the element the run is in, the /Lang of the span around it)
    for every text operator drawn in a CJK font (WenQuanYi, the packs' fallback)."""
    parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
    runs = []
    for number, page in enumerate(pdf.pages, 1):
        fonts = {name for name, font in page.Resources.Font.items()
                 if "WenQuanYi" in str(font.BaseFont)}
        mcids = parents.get(page.obj.get("/StructParents"))
        stack: list[tuple[str | None, str | None]] = []  # (element /Lang, span /Lang)
        font = None
        for operands, operator in pikepdf.parse_content_stream(page):
            operator = str(operator)
            if operator == "BDC":
                properties = operands[1]
                element = mcids[int(properties.MCID)] if "/MCID" in properties else None
                stack.append((str(element.get("/Lang", "")) or None if element else None,
                              str(properties.get("/Lang", "")) or None))
            elif operator == "BMC":
                stack.append((None, None))
            elif operator == "EMC":
                stack.pop()
            elif operator == "Tf":
                font = str(operands[0])
            elif operator in TEXT_OPERATORS and font in fonts:
                element = next((lang for lang, _ in reversed(stack) if lang), None)
                span = next((lang for _, lang in reversed(stack) if lang), None)
                runs.append((number, element, span))
    return runs


def test_a_chinese_run_inside_a_paragraph_is_a_span_in_chinese(memos):
    """The multi-script brief's title and BLUF hold Chinese inside other scripts: every
    run drawn in the CJK font is said in Chinese, by its element (text all Chinese) or by
    a /Span around it; the sample, all English, has no span at all."""
    _, data = memos("multi-script")
    with pikepdf.open(BytesIO(data)) as pdf:
        runs = _cjk_runs(pdf)
    assert runs and all("zh" in (element, span) for _, element, span in runs)
    assert any(span == "zh" for _, _, span in runs)
    _, sample = memos("sample")
    with pikepdf.open(BytesIO(sample)) as pdf:
        assert not any(b"/Span" in page.Contents.read_bytes() for page in pdf.pages)


@pytest.mark.parametrize(("text", "own", "expected"), [
    ("北京保持沉默，等待时机。", "en", ("zh", None)),
    ("Talks in 北京 resumed.", "en", (None, "zh")),
    ("The word ひらがな is Japanese.", "en", (None, "ja")),
    ("서울 talks", "en", (None, "ko")),
    ("Talks in 北京 resumed.", "zh", (None, None)),
    ("Москва и Пхеньян", "en", (None, None)),
])
def test_the_languages_of_a_text(text, own, expected):
    assert languages(text, own) == expected


def test_without_a_writable_temporary_folder_the_same_memo_is_written(memos, monkeypatch):
    doc, expected = memos("minimal")

    def refused():
        raise PermissionError("no temporary folder")

    monkeypatch.setattr(structure.tempfile, "TemporaryFile", refused)
    assert build_pdf(doc, lambda _message: None) == expected

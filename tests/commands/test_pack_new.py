"""``deckmaker pack new``: a loadable pack from a template, atomically, never over a
folder; bad input is one located sentence and exit 2."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckmaker.commands.pack_new import new_pack
from deckmaker.pack import load_pack
from deckmaker.packcheck import CHECKS
from tests.template.corporate import build_corporate, png


@pytest.fixture()
def corporate(tmp_path):
    return build_corporate(tmp_path / "corporate.pptx")


def run(*args):
    return CliRunner().invoke(new_pack, [str(a) for a in args])


def test_corporate_pack(tmp_path, corporate):
    (tmp_path / "logo.png").write_bytes(png(600, 200))
    (tmp_path / "letterhead.png").write_bytes(png(1200, 300))
    target = tmp_path / "acme"
    result = run(target, "--from", corporate, "--logo", tmp_path / "logo.png",
                 "--memo-logo", tmp_path / "letterhead.png")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) \
        == ["deck/master.pptx", "images/letterhead.png", "images/logo.png", "pack.yaml"]
    pack = load_pack(target)
    assert pack.config.extends == "default"
    assert pack.config.slide.layouts == {
        "title": "ACME Cover", "section": "ACME Divider", "content": "ACME Text",
        "two_content": "ACME Split", "closing": "ACME Heading"}
    assert pack.config.options.logo == "images/logo.png"
    assert pack.config.fonts.deck.family == "Calibri"
    # The gold accent (2.4:1 on white) is darkened to pass 4.5:1; the change is said.
    assert pack.config.palette.accent == "#846A1A"
    assert "palette.accent: the theme's accent1 #C9A227 reaches 2.4:1 on #FFFFFF; #896E1B " \
           "(4.9:1) instead" in " ".join(result.output.split())
    assert "slide.layouts.section = 'ACME Divider' (placeholders: a title and one small " \
           "text placeholder)" in result.output
    assert len(Presentation(str(target / "deck/master.pptx")).slides) == 0
    assert [f.code for check in CHECKS for f in check(pack) if f.severity == "error"] == []


def test_never_over_an_existing_folder(tmp_path, corporate):
    target = tmp_path / "acme"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    result = run(target, "--from", corporate)
    assert result.exit_code == 2
    assert "already exists; pack new never overwrites a folder" in result.output
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "is a folder, not a PowerPoint file"),
    (lambda p: p.write_text("not a zip"), "is not a PowerPoint file (.pptx or .potx): it is "
                                          "not a zip"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"),
     "is not a PowerPoint file: it has no [Content_Types].xml"),
])
def test_bad_template_writes_nothing(tmp_path, make, message):
    source = tmp_path / "bad.pptx"
    make(source)
    result = run(tmp_path / "acme", "--from", source)
    assert result.exit_code == 2
    assert f"{source}: {message}" in " ".join(result.output.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pptx"]


def test_no_layouts_is_refused(tmp_path):
    prs = Presentation()
    master = prs.slide_master
    layouts = master.slide_layouts
    for layout in list(layouts):
        layouts.remove(layout)
    prs.save(str(tmp_path / "empty.pptx"))
    result = run(tmp_path / "acme", "--from", tmp_path / "empty.pptx")
    assert result.exit_code == 2
    assert "has no slide layouts" in result.output
    assert not (tmp_path / "acme").exists()


def test_bad_logo(tmp_path, corporate):
    (tmp_path / "logo.png").write_text("not an image")
    result = run(tmp_path / "acme", "--from", corporate, "--logo", tmp_path / "logo.png")
    assert result.exit_code == 2
    assert "--logo" in result.output
    assert not (tmp_path / "acme").exists()

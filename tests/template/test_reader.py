"""Reading templates: the theme as its part says, placeholders inherited from the
master, backgrounds, obstacles, .potx, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckmaker.template.model import EMU_PER_INCH
from deckmaker.template.opening import TemplateError
from deckmaker.template.reader import read_template
from tests.template.corporate import DIVIDER_BACKGROUND, GOLD, LOGO_BOX

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_part_colours(path: Path) -> dict[str, str]:
    """The first theme part's colours and fonts, read straight from the zip."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("ppt/theme/theme1.xml"))
    scheme = root.find(f".//{{{A}}}clrScheme")
    colours = {}
    for slot in scheme:
        value = slot[0]
        colours[etree.QName(slot).localname] = "#" + (value.get("lastClr") or value.get("val"))
    colours["major"] = root.find(f".//{{{A}}}majorFont/{{{A}}}latin").get("typeface")
    colours["minor"] = root.find(f".//{{{A}}}minorFont/{{{A}}}latin").get("typeface")
    return colours


def test_python_pptx_default_theme_matches_its_part(python_pptx_default):
    info = read_template(python_pptx_default)
    expected = theme_part_colours(python_pptx_default)
    assert {k: v.upper() for k, v in info.theme.colours.items()} == \
        {k: v.upper() for k, v in expected.items() if k not in ("major", "minor")}
    assert info.theme.colours["dk1"] == "#000000"  # a sysClr windowText read as lastClr
    assert info.theme.colours["accent1"] == "#4F81BD"
    assert (info.theme.heading_font, info.theme.body_font) == (expected["major"], expected["minor"])
    assert info.slide_size_in == (10.0, 7.5)
    assert len(info.layouts) == 11


def test_placeholders_inherit_the_masters_box(python_pptx_default):
    info = read_template(python_pptx_default)
    content = info.layout("Title and Content")
    title = content.title
    assert title.inherited  # the layout's title has no xfrm of its own
    master_title = next(p for p in info.master_placeholders if p.type == "title")
    assert title.box == master_title.box
    assert [p.type for p in content.bodies] == ["obj"]
    cover = info.layout("Title Slide")
    assert [p.type for p in cover.placeholders][:2] == ["ctrTitle", "subTitle"]
    assert not cover.title.inherited


def test_corporate_backgrounds_obstacles_and_theme(corporate):
    info = read_template(corporate)
    assert info.theme.colours["accent1"] == f"#{GOLD}"
    assert info.theme.heading_font == "Georgia"
    divider = info.layout("ACME Divider")
    assert (divider.background.kind, divider.background.colour, divider.background.source) == \
        ("solid", f"#{DIVIDER_BACKGROUND}", "layout")
    assert info.layout("ACME Text").background.source == "master"
    logo = [o for o in info.layout("ACME Text").obstacles if o.kind == "picture"]
    assert [(o.name, o.source, (o.box.left, o.box.top, o.box.width, o.box.height))
            for o in logo] == [("ACME logo", "master", LOGO_BOX)]
    assert [p.type for p in info.layout("ACME Photo Story").placeholders][:2] == ["title", "pic"]
    assert info.slides == 1
    assert info.text_colour_on(divider.background) == "#000000"


def test_potx_is_read_as_its_pptx(corporate, tmp_path):
    potx = tmp_path / "corporate.potx"
    with zipfile.ZipFile(corporate) as source, zipfile.ZipFile(potx, "w") as target:
        for member in source.infolist():
            blob = source.read(member)
            if member.filename == "[Content_Types].xml":
                blob = blob.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            target.writestr(member, blob)
    assert read_template(potx) == read_template(corporate).__class__(
        **{**read_template(corporate).__dict__, "path": str(potx)})


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "is a folder, not a PowerPoint file"),
    (lambda p: p.write_text("hello"), "is not a PowerPoint file (.pptx or .potx): it is not a zip"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"),
     "is not a PowerPoint file: it has no [Content_Types].xml"),
])
def test_bad_files_are_one_sentence(tmp_path, make, message):
    path = tmp_path / "bad.pptx"
    make(path)
    with pytest.raises(TemplateError) as caught:
        read_template(path)
    assert str(caught.value) == message


def test_slide_size_is_emu(corporate):
    info = read_template(corporate)
    assert info.slide_width == round(13.333 * EMU_PER_INCH)

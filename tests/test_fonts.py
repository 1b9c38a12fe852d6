"""Font registration, glyph coverage and fallback runs, on the default pack's real fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from deckmaker.errors import RenderError
from deckmaker.fonts import (
    CID_CHINESE, CID_KOREAN, REPLACEMENT, Fallbacks, font_for_label, load_ttf, register_family,
    split_runs,
)


@pytest.fixture(scope="module")
def theme(pack):
    from deckmaker.compose import theme_of

    return theme_of(pack)


def test_family_maps_bold_and_italic_to_their_own_faces(theme):
    regular = register_family(theme.body_font)
    assert tt2ps(regular, 1, 0) == load_ttf(theme.body_font.bold).fontName
    assert tt2ps(regular, 0, 1) == load_ttf(theme.body_font.italic).fontName
    assert tt2ps(regular, 1, 1) == load_ttf(theme.body_font.bold_italic).fontName
    assert len({tt2ps(regular, b, i) for b in (0, 1) for i in (0, 1)}) == 4


@pytest.mark.parametrize("text", ["Ελληνικά κείμενα", "Русский текст", "Tiếng Việt có dấu",
                                  "AT&T <b> 0.1 < x"])
def test_scripts_the_main_font_covers_stay_in_one_main_run(theme, text):
    main = load_ttf(theme.body_font.regular)
    assert split_runs(text, main, Fallbacks(theme.fallback_fonts)) == \
        [split_runs(text, main, Fallbacks())[0]]
    assert split_runs(text, main, Fallbacks())[0].font is None


def test_cjk_switches_to_the_theme_fallback_and_back(theme):
    if not theme.fallback_fonts:
        pytest.skip("no CJK font file on this machine")
    main = load_ttf(theme.body_font.regular)
    runs = split_runs("Beijing 北京 says", main, Fallbacks(theme.fallback_fonts))
    assert [r.text for r in runs] == ["Beijing ", "北京 ", "says"]
    fallback = runs[1].font
    assert fallback and fallback != main.fontName
    assert ord("北") in pdfmetrics.getFont(fallback).face.charToGlyph
    assert runs[0].font is None and runs[2].font is None


def test_without_fallback_files_cjk_uses_standard_cid_fonts(theme):
    main = load_ttf(theme.body_font.regular)
    runs = split_runs("中文 한국어", main, Fallbacks())
    assert [r.font for r in runs] == [CID_CHINESE, CID_KOREAN]


def test_same_file_names_in_two_folders_register_two_fonts(theme, tmp_path):
    serif, sans = tmp_path / "a" / "Face.ttf", tmp_path / "b" / "Face.ttf"
    for copy, original in ((serif, theme.body_font.regular), (sans, theme.heading_font.regular)):
        copy.parent.mkdir()
        copy.write_bytes(original.read_bytes())
    first, second = load_ttf(serif), load_ttf(sans)
    assert first.fontName != second.fontName
    assert pdfmetrics.getFont(first.fontName).stringWidth("Wolf", 10) == \
        load_ttf(theme.body_font.regular).stringWidth("Wolf", 10)
    assert pdfmetrics.getFont(second.fontName).stringWidth("Wolf", 10) == \
        load_ttf(theme.heading_font.regular).stringWidth("Wolf", 10)
    assert load_ttf(serif) is first  # unchanged file: loaded once


def test_an_edited_font_file_is_loaded_again(theme, tmp_path):
    import os

    face = tmp_path / "Face.ttf"
    face.write_bytes(theme.body_font.regular.read_bytes())
    before = load_ttf(face)
    face.write_bytes(theme.heading_font.regular.read_bytes())
    os.utime(face, ns=(1, os.stat(face).st_mtime_ns + 10**9))
    after = load_ttf(face)
    assert after.fontName != before.fontName
    assert after.stringWidth("Wolf", 10) == load_ttf(theme.heading_font.regular).stringWidth(
        "Wolf", 10)


def test_label_font_is_main_unless_a_character_needs_a_fallback(theme):
    main = load_ttf(theme.heading_font.regular)
    fallbacks = Fallbacks(theme.fallback_fonts)
    assert font_for_label("2019 Русский", main, fallbacks) == main.fontName
    assert font_for_label("2019 北京", main, fallbacks) != main.fontName


def test_a_file_that_is_not_truetype_is_a_render_error(tmp_path):
    bogus = tmp_path / "Fake.otf"
    bogus.write_bytes(b"OTTO" + b"\0" * 64)
    with pytest.raises(RenderError, match="TrueType"):
        load_ttf(Path(bogus))


def test_printable_replaces_what_no_font_has_and_remembers_it(theme):
    main = load_ttf(theme.body_font.regular)
    fallbacks = Fallbacks()
    assert fallbacks.printable("plain text", main) == "plain text"
    assert fallbacks.printable("up 📉\ufe0f!", main) == f"up {REPLACEMENT}!"
    assert fallbacks.missing == {"📉"}

"""pack check's checks on small packs extending the default: each finding's exact text."""

from __future__ import annotations

from deckmaker.pack import load_pack
from deckmaker.packcheck import CHECKS
from deckmaker.packcheck.vision import MIN_DELTA_E, delta_e, deuteranope_lab


def pack(tmp_path, pack_yaml="", text_yaml=""):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text(f"name: p\nextends: default\n{pack_yaml}", "utf-8")
    if text_yaml:
        (folder / "text.yaml").write_text(text_yaml, "utf-8")
    return load_pack(folder)


def messages(loaded, code):
    return [f"{f.line}:{f.column}: {f.message}" for check in CHECKS for f in check(loaded)
            if f.code == code]


def test_the_default_packs_are_clean():
    for name in ("default", "memo-us"):
        loaded = load_pack(name)
        assert [str(f) for c in CHECKS for f in c(loaded) if f.severity == "error"] == []


def test_unknown_key_with_did_you_mean(tmp_path):
    loaded = pack(tmp_path, text_yaml="section:\n  bluff: Bottom line\n")
    assert messages(loaded, "PK101") == [
        "2:10: 'section.bluff' is not a fragment deckmaker uses, so it changes nothing; "
        "did you mean 'section.bluf'?"]


def test_variable_not_given(tmp_path):
    loaded = pack(tmp_path, text_yaml='memo:\n  footer: "{{ author }} {{ date }}"\n')
    assert messages(loaded, "PK102") == [
        "2:11: memo.footer uses 'author', which deckmaker does not give it; its variables: "
        "short_title, date, marking"]


def test_contrast_on_the_page(tmp_path):
    loaded = pack(tmp_path, pack_yaml='palette: {accent: "#C9A227"}\n')
    assert messages(loaded, "PK104") == [
        "3:19: palette.accent #C9A227 on the page (#FFFFFF) is 2.4:1, under 4.5:1; #896E1B is "
        "the nearest shade that passes",
        "14:78: slide.layouts.content: palette.accent #C9A227 is 2.4:1 on the 'deckmaker "
        "Content' layout's background (#FFFFFF, from the master), under 4.5:1; #896E1B is the "
        "nearest shade that passes"]


def test_confidence_alike_for_deuteranopes(tmp_path):
    red, green = "#D62728", "#8C8C1E"
    assert delta_e(deuteranope_lab(red), deuteranope_lab(green)) < MIN_DELTA_E
    loaded = pack(tmp_path, pack_yaml=f'palette:\n  confidence: {{high: "{green}", '
                                      f'moderate: "{green}", low: "{red}"}}\n')
    found = messages(loaded, "PK105")
    assert len(found) == 2 and found[0].startswith(
        "4:15: palette.confidence: high #8C8C1E and low #D62728 differ, but look alike with "
        "deuteranopia (ΔE")


def test_distinct_confidence_colours_pass(tmp_path):
    loaded = pack(tmp_path, pack_yaml='palette:\n  confidence: {high: "#1B2A41", '
                                      'moderate: "#5B6472", low: "#B0B8C4"}\n')
    assert messages(loaded, "PK105") == []

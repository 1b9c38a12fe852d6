"""LibreOffice's own Impress templates, converted to .pptx: read, mapped, made a pack,
checked. LibreOffice exports a generic Office theme (Arial, Office colours); the
backgrounds are the templates' own."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deckmaker.commands.pack_new import new_pack
from deckmaker.pack import load_pack
from deckmaker.packcheck import CHECKS
from deckmaker.template.mapping import map_layouts
from deckmaker.template.reader import read_template
from tests.template.test_reader import theme_part_colours

pytestmark = pytest.mark.slow
LIBREOFFICE_MAPPING = {"title": "Title Slide", "section": "Title Only",
                       "content": "Title, Content", "two_content": "Title, 2 Content",
                       "closing": "Title Only"}


def _on(masters: dict[str, int]) -> dict[str, str]:
    """LIBREOFFICE_MAPPING with each kind's layout on the master numbered in
    ``masters`` (from 1): LibreOffice writes the same layouts under every master, and
    ``unique_layout_names`` calls the second master's "Title, Content (2)"."""
    return {kind: name if masters.get(kind, 1) == 1 else f"{name} ({masters[kind]})"
            for kind, name in LIBREOFFICE_MAPPING.items()}


# The masters each template's own example slides use: the title slide's for the title,
# the first content slide's for content, and that master for the inner slides.
INNER = ("section", "content", "two_content", "closing")
MAPPINGS = {
    "Beehive": _on(dict.fromkeys(INNER, 2)),
    "Focus": _on(dict.fromkeys(INNER, 3)),
    "Midnightblue": _on({"title": 2}),
    "Portfolio": _on({**dict.fromkeys(INNER, 2), "two_content": 3}),
    "Sunset": LIBREOFFICE_MAPPING,
    "Vivid": _on(dict.fromkeys(INNER, 2)),
}
MASTER_BACKGROUNDS = {"Beehive": "#FFFFFF", "Focus": "#FFFFFF", "Midnightblue": "#FFFFFF",
                      "Portfolio": "#000000", "Sunset": "#813709", "Vivid": "#FFFFFF"}


@pytest.mark.parametrize("name", sorted(MASTER_BACKGROUNDS))
def test_read_and_mapped(libreoffice_templates, name):
    path = libreoffice_templates[name]
    info = read_template(path)
    mapping = map_layouts(info.layouts, info.slide_box)
    assert mapping.names == MAPPINGS[name]
    assert mapping.chosen["section"].how == "fallback"
    assert info.master_background.colour == MASTER_BACKGROUNDS[name]
    expected = theme_part_colours(path)
    assert info.theme.colours["accent1"] == expected["accent1"].upper()
    assert info.theme.body_font == expected["minor"] == "Arial"


@pytest.mark.parametrize("name", sorted(MASTER_BACKGROUNDS))
def test_pack_new_and_check(libreoffice_templates, name, tmp_path):
    target = tmp_path / name.lower()
    result = CliRunner().invoke(new_pack, [str(target), "--from",
                                           str(libreoffice_templates[name])])
    assert result.exit_code == 0, result.output
    pack = load_pack(target)
    assert pack.config.slide.layouts == MAPPINGS[name]
    assert pack.config.slide.width_in == pytest.approx(11.024, abs=0.001)
    findings = [f for check in CHECKS for f in check(pack)]
    codes = sorted({f.code for f in findings if f.severity == "error"})
    # Text on Sunset's brown and Portfolio's black master reads in palette.background
    # (white); the accent is lightened there by the writers, so no error on any.
    assert codes == []
    # Focus's triangles cover half its content layout's body: a warning says so.
    room = [f for f in findings if f.code == "PK108"]
    assert (len(room), room[0].message.split(":")[0] if room else None) == \
        ((1, "slide.layouts.content") if name == "Focus" else (0, None))

"""Template packs: extends chains, sandboxed fragments and located pack errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckmaker.errors import InvalidInput
from deckmaker.pack import BUILTIN_PACKS, load_pack


def _child_pack(tmp_path: Path, pack_yaml: str, text_yaml: str | None = None) -> Path:
    folder = tmp_path / "child"
    folder.mkdir()
    (folder / "pack.yaml").write_text(pack_yaml, "utf-8")
    if text_yaml is not None:
        (folder / "text.yaml").write_text(text_yaml, "utf-8")
    return folder


def test_default_pack_loads_with_fonts_for_every_face(pack):
    assert pack.name == "default"
    for family in (pack.config.fonts.body, pack.config.fonts.heading, pack.config.fonts.deck):
        for face in ("regular", "bold", "italic", "bold_italic"):
            assert pack.file(getattr(family, face)).suffix == ".ttf"
    assert pack.file("fonts/OFL.txt").is_file()


def test_memo_us_extends_default():
    pack = load_pack("memo-us")
    assert pack.config.page.size == "Letter"
    assert pack.config.palette.primary == "#0B2545"
    assert pack.config.slide.max_bullets == 6  # inherited
    assert pack.text("section.key_judgments") == "Key judgments"  # inherited wording
    assert pack.text("section.bluf") == "Bottom line"  # overridden wording
    assert pack.folders == [BUILTIN_PACKS / "memo-us", BUILTIN_PACKS / "default"]


def test_pack_by_folder_path_extends_a_builtin(tmp_path):
    folder = _child_pack(tmp_path, "name: mine\nextends: default\n", "section:\n  bluf: BLUF\n")
    pack = load_pack(folder)
    assert pack.text("section.bluf") == "BLUF"
    assert pack.file("fonts/NotoSans-Regular.ttf").is_relative_to(BUILTIN_PACKS / "default")


@pytest.mark.parametrize("name", ["default", "memo-us"])
def test_plain_fragments_render_as_jinja_renders_them(name):
    """Plain-text fragments skip jinja2: each must give what jinja2 would."""
    from deckmaker.pack import _environment

    pack = load_pack(name)
    plain = {key: f for key, f in pack._fragments.items() if f.template is None}
    assert len(plain) > 10
    for key, fragment in plain.items():
        source = _fragment_source(key, fragment)
        assert pack.text(key, n=1) == \
            _environment(autoescape=False).from_string(source).render(n=1).strip()


def _fragment_source(key, fragment) -> str:
    from deckmaker.yamlsource import read_yaml

    node = read_yaml(Path(fragment.file), what="pack file").data
    for part in key.split("."):
        node = node[part]
    return node


@pytest.mark.parametrize("source", [
    "  Two\r\nlines\rand\nmore  \n", "braces } and { and }} alone", "a {{ '{' }}"])
def test_fragments_with_and_without_syntax_render_like_jinja(tmp_path, source):
    import yaml

    from deckmaker.pack import _environment

    folder = _child_pack(tmp_path, "name: x\nextends: default\n",
                         yaml.safe_dump({"section": {"bluf": source}}))
    expected = _environment(autoescape=False).from_string(source).render().strip()
    assert load_pack(folder).text("section.bluf") == expected


def test_fragments_are_sandboxed(tmp_path):
    folder = _child_pack(tmp_path, "name: evil\nextends: default\n",
                         "section:\n  bluf: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n")
    with pytest.raises(InvalidInput, match="unsafe"):
        load_pack(folder).text("section.bluf")


def test_brief_text_is_data_not_template(pack):
    assert pack.text("implications.for", actor="{{ 7*7 }}") == "For {{ 7*7 }}"


def test_undefined_variable_names_pack_file_and_line(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: default\n",
                         "# comment\nsection:\n  bluf: \"{{ nope }}\"\n")
    with pytest.raises(InvalidInput) as caught:
        load_pack(folder).text("section.bluf")
    assert str(caught.value).endswith(
        "child/text.yaml:3:1: section.bluf: 'nope' is undefined; check the fragment's variables")


def test_syntax_error_names_pack_file_and_line(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: default\n",
                         "section:\n  bluf: \"{% if %}\"\n")
    with pytest.raises(InvalidInput) as caught:
        load_pack(folder)
    assert str(caught.value).endswith(
        "child/text.yaml:2:1: section.bluf: template syntax error: Expected an expression, "
        "got 'end of statement block'; check that every {{ and {% is closed")


def test_bad_setting_names_the_field(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: default\npage:\n  size: A5\n")
    with pytest.raises(InvalidInput) as caught:
        load_pack(folder)
    assert ("child/pack.yaml:4:9: page.size: input should be 'A4' or 'Letter'; compare with "
            "templates/default/pack.yaml") in str(caught.value)


def test_extends_loop_is_reported(tmp_path):
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "pack.yaml").write_text(f"name: {name}\nextends: {parent}\n")
    with pytest.raises(InvalidInput, match="makes a loop"):
        load_pack(tmp_path / "a")


def test_pack_files_stay_inside_the_pack(pack):
    with pytest.raises(InvalidInput, match="outside the pack"):
        pack.file("../../pyproject.toml")


def test_unknown_pack_lists_the_builtins():
    with pytest.raises(InvalidInput, match=r"built-in pack \(default, memo-us\)"):
        load_pack("nope")


def test_a_copied_pack_works_standalone(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(BUILTIN_PACKS / "default", copy)
    assert load_pack(copy).folders == [copy.resolve()]


def test_digest_subject_counts_briefs_in_words(pack):
    subject = "email.digest_subject"
    assert pack.text(subject, marking="", date="1 May 2025", count=1).endswith("(1 brief)")
    assert pack.text(subject, marking="TLP:RED", date="1 May 2025", count=3) == \
        "TLP:RED Briefing digest - 1 May 2025 (3 briefs)"


def test_colours_must_be_hex_and_are_located(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: default\n"
                                   "palette: {primary: navy, chart: ['#12345']}\n")
    with pytest.raises(InvalidInput) as caught:
        load_pack(folder)
    lines = str(caught.value).splitlines()
    assert lines[0].endswith("child/pack.yaml:3:20: palette.primary: 'navy' is not a colour; "
                             "write it as #RRGGBB, e.g. #1B2A41; compare with "
                             "templates/default/pack.yaml")
    assert "child/pack.yaml:3:34: palette.chart[1]: '#12345' is not a colour" in lines[1]


def test_unknown_parent_names_the_extending_pack_file(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: nope\n")
    with pytest.raises(InvalidInput, match=r"child/pack.yaml:2:10: extends: template pack 'nope' "
                                           r"not found"):
        load_pack(folder)


def test_every_missing_file_is_reported_at_load_with_its_line(tmp_path):
    folder = _child_pack(tmp_path, "name: x\nextends: default\n"
                                   "fonts:\n  body: {regular: fonts/nope.ttf}\n"
                                   "slide: {master: deck/none.pptx}\n")
    with pytest.raises(InvalidInput) as caught:
        load_pack(folder)
    assert [line.split("child/")[1] for line in str(caught.value).splitlines()] == [
        "pack.yaml:4:19: fonts.body.regular: the file 'fonts/nope.ttf' is not in the pack or "
        "the packs it extends; add it or correct the path",
        "pack.yaml:5:17: slide.master: the file 'deck/none.pptx' is not in the pack or the "
        "packs it extends; add it or correct the path"]

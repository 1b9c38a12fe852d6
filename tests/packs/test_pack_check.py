"""``deckmaker pack check``: exit 0 for a usable pack, 2 with every located error."""

from __future__ import annotations

from tests.packs.helpers import DEFAULT, child_pack, deckmaker

ROOT_MEMO_US = DEFAULT.parent / "memo-us"


def test_the_built_in_packs_are_clean(tmp_path):
    for folder in (DEFAULT, ROOT_MEMO_US):
        run = deckmaker(tmp_path, "pack", "check", str(folder))
        assert (run.code, run.stderr) == (0, "")
        assert run.stdout.strip() == f"✓ {folder}: the pack '{folder.name}' can be used"


def test_every_error_is_listed_with_exit_2(tmp_path):
    folder = child_pack(tmp_path / "hostile", "fonts:\n  body: {bold: /etc/passwd}\n"
                                              "options: {logo: nope.png}\n")
    run = deckmaker(tmp_path, "pack", "check", str(folder))
    assert run.code == 2
    assert [line.removeprefix("error: ") for line in run.stderr.splitlines()] == [
        "hostile/pack.yaml:4:16: fonts.body.bold '/etc/passwd' is outside the pack and the "
        "packs it extends; use a TrueType (.ttf) file inside the pack",
        "hostile/pack.yaml:5:17: options.logo: the file 'nope.png' is not in the pack or the "
        "packs it extends; add it or correct the path"]


def test_a_template_naming_a_file_outside_is_an_error(tmp_path):
    folder = child_pack(tmp_path / "hostile", files={
        "email/body.txt.j2": b"{% include '/etc/passwd' %}\n{% import 'email/none.j2' as x %}"})
    run = deckmaker(tmp_path, "pack", "check", str(folder))
    assert run.code == 2
    assert [line.removeprefix("error: ") for line in run.stderr.splitlines()] == [
        "hostile/email/body.txt.j2:1:1: PK002 cannot load '/etc/passwd': it is not a name of a "
        "pack file (write a path relative to the pack, without '..')",
        "hostile/email/body.txt.j2:2:1: PK002 cannot load 'email/none.j2': it is not a file of "
        "the pack or the packs it extends"]


def test_a_folder_without_a_pack_is_named(tmp_path):
    run = deckmaker(tmp_path, "pack", "check", str(tmp_path))
    assert run.code == 2
    assert run.stderr.strip() == f"error: {tmp_path}: no pack.yaml here; give the folder of a pack"



def test_warnings_are_not_counted_as_removals_from_the_master(tmp_path):
    from click.testing import CliRunner
    from PIL import Image

    from deckmaker.cli import cli

    pack = tmp_path / "warns"
    (pack / "images").mkdir(parents=True)
    Image.new("RGB", (120, 40), "navy").save(pack / "images" / "logo.png")  # small: PK107
    (pack / "pack.yaml").write_text("name: warns\nextends: default\n"
                                    "options: {logo: images/logo.png}\n", "utf-8")
    result = CliRunner().invoke(cli, ["pack", "check", str(pack)])
    assert result.exit_code == 0, result.output
    assert "PK107" in result.output
    assert result.output.strip().endswith("the pack 'warns' can be used (1 warning)")

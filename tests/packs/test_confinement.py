"""Confinement (deckmaker.packsafety.files, .loader): every file a pack names resolves
inside the pack or its parents (fallback fonts: or a system font folder), is a regular
file under its cap, and is checked before anything opens it; nothing outside is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckmaker.pack import load_pack
from deckmaker.packsafety.files import SYSTEM_FONT_FOLDERS
from tests.packs.helpers import DEFAULT, RENDER_DEADLINE_S, build, child_pack, error_lines

FONT_HINT = "; use a TrueType (.ttf) file inside the pack"
FALLBACK_HINT = ("; a fallback font is a TrueType file in the pack or in "
                 + ", ".join(map(str, SYSTEM_FONT_FOLDERS)))
REGULAR = DEFAULT / "fonts" / "NotoSans-Regular.ttf"


def _body_font(tmp_path: Path, make) -> Path:
    """A pack whose body regular face is fonts/x.ttf, made by ``make(path)``."""
    folder = child_pack(tmp_path / "hostile", "fonts:\n  body: {regular: fonts/x.ttf}\n")
    (folder / "fonts").mkdir()
    make(folder / "fonts" / "x.ttf")
    return folder


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _sparse(size: int):
    def make(path: Path) -> None:
        with path.open("wb") as file:
            file.truncate(size)
    return make


BODY_FONT = {
    "fifo": (_fifo, "is not a regular file (a FIFO, device or socket)"),
    "folder": (lambda p: p.mkdir(), "is a folder, not a file"),
    "symlink to /etc/passwd": (lambda p: p.symlink_to("/etc/passwd"),
                               "is outside the pack and the packs it extends"),
    "symlink out of the pack": (lambda p: p.symlink_to(p.parents[2] / "elsewhere.ttf"),
                                "is outside the pack and the packs it extends"),
    "over 50 MB": (_sparse(51 * 1024 * 1024), "is 51 MB, over the 50 MB cap for it"),
    "truncated": (lambda p: p.write_bytes(REGULAR.read_bytes()[:4096]),
                  "is truncated (its tables end past its 4096 bytes)"),
    "text file": (lambda p: p.write_text("root:x:0:0:root:/root:/bin/bash\n"),
                  "is not a TrueType font (its first bytes are not a font signature)"),
    "opentype cff": (lambda p: p.write_bytes(b"OTTO" + bytes(200)),
                     "is OpenType/CFF (.otf); the pack needs TrueType (.ttf) files"),
    "empty": (lambda p: p.write_bytes(b""), "is truncated (its header is cut short)"),
}


@pytest.mark.parametrize("case", BODY_FONT)
def test_a_hostile_font_is_refused_located(tmp_path, case):
    make, reason = BODY_FONT[case]
    (tmp_path / "elsewhere.ttf").write_bytes(REGULAR.read_bytes())
    run = build(tmp_path, _body_font(tmp_path, make))
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [
        f"hostile/pack.yaml:4:19: fonts.body.regular 'fonts/x.ttf' {reason}{FONT_HINT}"]
    assert "root:" not in run.stderr  # nothing of the file is echoed


def test_a_font_named_by_an_absolute_path_outside_is_refused(tmp_path):
    folder = child_pack(tmp_path / "hostile", "fonts:\n  body: {bold: /etc/passwd}\n")
    run = build(tmp_path, folder)
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == ["hostile/pack.yaml:4:16: fonts.body.bold '/etc/passwd' is "
                                "outside the pack and the packs it extends" + FONT_HINT]


def test_a_child_may_link_into_its_parent(tmp_path):
    folder = _body_font(tmp_path, lambda p: p.symlink_to(REGULAR))
    assert load_pack(folder).file("fonts/x.ttf") == REGULAR


def _fallback(tmp_path: Path, file: str, make=None, subfont: int = 0) -> Path:
    folder = child_pack(tmp_path / "hostile", "fonts:\n  fallback:\n"
                        f"    - {{family: X, file: '{file}', subfont: {subfont}}}\n")
    if make:
        (folder / "fonts").mkdir()
        make(folder / file)
    return folder


FALLBACK = {
    "/etc/passwd": ("/etc/passwd", None, 0,
                    "is outside the pack and the system font folders"),
    "/proc/self/environ": ("/proc/self/environ", None, 0,
                           "is outside the pack and the system font folders"),
    "dot-dot": ("../../../../../../etc/hostname", None, 0,
                "is outside the pack and the system font folders"),
    "fifo in the pack": ("fonts/f.ttf", _fifo, 0,
                         "is not a regular file (a FIFO, device or socket)"),
    "symlink in the pack to /etc": ("fonts/f.ttf", lambda p: p.symlink_to("/etc/hostname"), 0,
                                    "is outside the pack and the system font folders"),
    "subfont of a single font": ("fonts/f.ttf", lambda p: p.symlink_to(REGULAR), 3,
                                 "is a single font, so it has no subfont 3; use 0"),
}


@pytest.mark.parametrize("case", FALLBACK)
def test_a_hostile_fallback_font_is_refused_located(tmp_path, case):
    file, make, subfont, reason = FALLBACK[case]
    run = build(tmp_path, _fallback(tmp_path, file, make, subfont))
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [
        f"hostile/pack.yaml:5:25: fonts.fallback[1].file '{file}' {reason}{FALLBACK_HINT}"]
    assert "root:" not in run.stderr


def test_an_absent_fallback_inside_the_allowed_folders_is_skipped(tmp_path):
    pack = load_pack(_fallback(tmp_path, "fonts/absent.ttf"))
    assert pack.config.fonts.fallback[0].file == str(tmp_path / "hostile" / "fonts/absent.ttf")


def _text_file(tmp_path: Path, name: str, make) -> Path:
    folder = child_pack(tmp_path / "hostile")
    make(folder / name)
    return folder


TEXT = {
    "text.yaml fifo": ("text.yaml", _fifo, "text.yaml is not a regular file (a FIFO, device "
                                           "or socket)"),
    "text.yaml folder": ("text.yaml", lambda p: p.mkdir(), "text.yaml is a folder, not a file"),
    "text.yaml symlink out": ("text.yaml", lambda p: p.symlink_to("/etc/passwd"),
                              "text.yaml is outside the pack folder"),
    "text.yaml over 256 KB": ("text.yaml", lambda p: p.write_text("# x\n" * 70_000),
                              "text.yaml is 273 KB, over the 256 KB cap for it"),
    "text.yaml dangling link": ("text.yaml", lambda p: p.symlink_to("/nonexistent/t.yaml"),
                                "text.yaml is outside the pack folder"),
}


@pytest.mark.parametrize("case", TEXT)
def test_a_hostile_text_file_is_refused_located(tmp_path, case):
    name, make, reason = TEXT[case]
    run = build(tmp_path, _text_file(tmp_path, name, make))
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [f"hostile/{name}:1:1: {reason}; a pack's {name} is a text file "
                                "of at most 256 KB inside its folder"]


def test_a_pack_yaml_linked_outside_is_refused(tmp_path):
    (tmp_path / "outside.yaml").write_text("name: x\nextends: default\n")
    (tmp_path / "hostile").mkdir()
    (tmp_path / "hostile" / "pack.yaml").symlink_to(tmp_path / "outside.yaml")
    run = build(tmp_path, tmp_path / "hostile")
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == ["hostile/pack.yaml:1:1: pack.yaml is outside the pack folder; "
                                "a pack's pack.yaml is a text file of at most 256 KB inside "
                                "its folder"]


def _email_template(tmp_path: Path, source: str | None = None, make=None) -> Path:
    folder = child_pack(tmp_path / "hostile")
    (folder / "email").mkdir()
    target = folder / "email" / "body.txt.j2"
    make(target) if make else target.write_text(source)
    return folder


EMAIL = {
    "include /etc/passwd": ("{% include '/etc/passwd' %}", None,
                            "hostile/email/body.txt.j2:1:1: cannot load '/etc/passwd': it is "
                            "not a name of a pack file (write a path relative to the pack, "
                            "without '..')"),
    "include dot-dot": ("{% include '../../../../etc/passwd' %}", None,
                        "hostile/email/body.txt.j2:1:1: cannot load '../../../../etc/passwd': "
                        "it is not a name of a pack file (write a path relative to the pack, "
                        "without '..')"),
    "import missing": ("{% import 'nope.j2' as x %}", None,
                       "hostile/email/body.txt.j2:1:1: cannot load 'nope.j2': it is not a file "
                       "of the pack or the packs it extends"),
    "extends a computed name": ("{% extends email.title %}", None,
                                "hostile/email/body.txt.j2:1:1: 'deckmaker.writers.email."
                                "content.EmailView object' has no attribute 'title'"),
    "template is a fifo": (None, _fifo,
                           "hostile/pack.yaml: 'email/body.txt.j2' is not a regular file (a "
                           "FIFO, device or socket)"),
    "template links to /etc/passwd": (None, lambda p: p.symlink_to("/etc/passwd"),
                                      "hostile/pack.yaml: 'email/body.txt.j2' is outside the "
                                      "pack folder"),
}


@pytest.mark.parametrize("case", EMAIL)
def test_a_hostile_email_template_is_refused_located(tmp_path, case):
    source, make, message = EMAIL[case]
    run = build(tmp_path, _email_template(tmp_path, source, make), formats="eml",
                deadline=RENDER_DEADLINE_S)  # the memo and deck render before the body
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [message]
    assert "root:" not in run.stderr


def test_an_email_template_may_include_pack_files(tmp_path):
    folder = _email_template(tmp_path, "{% include 'email/part.j2' %} and "
                                       "{% from 'email/part.j2' import x %}{{ x() }}")
    (folder / "email" / "part.j2").write_text("{% macro x() %}macro{% endmacro %}included")
    run = build(tmp_path, folder, formats="eml", deadline=RENDER_DEADLINE_S)
    eml = "russia-north-korea-china.eml"
    assert (run.code, run.written) == (0, [".deckmaker-build.json", eml]), run.stderr
    assert b"included and macro" in (tmp_path / "out" / eml).read_bytes()


def test_the_fingerprint_hashes_only_the_files_the_pack_uses(tmp_path):
    folder = child_pack(tmp_path / "hostile", files={"notes.txt": b"x"})
    with (folder / "huge.bin").open("wb") as file:
        file.truncate(4 << 30)  # sparse: 4 GiB the pack does not name
    os.mkfifo(folder / "pipe")
    files = load_pack(folder).all_files()
    assert folder / "huge.bin" not in files and folder / "pipe" not in files
    assert folder / "notes.txt" not in files
    assert folder.resolve() / "pack.yaml" in files and REGULAR in files
    run = build(tmp_path, folder, formats="pdf", deadline=RENDER_DEADLINE_S)
    assert run.code == 0, run.stderr

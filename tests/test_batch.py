"""Building many briefs: mirrored folders, incremental skips, failures, atomic writes."""

from __future__ import annotations

import email
import gc
import shutil
from dataclasses import replace
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckmaker import formats
from deckmaker.batch import RECORD_NAME
from deckmaker.cli import cli

from .conftest import SAMPLE


def interrupt(_doc, _warn):
    """A renderer that is interrupted, as by Ctrl-C."""
    raise KeyboardInterrupt


def render_text(doc, _warn) -> bytes:
    """The writer of a format that is not one of deckmaker's: the title as text."""
    return f"{doc.title}\n".encode()


def _build(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """briefs/a/brief.yaml, briefs/b/brief.yaml (same name, different folders)."""
    for sub in ("a", "b"):
        (tmp_path / "briefs" / sub).mkdir(parents=True)
        shutil.copy(SAMPLE, tmp_path / "briefs" / sub / "brief.yaml")
    return tmp_path


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file() and p.name != RECORD_NAME}


def test_folders_are_mirrored_so_equal_names_never_collide(tree):
    result = _build(str(tree / "briefs"), "--out", str(tree / "out"), "--format", "pdf", "-j", "2")
    assert result.exit_code == 0, result.output
    assert sorted(_mtimes(tree / "out")) == ["a/brief.pdf", "b/brief.pdf"]
    assert "2 built, 0 up to date, 0 failed." in result.stdout


@pytest.mark.slow  # four builds of two memos: 1.8-2.6 s
def test_unchanged_briefs_are_skipped_and_force_rebuilds(tree):
    out = tree / "out"
    assert _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf").exit_code == 0
    before = _mtimes(out)
    again = _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf")
    assert "0 built, 2 up to date, 0 failed." in again.stdout
    assert _mtimes(out) == before

    brief = tree / "briefs" / "a" / "brief.yaml"
    brief.write_text(brief.read_text("utf-8").replace("TLP:CLEAR", "TLP:GREEN"), "utf-8")
    changed = _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf")
    assert "1 built, 1 up to date, 0 failed." in changed.stdout
    assert _mtimes(out)["b/brief.pdf"] == before["b/brief.pdf"]

    forced = _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf", "--force")
    assert "2 built, 0 up to date, 0 failed." in forced.stdout


def test_a_changed_option_or_deleted_output_rebuilds(tree):
    out = tree / "out"
    _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf")
    (out / "a" / "brief.pdf").unlink()
    assert "1 built, 1 up to date" in _build(str(tree / "briefs"), "--out", str(out),
                                            "--format", "pdf").stdout
    assert "2 built, 0 up to date" in _build(str(tree / "briefs"), "--out", str(out),
                                            "--format", "pdf", "--template", "memo-us").stdout


def test_a_changed_pack_file_rebuilds(tree):
    pack = tree / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: mine\nextends: default\n")
    args = [str(tree / "briefs"), "--out", str(tree / "out"), "--format", "pdf",
            "--template", str(pack)]
    _build(*args)
    (pack / "text.yaml").write_text("section:\n  bluf: Key message\n")
    assert "2 built, 0 up to date" in _build(*args).stdout


def test_one_bad_brief_never_stops_the_others(tree):
    (tree / "briefs" / "bad.yaml").write_text("title: only a title\n")
    result = _build(str(tree / "briefs"), "--out", str(tree / "out"), "--format", "pdf", "-j", "2")
    assert result.exit_code == 2  # invalid input only
    assert "bad.yaml:1:1: bluf: this field is required; add it" in result.stderr
    assert "2 built, 0 up to date, 1 failed." in result.stderr
    assert sorted(_mtimes(tree / "out")) == ["a/brief.pdf", "b/brief.pdf"]


def test_a_render_failure_exits_1(tree):
    out = tree / "out"
    out.mkdir()
    (out / "a").write_text("a file where a folder must go")
    result = _build(str(tree / "briefs"), "--out", str(out), "--format", "pdf")
    assert result.exit_code == 1
    assert "1 built, 0 up to date, 1 failed." in result.stderr
    assert "cannot write the file" in result.stderr


def test_interrupted_write_leaves_previous_file_and_no_temporaries(tree, monkeypatch):
    out = tree / "out"
    brief = tree / "briefs" / "a" / "brief.yaml"
    _build(str(brief), "--out", str(out), "--format", "pdf,pptx")
    previous = {name: (out / name).read_bytes() for name in ("brief.pdf", "brief.pptx")}

    interrupting = replace(formats.named("pptx"), module="tests.test_batch", function="interrupt")
    monkeypatch.setattr(formats, "FORMATS", tuple(interrupting if f.name == "pptx" else f
                                                  for f in formats.FORMATS))
    result = _build(str(brief), "--out", str(out), "--format", "pdf,pptx", "--force", "-j", "1")
    assert result.exit_code == 130
    assert "interrupted; no partial files were left" in result.stderr
    assert {name: (out / name).read_bytes() for name in previous} == previous
    assert sorted(p.name for p in out.iterdir()) == [RECORD_NAME, "brief.pdf", "brief.pptx"]


def test_same_inputs_give_byte_identical_outputs(tree, monkeypatch):
    brief = tree / "briefs" / "a" / "brief.yaml"
    for run in ("one", "two"):
        assert _build(str(brief), "--out", str(tree / run)).exit_code == 0
    for fmt in ("pdf", "pptx", "eml"):
        assert (tree / "one" / f"brief.{fmt}").read_bytes() == \
            (tree / "two" / f"brief.{fmt}").read_bytes(), fmt
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("three", "four"):
        assert _build(str(brief), "--out", str(tree / run), "--format", "pdf,pptx").exit_code == 0
    for fmt in ("pdf", "pptx"):
        assert (tree / "three" / f"brief.{fmt}").read_bytes() == \
            (tree / "four" / f"brief.{fmt}").read_bytes(), fmt


def test_parallel_and_serial_builds_agree(tree):
    _build(str(tree / "briefs"), "--out", str(tree / "serial"), "--format", "pdf", "-j", "1")
    _build(str(tree / "briefs"), "--out", str(tree / "parallel"), "--format", "pdf", "-j", "2")
    for name in ("a/brief.pdf", "b/brief.pdf"):
        assert (tree / "serial" / name).read_bytes() == (tree / "parallel" / name).read_bytes()
    assert gc.get_freeze_count() == 0  # the parent collects as usual after its workers


def test_a_failing_parallel_build_leaves_nothing_frozen(tree, monkeypatch):
    def fail(*_args):
        raise OSError("no processes left")

    monkeypatch.setattr("deckmaker.pool.WorkerPool.run", fail)
    result = _build(str(tree / "briefs"), "--out", str(tree / "out"), "--format", "pdf",
                    "-j", "2")
    assert result.exit_code != 0 and gc.get_freeze_count() == 0


def test_quiet_prints_nothing_on_success(tree):
    result = _build(str(tree / "briefs"), "--out", str(tree / "out"), "--format", "pdf", "-q")
    assert result.exit_code == 0 and result.output == ""


def test_findings_are_warnings_unless_strict(tree):
    brief = tree / "briefs" / "a" / "brief.yaml"
    text = brief.read_text("utf-8")
    assert "is very likely to erode" in text
    brief.write_text(text.replace("is very likely to erode", "is probably going to erode"), "utf-8")
    out = str(tree / "out")
    lenient = _build(str(brief), "--out", out, "--format", "pdf")
    assert lenient.exit_code == 0
    assert "DM102 'probably' is not an ICD 203 likelihood term" in lenient.stderr
    strict = _build(str(brief), "--out", out, "--format", "pdf", "--strict")  # not "up to date"
    assert strict.exit_code == 1
    assert "1 analytic-standards finding(s) with --strict" in strict.stderr


def test_email_size_warning_is_reported_with_the_brief(tree, tmp_path):
    pack = tmp_path / "tiny-limit"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: tiny\nextends: default\n"
                                    "email: {warn_attachment_mb: 0.01, max_attachment_mb: 20}\n")
    args = [str(tree / "briefs" / "a" / "brief.yaml"), "--out", str(tree / "out"),
            "--template", str(pack)]
    result = _build(*args)
    assert result.exit_code == 0
    assert "warning: brief.eml: the attachments total" in result.stderr
    assert _build(*args, "--force", "-q").output == ""  # --quiet prints only failures


def test_a_folder_without_briefs_is_invalid_input(tmp_path):
    (tmp_path / "empty").mkdir()
    result = _build(str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: no briefs found in {tmp_path / 'empty'}; "
                                     "briefs are .yaml or .yml files")


def test_a_process_keeps_only_the_latest_version_of_a_pack(tmp_path):
    from deckmaker import batch

    pack = tmp_path / "edited"
    pack.mkdir()
    config = pack / "pack.yaml"
    config.write_text("name: edited\nextends: default\n")
    first, first_digest = batch._load_pack(str(pack))
    assert batch._load_pack(str(pack)) == (first, first_digest)  # unchanged: the same pack
    config.write_text("name: edited\nextends: default\npalette: {accent: '#224466'}\n")
    second, second_digest = batch._load_pack(str(pack))
    assert second_digest != first_digest and second is not first
    assert batch._loaded_packs[str(pack)] == (second_digest, second)  # the old one let go
    assert batch._pack_for(str(pack), second_digest) is second


def test_a_new_format_is_one_entry_in_the_list_of_formats(tmp_path, monkeypatch):
    """Built, attached to the email, recorded and skipped when up to date, with no other
    change than its entry (the memo and the deck are left out to keep the test quick)."""
    text = formats.OutputFormat("txt", ".txt", "text/plain", "tests.test_batch", "render_text",
                                attached=True)
    monkeypatch.setattr(formats, "FORMATS", (text, formats.named("eml")))
    args = (str(SAMPLE), "--out", str(tmp_path), "--format", "eml,txt", "-j", "1")
    result = _build(*args)
    assert result.exit_code == 0, result.output
    assert [line.split("/")[-1] for line in result.stdout.splitlines()[:2]] == [
        f"{SAMPLE.stem}.txt", f"{SAMPLE.stem}.eml"]
    message = email.message_from_bytes((tmp_path / f"{SAMPLE.stem}.eml").read_bytes(),
                                       policy=policy.default)
    (attached,) = message.iter_attachments()
    assert (attached.get_filename(), attached.get_content_type()) == (f"{SAMPLE.stem}.txt",
                                                                      "text/plain")
    # The file's bytes, exactly (a text attachment without a charset decodes as ASCII).
    assert attached.get_payload(decode=True) == (tmp_path / f"{SAMPLE.stem}.txt").read_bytes()
    assert "0 built, 1 up to date" in _build(*args).stdout
    assert _build(str(SAMPLE), "--format", "pdf").stderr.strip() == (
        "error: --format: unknown format 'pdf'; use one or more of: txt, eml")

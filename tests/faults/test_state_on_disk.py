"""State on disk: a build record, journal or font-cache entry of the wrong shape is
discarded with one warning and rebuilt, never trusted and never fatal; temporary names
stay within the file-name limit, and an output name over it is a located error."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckmaker import batch, cache, outputs
from deckmaker.cli import cli
from deckmaker.synthetic import write_synthetic_brief

DISCARDED = ("; deckmaker discarded it and builds the briefs again (outputs it cannot "
             "recognise as its own are kept)")


def build(*args) -> object:
    return CliRunner().invoke(cli, ["build", *map(str, args)])


@pytest.fixture
def built(tmp_path):
    brief = write_synthetic_brief(tmp_path / "b.yaml", "small", evidence=2, figures=0)
    out = tmp_path / "out"
    assert build(brief, "--out", out, "--format", "pdf").exit_code == 0
    return brief, out


@pytest.mark.parametrize(("content", "why"), [
    ("[]", "it holds a list, not an object of briefs"),
    ("null", "it holds null, not an object of briefs"),
    ('{"briefs": 3}', "the entry 'briefs' is a number, not a brief's entry"),
    ('{"b": {"fingerprint": "x', "is not JSON (truncated or damaged)"),
    ('{"b": {"fingerprint": 7, "outputs": {}}}',
     "the entry 'b' has a fingerprint that is not a sha256"),
    ('{"b": {"fingerprint": null, "outputs": {"pdf": {"sha256": ["a"]}}}}',
     "the pdf output of 'b' is not a file's hashes"),
    ('{"b": {"fingerprint": null, "outputs": {"pdf": [1, "2"]}}}',
     "the pdf output of 'b' is not a size and a time"),
    ('{"b": {"fingerprint": null, "outputs": []}}', "the outputs of 'b' are a list, not an object"),
    ('{"b": {"fingerprint": null, "outputs": {}, "extra": 1}}',
     "the entry 'b' is an object, not a brief's entry"),
], ids=["list", "null", "wrong-type", "truncated", "fingerprint", "deep-type", "old-shape",
        "outputs-list", "extra-key"])
def test_a_record_of_the_wrong_shape_is_discarded_with_one_warning(built, content, why):
    brief, out = built
    record = out / batch.RECORD_NAME
    record.write_text(content)
    before = (out / "b.pdf").read_bytes()
    result = build(brief, "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning:") == 1
    assert f"warning: {record}: {why}{DISCARDED}" in result.stderr.replace("\n", "")
    assert result.stdout.strip().splitlines()[-1] == "1 built, 0 up to date, 0 failed."
    assert (out / "b.pdf").read_bytes() == before and not (out / "b.new.pdf").exists()
    assert batch._record_problem(json.loads(record.read_text())) is None  # written anew
    again = build(brief, "--out", out, "--format", "pdf")
    assert "warning" not in again.stderr and "0 built, 1 up to date" in again.stdout


def test_a_record_that_is_a_fifo_is_not_opened(built):
    brief, out = built
    record = out / batch.RECORD_NAME
    record.unlink()
    os.mkfifo(record)
    result = build(brief, "--out", out, "--format", "pdf")
    assert result.exit_code == 0
    assert f"warning: {record}: is not a regular file" in result.stderr.replace("\n", "")


def test_a_damaged_journal_is_discarded_and_removed(built):
    brief, out = built
    journal = out / batch.JOURNAL_NAME
    journal.mkdir()
    (journal / "x.json").write_text('{"key": "b", "outputs": {"pdf": {"sha256": "no"}}}')
    result = build(brief, "--out", out, "--format", "pdf")
    assert result.exit_code == 0
    assert result.stderr.count("warning:") == 1
    assert "x.json: its pdf output is not lists of hashes; deckmaker discarded it" in (
        result.stderr.replace("\n", ""))
    assert not journal.exists()


def test_an_edited_output_stays_when_the_record_is_discarded(built):
    brief, out = built
    (out / "b.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    (out / batch.RECORD_NAME).write_text("[]")
    result = build(brief, "--out", out, "--format", "pdf")
    assert result.exit_code == 0
    assert (out / "b.pdf").read_bytes() == b"%PDF-1.7 edited by hand"
    assert (out / "b.new.pdf").read_bytes().startswith(b"%PDF")


def test_a_250_character_brief_name_builds(tmp_path):
    brief = write_synthetic_brief(tmp_path / ("n" * 245 + ".yaml"), "small", evidence=2,
                                  figures=0)
    assert len(brief.name) == 250
    out = tmp_path / "out"
    result = build(brief, "--out", out, "--format", "pdf,pptx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [batch.RECORD_NAME, "n" * 245 + ".pdf", "n" * 245 + ".pptx"])


def test_temporary_and_backup_names_fit_the_limit(tmp_path):
    target = tmp_path / ("é" * 125 + ".pptx")  # 255 bytes of UTF-8
    assert len(target.name.encode()) == 255
    with outputs.atomic_path(target) as temporary:
        assert len(temporary.name.encode()) <= outputs.NAME_MAX
        temporary.write_bytes(b"x")
    assert target.read_bytes() == b"x" and len(list(tmp_path.iterdir())) == 1
    backup = outputs.move_aside(target)
    assert len(backup.name.encode()) <= outputs.NAME_MAX and backup.suffix == ".pptx"


def test_an_output_name_over_the_limit_is_a_located_error(tmp_path):
    brief = tmp_path / ("n" * 249 + ".yml")
    shutil.copy(write_synthetic_brief(tmp_path / "s.yaml", "small"), brief)
    out = tmp_path / "out"
    result = build(brief, "--out", out, "--format", "pptx")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[0] == (
        f"error: {brief}: the output name {'n' * 249}.pptx is 254 bytes, and a file name may "
        "have at most 255 (251 leaving room for '.new'); give the brief a shorter file name")
    assert not out.exists() or not list(out.glob("*.pptx"))


FONT = Path(__file__).resolve().parents[2] / "templates" / "default" / "fonts"


def _a_font() -> Path:
    return sorted(FONT.glob("*.ttf"))[0]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    cache._font_tables.cache_clear()
    warnings: list[str] = []
    cache.report_discarded(warnings.append)
    cache._reported.clear()
    yield tmp_path / "cache", warnings
    cache._font_tables.cache_clear()
    cache._warn.clear()


def _entry(folder: Path) -> Path:
    (entry,) = (folder / "fonts").glob("*.json")
    return entry


@pytest.mark.parametrize("poison", ["widths", "glyph-range", "not-finite", "extra-width"])
def test_a_poisoned_font_entry_never_changes_the_measures(fresh_cache, poison):
    folder, warnings = fresh_cache
    font = _a_font()
    honest = cache.font_tables(font)
    entry = _entry(folder)
    stored = json.loads(entry.read_text())
    data = cache.FontTables(*cache.FontTables.from_json(stored["data"]).__dict__.values())
    widths, glyphs = dict(data.char_widths), dict(data.char_to_glyph)
    first = next(iter(glyphs))
    if poison == "widths":
        widths = {code: -5.0 for code in widths}
    elif poison == "glyph-range":
        glyphs[first] = 70000
    elif poison == "not-finite":
        widths[first] = float("inf")
    else:
        widths[0x10FFFF] = 500.0
    stored["data"] = cache.FontTables(glyphs, widths, data.default_width).to_json()
    entry.write_text(json.dumps(stored).replace("Infinity", "Infinity"))
    cache._font_tables.cache_clear()
    assert cache.font_tables(font) == honest
    assert warnings == [f"{entry}: its tables are not a font's (wrong types or values); "
                        "deckmaker discarded this cache entry and measures the font again"]


def test_a_changed_font_file_under_the_same_name_and_time_is_measured_again(fresh_cache,
                                                                          tmp_path):
    fonts = sorted(FONT.glob("*.ttf"))
    face = tmp_path / "Face.ttf"
    face.write_bytes(fonts[0].read_bytes())
    first = cache.font_tables(face)
    stamp = face.stat().st_mtime_ns
    face.write_bytes(fonts[-1].read_bytes())
    os.utime(face, ns=(stamp, stamp))  # the same time: only the bytes tell
    cache._font_tables.cache_clear()
    assert cache.font_tables(face) == cache.font_tables(fonts[-1]) != first


def test_a_font_entry_writable_by_others_is_not_trusted(fresh_cache):
    folder, warnings = fresh_cache
    font = _a_font()
    honest = cache.font_tables(font)
    entry = _entry(folder)
    entry.chmod(0o666)
    cache._font_tables.cache_clear()
    assert cache.font_tables(font) == honest
    assert warnings == [f"{entry}: the file is owned or writable by another user; deckmaker "
                        "discarded this cache entry and measures the font again"]
    assert oct(_entry(folder).stat().st_mode & 0o777) == "0o644"  # written anew, by us

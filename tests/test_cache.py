"""deckmaker's on-disk cache of font character tables: where it lives, that what it
gives back equals a fresh parse, and that bad or unwritable entries change nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from deckmaker import cache
from deckmaker.cache import FontTables, cache_dir, font_tables

ROOT = Path(__file__).resolve().parents[1]
FONTS = sorted((ROOT / "templates" / "default" / "fonts").glob("*.ttf"))
CJK_COLLECTION = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # 1024 units per em


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder, and no tables remembered in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DECKMAKER_CACHE_DIR", str(folder))
    cache._font_tables.cache_clear()
    yield folder
    cache._font_tables.cache_clear()


def parsed(path: Path, subfont: int = 0) -> FontTables:
    return FontTables.of(TTFontFile(str(path), charInfo=1, subfontIndex=subfont))


def from_disk(path: Path, subfont: int = 0) -> FontTables:
    """The tables as the next process gets them: read back from the cache entry."""
    cache._font_tables.cache_clear()
    return font_tables(path, subfont)


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "fonts").glob("*.json"))


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKMAKER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DECKMAKER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "deckmaker"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "deckmaker"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not a usable location: no cache
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    assert from_disk(FONTS[0]) == parsed(FONTS[0])
    assert not (tmp_path / "relative").exists()
    cache._font_tables.cache_clear()


def test_the_suite_never_writes_to_the_real_cache():
    assert Path(os.environ["DECKMAKER_CACHE_DIR"]) != Path.home() / ".cache" / "deckmaker"


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.stem)
def test_tables_read_from_the_cache_equal_freshly_parsed_ones(fresh_cache, path):
    first = font_tables(path)
    assert len(entries(fresh_cache)) == 1
    again = from_disk(path)
    assert again is not first
    assert again == first == parsed(path)
    fresh = TTFontFile(str(path), charInfo=1)
    for ours, name in ((again.char_to_glyph, "charToGlyph"), (again.char_widths, "charWidths"),
                       (again.default_width, "defaultWidth")):
        assert ours == getattr(fresh, name)
        assert [type(v) for v in _flat(ours)] == [type(v) for v in _flat(getattr(fresh, name))]


def _flat(value) -> list:
    """Every number in a table, in order (types matter: reportlab writes 500 and 500.0
    differently)."""
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _flat(item)]
    return [value]


@pytest.mark.skipif(not CJK_COLLECTION.exists(), reason="no CJK font collection here")
def test_a_collection_with_scaled_widths_round_trips(fresh_cache):
    """Fonts not at 1000 units per em have float widths: kept exactly."""
    first = font_tables(CJK_COLLECTION, 0)
    again = from_disk(CJK_COLLECTION, 0)
    assert again == first
    assert {type(w) for w in again.char_widths.values()} == {float}


def test_a_cached_entry_is_used_without_parsing(fresh_cache, monkeypatch):
    expected = font_tables(FONTS[0])
    cache._font_tables.cache_clear()
    monkeypatch.setattr(TTFontFile, "__init__", _no_parsing)
    assert font_tables(FONTS[0]) == expected


def _no_parsing(*args, **kwargs):
    raise AssertionError("parsed although the cache has the tables")


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # cut short
    lambda text: "\0garbage",
    lambda text: json.dumps([1, 2, 3]),
    lambda text: text.replace('"cmap_glyphs":{"i":"', '"cmap_glyphs":{"i":"' + "00" * 12),
    lambda text: text.replace('"cmap_codes":{"i":', '"cmap_codes":{"x":'),  # array type
    lambda text: text.replace('"cmap_glyphs":{"i":', '"cmap_glyphs":{"d":'),  # bytes
    lambda text: re.sub(r'"default_width":\{[^}]*\}', '"default_width":["a"]', text),
    lambda text: text.replace('"sha256":"', '"sha256":"0'),  # another file's entry
], ids=["cut", "garbage", "not-an-entry", "lengths", "array-type", "bytes", "types", "key"])
def test_a_damaged_entry_is_ignored_and_replaced(fresh_cache, damage):
    font_tables(FONTS[0])
    (entry,) = entries(fresh_cache)
    damaged = damage(entry.read_text("utf-8"))
    assert damaged != entry.read_text("utf-8")
    entry.write_text(damaged, "utf-8")
    assert from_disk(FONTS[0]) == parsed(FONTS[0])
    assert entry.read_text("utf-8") != damaged  # written again, whole


def test_an_unwritable_cache_folder_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DECKMAKER_CACHE_DIR", str(blocker))
    cache._font_tables.cache_clear()
    assert font_tables(FONTS[0]) == parsed(FONTS[0])
    assert blocker.read_text() == "not a folder"
    cache._font_tables.cache_clear()


def test_an_edited_font_file_gets_a_new_entry(fresh_cache, tmp_path):
    face = tmp_path / "Face.ttf"
    face.write_bytes(FONTS[0].read_bytes())
    assert from_disk(face) == parsed(FONTS[0])
    face.write_bytes(FONTS[-1].read_bytes())
    os.utime(face, ns=(1, os.stat(face).st_mtime_ns + 10**9))
    assert from_disk(face) == parsed(FONTS[-1])
    assert len(entries(fresh_cache)) == 2


def test_entries_are_json_data(fresh_cache):
    font_tables(FONTS[0])
    (entry,) = entries(fresh_cache)
    stored = json.loads(entry.read_text("utf-8"))
    assert stored["key"]["sha256"] == hashlib.sha256(FONTS[0].read_bytes()).hexdigest()
    assert FontTables.from_json(stored["data"]) == parsed(FONTS[0])


@pytest.mark.slow
def test_outputs_are_byte_identical_with_and_without_the_cache(tmp_path):
    """Built by fresh processes: without a usable cache (parsing), filling it, reading it."""
    blocker = tmp_path / "no-cache"
    blocker.write_text("")
    runs = {"parsed": blocker, "filling": tmp_path / "cache", "cached": tmp_path / "cache"}
    for name, folder in runs.items():
        subprocess.run([sys.executable, "-m", "deckmaker", "build", str(ROOT / "briefs" /
                        "russia-north-korea-china.yaml"), "--out", str(tmp_path / name),
                        "--force", "-q"], check=True, cwd=tmp_path,
                       env={**os.environ, "DECKMAKER_CACHE_DIR": str(folder)})
    assert entries(tmp_path / "cache")
    for fmt in ("pdf", "pptx", "eml"):
        outputs = {(tmp_path / name / f"russia-north-korea-china.{fmt}").read_bytes()
                   for name in runs}
        assert len(outputs) == 1, fmt

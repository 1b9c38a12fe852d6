"""deckmaker's on-disk cache: data a fresh process would otherwise recompute, kept
between runs. Today that is the character tables of TrueType fonts (cmap and advance
widths) that the deck measures its text with (``deckmaker.textfit``), which a fresh
process takes 5-15 ms per face to parse in Python, and over 100 ms for a large CJK
font; read back from the cache, 1-3 ms. (The memo registers its fonts with reportlab,
which parses each file itself.)

The cache lives in ``$DECKMAKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/deckmaker``, else
``~/.cache/deckmaker``, and is safe to delete at any time. Entries are JSON, never
pickle or marshal: the folder may be writable by someone else, so an entry is only
ever data, checked before use. An entry is keyed by the sha256 of the font file's
bytes (never its path or time, which another file can share), and read only when it
is a regular file owned by this user and writable by no one else; its data are
checked for shape, types and ranges. An entry that fails any check is discarded (one
warning through the ``report_discarded`` callback) and the value computed as without a
cache; a missing entry, or a folder that cannot be written, is skipped silently.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from deckmaker.outputs import atomic_path

CACHE_DIR_ENV = "DECKMAKER_CACHE_DIR"
# Bump when what an entry holds or means changes: older entries are then never read.
FORMAT_VERSION = 4
# Larger entries are not read: a large CJK font's tables take about 3 MB.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path | None:
    """The folder of deckmaker's cache (it may not exist yet); None when there is no
    home folder to put it in."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path("~/.cache").expanduser())
    return base / "deckmaker" if base.is_absolute() else None


def _entry_path(kind: str, name: str, key: dict[str, Any]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
    return folder / kind / f"{name}-{digest}.json"


_warn: list[Callable[[str], None]] = []  # where a discarded entry is reported, if anywhere
_reported: set[Path] = set()


def report_discarded(warn: Callable[[str], None]) -> None:
    """Send the warning about each discarded entry (once per entry) to ``warn``."""
    _warn[:] = [warn]


def discard(path: Path, why: str) -> None:
    """Tell of an entry that is not used (once), and remove it so it is written anew."""
    if path not in _reported:
        _reported.add(path)
        for warn in _warn:
            warn(f"{path}: {why}; deckmaker discarded this cache entry and measures the font "
                 "again")
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def read_entry(kind: str, name: str, key: dict[str, Any]) -> tuple[Any, Path] | None:
    """The data stored under ``key`` and the entry's file, or None when there is no
    usable entry for it (one that is there but unusable is discarded)."""
    path = _entry_path(kind, name, key)
    if path is None:
        return None
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            if (hasattr(os, "getuid") and info.st_uid != os.getuid()) \
                    or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                discard(path, "the file is owned or writable by another user")
                return None
            raw = file.read(_MAX_ENTRY_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        discard(path, f"it cannot be read ({exc.strerror})")
        return None
    try:
        entry = json.loads(raw) if len(raw) <= _MAX_ENTRY_BYTES else None
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        entry = None
    if not isinstance(entry, dict) or set(entry) != {"key", "data"} or entry["key"] != key:
        discard(path, "it is not an entry for this font file (damaged, or another's)")
        return None
    return entry["data"], path


def write_entry(kind: str, name: str, key: dict[str, Any], data: Any) -> None:
    """Store ``data`` under ``key`` atomically; do nothing if the folder is not writable."""
    path = _entry_path(kind, name, key)
    if path is None:
        return
    try:
        with atomic_path(path) as temporary:
            temporary.write_text(json.dumps({"key": key, "data": data}, separators=(",", ":")),
                                 "utf-8")
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower


@dataclass(frozen=True)
class FontTables:
    """The character tables of a TrueType face as reportlab's ``TTFontFile`` (with
    ``charInfo=1``) reads them: its cmap (character to glyph), each character's advance
    width in thousandths of an em, and the width of a character it lacks."""

    char_to_glyph: dict[int, int]
    char_widths: dict[int, float]
    default_width: float

    @classmethod
    def of(cls, face) -> FontTables:
        """The tables of a ``TTFontFile`` parsed with ``charInfo=1``."""
        return cls(dict(face.charToGlyph), dict(face.charWidths), face.defaultWidth)

    def to_json(self) -> dict[str, Any]:
        """The tables as JSON data: dictionaries as parallel arrays of their keys and
        values, each array packed by ``_pack``."""
        arrays = {
            "cmap_codes": list(self.char_to_glyph),
            "cmap_glyphs": list(self.char_to_glyph.values()),
            "width_codes": list(self.char_widths), "widths": list(self.char_widths.values()),
            "default_width": [self.default_width]}
        return {name: _pack(values) for name, values in arrays.items()}

    @classmethod
    def from_json(cls, data: Any) -> FontTables | None:
        """The tables in ``data`` (as ``to_json`` wrote them), or None if it is malformed."""
        try:
            if not isinstance(data, dict) or set(data) != set(_FONT_ARRAYS):
                return None
            arrays = {name: _unpack(data[name]) for name in _FONT_ARRAYS}
            (default_width,) = arrays["default_width"]
            tables = cls(dict(zip(arrays["cmap_codes"], arrays["cmap_glyphs"], strict=True)),
                         dict(zip(arrays["width_codes"], arrays["widths"], strict=True)),
                         default_width)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None
        return tables if tables.plausible() else None

    def plausible(self) -> bool:
        """Whether every value is of a real face: characters are code points, glyphs
        16-bit numbers, widths finite and within 0-100 em; every width's character is
        in the cmap. (A damaged entry that passes the JSON checks fails these.)"""
        return (all(type(c) is int and 0 <= c <= 0x10FFFF and type(g) is int
                    and 0 <= g <= 0xFFFF for c, g in self.char_to_glyph.items())
                and self.char_widths.keys() <= self.char_to_glyph.keys()
                and all(_a_width(w) for w in (*self.char_widths.values(), self.default_width)))


_FONT_ARRAYS = ("cmap_codes", "cmap_glyphs", "width_codes", "widths", "default_width")


def _a_width(value: object) -> bool:
    """Whether ``value`` is a width in thousandths of an em a face can have."""
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= 100_000


def _pack(values: list) -> dict[str, str] | list:
    """``values`` as JSON: all ints (32 or 64 bits) or all floats as the hex of a machine
    array, several times quicker to read back than a JSON list (or base64); a list of
    mixed ints and floats as it is (their types differ in what reportlab writes)."""
    kinds = set(map(type, values))
    codes = {frozenset({int}): ("i", "q"), frozenset({float}): ("d",)}.get(frozenset(kinds), ())
    for code in codes:  # the smallest array that holds the values
        try:
            return {code: array(code, values).tobytes().hex()}
        except OverflowError:
            continue
    return values


def _unpack(packed: Any) -> list:
    """The list ``_pack`` packed; ValueError when it is not such a value."""
    if isinstance(packed, list):
        if not set(map(type, packed)) <= {int, float}:
            raise ValueError("not numbers")
        return packed
    ((code, text),) = packed.items()
    if code not in ("i", "q", "d"):
        raise ValueError("unknown array type")
    return array(code, bytes.fromhex(text)).tolist()


def font_tables(path: Path, subfont: int = 0) -> FontTables:
    """The character tables of the face ``subfont`` of the font file ``path``: from this
    process's memory, else the disk cache, else parsed (and cached). Raises reportlab's
    TTFError or OSError as parsing would."""
    path = Path(path).resolve()
    info = path.stat()
    return _font_tables(path, subfont, info.st_size, info.st_mtime_ns, info.st_ino,
                        info.st_ctime_ns)


@lru_cache(maxsize=32)
def _font_tables(path: Path, subfont: int, size: int, mtime_ns: int, inode: int,
                 ctime_ns: int) -> FontTables:
    """The tables of one version of a file (the arguments after ``subfont`` tell
    versions apart in this process; the disk cache goes by the file's bytes)."""
    from reportlab import Version

    with path.open("rb") as file:
        content = hashlib.file_digest(file, "sha256").hexdigest()
    key = {"sha256": content, "subfont": subfont, "reportlab": Version,
           "format": FORMAT_VERSION,
           "machine": [sys.byteorder, array("i").itemsize]}  # the arrays' byte layout
    name = f"{path.stem}-{subfont}"
    found = read_entry("fonts", name, key)
    tables = FontTables.from_json(found[0]) if found else None
    if found and tables is None:
        discard(found[1], "its tables are not a font's (wrong types or values)")
    if tables is None:
        from reportlab.pdfbase.ttfonts import TTFontFile

        tables = FontTables.of(TTFontFile(str(path), charInfo=1, subfontIndex=subfont))
        write_entry("fonts", name, key, tables.to_json())
    return tables

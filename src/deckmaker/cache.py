"""deckmaker's on-disk cache: data a fresh process would otherwise recompute, kept
between runs. Today that is the character tables of TrueType fonts (cmap and advance
widths) that the deck measures its text with (``deckmaker.textfit``), which a fresh
process takes 5-15 ms per face to parse in Python, and over 100 ms for a large CJK
font; read back from the cache, 1-3 ms. (The memo registers its fonts with reportlab,
which parses each file itself.)

The cache lives in ``$DECKMAKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/deckmaker``, else
``~/.cache/deckmaker``, and is safe to delete at any time. Entries are JSON, never
pickle or marshal: the folder may be writable by someone else, so an entry is only
ever data, checked before use. An entry that is missing, unreadable or malformed is
ignored and the value computed as without a cache; a folder that cannot be written
is skipped silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from deckmaker.outputs import atomic_path

CACHE_DIR_ENV = "DECKMAKER_CACHE_DIR"
# Bump when what an entry holds or means changes: older entries are then never read.
FORMAT_VERSION = 3
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


def read_entry(kind: str, name: str, key: dict[str, Any]) -> Any | None:
    """The data stored under ``key``, or None when there is no readable entry for it."""
    path = _entry_path(kind, name, key)
    if path is None:
        return None
    try:
        with path.open("rb") as file:
            raw = file.read(_MAX_ENTRY_BYTES + 1)
        entry = json.loads(raw) if len(raw) <= _MAX_ENTRY_BYTES else None
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None  # another file's entry, or not one of ours
    return entry.get("data")


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
            arrays = {name: _unpack(data[name]) for name in _FONT_ARRAYS}
            (default_width,) = arrays["default_width"]
            return cls(dict(zip(arrays["cmap_codes"], arrays["cmap_glyphs"], strict=True)),
                       dict(zip(arrays["width_codes"], arrays["widths"], strict=True)),
                       default_width)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


_FONT_ARRAYS = ("cmap_codes", "cmap_glyphs", "width_codes", "widths", "default_width")


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
    stat = path.stat()
    return _font_tables(path, subfont, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _font_tables(path: Path, subfont: int, size: int, mtime_ns: int) -> FontTables:
    from reportlab import Version

    key = {"path": str(path), "size": size, "mtime_ns": mtime_ns, "subfont": subfont,
           "reportlab": Version, "format": FORMAT_VERSION,
           "machine": [sys.byteorder, array("i").itemsize]}  # the arrays' byte layout
    name = f"{path.stem}-{subfont}"
    tables = FontTables.from_json(read_entry("fonts", name, key))
    if tables is None:
        from reportlab.pdfbase.ttfonts import TTFontFile

        tables = FontTables.of(TTFontFile(str(path), charInfo=1, subfontIndex=subfont))
        write_entry("fonts", name, key, tables.to_json())
    return tables

"""A first look at a font file before reportlab parses it: a TrueType font or
collection whose table directory lies within the file, read from the header alone
(a truncated font is refused here, located, instead of failing inside a renderer)."""

from __future__ import annotations

import struct
from typing import BinaryIO

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_MAX_TABLES = 256


class FontRefused(Exception):
    """The font may not be used; ``str()`` says why, without its content."""


def _read(file: BinaryIO, offset: int, length: int, what: str) -> bytes:
    file.seek(offset)
    data = file.read(length)
    if len(data) < length:
        raise FontRefused(f"is truncated ({what} is cut short)")
    return data


def _check_tables(file: BinaryIO, offset: int, size: int) -> None:
    header = _read(file, offset, 12, "its header")
    if header[:4] == b"OTTO":
        raise FontRefused("is OpenType/CFF (.otf); the pack needs TrueType (.ttf) files")
    if header[:4] not in _TRUETYPE:
        raise FontRefused("is not a TrueType font (its first bytes are not a font signature)")
    (count,) = struct.unpack_from(">H", header, 4)
    if not 0 < count <= _MAX_TABLES:
        raise FontRefused(f"is not a TrueType font ({count} tables)")
    directory = _read(file, offset + 12, 16 * count, "its table directory")
    for index in range(count):
        table_offset, length = struct.unpack_from(">II", directory, 16 * index + 8)
        if table_offset + length > size:
            raise FontRefused(f"is truncated (its tables end past its {size} bytes)")


def check_font(file: BinaryIO, size: int, subfont: int = 0) -> None:
    """Raise FontRefused unless ``file`` (``size`` bytes) is a whole TrueType font, or a
    collection holding font ``subfont``."""
    head = _read(file, 0, 4, "its header")
    if head == b"ttcf":
        (fonts,) = struct.unpack(">I", _read(file, 8, 4, "its header"))
        if not 0 <= subfont < fonts or fonts > _MAX_TABLES:
            raise FontRefused(f"has no font {subfont} (the collection holds {fonts})")
        (offset,) = struct.unpack(">I", _read(file, 12 + 4 * subfont, 4, "its font list"))
        _check_tables(file, offset, size)
        return
    if subfont != 0:
        raise FontRefused(f"is a single font, so it has no subfont {subfont}; use 0")
    _check_tables(file, 0, size)

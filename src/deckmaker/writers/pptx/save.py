"""A deterministic save of a python-pptx ``Presentation`` (scanny/python-pptx#702: zip
entries get the time of the save, so two saves of one deck differ).

python-pptx saves the package in a stable order (content types, package
relationships, then each part depth first along the relationships); the archive is
rewritten here in that order with every entry dated ``date_time``, deflated and given
fixed permissions, so the same deck gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

ZIP_YEARS = (1980, 2107)  # what a zip entry's DOS date can hold
MODE = 0o644 << 16  # rw-r--r--, as zipfile gives a file written with writestr
LEVEL = 6


def zip_time(stamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``stamp`` as a zip entry's date and time (seconds dropped: DOS keeps even seconds
    only), its year clamped to what a zip can hold."""
    year = min(max(stamp.year, ZIP_YEARS[0]), ZIP_YEARS[1])
    return (year, stamp.month, stamp.day, stamp.hour, stamp.minute, 0)


def deflated_zip(entries: Iterable[tuple[str, bytes]],
                 date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of the (name, bytes) ``entries`` in order, each deflated, dated
    ``date_time`` and readable by all."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = MODE
            target.writestr(info, data, compresslevel=LEVEL)
    return out.getvalue()


def rezip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip archive ``data`` with its entries in the same order, each deflated and
    dated ``date_time``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return deflated_zip(((entry.filename, source.read(entry))
                             for entry in source.infolist()), date_time)


def save(prs, stamp: dt.datetime) -> bytes:
    """``prs`` (a python-pptx ``Presentation``) as .pptx bytes with every zip entry
    dated ``stamp``."""
    saved = io.BytesIO()
    prs.save(saved)
    return rezip(saved.getvalue(), zip_time(stamp))

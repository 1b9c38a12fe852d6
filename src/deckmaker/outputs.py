"""Writing output files atomically and reproducibly."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deckmaker.errors import RenderError


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds.

    An interrupted or failed write leaves the previous file (or none), never a
    truncated one, and no temporary file behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    try:
        with atomic_path(target) as temporary:
            temporary.write_bytes(data)
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the file ({exc.strerror}); "
                          "check the folder exists and is writable") from None


def build_timestamp(date: dt.date) -> dt.datetime:
    """The timestamp stamped into outputs: SOURCE_DATE_EPOCH if set, else the brief's date.

    Using no clock keeps outputs byte-identical for the same inputs.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(date.year, date.month, date.day, 12, 0, tzinfo=dt.UTC)

"""Writing output files atomically and reproducibly, and never over a file the user edited."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deckmaker.errors import InvalidInput, RenderError


# Most file systems limit a file name to 255 bytes (NAME_MAX), whatever the path's length.
NAME_MAX = 255
# A temporary file is ``.<start of the target's name>.<pid>.<random>.deckmaker-tmp``: the
# pid of the process writing it lets a build remove those its interrupted workers left.
TEMP_SUFFIX = ".deckmaker-tmp"
_TEMP_NAME = re.compile(r"\..*\.(\d+)\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
_TEMP_ROOM = 40  # the dots, a pid, mkstemp's 8 random characters and TEMP_SUFFIX


def shortened(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    return name.encode("utf-8")[:limit].decode("utf-8", "ignore")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds.

    An interrupted or failed write leaves the previous file (or none), never a
    truncated one, and no temporary file behind. The temporary name starts with as much
    of the target's name as fits, so a name near the file-name limit still works.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    start = shortened(target.name, NAME_MAX - _TEMP_ROOM)
    fd, name = tempfile.mkstemp(prefix=f".{start}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_temporaries(folders: Iterable[Path], pids: Iterable[int] | None = None) -> int:
    """Remove the temporary files in ``folders`` (not their sub-folders) written by one of
    ``pids`` (processes killed mid-write), or by none still running when ``pids`` is None.
    Returns how many were removed."""
    wanted = None if pids is None else set(pids)
    removed = 0
    for folder in set(folders):
        for path in folder.glob(f".*{TEMP_SUFFIX}") if folder.is_dir() else ():
            match = _TEMP_NAME.fullmatch(path.name)
            if not match:
                continue
            pid = int(match.group(1))
            if (pid in wanted) if wanted is not None else not _running(pid):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (a zombie counts as gone)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    try:
        with atomic_path(target) as temporary:
            temporary.write_bytes(data)
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the file ({exc.strerror}); "
                          "check the folder exists and is writable") from None


# The last second a zip entry's date can hold (2107-12-31 23:59:59 UTC).
LAST_EPOCH = 4354819199


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as a number of seconds, None when unset or empty; refused (the
    variable named) when it is not a whole number from 0 to ``LAST_EPOCH``."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > LAST_EPOCH:
        raise InvalidInput(f"SOURCE_DATE_EPOCH: '{text[:40]}' is not a whole number of seconds "
                           f"since 1970 up to {LAST_EPOCH} (the end of 2107); unset it or give "
                           "one such as 1700000000")
    return int(text)


def build_timestamp(date: dt.date) -> dt.datetime:
    """The timestamp stamped into outputs: SOURCE_DATE_EPOCH if set, else the brief's date.

    Using no clock keeps outputs byte-identical for the same inputs.
    """
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return dt.datetime(date.year, date.month, date.day, 12, 0, tzinfo=dt.UTC)


# --- Never lose an edit ---------------------------------------------------------------
#
# Before an output is written, the file already at its name is compared with the hashes
# the build record holds for it. A file deckmaker wrote (or one byte-identical to the new
# build) is replaced; any other file is the user's: it is kept, and the new build goes
# beside it as ``<stem>.new<suffix>``, unless --overwrite-edited, which first moves it to
# a timestamped backup.

ABSENT, OURS, SAME, EDITED, FOREIGN = "absent", "ours", "same", "edited", "foreign"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file at ``path``, or None when there is no readable file."""
    try:
        return sha256_of(path.read_bytes())
    except OSError:
        return None


def beside(target: Path) -> Path:
    """Where a new build goes when ``target`` is kept: ``out/x.pptx`` -> ``out/x.new.pptx``."""
    return target.with_name(f"{target.stem}.new{target.suffix}")


def backup_path(target: Path, when: dt.datetime | None = None, number: int = 1) -> Path:
    """``out/x.pptx`` -> ``out/x.edited-20250210T120000Z.pptx`` (UTC, so names sort by
    time), ``-2``, ``-3``... after it when two backups fall in the same second."""
    when = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    tail = "" if number == 1 else f"-{number}"
    mark = f".edited-{when:%Y%m%dT%H%M%SZ}{tail}{target.suffix}"
    return target.with_name(shortened(target.stem, NAME_MAX - len(mark.encode())) + mark)


def move_aside(target: Path, when: dt.datetime | None = None) -> Path:
    """Copy the file at ``target`` to a new, unused backup name beside it (an exclusive
    create, so no backup is ever overwritten) and return that name.

    A copy, not a link or a rename: the file stays at ``target`` until the new build
    replaces it atomically, so an interruption leaves the edited file in place (at worst
    a partial backup beside it), and the backup shares nothing with what comes later."""
    when = when or dt.datetime.now(dt.UTC)
    number = 1
    while True:
        backup = backup_path(target, when, number)
        try:
            with open(target, "rb") as source, open(backup, "xb") as copy:
                shutil.copyfileobj(source, copy)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            raise RenderError(f"{target}: cannot keep a backup of the edited file "
                              f"({exc.strerror}); nothing was replaced") from None
        shutil.copystat(target, backup)
        return backup


@dataclass(frozen=True)
class Placement:
    """Where the new build of one output goes, decided from the file at ``target``."""

    target: Path  # the output's own name, out/x.pptx
    state: str  # ABSENT, OURS, SAME (identical to the new build), EDITED or FOREIGN
    overwrite: bool  # --overwrite-edited: replace an EDITED or FOREIGN file after a backup
    on_disk: bytes | None = None  # the file at ``target`` when there is one
    ours: frozenset[str] = frozenset()  # the hashes of the files deckmaker wrote there

    @property
    def kept(self) -> bool:
        """Whether the file at ``target`` stays and the new build goes beside it."""
        return self.state in (EDITED, FOREIGN) and not self.overwrite

    @property
    def path(self) -> Path:
        """The file the new build is written to."""
        return beside(self.target) if self.kept else self.target

    def attached(self, data: bytes) -> bytes:
        """What an email attaches under the output's name: the file on disk when kept."""
        return self.on_disk if self.kept and self.on_disk is not None else data

    def reason(self) -> str:
        return kept_reason(self.state)


def kept_reason(state: str) -> str:
    """Why a file was kept (or replaced only with --overwrite-edited), for messages."""
    return ("edited since deckmaker wrote it" if state == EDITED
            else "already there and not in deckmaker's build record")


def plan_write(target: Path, data: bytes, ours: Iterable[str], *, recorded: bool,
               overwrite: bool = False) -> Placement:
    """How to write ``data`` for ``target``, given the hashes of the files deckmaker wrote
    there (``ours``) and whether the build record has an entry for that file at all."""
    ours = frozenset(ours)
    try:
        on_disk = target.read_bytes()
    except FileNotFoundError:
        return Placement(target, ABSENT, overwrite, None, ours)
    except OSError:
        on_disk = None  # unreadable (a folder, no permission): never ours to replace
    if on_disk == data:
        return Placement(target, SAME, overwrite, on_disk, ours)
    if on_disk is not None and sha256_of(on_disk) in ours:
        return Placement(target, OURS, overwrite, on_disk, ours)
    return Placement(target, EDITED if recorded else FOREIGN, overwrite, on_disk, ours)


def write_placed(placement: Placement, data: bytes) -> Path | None:
    """Write ``data`` where ``placement`` says, atomically; the edited file is moved to a
    backup first when it is replaced. Returns the backup, if one was made."""
    backup = None
    if placement.state in (EDITED, FOREIGN) and placement.overwrite:
        backup = move_aside(placement.target)
    if placement.kept and _edited_or_foreign(placement.path, data, placement.ours):
        backup = move_aside(placement.path)  # a .new file the user edited too: kept aside
    if placement.state != SAME:
        write_bytes_atomically(placement.path, data)
    return backup


def _edited_or_foreign(path: Path, data: bytes, ours: frozenset[str]) -> bool:
    """Whether a file is at ``path`` that deckmaker did not write there (nor ``data``)."""
    if not path.is_file():  # nothing there (or no file to keep: writing will say why)
        return False
    try:
        on_disk = path.read_bytes()
    except OSError:
        return True
    return on_disk != data and sha256_of(on_disk) not in ours

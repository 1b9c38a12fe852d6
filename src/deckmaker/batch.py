"""Building many briefs: planning output paths, incremental skips, worker processes.

Each brief is one job. A job is skipped when the build record in the output
folder holds the same fingerprint (brief bytes, every pack file, deckmaker's
version, the options) and its outputs are still the files it wrote. One bad
brief never stops the others.

The record holds the sha256 of every file deckmaker wrote. An output whose file on
disk is not one of them (the user edited it, or it was never deckmaker's) is kept and
the new build goes beside it (``x.new.pptx``; see ``deckmaker.outputs``). Before a
job moves its files into place, it notes their hashes in a journal beside the record
(``.deckmaker-build.pending/``), which the parent removes once the record holds them:
after an interrupted build, the files it did write are still recognised as its own.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckmaker import __version__, formats as output_formats
from deckmaker.errors import DeckmakerError, InvalidInput
from deckmaker.escapes import escape_char, unsafe_chars, visible
from deckmaker.outputs import (
    EDITED, NAME_MAX, Placement, beside, file_sha256, kept_reason, plan_write, remove_temporaries,
    sha256_of, source_date_epoch, write_bytes_atomically, write_placed)
from deckmaker.pool import Interrupted, StopSignals, WorkerPool, signal_name
from deckmaker.yamlsource import read_capped

if TYPE_CHECKING:
    from deckmaker.pack import Pack

RECORD_NAME = ".deckmaker-build.json"
JOURNAL_NAME = ".deckmaker-build.pending"  # a folder beside the record
NOT_RECORDED = {"sha256": None, "new": []}  # BuildRecord.known of a file it has no entry for
BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; part of every job's fingerprint."""

    out_dir: Path
    formats: tuple[str, ...]
    template: str | None = None
    force: bool = False
    strict: bool = False
    overwrite_edited: bool = False  # not in the fingerprint: it changes no output


@dataclass(frozen=True)
class Job:
    """One brief and the output path stem its files get (``out/sub/name``)."""

    brief: Path
    key: str  # the output stem relative to the output folder, e.g. "sub/name"

    def output(self, out_dir: Path, fmt: str) -> Path:
        """The file of the format ``fmt`` (a name: "pdf") under ``out_dir``."""
        return out_dir / f"{self.key}{output_formats.named(fmt).suffix}"


@dataclass
class JobResult:
    """What happened to one job."""

    job: Job
    status: str  # "built" | "kept" (built, one or more edited files kept) | "up to date"
    # | "failed"
    outputs: dict[str, Path] = field(default_factory=dict)  # format name -> file written
    error: str | None = None
    invalid_input: bool = False
    warnings: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    recorded: dict[str, dict] = field(default_factory=dict)  # format -> its record value
    # format -> (the file kept, why: outputs.EDITED or outputs.FOREIGN)
    kept: dict[str, tuple[Path, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # files kept, replaced, attached as found


def discover(paths: Iterable[str | Path]) -> list[Job]:
    """A job per brief in ``paths``: files as given, folders searched for *.yaml / *.yml
    with their sub-folders mirrored in the output keys; refuses finding none."""
    paths = list(paths)
    jobs: list[Job] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            for brief in sorted(p for p in path.rglob("*") if p.suffix in BRIEF_SUFFIXES
                                and p.is_file()
                                and not _hidden(p.relative_to(path))):
                jobs.append(Job(brief, brief.relative_to(path).with_suffix("").as_posix()))
        else:
            jobs.append(Job(path, path.stem))
    if not jobs:
        raise InvalidInput(f"no briefs found in {', '.join(map(str, paths))}; briefs are "
                           ".yaml or .yml files")
    return jobs


def _hidden(relative: Path) -> bool:
    """Whether a path inside a searched folder is in (or is) a hidden file or folder."""
    return any(part.startswith(".") for part in relative.parts)


def find_briefs(paths: Iterable[str | Path]) -> list[Job]:
    """The jobs of ``discover``, refusing two briefs that would write the same outputs."""
    jobs = discover(paths)
    seen: dict[str, Path] = {}
    for job in jobs:
        if job.key in seen and seen[job.key].resolve() != job.brief.resolve():
            raise InvalidInput(f"{seen[job.key]} and {job.brief} would both write "
                               f"{job.key}.*; pass their folder instead so sub-folders are kept")
        seen[job.key] = job.brief
    return list({job.key: job for job in jobs}.values())


def pack_digest(pack: Pack, out_dir: Path | None = None) -> str:
    """A hash of every file of the pack and its parents, read in blocks (a large file
    never sits in memory whole), leaving out hidden files and an output folder inside
    the pack (deckmaker's own writes must not change the pack it builds with)."""
    digest = hashlib.sha256()
    for path in pack_files(pack, out_dir):
        digest.update(str(path).encode() + b"\0")
        try:
            with path.open("rb") as file:
                digest.update(hashlib.file_digest(file, "sha256").digest())
        except OSError as exc:
            raise InvalidInput(f"{path}: cannot read this file of the pack "
                               f"({exc.strerror})") from None
    return digest.hexdigest()


def pack_files(pack: Pack, out_dir: Path | None = None) -> list[Path]:
    """The pack's files that make up its digest: ``Pack.all_files`` without hidden ones
    and without what a build into ``out_dir`` writes (see ``written_by_build``)."""
    kept = []
    for path in pack.all_files():
        folder = next((f for f in pack.folders if path.is_relative_to(f)), None)
        relative = path.relative_to(folder) if folder else Path(path.name)
        if not _hidden(relative) and not (out_dir and written_by_build(path, out_dir)):
            kept.append(path)
    return kept


def written_by_build(path: Path, out_dir: Path) -> bool:
    """Whether ``path`` is, by its name, a file a build into ``out_dir`` writes: a hidden
    file (the record, its journal, a temporary file) or an output (``.pdf``, ``.new.pdf``,
    ``.edited-….pdf``...) inside ``out_dir``, wherever that folder is."""
    path, out = path.resolve(), out_dir.resolve()
    if not path.is_relative_to(out):
        return path.name.startswith(".")
    suffixes = {spec.suffix for spec in output_formats.FORMATS}
    return _hidden(path.relative_to(out)) or path.suffix in suffixes


def fingerprint(brief_bytes: bytes, pack_hash: str, options: BuildOptions) -> str:
    """The hash a job's outputs are recorded under."""
    settings = [__version__, pack_hash, list(options.formats), options.template or "",
                options.strict, os.environ.get("SOURCE_DATE_EPOCH", "")]
    return hashlib.sha256(json.dumps(settings).encode() + b"\0" + brief_bytes).hexdigest()


_HEX = frozenset("0123456789abcdef")
MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record of 200 000 briefs takes about 60 MB


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and _HEX.issuperset(value)


def _record_problem(data: object) -> str | None:
    """What is wrong with a build record read from disk, or None when every part of it
    has the shape and types deckmaker writes."""
    if not isinstance(data, dict):
        return f"it holds {_kind(data)}, not an object of briefs"
    for key, entry in data.items():
        if not isinstance(entry, dict) or not set(entry) <= {"fingerprint", "outputs"}:
            return f"the entry {key!r} is {_kind(entry)}, not a brief's entry"
        if entry.get("fingerprint") is not None and not _is_hash(entry["fingerprint"]):
            return f"the entry {key!r} has a fingerprint that is not a sha256"
        outputs = entry.get("outputs", {})
        if not isinstance(outputs, dict):
            return f"the outputs of {key!r} are {_kind(outputs)}, not an object"
        for fmt, value in outputs.items():
            if isinstance(value, list):  # an older record: size, mtime
                if len(value) != 2 or not all(type(v) is int for v in value):
                    return f"the {fmt} output of {key!r} is not a size and a time"
            elif not isinstance(value, dict) or not set(value) <= {"sha256", "new"} \
                    or not (value.get("sha256") in (None, "unknown")
                            or _is_hash(value["sha256"])) \
                    or ("new" in value and not _is_hash(value["new"])):
                return f"the {fmt} output of {key!r} is not a file's hashes"
    return None


def _record_entries(data: dict) -> dict[str, dict]:
    """The entries of a valid record (see ``_record_problem``), outputs whose file has no
    known hash ("unknown") left out, so that file counts as not deckmaker's."""
    return {key: {"fingerprint": entry.get("fingerprint"),
                  "outputs": {fmt: value for fmt, value in entry.get("outputs", {}).items()
                              if not (isinstance(value, dict)
                                      and value.get("sha256") == "unknown")}}
            for key, entry in data.items()}


def _journal_problem(data: object) -> str | None:
    """What is wrong with a journal read from disk, or None when it has the right shape."""
    if not isinstance(data, dict) or set(data) != {"key", "outputs"} \
            or not isinstance(data["key"], str) or not isinstance(data["outputs"], dict):
        return "it is not a key and its outputs"
    for fmt, value in data["outputs"].items():
        if not isinstance(value, dict) or set(value) != {"sha256", "new"} or not all(
                isinstance(v, list) and all(map(_is_hash, v)) for v in value.values()):
            return f"its {fmt} output is not lists of hashes"
    return None


def _kind(value: object) -> str:
    """``value``'s JSON type with its article, for messages."""
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "data")


_ABSENT = object()  # what ``_read_json`` reads from a file that is not there


def _read_json(path: Path) -> tuple[object, str | None]:
    """The JSON in ``path`` and None, or None and what is wrong with the file; _ABSENT
    and None when there is no file. Only a regular file is opened, so a FIFO cannot
    hang the build."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return _ABSENT, None
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return None, "is not a regular file"
    if info.st_size > MAX_RECORD_BYTES:
        return None, f"is over {MAX_RECORD_BYTES // 2**20} MB"
    try:
        return json.loads(path.read_bytes()), None
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    except (ValueError, RecursionError):
        return None, "is not JSON (truncated or damaged)"


class BuildRecord:
    """The record of what was built, kept in the output folder: per output key, the
    fingerprint of its last build and, per format, the sha256 of the file deckmaker wrote
    under the output's name (``sha256``; null when a file deckmaker did not write is kept
    there) and of the ``.new`` file written beside a kept one (``new``).

    Journals of interrupted builds are read with it: the hashes they list count as
    deckmaker's too. A record or journal not exactly of the shape deckmaker writes is
    never trusted: it is discarded whole (``problem`` says why, for one warning), so its
    briefs are built again and the files deckmaker can no longer recognise as its own
    are kept, the new build beside them unless identical to it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / RECORD_NAME
        self.problem: str | None = None
        data, unreadable = _read_json(self.path)
        problem = unreadable or (None if data is _ABSENT else _record_problem(data))
        if problem:
            self._discard(self.path, problem)
        self.entries: dict[str, dict] = {} if problem or data is _ABSENT \
            else _record_entries(data)
        self.journals: dict[str, dict] = {}
        self._recorded: dict[str, set[str]] = {}  # key -> the formats recorded since read
        for journal in sorted((out_dir / JOURNAL_NAME).glob("*.json")):
            data, unreadable = _read_json(journal)
            problem = unreadable or _journal_problem(data)
            if problem:
                self._discard(journal, problem)
                journal.unlink(missing_ok=True)  # never trusted: gone for good
            else:
                self.journals[data["key"]] = data["outputs"]
        if not self.journals:
            _remove_if_empty(out_dir / JOURNAL_NAME)

    def _discard(self, path: Path, problem: str) -> None:
        """Note why a file of the record is ignored: one warning however many there are."""
        if self.problem is None:
            self.problem = (f"{path}: {problem}; deckmaker discarded it and builds the "
                            "briefs again (outputs it cannot recognise as its own are kept)")

    def known(self, job: Job) -> dict[str, dict]:
        """Per format: the hashes of the files deckmaker wrote for ``job`` under the
        output's name (``sha256``, None when the record has no entry for that file) and
        beside it (``new``), from the record and any journal."""
        entry = self.entries.get(job.key)
        outputs = entry.get("outputs", {}) if isinstance(entry, dict) else {}
        known: dict[str, dict] = {}
        for fmt, value in outputs.items():
            known[fmt] = {"sha256": None, "new": []}
            if isinstance(value, list):  # a record of an older deckmaker: size, mtime
                current = _stat(job.output(self.out_dir, fmt)) == value
                sha = file_sha256(job.output(self.out_dir, fmt)) if current else None
                known[fmt]["sha256"] = [sha] if sha else []
            elif isinstance(value, dict):  # sha256 null: a file not deckmaker's was kept
                known[fmt]["sha256"] = None if value.get("sha256") is None else [value["sha256"]]
                known[fmt]["new"] = [value["new"]] if value.get("new") else []
        for fmt, value in self.journals.get(job.key, {}).items():
            item = known.setdefault(fmt, {"sha256": None, "new": []})
            if value.get("sha256"):  # else a file not deckmaker's stays one
                item["sha256"] = [*(item["sha256"] or []), *value["sha256"]]
            item["new"] = [*item["new"], *value.get("new", [])]
        return known

    def update(self, result: JobResult) -> None:
        """Record a built job; the formats it did not build keep their recorded files."""
        if result.status in ("built", "kept"):
            entry = self.entries.get(result.job.key)
            outputs = dict(entry.get("outputs", {})) if isinstance(entry, dict) else {}
            outputs.update(result.recorded)
            self.entries[result.job.key] = {"fingerprint": result.fingerprint,
                                            "outputs": outputs}
            self._recorded.setdefault(result.job.key, set()).update(result.recorded)

    def record_file(self, job: Job, fmt: str, value: dict) -> None:
        """Record a file written outside a build (the email command's draft)."""
        entry = self.entries.setdefault(job.key, {"fingerprint": None, "outputs": {}})
        entry.setdefault("outputs", {})[fmt] = value
        self._recorded.setdefault(job.key, set()).add(fmt)

    def _fold_journal(self, job: Job, recorded: Iterable[str]) -> None:
        """Take into the entry of ``job`` the files an interrupted build of it wrote for
        formats other than ``recorded`` (this build's), so its journal can go."""
        entry = self.entries.get(job.key)
        if not isinstance(entry, dict):
            return
        outputs = entry.setdefault("outputs", {})
        for fmt, hashes in self.journals.get(job.key, {}).items():
            if fmt in recorded:
                continue
            value = dict(outputs[fmt]) if isinstance(outputs.get(fmt), dict) else {}
            target = job.output(self.out_dir, fmt)
            if (sha := file_sha256(target)) in hashes.get("sha256", []):
                value["sha256"] = sha
            if (sha := file_sha256(beside(target))) in hashes.get("new", []):
                value["new"] = sha
            if value:
                outputs[fmt] = value

    def save(self, done: Iterable[Job] = ()) -> None:
        """Write the record atomically, then drop the journals of the ``done`` jobs,
        which it now holds."""
        done = list(done)
        for job in done:
            self._fold_journal(job, self._recorded.get(job.key, ()))
        data = json.dumps(self.entries, indent=1, sort_keys=True).encode()
        write_bytes_atomically(self.path, data)
        for job in done:  # the workers wrote their journals since the record was read
            self.journals.pop(job.key, None)
            _journal_path(self.out_dir, job).unlink(missing_ok=True)
        _remove_if_empty(self.out_dir / JOURNAL_NAME)


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()  # only when empty
    except OSError:
        pass


def _journal_path(out_dir: Path, job: Job) -> Path:
    return out_dir / JOURNAL_NAME / f"{hashlib.sha256(job.key.encode()).hexdigest()[:24]}.json"


def _write_journal(out_dir: Path, job: Job, recorded: dict[str, dict]) -> None:
    """Note, before they are moved into place, the hashes of the files a job writes
    (with those of an earlier journal still unrecorded), so an interruption before the
    record is saved never makes deckmaker's own file look edited."""
    path = _journal_path(out_dir, job)
    data, unreadable = _read_json(path)
    earlier = data["outputs"] if not unreadable and data is not _ABSENT \
        and not _journal_problem(data) else {}
    outputs = dict(earlier)  # an earlier journal's other formats still count
    for fmt, value in recorded.items():
        before = earlier.get(fmt, {})
        outputs[fmt] = {
            "sha256": sorted({*before.get("sha256", []),
                              *([value["sha256"]] if value.get("sha256") else [])}),
            "new": sorted({*before.get("new", []), *([value["new"]] if "new" in value else [])})}
    write_bytes_atomically(path, json.dumps({"key": job.key, "outputs": outputs},
                                            indent=1, sort_keys=True).encode())


def entry_is_current(entry: dict | None, fingerprint_: str, job: Job, out_dir: Path,
                     formats: Iterable[str] | None = None) -> bool:
    """Whether a record entry has this fingerprint and its outputs (of ``formats``, else
    all it records) are the files it wrote, none kept with a new build beside it."""
    if not entry or entry.get("fingerprint") != fingerprint_:
        return False
    outputs = entry.get("outputs", {})
    for fmt in (formats if formats is not None else list(outputs)):
        value = outputs.get(fmt)
        if not isinstance(value, dict) or not value.get("sha256") or "new" in value:
            return False
        if file_sha256(job.output(out_dir, fmt)) != value["sha256"]:
            return False
    return True


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


# The pack loaded in this process for each template, with the digest of its files: the
# latest version only, so a long-running watch holds one pack per template. Workers are
# forked after the parent fills it, so they start with the pack already loaded.
_loaded_packs: dict[str | None, tuple[str, Pack]] = {}


def _load_pack(template: str | None, out_dir: Path | None = None) -> tuple[Pack, str]:
    """The pack and the digest of its files (see ``pack_digest``); the same Pack object
    (and so its compiled fragments and resolved theme) while those files do not change."""
    from deckmaker.pack import load_pack

    pack = load_pack(template)
    digest = pack_digest(pack, out_dir)
    loaded = _loaded_packs.get(template)
    if loaded is None or loaded[0] != digest:
        loaded = _loaded_packs[template] = (digest, pack)
    return loaded[1], digest


def _pack_for(template: str | None, digest: str) -> Pack:
    """The loaded pack for ``template`` when its files still have ``digest``, else loaded."""
    loaded = _loaded_packs.get(template)
    return loaded[1] if loaded and loaded[0] == digest else _load_pack(template)[0]


def kept_line(target: Path, state: str) -> str:
    """The summary's line for an output file kept at ``target``."""
    return (f"kept {target}: {kept_reason(state)} (new build in {beside(target)}; "
            "--overwrite-edited to replace it)")


def attached_line(target: Path, state: str) -> str:
    """The line saying an email carries the file kept at ``target``, not a new build."""
    if state == EDITED:
        return f"attached {target} as edited by hand (not rebuilt)"
    return f"attached {target} as found (not in deckmaker's build record; not rebuilt)"


def run_job(job: Job, options: BuildOptions, pack_hash: str,
            known: dict[str, dict] | None = None) -> JobResult:
    """Read, check, compose and render one brief, writing its outputs atomically, never
    over a file edited since deckmaker wrote it (``known``: ``BuildRecord.known``).
    Runs in a worker; every failure becomes a failed result, never an exception."""
    from deckmaker.brief import read_brief
    from deckmaker.build import render_formats
    from deckmaker.check import check_loaded
    from deckmaker.compose import compose

    known = known or {}
    try:
        _check_names(job, options)
        raw = read_capped(job.brief)
        fp = fingerprint(raw, pack_hash, options)
        brief, source = read_brief(job.brief, raw)
        findings = check_loaded(brief, source)
        warnings = [str(finding) for finding in findings]
        failing = [f for f in findings if f.severity != "info"]  # advice fails nothing
        if options.strict and failing:
            return JobResult(job, "failed", warnings=warnings,
                             error=f"{job.brief}: {len(failing)} analytic-standards finding(s) "
                                   "with --strict; fix them or build without --strict")
        pack = _pack_for(options.template, pack_hash)
        doc = compose(brief, pack, stem=job.brief.stem)
        placements: dict[str, Placement] = {}

        def place(fmt: str, data: bytes) -> bytes:
            """Decide where ``fmt``'s new build goes; an email attaches what it returns."""
            if fmt not in placements:
                placements[fmt] = _plan(job, options.out_dir, fmt, data,
                                        known.get(fmt, NOT_RECORDED),
                                        overwrite=options.overwrite_edited)
            return placements[fmt].attached(data)

        rendered = render_formats(doc, options.formats, warnings.append, attach=place)
        result = JobResult(job, "built", warnings=warnings, fingerprint=fp)
        for fmt, data in rendered.items():
            place(fmt, data)
            placement = placements[fmt]
            result.outputs[fmt] = placement.path
            result.recorded[fmt] = _record_value(placement, known.get(fmt, NOT_RECORDED), data)
            if placement.kept:
                result.kept[fmt] = (placement.target, placement.state)
            if output_formats.named(fmt).bundles:
                result.notes += [f"{result.outputs[fmt]}: {attached_line(p.target, p.state)}"
                                 for name, p in placements.items()
                                 if p.kept and output_formats.named(name).attached]
        _write_journal(options.out_dir, job, result.recorded)
        for fmt, data in rendered.items():
            placement = placements[fmt]
            backup = write_placed(placement, data)
            if backup and placement.kept:  # the .new file beside a kept one was edited too
                result.notes.append(f"replaced {placement.path}, edited since deckmaker wrote "
                                    f"it; the previous file is now {backup}")
            elif backup:
                result.notes.append(f"replaced {placement.target}, {placement.reason()}; "
                                    f"the previous file is now {backup}")
            if not placement.kept:
                _remove_stale_new(placement.target, known.get(fmt, NOT_RECORDED)["new"])
    except InvalidInput as exc:
        return JobResult(job, "failed", error=str(exc), invalid_input=True)
    except DeckmakerError as exc:
        return JobResult(job, "failed", error=f"{job.brief}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one brief's crash must not stop the batch
        return JobResult(job, "failed",
                         error=f"{job.brief}: internal error ({type(exc).__name__}: {exc}); "
                               "please report it")
    if result.kept:
        result.status = "kept"
    return result


def _check_names(job: Job, options: BuildOptions) -> None:
    """Refuse a brief whose file name holds line breaks, controls or direction characters
    (they would forge lines or reorder text wherever the name is shown, and make output
    names that cannot be typed), or whose outputs' names exceed the file-name limit."""
    if bad := unsafe_chars(job.key):
        raise InvalidInput(f"{visible(str(job.brief))}: the file name holds "
                           f"{', '.join(map(escape_char, bad))} (a line break, control or "
                           "direction character); rename the brief without it")
    for fmt in options.formats:
        name = job.output(options.out_dir, fmt).name
        if len(beside(Path(name)).name.encode()) > NAME_MAX:
            raise InvalidInput(
                f"{job.brief}: the output name {name} is {len(name.encode())} bytes, and a "
                f"file name may have at most {NAME_MAX} ({NAME_MAX - len('.new')} leaving room "
                "for '.new'); give the brief a shorter file name")


def write_output(record: BuildRecord, job: Job, fmt: str, data: bytes) -> Placement:
    """Write one output of ``job`` outside a build (the email command's draft) by the
    build's rules: an edited file is kept and the new one goes beside it. Recorded, with
    a journal first, and the record saved."""
    hashes = record.known(job).get(fmt, NOT_RECORDED)
    placement = _plan(job, record.out_dir, fmt, data, hashes)
    value = _record_value(placement, hashes, data)
    _write_journal(record.out_dir, job, {fmt: value})
    write_placed(placement, data)
    if not placement.kept:
        _remove_stale_new(placement.target, hashes["new"])
    record.record_file(job, fmt, value)
    record.save([job])
    return placement


def _record_value(placement: Placement, hashes: dict, data: bytes) -> dict:
    """What the record keeps for one output written by ``placement``: the hash of the file
    under its own name (for a kept file, still what deckmaker last wrote there: null when
    that was never deckmaker's, "unknown" when an older record held no hash), and of the
    .new file beside a kept one."""
    if not placement.kept:
        return {"sha256": sha256_of(data)}
    before = hashes["sha256"]
    return {"sha256": before[0] if before else (None if before is None else "unknown"),
            "new": sha256_of(data)}


def _plan(job: Job, out_dir: Path, fmt: str, data: bytes, hashes: dict, *,
          overwrite: bool = False) -> Placement:
    """Where ``fmt``'s new build goes, given ``hashes``, its entry of ``BuildRecord.known``."""
    return plan_write(job.output(out_dir, fmt), data, [*(hashes["sha256"] or []), *hashes["new"]],
                      recorded=hashes["sha256"] is not None, overwrite=overwrite)


def _remove_stale_new(target: Path, ours: list[str]) -> None:
    """Remove the ``.new`` file beside ``target`` once the output's own name holds the
    build again, if it is still the file deckmaker wrote (an edited one stays)."""
    stale = beside(target)
    if ours and file_sha256(stale) in ours:
        stale.unlink(missing_ok=True)


def _skipped(job: Job, options: BuildOptions, pack_hash: str, record: BuildRecord
             ) -> JobResult | None:
    """An "up to date" result when the record shows ``job``'s outputs are current."""
    if options.force or job.key in record.journals:
        return None
    try:
        fp = fingerprint(read_capped(job.brief), pack_hash, options)
    except InvalidInput:
        return None  # run_job reports it
    if entry_is_current(record.entries.get(job.key), fp, job, options.out_dir,
                        options.formats):
        return JobResult(job, "up to date", fingerprint=fp)
    return None


class BuildInterrupted(DeckmakerError):
    """A stop signal ended a build: what was built is recorded, the rest left for the next
    build; the exit code is the shell's for that signal (130 for SIGINT, 143 for SIGTERM,
    129 for SIGHUP)."""

    def __init__(self, signum: int, results: list[JobResult], total: int) -> None:
        counts = {status: sum(r.status == status for r in results)
                  for status in ("built", "kept", "up to date", "failed")}
        built = counts["built"] + counts["kept"]
        rest = total - len(results)
        super().__init__(
            f"build interrupted by {signal_name(signum)}: {built} of {total} brief"
            f"{'s' if total != 1 else ''} built, {counts['up to date']} up to date, "
            f"{counts['failed']} failed; run it again to build the other {rest}")
        self.exit_code = 128 + signum
        self.results = results


def build_many(jobs: list[Job], options: BuildOptions, *, workers: int = 1,
               on_result: Callable[[JobResult], None] | None = None,
               warn: Callable[[str], None] | None = None) -> list[JobResult]:
    """Build ``jobs`` with up to ``workers`` processes, skipping those up to date and
    recording what was built. Renderers are imported only when something is built.

    SIGINT, SIGTERM or SIGHUP stop it within a second or so: the workers are ended
    (their temporary files removed), what was built is recorded, and BuildInterrupted
    raised. A record that cannot be trusted is discarded with one warning to ``warn``."""
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH stops the batch before any brief
    pack_hash = _load_pack(options.template, options.out_dir)[1]
    record = BuildRecord(options.out_dir)
    if record.problem and warn:
        warn(record.problem)
    folders = _output_folders(jobs, options)
    remove_temporaries(folders)  # left by a build killed outright (SIGKILL, power loss)
    results: list[JobResult] = []

    def finish(result: JobResult) -> None:
        record.update(result)
        results.append(result)
        if on_result:
            on_result(result)

    with StopSignals() as stops:
        try:
            pending = []
            for job in jobs:
                skipped = _skipped(job, options, pack_hash, record)
                if skipped:
                    finish(skipped)
                else:
                    pending.append(job)
            if workers <= 1 or len(pending) <= 1:
                for job in pending:
                    finish(run_job(job, options, pack_hash, record.known(job)))
            else:
                _run_in_workers(pending, options, pack_hash, record, workers, finish, folders)
        except Interrupted:
            pass  # ``stops.received`` says which; what was built is recorded below
        with stops.held():
            done = [r.job for r in results if r.status in ("built", "kept")]
            if done:
                record.save(done)
    order = {job.key: i for i, job in enumerate(jobs)}
    results.sort(key=lambda r: order[r.job.key])
    if stops.received is not None:
        raise BuildInterrupted(stops.received, results, len(jobs))
    return results


def _run_in_workers(pending: list[Job], options: BuildOptions, pack_hash: str,
                    record: BuildRecord, workers: int, finish: Callable[[JobResult], None],
                    folders: set[Path]) -> None:
    """Build ``pending`` in worker processes, passing each result to ``finish``."""
    _preload_renderers(options.formats)
    pool = WorkerPool(run_job, workers)

    def lost(index: int, code: int | None) -> None:
        finish(JobResult(pending[index], "failed",
                         error=f"{pending[index].brief}: the worker process building it "
                               f"stopped (exit code {code}); build it again alone to see why"))

    # Forked workers leave what is loaded by now (modules, pack, fonts) out of the
    # garbage collector's scans, a twentieth of their time; the parent scans it
    # again afterwards, so a long-running watch collects as usual.
    gc.freeze()
    try:
        pool.run([(job, options, pack_hash, record.known(job)) for job in pending],
                 lambda _index, result: finish(result), lost)
    finally:
        gc.unfreeze()
        if pool.stopped_pids:  # workers stopped mid-write that had no time to tidy up
            remove_temporaries(folders, pool.stopped_pids)


def _output_folders(jobs: list[Job], options: BuildOptions) -> set[Path]:
    """The folders a build of ``jobs`` writes files in (its temporary files too)."""
    return {options.out_dir, options.out_dir / JOURNAL_NAME,
            *((options.out_dir / job.key).parent for job in jobs)}


def _preload_renderers(formats: tuple[str, ...]) -> None:
    """Import the writers once in the parent so forked workers start with them loaded:
    those of ``formats`` and of the files an email among them attaches."""
    for fmt in output_formats.needed(formats):
        output_formats.renderer(fmt)


def exit_code(results: list[JobResult]) -> int:
    """0 when nothing failed; 2 when only invalid input failed; else 1."""
    failed = [r for r in results if r.status == "failed"]
    if not failed:
        return 0
    return 2 if all(r.invalid_input for r in failed) else 1

"""Building many briefs: planning output paths, incremental skips, worker processes.

Each brief is one job. A job is skipped when the build record in the output
folder holds the same fingerprint (brief bytes, every pack file, deckmaker's
version, the options) and its outputs are still the files it wrote. One bad
brief never stops the others.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckmaker import __version__, formats as output_formats
from deckmaker.errors import DeckmakerError, InvalidInput
from deckmaker.outputs import write_bytes_atomically
from deckmaker.yamlsource import read_capped

if TYPE_CHECKING:
    from deckmaker.pack import Pack

RECORD_NAME = ".deckmaker-build.json"
BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; part of every job's fingerprint."""

    out_dir: Path
    formats: tuple[str, ...]
    template: str | None = None
    force: bool = False
    strict: bool = False


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
    status: str  # "built" | "up to date" | "failed"
    outputs: dict[str, Path] = field(default_factory=dict)  # format name -> file written
    error: str | None = None
    invalid_input: bool = False
    warnings: list[str] = field(default_factory=list)
    fingerprint: str | None = None


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


def pack_digest(pack: Pack) -> str:
    """A hash of every file of the pack and its parents."""
    digest = hashlib.sha256()
    for path in pack.all_files():
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(brief_bytes: bytes, pack_hash: str, options: BuildOptions) -> str:
    """The hash a job's outputs are recorded under."""
    settings = [__version__, pack_hash, list(options.formats), options.template or "",
                options.strict, os.environ.get("SOURCE_DATE_EPOCH", "")]
    return hashlib.sha256(json.dumps(settings).encode() + b"\0" + brief_bytes).hexdigest()


class BuildRecord:
    """The record of what was built, kept in the output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / RECORD_NAME
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def update(self, result: JobResult) -> None:
        if result.status == "built":
            self.entries[result.job.key] = {
                "fingerprint": result.fingerprint,
                "outputs": {fmt: _stat(path) for fmt, path in result.outputs.items()}}

    def save(self) -> None:
        data = json.dumps(self.entries, indent=1, sort_keys=True).encode()
        write_bytes_atomically(self.path, data)


def entry_is_current(entry: dict | None, fingerprint_: str, job: Job, out_dir: Path) -> bool:
    """Whether a record entry has this fingerprint and its outputs are the files it wrote."""
    if not entry or entry.get("fingerprint") != fingerprint_:
        return False
    return all(_stat(job.output(out_dir, fmt)) == stat for fmt, stat in entry["outputs"].items())


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


def _load_pack(template: str | None) -> tuple[Pack, str]:
    """The pack and the digest of its files; the same Pack object (and so its compiled
    fragments and resolved theme) while those files do not change."""
    from deckmaker.pack import load_pack

    pack = load_pack(template)
    digest = pack_digest(pack)
    loaded = _loaded_packs.get(template)
    if loaded is None or loaded[0] != digest:
        loaded = _loaded_packs[template] = (digest, pack)
    return loaded[1], digest


def _pack_for(template: str | None, digest: str) -> Pack:
    """The loaded pack for ``template`` when its files still have ``digest``, else loaded."""
    loaded = _loaded_packs.get(template)
    return loaded[1] if loaded and loaded[0] == digest else _load_pack(template)[0]


def run_job(job: Job, options: BuildOptions, pack_hash: str) -> JobResult:
    """Read, check, compose and render one brief, writing its outputs atomically.
    Runs in a worker; every failure becomes a failed result, never an exception."""
    from deckmaker.brief import read_brief
    from deckmaker.build import render_formats
    from deckmaker.check import check_loaded
    from deckmaker.compose import compose

    try:
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
        outputs = {}
        for fmt, data in render_formats(doc, options.formats, warnings.append).items():
            outputs[fmt] = job.output(options.out_dir, fmt)
            write_bytes_atomically(outputs[fmt], data)
    except InvalidInput as exc:
        return JobResult(job, "failed", error=str(exc), invalid_input=True)
    except DeckmakerError as exc:
        return JobResult(job, "failed", error=f"{job.brief}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one brief's crash must not stop the batch
        return JobResult(job, "failed",
                         error=f"{job.brief}: internal error ({type(exc).__name__}: {exc}); "
                               "please report it")
    return JobResult(job, "built", outputs, warnings=warnings, fingerprint=fp)


def _skipped(job: Job, options: BuildOptions, pack_hash: str, record: BuildRecord
             ) -> JobResult | None:
    """An "up to date" result when the record shows ``job``'s outputs are current."""
    if options.force:
        return None
    try:
        fp = fingerprint(read_capped(job.brief), pack_hash, options)
    except InvalidInput:
        return None  # run_job reports it
    if entry_is_current(record.entries.get(job.key), fp, job, options.out_dir):
        return JobResult(job, "up to date", fingerprint=fp)
    return None


def build_many(jobs: list[Job], options: BuildOptions, *, workers: int = 1,
               on_result: Callable[[JobResult], None] | None = None) -> list[JobResult]:
    """Build ``jobs`` with up to ``workers`` processes, skipping those up to date and
    recording what was built. Renderers are imported only when something is built."""
    pack_hash = _load_pack(options.template)[1]
    record = BuildRecord(options.out_dir)
    results: list[JobResult] = []

    def finish(result: JobResult) -> None:
        record.update(result)
        results.append(result)
        if on_result:
            on_result(result)

    pending = []
    for job in jobs:
        skipped = _skipped(job, options, pack_hash, record)
        if skipped:
            finish(skipped)
        else:
            pending.append(job)
    if workers <= 1 or len(pending) <= 1:
        for job in pending:
            finish(run_job(job, options, pack_hash))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed  # slow to import

        _preload_renderers(options.formats)
        # Forked workers leave what is loaded by now (modules, pack, fonts) out of the
        # garbage collector's scans, a twentieth of their time; the parent scans it
        # again afterwards, so a long-running watch collects as usual.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(pending))) as pool:
                futures = [pool.submit(run_job, job, options, pack_hash) for job in pending]
                for future in as_completed(futures):
                    finish(future.result())
        finally:
            gc.unfreeze()
    if any(r.status == "built" for r in results):
        record.save()
    order = {job.key: i for i, job in enumerate(jobs)}
    return sorted(results, key=lambda r: order[r.job.key])


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

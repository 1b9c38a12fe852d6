"""How fast is deckmaker on this machine? Prints a table of figures against the targets.

Usage:  .venv/bin/python benchmarks/bench.py [--quick] [--profile]

--quick   fewer repetitions and 40 instead of 200 medium briefs (a smoke run)
--profile print the top functions of a warm render of each writer (cProfile)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "briefs" / "russia-north-korea-china.yaml"
PYTHON = sys.executable
DECKMAKER = [PYTHON, "-m", "deckmaker"]


def wall(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """Wall time of ``command`` and the CPU time (user + system) it and its worker
    processes used: on a busy machine the CPU time per brief is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = wall(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def ignore(_message: str) -> None:
    """The ``warn`` given to writers: the benchmark times them, it does not show warnings."""


def median_of(times: int, function) -> float:
    return statistics.median(function() for _ in range(times))


def warm_render_times(repeats: int, briefs: dict[str, Path]) -> dict[str, dict[str, float]]:
    """Median in-process render time per writer and brief size, after one warm-up."""
    from deckmaker.build import attachment, load_document
    from deckmaker.formats import renderer
    from deckmaker.pack import load_pack
    from deckmaker.writers.email import render_draft

    pack = load_pack()
    figures: dict[str, dict[str, float]] = {}
    for size, path in briefs.items():
        doc = load_document(path, pack)
        files = [attachment("x", f, renderer(f)(doc, ignore)) for f in ("pdf", "pptx")]
        steps = {
            "compose": partial(load_document, path, pack),
            "pdf": partial(renderer("pdf"), doc, ignore),
            "pptx": partial(renderer("pptx"), doc, ignore),
            "eml": partial(render_draft, doc, files, ignore),
        }
        figures[size] = {}
        for name, step in steps.items():
            step()

            def timed(step=step) -> float:
                start = time.perf_counter()
                step()
                return time.perf_counter() - start

            figures[size][name] = median_of(repeats, timed)
    return figures


def tagging_cost(rounds: int, path: Path) -> tuple[float, float, float]:
    """What tagging (PDF/UA-1) adds to a warm render of ``path``'s memo in CPU time: the
    median over ``rounds`` of one tagged render's time over the untagged one's next to
    it, and the two medians. Ratios of neighbours, not of medians: a busy spell of the
    machine (on a shared VM, renders a third slower for seconds) falls on both."""
    from deckmaker.build import load_document
    from deckmaker.pack import load_pack
    from deckmaker.writers.pdf.document import build_pdf

    doc = load_document(path, load_pack())
    times: dict[bool, list[float]] = {True: [], False: []}
    for tagged in (True, False):
        build_pdf(doc, ignore, tagged=tagged)
    for _ in range(rounds):
        for tagged in (True, False):
            start = time.process_time()
            build_pdf(doc, ignore, tagged=tagged)
            times[tagged].append(time.process_time() - start)
    ratios = [t / u for t, u in zip(times[True], times[False], strict=True)]
    return (statistics.median(ratios), statistics.median(times[True]),
            statistics.median(times[False]))


def profile_writers(path: Path) -> None:
    from deckmaker.build import load_document
    from deckmaker.formats import renderer
    from deckmaker.pack import load_pack

    doc = load_document(path, load_pack())
    for fmt in ("pdf", "pptx"):
        renderer(fmt)(doc, ignore)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            renderer(fmt)(doc, ignore)
        profiler.disable()
        print(f"\n--- cProfile: 5 warm {fmt} renders of {path.name} ---")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)


def peak_worker_mb(brief: Path, out: Path) -> float:
    """Peak resident memory of one process building ``brief`` in all formats (MB).

    os.wait4 gives that child's own usage (RUSAGE_CHILDREN would report the largest of
    every child waited for). A forked child starts with its parent's resident size, so
    this runs before the benchmark has rendered anything in-process."""
    process = subprocess.Popen([*DECKMAKER, "build", str(brief), "--out", str(out), "--force",
                                "-j", "1", "-q"])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"building {brief} failed")
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    repeats_cold, repeats_warm, batch = (3, 5, 40) if args.quick else (5, 20, 200)
    cpus = os.cpu_count() or 1

    from deckmaker.synthetic import write_synthetic_brief

    work = Path(tempfile.mkdtemp(prefix="deckmaker-bench-"))
    try:
        sizes = {size: write_synthetic_brief(work / f"{size}.yaml", size)
                 for size in ("small", "medium", "large")}
        many = work / "many"
        many.mkdir()
        for i in range(batch):
            write_synthetic_brief(many / f"brief-{i:03d}.yaml", "medium")

        peak = peak_worker_mb(sizes["large"], work / "mem")
        floor = median_of(repeats_cold, partial(
            wall, [PYTHON, "-c", "import reportlab.platypus, pptx"]))
        cold = median_of(repeats_cold, partial(
            wall, [*DECKMAKER, "build", str(SAMPLE), "--out", str(work / "cold"), "--force", "-q"]))
        warm = warm_render_times(repeats_warm, {"sample": SAMPLE, **sizes})
        tag_ratio, tagged, untagged = tagging_cost(repeats_warm * 10, SAMPLE)

        build_many = [*DECKMAKER, "build", str(many), "-q", "--out"]
        serial, serial_cpu = wall_and_cpu([*build_many, str(work / "serial"), "-j", "1"])
        parallel, parallel_cpu = wall_and_cpu([*build_many, str(work / "par"), "-j", str(cpus)])
        noop = median_of(3, partial(wall, [*build_many, str(work / "par"), "-j", str(cpus)]))
        large_all = sum(warm["large"][k] for k in ("compose", "pdf", "pptx", "eml"))
        overflow = _overflow_count(sizes["large"])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    sample_all = sum(warm["sample"][k] for k in ("compose", "pdf", "pptx", "eml"))
    rows = [
        ("import floor (reportlab.platypus + pptx)", f"{floor * 1000:.0f} ms", ""),
        ("cold build of the sample, all formats", f"{cold * 1000:.0f} ms",
         _target(cold / floor <= 1.3, f"{cold / floor:.2f}x floor (target <= 1.3x)")),
    ]
    for size, steps in warm.items():
        parts = ", ".join(f"{k} {v * 1000:.0f}" for k, v in steps.items())
        total = f"{sum(steps.values()) * 1000:.0f} ms"
        rows.append((f"warm render, {size}: {parts} ms", total, ""))
    rows += [
        ("warm sample render, all formats", f"{sample_all * 1000:.0f} ms",
         _target(sample_all <= 0.150, "target <= 150 ms")),
        ("warm sample memo, tagged against untagged (CPU)",
         f"{(tag_ratio - 1) * 100:+.1f} %",
         _target(tag_ratio <= 1.15, f"median of {repeats_warm * 10} neighbouring pairs; "
                 f"{tagged * 1000:.1f} against {untagged * 1000:.1f} ms (target <= +15 %)")),
        (f"{batch} medium briefs, --jobs 1", f"{serial:.1f} s",
         f"{batch / serial:.1f} briefs/s; CPU {serial_cpu * 1000 / batch:.0f} ms a brief"),
        (f"{batch} medium briefs, --jobs {cpus}", f"{parallel:.1f} s",
         f"{batch / parallel:.1f} briefs/s; CPU {parallel_cpu * 1000 / batch:.0f} ms a brief; "
         + _target(parallel * 200 / batch <= 25, "target <= 25 s for 200")),
        (f"no-op rebuild of {batch}", f"{noop * 1000:.0f} ms",
         _target(noop <= 1.0, "target <= 1 s")),
        ("peak memory of a worker (large brief)", f"{peak:.0f} MB",
         _target(peak <= 250, "target <= 250 MB")),
        ("large brief, all formats, warm", f"{large_all:.2f} s",
         _target(large_all <= 2 and overflow == 0,
                 f"target <= 2 s; {overflow} overflowing shapes")),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"deckmaker benchmark on {cpus} CPU(s), Python {sys.version.split()[0]}"
          f"{' (quick)' if args.quick else ''}; medians\n")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    if args.profile:
        profile_writers(SAMPLE)


def _overflow_count(brief: Path) -> int:
    """Text shapes of the large deck whose wrapped text does not fit them."""
    import io

    from pptx import Presentation

    from deckmaker.build import load_document
    from deckmaker.formats import renderer
    from deckmaker.pack import load_pack
    from deckmaker.textfit import deck_fonts
    from deckmaker.writers.pptx.measure import overflows

    doc = load_document(brief, load_pack())
    deck = Presentation(io.BytesIO(renderer("pptx")(doc, ignore)))
    return len(overflows(deck, deck_fonts(doc.theme)))


def _target(met: bool, text: str) -> str:
    return f"{'ok ' if met else 'MISSED'} {text}"


if __name__ == "__main__":
    main()

"""The output formats: one entry each, from which ``--format``, the build, the batch and
the email command all take what they need. Adding a writer is one entry here plus its
package under ``deckmaker.writers``.

Light on purpose (no writer is imported here): ``deckmaker --help`` reads this module.
"""

from __future__ import annotations

import functools
import gc
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFormat:
    """One output format and its writer."""

    name: str  # as given to --format; also its key in the build record
    suffix: str  # of the file written: out/<brief><suffix>
    media_type: str  # the content type it is attached or served as
    module: str  # the writer, imported on first use
    function: str  # its render function: (Document, warn) -> bytes, or with ``bundles``
    # (Document, attachments, warn) -> bytes, given the ``attached`` formats' files
    attached: bool = False  # the email briefing attaches this file
    bundles: bool = False  # renders the ``attached`` formats' files into itself

    def renderer(self) -> Callable[..., bytes]:
        """The render function, its module imported now if it was not yet, run with the
        cyclic garbage collector paused (``without_cycle_collection``)."""
        return without_cycle_collection(getattr(importlib.import_module(self.module),
                                                self.function))


def without_cycle_collection(render: Callable[..., bytes]) -> Callable[..., bytes]:
    """``render`` with Python's cyclic garbage collector paused while it runs.

    A render makes some hundred thousand short-lived objects (reportlab fragments, lxml
    proxies); the collector ran hundreds of times during one, walking the whole heap of
    the libraries each full pass, for a fifth to a third of the render's time and no garbage:
    what a render leaves in cycles (python-pptx's parts and package refer to each other)
    is freed by the collector's next pass after it. Reference counting frees everything
    else as usual, so memory stays bounded (benchmarks/bench.py reports a worker's peak)."""
    @functools.wraps(render)
    def paused(*args, **kwargs) -> bytes:
        if not gc.isenabled():  # nested, or paused by the caller: leave it be
            return render(*args, **kwargs)
        gc.disable()
        try:
            return render(*args, **kwargs)
        finally:
            gc.enable()

    return paused


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("pdf", ".pdf", "application/pdf", "deckmaker.writers.pdf", "render_pdf",
                 attached=True),
    OutputFormat("pptx", ".pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "deckmaker.writers.pptx", "render_pptx", attached=True),
    OutputFormat("eml", ".eml", "message/rfc822", "deckmaker.writers.email", "render_draft",
                 bundles=True),
)

# Derived, for readers: the names in canonical order, those the email attaches, media types.
NAMES = tuple(f.name for f in FORMATS)
ATTACHED = tuple(f.name for f in FORMATS if f.attached)
MEDIA_TYPES = {f.name: f.media_type for f in FORMATS}


def named(name: str) -> OutputFormat:
    """The format called ``name``; KeyError when there is none."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def renderer(name: str) -> Callable[..., bytes]:
    """The render function of the format ``name``, imported on first use."""
    return named(name).renderer()


def parse_formats(text: str) -> tuple[str, ...]:
    """``"pdf,pptx"`` -> ``("pdf", "pptx")`` in canonical order; raises ValueError on unknowns."""
    names = [f.name for f in FORMATS]
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = wanted - set(names)
    if unknown or not wanted:
        raise ValueError(f"unknown format '{', '.join(sorted(unknown)) or text}'; "
                         f"use one or more of: {', '.join(names)}")
    return tuple(name for name in names if name in wanted)


def needed(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats to render for ``formats``: those, and the attached ones when one of them
    bundles them (the email needs the memo and the deck), in canonical order."""
    wanted = set(formats)
    if any(named(name).bundles for name in wanted):
        wanted.update(f.name for f in FORMATS if f.attached)
    return tuple(f.name for f in FORMATS if f.name in wanted)

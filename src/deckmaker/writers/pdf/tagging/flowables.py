"""Flowables that draw another flowable as tagged content or as an artifact.

A wrapper lays out exactly as the flowable it holds (wrap, split, spaces, keep-with-next,
alignment are the inner flowable's), so wrapping changes no page. A split returns the
inner flowable's parts, each wrapped again for the same element: a paragraph broken over
two pages stays one element with an MCID on each page.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from deckmaker.writers.pdf.tagging.marks import Recorder, StructElement

_MISSING = object()


class Wrapped(Flowable):
    """A flowable laid out as ``inner`` and drawn by it, inside a marking."""

    def __init__(self, inner: Flowable, recorder: Recorder) -> None:
        super().__init__()
        self.inner = inner
        self.recorder = recorder

    def __getattr__(self, name: str):
        # Only for names the wrapper lacks: the writer's own hints on the inner flowable
        # (the memo's ``starts_block``, ``keep_whole``...) read through the wrapper.
        inner = self.__dict__.get("inner")
        if inner is not None and name[0] != "_":
            value = getattr(inner, name, _MISSING)  # one exception, not two, if absent
            if value is not _MISSING:
                return value
        raise AttributeError(name)

    def begin_marking(self, canvas: Canvas) -> None:
        """Begin this wrapper's marked content or artifact (``Recorder.end`` ends it)."""
        raise NotImplementedError

    def rewrapped(self, part: Flowable, first: bool) -> Wrapped:
        """``part`` of the inner flowable (the first one or a later one), wrapped alike."""
        raise NotImplementedError

    def around(self, part: Flowable, first: bool) -> Wrapped:
        """``part`` of the innermost flowable (what ``column.held`` lays out), wrapped
        alike in each of the wrappers around it."""
        inner = self.inner.around(part, first) if isinstance(self.inner, Wrapped) else part
        return self.rewrapped(inner, first)

    def wrapOn(self, canv, aW, aH):
        # The inner flowable's own wrapOn, straight: reportlab's would set and delete
        # this wrapper's canv around a wrap that only passes it on (the memo wraps a
        # few hundred flowables several times a render).
        self.hAlign = getattr(self.inner, "hAlign", "LEFT")  # as the writer left it
        self.width, self.height = self.inner.wrapOn(canv, aW, aH)
        return self.width, self.height

    def wrap(self, availWidth, availHeight):
        return self.wrapOn(self.canv, availWidth, availHeight)

    def splitOn(self, canv, aW, aH):
        parts = self.inner.splitOn(canv, aW, aH)
        return [self.rewrapped(part, number == 0) for number, part in enumerate(parts)]

    def split(self, availWidth, availHeight):
        return self.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        # The inner flowable places itself (its alignment is the wrapper's): a second
        # saveState and translate around it would only lengthen the page stream.
        self.begin_marking(canvas)
        try:
            self.inner.drawOn(canvas, x, y, _sW)
        finally:
            self.recorder.end(canvas)

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self):
        return self.inner.getKeepWithNext()

    def minWidth(self):
        return self.inner.minWidth()

    def identity(self, maxLen=None):
        return self.inner.identity(maxLen)

    @property
    def keepWithNext(self):  # the writer may set it on either, after wrapping
        return self.inner.getKeepWithNext()

    @keepWithNext.setter
    def keepWithNext(self, value) -> None:
        self.inner.keepWithNext = value


class Tagged(Wrapped):
    """``inner`` drawn as content of ``element``.

    ``label``: the element that the first text object drawn belongs to (a Paragraph's
    bullet, an LI's Lbl; the rest is ``element``, its LBody); the parts after a split
    have no bullet, so no label. ``repeated_as_artifact``: drawing the same flowable a
    second time (a table's header row repeated on the next page) draws it as a
    pagination artifact, read once."""

    def __init__(self, inner: Flowable, recorder: Recorder, element: StructElement, *,
                 label: StructElement | None = None,
                 repeated_as_artifact: bool = False) -> None:
        super().__init__(inner, recorder)
        self.element = element
        self.label = label
        self.repeated_as_artifact = repeated_as_artifact
        self.drawn = False

    def begin_marking(self, canvas: Canvas) -> None:
        again, self.drawn = self.drawn, True
        if again and self.repeated_as_artifact:
            self.recorder.begin_artifact(canvas, "Pagination")
        else:
            self.recorder.begin_content(canvas, self.element, label=self.label)

    def rewrapped(self, part: Flowable, first: bool) -> Tagged:
        return Tagged(part, self.recorder, self.element, label=self.label if first else None,
                      repeated_as_artifact=self.repeated_as_artifact)


class Decoration(Wrapped):
    """``inner`` drawn as an artifact (a rule, a box's shade); content drawn inside it
    with its own marking (a table's cells) stays content."""

    def __init__(self, inner: Flowable, recorder: Recorder, kind: str = "Layout") -> None:
        super().__init__(inner, recorder)
        self.kind = kind

    def begin_marking(self, canvas: Canvas) -> None:
        self.recorder.begin_artifact(canvas, self.kind)

    def rewrapped(self, part: Flowable, first: bool) -> Decoration:
        return Decoration(part, self.recorder, self.kind)

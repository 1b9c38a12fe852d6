"""The recorder: a document's structure tree, and the marked content drawn for it.

The tree is built with the story, before anything draws (``open``/``close``,
``element``, ``figure``, ``table``, ``list_item``): its order is the reading order the
writer chose, whatever the page layout does. While pages draw, ``content`` and
``artifact`` write the marked-content operators around each flowable with the canvas's
public ``addLiteral`` and note on the element which MCID of which page it received.

At most one marked-content sequence is open at a time: opening one inside another
(a table cell's paragraph inside the table's rules, drawn as an artifact) ends the outer
one first and starts it again, with a new MCID, after the inner one. PDF allows nested
sequences, but an MCID inside an MCID or inside an artifact makes content belong to two
places, which screen readers and checkers read differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from reportlab.pdfgen.canvas import Canvas

# The standard structure types of ISO 32000-1, 14.8.4 (no role map is needed for them).
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB",
    "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
})
ARTIFACT_KINDS = {"Pagination": {None, "Header", "Footer", "Watermark"},
                  "Layout": {None}, "Page": {None}, "Background": {None}}
SCOPES = {"Row", "Column", "Both"}


class MarkedContent(NamedTuple):
    """One marked-content sequence: its page (from 1) and MCID on that page (a named
    tuple: a render makes hundreds, and a frozen dataclass is slower to make)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class LinkAnnotation:
    """A link annotation: its page (from 1), its position among that page's links and
    the description it gets as ``/Contents``."""

    page: int
    index: int
    contents: str


class StructElement:
    """One element of the structure tree: its type, attributes and kids in reading order
    (elements, marked content, link annotations). A plain class with slots, not a
    dataclass: a render makes a few hundred, and the generated ``__init__`` with its
    default factory ran a twentieth of the bytecode tagging adds to a render."""

    __slots__ = ("type", "parent", "alt", "lang", "scope", "kids", "has_content",
                 "span_lang")

    def __init__(self, type_: str, parent: StructElement | None = None,
                 alt: str | None = None, lang: str | None = None,
                 scope: str | None = None) -> None:
        self.type = type_
        self.parent = parent
        self.alt = alt
        self.lang = lang
        self.scope = scope  # TH only: Row, Column or Both
        self.kids: list[StructElement | MarkedContent | LinkAnnotation] = []
        self.has_content = False  # marked content or a link in it, at any depth
        # The language of the CJK runs inside an element of another language: the
        # post-pass marks them as spans (not a key of the element itself).
        self.span_lang: str | None = None

    def __repr__(self) -> str:
        return f"StructElement({self.type!r}, kids={len(self.kids)})"

    def note_content(self) -> None:
        """Mark this element and its ancestors as having content (an element whose
        flowable never drew is left out of the written tree)."""
        element: StructElement | None = self
        while element is not None and not element.has_content:
            element.has_content = True
            element = element.parent

    def add(self, type_: str, *, alt: str | None = None, lang: str | None = None,
            scope: str | None = None) -> StructElement:
        """A new last kid of this element."""
        if type_ not in STANDARD_TYPES:
            raise ValueError(f"'{type_}' is not a standard structure type")
        if scope is not None and (type_ != "TH" or scope not in SCOPES):
            raise ValueError(f"a /Scope of {scope!r} on {type_}: only TH takes Row, "
                             "Column or Both")
        kid = StructElement(type_, self, alt, lang, scope)
        self.kids.append(kid)
        return kid

    def elements(self) -> Iterator[StructElement]:
        """This element and every element under it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, StructElement):
                yield from kid.elements()

    def marked_content(self) -> list[MarkedContent]:
        return [kid for kid in self.kids if isinstance(kid, MarkedContent)]


def describe_link(target: str) -> str:
    """The default ``/Contents`` of a link: the address, or the destination's name."""
    return f"Go to {target[1:]}" if target.startswith("#") else target


@cache
def _artifact_properties(kind: str, subtype: str | None) -> str:
    """An artifact's property list, ``<</Type /Pagination /Subtype /Header>>``."""
    if subtype not in ARTIFACT_KINDS.get(kind, ()):
        raise ValueError(f"not an artifact type: {kind} {subtype or ''}".strip())
    return f"<</Type /{kind}" + (f" /Subtype /{subtype}>>" if subtype else ">>")


class Recorder:
    """The structure tree of one document and the marked content drawn for it."""

    def __init__(self, describe: Callable[[str], str] = describe_link) -> None:
        self.root = StructElement("Document")
        self.describe = describe
        self.links: list[LinkAnnotation] = []
        self._stack = [self.root]
        # Page (from 1) -> the element of each MCID on it, in MCID order: the page's
        # array in the parent tree.
        self.marked: dict[int, list[StructElement]] = {}
        self._links_on: dict[int, int] = {}
        # What is open on the canvas, innermost last: an element, or an artifact's
        # property list.
        self._open: list[StructElement | str] = []
        # (body, label) while the next text object drawn is a label's: see text_object.
        self.label: tuple[StructElement, StructElement] | None = None
        # The language of the CJK runs in the content being drawn (its element's
        # span_lang), and by page the text objects drawn in such content with it: the
        # post-pass marks those runs as spans (``spans``).
        self.run_lang: str | None = None
        self.run_texts: dict[int, list[tuple[str, str]]] = {}

    # The tree, built with the story

    @property
    def current(self) -> StructElement:
        """The element new elements go into."""
        return self._stack[-1]

    def element(self, type_: str, *, alt: str | None = None, lang: str | None = None,
                scope: str | None = None) -> StructElement:
        """A new element, last in the current one."""
        return self.current.add(type_, alt=alt, lang=lang, scope=scope)

    def open(self, type_: str, *, lang: str | None = None) -> StructElement:
        """A new element, last in the current one, which then becomes the current one."""
        element = self.element(type_, lang=lang)
        self._stack.append(element)
        return element

    def close(self, type_: str | None = None) -> StructElement:
        """End the current element (of ``type_``, when given, as a check)."""
        if len(self._stack) == 1:
            raise ValueError("close() without an open element")
        if type_ is not None and self.current.type != type_:
            raise ValueError(f"close('{type_}') while '{self.current.type}' is open")
        return self._stack.pop()

    def figure(self, alt: str, *, lang: str | None = None) -> StructElement:
        """A Figure, which must say what it shows."""
        if not alt or not alt.strip():
            raise ValueError("a Figure needs alternative text")
        return self.element("Figure", alt=alt.strip(), lang=lang)

    def list_item(self) -> tuple[StructElement, StructElement, StructElement]:
        """An LI in the current L, with its Lbl and LBody: (li, label, body)."""
        if self.current.type != "L":
            raise ValueError(f"a list item in '{self.current.type}', not in an L")
        item = self.element("LI")
        return item, item.add("Lbl"), item.add("LBody")

    def table(self, rows: int, columns: int, *, header_rows: int = 1,
              header_columns: int = 0) -> tuple[StructElement, list[list[StructElement]]]:
        """A Table of ``rows`` TR of ``columns`` cells, last in the current element: the
        table and its cells by row. Cells of the first ``header_rows`` rows are TH with
        /Scope Column, of the first ``header_columns`` columns TH with /Scope Row (Both
        where they meet), the rest TD."""
        table = self.element("Table")
        cells = []
        for row in range(rows):
            tr = table.add("TR")
            line = []
            for column in range(columns):
                heads = (row < header_rows, column < header_columns)
                scope = {(True, False): "Column", (False, True): "Row",
                         (True, True): "Both"}.get(heads)
                line.append(tr.add("TH", scope=scope) if scope else tr.add("TD"))
            cells.append(line)
        return table, cells

    # Marked content, while pages draw

    @contextmanager
    def content(self, canvas: Canvas, target: StructElement | str, *,
                lang: str | None = None,
                label: StructElement | None = None) -> Iterator[StructElement]:
        """Everything drawn in the block is content of ``target`` (an element, or the type
        of a new one in the current element). With ``label``, the first text object drawn
        (a Paragraph's bullet, which it draws first) is that label's content instead."""
        element = target if isinstance(target, StructElement) else self.element(
            target, lang=lang)
        self.begin_content(canvas, element, label=label)
        try:
            yield element
        finally:
            self.end(canvas)

    @contextmanager
    def artifact(self, canvas: Canvas, kind: str = "Pagination",
                 subtype: str | None = None) -> Iterator[None]:
        """Everything drawn in the block is an artifact (not read out), except content
        drawn inside it with ``content``."""
        self.begin_artifact(canvas, kind, subtype)
        try:
            yield
        finally:
            self.end(canvas)

    # The same as calls, for the flowables drawn by the hundred (a context manager made
    # per flowable is a measurable part of the tagged render's cost). Where one sequence
    # ends and another begins, the two operators go in one literal: reportlab joins a
    # page's literals with newlines, so the page stream is the same.

    def begin_content(self, canvas: Canvas, element: StructElement, *,
                      label: StructElement | None = None) -> None:
        """What is drawn until ``end`` is content of ``element`` (see ``content``)."""
        begin = self._mark(canvas, element)
        canvas.addLiteral(f"EMC\n{begin}" if self._open else begin)
        self._open.append(element)
        self.run_lang = element.span_lang
        if label is not None:
            self.label = (element, label)

    def begin_artifact(self, canvas: Canvas, kind: str = "Pagination",
                       subtype: str | None = None) -> None:
        """What is drawn until ``end`` is an artifact (see ``artifact``)."""
        properties = _artifact_properties(kind, subtype)
        canvas.addLiteral(f"EMC\n/Artifact {properties} BDC" if self._open
                          else f"/Artifact {properties} BDC")
        self._open.append(properties)
        self.run_lang = None

    def end(self, canvas: Canvas) -> None:
        """End the content or artifact begun last; what was open around it goes on."""
        self.label = None
        self.run_lang = None
        self._open.pop()
        if not self._open:
            canvas.addLiteral("EMC")
            return
        outer = self._open[-1]
        if type(outer) is str:
            canvas.addLiteral(f"EMC\n/Artifact {outer} BDC")
        else:
            canvas.addLiteral(f"EMC\n{self._mark(canvas, outer)}")
            self.run_lang = outer.span_lang

    @contextmanager
    def text_object(self, canvas: Canvas) -> Iterator[None]:
        """Around a text object the canvas draws: while ``label`` is pending (a
        paragraph's bullet), that text object is the label's content."""
        if self.label is None:
            yield
            return
        body, label = self.label
        self.label = None
        canvas.addLiteral(f"EMC\n{self._mark(canvas, label)}")
        try:
            yield
        finally:
            canvas.addLiteral(f"EMC\n{self._mark(canvas, body)}")

    def note_runs(self, canvas: Canvas, code: str) -> None:
        """Note ``code``, a text object drawn on the current page while ``run_lang`` is
        set: its CJK runs are to be marked as spans in that language."""
        self.run_texts.setdefault(canvas.getPageNumber(), []).append((code, self.run_lang))

    def link(self, canvas: Canvas, target: str) -> LinkAnnotation:
        """Note a link annotation made on the current page: a Link element in the element
        whose content is being drawn (the document itself if none is); the annotation,
        whose ``contents`` the canvas writes as its /Contents."""
        page = canvas.getPageNumber()
        index = self._links_on.get(page, 0)
        self._links_on[page] = index + 1
        owner = next((o for o in reversed(self._open) if type(o) is StructElement), self.root)
        annotation = LinkAnnotation(page, index, self.describe(target))
        link = owner.add("Link")
        link.kids.append(annotation)
        link.note_content()
        self.links.append(annotation)
        return annotation

    def _mark(self, canvas: Canvas, element: StructElement) -> str:
        """The next MCID of the current page given to ``element``: its BDC operator."""
        page = canvas.getPageNumber()
        marked = self.marked.get(page)
        if marked is None:
            marked = self.marked[page] = []
        mcid = len(marked)
        marked.append(element)
        element.kids.append(MarkedContent(page, mcid))
        if not element.has_content:
            element.note_content()
        return f"/{element.type} <</MCID {mcid}>> BDC"

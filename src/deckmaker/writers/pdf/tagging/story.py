"""The tagging calls a writer makes while it builds its story, for a tagged build or not.

``Tags(recorder)`` wraps flowables and opens elements; ``Tags(None)`` (an untagged
build, for comparing the two) returns every flowable as it is, opens nothing and marks
nothing, so one story-building code path serves both and the untagged PDF is exactly
what reportlab draws without any mark.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from deckmaker.fonts import has_cjk, is_cjk
from deckmaker.writers.pdf.tagging.flowables import Decoration, Tagged
from deckmaker.writers.pdf.tagging.marks import Recorder, StructElement

# The language a text all in CJK characters is in, by the characters it holds: kana is
# Japanese, hangul Korean, Han alone Chinese.
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))


def languages(text: str, own: str) -> tuple[str | None, str | None]:
    """(the /Lang of an element saying ``text``, the language of its CJK runs) in a
    document in ``own`` ("en"): ("zh", None) for text all in Chinese, (None, "ja") for
    English with a Japanese run, (None, None) for text without CJK letters or in the
    document's own language."""
    if not has_cjk(text):
        return None, None
    letters = [char for char in text if char.isalpha()]
    cjk = [char for char in letters if is_cjk(char)]
    if not cjk:
        return None, None
    lang = _language_of(cjk)
    if lang == own:
        return None, None
    return (lang, None) if len(cjk) == len(letters) else (None, lang)


def _language_of(letters: list[str]) -> str:
    codes = [ord(char) for char in letters]
    for lang, ranges in (("ja", _KANA), ("ko", _HANGUL)):
        if any(low <= code <= high for code in codes for low, high in ranges):
            return lang
    return "zh"


class Tags:
    """A story's tagging calls: to ``recorder``, or to nothing when it is None."""

    def __init__(self, recorder: Recorder | None, language: str = "") -> None:
        self.recorder = recorder
        self.language = language.split("-")[0].lower()  # the document's, "en"

    def element(self, type_: str, *, text: str = "", alt: str | None = None,
                parent: StructElement | None = None) -> StructElement | None:
        """A new element, last in ``parent`` (else the current one); ``text`` its words,
        which give it a /Lang when they are all in another script the fonts tell apart
        (CJK), and its CJK runs theirs when only those are (``languages``)."""
        if self.recorder is None:
            return None
        lang, span_lang = languages(text, self.language) if text else (None, None)
        if parent is not None:
            element = parent.add(type_, alt=alt, lang=lang)
        else:
            element = self.recorder.element(type_, alt=alt, lang=lang)
        element.span_lang = span_lang
        return element

    def say(self, element: StructElement | None, text: str) -> None:
        """Give ``element`` (a table cell) the languages of ``text``, its words."""
        if element is not None:
            element.lang, element.span_lang = languages(text, self.language)

    def open(self, type_: str) -> None:
        if self.recorder is not None:
            self.recorder.open(type_)

    def close(self, type_: str) -> None:
        if self.recorder is not None:
            self.recorder.close(type_)

    def list_item(self) -> tuple[StructElement | None, StructElement | None]:
        """(Lbl, LBody) of a new LI in the current L."""
        if self.recorder is None:
            return None, None
        _, label, body = self.recorder.list_item()
        return label, body

    def table(self, rows: int, columns: int, *, header_rows: int = 1,
              header_columns: int = 0) -> list[list[StructElement | None]]:
        """The cells of a new Table, by row (None everywhere when untagged)."""
        if self.recorder is None:
            return [[None] * columns for _ in range(rows)]
        _, cells = self.recorder.table(rows, columns, header_rows=header_rows,
                                       header_columns=header_columns)
        return cells

    def content(self, flowable: Flowable, element: StructElement | None, *,
                label: StructElement | None = None,
                repeated_as_artifact: bool = False) -> Flowable:
        """``flowable`` drawn as content of ``element``."""
        if self.recorder is None or element is None:
            return flowable
        return Tagged(flowable, self.recorder, element, label=label,
                      repeated_as_artifact=repeated_as_artifact)

    def decoration(self, flowable: Flowable, kind: str = "Layout") -> Flowable:
        """``flowable`` drawn as an artifact (what it draws as content stays content)."""
        if self.recorder is None:
            return flowable
        return Decoration(flowable, self.recorder, kind)

    def drawing(self, canvas: Canvas, element: StructElement | None) -> AbstractContextManager:
        """For a flowable's own canvas calls: what is drawn in the block is ``element``'s."""
        if self.recorder is None or element is None:
            return nullcontext()
        return self.recorder.content(canvas, element)

    def artifact(self, canvas: Canvas, kind: str = "Pagination",
                 subtype: str | None = None) -> AbstractContextManager:
        """For a flowable's or a page's own canvas calls: drawn as an artifact."""
        if self.recorder is None:
            return nullcontext()
        return self.recorder.artifact(canvas, kind, subtype)


UNTAGGED = Tags(None)

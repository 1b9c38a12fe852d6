"""Link annotations written straight to their PDF bytes.

A memo carries about a hundred links (references to evidence and sources, URLs), and
reportlab writes each one through its generic object formatter: some twenty-five
recursive calls and codec look-ups per link, about a twentieth of a memo's render.
Paragraphs make links of two fixed shapes (a jump inside the document, a URI), so
``quick_link`` recognises those two and returns an annotation that writes the same
bytes in one step; anything else, an encrypted document or reportlab's multi-line
setting keeps reportlab's way. Links of one canvas share their targets' bytes: a
memo's hundred links jump to some forty places.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    LinkAnnotation, NoEncryption, PDFArray, PDFDictionary, PDFObject, format,
)

_NUMBER = (int, float)
_URI_KEYS = {"Type", "Subtype", "Rect", "A", "Border"}
_ACTION = {"Type": "/Action", "S": "/URI"}


def _no_border(border) -> bool:
    """Whether ``border`` is the invisible ``[0 0 0]`` platypus gives its links."""
    return isinstance(border, PDFArray) and border.sequence == [0, 0, 0]


def _rect(rect) -> bytes | None:
    """``rect`` as PDF array bytes, or None if it is not four plain numbers."""
    values = rect.sequence if isinstance(rect, PDFArray) else rect
    if isinstance(values, (list, tuple)) and len(values) == 4 \
            and all(type(v) in _NUMBER for v in values):
        return b"[ " + fp_str(*values).encode("ascii") + b" ]"
    return None


class QuickLink(PDFObject):
    """A link annotation with its fixed parts written once; formats to the bytes
    reportlab would write for ``original``. ``targets`` holds the bytes of targets
    already formatted, by identity (shared by the links of one document: its targets
    live as long as it does, and are final once it is saved)."""

    def __init__(self, original, head: bytes, target, tail: bytes,
                 targets: dict[int, bytes]) -> None:
        self.original = original
        self.head, self.target, self.tail = head, target, tail
        self._targets = targets

    def format(self, document) -> bytes:
        if rl_config.pdfMultiLine or not isinstance(document.encrypt, NoEncryption):
            return format(self.original, document, toplevel=1)
        target = self._targets.get(id(self.target))
        if target is None:
            target = self._targets[id(self.target)] = format(self.target, document)
        return self.head + target + self.tail


def quick_link(annotation, targets: dict[int, bytes] | None = None) -> QuickLink | None:
    """A QuickLink for an annotation of either shape paragraphs make, else None; links
    given the same ``targets`` (one per document) share their targets' bytes."""
    targets = {} if targets is None else targets
    if type(annotation) is LinkAnnotation:
        return _internal(annotation, targets)
    if type(annotation) is PDFDictionary:
        return _uri(annotation, targets)
    return None


def _internal(link: LinkAnnotation, targets: dict[int, bytes]) -> QuickLink | None:
    """``<< /Border /Contents /Dest /Rect /Subtype /Type >>``: a jump to a destination."""
    rect = _rect(link.Rect)
    if link.otherkw or link.Contents != "" or not _no_border(link.Border) or rect is None:
        return None
    return QuickLink(link, b"<<\n/Border [ 0 0 0 ] /Contents () /Dest ", link.Destination,
                     b" /Rect " + rect + b" /Subtype /Link /Type /Annot\n>>", targets)


def _uri(link: PDFDictionary, targets: dict[int, bytes]) -> QuickLink | None:
    """``<< /A << /S /Type /URI >> /Border /Rect /Subtype /Type >>``: a URI to open."""
    entries = link.dict
    if entries.keys() != _URI_KEYS or entries["Type"] != "/Annot" \
            or entries["Subtype"] != "/Link" or not _no_border(entries["Border"]):
        return None
    action, rect = entries["A"], _rect(entries["Rect"])
    if type(action) is not PDFDictionary or action.dict.keys() != {*_ACTION, "URI"} \
            or any(action.dict[key] != value for key, value in _ACTION.items()) or rect is None:
        return None
    return QuickLink(link, b"<<\n/A <<\n/S /URI /Type /Action /URI ", action.dict["URI"],
                     b"\n>> /Border [ 0 0 0 ] /Rect " + rect + b" /Subtype /Link /Type /Annot\n>>",
                     targets)

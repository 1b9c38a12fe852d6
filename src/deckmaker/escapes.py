"""Text made safe to show on a terminal: control characters as visible escapes.

A brief's values and file names reach error messages; an escape sequence in them (ANSI
CSI ``\\x1b[``, OSC ``\\x1b]0;title\\x07``, a C1 ``\\x9b``) would act on the terminal,
and a direction override (U+202E) would reorder the line. Shown as ``\\x1b``, ``\\u202e``
(as Python's repr writes them), they are only text.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, direction marks, embeddings, overrides and isolates, and the
# line and paragraph separators (a terminal breaks lines on neither, editors do).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def escape_char(char: str) -> str:
    """``char`` as Python's repr escapes it: ``\\r``, ``\\x1b``, ``\\u202e``."""
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, keep: str = "") -> str:
    """``text`` with every unsafe character but those in ``keep`` shown as its escape."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else escape_char(m.group()),
                       text)


def unsafe_chars(text: str) -> list[str]:
    """The distinct unsafe characters in ``text``, in order of first appearance."""
    return list(dict.fromkeys(_UNSAFE.findall(text)))

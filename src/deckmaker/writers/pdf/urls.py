"""Where a URL shown in full may break: after '/', '-', '.', '?', '&' or '=' only.

Pure: ``url_lines`` takes the width function, so it is tested without reportlab.
reportlab itself breaks a long URL anywhere (mid-word) or only at slashes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BREAK_AFTER = re.compile(r"(?<=[/\-.?&=])")


def url_segments(url: str) -> list[str]:
    """``url`` cut after each break character; joined, the segments are ``url``."""
    return [part for part in _BREAK_AFTER.split(url) if part]


def url_lines(url: str, room: float, width: Callable[[str], float]) -> list[str]:
    """``url`` in lines no wider than ``room``, broken only after break characters; a
    single segment wider than ``room`` is cut between characters (the hard fallback)."""
    lines: list[str] = []
    line = ""
    for segment in url_segments(url):
        if width(line + segment) <= room:
            line += segment
            continue
        if line:
            lines.append(line)
        line = ""
        for char in segment if width(segment) > room else [segment]:
            if line and width(line + char) > room:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines

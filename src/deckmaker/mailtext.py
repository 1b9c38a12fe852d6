"""Text that becomes an email header: what a mail program would decode instead of show.

An RFC 2047 encoded word (``=?utf-8?q?...?=``) in a header is decoded by every mail
program, and by the standard library's own header parser while deckmaker writes the
message: one decoding to a line break and ``Bcc: someone`` became a real header. Header
text is therefore never allowed to hold one."""

from __future__ import annotations

import re

ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[A-Za-z]?\?[^?\s]*\?=")
HINT = ("text of the form '=?…?=', which mail programs decode as encoded header text "
        "instead of showing it; write it differently")


def looks_encoded(text: str) -> bool:
    """Whether ``text`` holds something a mail program would read as an encoded word."""
    return "=?" in text and bool(ENCODED_WORD.search(text))

"""The attachment size policy: warn past the pack's threshold, refuse past the maximum."""

from __future__ import annotations

from collections.abc import Sequence

from deckmaker.errors import RenderError

MB = 1024 * 1024


def attachment_size_warning(what: str, sizes: Sequence[int], *, warn_mb: float,
                            max_mb: float) -> str | None:
    """A warning when ``sizes`` total more than ``warn_mb``; RenderError past ``max_mb``."""
    total = sum(sizes)
    if total > max_mb * MB:
        raise RenderError(
            f"{what}: the attachments total {total / MB:.1f} MB, over the {max_mb:g} MB limit "
            "(Outlook.com refuses messages over 20 MB and base64 encoding adds about a third); "
            "split the briefs into several emails, or raise the limit with --max-size-mb "
            "or the pack's email.max_attachment_mb")
    if total > warn_mb * MB:
        return (f"{what}: the attachments total {total / MB:.1f} MB, over {warn_mb:g} MB; "
                "many corporate mail servers refuse messages of 10-15 MB")
    return None

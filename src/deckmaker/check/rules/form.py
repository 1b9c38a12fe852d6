"""DM3xx: form, so the main message reads in one pass and fits on a slide."""

from __future__ import annotations

from collections.abc import Iterator

from deckmaker.brief.schema import HEADLINE_MAX_CHARS
from deckmaker.check.rule import Hit, Subject, rule
from deckmaker.check.text import prose, visible_length
from deckmaker.sentences import sentences

MAX_BLUF_SENTENCES = 3


@rule("DM301", "long-bluf", "warning", f"The BLUF is longer than {MAX_BLUF_SENTENCES} sentences.")
def long_bluf(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("bluf"):
        spans = sentences(prose(field.text))
        if len(spans) > MAX_BLUF_SENTENCES:
            yield field.hit(spans[MAX_BLUF_SENTENCES][0],
                            f"the BLUF has {len(spans)} sentences; keep it to "
                            f"{MAX_BLUF_SENTENCES} and move the rest into key judgments")


@rule("DM302", "long-fallback-headline", "warning",
      f"A key judgment without 'headline' whose first sentence (shown as the slide title) is "
      f"over {HEADLINE_MAX_CHARS} characters.")
def long_fallback_headline(subject: Subject) -> Iterator[Hit]:
    for field in subject.texts("statement"):
        i = field.path[1]
        if subject.brief.key_judgments[i].headline:
            continue
        start, end = sentences(field.text)[0]
        length = visible_length(field.text[start:end])
        if length > HEADLINE_MAX_CHARS:
            ident = subject.brief.judgment_ids()[i]
            yield field.hit(start, f"key judgment '{ident}' has no headline, so slides show its "
                                   f"first sentence ({length} characters) shortened; add "
                                   f"'headline:' of at most {HEADLINE_MAX_CHARS} characters")

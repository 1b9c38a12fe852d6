"""DM3xx: form, so the main message reads in one pass and fits on a slide."""

from __future__ import annotations

import re
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


# Words that make a title a sentence: auxiliaries, modals, negation, and the verbs charts
# are written with. A title with none of them (nor a word ending in -ed) is a label.
_VERBS = frozenset("""
am is are was were be been being has have had do does did will would shall should can could
may might must not never no longer cannot
rise rises rose risen fall falls fell fallen grow grows grew grown lead leads led hold holds held
make makes made take takes took see sees saw win wins won lose loses lost keep keeps kept
send sends sent spend spends spent build builds built begin begins began become becomes became
come comes came go goes went give gives gave get gets got meet meets met stay stays remain
remains peak peaks drop drops dip dips climb climbs surge surges soar soars slump slumps
double doubles triple triples halve halves exceed exceeds outpace outpaces overtake overtakes
outnumber outnumbers surpass surpasses dominate dominates account accounts trail trails lag
lags top tops reach reaches hit hits stall stalls shrink shrinks shrank widen widens narrow
narrows stop stops continue continues increase increases decrease decreases decline declines
""".split())
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_FIGURE_PREFIX = re.compile(r"^\s*(?:fig(?:ure)?\.?\s*\d+\s*[:.–—-]\s*)", re.IGNORECASE)


def is_label(title: str) -> bool:
    """Whether a figure title names its data ("meetings per year") instead of saying what
    it shows ("Xi and Kim have not met since 2019"): no verb among its words."""
    words = [w.lower() for w in _WORD.findall(_FIGURE_PREFIX.sub("", title))]
    return not any(w in _VERBS or w.endswith(("ed", "n't", "n’t")) for w in words)


@rule("DM303", "figure-label-title", "info",
      "A figure's title is a label (no verb: 'Figure 1: meetings per year') instead of what "
      "the chart shows.")
def figure_label_title(subject: Subject) -> Iterator[Hit]:
    for i, item in enumerate(subject.brief.evidence):
        if item.figure and is_label(item.figure.title):
            yield Hit(("evidence", i, "figure", "title"),
                      f"the figure of evidence '{item.id}' has a label for a title; write what "
                      "the chart shows, e.g. 'Xi and Kim have not met since 2019'")

"""Every fragment key deckmaker renders from a pack's ``text.yaml`` and the variables
it passes to it: the one declarative table of what a pack's wording may use.

``tests/test_fragments.py`` reads every ``text("...", ...)`` / ``t("...", ...)`` call
in the source and fails when this table and the calls disagree, so it cannot drift;
``deckmaker pack check`` compares a pack's fragments with it, and
``scripts/fragment_table.py`` prints it for docs/template-packs.md. A key written with
a computed part in the source (``f"section.{key}"``) is listed once per value it takes.
"""

from __future__ import annotations

SECTION_KEYS = ("bluf", "key_judgments", "evidence", "implications", "recommendations",
                "indicators", "sources", "estimative_language")
CONFIDENCE_LEVELS = ("high", "moderate", "low")
CHART_KINDS = ("bar", "column", "line", "pie")
# The sections whose speaker notes open with their own fragment (deck.notes_<key>).
NOTED_SECTIONS = ("recommendations", "indicators")

FRAGMENT_VARIABLES: dict[str, tuple[str, ...]] = {
    "date": ("day", "month", "month_name", "year"),
    **{f"section.{key}": () for key in SECTION_KEYS},
    "number.judgment": ("n",),
    "number.evidence": ("n",),
    "number.source": ("n",),
    "number.figure": ("n",),
    "figure.source": ("label", "title", "publisher", "date"),
    **{f"figure.alt_kind.{kind}": () for kind in CHART_KINDS},
    "figure.alt_source": ("label",),
    "judgment.confidence": ("level",),
    "judgment.likelihood": ("term", "range"),
    "judgment.evidence_intro": (),
    "evidence.quote_by": ("by",),
    "evidence.sources_intro": (),
    "evidence.supports": (),
    "implications.general": (),
    "implications.for": ("actor",),
    "recommendation.owner": ("owner",),
    "memo.kind": (),
    "memo.prepared_by": ("author",),
    "memo.prepared_for": ("prepared_for",),
    "memo.date": ("date",),
    "memo.summary_of": ("title", "author", "publisher", "date"),
    "memo.footer": ("short_title", "date", "marking"),
    "memo.page_number": ("page", "pages"),
    "memo.figure_caption": ("label", "title"),
    "memo.overview": (),
    "memo.organisation": (),
    "memo.address": (),
    "memo.language": (),
    "deck.continued": ("title", "part"),
    "deck.footer_undated": ("short_title", "marking"),
    "deck.figure_slide": ("label", "title"),
    "deck.likelihood_short": ("term",),
    "deck.more": ("count",),
    "deck.notes_key": ("text",),
    "deck.notes_points": (),
    "deck.notes_caveat": ("confidence", "meaning"),
    "deck.notes_full": (),
    "deck.notes_overview": ("count",),
    "deck.notes_implications": ("actors",),
    **{f"deck.notes_{key}": () for key in NOTED_SECTIONS},
    "deck.notes_closing": (),
    "deck.notes_backup": ("names",),
    "deck.notes_evidence": (),
    "deck.notes_sources": (),
    "deck.overview": (),
    "deck.overview_range": ("first", "last"),
    "deck.questions": (),
    "deck.backup": (),
    **{f"estimative.confidence.{level}": () for level in CONFIDENCE_LEVELS},
    "estimative.intro": ("scale",),
    "estimative.term_header": (),
    "estimative.range_header": (),
    "estimative.confidence_header": (),
    "estimative.meaning_header": (),
    # The email's subject lines get the banner's text (marking) and its TLP label alone.
    "email.subject": ("title", "date", "marking", "tlp"),
    "email.digest_subject": ("date", "count", "marking", "tlp"),
    "email.digest_intro": ("count",),
    "email.attachments_intro": (),
    "email.digest_attachments_intro": (),
    "email.files": ("names",),
    "email.source_intro": (),
    "email.logo_alt": (),
}

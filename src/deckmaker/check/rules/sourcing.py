"""DM2xx: sourcing and traceability (in the spirit of ICD 206)."""

from __future__ import annotations

from collections.abc import Iterator

from deckmaker.check.rule import Hit, Subject, rule


@rule("DM201", "judgment-without-evidence", "warning", "A key judgment cites no evidence.")
def judgment_without_evidence(subject: Subject) -> Iterator[Hit]:
    for i, ident, kj in subject.judgments():
        if not kj.evidence:
            yield Hit(("key_judgments", i, "evidence"),
                      f"key judgment '{ident}' cites no evidence; list evidence ids under "
                      "'evidence:'")


@rule("DM202", "evidence-without-source", "warning", "An evidence item names no source.")
def evidence_without_source(subject: Subject) -> Iterator[Hit]:
    for i, item in enumerate(subject.brief.evidence):
        if not item.sources:
            yield Hit(("evidence", i, "sources"),
                      f"evidence '{item.id}' has no source; list source ids under 'sources:'")


@rule("DM203", "uncited-source", "warning", "A source is never cited by any evidence item.")
def uncited_source(subject: Subject) -> Iterator[Hit]:
    cited = {ref for item in subject.brief.evidence for ref in item.sources}
    for i, source in enumerate(subject.brief.sources):
        if source.id not in cited:
            yield Hit(("sources", i, "id"),
                      f"source '{source.id}' is never cited; cite it in an evidence item's "
                      "'sources:' or remove it")


@rule("DM204", "undated-or-unlinked-source", "warning", "A source has no date or no URL.")
def undated_or_unlinked_source(subject: Subject) -> Iterator[Hit]:
    for i, source in enumerate(subject.brief.sources):
        missing = [(name, fix) for name, fix, value in (
            ("date", "'date: YYYY-MM-DD'", source.date),
            ("url", "'url: https://...'", source.url)) if value is None]
        if missing:
            names, fixes = zip(*missing, strict=True)
            yield Hit(("sources", i), f"source '{source.id}' has no {' or '.join(names)}; "
                                      f"add {' and '.join(fixes)}")

"""The email's plan: what each body says, decided from Documents without any MIME or jinja2.

A single briefing shows the pack's logo, the marking banner, the BLUF, the key judgments
(the brief's headline when it gives one, the statement, the likelihood chip and the
confidence mark), the implications, the recommendations and the source. A digest shows
a short section per brief (banner, BLUF, judgment headlines) under one banner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from deckmaker.inline import is_safe_link
from deckmaker.model import (
    ConfidenceMark, Document, ImplicationGroup, Judgment, Marking, RecommendationItem,
)
from deckmaker.tlp import TLP_LABELS
from deckmaker.writers.email.logo import EmailLogo
from deckmaker.writers.email.rich import Rich, link_html, rich
from deckmaker.writers.email.style import email_palette, font_stacks

# Between the markings of a digest's banner, e.g. "TLP:RED / SECRET//NOFORN".
MARKING_SEPARATOR = " / "


@dataclass(frozen=True)
class BannerView:
    """A marking banner: TLP labels sit right as FIRST asks, other markings centred as
    in the memo and deck."""

    text: str
    foreground: str
    background: str
    align: str  # "right" | "center"


@dataclass(frozen=True)
class LikelihoodChip:
    """The judgment's leading chip: the likelihood's word and its range."""

    word: str  # "Likely"
    range: str | None  # "55–80%"
    text: str  # both, as the pack words them: "Likely (55–80%)"


@dataclass(frozen=True)
class JudgmentView:
    label: str
    statement: Rich
    headline: Rich
    headline_given: bool  # False: the headline is only the statement's first sentence
    likelihood: LikelihoodChip | None
    confidence: ConfidenceMark | None  # dots and word, in one neutral colour


@dataclass(frozen=True)
class LogoView:
    """The pack's logo as the HTML shows it: the related part it names, its text
    alternative (the organisation's name) and its size in CSS px."""

    src: str  # "cid:…"
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class ImplicationView:
    heading: str
    items: tuple[Rich, ...]


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation and who should act on it (the pack's wording), if the brief says."""

    text: Rich
    owner: str | None


@dataclass(frozen=True)
class BriefView:
    """One brief as the email shows it; all wording already rendered by the pack."""

    title: str
    subtitle: str | None
    kind_text: str
    header_lines: tuple[str, ...]
    marking: BannerView | None  # the section's own banner: in a digest of briefs marked unalike
    bluf_title: str
    bluf: tuple[Rich, ...]
    judgments_title: str
    judgments: tuple[JudgmentView, ...]
    implications_title: str
    implications: tuple[ImplicationView, ...]
    recommendations_title: str
    recommendations: tuple[RecommendationView, ...]
    source_intro: str
    source_line: str | None
    source_link: Markup | None
    source_url: str | None
    files_text: str | None


@dataclass(frozen=True)
class EmailView:
    """Everything the body templates need: subject, banner, briefs, colours and fonts."""

    subject: str
    language: str  # BCP 47, the first brief's: <html lang>
    digest: bool
    logo: LogoView | None
    marking: BannerView | None
    intro: str | None
    attachments_intro: str | None
    briefs: tuple[BriefView, ...]
    palette: dict[str, Any]  # the pack's, plus the tints of deckmaker.writers.email.style
    fonts: dict[str, str]  # CSS font stacks: "body" (serif) and "heading" (sans-serif)


def plan_email(docs: Sequence[Document], attachment_names: Sequence[Sequence[str]], *,
               digest: bool, logo: EmailLogo | None = None) -> EmailView:
    """The view of one email about ``docs``; ``attachment_names[i]`` lists ``docs[i]``'s files;
    ``logo`` is the first brief's pack logo, when it has one."""
    if not docs:
        raise ValueError("an email needs at least one brief")
    first = docs[0]
    markings = [d.marking for d in docs]
    marking = shared_marking(markings)
    # The subject fragment gets the whole banner text and, for packs written before
    # free-text markings reached the subject, the TLP label alone.
    labels = {"marking": marking.text if marking else "",
              "tlp": marking.tlp if marking and marking.tlp else ""}
    has_files = any(attachment_names)
    if digest:
        latest = max(docs, key=lambda d: d.date)
        subject = first.text("email.digest_subject", date=latest.date_text, count=len(docs),
                             **labels)
        intro = first.text("email.digest_intro", count=len(docs))
        attachments_intro = first.text("email.digest_attachments_intro") if has_files else None
    else:
        subject = first.text("email.subject", title=first.title, date=first.date_text, **labels)
        intro = None
        attachments_intro = first.text("email.attachments_intro") if has_files else None
    # Briefs marked alike share the top banner; otherwise each section shows its own.
    section_banners = digest and len(set(markings)) > 1
    palette = email_palette(first.theme.palette)
    briefs = tuple(_brief_view(doc, names, digest=digest, banner=section_banners,
                               link=palette["link"])
                   for doc, names in zip(docs, attachment_names, strict=True))
    logo_view = LogoView(logo.src, first.text("email.logo_alt"), logo.width, logo.height) \
        if logo else None
    return EmailView(subject, first.language, digest, logo_view, banner_view(marking), intro,
                     attachments_intro, briefs, palette, font_stacks(first.theme))


def banner_view(marking: Marking | None) -> BannerView | None:
    """The banner of ``marking``: right-aligned when it leads with a TLP label."""
    if marking is None:
        return None
    return BannerView(marking.text, marking.foreground, marking.background,
                      "right" if marking.tlp else "center")


def shared_marking(markings: Sequence[Marking | None]) -> Marking | None:
    """The banner heading an email about briefs with ``markings``, None when none has one.

    A handling marking must never be lost: the banner is the strictest TLP label of the
    briefs followed by every distinct free-text marking, joined by " / ", in the TLP
    label's colours when there is one. Briefs without a marking do not lower it.
    """
    present = list(dict.fromkeys(m for m in markings if m is not None))
    if len(present) <= 1:
        return present[0] if present else None
    labelled = [m for m in present if m.tlp in TLP_LABELS]
    strictest = [max(labelled, key=lambda m: TLP_LABELS.index(m.tlp))] if labelled else []
    parts = strictest + [m for m in present if m not in labelled]
    lead = parts[0]
    return Marking(MARKING_SEPARATOR.join(m.text for m in parts), lead.tlp, lead.foreground,
                   lead.background)


def _brief_view(doc: Document, names: Sequence[str], *, digest: bool, banner: bool,
                link: str) -> BriefView:
    # A source URL that is not http(s)/mailto is left out rather than shown as a dead link.
    source_url = doc.source_url.strip() if doc.source_url and is_safe_link(doc.source_url) \
        else None
    return BriefView(
        title=doc.title, subtitle=doc.subtitle, kind_text=doc.kind_text,
        header_lines=doc.header_lines, marking=banner_view(doc.marking) if banner else None,
        bluf_title=doc.text("section.bluf"), bluf=tuple(rich(p.spans, link) for p in doc.bluf),
        judgments_title=doc.text("section.key_judgments"),
        judgments=tuple(_judgment_view(j, link) for j in doc.judgments),
        implications_title=doc.text("section.implications"),
        implications=() if digest else tuple(
            ImplicationView(g.heading, tuple(rich(i, link) for i in g.items))
            for g in doc.blocks_of(ImplicationGroup)),
        recommendations_title=doc.text("section.recommendations"),
        recommendations=() if digest else tuple(
            RecommendationView(rich(r.text, link), r.owner_text)
            for r in doc.blocks_of(RecommendationItem)),
        source_intro=doc.text("email.source_intro"), source_line=doc.source_line,
        source_link=link_html(source_url, source_url, link) if source_url else None,
        source_url=source_url,
        files_text=doc.text("email.files", names=", ".join(names)) if digest and names else None,
    )


def _judgment_view(judgment: Judgment, link: str) -> JudgmentView:
    # compose sets the word, range and text together, from the judgment's likelihood.
    chip = LikelihoodChip(judgment.likelihood_word, judgment.likelihood_range,
                          judgment.likelihood_text) \
        if judgment.likelihood_word and judgment.likelihood_text else None
    return JudgmentView(
        label=judgment.label, statement=rich(judgment.statement, link),
        headline=rich(judgment.headline, link), headline_given=judgment.headline_given,
        likelihood=chip, confidence=judgment.confidence_mark,
    )

"""The email writer: MIME structure, subject, draft headers, escaping, digest, reproducibility.

Attachments here are stand-in bytes (the command tests attach the real memo and
deck); what matters is that they come back out of the parsed .eml unchanged.
"""

from __future__ import annotations

import email
import re
import shutil
import subprocess
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser

import pytest
import yaml
from markupsafe import escape

from deckmaker.build import Attachment, load_document
from deckmaker.errors import RenderError
from deckmaker.formats import MEDIA_TYPES
from deckmaker.inline import plain_text
from deckmaker.model import RecommendationItem
from deckmaker.synthetic import HOSTILE, synthetic_brief
from deckmaker.colours import contrast_ratio, mixed
from deckmaker.writers.email import Envelope, compose_message, message_bytes, render_draft
from deckmaker.pack import load_pack
from deckmaker.writers.email.content import shared_marking
from deckmaker.writers.email.style import email_palette
from deckmaker.writers.email.size import MB, attachment_size_warning
from tests.conftest import SAMPLE

# Bytes that stress the transfer encoding: NUL, CR/LF, lines that start with a dot.
PDF_BYTES = b"%PDF-1.7\r\n.\r\n..hidden\n\x00\xff" * 300
PPTX_BYTES = b"PK\x03\x04" + bytes(range(256)) * 40


def fake_attachments(stem: str) -> list[Attachment]:
    return [Attachment(f"{stem}.pdf", MEDIA_TYPES["pdf"], PDF_BYTES),
            Attachment(f"{stem}.pptx", MEDIA_TYPES["pptx"], PPTX_BYTES)]


def ignore(_message: str) -> None:
    """The ``warn`` of drafts whose warnings these tests do not look at."""


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def subject_of(message: EmailMessage) -> str:
    """The Subject as a mail client shows it. A subject folded right after "Subject:"
    (valid RFC 5322) keeps a leading space in Python's parser before 3.13 (gh-124452)."""
    return message["Subject"].strip()


def bodies(message: EmailMessage) -> tuple[str, str]:
    return (message.get_body(("plain",)).get_content(),
            message.get_body(("html",)).get_content())


@pytest.fixture(scope="module")
def sample_eml(sample_doc) -> bytes:
    return render_draft(sample_doc, fake_attachments(sample_doc.stem), ignore)


@pytest.fixture
def hostile_doc(tmp_path, pack):
    """A synthetic brief (hostile strings in KJ1) with a javascript: link in the BLUF."""
    data = synthetic_brief()
    data["bluf"] += " [click me](javascript:alert(1)) and <a href='javascript:x'>raw</a>."
    data["implications"][0]["text"] = HOSTILE
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_document(path, pack)


@pytest.fixture
def marked_doc(tmp_path, pack):
    """A synthetic brief with ``marking`` (None: no marking at all), saved as ``stem``."""
    def make(stem: str, marking: str | None):
        data = synthetic_brief(judgments=2, evidence=2, figures=0)
        data.pop("marking")
        if marking:
            data["marking"] = marking
        path = tmp_path / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        return load_document(path, pack)
    return make


class _Banners(HTMLParser):
    """The text of every marking banner (a cell of class "banner"), in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.banners: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "td" and dict(attrs).get("class") == "banner":
            self._inside = True
            self.banners.append("")

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "td"

    def handle_data(self, data):
        if self._inside:
            self.banners[-1] += data


def banners_of(html: str) -> list[str]:
    parser = _Banners()
    parser.feed(html)
    return parser.banners


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_draft_is_mixed_with_alternative_bodies_and_both_attachments(sample_eml, sample_doc):
    message = parse(sample_eml)
    assert message.get_content_type() == "multipart/mixed"
    alternative, pdf, pptx = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    assert pdf.get_content_type() == "application/pdf"
    assert pptx.get_content_type() == MEDIA_TYPES["pptx"]
    assert [pdf.get_filename(), pptx.get_filename()] == [f"{sample_doc.stem}.pdf",
                                                         f"{sample_doc.stem}.pptx"]
    assert [pdf.get_content_disposition(), pptx.get_content_disposition()] == ["attachment"] * 2
    assert pdf.get_content() == PDF_BYTES
    assert pptx.get_content() == PPTX_BYTES


def test_draft_headers_subject_has_tlp_label_first_and_nothing_forced(sample_eml, sample_doc):
    message = parse(sample_eml)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == f"TLP:CLEAR {sample_doc.title} ({sample_doc.date_text})"
    for forced in ("Date", "From", "Message-ID", "To"):
        assert forced not in message


@pytest.mark.parametrize("marking", ["SECRET//NOFORN", "TLP:AMBER+STRICT"])
def test_subject_starts_with_any_marking(marked_doc, marking):
    doc = marked_doc("one", marking)
    message = parse(render_draft(doc, [], ignore))
    assert subject_of(message) == f"{marking} {doc.title} ({doc.date_text})"


def test_subject_of_an_unmarked_brief_is_title_and_date(marked_doc):
    doc = marked_doc("one", None)
    assert subject_of(parse(render_draft(doc, [], ignore))) == f"{doc.title} ({doc.date_text})"


def test_draft_is_byte_reproducible_with_crlf_line_ends(sample_doc, sample_eml):
    again = render_draft(sample_doc, fake_attachments(sample_doc.stem), ignore)
    assert again == sample_eml
    assert re.search(rb"(?<!\r)\n", sample_eml) is None
    assert b"\r\n" in sample_eml


def test_message_bytes_match_the_standard_generator(sample_doc, hostile_doc):
    """The one-write serialiser gives exactly the library's bytes, mixed line ends included."""
    mixed = EmailMessage(policy=policy.SMTP)
    mixed.set_payload("one\r\ntwo\rthree\nfour\n\r")
    for message in (compose_message([(sample_doc, fake_attachments("m"))]),
                    compose_message([(hostile_doc, [])]), mixed):
        assert message_bytes(message) == message.as_bytes(policy=policy.SMTP)


def test_boundaries_follow_the_content(sample_doc, sample_eml):
    changed = fake_attachments(sample_doc.stem)
    changed[0] = Attachment(changed[0].filename, changed[0].media_type, b"%PDF other")
    other = render_draft(sample_doc, changed, ignore)
    boundaries = set(re.findall(rb'boundary="([^"]+)"', sample_eml))
    assert len(boundaries) == 2
    assert boundaries.isdisjoint(re.findall(rb'boundary="([^"]+)"', other))


def test_bodies_lead_with_the_banner_then_bluf_judgments_implications_source(sample_eml,
                                                                             sample_doc):
    text, html = bodies(parse(sample_eml))
    assert text.splitlines()[0] == "[TLP:CLEAR]"
    kj1 = sample_doc.judgments[0]
    text_flat = " ".join(text.split())
    for wanted in (kj1.confidence_text, kj1.likelihood_text, "IMPLICATIONS",
                   sample_doc.source_url):
        assert wanted in text_flat
    order = [html.index(s) for s in ("TLP:CLEAR", "Bottom line up front", kj1.label,
                                     str(escape(kj1.confidence_text)), "Implications",
                                     "Source:", str(escape(sample_doc.source_url)))]
    assert order == sorted(order)
    banner = next(attrs for tag, attrs in tags_of(html) if tag == "td"
                  and "#000000" in (attrs.get("style") or ""))
    assert "color:#FFFFFF" in banner["style"]  # TLP:CLEAR is white on black (FIRST)


def test_bodies_give_every_recommendation_and_who_acts_after_the_implications(sample_eml,
                                                                              sample_doc):
    """The memo and the deck end on the recommendations; the email says them too, in
    both bodies, numbered, each with its owner, between the implications and the source."""
    text, html = bodies(parse(sample_eml))
    text_flat, html_flat = " ".join(text.split()), " ".join(html.split())
    recommendations = list(sample_doc.blocks_of(RecommendationItem))
    assert recommendations
    for number, rec in enumerate(recommendations, 1):
        words = plain_text(rec.text)
        assert f"{number}. {words}" in text_flat
        assert str(escape(words)) in html_flat and str(escape(rec.owner_text)) in html_flat
        assert rec.owner_text in text_flat
    order = [text.index(s) for s in ("IMPLICATIONS", "RECOMMENDATIONS",
                                     sample_doc.source_url)]
    assert order == sorted(order)


def test_html_is_self_contained_with_inline_css(sample_eml):
    """Styles are inline; the one <style> block only narrows the margins on phones."""
    _, html = bodies(parse(sample_eml))
    tags = tags_of(html)
    assert not any(tag in ("img", "link", "script") for tag, _ in tags)
    assert [tag for tag, _ in tags].count("style") == 1
    block = html[html.index("<style>"):html.index("</style>")]
    assert block.count("{") == 3 and "@media only screen and (max-width: 480px)" in block
    assert any("style" in attrs for _, attrs in tags)


def test_hostile_text_is_escaped_and_links_are_only_http_or_mailto(hostile_doc):
    message = parse(render_draft(hostile_doc, [], ignore))
    text, html = bodies(message)
    assert "<script" not in html.lower()
    assert str(escape(HOSTILE)) in html
    assert "<b>not bold</b>" not in html
    for tag, attrs in tags_of(html):
        assert tag not in ("img", "script", "iframe", "object")
        assert not [name for name in attrs if name.startswith("on")]
        if "href" in attrs:
            assert attrs["href"].split(":", 1)[0] in ("http", "https", "mailto")
    assert 'href="https://example.org/bluf"' in html
    assert " ".join(HOSTILE.split()) in " ".join(text.split())


def test_without_attachments_the_message_is_only_the_two_bodies(hostile_doc):
    message = parse(render_draft(hostile_doc, [], ignore))
    assert message.get_content_type() == "multipart/alternative"
    assert "Attached:" not in bodies(message)[0]


def test_non_ascii_filenames_are_rfc2231_encoded(sample_doc):
    files = [Attachment("Übersicht 北京.pdf", MEDIA_TYPES["pdf"], PDF_BYTES)]
    data = render_draft(sample_doc, files, ignore)
    assert b"filename*=utf-8''%C3%9Cbersicht%20%E5%8C%97%E4%BA%AC.pdf" in data
    assert [p.get_filename() for p in parse(data).iter_attachments()] == ["Übersicht 北京.pdf"]


def test_envelope_addresses_become_headers(sample_doc):
    envelope = Envelope(to=("Zoë Analyst <zoe@example.org>",), cc=("a@example.org",),
                        bcc=("b@example.org",), sender="desk@example.org")
    message = parse(message_bytes(compose_message([(sample_doc, [])], envelope=envelope)))
    assert message["To"].addresses[0].display_name == "Zoë Analyst"
    assert [message["Cc"], message["Bcc"], message["From"]] == [
        "a@example.org", "b@example.org", "desk@example.org"]


def test_message_to_send_has_no_draft_header(sample_doc):
    message = compose_message([(sample_doc, [])], draft=False)
    assert "X-Unsent" not in message


def test_digest_has_one_section_per_brief_and_every_file(sample_doc, hostile_doc):
    items = [(sample_doc, fake_attachments(sample_doc.stem)),
             (hostile_doc, fake_attachments(hostile_doc.stem))]
    message = parse(message_bytes(compose_message(items, digest=True)))
    latest = max((sample_doc, hostile_doc), key=lambda d: d.date)
    # Marked TLP:CLEAR and TLP:AMBER: the digest carries the stricter label.
    assert message["Subject"] == f"TLP:AMBER Briefing digest - {latest.date_text} (2 briefs)"
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "russia-north-korea-china.pdf", "russia-north-korea-china.pptx",
        "hostile.pdf", "hostile.pptx"]
    text, html = bodies(message)
    for doc in (sample_doc, hostile_doc):
        assert str(escape(doc.title)) in html
        assert doc.title.upper() in text
    assert html.count(">TLP:CLEAR<") == 1  # the CLEAR brief's own banner; AMBER is on top
    assert "<script" not in html.lower()


def test_shared_marking_is_common_or_strictest_tlp(sample_doc, hostile_doc):
    clear, amber = sample_doc.marking, hostile_doc.marking
    assert shared_marking([clear, clear]) == clear
    assert shared_marking([clear, amber]) == amber
    assert shared_marking([clear, None]) == clear  # an unmarked brief does not lower it
    assert shared_marking([None, None]) is None


# Brief markings -> the digest's top banner: the strictest TLP label, then every distinct
# free-text marking; briefs without a marking never lower it.
DIGEST_MARKINGS = [
    (["TLP:CLEAR", "TLP:RED", "AT&T <b>x</b>"], "TLP:RED / AT&T <b>x</b>"),
    ([None, "TLP:RED"], "TLP:RED"),
    (["SECRET//NOFORN", "TLP:AMBER"], "TLP:AMBER / SECRET//NOFORN"),
    (["TLP:GREEN", "TLP:AMBER+STRICT", "TLP:AMBER"], "TLP:AMBER+STRICT"),
    (["SECRET//NOFORN", None, "SECRET//NOFORN", "EYES ONLY"], "SECRET//NOFORN / EYES ONLY"),
]


@pytest.mark.parametrize(("markings", "top"), DIGEST_MARKINGS)
def test_digest_keeps_every_handling_marking_on_top_and_each_on_its_section(
        marked_doc, markings, top):
    docs = [marked_doc(f"b{i}", marking) for i, marking in enumerate(markings)]
    message = parse(message_bytes(compose_message([(d, []) for d in docs], digest=True)))
    assert subject_of(message).startswith(f"{top} Briefing digest - ")
    text, html = bodies(message)
    assert text.splitlines()[0] == f"[{top}]"
    assert text.rstrip().splitlines()[-1] == f"[{top}]"
    own = [m for m in markings if m]
    assert banners_of(html) == [top, *own, top]
    for marking in own:
        assert f"[{marking}]" in text


def test_digest_of_briefs_marked_alike_has_only_the_top_banner(marked_doc):
    docs = [marked_doc(stem, "TLP:GREEN") for stem in ("a", "b")]
    html = bodies(parse(message_bytes(compose_message([(d, []) for d in docs],
                                                      digest=True))))[1]
    assert banners_of(html) == ["TLP:GREEN", "TLP:GREEN"]


def html_of(doc, digest: bool = False) -> str:
    return bodies(parse(message_bytes(compose_message([(doc, [])], digest=digest))))[1]




@pytest.mark.parametrize("pack_name", ["default", "memo-us"])
def test_every_colour_comes_from_the_pack(pack_name):
    doc = load_document(SAMPLE, load_pack(pack_name))
    html = html_of(doc)
    palette = email_palette(doc.theme.palette)
    allowed = {v.upper() for v in palette.values() if isinstance(v, str)}
    allowed |= {doc.marking.foreground.upper(), doc.marking.background.upper()}
    allowed |= {j.confidence_mark.colour.upper() for j in doc.judgments}
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", html)}
    assert used <= allowed, used - allowed
    assert palette["backdrop"] in html and palette["on_primary_label"] in html
    for tint in ("on_primary", "on_primary_label", "on_primary_subtitle"):
        assert contrast_ratio(palette[tint], palette["primary"]) >= 4.5, tint


def test_packs_with_other_colours_get_other_tints():
    default = email_palette(load_pack().config.palette.model_dump())
    us = email_palette(load_pack("memo-us").config.palette.model_dump())
    assert default["on_primary_label"] != us["on_primary_label"]
    assert mixed("#000000", "#FFFFFF", 0.25) == "#BFBFBF"


@pytest.mark.parametrize(("marking", "align"), [
    ("TLP:AMBER", "right"), ("SECRET//NOFORN", "center")])
def test_tlp_banners_sit_right_and_free_text_markings_centred(marked_doc, marking, align):
    html = html_of(marked_doc("one", marking))
    cells = [attrs for tag, attrs in tags_of(html) if attrs.get("class") == "banner"]
    assert len(cells) == 2
    assert all(c["align"] == align and f"text-align:{align};" in c["style"] for c in cells)


def test_a_given_headline_is_bold_above_the_statement(sample_doc):
    kj = sample_doc.judgments[0]
    assert kj.headline_given
    text, html = bodies(parse(message_bytes(compose_message([(sample_doc, [])]))))
    headline, statement = str(rich_html(kj.headline)), str(rich_html(kj.statement))
    assert 0 < html.index(headline) < html.index(statement)
    assert re.search(r"<h3 [^>]*font-weight:bold;[^>]*>" + re.escape(headline) + "</h3>", html)
    flat = " ".join(text.split())
    assert f"{kj.label} {plain(kj.headline)} {plain(kj.statement)}" in flat


def test_a_digest_shows_headlines_only(sample_doc):
    html = html_of(sample_doc, digest=True)
    kj = sample_doc.judgments[0]
    assert str(rich_html(kj.headline)) in html
    assert str(rich_html(kj.statement)) not in html


def test_without_a_headline_the_statement_is_shown_once(tmp_path, pack):
    data = synthetic_brief(judgments=2, evidence=2, figures=0)
    for kj in data["key_judgments"]:
        kj.pop("headline", None)
    path = tmp_path / "plain.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    doc = load_document(path, pack)
    kj = doc.judgments[0]
    assert not kj.headline_given
    text, html = bodies(parse(message_bytes(compose_message([(doc, [])]))))
    assert html.count(str(rich_html(kj.headline))) == 1  # inside the statement only
    assert " ".join(text.split()).count(plain(kj.headline)) == 1


def test_type_matches_the_memo_sans_headings_serif_body(sample_doc):
    tags = tags_of(html_of(sample_doc))
    style = {tag: attrs["style"] for tag, attrs in reversed(tags) if tag in ("h1", "h2", "li")}
    heading_stack = "font-family:'Noto Sans', Arial, Helvetica, sans-serif;"
    body_stack = "font-family:'Noto Serif', Georgia, 'Times New Roman', serif;"
    assert heading_stack in style["h1"] and heading_stack in style["h2"]
    assert body_stack in style["li"]


def rich_html(spans):
    from deckmaker.writers.email.rich import rich

    return rich(spans, "#000000").html


def plain(spans) -> str:
    return " ".join("".join(span.text for span in spans).split())


def test_size_policy_warns_then_refuses():
    assert attachment_size_warning("x.eml", [MB], warn_mb=10, max_mb=20) is None
    assert "11.0 MB" in attachment_size_warning("x.eml", [6 * MB, 5 * MB], warn_mb=10, max_mb=20)
    with pytest.raises(RenderError, match="over the 20 MB limit"):
        attachment_size_warning("x.eml", [21 * MB], warn_mb=10, max_mb=20)


def test_draft_refuses_attachments_past_the_pack_maximum(sample_doc):
    huge = [Attachment("big.pdf", MEDIA_TYPES["pdf"], bytes(21 * MB))]
    with pytest.raises(RenderError, match="big|20 MB"):
        render_draft(sample_doc, huge, ignore)



CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Lays the page out at a given width (headless Chromium windows are at least 500 px wide,
# so the width is set on the root element), then records the right edge of the rightmost
# element, of every marking banner and the email's width: "right banner width".
WIDTH_PROBE = """<script>
document.documentElement.style.width = "{width}px";
const right = (nodes) => Math.max(0, ...Array.from(nodes, n => n.getBoundingClientRect().right));
const email = document.querySelector("td[align=center] > table");
document.body.dataset.probe = [right(document.body.querySelectorAll("*")),
  right(document.querySelectorAll("td.banner")), email.getBoundingClientRect().width]
  .map(Math.round).join(" ");
</script>"""


def laid_out(html: str, width: int, folder) -> tuple[int, int, int]:
    """(rightmost element, rightmost banner edge, email width) in px at ``width``."""
    page = folder / f"probe-{width}.html"
    page.write_text(html.replace("</body>", WIDTH_PROBE.format(width=width) + "</body>"),
                    "utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    probe = re.search(r'data-probe="([\d ]+)"', dom)
    assert probe, dom[-500:]
    return tuple(int(n) for n in probe[1].split())  # type: ignore[return-value]


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium")
def test_html_fits_a_phone_and_stays_640_px_on_a_desktop(tmp_path, pack):
    """Long unbroken words wrap and the right-aligned banner stays on screen at 420 px."""
    data = synthetic_brief(judgments=2, evidence=2, figures=0)
    data["title"] = "Supercalifragilisticexpialidocious" * 3
    data["bluf"] = f"See https://example.org/{'x' * 150} and {'Donaudampfschiff' * 6}."
    data["marking"] = "SECRET//NOFORN//ORCON//REL TO USA, FVEY"
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    html = bodies(parse(render_draft(load_document(path, pack), [], ignore)))[1]
    rightmost, banner, _ = laid_out(html, 420, tmp_path)
    assert rightmost <= 420
    assert 400 <= banner <= 420
    rightmost, banner, email_width = laid_out(html, 900, tmp_path)
    assert email_width == 640
    assert banner == (900 + 640) // 2

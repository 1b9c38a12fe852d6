"""The email's HTML for screen readers and low vision: checked by axe-core in Chromium (a
checker no one here wrote), then the promises axe cannot see read back from the HTML.

axe runs every rule of its default set except two page-level landmark rules (see
``PAGE_RULES``): 0 violations on the sample (default and memo-us packs, and with a logo),
a minimal brief, a multi-script brief, the 25-judgment brief with figures and a digest.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml
from PIL import Image

from deckmaker.build import load_document
from deckmaker.colours import contrast_ratio
from deckmaker.pack import load_pack
from deckmaker.writers.email import compose_message, message_bytes
from tests.conftest import SAMPLE
from tests.writers.email.conftest import client_html, open_page, parse

# An email is shown inside a mail client's own page (webmail), whose landmarks hold it: a
# main landmark of its own would duplicate the client's. It is an ARIA article instead
# (role="article", named by the subject), the practice of accessible-email guides, so the
# two rules about a whole page's landmarks do not apply.
PAGE_RULES = ("landmark-one-main", "region")
# Rules that must have found something to check in every email, so a run that checked
# nothing cannot pass (and link-name, image-alt where the email has links, images).
MUST_APPLY = ("html-has-lang", "html-lang-valid", "document-title", "color-contrast",
              "heading-order", "page-has-heading-one", "presentation-role-conflict")
WIDTH = 600


def write_brief(folder, name: str, data: dict):
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


MINIMAL = {"title": "A minimal brief", "date": "2025-02-10",
           "bluf": "One sentence is the whole bottom line.",
           "key_judgments": [{"id": "kj1", "statement": "One judgment, with no evidence."}],
           "implications": [{"text": "One implication."}]}


def multi_script(data: dict) -> dict:
    """The sample in Latin, Cyrillic, Greek, Chinese and Korean (title, BLUF, judgments,
    implications)."""
    data["title"] = "俄朝同盟削弱北京在朝鲜半岛的影响力"
    data["subtitle"] = "러시아와 북한의 군사 협력은 중국의 이익에 반한다"
    data["bluf"] = ("Москва и Пхеньян углубляют военное сотрудничество; η Αθήνα παρακολουθεί. "
                    "中国对平壤的影响力正在减弱。 한반도의 안정이 흔들리고 있다.")
    data["key_judgments"][0]["headline"] = "Россия ослабляет влияние Китая на Пхеньян"
    data["key_judgments"][1]["statement"] = "북한은 러시아의 지원으로 더 대담해질 가능성이 높다."
    data["implications"][0]["text"] = "Пекин теряет рычаги влияния — διπλωματική απομόνωση."
    return data


@pytest.fixture(scope="module")
def logo_pack(tmp_path_factory):
    """A pack extending the default with a 240 x 80 teal PNG logo and its alt text."""
    folder = tmp_path_factory.mktemp("logo-pack")
    Image.new("RGB", (240, 80), (15, 123, 138)).save(folder / "logo.png")
    (folder / "pack.yaml").write_text("name: logo\nextends: default\noptions:\n  logo: logo.png\n")
    (folder / "text.yaml").write_text('email:\n  logo_alt: "Northeast Asia Desk"\n')
    return load_pack(folder)


@pytest.fixture(scope="module")
def emails(sample_doc, large_doc, pack, logo_pack, tmp_path_factory) -> dict[str, bytes]:
    """The .eml of each brief the issue names, by name."""
    folder = tmp_path_factory.mktemp("a11y")
    sample = yaml.safe_load(SAMPLE.read_text("utf-8"))
    minimal = load_document(write_brief(folder, "minimal", MINIMAL), pack)
    docs = {
        "sample": sample_doc,
        "sample-memo-us": load_document(SAMPLE, load_pack("memo-us")),
        "sample-logo": load_document(SAMPLE, logo_pack),
        "minimal": minimal,
        "multi-script": load_document(write_brief(folder, "multi", multi_script(sample)), pack),
        "large-25-judgments": large_doc,
    }
    out = {name: message_bytes(compose_message([(doc, [])])) for name, doc in docs.items()}
    out["digest"] = message_bytes(compose_message([(sample_doc, []), (minimal, [])],
                                                  digest=True))
    return out


def axe_run(page, axe_script: str) -> dict:
    page.add_script_tag(content=axe_script)
    rules = {rule: {"enabled": False} for rule in PAGE_RULES}
    return page.evaluate("rules => axe.run(document, {rules})", rules)


def described(results: dict, kind: str) -> list[str]:
    return [f"{r['id']}: {r['help']} at {[n['target'] for n in r['nodes']]}"
            for r in results[kind]]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample", "sample-memo-us", "sample-logo", "minimal",
                                  "multi-script", "large-25-judgments", "digest"])
def test_axe_finds_no_violation(browser, axe_script, emails, name):
    html = client_html(parse(emails[name]))
    page = open_page(browser, html, WIDTH)
    results = axe_run(page, axe_script)
    page.close()
    assert described(results, "violations") == []
    must = {*MUST_APPLY, *(["link-name"] if "<a " in html else []),
            *(["image-alt"] if "<img " in html else [])}
    assert ("image-alt" in must) == (name == "sample-logo")
    applied = {r["id"] for r in results["passes"]}
    assert must <= applied, must - applied
    # axe leaves the colour of the confidence dots to us (text of symbols only): they are
    # hidden from screen readers, and test_confidence_dots_contrast checks their colour.
    for result in results["incomplete"]:
        assert result["id"] == "color-contrast", described(results, "incomplete")
        for node in result["nodes"]:
            assert node["html"].startswith('<span aria-hidden="true"'), node["html"]


@pytest.mark.slow
def test_axe_as_run_here_finds_what_the_email_must_not_do(browser, axe_script, emails):
    """The harness reports violations: the sample without its lang, with a skipped heading
    level, an image without alt text and a pale line of text."""
    html = client_html(parse(emails["sample"])).replace('<html lang="en">', "<html>")
    html = html.replace("<h1 ", "<h3 ", 1).replace("</h1>", "</h3>", 1)
    html = html.replace("</body>", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                                   '<p style="color:#BBBBBB">pale</p></body>')
    page = open_page(browser, html, WIDTH)
    found = {r["id"] for r in axe_run(page, axe_script)["violations"]}
    page.close()
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
    assert "heading-order" in found or "page-has-heading-one" in found


class _Outline(HTMLParser):
    """Headings (level, text), image alts, the html element's lang and every table's role."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.lang: str | None = None
        self.table_roles: list[str | None] = []
        self.images: list[dict[str, str | None]] = []
        self._heading: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "table":
            self.table_roles.append(attributes.get("role"))
        elif tag == "img":
            self.images.append(attributes)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading}":
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def outline(data: bytes) -> _Outline:
    parser = _Outline()
    parser.feed(parse(data).get_body(("html",)).get_content())
    return parser


def test_html_names_its_language_and_lays_out_with_presentation_tables(emails, tmp_path, pack):
    for name, data in emails.items():
        read = outline(data)
        assert read.lang == "en", name
        assert read.table_roles and set(read.table_roles) == {"presentation"}, name
    data = dict(MINIMAL, language="fr")
    doc = load_document(write_brief(tmp_path, "fr", data), pack)
    html = parse(message_bytes(compose_message([(doc, [])]))).get_body(("html",)).get_content()
    assert '<html lang="fr">' in html
    assert 'role="article" aria-roledescription="email"' in html and 'lang="fr"' in html


def test_headings_title_then_sections_then_headlines_never_skipping(emails, sample_doc):
    read = outline(emails["sample"])
    levels = [level for level, _ in read.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    texts = [" ".join(text.split()) for _, text in read.headings]
    assert texts[:3] == [sample_doc.title, "Bottom line up front", "Key judgments"]
    headline = "Russia’s embrace of Pyongyang is draining China’s leverage over Kim"
    assert (3, headline) in [(level, " ".join(t.split())) for level, t in read.headings]
    assert (3, "For China") in read.headings
    digest = [level for level, _ in outline(emails["digest"]).headings]
    assert digest.count(1) == 2 and all(b <= a + 1 for a, b in zip(digest, digest[1:],
                                                                     strict=False))


def test_confidence_mark_is_dots_and_word_in_one_neutral_colour(emails, sample_doc):
    html = parse(emails["sample"]).get_body(("html",)).get_content()
    kj = sample_doc.judgments[0]
    mark = kj.confidence_mark
    assert (mark.dots, mark.text) == ("●●○", "Moderate confidence")
    assert (f'<span aria-hidden="true" style="color:{mark.colour};letter-spacing:1px;">'
            f'{mark.dots}</span> {mark.text}</span>') in html
    # The likelihood leads, as a chip: its word, then its range.
    chip = re.search(r'<span class="likelihood"[^>]*><strong>([^<]+)</strong> ([^<]+)</span>',
                     html)
    assert chip and chip.groups() == (kj.likelihood_word, kj.likelihood_range) == \
        ("Very likely", "80–95%")
    assert html.index('class="likelihood"') < html.index('class="confidence"')
    # No traffic-light colour anywhere: every confidence colour of the pack is one.
    assert len({j.confidence_mark.colour for j in sample_doc.judgments}) == 1
    text = parse(emails["sample"]).get_body(("plain",)).get_content()
    assert "Very likely (80–95%) | ●●○ Moderate confidence" in text


@pytest.mark.parametrize("pack_name", ["default", "memo-us"])
def test_confidence_dots_contrast(pack_name):
    """The dots' colour, which axe leaves unchecked (symbols only), on the email's white."""
    doc = load_document(SAMPLE, load_pack(pack_name))
    for kj in doc.judgments:
        assert contrast_ratio(kj.confidence_mark.colour, doc.theme.palette["background"]) >= 4.5


def test_plain_text_part_says_everything_the_html_does(emails):
    """Every piece of text the HTML shows is in the plain-text part too (whitespace aside;
    the plain part spells out link targets and capitalises headings)."""
    for name, data in emails.items():
        message = parse(data)
        html = message.get_body(("html",)).get_content()
        text = " ".join(message.get_body(("plain",)).get_content().split()).casefold()
        for piece in visible_texts(html):
            assert piece.casefold() in text, (name, piece)


class _Texts(HTMLParser):
    """The text of each element, split at tags, without the head and hidden dots."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "head") or dict(attrs).get("aria-hidden") == "true":
            self._skip += 1

    def handle_endtag(self, tag):
        if self._skip and tag in ("title", "head", "span"):
            self._skip -= 1

    def handle_data(self, data):
        # The header lines share one HTML line, " · " between them; the plain part has
        # one line each.
        for piece in " ".join(data.replace("\xa0", " ").split()).split(" · "):
            if piece and not self._skip:
                self.pieces.append(piece)


def visible_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.pieces


def test_a_packs_traffic_light_colours_tint_only_the_dots(tmp_path):
    """A pack may still colour its confidence levels: the dots take it, the words never."""
    folder = tmp_path / "rag"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "name: rag\nextends: default\npalette:\n  confidence: "
        "{high: '#1E6F43', moderate: '#9A6B00', low: '#B42318'}\n")
    doc = load_document(SAMPLE, load_pack(folder))
    html = parse(message_bytes(compose_message([(doc, [])]))).get_body(("html",)).get_content()
    marks = re.findall(r'<span class="confidence"[^>]*><span aria-hidden="true" '
                       r'style="color:(#[0-9A-F]{6});[^"]*">[●○]+</span> ([^<]+)</span>', html)
    assert marks == [(kj.confidence_mark.colour, kj.confidence_mark.text)
                     for kj in doc.judgments]
    assert {colour for colour, _ in marks} == {"#1E6F43", "#9A6B00", "#B42318"}
    paragraph = re.search(r'<p style="[^"]*color:(#[0-9A-F]{6});">\s*<span class="likelihood"',
                          html)
    assert paragraph and paragraph[1] == doc.theme.palette["text"]

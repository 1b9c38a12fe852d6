"""The pack's logo in the email: an inline related part the HTML names by Content-ID,
above the banner, with alt text; read back with the stdlib email parser and in Chromium."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from deckmaker.build import load_document
from deckmaker.errors import InvalidInput
from deckmaker.pack import load_pack
from deckmaker.writers.email import compose_message, message_bytes
from deckmaker.writers.email.logo import LOGO_MAX_HEIGHT, email_logo
from tests.conftest import SAMPLE
from tests.writers.email.conftest import client_html, open_page, parse
from tests.writers.test_email import banners_of, tags_of

TEAL = (15, 123, 138)


def make_pack(folder, image: Image.Image | None, *, alt: str | None = "Northeast Asia Desk",
              fmt: str = "PNG"):
    """A pack extending the default, with ``image`` as its logo when given."""
    folder.mkdir()
    pack_yaml = "name: logo\nextends: default\n"
    if image is not None:
        name = f"logo.{fmt.lower()}"
        image.save(folder / name, fmt)
        pack_yaml += f"options:\n  logo: {name}\n"
    (folder / "pack.yaml").write_text(pack_yaml)
    if alt is not None:
        (folder / "text.yaml").write_text(f'email:\n  logo_alt: "{alt}"\n')
    return load_pack(folder)


@pytest.fixture(scope="module")
def logo_doc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logo") / "pack"
    return load_document(SAMPLE, make_pack(folder, Image.new("RGB", (240, 80), TEAL)))


@pytest.fixture(scope="module")
def logo_eml(logo_doc) -> bytes:
    return message_bytes(compose_message([(logo_doc, [])]))


def test_the_logo_is_a_related_png_part_the_img_names(logo_eml, logo_doc):
    message = parse(logo_eml)
    assert message.get_content_type() == "multipart/alternative"
    plain, related = message.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, logo = related.iter_parts()
    assert html_part.get_content_type() == "text/html"
    assert logo.get_content_type() == "image/png"
    assert logo.get_content_disposition() == "inline"
    assert logo.get_filename() == "logo.png"  # the pack's own file name stays private
    assert logo.get_content() == logo_doc.theme.logo.read_bytes()
    content_id = logo["Content-ID"]
    assert content_id.startswith("<logo.") and content_id.endswith("@deckmaker.invalid>")
    images = [attrs for tag, attrs in tags_of(html_part.get_content()) if tag == "img"]
    assert images == [{"src": f"cid:{content_id[1:-1]}", "alt": "Northeast Asia Desk",
                       "width": "144", "height": "48", "style": images[0]["style"]}]
    assert "http" not in images[0]["src"]


def test_the_logo_sits_above_the_banner(logo_eml):
    html = parse(logo_eml).get_body(("html",)).get_content()
    assert banners_of(html) == ["TLP:CLEAR", "TLP:CLEAR"]
    assert html.index("<img ") < html.index('class="banner"')


def test_with_attachments_the_related_part_stays_inside_the_alternative(logo_doc):
    from tests.writers.test_email import fake_attachments

    message = parse(message_bytes(compose_message([(logo_doc, fake_attachments("x"))])))
    assert message.get_content_type() == "multipart/mixed"
    alternative, pdf, pptx = message.iter_parts()
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain", "multipart/related"]
    assert [a.get_filename() for a in message.iter_attachments()] == ["x.pdf", "x.pptx"]


def test_no_logo_no_image_and_no_related_part(sample_doc):
    message = parse(message_bytes(compose_message([(sample_doc, [])])))
    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/alternative", "text/plain", "text/html"]
    assert not [tag for tag, _ in tags_of(message.get_body(("html",)).get_content())
                if tag == "img"]


def test_the_message_with_a_logo_is_byte_reproducible(logo_doc, logo_eml):
    assert message_bytes(compose_message([(logo_doc, [])])) == logo_eml


@pytest.mark.slow
def test_chromium_shows_the_logo_at_its_size(browser, logo_eml, tmp_path):
    """Resolved from its part as a mail client does, the logo loads and its teal pixels
    fill the img's box at the top left of the email (a screenshot, read back with Pillow)."""
    page = open_page(browser, client_html(parse(logo_eml)), 600)
    box = page.evaluate("""() => { const img = document.querySelector('img');
        const r = img.getBoundingClientRect();
        return {loaded: img.complete && img.naturalWidth, x: r.x, y: r.y,
                width: r.width, height: r.height}; }""")
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    page.close()
    assert box["loaded"] == 240
    assert (box["width"], box["height"]) == (144, 48)
    middle = (int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
    assert shot.getpixel(middle) == TEAL
    # Nothing above it but the email's edge: it is the first thing in the card.
    assert box["y"] < 60


@pytest.mark.parametrize(("size", "shown"), [
    ((240, 80), (144, 48)),  # scaled to the height
    ((800, 100), (200, 25)),  # a wide logo: scaled to the width
    ((30, 20), (30, 20)),  # small: never enlarged
])
def test_shown_size_keeps_the_aspect_and_the_box(tmp_path, size, shown):
    path = tmp_path / "logo.png"
    Image.new("RGB", size, TEAL).save(path)
    logo = email_logo(path)
    assert (logo.width, logo.height) == shown
    assert logo.height <= LOGO_MAX_HEIGHT


def test_a_jpeg_logo_is_an_image_jpeg_part(tmp_path):
    pack = make_pack(tmp_path / "pack", Image.new("RGB", (120, 60), TEAL), fmt="JPEG")
    message = parse(message_bytes(compose_message([(load_document(SAMPLE, pack), [])])))
    logo = next(p for p in message.walk() if p.get("Content-ID"))
    assert (logo.get_content_type(), logo.get_filename()) == ("image/jpeg", "logo.jpg")
    html = message.get_body(("html",)).get_content()
    assert 'width="96" height="48"' in html


@pytest.mark.parametrize(("content", "message"), [
    (b"GIF89a" + bytes(20), "the pack's logo is not a PNG or JPEG image"),
    (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(8),
     "the pack's logo is not a readable PNG image"),
])
def test_a_logo_replaced_by_something_else_after_loading_is_refused_by_name(
        tmp_path, content, message):
    path = tmp_path / "logo.png"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message) as caught:
        email_logo(path)
    assert str(caught.value).startswith(str(path))
    assert str(caught.value).endswith("; save it as PNG (options.logo in pack.yaml names it)")


def test_the_default_alt_text_is_the_packs_wording(tmp_path):
    pack = make_pack(tmp_path / "pack", Image.new("RGB", (240, 80), TEAL), alt=None)
    html = parse(message_bytes(compose_message([(load_document(SAMPLE, pack), [])]))) \
        .get_body(("html",)).get_content()
    assert 'alt="Logo"' in html

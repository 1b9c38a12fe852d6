"""Text measurement with the pack's real font metrics."""

from __future__ import annotations

import pytest

from deckmaker import textfit
from deckmaker.textfit import Para, Run


@pytest.fixture(scope="module")
def faces(pack):
    from deckmaker.compose import theme_of

    return textfit.deck_fonts(theme_of(pack))


def _para(text: str, size: float = 20, **kw) -> Para:
    return Para((Run(text),), size, **kw)


def test_widths_come_from_the_font(faces):
    narrow = textfit.text_width("iiii", faces, 20)
    wide = textfit.text_width("WWWW", faces, 20)
    assert 0 < narrow < wide
    assert textfit.text_width("WWWW", faces, 40) == pytest.approx(2 * wide)
    assert textfit.text_width("abc", faces, 20, bold=True) > textfit.text_width("abc", faces, 20)


def test_short_text_is_one_line_and_long_text_wraps(faces):
    assert textfit.line_count(_para("Bottom line"), faces, 400) == 1
    long = _para("deterrence " * 40)
    lines = textfit.line_count(long, faces, 400)
    assert lines > 5
    assert textfit.line_count(long, faces, 200) > lines
    assert textfit.paragraph_height(long, faces, 400) == pytest.approx(lines * 20 * 1.2)


def test_no_line_is_wider_than_the_box(faces):
    words = ("alliance leverage deterrence sanctions treaty summit " * 6).split()
    width = 300
    count = textfit.line_count(_para(" ".join(words)), faces, width)
    # Rebuild lines greedily by hand and check each fits the safe width.
    line, lines = "", []
    for word in words:
        candidate = f"{line} {word}".strip()
        if textfit.text_width(candidate, faces, 20) > width * textfit.WIDTH_SAFETY:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    assert count == len(lines)


def test_cjk_and_unbreakable_words_wrap_between_characters(faces):
    assert textfit.line_count(_para("中文文本换行测试" * 10), faces, 200) > 3
    url = _para("https://example.org/" + "a" * 200)
    assert textfit.line_count(url, faces, 200) > 3


def test_indent_and_space_before(faces):
    text = "sanctions treaty summit " * 8
    plain = textfit.line_count(_para(text), faces, 300)
    assert textfit.line_count(_para(text, indent=150), faces, 300) > plain
    paras = [_para("a", space_before=10), _para("b", space_before=10)]
    assert textfit.text_height(paras, faces, 300) == pytest.approx(2 * 24 + 10)


def test_largest_fitting_size_and_the_split_signal(faces):
    text = "regional stability alliance " * 12

    def height(size):
        return textfit.text_height([_para(text, size)], faces, 500)

    size = textfit.largest_fitting_size(height, 120, (16, 28))
    assert size is not None and 16 <= size <= 28
    assert height(size) <= 120 and (size == 28 or height(size + 1) > 120)
    assert textfit.largest_fitting_size(height, 10, (16, 28)) is None


def test_characters_the_deck_font_lacks_are_measured_in_the_cjk_fallback(faces):
    if faces.cjk is None:
        pytest.skip("no CJK fallback font on this machine")
    from reportlab.pdfbase.ttfonts import TTFontFile

    path, subfont = faces.cjk
    widths = TTFontFile(str(path), subfontIndex=subfont).charWidths
    text = "①②③ㄅㄆ中文，"  # circled numbers: 0.6 em if guessed, 1 em in the CJK font
    expected = sum(widths[ord(c)] for c in text) / 1000 * 10
    assert textfit.text_width(text, faces, 10) == pytest.approx(expected)
    guessed = textfit.Fonts(faces.faces)
    assert textfit.text_width(text, guessed, 10) < expected - 1
    assert textfit.line_count(_para("①" * 40, 10), faces, 200) \
        > textfit.line_count(_para("①" * 40, 10), guessed, 200)


def test_deck_fonts_take_the_first_fallback_family(pack):
    from dataclasses import replace

    from deckmaker.compose import theme_of

    theme = theme_of(pack)
    assert textfit.deck_fonts(replace(theme, fallback_fonts=())).cjk is None
    fallback = ("Some CJK Sans", theme.deck_font.regular, 0)
    fonts = textfit.deck_fonts(replace(theme, fallback_fonts=(fallback,)))
    assert fonts.cjk_family == "Some CJK Sans" and fonts.cjk == (theme.deck_font.regular, 0)


def test_wrap_breaks_between_words_as_line_count_does(faces):
    text = "The Spirit of Camp David: Joint Statement of Japan, the Republic of Korea " * 2
    lines = textfit.wrap(text, faces, 20, 300, 400)
    assert " ".join(lines) == text.strip() and len(lines) > 2
    widths = [300] + [400] * (len(lines) - 1)
    for line, width in zip(lines, widths, strict=True):
        assert textfit.line_count(_para(line, 20), faces, width) == 1
    long_word = textfit.wrap("x" * 300, faces, 20, 300, 300)
    assert "".join(long_word) == "x" * 300 and len(long_word) > 1
    assert textfit.wrap("", faces, 20, 300, 300) == []


def test_cached_measurements_depend_on_face_size_and_width(faces):
    """Token widths are cached per run and line counts per width: asking again, in
    another face or at another width, must not return an earlier answer."""
    text = "deterrence leverage sanctions " * 6
    regular = [textfit.line_count(_para(text), faces, w) for w in (150, 300, 600, 150)]
    bold = [textfit.line_count(Para((Run(text, bold=True),), 20), faces, w)
            for w in (150, 300, 600)]
    assert regular[0] == regular[3] > regular[1] > regular[2]
    assert textfit.text_width(text, faces, 20, bold=True) > textfit.text_width(text, faces, 20)
    assert sum(bold) >= sum(regular[:3])


def test_fonts_hash_is_not_carried_into_another_process(faces):
    import pickle

    hash(faces)
    copy = pickle.loads(pickle.dumps(faces))
    assert "_hash" not in vars(copy) and copy == faces and hash(copy) == hash(faces)


def test_an_edited_deck_font_is_measured_afresh(pack, tmp_path):
    """A long-running watch must not keep measuring a font file as it was before an edit."""
    import os
    import shutil
    from dataclasses import replace

    from deckmaker.compose import theme_of

    theme = theme_of(pack)
    regular = tmp_path / "Deck-Regular.ttf"
    shutil.copyfile(theme.deck_font.regular, regular)
    deck = replace(theme, deck_font=replace(theme.deck_font, regular=regular),
                   fallback_fonts=())
    text = "Regional stability " * 8
    before = textfit.text_width(text, textfit.deck_fonts(deck), 10)
    assert textfit.line_count(_para(text, 10), textfit.deck_fonts(deck), 200) > 1
    shutil.copyfile(theme.deck_font.bold, regular)  # the face edited to a wider one
    os.utime(regular, ns=(1, 1))
    assert textfit.text_width(text, textfit.deck_fonts(deck), 10) > before
    bold = textfit.deck_fonts(replace(deck, deck_font=replace(deck.deck_font,
                                                              regular=theme.deck_font.bold)))
    assert textfit.line_count(_para(text, 10), textfit.deck_fonts(deck), 200) \
        == textfit.line_count(_para(text, 10), bold, 200)

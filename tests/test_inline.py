"""The brief's inline markup: only bold, italic and safe links; the rest is literal."""

from __future__ import annotations

import pytest

from deckmaker.inline import Span, is_safe_link, parse_inline, plain_text, shorten


def test_bold_italic_and_link():
    assert parse_inline("a **b** *c* [d](https://x.org) e") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "),
        Span("d", href="https://x.org"), Span(" e"))


@pytest.mark.parametrize("text", [
    "AT&T", "0.1 < x", "<img src=x>", '<font color="red">', "{{ 7*7 }}", "{% if x %}",
    "back\\slash \\n", "2*3*4", "a * b", "x ** y ** z", "**", "[no link](ftp://x)",
])
def test_everything_else_is_literal(text):
    assert parse_inline(text) == (Span(text),)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
                                 "JAVASCRIPT:x", "//evil.org", "mailto:"])
def test_unsafe_targets_never_become_links(url):
    spans = parse_inline(f"[click]({url})")
    assert all(span.href is None for span in spans)
    assert plain_text(spans) == f"[click]({url})"


def test_safe_link_schemes():
    assert is_safe_link("https://a.org/x") and is_safe_link("mailto:desk@example.org")
    assert not is_safe_link("https://")


def test_nested_emphasis():
    assert parse_inline("*it **bo** it*") == (
        Span("it ", italic=True), Span("bo", bold=True, italic=True), Span(" it", italic=True))


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Alpha Beta Gamma", 30, "Alpha Beta Gamma"),
    ("Alpha Beta Gamma", 11, "Alpha Beta…"),   # a cut just after a word keeps it
    ("Alpha Beta Gamma", 9, "Alpha…"),
    ("Moscow-Pyongyang Alignment", 18, "Moscow-Pyongyang…"),
    ("Moscow-Pyongyang Alignment", 16, "Moscow…"),  # inside a hyphenated word: at the hyphen
    ("Supercalifragilistic", 8, "Superca…"),
])
def test_shorten_cuts_between_words(text, limit, expected):
    assert shorten(text, limit) == expected

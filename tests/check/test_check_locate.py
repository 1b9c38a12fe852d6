"""Mapping an offset inside a YAML scalar's value back to the file's line and column."""

from __future__ import annotations

import pytest
import yaml

from deckmaker.check.locate import SourceText

CASES = [
    ("plain", "k: one two\n  three four\n", "four"),
    ("folded with comment", "k: >-  # note\n  one two\n  three four\n", "four"),
    ("literal, more indented", "k: |\n  one\n    two three\n", "three"),
    ("single quoted", "k: 'it''s one\n  two'\n", "two"),
    ("double quoted escapes", 'k: "a\\u2019b \\"c\\" \\x41\\tfour"\n', "four"),
    ("double quoted continuation", 'k: "one \\\n  two four"\n', "four"),
    ("windows line ends", "k: >\r\n  one\r\n  four\r\n", "four"),
    ("unicode line separator", "k: >\u2028  one\u2028  four\n", "four"),
]


@pytest.mark.parametrize(("style", "source", "word"), CASES, ids=[c[0] for c in CASES])
def test_locate_finds_the_word_in_the_source(style, source, word):
    node = yaml.compose(source).value[0][1]
    scalar_at = (node.start_mark.line + 1, node.start_mark.column + 1)
    located = SourceText(source).locate(scalar_at, node.value, node.value.index(word))
    line, column = located
    lines = source.splitlines()  # splits at every break PyYAML counts, too
    assert lines[line - 1][column - 1:].startswith(word), (style, located)


def test_position_and_index_are_inverse():
    text = SourceText("ab\ncd\n\nef")
    assert text.position(text.index(4, 2)) == (4, 2)
    assert text.position(0) == (1, 1)
    assert text.position(3) == (2, 1)

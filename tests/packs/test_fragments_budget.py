"""Bounded fragments (deckmaker.packsafety.budget): a pack fragment that loops, repeats,
recurses or computes past its budget, or fails as it renders, is a located pack error
naming its key, never a hang, never an internal error; fragments may not load files."""

from __future__ import annotations

import pytest

from deckmaker.errors import InvalidInput
from deckmaker.pack import load_pack
from tests.packs.helpers import build, child_pack, error_lines

BUDGET = "; fragments are wording: keep loops, ranges and repeated text small"
OVER = "hostile/text.yaml:1:1: date: the fragment runs past its budget ({}){}"

CASES = {
    "range 10**9": ("{% for i in range(10**9) %}x{% endfor %}",
                    OVER.format("range() of more than 10000 items", BUDGET)),
    "nested loops": ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}"
                     "{% endfor %}", OVER.format("a loop of more than 10000 steps", BUDGET)),
    "loop over a long string": ("{% for c in 'x' * 100000 %}{% endfor %}",
                                OVER.format("a loop of more than 10000 steps", BUDGET)),
    "string repetition": ("{{ 'x' * 10**9 }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "list repetition": ("{{ [0] * 10**9 }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "concatenation": ("{{ ('x' * 60000) + ('x' * 60000) }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "power tower": ("{{ 7 ** (7 ** 10) }}", OVER.format("a power of more than 4096 bits",
                                                        BUDGET)),
    "huge product": ("{{ (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000)"
                     " }}", OVER.format("a product of more than 4096 bits", BUDGET)),
    "macro recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
                        OVER.format("calls nested more than 32 deep (a macro calling itself?)",
                                    BUDGET)),
    "namespace doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                           "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
                           OVER.format("text or a list of more than 100000 characters or items",
                                       BUDGET)),
    "percent width": ("{{ '%999999999d' % 1 }}", OVER.format(
        "a format width of more than 100000", BUDGET)),
    "percent star width": ("{{ '%*d' % (10**9, 1) }}", OVER.format(
        "a '*' width in a %-format", BUDGET)),
    "format width": ("{{ '{:>999999999}'.format(1) }}", OVER.format(
        "a format width of more than 100000", BUDGET)),
    "replace empty": ("{{ 'abc' | replace('', 'x' * 50000) }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "batch fill": ("{{ [1] | batch(10**9, 'x') | list }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "center": ("{{ 'x' | center(10**9) }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "str method width": ("{{ 'x'.ljust(10**9) }}", OVER.format(
        "text or a list of more than 100000 characters or items", BUDGET)),
    "output flood": ("{% for i in range(10000) %}{{ 'y' * 100000 }}{% endfor %}",
                     OVER.format("more than 1000000 characters of output", BUDGET)),
    "division by zero": ("{{ year / 0 }}", "hostile/text.yaml:1:1: date: the fragment fails as "
                         "it renders (ZeroDivisionError: division by zero); correct the fragment"),
    "text plus a number": ("{{ month_name + 1 }}", "hostile/text.yaml:1:1: date: the "
                           "fragment fails as it renders (TypeError: can only concatenate str "
                           '(not "int") to str); correct the fragment'),
    "lipsum removed": ("{{ lipsum(10**6) }}", "hostile/text.yaml:1:1: date: 'lipsum' is "
                       "undefined; check the fragment's variables"),
    "sandbox escape": ("{{ ''.__class__.__mro__ }}", "hostile/text.yaml:1:1: date: access to "
                       "attribute '__class__' of 'str' object is unsafe.; check the fragment's "
                       "variables"),
    "list mutation": ("{% set l = [] %}{{ l.append(1) }}", "hostile/text.yaml:1:1: date: "
                      "access to attribute 'append' of 'list' object is unsafe.; check the "
                      "fragment's variables"),
}
LOADING = "; a fragment is one piece of wording (an email body template may include other " \
          "files of the pack)"
REFUSED = {
    "include /etc/passwd": "{% include '/etc/passwd' %}",
    "import": "{% import 'email/body.txt.j2' as b %}",
    "from import": "{% from 'x.j2' import m %}",
    "extends": "{% extends 'email/body.txt.j2' %}",
    "include computed": "{% include month_name %}",
}


def _pack(tmp_path, fragment: str):
    escaped = fragment.replace("\\", "\\\\").replace('"', '\\"')
    return child_pack(tmp_path / "hostile", text=f'date: "{escaped}"\n')


@pytest.mark.parametrize("case", CASES)
def test_a_fragment_over_budget_or_failing_is_located(tmp_path, case):
    fragment, message = CASES[case]
    run = build(tmp_path, _pack(tmp_path, fragment), formats="pdf")
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [message]
    assert "internal error" not in run.stderr


@pytest.mark.parametrize("case", REFUSED)
def test_a_fragment_may_not_load_templates(tmp_path, case):
    run = build(tmp_path, _pack(tmp_path, REFUSED[case]), formats="pdf")
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == ["hostile/text.yaml:1:1: date: a fragment may not use include, "
                                "import, from or extends" + LOADING]


def test_the_wall_clock_limit_stops_a_slow_render(tmp_path, monkeypatch):
    from deckmaker.packsafety import budget

    monkeypatch.setattr(budget, "FRAGMENT_LIMITS", budget.Limits(seconds=0.0))
    monkeypatch.setattr("deckmaker.pack.FRAGMENT_LIMITS", budget.Limits(seconds=0.0))
    pack = load_pack(_pack(tmp_path, "{% for i in range(3) %}{{ i }}{% endfor %}"))
    with pytest.raises(InvalidInput, match=r"date: the fragment runs past its budget \(more "
                                           r"than 0 seconds\)"):
        pack.text("date", day=1, month=1, month_name="January", year=2024)


def test_fragments_within_budget_render_as_before(tmp_path):
    pack = load_pack(_pack(tmp_path, "{% for i in range(3) %}{{ i }}{% endfor %} "
                                     "{{ '%05d' % 7 }} {{ '{:>4}'.format(1) }} {{ 2 ** 10 }}"))
    assert pack.text("date") == "012 00007    1 1024"

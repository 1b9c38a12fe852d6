"""The numbers of a pack: slide sizes, text sizes, margins and email caps within their
documented ranges, each a located pack error with the allowed range."""

from __future__ import annotations

import pytest

from tests.packs.helpers import build, child_pack, error_lines

COMPARE = "; compare with templates/default/pack.yaml"
SLIDE = "is outside the allowed range, 1 to 56 inches (the slide sizes PowerPoint allows)"

CASES = {
    "slide width 0": ("slide: {width_in: 0}", f"3:19: slide.width_in: 0 {SLIDE}"),
    "slide width nan": ("slide: {width_in: .nan}", f"3:19: slide.width_in: nan {SLIDE}"),
    "slide height inf": ("slide: {height_in: .inf}", f"3:20: slide.height_in: inf {SLIDE}"),
    "slide width negative": ("slide: {width_in: -5}", f"3:19: slide.width_in: -5 {SLIDE}"),
    "slide width 10**9": ("slide: {width_in: 1.0e+9}", f"3:19: slide.width_in: 1e+09 {SLIDE}"),
    "title 0 pt": ("slide: {title_pt: {min: 0, max: 30}}",
                   "3:25: slide.title_pt.min: 0 is outside the allowed range, 4 to 200 pt"),
    "body negative pt": ("slide: {body_pt: {min: -3, max: 20}}",
                         "3:24: slide.body_pt.min: -3 is outside the allowed range, 4 to 200 pt"),
    "min above max": ("slide: {body_pt: {min: 30, max: 20}}",
                      "3:18: slide.body_pt: min (30) is above max (20)"),
    "margin negative": ("page: {margins_mm: {top: -1}}",
                        "3:26: page.margins_mm.top: -1 is outside the allowed range, 0 to 100 mm"),
    "no text area": ("page: {margins_mm: {left: 60, right: 60}}",
                     "3:7: page: the margins leave a text area of 90 x 251 mm on A4; it must be "
                     "at least 100 x 150 mm"),
    "attachment cap 0": ("email: {max_attachment_mb: 0}", "3:28: email.max_attachment_mb: 0 is "
                         "outside the allowed range, 0.01 to 1000 MB"),
    "bullets 0": ("slide: {max_bullets: 0}", "3:22: slide.max_bullets: input should be greater "
                  "than or equal to 1"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_number_out_of_range_is_a_located_error(tmp_path, case):
    setting, message = CASES[case]
    run = build(tmp_path, child_pack(tmp_path / "hostile", setting + "\n"))
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [f"hostile/pack.yaml:{message}{COMPARE}"]

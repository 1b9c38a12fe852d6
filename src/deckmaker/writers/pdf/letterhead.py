"""The memo's letterhead: the organisation's image on page 1, its name and address beside
it, and the small copy of the image some organisations put in every later page's header.

The image is drawn at its own resolution (a 600 px wide logo saved at 300 DPI is two
inches wide), only ever made smaller to fit the box the letterhead may take."""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from reportlab.platypus import Flowable, Image

LETTERHEAD_MAX_HEIGHT = 64  # points: a letterhead is a band, not a cover
HEADER_LOGO_HEIGHT = 14  # points: the later pages' header copy
DEFAULT_DPI = 96  # what an image without a resolution is taken to have (screen images)
GAP = 12  # points between the image and the organisation block


def natural_size(path: Path) -> tuple[float, float]:
    """The image's size in points at its own resolution (``DEFAULT_DPI`` if it has none)."""
    with PILImage.open(path) as image:
        width_px, height_px = image.size
        dpi = image.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
    dpi_x, dpi_y = (float(d) if d and float(d) > 1 else DEFAULT_DPI for d in dpi[:2])
    return width_px * 72 / dpi_x, height_px * 72 / dpi_y


def fitted(size: tuple[float, float], max_width: float, max_height: float
           ) -> tuple[float, float]:
    """``size`` scaled down (never up) to fit ``max_width`` × ``max_height``."""
    width, height = size
    scale = min(1.0, max_width / width, max_height / height)
    return width * scale, height * scale


def letterhead_image(path: Path, max_width: float) -> Image:
    """The letterhead image as a flowable, at its own resolution within the band."""
    width, height = fitted(natural_size(path), max_width, LETTERHEAD_MAX_HEIGHT)
    return Image(str(path), width=width, height=height)


class Beside(Flowable):
    """Two flowables side by side, tops aligned: the image on the left, the organisation
    block (a list of flowables, stacked) on the right, against the right margin."""

    def __init__(self, left: Flowable, right: list[Flowable]) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        canvas = self.canv  # set by wrapOn; tagging wrappers measure on it too
        left_width, left_height = self.left.wrapOn(canvas, avail_width, avail_height)
        room = max(avail_width - left_width - GAP, avail_width / 3)
        self._sizes = [f.wrapOn(canvas, room, avail_height) for f in self.right]
        right_height = sum(h for _, h in self._sizes)
        self.width, self.height = avail_width, max(left_height, right_height)
        self._left_height = left_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.left.drawOn(canvas, 0, self.height - self._left_height)
        y = self.height
        for flowable, (width, height) in zip(self.right, self._sizes, strict=True):
            y -= height
            flowable.drawOn(canvas, self.width - width, y)


def header_logo_size(path: Path) -> tuple[float, float]:
    """The later pages' header copy of the letterhead: ``HEADER_LOGO_HEIGHT`` tall."""
    width, height = natural_size(path)
    return width * HEADER_LOGO_HEIGHT / height, HEADER_LOGO_HEIGHT

"""What deckmaker knows of a customer's PowerPoint template, as plain frozen data: its
theme (colours and fonts), slide size, and for each layout of each of its masters the
placeholders, the background and the shapes it draws. Read by
``deckmaker.template.reader``; used by ``pack new``, ``pack check`` and the deck.

Lengths are EMU (914400 to the inch, 12700 to the point), as in the file; ``Box.points``
gives points for the deck's geometry."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckmaker.colours import contrast_ratio

EMU_PER_POINT = 12700
EMU_PER_INCH = 914400

# The theme's twelve colour slots, in the order the theme part lists them.
THEME_COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                      "accent5", "accent6", "hlink", "folHlink")


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide: left, top, width and height in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def area(self) -> int:
        return max(self.width, 0) * max(self.height, 0)

    @property
    def points(self) -> tuple[float, float, float, float]:
        """(left, top, width, height) in points."""
        return tuple(v / EMU_PER_POINT for v in (self.left, self.top, self.width, self.height))

    def overlaps(self, other: Box) -> bool:
        """True if the two boxes share some area (touching edges do not count)."""
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def beside(self, other: Box) -> bool:
        """True if the boxes sit side by side: apart horizontally, sharing rows."""
        apart = self.right <= other.left or other.right <= self.left
        return apart and self.top < other.bottom and other.top < self.bottom

    @staticmethod
    def union(boxes: list[Box]) -> Box:
        """The smallest box holding all of ``boxes`` (at least one)."""
        left, top = min(b.left for b in boxes), min(b.top for b in boxes)
        return Box(left, top, max(b.right for b in boxes) - left,
                   max(b.bottom for b in boxes) - top)

    def mapped(self, frame: Box, onto: Box) -> Box:
        """This box, a part of ``frame``, as the same part of ``onto``."""
        sx = onto.width / frame.width if frame.width else 1.0
        sy = onto.height / frame.height if frame.height else 1.0
        return Box(round(onto.left + (self.left - frame.left) * sx),
                   round(onto.top + (self.top - frame.top) * sy),
                   round(self.width * sx), round(self.height * sy))


@dataclass(frozen=True)
class ThemeInfo:
    """The theme part of the first master: its twelve colours (#RRGGBB by slot, a
    ``sysClr`` read as its ``lastClr``) and its major (headings) and minor (body) fonts
    by script: ``latin``, ``ea`` (East Asian), ``cs`` (complex scripts); "" when unset."""

    name: str
    colours: dict[str, str]
    major_fonts: dict[str, str]
    minor_fonts: dict[str, str]

    @property
    def heading_font(self) -> str:
        return self.major_fonts.get("latin", "")

    @property
    def body_font(self) -> str:
        return self.minor_fonts.get("latin", "")


@dataclass(frozen=True)
class Background:
    """What a slide on a layout shows behind everything: ``kind`` is "solid",
    "gradient" (``colour`` is the mean of its stops), "pattern" (its background
    colour), "picture" (``colour`` None: text colour cannot be judged from it) or
    "none"; ``source`` says whose background it is: "layout" or "master", or
    "default" (nothing set anywhere: PowerPoint shows the theme's bg1, white-ish)."""

    kind: str
    colour: str | None
    source: str


@dataclass(frozen=True)
class PlaceholderInfo:
    """A placeholder: its XML type (``title``, ``ctrTitle``, ``subTitle``, ``body``,
    ``obj``, ``pic``, ``chart``, ``tbl``, ``dt``, ``ftr``, ``sldNum``...; ``obj`` when
    the file names none), its ``idx``, its name, and its box, taken from the master's
    placeholder of the same type when the layout gives none (``inherited``)."""

    type: str
    idx: int
    name: str
    box: Box | None
    inherited: bool = False


@dataclass(frozen=True)
class Obstacle:
    """A shape the layout or master draws on every slide that is not a placeholder
    (a logo picture, a band, a line, a group, a chart...): ``kind`` is "picture",
    "shape", "group", "connector" or "graphic"; ``source`` "layout" or "master";
    ``fill`` its solid (or mean gradient) fill colour when it has one, the colour text
    laid over it would be read on; ``numbers`` when it holds a slide-number field (the
    template numbers its slides itself)."""

    kind: str
    name: str
    box: Box
    source: str
    fill: str | None = None
    numbers: bool = False  # it shows the slide's number (a slide-number field)


# Placeholder types that carry a slide's title, and those that carry its content.
TITLE_TYPES = frozenset({"title", "ctrTitle"})
CONTENT_TYPES = frozenset({"obj", "body", "chart", "tbl", "dgm", "media", "clipArt"})
FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})


@dataclass(frozen=True)
class LayoutInfo:
    """One slide layout, in its master's order (``index`` from 0); layout names are
    unique across masters (``unique_layout_names``)."""

    name: str
    index: int
    placeholders: tuple[PlaceholderInfo, ...]
    background: Background
    obstacles: tuple[Obstacle, ...]
    shows_master_shapes: bool = True
    title_caps: bool = False  # its titles are set in capitals (all or small caps)
    master: int = 0  # the slide master it belongs to, from 0
    master_placeholders: tuple[PlaceholderInfo, ...] = ()  # that master's
    examples: int = 0  # how many of the template's own slides use it

    def of_type(self, *types: str) -> tuple[PlaceholderInfo, ...]:
        return tuple(p for p in self.placeholders if p.type in types)

    @property
    def title(self) -> PlaceholderInfo | None:
        found = self.of_type(*TITLE_TYPES)
        return found[0] if found else None

    @property
    def bodies(self) -> tuple[PlaceholderInfo, ...]:
        """The content placeholders (body, obj, chart, table...), not title or footer."""
        return self.of_type(*CONTENT_TYPES)


@dataclass(frozen=True)
class TemplateInfo:
    """A customer's template as deckmaker reads it: ``layouts`` are every master's, the
    first master's first; ``theme``, ``master_*`` and ``colour_map`` are the first
    master's; ``masters`` counts them."""

    path: str
    slide_width: int
    slide_height: int
    theme: ThemeInfo
    layouts: tuple[LayoutInfo, ...]
    master_background: Background
    master_placeholders: tuple[PlaceholderInfo, ...] = ()
    master_obstacles: tuple[Obstacle, ...] = ()
    masters: int = 1
    slides: int = 0
    colour_map: dict[str, str] = field(default_factory=dict)

    @property
    def slide_box(self) -> Box:
        return Box(0, 0, self.slide_width, self.slide_height)

    @property
    def slide_size_in(self) -> tuple[float, float]:
        return self.slide_width / EMU_PER_INCH, self.slide_height / EMU_PER_INCH

    def layout(self, name: str) -> LayoutInfo | None:
        return next((layout for layout in self.layouts if layout.name == name), None)

    def background_under(self, layout: LayoutInfo, box: Box) -> Background:
        """What text in ``box`` on ``layout`` is read on: the last-drawn filled shape of
        the layout or master that covers the box's centre, else the layout's background."""
        x, y = box.left + box.width // 2, box.top + box.height // 2
        # The master's shapes are drawn first, then the layout's: search backwards.
        ordered = [o for o in layout.obstacles if o.source == "master"] + \
            [o for o in layout.obstacles if o.source == "layout"]
        for obstacle in reversed(ordered):
            b = obstacle.box
            if obstacle.fill and b.left <= x <= b.right and b.top <= y <= b.bottom:
                return Background("solid", obstacle.fill, obstacle.source)
        return layout.background

    def text_colour_on(self, background: Background) -> str:
        """The theme's dark or light text colour (dk1 or lt1) that reads best on
        ``background``; dk1 when the background is a picture or unknown."""
        dark, light = self.theme.colours["dk1"], self.theme.colours["lt1"]
        if background.colour is None:
            return dark
        return max((dark, light), key=lambda c: contrast_ratio(c, background.colour))

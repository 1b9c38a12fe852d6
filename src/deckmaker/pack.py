"""Template packs: a folder with ``pack.yaml`` (theme and options), ``text.yaml``
(jinja2 fragments for every visible word) and assets (fonts, deck master, email
templates). A pack may ``extends:`` another; settings merge child-over-parent
and files are looked up child first.

Fragments run in a budgeted jinja2 sandbox (``deckmaker.packsafety.budget``) with
StrictUndefined, and may not include, import or extend other templates; whole-file
templates (email bodies) load other pack files only through the pack's confined loader.
Brief text only ever enters as variables, never as template source. Every file the pack
names is confined to the pack and capped (``deckmaker.packsafety.files``) and checked
for what it is (fonts, logo, master) when the pack loads, so a broken or hostile pack
is reported whole, located, before any brief is built.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
from jinja2 import nodes
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from deckmaker.errors import InvalidInput, Problem, display_path
from deckmaker.packsafety.budget import (
    FILE_LIMITS, FRAGMENT_LIMITS, BudgetedEnvironment, TemplateFailure,
)
from deckmaker.packsafety.files import (
    FONT_CAP, LOGO_CAP, MASTER_CAP, SYSTEM_FONT_FOLDERS, TEXT_CAP, CheckedFile, Refused,
    check_file, open_checked, read_checked,
)
from deckmaker.packsafety.loader import PackLoader, TemplateRefused
from deckmaker.yamlsource import Path_, YamlDocument, dotted_path, read_yaml


def _builtin_packs() -> Path:
    """The built-in packs: ``templates/`` of a clone, else where a wheel installed them."""
    clone = Path(__file__).resolve().parents[2] / "templates"
    return clone if clone.is_dir() else Path(sys.prefix) / "share" / "deckmaker" / "templates"


BUILTIN_PACKS = _builtin_packs()
DEFAULT_PACK = "default"
PACK_FILE = "pack.yaml"
TEXT_FILE = "text.yaml"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FontFamily(_Config):
    """A font family: a display name and its four TrueType files (relative to the pack)."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


class FallbackFont(_Config):
    """A font tried for characters the main fonts lack; skipped when the file is absent."""

    family: str
    file: str
    subfont: int = 0


class Fonts(_Config):
    body: FontFamily
    heading: FontFamily
    deck: FontFamily
    fallback: list[FallbackFont] = Field(default_factory=list)


def _within(low: float, high: float, unit: str):
    """A float from ``low`` to ``high`` (a finite number), with a message saying so."""
    def check(value: float) -> float:
        if not (math.isfinite(value) and low <= value <= high):
            shown = f"{value:g}" if math.isfinite(value) else str(value)
            raise ValueError(f"{shown} is outside the allowed range, {low:g} to {high:g} {unit}")
        return value

    return Annotated[float, AfterValidator(check)]


# The ranges a pack's numbers may take. Slides: python-pptx and PowerPoint allow 1 to 56
# inches a side. Text: 4 to 200 pt. Page margins: 0 to 100 mm, leaving a text area of at
# least MIN_TEXT_AREA_MM.
SlideInches = _within(1, 56, "inches (the slide sizes PowerPoint allows)")
Points = _within(4, 200, "pt")
MarginMm = _within(0, 100, "mm")
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MIN_TEXT_AREA_MM = (100.0, 150.0)


class Margins(_Config):
    top: MarginMm
    bottom: MarginMm
    left: MarginMm
    right: MarginMm


class Page(_Config):
    size: Literal["A4", "Letter"]
    margins_mm: Margins

    @model_validator(mode="after")
    def leaves_a_text_area(self) -> Page:
        width, height = PAGE_SIZES_MM[self.size]
        m = self.margins_mm
        area = (width - m.left - m.right, height - m.top - m.bottom)
        if area[0] < MIN_TEXT_AREA_MM[0] or area[1] < MIN_TEXT_AREA_MM[1]:
            raise ValueError(f"the margins leave a text area of {area[0]:g} x {area[1]:g} mm on "
                             f"{self.size}; it must be at least {MIN_TEXT_AREA_MM[0]:g} x "
                             f"{MIN_TEXT_AREA_MM[1]:g} mm")
        return self


class PointRange(_Config):
    min: Points
    max: Points

    @model_validator(mode="after")
    def ordered(self) -> PointRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is above max ({self.max:g})")
        return self


class Slide(_Config):
    width_in: SlideInches
    height_in: SlideInches
    master: str
    layouts: dict[str, str]
    title_pt: PointRange
    body_pt: PointRange
    max_bullets: int = Field(ge=1, le=12)


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB, e.g. #1B2A41")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex_colour)]


class Palette(_Config):
    """The pack's colours, each #RRGGBB."""

    primary: Colour
    accent: Colour
    text: Colour
    muted: Colour
    shade: Colour
    rule: Colour
    background: Colour
    confidence: dict[Literal["high", "moderate", "low"], Colour]
    chart: list[Colour] = Field(min_length=1)


class Options(_Config):
    estimative_appendix: bool = True
    logo: str | None = None
    # "smart": typographic quotes, apostrophes and dashes in brief text (deckmaker.typography);
    # "plain": brief text exactly as typed.
    typography: Literal["smart", "plain"] = "smart"


class MemoOptions(_Config):
    """The memo's letterhead: an image on page 1 and, optionally, a small copy of it in
    the header of every later page; the organisation block beside it is pack wording
    (``memo.organisation``, ``memo.address``)."""

    letterhead: str | None = None  # a PNG or JPEG in the pack; drawn at its own DPI
    header_logo: bool = False  # the letterhead, small, in the header of pages 2 onwards


class DeckOptions(_Config):
    """How the deck is put together beyond its look."""

    backup: bool = True  # the backup section after the closing slide; false for a short deck


AttachmentMb = _within(0.01, 1000, "MB")


class EmailSettings(_Config):
    warn_attachment_mb: AttachmentMb = 10
    max_attachment_mb: AttachmentMb = 20


SECTION_KEYS = ("bluf", "key_judgments", "evidence", "implications", "recommendations",
                "indicators", "sources", "estimative_language")


class PackConfig(_Config):
    """The settings of a pack after merging its ``extends`` chain."""

    name: str
    description: str = ""
    extends: str | None = None
    page: Page
    slide: Slide
    fonts: Fonts
    palette: Palette
    sections: list[Literal[SECTION_KEYS]]  # type: ignore[valid-type]
    options: Options = Options()
    memo: MemoOptions = MemoOptions()
    deck: DeckOptions = DeckOptions()
    email: EmailSettings = EmailSettings()


@dataclass(frozen=True)
class _Fragment:
    """One text.yaml entry: where it was written, and its compiled template, or None for
    plain text (most entries), which renders as itself without compiling it."""

    file: str
    line: int
    template: jinja2.Template | None
    text: str = ""

    def render(self, variables: dict[str, Any]) -> str:
        if self.template is None:
            return self.text
        return self.template.render(**variables).strip()


@dataclass(frozen=True)
class PackNote:
    """Something the pack's checks changed (the master sanitiser's removals), located at
    the pack setting that named the file; ``pack check`` lists them."""

    problem: Problem


class Pack:
    """A loaded template pack: merged settings, compiled fragments and file lookup."""

    def __init__(self, folders: list[Path], config: PackConfig, fragments: dict[str, _Fragment],
                 environment: BudgetedEnvironment) -> None:
        self.folders = folders  # child first
        self.config = config
        self._fragments = fragments
        self.environment = environment
        # The file deckmaker uses for each name pack.yaml gives (checked at load): the
        # master's is its sanitised copy when the sanitiser removed anything.
        self.resolved: dict[str, Path] = {}
        self.used_files: list[Path] = []  # what the pack's build fingerprint hashes
        self.notes: list[PackNote] = []
        self._file_environments = {
            autoescape: BudgetedEnvironment(
                FILE_LIMITS, loader=PackLoader(folders), undefined=jinja2.StrictUndefined,
                autoescape=autoescape, keep_trailing_newline=False, auto_reload=True)
            for autoescape in (False, True)}

    @property
    def name(self) -> str:
        return self.config.name

    def file(self, relative: str) -> Path:
        """The pack file ``relative``, from the first pack in the chain that has it; for a
        file pack.yaml names, as checked when the pack loaded (the deck master: its
        sanitised copy when anything was removed)."""
        if relative in self.resolved:
            return self.resolved[relative]
        try:
            return _find(self.folders, relative, FONT_CAP)
        except _Missing:
            raise InvalidInput(f"{display_path(self.folders[0] / PACK_FILE)}: the file "
                               f"'{relative}' is not in the pack or the packs it extends; "
                               "add it") from None
        except Refused as exc:
            raise InvalidInput(f"{display_path(self.folders[0] / PACK_FILE)}: '{relative}' "
                               f"{exc}; keep pack files inside the pack folder") from None

    def all_files(self) -> list[Path]:
        """The files the pack uses (its settings, wording, the files they name and its
        templates), each checked and under its cap, for build fingerprints. Files in the
        pack folders that the pack does not use are not read."""
        return sorted(set(self.used_files) | set(_template_files(self.folders)))

    def text(self, key: str, **variables: Any) -> str:
        """Render the fragment ``key`` with ``variables``; brief text goes in only as data."""
        fragment = self._fragments.get(key)
        if fragment is None:
            raise InvalidInput(f"{display_path(self.folders[0] / TEXT_FILE)}: the pack has no "
                               f"text for '{key}'; add it (see templates/default/text.yaml)")
        try:
            return fragment.render(variables)
        except TemplateFailure as exc:
            if exc.kind == "template":
                message = f"{key}: {exc.detail}; check the fragment's variables"
            elif exc.kind == "budget":
                message = (f"{key}: the fragment {exc.detail}; fragments are wording: keep "
                           "loops, ranges and repeated text small")
            else:
                message = f"{key}: the fragment {exc.detail}; correct the fragment"
            raise InvalidInput([Problem(fragment.file, fragment.line, 1, message)]) from None

    def template(self, relative: str, *, autoescape: bool) -> jinja2.Template:
        """A whole-file template of the pack (e.g. an email body), compiled in the budgeted
        sandbox; it may include, import and extend other files of the pack by name."""
        try:
            return self._file_environments[autoescape].get_template(relative)
        except TemplateRefused as exc:
            raise InvalidInput(f"{display_path(self.folders[0] / PACK_FILE)}: '{relative}' "
                               f"{exc.reason}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise InvalidInput([Problem(exc.filename or relative, exc.lineno or 1, 1,
                                        f"template error: {exc.message}")]) from None
        except jinja2.TemplateNotFound:
            raise InvalidInput(f"{display_path(self.folders[0] / PACK_FILE)}: the file "
                               f"'{relative}' is not in the pack or the packs it extends; "
                               "add it") from None

    def format_date(self, date: dt.date) -> str:
        """``date`` in the pack's words, e.g. '5 February 2025'."""
        return self.text("date", day=date.day, month=date.month,
                         month_name=_MONTHS[date.month - 1], year=date.year)


def _environment(*, autoescape: bool) -> BudgetedEnvironment:
    """The sandbox of the pack's fragments."""
    return BudgetedEnvironment(FRAGMENT_LIMITS, undefined=jinja2.StrictUndefined,
                               autoescape=autoescape, keep_trailing_newline=False)


class _Missing(Exception):
    """No pack folder has the file."""


def _find(folders: list[Path], relative: str, cap: int) -> Path:
    """The checked file ``relative`` from the first of ``folders`` that has it, confined
    to the folders (a child may link into its parents); raises _Missing or Refused."""
    return _find_checked(folders, relative, cap).path


def _find_checked(folders: list[Path], relative: str, cap: int) -> CheckedFile:
    for folder in folders:
        candidate = folder / relative
        if not os.path.lexists(candidate) and not Path(relative).is_absolute():
            continue
        try:
            return check_file(candidate, folders=folders, cap=cap,
                              where="the pack and the packs it extends")
        except FileNotFoundError:
            if Path(relative).is_absolute():
                break
            continue  # a dangling link: as if absent
    raise _Missing(relative)


def _template_files(folders: list[Path]) -> list[Path]:
    """The pack's whole-file templates (``*.j2``), each confined and under the text cap."""
    found = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.endswith(".j2"):
                    try:
                        found.append(check_file(Path(root) / name, folders=[folder],
                                                cap=TEXT_CAP).path)
                    except (Refused, OSError):
                        continue  # refused when a render loads it, located there
    return found


def resolve_pack_folder(name_or_dir: str | Path | None, *, relative_to: Path | None = None) -> Path:
    """The folder of a pack given by built-in name or directory path."""
    spec = str(name_or_dir or DEFAULT_PACK)
    candidates = []
    if relative_to is not None:
        candidates.append(relative_to / spec)
    candidates += [Path(spec), BUILTIN_PACKS / spec]
    for candidate in candidates:
        if os.path.lexists(candidate / PACK_FILE):
            return candidate.resolve()
    builtins = BUILTIN_PACKS.iterdir() if BUILTIN_PACKS.is_dir() else ()
    known = ", ".join(sorted(p.name for p in builtins if (p / PACK_FILE).is_file())) or "none"
    raise InvalidInput(f"template pack '{spec}' not found; give a folder holding {PACK_FILE} "
                       f"or a built-in pack ({known})")


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _shown(path: Path) -> str:
    """``path`` as the user sees it (relative to the working folder), its links unfollowed."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_pack_text(folder: Path, name: str) -> YamlDocument | None:
    """The YAML file ``name`` of a pack folder, confined to it and under the text cap,
    or None when the folder has none."""
    path = folder / name
    if not os.path.lexists(path):
        return None
    try:
        checked = check_file(path, folders=[folder], cap=TEXT_CAP, where="the pack folder")
        raw = read_checked(checked, TEXT_CAP)
    except (Refused, FileNotFoundError) as exc:
        reason = exc if isinstance(exc, Refused) else "is a link to nothing"
        raise InvalidInput([Problem(_shown(path), 1, 1,
                                    f"{name} {reason}; a pack's {name} is a text file of at "
                                    f"most {TEXT_CAP // 1024} KB inside its folder")]) from None
    except OSError as exc:
        raise InvalidInput([Problem(display_path(path), 1, 1,
                                    f"cannot read the file ({exc.strerror})")]) from None
    return read_yaml(path, what="pack file", max_bytes=TEXT_CAP, raw=raw)


def load_pack(name_or_dir: str | Path | None = None) -> Pack:
    """Load a pack and its ``extends`` chain; raise InvalidInput naming file and line."""
    folders: list[Path] = []
    settings: list[YamlDocument] = []
    folder = resolve_pack_folder(name_or_dir)
    while True:
        if folder in folders:
            raise InvalidInput(f"{display_path(folder / PACK_FILE)}: 'extends' makes a loop "
                               f"({' -> '.join(f.name for f in folders)} -> {folder.name})")
        folders.append(folder)
        doc = _read_pack_text(folder, PACK_FILE)
        assert doc is not None  # resolve_pack_folder found it
        settings.append(doc)
        parent = doc.data.get("extends")
        if not parent:
            break
        try:
            folder = resolve_pack_folder(parent, relative_to=folder.parent)
        except InvalidInput as exc:
            raise InvalidInput([doc.problem(("extends",), f"extends: {exc}")]) from None

    merged: dict = {}
    for doc in reversed(settings):
        merged = _merge(merged, {k: v for k, v in doc.data.items() if k != "extends"})
    merged["extends"] = settings[0].data.get("extends")
    try:
        config = PackConfig.model_validate(merged)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            # Report against the pack file that set the field (child first), else the child.
            doc = next((d for d in settings if loc[:1] in d.value_marks), settings[0])
            message = error["msg"].removeprefix("Value error, ")
            message = message[:1].lower() + message[1:]
            problems.append(doc.problem(loc, f"{dotted_path(loc)}: {message}; "
                                             "compare with templates/default/pack.yaml"))
        raise InvalidInput(problems) from None

    environment = _environment(autoescape=False)
    fragments: dict[str, _Fragment] = {}
    for folder in reversed(folders):
        text = _read_pack_text(folder, TEXT_FILE)
        if text is not None:
            fragments.update(_compile_fragments(text, environment))
    pack = Pack(folders, config, fragments, environment)
    _check_files(pack, settings)
    return pack


# -- the files pack.yaml names


def _named_files(config: PackConfig) -> list[tuple[Path_, str, str]]:
    """Each file ``pack.yaml`` names: the settings path naming it, the name, its kind."""
    refs: list[tuple[Path_, str, str]] = [
        (("fonts", family, face), getattr(getattr(config.fonts, family), face), "font")
        for family in ("body", "heading", "deck")
        for face in ("regular", "bold", "italic", "bold_italic")]
    refs.append((("slide", "master"), config.slide.master, "master"))
    if config.options.logo:
        refs.append((("options", "logo"), config.options.logo, "logo"))
    if config.memo.letterhead:
        refs.append((("memo", "letterhead"), config.memo.letterhead, "logo"))
    return refs


_CAPS = {"font": FONT_CAP, "master": MASTER_CAP, "logo": LOGO_CAP}
_HINTS = {
    "font": "use a TrueType (.ttf) file inside the pack",
    "master": "use a .pptx file inside the pack (scripts/make_master.py makes one)",
    "logo": "use a PNG or JPEG file inside the pack",
}


def _check_files(pack: Pack, settings: list[YamlDocument]) -> None:
    """Every file the merged settings name, confined, capped and checked for what it is,
    located in the pack file that named it, so a broken pack is reported whole before any
    brief. Fills the pack's resolved files, used files and notes."""
    problems: list[Problem] = []

    def locate(path: Path_, message: str) -> Problem:
        doc = next((d for d in settings if path in d.value_marks), settings[0])
        return doc.problem(path, message)

    pack.used_files += [doc_path for doc_path in _pack_texts(pack.folders)]
    for path, relative, kind in _named_files(pack.config):
        try:
            checked = _find_checked(pack.folders, relative, _CAPS[kind])
            pack.used_files.append(checked.path)
            pack.resolved[relative] = _checked_content(pack, path, checked, kind, locate)
        except _Missing:
            problems.append(locate(path, f"{dotted_path(path)}: the file '{relative}' is not in "
                                         "the pack or the packs it extends; add it or correct "
                                         "the path"))
        except (Refused, _ContentRefused, OSError) as exc:
            reason = exc if not isinstance(exc, OSError) else f"cannot be read ({exc.strerror})"
            problems.append(locate(path, f"{dotted_path(path)} '{relative}' {reason}; "
                                         f"{_HINTS[kind]}"))
    fallbacks = []
    for index, fallback in enumerate(pack.config.fonts.fallback):
        path = ("fonts", "fallback", index, "file")
        try:
            fallbacks.append(fallback.model_copy(update={"file": str(_fallback(pack, fallback))}))
        except (Refused, _ContentRefused, OSError) as exc:
            reason = exc if not isinstance(exc, OSError) else f"cannot be read ({exc.strerror})"
            problems.append(locate(path, f"{dotted_path(path)} '{fallback.file}' {reason}; a "
                                         "fallback font is a TrueType file in the pack or in "
                                         f"{', '.join(map(str, SYSTEM_FONT_FOLDERS))}"))
    if problems:
        raise InvalidInput(problems)
    fonts = pack.config.fonts.model_copy(update={"fallback": fallbacks})
    pack.config = pack.config.model_copy(update={"fonts": fonts})


def _pack_texts(folders: list[Path]) -> list[Path]:
    return [Path(os.path.realpath(folder / name)) for folder in folders
            for name in (PACK_FILE, TEXT_FILE) if os.path.lexists(folder / name)]


class _ContentRefused(Exception):
    """A pack file of the right size and place whose content is not what it must be."""


def _checked_content(pack: Pack, path: Path_, checked: CheckedFile, kind: str,
                     locate) -> Path:
    """The path deckmaker uses for the checked file: its content checked for its kind;
    the master sanitised (its removals noted, its layouts checked)."""
    from deckmaker.packsafety import fontfile, images, master

    if kind == "font":
        with open_checked(checked, FONT_CAP) as file:
            try:
                fontfile.check_font(file, checked.size)
            except fontfile.FontRefused as exc:
                raise _ContentRefused(str(exc)) from None
        return checked.path
    if kind == "logo":
        try:
            images.check_image(read_checked(checked, LOGO_CAP))
        except images.ImageRefused as exc:
            raise _ContentRefused(str(exc)) from None
        return checked.path
    info = os.stat(checked.path)
    try:
        sanitised = master.sanitise_master(checked.path, info.st_size, info.st_mtime_ns)
    except master.MasterRefused as exc:
        raise _ContentRefused(f"is refused: {exc}") from None
    shown = dotted_path(path)
    for removed in sanitised.removed:
        pack.notes.append(PackNote(locate(path, f"{shown}: removed {removed}")))
    missing = {key: name for key, name in pack.config.slide.layouts.items()
               if name not in sanitised.layouts}
    if missing:
        key, name = next(iter(missing.items()))
        raise _ContentRefused(f"has no slide layout named '{name}' (slide.layouts.{key}); it "
                              f"has {', '.join(sorted(sanitised.layouts)) or 'none'}")
    return sanitised.path


def _fallback(pack: Pack, fallback: FallbackFont) -> Path:
    """Where the fallback font is: an absolute path, or one relative to the pack folders;
    confined to the pack and the system font folders, checked when present."""
    given = Path(fallback.file)
    if given.is_absolute():
        candidate = given
    else:
        candidate = next((f / given for f in pack.folders if os.path.lexists(f / given)),
                         pack.folders[0] / given)
    allowed = [*pack.folders, *SYSTEM_FONT_FOLDERS]
    try:
        checked = check_file(candidate, folders=allowed, cap=FONT_CAP,
                             where="the pack and the system font folders")
    except FileNotFoundError:
        return candidate  # absent fallbacks are skipped
    with open_checked(checked, FONT_CAP) as file:
        from deckmaker.packsafety import fontfile

        try:
            fontfile.check_font(file, checked.size, fallback.subfont)
        except fontfile.FontRefused as exc:
            raise _ContentRefused(str(exc)) from None
    return candidate


# Where a fragment stops being plain text for the environment's (default) delimiters.
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What a fragment may not do: it is one piece of wording, not a document.
_LOADING_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class _FragmentRefused(Exception):
    """A fragment that uses a tag fragments may not use."""


def _fragment(file: str, line: int, source: str, environment: BudgetedEnvironment
              ) -> _Fragment:
    """The fragment ``key``, compiled only if it uses template syntax: plain text
    renders as jinja2 would render it (line breaks made "\\n"), without its compiling
    cost. Raises jinja2.TemplateSyntaxError or _FragmentRefused."""
    if _TEMPLATE_SYNTAX.search(source):
        tree = environment.parse(source)
        if next(tree.find_all(_LOADING_NODES), None) is not None:
            raise _FragmentRefused()
        return _Fragment(file, line, environment.from_string(tree))
    return _Fragment(file, line, None, _LINE_BREAK.sub("\n", source).strip())


def _compile_fragments(doc: YamlDocument, environment: BudgetedEnvironment
                       ) -> dict[str, _Fragment]:
    fragments: dict[str, _Fragment] = {}
    problems: list[Problem] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
            return
        key = ".".join(str(p) for p in path)
        if not isinstance(node, str):
            problems.append(doc.problem(path, f"{key}: a fragment must be text; put it in quotes"))
            return
        line = doc.position(path)[0]
        try:
            fragments[key] = _fragment(doc.file, line, node, environment)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(doc.file, line + (exc.lineno or 1) - 1, 1,
                                    f"{key}: template syntax error: {exc.message}; check that "
                                    "every {{ and {% is closed"))
        except _FragmentRefused:
            problems.append(Problem(doc.file, line, 1,
                                    f"{key}: a fragment may not use include, import, from or "
                                    "extends; a fragment is one piece of wording (an email "
                                    "body template may include other files of the pack)"))

    walk(doc.data, ())
    if problems:
        raise InvalidInput(problems)
    return fragments

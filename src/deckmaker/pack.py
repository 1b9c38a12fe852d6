"""Template packs: a folder with ``pack.yaml`` (theme and options), ``text.yaml``
(jinja2 fragments for every visible word) and assets (fonts, deck master, email
templates). A pack may ``extends:`` another; settings merge child-over-parent
and files are looked up child first.

Fragments run in a jinja2 SandboxedEnvironment with StrictUndefined. Brief text
only ever enters as variables, never as template source.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from deckmaker.errors import InvalidInput, Problem, display_path
from deckmaker.yamlsource import YamlDocument, dotted_path, read_yaml


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


class Margins(_Config):
    top: float
    bottom: float
    left: float
    right: float


class Page(_Config):
    size: Literal["A4", "Letter"]
    margins_mm: Margins


class PointRange(_Config):
    min: float
    max: float


class Slide(_Config):
    width_in: float
    height_in: float
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


class DeckOptions(_Config):
    """How the deck is put together beyond its look."""

    backup: bool = True  # the backup section after the closing slide; false for a short deck


class EmailSettings(_Config):
    warn_attachment_mb: float = 10
    max_attachment_mb: float = 20


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


class Pack:
    """A loaded template pack: merged settings, compiled fragments and file lookup."""

    def __init__(self, folders: list[Path], config: PackConfig, fragments: dict[str, _Fragment],
                 environment: SandboxedEnvironment) -> None:
        self.folders = folders  # child first
        self.config = config
        self._fragments = fragments
        self.environment = environment
        self._compiled: dict[tuple[str, bool], jinja2.Template] = {}

    @property
    def name(self) -> str:
        return self.config.name

    def file(self, relative: str) -> Path:
        """The pack file ``relative``, from the first pack in the chain that has it."""
        for folder in self.folders:
            candidate = (folder / relative).resolve()
            if not candidate.is_relative_to(folder.resolve()):
                raise InvalidInput(f"{display_path(folder / PACK_FILE)}: '{relative}' points "
                                   "outside the pack folder; keep pack files inside it")
            if candidate.exists():
                return candidate
        raise InvalidInput(f"{display_path(self.folders[0] / PACK_FILE)}: the file "
                           f"'{relative}' is not in the pack or the packs it extends; add it")

    def all_files(self) -> list[Path]:
        """Every file of the pack and its parents, for build fingerprints."""
        return sorted(p for folder in self.folders for p in folder.rglob("*") if p.is_file())

    def text(self, key: str, **variables: Any) -> str:
        """Render the fragment ``key`` with ``variables``; brief text goes in only as data."""
        fragment = self._fragments.get(key)
        if fragment is None:
            raise InvalidInput(f"{display_path(self.folders[0] / TEXT_FILE)}: the pack has no "
                               f"text for '{key}'; add it (see templates/default/text.yaml)")
        try:
            return fragment.render(variables)
        except jinja2.TemplateError as exc:
            raise InvalidInput([Problem(fragment.file, fragment.line, 1,
                                        f"{key}: {exc.message}; check the fragment's variables")]) \
                from None

    def template(self, relative: str, *, autoescape: bool) -> jinja2.Template:
        """A whole-file template of the pack (e.g. an email body), compiled in the sandbox."""
        path = self.file(relative)
        source = path.read_text("utf-8")
        # Compiling costs milliseconds per call; the source is the key, so edits still show.
        key = (source, autoescape)
        if key in self._compiled:
            return self._compiled[key]
        env = self._html_environment if autoescape else self.environment
        try:
            template = self._compiled[key] = env.from_string(source)
            return template
        except jinja2.TemplateSyntaxError as exc:
            raise InvalidInput([Problem(display_path(path), exc.lineno or 1, 1,
                                        f"template error: {exc.message}")]) from None

    @cached_property
    def _html_environment(self) -> SandboxedEnvironment:
        env = _environment(autoescape=True)
        env.filters.update(self.environment.filters)
        return env

    def format_date(self, date: dt.date) -> str:
        """``date`` in the pack's words, e.g. '5 February 2025'."""
        return self.text("date", day=date.day, month=date.month,
                         month_name=_MONTHS[date.month - 1], year=date.year)


def _environment(*, autoescape: bool) -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=autoescape,
                                keep_trailing_newline=False)


def resolve_pack_folder(name_or_dir: str | Path | None, *, relative_to: Path | None = None) -> Path:
    """The folder of a pack given by built-in name or directory path."""
    spec = str(name_or_dir or DEFAULT_PACK)
    candidates = []
    if relative_to is not None:
        candidates.append(relative_to / spec)
    candidates += [Path(spec), BUILTIN_PACKS / spec]
    for candidate in candidates:
        if (candidate / PACK_FILE).is_file():
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
        doc = read_yaml(folder / PACK_FILE, what="pack file", max_bytes=256 * 1024)
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
        if (folder / TEXT_FILE).is_file():
            fragments.update(_compile_fragments(read_yaml(folder / TEXT_FILE, what="pack file"),
                                                environment))
    pack = Pack(folders, config, fragments, environment)
    problems = _missing_files(pack, settings)
    if problems:
        raise InvalidInput(problems)
    return pack


def _referenced_files(config: PackConfig) -> list[tuple[tuple[str, ...], str]]:
    """Each file ``pack.yaml`` names, with the settings path that names it."""
    refs = [(("fonts", family, face), getattr(getattr(config.fonts, family), face))
            for family in ("body", "heading", "deck")
            for face in ("regular", "bold", "italic", "bold_italic")]
    refs.append((("slide", "master"), config.slide.master))
    if config.options.logo:
        refs.append((("options", "logo"), config.options.logo))
    return refs


def _missing_files(pack: Pack, settings: list[YamlDocument]) -> list[Problem]:
    """Every file the merged settings name that no pack in the chain has, located in the
    pack file that named it, so a broken pack is reported whole before any brief."""
    problems = []
    for path, relative in _referenced_files(pack.config):
        try:
            pack.file(relative)
        except InvalidInput:
            doc = next((d for d in settings if path in d.value_marks), settings[0])
            problems.append(doc.problem(path, f"{dotted_path(path)}: the file '{relative}' "
                                              "is not in the pack or the packs it extends; "
                                              "add it or correct the path"))
    return problems


# Where a fragment stops being plain text for the environment's (default) delimiters.
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _fragment(file: str, line: int, source: str, environment: SandboxedEnvironment) -> _Fragment:
    """The fragment ``key``, compiled only if it uses template syntax: plain text
    renders as jinja2 would render it (line breaks made "\\n"), without its compiling
    cost. Raises jinja2.TemplateSyntaxError."""
    if _TEMPLATE_SYNTAX.search(source):
        return _Fragment(file, line, environment.from_string(source))
    return _Fragment(file, line, None, _LINE_BREAK.sub("\n", source).strip())


def _compile_fragments(doc: YamlDocument, environment: SandboxedEnvironment
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

    walk(doc.data, ())
    if problems:
        raise InvalidInput(problems)
    return fragments

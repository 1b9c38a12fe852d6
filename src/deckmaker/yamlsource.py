"""Safe YAML reading that keeps the line and column of every value.

Only plain data is accepted: no Python tags, no aliases (they make "billion
laughs" files explosive to walk), no duplicate keys, no control characters,
and nothing larger than a size cap. The result maps each field path to its
position so validation errors can point at the exact line.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deckmaker.errors import InvalidInput, Problem, display_path

MAX_YAML_BYTES = 2 * 1024 * 1024
# Tab, newline and carriage return are the only C0 characters allowed; the rest
# corrupt PPTX XML and are never meant in a brief.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# In a value (after escapes are decoded) only tab and line feed are allowed: the file's own
# line breaks are line feeds by then, so a CR or a C1 control can only come from an escape.
_VALUE_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Scalar:
    """Where a scalar's source text is: its style (None for plain, a quote, ``>`` or
    ``|``) and the character indexes of its start and end in the file's text."""

    style: str | None
    start: int
    end: int


@dataclass
class YamlDocument:
    """Plain data read from a YAML file plus the position of each value and key, and
    where each scalar's text is."""

    file: str
    data: Any
    text: str = ""
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, Scalar] = field(default_factory=dict)
    refuse_controls: bool = False  # a brief: no control character in any value

    def position(self, path: Path_) -> tuple[int, int]:
        """The (line, column) of ``path``, or of its nearest located parent."""
        for end in range(len(path), -1, -1):
            mark = self.value_marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)

    def key_position(self, path: Path_) -> tuple[int, int]:
        """The (line, column) of the key that introduces ``path``."""
        return self.key_marks.get(tuple(path)) or self.position(path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        line, column = self.key_position(path) if at_key else self.position(path)
        return Problem(self.file, line, column, message)


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases outright."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in briefs; write the value out in full",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


_STR = "tag:yaml.org,2002:str"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _RepeatedNode(Exception):
    """A node reached twice: the document uses an alias."""


class _Builder:
    """Turns a composed node tree into plain data, recording marks and problems."""

    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            raise _RepeatedNode
        self.seen.add(id(node))
        self.doc.value_marks[path] = _mark(node)
        if node.tag not in _PLAIN_TAGS and isinstance(node, yaml.ScalarNode) \
                and node.tag.startswith("!") and not node.tag.startswith("!!"):
            self._refuse(node, f"{dotted_path(path) or 'value'}: a value starting with '!' is "
                               "read as a YAML tag, not text; put the whole text in quotes")
            return None
        if node.tag not in _PLAIN_TAGS:
            self._refuse(node, f"{dotted_path(path) or 'value'}: the tag "
                               f"{node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; "
                               "briefs hold plain text, numbers, dates, lists and mappings only")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        self.doc.scalars[path] = Scalar(node.style or None,  # libyaml says '' for plain
                                        node.start_mark.index, node.end_mark.index)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        in_list = bool(path) and isinstance(path[-1], int)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._refuse(key_node, "a key must be a plain name")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key == "<<":
                self._refuse(key_node, "merge keys (<<) are not allowed in briefs")
                continue
            if key in result and in_list:
                # a list item's keys again: the next item's, whose '- ' was left out
                first = self.doc.key_marks[child][0]
                self._refuse(key_node, f"{dotted_path(child)}: duplicate key '{key}' "
                                       f"(first set on line {first}); did you forget '- ' to "
                                       "start a new item?")
                return result
            if key in result:
                first = self.doc.key_marks[child][0]
                self._refuse(key_node, f"{dotted_path(child)}: duplicate key '{key}' "
                                       f"(first set on line {first}); keep only one")
                continue
            self.doc.key_marks[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _refuse(self, node: yaml.Node, message: str) -> None:
        """Record a problem at ``node``'s position."""
        self.problems.append(Problem(self.doc.file, *_mark(node), message))

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag == _STR:  # most of a brief; what construct_object would return
            control = self.doc.refuse_controls and _VALUE_CONTROLS.search(node.value)
            if control:  # only a double-quoted escape ("\x1b", "\e", "\r") makes one here
                self._refuse(node, f"{dotted_path(path) or 'value'}: control character "
                                   f"U+{ord(control.group()):04X} (written as an escape) is not "
                                   "allowed; delete it")
            return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                value = self.loader.construct_object(node)
            except ValueError:
                return node.value  # validation reports it as "not a real calendar date"
            return value.date() if isinstance(value, dt.datetime) else value
        return self.loader.construct_object(node)


def dotted_path(path: Path_) -> str:
    """``('key_judgments', 1, 'confidence')`` -> ``key_judgments[2].confidence`` (1-based)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_capped(path: Path, *, what: str = "brief", max_bytes: int = MAX_YAML_BYTES) -> bytes:
    """The bytes of ``path``, refused before reading when larger than ``max_bytes``."""
    def fail(message: str) -> InvalidInput:
        return InvalidInput([Problem(display_path(path), 1, 1, message)])

    try:
        status = path.stat()
        size = status.st_size
        # A FIFO or a device would block the read, or never end: only regular files.
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            raise fail(f"this is not a regular file (a pipe or a device); give a {what} "
                       "saved as a file")
        if size > max_bytes:
            raise fail(f"the file is {size / 1048576:.1f} MB; a {what} may be at most "
                       f"{max_bytes // 1048576} MB, so split it or remove embedded data")
        return path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file; check the path") from None
    except IsADirectoryError:
        raise fail("this is a folder, not a file") from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror})") from None


def read_yaml(path: Path, *, what: str = "brief", max_bytes: int = MAX_YAML_BYTES,
              raw: bytes | None = None) -> YamlDocument:
    """Read ``path`` as plain YAML data with positions, or raise InvalidInput.
    ``raw`` is the file's content when the caller has read it with ``read_capped``."""
    shown = display_path(path)

    def fail(message: str, line: int = 1, column: int = 1) -> InvalidInput:
        return InvalidInput([Problem(shown, line, column, message)])

    if raw is None:
        raw = read_capped(path, what=what, max_bytes=max_bytes)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise fail(f"this is a binary file, not a YAML {what}; check the path")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("the file is not UTF-8 text; save it as UTF-8", line) from None
    control = _CONTROL_CHARS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise fail(f"control character U+{ord(control.group()):04X} is not allowed; "
                   "delete it (it often comes from copy and paste)", line, column)
    return parse_text(text, shown, what=what)


def parse_text(text: str, shown: str, *, what: str = "brief") -> YamlDocument:
    """The YAML ``text`` (of the file shown as ``shown``) as plain data with positions, or
    raise InvalidInput."""
    def fail(message: str, line: int = 1, column: int = 1) -> InvalidInput:
        return InvalidInput([Problem(shown, line, column, message)])

    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise fail(f"the file is empty; a {what} needs at least a title")

    def odd(structural_only: bool) -> None:
        found = odd_indentation(text, structural_only=structural_only)
        if found:
            raise InvalidInput([Problem(shown, *at, message) for at, message in found])

    doc = YamlDocument(shown, None, text, refuse_controls=what == "brief")
    try:
        builder = _compose_and_build(text, doc)
    except yaml.MarkedYAMLError as exc:
        odd(structural_only=False)  # the likely cause, on its own line
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        explained = None if "aliases" in (exc.problem or "") else explain_syntax_error(text,
                                                                                        line)
        if explained:
            (line, column), message = explained
            raise fail(message, line, column) from None
        raise fail(_describe_yaml_error(exc), line, column) from None
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML ({exc})") from None
    odd(structural_only=True)
    if builder.problems:
        raise InvalidInput(builder.problems)
    anchors = anchor_problems(text, shown)
    if anchors:
        raise InvalidInput(anchors)
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise fail(f"the top level is {kind}; a {what} must be a mapping of fields "
                   "such as 'title:'")
    return doc


def _compose_and_build(text: str, doc: YamlDocument) -> _Builder:
    """Compose with libyaml when present (ten times faster), else pure Python.

    libyaml resolves an alias to the anchored node itself, so a repeated node
    reveals one; the pure-Python loader then re-reads the text to report the
    alias at its own position.
    """
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else _NoAliasLoader
    try:
        return _build_with(loader(text), doc)
    except _RepeatedNode:
        return _build_with(_NoAliasLoader(text), doc)


def _build_with(loader: yaml.SafeLoader | yaml.CSafeLoader, doc: YamlDocument) -> _Builder:
    """Compose the single document with ``loader`` and build ``doc.data`` from it."""
    try:
        node = loader.get_single_node()
        builder = _Builder(loader, doc)
        doc.data = builder.build(node, ()) if node is not None else None
        return builder
    finally:
        loader.dispose()


# Characters that look like spaces but are not YAML indentation (copied from Word, web
# pages and chat): the parser reads them as text and fails lines later.
_ODD_SPACES = {"\u00a0": "non-breaking space", "\u2007": "figure space",
               "\u202f": "narrow non-breaking space", "\u200b": "zero-width space",
               "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
               "\u2060": "word joiner", "\ufeff": "zero-width no-break space",
               "\u3000": "ideographic space", **{chr(c): "typographic space"
                                                  for c in range(0x2000, 0x200b)}}
_INDENT = re.compile("^[ \t" + "".join(_ODD_SPACES) + "]*", re.MULTILINE)


# What starts a line of structure (a list item or a key), not text.
_STRUCTURE = re.compile(r"-\s|[A-Za-z_][\w-]*:(?:\s|$)")


def odd_indentation(text: str, *, structural_only: bool = False
                    ) -> list[tuple[tuple[int, int], str]]:
    """((line, column), message) for each line whose indentation holds a character that
    only looks like a space; with ``structural_only``, only lines that then start a key or
    a list item (text in a block may start with one: a Japanese paragraph's U+3000)."""
    found = []
    for number, match in enumerate(_INDENT.finditer(text), 1):
        odd = next(((i, c) for i, c in enumerate(match.group()) if c in _ODD_SPACES), None)
        if odd and structural_only and not _STRUCTURE.match(text, match.end()):
            continue
        if odd:
            index, char = odd
            found.append(((number, index + 1),
                          f"the indentation holds a {_ODD_SPACES[char]} (U+{ord(char):04X}), "
                          "which YAML does not count as a space; retype it as ordinary spaces"))
    return found


# A value as a line starts it: after "key:" or "- ", up to the end of the line.
_VALUE = re.compile(r"^\s*(?:-\s+)?(?:(?P<key>[^\s:#'\"][^:#]*?):\s+|-\s+)(?P<value>\S.*)$")
_SYNTAX_STARTS = {"*": "an alias", "&": "an anchor", "@": "reserved", "`": "reserved",
                  "%": "a directive"}
_CURLY = "“”‘’„«»"


def explain_syntax_error(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """A plain-language account of the likely cause of a YAML syntax error reported at
    ``line``: a value that starts with a YAML indicator or with a curly quote, on that line
    or one of the two above it (the parser often notices a line late)."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        match = _VALUE.match(lines[number - 1])
        if not match:
            continue
        value, key = match["value"], match["key"]
        field = f"{key.strip()}: " if key else ""
        at = (number, match.start("value") + 1)
        if value[0] in _SYNTAX_STARTS:
            return at, (f"{field}a value starting with '{value[0]}' is YAML syntax "
                        f"({_SYNTAX_STARTS[value[0]]}), not text; put the whole text in double "
                        "quotes" + _example(key, value))
        if value[0] in _CURLY:
            return at, (f"{field}curly quotes ({value[0]}…) are not YAML quotes; use straight "
                        "double quotes (\"…\") around the text, or none")
    return None


# '&' where a value starts (after a key, a dash, a bracket or a comma): an anchor.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)


def anchor_problems(text: str, shown: str) -> list[Problem]:
    """A value that starts with '&' is valid YAML, an anchor: its first word silently
    disappears ("&Desk and team" reads "and team"). Briefs need no anchors (aliases are
    refused), so each is refused where it stands."""
    if not _MAYBE_ANCHOR.search(text):  # most briefs: no need to scan (pure Python, slow)
        return []
    problems = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AnchorToken):
            line = token.start_mark.line + 1
            explained = explain_syntax_error(text, line)
            (line, column), message = explained or (
                (line, token.start_mark.column + 1),
                "a value starting with '&' is YAML syntax (an anchor), not text; put the "
                "whole text in double quotes")
            problems.append(Problem(shown, line, column, message))
    return problems


def _example(key: str | None, value: str) -> str:
    """``: title: "*Bold* claim"``, the fix written out, when it is short and simple."""
    value = value.strip()
    if not key or '"' in value or "\\" in value:
        return ""
    return f': {key.strip()}: "{value if len(value) <= 40 else value[:39] + "…"}"'


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "aliases" in problem:
        return problem
    if "expected <document start>" in problem or "another document" in problem:
        return "the file holds more than one YAML document (a second '---'); keep one"
    hint = "check indentation and quote text that contains ': ' or starts with a special character"
    if "tab" in problem or "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    return f"YAML syntax error: {problem}; {hint}"

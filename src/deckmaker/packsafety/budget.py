"""A jinja2 sandbox with a budget: a pack's fragments and templates cannot hang or
exhaust memory. ``range`` is capped; text and lists the template makes (repetition,
``+``, ``%`` and ``format`` widths, the sizing filters) are capped before they are made;
powers and products of integers are capped in bits; loop steps, nested calls (a macro
calling itself), the output and the wall-clock time of one render are capped, each
checked as the template runs (no signals: renders also run in worker processes).

Loops and output are counted by rewriting the parsed template before compiling it
(``BudgetedEnvironment.compile``): each ``for`` iterates through ``loop_steps`` and each
piece of output passes ``counted``; the text rendered is unchanged.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter,
)
from jinja2.utils import Namespace
from markupsafe import Markup

from deckmaker.errors import InvalidInput, Problem


@dataclass(frozen=True)
class Limits:
    """What one render may use."""

    max_range: int = 10_000  # items of one range()
    max_steps: int = 10_000  # loop steps of one render, all loops together
    max_text: int = 100_000  # characters or items of one value the template makes
    max_output: int = 1_000_000  # characters the render writes, counted as made
    max_depth: int = 32  # nested calls (macros, filters called as functions)
    max_bits: int = 4096  # bits of an integer power or product
    seconds: float = 2.0  # wall-clock time of one render


FRAGMENT_LIMITS = Limits()
# Whole-file templates (an email body) loop over every item of a large brief.
FILE_LIMITS = Limits(max_steps=100_000, max_text=1_000_000, max_output=10_000_000)


class OverBudget(Exception):
    """A render went past one of its limits; ``str()`` says which, in words."""


class TemplateFailure(InvalidInput):
    """A template failed as it rendered, located at its file and line. ``kind`` is
    "budget" (over a limit), "template" (a jinja2 error: an undefined name, an unsafe
    attribute, a missing include) or "error" (an exception such as a division by zero);
    ``detail`` says what, for a caller that locates it better (a fragment's key)."""

    def __init__(self, filename: str, line: int, kind: str, detail: str) -> None:
        self.kind = kind
        self.detail = detail
        message = detail if kind == "template" else f"the template {detail}"
        super().__init__([Problem(filename, line, 1, message)])


class _RenderState:
    """The budget spent by the render in progress."""

    def __init__(self, limits: Limits) -> None:
        self.deadline = time.monotonic() + limits.seconds
        self.steps = 0
        self.output = 0
        self.depth = 0


# A %-conversion: its optional mapping key, flags, width and precision.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
# The str methods whose first argument is a width the result is padded to.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
# The filters whose numeric arguments size what they make.
_SIZING_FILTERS = frozenset({"center", "indent", "batch", "slice", "tojson", "wordwrap",
                             "truncate"})


def _size(value: Any, limit: int) -> int:
    """About how many characters ``value`` prints as, counted up to ``limit``, without
    printing it (a list of large strings would take its whole size to print)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, bool | float | None.__class__):
        return 8
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, list | tuple | set | frozenset | dict):
        total = 2
        for item in (value.items() if isinstance(value, dict) else value):
            total += _size(item, limit) + 2
            if total > limit:
                break
        return total
    return 0  # other objects (brief data, jinja2 helpers) print as text of their own


class BoundedFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox, refusing widths and precisions above the cap."""

    def __init__(self, env: BudgetedEnvironment, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self.budget_env = env

    def format_field(self, value: Any, format_spec: str) -> Any:
        self.budget_env.check_width(format_spec)
        return super().format_field(value, format_spec)


class BoundedEscapeFormatter(BoundedFormatter, SandboxedEscapeFormatter):
    """``Markup.format`` in the sandbox, with the same caps."""


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose renders run under ``limits``."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        self.template_class = BudgetedTemplate
        self.globals["range"] = self.bounded_range
        self.globals.pop("lipsum", None)  # makes text of any length
        self.filters = {name: self._bounded_filter(name, function)
                        for name, function in self.filters.items()}
        self._render_state = threading.local()

    # -- the render in progress

    @contextmanager
    def budget(self) -> Iterator[None]:
        """Run one render under this environment's limits."""
        outer = getattr(self._render_state, "current", None)
        self._render_state.current = _RenderState(self.limits)
        try:
            yield
        finally:
            self._render_state.current = outer

    def _state(self) -> _RenderState | None:
        return getattr(self._render_state, "current", None)

    def tick(self) -> None:
        """Stop the render once its time is up."""
        state = self._state()
        if state is not None and time.monotonic() > state.deadline:
            raise OverBudget(f"more than {self.limits.seconds:g} seconds")

    def check_text(self, size: int) -> None:
        if size > self.limits.max_text:
            raise OverBudget(f"text or a list of more than {self.limits.max_text} "
                             "characters or items")

    def check_width(self, spec: str) -> None:
        """Refuse a format spec padding to more than the text cap."""
        for number in re.findall(r"\d+", spec):
            if len(number) > 9 or int(number) > self.limits.max_text:
                raise OverBudget(f"a format width of more than {self.limits.max_text}")

    # -- the hooks the compiled template calls

    def bounded_range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.limits.max_range:
            raise OverBudget(f"range() of more than {self.limits.max_range} items")
        return numbers

    def loop_steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """``iterable``, each step counted against the render's loop budget."""
        state = self._state()
        for item in iterable:
            if state is not None:
                state.steps += 1
                if state.steps > self.limits.max_steps:
                    raise OverBudget(f"a loop of more than {self.limits.max_steps} steps")
                self.tick()
            yield item

    def counted(self, value: Any) -> Any:
        """``value``, about to be written, counted against the render's output cap."""
        state = self._state()
        if state is not None:
            state.output += _size(value, self.limits.max_output) if not isinstance(
                value, jinja2.Undefined) else 0
            if state.output > self.limits.max_output:
                raise OverBudget(f"more than {self.limits.max_output} characters of output")
        return value

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        value = super().getattr(obj, attribute)
        if isinstance(obj, Namespace):  # a namespace value can grow by doubling in a loop
            self.check_text(_size(value, self.limits.max_text))
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        value = super().getitem(obj, argument)
        if isinstance(obj, Namespace):
            self.check_text(_size(value, self.limits.max_text))
        return value

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any,
             **kwargs: Any) -> Any:
        if getattr(obj, "__self__", None) is self and getattr(obj, "__func__", None) in (
                BudgetedEnvironment.counted, BudgetedEnvironment.loop_steps):
            return obj(*args)  # the counting hooks (kwargs: jinja2's loop and block vars)
        self.tick()
        self._check_method_call(obj, args)
        state = self._state()
        if state is not None:
            state.depth += 1
            if state.depth > self.limits.max_depth:
                raise OverBudget(f"calls nested more than {self.limits.max_depth} deep "
                                 "(a macro calling itself?)")
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            if state is not None:
                state.depth -= 1
        if _size(result, self.limits.max_output) > self.limits.max_output:
            raise OverBudget(f"a value of more than {self.limits.max_output} characters")
        return result

    def _check_method_call(self, method: Any, args: tuple) -> None:
        """Refuse a str method call whose result would pass the text cap."""
        owner = getattr(method, "__self__", None)
        if not isinstance(owner, str):
            return
        name = getattr(method, "__name__", "")
        if name in _WIDTH_METHODS and args and isinstance(args[0], int):
            self.check_text(args[0])
        elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
            self.check_replace(owner, args[0], args[1])
        elif name == "join" and args and isinstance(args[0], list | tuple):
            items = args[0]
            self.check_text(len(owner) * len(items)
                            + sum(len(item) for item in items if isinstance(item, str)))

    def check_replace(self, text: str, old: str, new: str) -> None:
        occurrences = len(text) + 1 if old == "" else text.count(old)
        self.check_text(len(text) + occurrences * max(0, len(new) - len(old)))

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        self.tick()
        if operator == "*":
            self._check_product(left, right)
        elif operator == "**":
            self._check_power(left, right)
        elif operator == "+" and all(isinstance(x, str | list | tuple) for x in (left, right)):
            self.check_text(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            self.check_percent(left)
        return super().call_binop(context, operator, left, right)

    def _check_product(self, left: Any, right: Any) -> None:
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                self.check_text(len(sequence) * max(count, 0))
                return
        if isinstance(left, int) and isinstance(right, int) \
                and left.bit_length() + right.bit_length() > self.limits.max_bits:
            raise OverBudget(f"a product of more than {self.limits.max_bits} bits")

    def _check_power(self, base: Any, exponent: Any) -> None:
        if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 \
                and exponent > 0 and exponent * math.log2(abs(base)) > self.limits.max_bits:
            raise OverBudget(f"a power of more than {self.limits.max_bits} bits")

    def check_percent(self, text: str) -> None:
        for width, precision in _PERCENT_SPEC.findall(text):
            for number in (width, precision):
                if number == "*":
                    raise OverBudget("a '*' width in a %-format")
                if number:
                    self.check_width(number)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``/``format_map`` as the sandbox wraps them, with width caps."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__
        formatter = BoundedEscapeFormatter(self, escape=text.escape) \
            if isinstance(text, Markup) else BoundedFormatter(self)
        is_format_map = value.__name__ == "format_map"

        @wraps(value)
        def bounded(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                return wrapped(*args, **kwargs) if kwargs or len(args) != 1 \
                    else type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return bounded

    def _bounded_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` with its sizing arguments and its result checked."""
        passes = 1 if getattr(function, "jinja_pass_arg", None) else 0
        environment = self

        @wraps(function)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            environment.tick()
            if name in _SIZING_FILTERS:
                for argument in (*args[passes + 1:], *kwargs.values()):
                    if isinstance(argument, int) and not isinstance(argument, bool):
                        environment.check_text(abs(argument))
            elif name == "replace" and len(args) >= passes + 3:
                text, old, new = (str(a) for a in args[passes:passes + 3])
                environment.check_replace(text, old, new)
            elif name == "format" and len(args) > passes and isinstance(args[passes], str):
                environment.check_percent(args[passes])
            result = function(*args, **kwargs)
            if _size(result, environment.limits.max_output) > environment.limits.max_output:
                raise OverBudget(f"a value of more than {environment.limits.max_output} "
                                 "characters")
            return result

        return bounded

    # -- compiling

    def compile(self, source: str | nodes.Template, name: str | None = None,
                filename: str | None = None, raw: bool = False,
                defer_init: bool = False) -> Any:
        """Compile ``source`` with its loops and output counted (see the module)."""
        if isinstance(source, str):
            source = self.parse(source, name, filename)
        return super().compile(self._counting(source), name, filename, raw, defer_init)

    def _counting(self, tree: nodes.Template) -> nodes.Template:
        for loop in tree.find_all(nodes.For):
            loop.iter = self._hook("loop_steps", loop.iter)
        for output in tree.find_all(nodes.Output):
            output.nodes = [
                nodes.MarkSafeIfAutoescape(self._hook("counted", nodes.Const(child.data)))
                if isinstance(child, nodes.TemplateData) else self._hook("counted", child)
                for child in output.nodes]
            for child in output.nodes:
                child.set_lineno(output.lineno, override=False)
                child.set_environment(self)
        return tree

    def _hook(self, name: str, argument: nodes.Expr) -> nodes.Expr:
        call = nodes.Call(nodes.EnvironmentAttribute(name), [argument], [], None, None,
                          lineno=argument.lineno or 1)
        call.set_lineno(argument.lineno or 1, override=False)
        call.set_environment(self)
        return call


class BudgetedTemplate(jinja2.Template):
    """A template whose render runs under its environment's budget; anything that goes
    wrong as it renders is a TemplateFailure located at its file and line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        assert isinstance(environment, BudgetedEnvironment)
        with environment.budget():
            try:
                return super().render(*args, **kwargs)
            except TemplateFailure:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure is the template's: located
                filename, line = _template_place(exc, self.filename or "<template>")
                raise TemplateFailure(filename, line, *describe(exc)) from None


def describe(exc: BaseException) -> tuple[str, str]:
    """(kind, detail) of what went wrong in a render (see TemplateFailure), never
    quoting a file's content."""
    from deckmaker.packsafety.loader import TemplateRefused

    if isinstance(exc, OverBudget):
        return "budget", f"runs past its budget ({exc})"
    if isinstance(exc, RecursionError):
        return "budget", "runs past its budget (calls nested too deep)"
    if isinstance(exc, MemoryError):
        return "budget", "runs past its budget (out of memory)"
    if isinstance(exc, TemplateRefused):
        return "template", f"cannot load '{exc.name}': it {exc.reason}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return "template", (f"cannot load '{exc.name}': it is not a file of the pack or the "
                            "packs it extends")
    if isinstance(exc, jinja2.TemplateError):
        return "template", str(exc.message)
    return "error", f"fails as it renders ({type(exc).__name__}: {exc})"


def _template_place(exc: BaseException, filename: str) -> tuple[str, int]:
    """The template file and line the render stopped at: jinja2 rewrites the traceback
    so that template frames carry them (their globals hold ``__jinja_exception__``)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return exc.filename or filename, exc.lineno
    place = (filename, 1)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            place = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return place

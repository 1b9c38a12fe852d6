"""Imports: every module of deckmaker imports on its own, module-level imports form no
cycle, and the light commands never load the renderers' libraries."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import deckmaker

PACKAGE = Path(deckmaker.__file__).resolve().parent


def module_files() -> dict[str, Path]:
    """Every module of the deckmaker package (packages by their ``__init__.py``) by name."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = module_files()


def parse(path: Path) -> ast.Module:
    """The syntax tree of ``path``; a module's own warnings (an invalid escape) are its
    linters' business, not this test's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(path.read_text("utf-8"), str(path))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _module_level_imports(tree: ast.Module):
    """The Import and ImportFrom nodes that run when the module is imported: not those
    inside functions, nor under ``if TYPE_CHECKING:`` (its ``else`` runs, so it counts)."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name ``from <node.module>`` refers to inside ``module``."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the deckmaker modules it imports at module level.

    ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
    ``pkg``. The parent packages every import also initialises are left out: a package
    whose ``__init__`` imports its own submodules is the ordinary pattern, not a cycle.
    """
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets: set[str] = set()
        for node in _module_level_imports(parse(path)):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            else:
                source = _resolve(module, node)
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    targets.add(submodule if submodule in MODULES else source)
        graph[module] = {t for t in targets if t in MODULES and t != module}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as [a, b, ..., a], or None when it has none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph[node]):
            if target in on_path:
                return path[path.index(target):] + [target]
            if target not in done and (cycle := visit(target)):
                return cycle
        on_path.discard(path.pop())
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def test_module_level_imports_form_no_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_names_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_reads_the_imports_that_run_at_import_time():
    graph = import_graph()
    assert "deckmaker.errors" in graph["deckmaker.cli"]
    # console imports batch only for type checking, inside `if TYPE_CHECKING:`
    assert "deckmaker.batch" not in graph["deckmaker.console"]
    # batch imports the build module only inside its functions
    assert "deckmaker.build" not in graph["deckmaker.batch"]


def test_writers_never_import_the_console():
    """A writer reports through the ``warn`` it is given, not by printing."""
    offenders = []
    for module, path in MODULES.items():
        if module.startswith("deckmaker.writers."):
            for node in ast.walk(parse(path)):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                         else [f"{_resolve(module, node)}.{alias.name}" for alias in node.names]
                         if isinstance(node, ast.ImportFrom) else [])
                offenders += [f"{module}:{node.lineno}" for name in names
                              if name == "deckmaker.console"
                              or name.startswith("deckmaker.console.")]
    assert not offenders


def _import_alone(module: str) -> tuple[str, str | None]:
    """``module`` imported in a fresh interpreter: (module, None) or (module, its error).
    ``deckmaker.__main__`` runs the command line when imported, so it is run with --help."""
    package, _, leaf = module.rpartition(".")
    code = ["-m", package, "--help"] if leaf == "__main__" else ["-c", f"import {module}"]
    result = subprocess.run([sys.executable, *code], capture_output=True, text=True,
                            check=False)
    if result.returncode == 0:
        return module, None
    return module, (result.stderr.strip().splitlines() or ["(no output)"])[-1]


@pytest.mark.slow  # some 90 interpreters: tens of seconds on two busy cores
def test_every_module_imports_on_its_own():
    """Each module in a fresh interpreter, a few at a time."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1) + 1) as pool:
        failures = {module: error for module, error in pool.map(_import_alone, MODULES) if error}
    assert not failures, "\n".join(f"{module}: {error}" for module, error in failures.items())

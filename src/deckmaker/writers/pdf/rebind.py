"""reportlab functions reused as they are, with some names of their module replaced."""

from __future__ import annotations

from types import FunctionType, ModuleType


def rebound(function, module: ModuleType, **names):
    """``function`` (defined in ``module``) calling ``names`` instead of the module's own."""
    return FunctionType(function.__code__, {**vars(module), **names},
                        function.__name__, function.__defaults__)

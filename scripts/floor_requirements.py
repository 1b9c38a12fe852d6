"""Print ``name==floor`` for every dependency pyproject.toml declares with a ``>=`` floor.

.ci/run installs these into a second environment and runs the memo and deck tests
there, so the lowest versions the project admits are the ones it is tested on.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
_FLOOR = re.compile(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def floors(pyproject: Path = PYPROJECT) -> list[str]:
    """``name==version`` for each runtime dependency with a ``>=`` floor (no extras: pip
    takes this as a constraints file, and the project's own requirement names them)."""
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = _FLOOR.match(requirement)
        if match:
            name, _extras, version = match.groups()
            pins.append(f"{name}=={version}")
    return pins


if __name__ == "__main__":
    sys.stdout.write("".join(f"{pin}\n" for pin in floors()))

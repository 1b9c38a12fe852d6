"""Templates no one here wrote: python-pptx's default, LibreOffice's own Impress
templates converted to .pptx (once per session), and a hand-made corporate one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.template.corporate import build_corporate

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
# Light and dark ones: Portfolio is black, Sunset dark brown, Midnightblue a dark band.
CONVERTED = ("Beehive", "Focus", "Midnightblue", "Portfolio", "Sunset", "Vivid")


@pytest.fixture(scope="session")
def libreoffice_templates(tmp_path_factory) -> dict[str, Path]:
    """The CONVERTED .otp templates as .pptx, by name (converted once per session)."""
    soffice = shutil.which("soffice")
    if soffice is None or not LIBREOFFICE_TEMPLATES.is_dir():
        pytest.skip("LibreOffice and its templates are not installed")
    folder = tmp_path_factory.mktemp("libreoffice-templates")
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    sources = [str(LIBREOFFICE_TEMPLATES / f"{name}.otp") for name in CONVERTED]
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pptx", "--outdir", str(folder), *sources],
                   check=True, capture_output=True, timeout=300)
    return {name: folder / f"{name}.pptx" for name in CONVERTED}


@pytest.fixture(scope="session")
def python_pptx_default(tmp_path_factory) -> Path:
    from pptx import Presentation

    path = tmp_path_factory.mktemp("pptx-default") / "default.pptx"
    Presentation().save(str(path))
    return path


@pytest.fixture(scope="session")
def corporate(tmp_path_factory) -> Path:
    return build_corporate(tmp_path_factory.mktemp("corporate") / "corporate.pptx")

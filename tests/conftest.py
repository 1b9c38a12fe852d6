"""Shared fixtures: the sample brief, synthetic briefs, the default pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckmaker.build import load_document
from deckmaker.pack import load_pack
from deckmaker.synthetic import write_synthetic_brief

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "briefs" / "russia-north-korea-china.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: renders large briefs or runs LibreOffice")


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory):
    """deckmaker's cache in a temporary folder (inherited by the CLI's subprocesses),
    so the suite never writes to the real home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DECKMAKER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def pack():
    return load_pack()


@pytest.fixture(scope="session")
def sample_doc(pack):
    return load_document(SAMPLE, pack)


@pytest.fixture(scope="session")
def large_brief(tmp_path_factory) -> Path:
    """25 judgments, 150 evidence items, 10 figures (issue acceptance size)."""
    return write_synthetic_brief(tmp_path_factory.mktemp("large") / "large.yaml", "large",
                                 figures=10)


@pytest.fixture(scope="session")
def large_doc(large_brief, pack):
    return load_document(large_brief, pack)


@pytest.fixture
def small_brief(tmp_path) -> Path:
    return write_synthetic_brief(tmp_path / "small.yaml", "small")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def logo_pack(tmp_path):
    """A pack extending the default with a logo (a PNG drawn here)."""
    from PIL import Image

    folder = tmp_path / "logo-pack"
    folder.mkdir()
    Image.new("RGB", (240, 80), (15, 123, 138)).save(folder / "logo.png")
    (folder / "pack.yaml").write_text("name: logo\nextends: default\noptions:\n  logo: logo.png\n")
    return load_pack(folder)

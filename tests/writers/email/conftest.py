"""Fixtures for looking at the email's HTML in Chromium: the browser (Playwright driving
Debian's Chromium, no browser download), axe-core fetched from the npm registry once, and
the HTML as a mail client shows it (``cid:`` images resolved from the message).
"""

from __future__ import annotations

import base64
import email
import json
import os
import shutil
import subprocess
import tempfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

# The axe-core release the email is checked against; pinned so a new rule cannot turn CI
# red on its own (update it on purpose, and look at what the new rules find).
AXE_VERSION = "4.14.1"
# Where npm installs it: outside the repository and the home folder, kept between runs.
AXE_CACHE = Path(tempfile.gettempdir()) / "deckmaker-test-tools" / f"axe-core-{AXE_VERSION}"
# Set by .ci/run: there a missing npm, network or browser fails the run instead of skipping.
REQUIRE_ENV = "DECKMAKER_TESTS_REQUIRE_BROWSER"

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def unavailable(reason: str):
    """Skip (on a developer's machine) or fail (in CI) for want of a test tool."""
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set)")
    pytest.skip(reason)


def _installed_axe() -> Path | None:
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    package = AXE_CACHE / "node_modules" / "axe-core" / "package.json"
    if script.is_file() and package.is_file() and \
            json.loads(package.read_text("utf-8")).get("version") == AXE_VERSION:
        return script
    return None


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's browser script, installed with npm into ``AXE_CACHE`` on first use
    (into a temporary folder renamed into place, so parallel runs never see half of it)."""
    script = _installed_axe()
    if script is None:
        npm = shutil.which("npm")
        if npm is None:
            unavailable("needs npm to install axe-core (apt-get install npm)")
        AXE_CACHE.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="axe-", dir=AXE_CACHE.parent))
        result = subprocess.run(
            [npm, "install", "--prefix", str(staging), "--no-save", "--no-audit", "--no-fund",
             f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            unavailable(f"npm could not install axe-core@{AXE_VERSION} (no network?): "
                        f"{result.stderr.strip()[-300:]}")
        try:
            staging.rename(AXE_CACHE)
        except OSError:  # another run put it there first
            shutil.rmtree(staging, ignore_errors=True)
        script = _installed_axe()
        assert script is not None, f"npm installed axe-core but not {AXE_VERSION} in {AXE_CACHE}"
    return script.read_text("utf-8")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's) driven by Playwright; never a downloaded browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("needs Playwright for Python (pip install -e '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        unavailable("needs Chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def client_html(message: EmailMessage) -> str:
    """The HTML body with every ``cid:`` image as the part it names, inlined as a data
    URI, as a mail client resolves it; a cid naming no part stays and shows broken."""
    html = message.get_body(("html",)).get_content()
    for part in message.walk():
        content_id = part.get("Content-ID")
        if content_id:
            data = base64.b64encode(part.get_content()).decode("ascii")
            html = html.replace(f'src="cid:{content_id.strip("<>")}"',
                                f'src="data:{part.get_content_type()};base64,{data}"')
    return html


def open_page(browser, html: str, width: int):
    """A page of ``width`` CSS px showing ``html``; any request beyond data: URIs fails the
    test (the email must carry everything it shows)."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    remote: list[str] = []

    def refuse(route):
        remote.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    page.set_content(html, wait_until="load")
    assert remote == [], f"the email fetched {remote}"
    return page

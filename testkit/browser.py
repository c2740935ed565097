"""Debian's Chromium through Playwright, offline.

Every request to a host other than localhost is blocked *and recorded*, so tests
can assert that the app attempted none.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots (git-ignored)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Every wait in a test is on a real event; this only ends a wait that would never
# end. Playwright's default (30 s) fails tests on a busy machine for no fault of the app.
DEFAULT_TIMEOUT_MS = 180_000


@dataclass
class OutsideRequests:
    """Requests the page tried to make to other hosts (all were blocked)."""

    urls: list[str] = field(default_factory=list)


def chromium_path() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium")


def is_local(url: str) -> bool:
    """In-page URLs (data:, blob:, about:) and localhost; everything else is outside."""
    host = urlparse(url).hostname or ""
    return url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS


def block_outside(context, record: OutsideRequests) -> None:
    """Route every request: localhost passes, anything else is recorded and aborted."""

    def handle(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            record.urls.append(url)
            route.abort()

    context.route("**/*", handle)


class PatientBrowser:
    """A Playwright browser whose new contexts and pages wait ``DEFAULT_TIMEOUT_MS``.

    Everything else is the browser's own (attributes are passed through).
    """

    def __init__(self, browser, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
        self._browser, self._timeout_ms = browser, timeout_ms

    def __getattr__(self, name: str):
        return getattr(self._browser, name)

    def new_context(self, *args, **kwargs):
        context = self._browser.new_context(*args, **kwargs)
        context.set_default_timeout(self._timeout_ms)
        context.set_default_navigation_timeout(self._timeout_ms)
        return context

    def new_page(self, *args, **kwargs):
        page = self._browser.new_page(*args, **kwargs)
        page.context.set_default_timeout(self._timeout_ms)
        page.context.set_default_navigation_timeout(self._timeout_ms)
        return page


@contextlib.contextmanager
def chromium() -> Iterator[PatientBrowser]:
    """Headless Debian Chromium (never a downloaded browser), patient; closed on exit."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the tests' screenshots go there
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield PatientBrowser(browser)
        finally:
            browser.close()


# Streamlit is running the script: its status widget's running icon (shown only
# 500 ms into a run; "Running..." is only its aria-label, never its text), or an
# element of the previous run not yet replaced (``data-stale``, from the first
# moment of a run).
RUNNING_SELECTOR = '[data-testid="stStatusWidgetRunningIcon"], [data-stale="true"]'


def wait_for_app(page, timeout: float = 120_000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "(running) => !document.querySelector(running)", arg=RUNNING_SELECTOR, timeout=timeout
    )

"""Debian's Chromium through Playwright, offline.

Every request to a host other than localhost is blocked *and recorded*, so tests
can assert that the app attempted none.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
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
# Any URL but the app's own (localhost) and in-page data: / blob: / about: URLs
# (what :func:`is_local` refuses, as one pattern Playwright can match by itself).
OUTSIDE_URL = re.compile(
    r"^(?!(?:data|blob|about):)"
    r"(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))"
)
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
    """Requests to any host but localhost are recorded and aborted.

    Only those are routed to Python (:data:`OUTSIDE_URL` is matched by
    Playwright itself): the app's own requests, dozens per page load, are not
    held up by a round trip each.
    """

    def handle(route) -> None:
        record.urls.append(route.request.url)
        route.abort()

    context.route(OUTSIDE_URL, handle)


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


def wait_until_still(locator, timeout: float = 120_000) -> None:
    """Wait until ``locator`` is on screen at the same place in two reads 300 ms apart.

    As a person clicks once a panel has opened: on a busy machine an opening
    can pause between frames, and a click sent meanwhile lands beside the
    button (Playwright's own check passes between two such frames).
    """
    last, waited = None, 0.0
    while waited < timeout:
        box = locator.bounding_box()
        if box is not None and box == last:
            return
        last = box
        locator.page.wait_for_timeout(300)
        waited += 300
    raise AssertionError(f"{locator} never stopped moving")


def pick_option(page, label: str, option: str) -> None:
    """Choose ``option`` in the selectbox ``label``.

    A rerun of the page (the URL being written back) can close a list that was
    just opened, so the list is opened again until the option shows.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    wait_for_app(page)
    combo = page.get_by_role("combobox", name=label)
    choice = page.get_by_role("option").filter(has_text=option)
    for _ in range(5):
        combo.click()
        try:
            choice.wait_for(timeout=5_000)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            continue
        choice.click()
        return
    raise AssertionError(f"the option {option!r} never showed in {label!r}")


def wait_for_app(page, timeout: float = 120_000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "(running) => !document.querySelector(running)", arg=RUNNING_SELECTOR, timeout=timeout
    )


# Every DOM change in a document (the page and each of its frames: the map is in
# one) stamps the time; :class:`PageWatch` waits until no document has changed for
# a moment. Installed in every frame by ``BrowserContext.add_init_script``.
_MUTATIONS_JS = """
(() => {
  window.__changedAt = performance.now();
  const stamp = () => { window.__changedAt = performance.now(); };
  new MutationObserver(stamp).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
})();
"""
_QUIET_JS = "() => window.__changedAt === undefined ? null : performance.now() - window.__changedAt"


class PageWatch:
    """Real events of one page, for waiting until it has settled.

    Records when the page last received a WebSocket message from the server, the
    page's own HTTP requests in flight, and (through a ``MutationObserver`` in
    the page and in every frame) when a document last changed. Create it on a new
    context *before* its page opens: ``watch = PageWatch(context); page =
    watch.page``.
    """

    def __init__(self, context) -> None:
        self._clock = time.monotonic
        context.add_init_script(_MUTATIONS_JS)
        self.page = context.new_page()
        self.last_message = 0.0  # monotonic time of the last message from the server
        self.pending: set = set()
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._on_message))
        self.page.on("request", self._on_request)
        self.page.on("requestfinished", self._on_done)
        self.page.on("requestfailed", self._on_done)

    def _on_message(self, _payload) -> None:
        self.last_message = self._clock()

    def _on_request(self, request) -> None:
        if "/_stcore/stream" not in request.url:  # the WebSocket itself stays open
            self.pending.add(request)

    def _on_done(self, request) -> None:
        self.pending.discard(request)

    def now(self) -> float:
        """A time stamp to pass as ``since`` to :meth:`settle` (before the action)."""
        return self._clock()

    def _documents_quiet_ms(self) -> float | None:
        """The least time since any document of the page last changed (ms)."""
        quiet = None
        for frame in self.page.frames:
            try:
                ms = frame.evaluate(_QUIET_JS)
            except Exception:  # a frame being replaced: not quiet
                return 0.0
            if ms is not None:
                quiet = ms if quiet is None else min(quiet, ms)
        return quiet

    def unchanged_since(self, moment: float) -> bool:
        """Whether nothing came from the server and no document changed since ``moment``."""
        elapsed_ms = (self._clock() - moment) * 1000  # before asking: never stricter
        documents_ms = self._documents_quiet_ms()
        return (
            self.last_message < moment
            and not self.pending
            and documents_ms is not None
            and documents_ms >= elapsed_ms
        )

    def settle(
        self,
        ready: str = "() => true",
        *,
        since: float = 0.0,
        quiet_ms: int = 400,
        timeout_ms: float = DEFAULT_TIMEOUT_MS,
    ) -> None:
        """Wait until the page has settled after an action taken at ``since``.

        All of: the server has sent a message since ``since`` (it answered the
        page load or the widget change); Streamlit runs no script and shows no
        stale element; the page's ``ready`` function (JavaScript, in the top
        document) is true; no HTTP request of the page is in flight; and neither
        a server message nor a change in any document of the page (nor in its
        frames) came for ``quiet_ms``. Every condition is a real event; the quiet
        time only lets an event already on its way arrive. ``timeout_ms`` ends a
        wait that would never end (``AssertionError``).
        """
        deadline = self._clock() + timeout_ms / 1000
        idle = f"() => !document.querySelector({json.dumps(RUNNING_SELECTOR)}) && ({ready})()"
        while True:
            left = deadline - self._clock()
            if left <= 0:
                raise AssertionError(f"the page did not settle in time: {self.page.url}")
            if self.last_message > since and not self.pending:
                self.page.wait_for_function(idle, timeout=max(1000.0, left * 1000))
                message_ms = (self._clock() - self.last_message) * 1000
                documents_ms = self._documents_quiet_ms()
                if (
                    message_ms >= quiet_ms
                    and documents_ms is not None
                    and documents_ms >= quiet_ms
                    and not self.pending
                ):
                    return
            self.page.wait_for_timeout(100)

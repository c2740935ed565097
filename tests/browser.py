"""Helpers to run the app on a free port and drive it in Debian's Chromium, offline.

Every request to a host other than localhost is blocked *and recorded*, so tests
can assert that the app attempted none.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
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


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerURL(str):
    """The app's base URL; ``pid`` is the server process (for sampling its memory).

    ``ready_s`` is the time from starting the process until it answered its
    health check. A ``str`` subclass, so every caller that uses the URL as a
    string is unaffected.
    """

    pid: int
    ready_s: float


@contextlib.contextmanager
def app_server(
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    *,
    script: Path = ROOT / "app.py",
) -> Iterator[ServerURL]:
    """Start the app on a free port; yield its base URL; stop it.

    The project's ``app.py`` is started the way ``make run`` starts it
    (``python -m ui.serve``, which warms up before it answers); any other
    script with ``streamlit run <script>``. The server runs in the script's
    folder (so that folder's ``.streamlit/config.toml`` applies) and can
    import the project's packages.
    """
    port = free_port()
    launch = ["ui.serve"] if script == ROOT / "app.py" else ["streamlit", "run", str(script)]
    cmd = [
        sys.executable,
        "-m",
        *launch,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # screenshots go there
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=script.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {}), "PYTHONPATH": path},
            start_new_session=True,
        )
        url = ServerURL(f"http://127.0.0.1:{port}")
        url.pid = proc.pid
        started = time.monotonic()
        try:
            deadline = started + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            url.ready_s = time.monotonic() - started
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{script} did not start:\n{log.read()}")
                time.sleep(0.05)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@dataclass
class OutsideRequests:
    """Requests the page tried to make to other hosts (all were blocked)."""

    urls: list[str] = field(default_factory=list)


def chromium_path() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium")


def block_outside(context, record: OutsideRequests) -> None:
    """Route every request: localhost passes, anything else is recorded and aborted."""

    def handle(route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            record.urls.append(url)
            route.abort()

    context.route("**/*", handle)


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const s = document.querySelector('[data-testid="stStatusWidget"]');
            return !s || !s.innerText.match(/Running|Kör/);
        }""",
        timeout=timeout,
    )

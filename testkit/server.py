"""The app on a free port, as ``make run`` starts it, or from a throw-away app tree.

Streamlit serves ``<script folder>/static`` at ``/app/static``, and the app writes
its generated files (map shapes, the live component's code and data) there. So
that tests never read the repository's ``indicators.duckdb`` nor write into its
``static/``, :func:`app_tree` makes a folder that holds links to the app's
scripts and configuration and a ``static/`` of its own, and :func:`app_env`
points the app at it and at a database of the caller's choosing
(``AREAINDEX_DB``, ``AREAINDEX_STATIC``, read by ``ui.core``).
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
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
# What a page run reads from the app's folder: the script, its pages and Streamlit's
# configuration (read from the working directory). ``ui`` and ``areaindex`` are
# imported through PYTHONPATH.
APP_ENTRIES = ("app.py", "pages", ".streamlit")
# Set-up files the app serves unchanged (``make static``).
VENDORED_STATIC = ("leaflet",)


def database_path() -> Path:
    """The database the app reads: ``$AREAINDEX_DB`` or the project's ``indicators.duckdb``."""
    return Path(os.environ.get("AREAINDEX_DB", ROOT / "indicators.duckdb"))


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_tree(folder: Path, static_source: Path = ROOT / "static") -> Path:
    """Fill ``folder`` with the app (links) and an empty ``static/`` of its own; return its script.

    The set-up files in ``static_source`` (Leaflet) are copied, not linked:
    Streamlit refuses to serve a file whose real path lies outside the static
    folder. Raises ``RuntimeError`` when they are missing (``make static``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name in APP_ENTRIES:
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=(ROOT / name).is_dir())
    static = folder / "static"
    static.mkdir(exist_ok=True)
    for name in VENDORED_STATIC:
        source = static_source / name
        if not source.is_dir():
            raise RuntimeError(f"{source} is missing: run `make static` first")
        if not (static / name).exists():
            shutil.copytree(source, static / name)
    return folder / "app.py"


def app_env(database: Path, tree: Path) -> dict[str, str]:
    """The environment that points the app at ``database`` and at ``tree``'s static folder."""
    return {
        "AREAINDEX_DB": str(database),
        "AREAINDEX_STATIC": str(tree / "static"),
        "AREAINDEX_APP": str(tree / "app.py"),
    }


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
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
    *,
    script: Path | None = None,
) -> Iterator[ServerURL]:
    """Start the app on a free port; yield its base URL; stop it.

    The project's app is started the way ``make run`` starts it (``python -m
    ui.serve``, which warms up before it answers), from ``$AREAINDEX_APP`` (in
    ``env`` or the environment: an :func:`app_tree`) when set; any other
    ``script`` with ``streamlit run <script>``. The server runs in the script's
    folder (so that folder's ``.streamlit/config.toml`` applies) and can import
    the project's packages. ``timeout`` only bounds a server that never answers:
    a busy machine makes start-up slow, not wrong.
    """
    full_env = {**os.environ, **(env or {})}
    ours = script is None
    if ours:
        script = Path(full_env.get("AREAINDEX_APP", APP))
    port = free_port()
    launch = ["ui.serve"] if ours else ["streamlit", "run", str(script)]
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
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=script.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=full_env,
            start_new_session=True,
        )
        url = ServerURL(f"http://127.0.0.1:{port}")
        url.pid = proc.pid
        started = time.monotonic()
        try:
            deadline = started + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as resp:
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

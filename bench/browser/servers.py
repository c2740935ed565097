"""The two apps on free ports, their processes' CPU time, and the machine's state."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlparse

from bench.browser.settings import REFERENCE_DIR, ROOT, TUTORIAL_DIR


@contextlib.contextmanager
def our_server(env: Mapping[str, str] | None = None) -> Iterator[str]:
    """The real app (:func:`testkit.server.app_server`) on a free port."""
    from testkit.server import app_server

    with app_server(env=dict(env or {}), timeout=120.0) as url:
        yield url


def link_static(app_dir: Path = REFERENCE_DIR) -> Path:
    """Make ``<app_dir>/static`` a link to the project's ``static/`` (git-ignored).

    Streamlit serves ``<script folder>/static`` at ``/app/static``; a link to the whole
    folder (not to files in it) passes Streamlit's check that files stay inside it.
    ``<app_dir>/.gitignore`` keeps the link out of git.
    """
    target = ROOT / "static"
    if not (target / "leaflet" / "leaflet.js").is_file():
        raise RuntimeError(f"{target}/leaflet/leaflet.js is missing: run `make static` first")
    link = app_dir / "static"
    if link.is_symlink():
        if Path(os.readlink(link)) == target:
            return link
        link.unlink()
    elif link.exists():
        raise RuntimeError(f"{link} exists and is not the link this benchmark makes")
    link.symlink_to(target, target_is_directory=True)
    return link


def bench_app_server(
    app_dir: Path, env: Mapping[str, str] | None = None, timeout: float = 120.0
) -> contextlib.AbstractContextManager[str]:
    """``streamlit run <app_dir>/app.py`` on a free port, with its own config."""
    from testkit.server import app_server

    link_static(app_dir)
    return app_server(dict(env or {}), timeout, script=app_dir / "app.py")


def reference_server(
    env: Mapping[str, str] | None = None,
) -> contextlib.AbstractContextManager[str]:
    """The naive reference app (``bench/reference_app``)."""
    return bench_app_server(REFERENCE_DIR, env)


def tutorial_server(
    env: Mapping[str, str] | None = None,
) -> contextlib.AbstractContextManager[str]:
    """The tutorial-style app that caches its data (``bench/tutorial_app``)."""
    return bench_app_server(TUTORIAL_DIR, env)


APPS: dict[str, Callable[..., contextlib.AbstractContextManager[str]]] = {
    "ours": our_server,
    "reference": reference_server,
    "tutorial": tutorial_server,
}


def server_pid(url: str) -> int | None:
    """The process serving ``url`` (started with ``--server.port <port>``), if found."""
    needle = f"--server.port\0{urlparse(url).port}\0".encode()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (proc / "cmdline").read_bytes():
                    return int(proc.name)
    return None


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of a process so far (all its threads)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def app_fingerprint() -> dict[str, str]:
    """Which version of the app was measured: a hash of its code and the latest change.

    Others edit the app while it is measured; keep this with the figures.
    """
    import hashlib
    from datetime import UTC, datetime

    files = sorted(
        p
        for pattern in ("app.py", "pages/*.py", "ui/*.py", "areaindex/**/*.py", ".streamlit/*.toml")
        for p in ROOT.glob(pattern)
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    newest = max((p.stat().st_mtime for p in files), default=0.0)
    return {
        "code_sha256": digest.hexdigest()[:16],
        "files": str(len(files)),
        "newest_change": datetime.fromtimestamp(newest, UTC).isoformat(timespec="seconds"),
    }


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def wire_bytes_sent(url: str) -> int | None:
    """TCP payload bytes the server at ``url`` has sent on its open connections (kernel count).

    What crosses the wire to the browser, compression and framing included; a
    connection closed in between is not counted. None without ``ss`` (iproute2).
    """
    ss = shutil.which("ss")
    if ss is None:
        return None
    port = urlparse(url).port
    out = subprocess.run(
        [ss, "-tinH", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return sum(int(m) for m in re.findall(r"\bbytes_sent:(\d+)", out))


class BrowserCPU:
    """CPU time of every Chromium process (browser, renderers, GPU, network), via CDP."""

    def __init__(self, browser) -> None:
        self._cdp = browser.new_browser_cdp_session()

    def by_type(self) -> dict[str, float]:
        """CPU seconds so far per process type (browser, renderer, GPU, ...)."""
        out: dict[str, float] = {}
        for p in self._cdp.send("SystemInfo.getProcessInfo")["processInfo"]:
            kind = p.get("type", "?").split(".")[0]
            out[kind] = out.get(kind, 0.0) + float(p.get("cpuTime", 0.0))
        return out

    def seconds(self) -> float:
        return sum(self.by_type().values())

"""N app processes behind one nginx port, with sticky sessions and WebSockets.

``python -m deploy.serve_many --processes 2 --port 8500`` (what ``make
serve-many N=2`` calls) starts N processes the way ``make run`` starts one
(``python -m ui.serve --server.port P``, each on a free port), waits until each
answers ``/_stcore/health`` (warm), writes ``deploy/nginx.conf.template`` filled
in to a run folder and runs nginx in the foreground with that configuration
(``nginx -c FILE -p FOLDER -g 'daemon off;'``; pid, logs and temporary files in
the folder, nothing under /etc/nginx; works as root and as any other user).
Ctrl-C or SIGTERM stops nginx and every app process.

Tests and ``make bench`` use :func:`serve_many` (a context manager).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
HOST = "127.0.0.1"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def nginx_path() -> str | None:
    """Debian's nginx (``apt-get install nginx``), or None when it is not installed."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )


def render_config(
    app_ports: list[int],
    listen: int,
    run_dir: Path,
    template: Path = TEMPLATE,
    host: str = HOST,
) -> str:
    """The nginx configuration for ``app_ports`` behind ``host:listen``.

    Process ``k`` (1-based) gets the cookie value ``k`` and an upstream group
    ``oi_k`` of its own, with the other processes as backups.
    """
    addresses = [f"{host}:{port}" for port in app_ports]
    servers = "\n".join(f"        server {a};" for a in addresses)
    groups = []
    for k, address in enumerate(addresses, start=1):
        lines = [f"    upstream oi_{k} {{", f"        server {address};"]
        lines += [f"        server {other} backup;" for other in addresses if other != address]
        groups.append("\n".join([*lines, "    }"]))
    cookie_to_group = "\n".join(f'        "{k}" oi_{k};' for k in range(1, len(addresses) + 1))
    address_to_cookie = "\n".join(
        f'        "~(^|, ){re.escape(a)}$" "{k}";' for k, a in enumerate(addresses, start=1)
    )
    values = {
        "run_dir": str(run_dir),
        "listen": f"{host}:{listen}",
        "servers": servers,
        "groups": "\n".join(groups),
        "cookie_to_group": cookie_to_group,
        "address_to_cookie": address_to_cookie,
    }
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template.read_text(encoding="utf-8"))


@dataclass
class Deployment:
    """A running deployment: the public URL, the app processes and nginx."""

    url: str
    run_dir: Path
    app_ports: list[int]
    app_pids: list[int] = field(default_factory=list)
    nginx_pid: int = 0

    @property
    def access_log(self) -> Path:
        """nginx's access log: one line per request with the process that answered."""
        return self.run_dir / "access.log"

    def requests_per_process(self, path: str = "/_stcore/stream") -> dict[int, int]:
        """Requests for ``path`` that each app port answered (from the access log)."""
        counts = dict.fromkeys(self.app_ports, 0)
        if not self.access_log.exists():
            return counts
        for line in self.access_log.read_text(encoding="utf-8").splitlines():
            match = re.search(r'"[A-Z]+ (\S+) [^"]*" \d+ upstream=(\S+)', line)
            if match and match.group(1).split("?")[0] == path:
                port = int(match.group(2).rsplit(":", 1)[-1])
                counts[port] = counts.get(port, 0) + 1
        return counts


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as resp,
        ):
            if resp.status == 200:
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            raise RuntimeError(f"{what} did not start:\n{text}")
        time.sleep(0.1)


def _stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


@contextlib.contextmanager
def serve_many(
    processes: int = 2,
    port: int | None = None,
    *,
    env: Mapping[str, str] | None = None,
    run_dir: Path | None = None,
    timeout: float = 300.0,
) -> Iterator[Deployment]:
    """Start ``processes`` app processes and nginx in front of them; yield; stop them all.

    Parameters
    ----------
    processes : int
        App processes (about one per CPU core).
    port : int, optional
        nginx's port on 127.0.0.1; a free one when None.
    env : mapping, optional
        Extra environment for the app processes (``AREAINDEX_DB``,
        ``AREAINDEX_APP``... as in ``testkit.server``).
    run_dir : Path, optional
        Folder for nginx's configuration, pid, logs and temporary files, and the
        app processes' logs; a new temporary folder (removed after) when None.
    timeout : float
        Only bounds a process that never answers its health check.
    """
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    if processes < 1:
        raise ValueError("processes must be at least 1")
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    # Run where the script is, so its .streamlit/config.toml applies.
    cwd = Path(full_env.get("AREAINDEX_APP", ROOT / "app.py")).parent
    with contextlib.ExitStack() as stack:
        if run_dir is None:
            run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="oi-proxy-")))
        run_dir.mkdir(parents=True, exist_ok=True)
        started: list[subprocess.Popen] = []
        stack.callback(lambda: [_stop(p) for p in reversed(started)])
        ports = [free_port() for _ in range(processes)]
        for k, app_port in enumerate(ports, start=1):
            log = run_dir / f"app-{k}.log"
            out = stack.enter_context(open(log, "w", encoding="utf-8"))
            cmd = [sys.executable, "-m", "ui.serve", "--server.port", str(app_port)]
            cmd += ["--server.address", HOST, "--server.headless", "true"]
            started.append(
                subprocess.Popen(
                    cmd,
                    cwd=cwd,
                    env=full_env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for k, (proc, app_port) in enumerate(zip(started, ports, strict=True), start=1):
            _wait_healthy(
                f"http://{HOST}:{app_port}",
                proc,
                timeout,
                f"app process {k}",
                run_dir / f"app-{k}.log",
            )
        listen = port or free_port()
        conf = run_dir / "nginx.conf"
        conf.write_text(render_config(ports, listen, run_dir), encoding="utf-8")
        cmd = [nginx, "-c", str(conf), "-p", str(run_dir), "-e", str(run_dir / "error.log")]
        subprocess.run([*cmd, "-t", "-q"], check=True, capture_output=True)
        proxy = subprocess.Popen(
            [*cmd, "-g", "daemon off;"],
            stdout=stack.enter_context(open(run_dir / "nginx.out", "w", encoding="utf-8")),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(proxy)
        url = f"http://{HOST}:{listen}"
        _wait_healthy(url, proxy, timeout, "nginx", run_dir / "error.log")
        yield Deployment(url, run_dir, ports, [p.pid for p in started[:-1]], proxy.pid)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m deploy.serve_many [--processes N] [--port P] [--run-dir D]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--run-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    def stop(signum, frame):  # SIGTERM: leave through the context manager's clean-up
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with serve_many(args.processes, args.port, run_dir=args.run_dir) as deployment:
            print(
                f"Områdesindex: {args.processes} processer (portar "
                f"{', '.join(map(str, deployment.app_ports))}) bakom nginx på "
                f"{deployment.url} (loggar i {deployment.run_dir}); Ctrl-C stoppar",
                file=sys.stderr,
                flush=True,
            )
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

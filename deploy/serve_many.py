"""N app processes behind one nginx port, with sticky sessions and WebSockets.

``python -m deploy.serve_many --processes 2 --port 8500`` (what ``make
serve-many N=2`` calls) starts N processes the way ``make run`` starts one
(``python -m ui.serve --server.port P``, each on a free port), waits until each
answers ``/_stcore/health`` (warm), writes ``deploy/nginx.conf.template`` filled
in to a run folder and runs nginx in the foreground with that configuration
(``nginx -c FILE -p FOLDER -g 'daemon off;'``; pid, logs and temporary files in
the folder, nothing under /etc/nginx or /var; needs no root: any user can run
it, and when root starts it nginx's worker drops to ``nobody`` as usual).
Ctrl-C, SIGTERM or SIGHUP stops nginx and every app process; each child runs in
a process group of its own, which is killed whole if it does not stop in time,
and each is told to stop if this process dies without cleaning up (Linux's
parent-death signal, set with ``setpriv``), so nothing is left running.

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


def _stop_all(procs: list[subprocess.Popen], timeout: float = 10.0) -> None:
    """SIGTERM to every process at once; then SIGKILL to whatever is left of their groups.

    Each process leads a process group of its own (``start_new_session``), so
    killing the group also ends what it started (nginx's worker, Streamlit's
    multiprocessing helper) even if the leader is gone.
    """
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
    deadline = time.monotonic() + timeout
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    for proc in procs:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)


def _orphan_guard() -> list[str]:
    """A prefix that makes a child get SIGTERM when the thread that started it dies.

    ``setpriv`` (util-linux, in every Debian) sets Linux's parent-death signal
    and then runs the command itself, so the pid is the command's. Without it
    (another system) nothing is prefixed and only the normal clean-up applies.
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []


def _spawn(cmd: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*_orphan_guard(), *cmd], start_new_session=True, **kwargs)


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

    Notes
    -----
    The processes are told to stop when the *thread* that started them ends
    (Linux's parent-death signal follows the thread), so enter and leave this
    context in one thread that lives as long as the deployment is needed.
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
        if os.geteuid() == 0:
            # nginx started by root runs its worker as ``nobody``, which must reach the
            # temporary folders nginx makes (and hands to it) inside the run folder:
            # request bodies over 16 kB (uploads) are written there.
            run_dir.chmod(run_dir.stat().st_mode | 0o111)
        started: list[subprocess.Popen] = []
        stack.callback(_stop_all, started)
        ports = [free_port() for _ in range(processes)]
        for k, app_port in enumerate(ports, start=1):
            out = stack.enter_context(open(run_dir / f"app-{k}.log", "w", encoding="utf-8"))
            cmd = [sys.executable, "-m", "ui.serve", "--server.port", str(app_port)]
            cmd += ["--server.address", HOST, "--server.headless", "true"]
            cmd += ["--browser.gatherUsageStats", "false"]
            started.append(_spawn(cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT))
        for k, (proc, app_port) in enumerate(zip(started, ports, strict=True), start=1):
            _wait_healthy(
                f"http://{HOST}:{app_port}",
                proc,
                timeout,
                f"app process {k}",
                run_dir / f"app-{k}.log",
            )
        conf = run_dir / "nginx.conf"
        cmd = [nginx, "-c", str(conf), "-p", str(run_dir), "-e", str(run_dir / "error.log")]
        out = stack.enter_context(open(run_dir / "nginx.out", "w", encoding="utf-8"))
        # A port found free may be taken before nginx binds it (other programs
        # start servers too): then try another, unless the caller chose the port.
        for attempt in range(1 if port else 3):
            listen = port or free_port()
            conf.write_text(render_config(ports, listen, run_dir), encoding="utf-8")
            check = subprocess.run([*cmd, "-t", "-q"], capture_output=True, text=True)
            if check.returncode != 0:
                raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
            proxy = _spawn([*cmd, "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT)
            started.append(proxy)
            url = f"http://{HOST}:{listen}"
            try:
                _wait_healthy(url, proxy, timeout, "nginx", run_dir / "error.log")
                break
            except RuntimeError:
                if port or attempt == 2 or proxy.poll() is None:
                    raise
                started.remove(proxy)
        yield Deployment(url, run_dir, ports, [p.pid for p in started[:-1]], proxy.pid)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m deploy.serve_many [--processes N] [--port P] [--run-dir D]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--run-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    def stop(signum, frame):  # leave through the context manager's clean-up, once
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut it short
        raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)
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

"""Several app processes behind nginx (``make serve-many``): sticky sessions, WebSockets.

Streamlit keeps a session in one process, so a public deployment runs several
processes behind nginx (``deploy/serve_many.py`` with ``deploy/nginx.conf.template``,
the configuration the deployment guide uses). Through that proxy, with two
processes, a few concurrent browser sessions each open the app with their own
weights and move a slider; each must see its own ranking (computed
independently, ``testkit.expected``), both processes must have served sessions,
the WebSocket must work through the proxy, and no request may fail or leave
localhost. Correctness only: every wait is on a real event.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deploy.serve_many import (
    PLACEHOLDER,
    ROOT,
    TEMPLATE,
    free_port,
    nginx_path,
    render_config,
    serve_many,
)
from testkit.browser import chromium_path
from testkit.sessions import plan_sessions, process_tree, run_load

N_SESSIONS = 4
PROCESSES = 2
SEED = 11
TIMEOUT_S = 1800.0  # only stops a run that hangs
GONE_S = 600.0  # only stops waiting for a process that never exits

NO_NGINX = "Debian nginx is not installed (make nginx: apt-get install nginx)"


def test_config_routes_each_cookie_to_its_process(tmp_path):
    conf = render_config([9001, 9002, 9003], 9000, tmp_path)
    assert PLACEHOLDER.search(conf) is None  # every placeholder filled in
    assert "listen 127.0.0.1:9000;" in conf
    # Each process has its own group, the others only as backups.
    assert "upstream oi_2 {\n        server 127.0.0.1:9002;\n" in conf
    assert "server 127.0.0.1:9001 backup;" in conf and "server 127.0.0.1:9003 backup;" in conf
    for k in (1, 2, 3):
        assert f'"{k}" oi_{k};' in conf
    assert r'"~(^|, )127\.0\.0\.1:9002$" "2";' in conf
    # WebSocket upgrade and a long read timeout on Streamlit's stream.
    stream = conf[conf.index("location /_stcore/stream") :]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_read_timeout 1d;" in stream
    assert f"pid {tmp_path}/nginx.pid;" in conf


def test_deployment_guide_uses_the_template(repo_root):
    guide = (repo_root / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "deploy/nginx.conf.template" in guide and "make serve-many" in guide
    # No second configuration written by hand beside the template.
    assert "```nginx" not in guide
    assert TEMPLATE.is_file()


@pytest.mark.skipif(nginx_path() is None, reason=NO_NGINX)
def test_nginx_accepts_the_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_config([9001, 9002], 9000, tmp_path), encoding="utf-8")
    cmd = [nginx_path(), "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "e")]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(nginx_path() is None, reason=NO_NGINX)
@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed")
def test_sessions_through_the_proxy_each_see_their_own_ranking(dataset, app_env):
    plans = plan_sessions(dataset, N_SESSIONS, moves=1, seed=SEED)
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(
            run_load,
            dataset,
            N_SESSIONS,
            moves=1,
            seed=SEED,
            timeout=TIMEOUT_S,
            processes=PROCESSES,
        ).result()
    print("through nginx:", report.summary(), report.sessions_per_process)

    assert [o.plan for o in report.outcomes] == plans
    assert report.problems() == [], "\n".join(report.problems())
    for outcome in report.outcomes:
        plan = outcome.plan
        assert outcome.initial == plan.expected
        # The move reached the server and its rerun came back: the WebSocket works.
        assert outcome.finals == [plan.moves[0].expected]
        assert len(outcome.settled) == 1
    assert report.network.websocket_errors == []
    assert report.network.outside == []
    # nginx's log: every session's WebSocket went to a process, and both served some.
    per_process = report.sessions_per_process
    assert len(per_process) == PROCESSES
    assert sum(per_process.values()) >= N_SESSIONS, per_process
    assert all(count >= 1 for count in per_process.values()), per_process


# -- nginx alone: no root, writes only in its run folder ------------------------------


class _Upstream(http.server.BaseHTTPRequestHandler):
    """Stands in for an app process: answers the health check, counts uploaded bytes."""

    def do_GET(self):
        self._answer(b"ok")

    def do_PUT(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self._answer(f"{len(body)} {hashlib.sha256(body).hexdigest()}".encode())

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _open_files(pid: int) -> list[str]:
    """Paths of the regular files and folders ``pid`` has open (not sockets, pipes, devices)."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("/") and not target.startswith("/dev/"):
                found.append(target)
    return found


@pytest.mark.skipif(nginx_path() is None, reason=NO_NGINX)
def test_nginx_runs_without_root_and_writes_only_in_its_folder():
    """nginx as an ordinary user (``nobody`` when the tests run as root): uploads pass."""
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    run_dir = Path(tempfile.mkdtemp(prefix="oi-nginx-test-"))  # not under root's 0700 folders
    as_user: list[str] = []
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(run_dir, nobody.pw_uid, nobody.pw_gid)
        as_user = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}"]
        as_user += ["--clear-groups", "--"]
    listen = free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(render_config([upstream.server_port], listen, run_dir), encoding="utf-8")
    cmd = [*as_user, nginx_path(), "-c", str(conf), "-p", str(run_dir)]
    cmd += ["-e", str(run_dir / "error.log"), "-g", "daemon off;"]
    proxy = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{listen}"
        while True:  # until nginx answers (or has exited: then say why)
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=30) as resp:
                assert resp.read() == b"ok"
                assert resp.headers["Set-Cookie"].startswith("oi_backend=1;")
                break
            assert proxy.poll() is None, proxy.stdout.read().decode()
            time.sleep(0.1)
        assert proxy.poll() is None
        if os.geteuid() == 0:
            assert Path(f"/proc/{proxy.pid}").stat().st_uid == pwd.getpwnam("nobody").pw_uid
        # An upload larger than nginx keeps in memory goes through a temporary file.
        body = os.urandom(300_000)
        request = urllib.request.Request(f"{url}/_stcore/upload_file/a/b", body, method="PUT")
        with urllib.request.urlopen(request, timeout=60) as resp:
            assert resp.read().decode() == f"{len(body)} {hashlib.sha256(body).hexdigest()}"
        # Every file nginx holds open lies in its run folder.
        for pid in process_tree(proxy.pid):
            for path in _open_files(pid):
                assert Path(path).is_relative_to(run_dir), path
        # Everything nginx wrote is in the run folder (logs, pid, temporary folders).
        assert {"access.log", "error.log", "nginx.pid", "client_body"} <= {
            p.name for p in run_dir.iterdir()
        }
        errors = (run_dir / "error.log").read_text(encoding="utf-8")
        assert not re.search(r"\[(crit|alert|emerg)\]", errors), errors
    finally:
        proxy.terminate()
        proxy.wait(timeout=60)
        upstream.shutdown()
        shutil.rmtree(run_dir, ignore_errors=True)


# -- the app processes and nginx stop together ------------------------------------------


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_gone(pids: set[int]) -> set[int]:
    """Wait (generously: only a process that never stops ends it) until none of ``pids`` runs."""
    deadline = time.monotonic() + GONE_S
    while (alive := {p for p in pids if _alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.mark.slow
@pytest.mark.skipif(nginx_path() is None, reason=NO_NGINX)
def test_serve_many_stops_every_process_it_started(app_env):
    with serve_many(2) as deployment:
        run_dir = deployment.run_dir
        with urllib.request.urlopen(f"{deployment.url}/_stcore/health", timeout=60) as resp:
            assert resp.status == 200
        # An upload larger than nginx keeps in memory reaches the app (which refuses
        # this one: no session), not nginx's 500 for a temporary file it cannot write.
        body = os.urandom(300_000)
        request = urllib.request.Request(
            f"{deployment.url}/_stcore/upload_file/a/b", body, method="PUT"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code != 500, refused.value.read()
        errors = (run_dir / "error.log").read_text(encoding="utf-8")
        assert not re.search(r"\[(crit|alert|emerg)\]", errors), errors
        # Both app processes, nginx's master and worker, and what they started.
        pids = {q for p in [*deployment.app_pids, deployment.nginx_pid] for q in process_tree(p)}
        assert len(pids) >= 4
    assert _wait_gone(pids) == set()
    assert not run_dir.exists()  # its temporary folder is removed


@pytest.mark.slow
@pytest.mark.skipif(nginx_path() is None, reason=NO_NGINX)
@pytest.mark.parametrize(
    "how",
    [
        signal.SIGTERM,
        signal.SIGINT,
        pytest.param(
            signal.SIGKILL,
            marks=pytest.mark.skipif(
                shutil.which("setpriv") is None, reason="util-linux's setpriv is not installed"
            ),
        ),
    ],
)
def test_the_command_leaves_no_process_behind(app_env, tmp_path, how):
    """``make serve-many``'s command, stopped by Ctrl-C, SIGTERM or even SIGKILL."""
    run_dir = tmp_path / "run"
    cmd = [sys.executable, "-m", "deploy.serve_many", "--processes", "1"]
    cmd += ["--port", str(free_port()), "--run-dir", str(run_dir)]
    command = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        ready = command.stderr.readline()  # printed once nginx answers
        assert "nginx" in ready, ready + command.stderr.read()
        pids = set(process_tree(command.pid)) - {command.pid}
        assert len(pids) >= 3  # app process, nginx master and worker
        command.send_signal(how)
        command.wait(timeout=GONE_S)
        assert _wait_gone(pids) == set()
    finally:
        if command.poll() is None:
            command.kill()

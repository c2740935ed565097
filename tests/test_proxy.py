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

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.serve_many import PLACEHOLDER, TEMPLATE, nginx_path, render_config
from testkit.browser import chromium_path
from testkit.sessions import plan_sessions, run_load

N_SESSIONS = 4
PROCESSES = 2
SEED = 11
TIMEOUT_S = 1800.0  # only stops a run that hangs

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

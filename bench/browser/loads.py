"""Page loads: cold starts on fresh servers and warm loads in fresh contexts."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from bench.browser.pages import (
    Traffic,
    _http_sizes,
    _ws_events,
    open_page,
    page_metrics,
    wait_settled,
    wait_until_drawn,
)
from bench.browser.servers import APPS, cpu_seconds, load_average, server_pid
from bench.browser.settings import LOAD_TIMEOUT_MS


def load_phases(page, traffic: Traffic) -> dict[str, Any]:
    """Where a page load's time went (ms since navigation start) and what it received."""
    nav = page.evaluate(
        """() => {
            const n = performance.getEntriesByType("navigation")[0];
            const scripts = performance.getEntriesByType("resource")
                .filter((e) => e.initiatorType === "script");
            return {
                html_ms: n.responseEnd,
                dom_content_loaded_ms: n.domContentLoadedEventEnd,
                load_event_ms: n.loadEventEnd,
                last_script_ms: Math.max(0, ...scripts.map((e) => e.responseEnd)),
                ws: window.__bench.ws,
            };
        }"""
    )
    page_ws = nav.pop("ws")
    http = _http_sizes(traffic.requests)
    return {
        **nav,
        **_ws_events(page_ws, traffic.frames, 0.0),
        "ws_bytes": sum(size for _, size, _ in traffic.frames),
        "http_bytes": sum(size for _, size in http),
        "http_requests": len(http),
        "js_bytes": sum(size for path, size in http if path.endswith(".js")),
    }


def page_load(browser, url: str, outside, pid: int | None) -> dict[str, Any]:
    """One page load in a fresh browser context: seconds to the map and chart drawn."""
    with open_page(browser, outside) as (page, traffic, cdp):
        cpu0 = cpu_seconds(pid)
        wall = time.perf_counter()
        page.goto(url, timeout=LOAD_TIMEOUT_MS)
        drawn = wait_until_drawn(page)
        wall = time.perf_counter() - wall
        cpu1 = cpu_seconds(pid)
        wait_settled(page, traffic, 0, pid, quiet_ms=500)
        return {
            "s": drawn["both"] / 1000,
            "map_s": drawn["map"] / 1000,
            "ranking_s": drawn["ranking"] / 1000,
            "wall_s": wall,
            "server_cpu_s": None if cpu0 is None or cpu1 is None else cpu1 - cpu0,
            "browser_task_ms": page_metrics(cdp)["TaskDuration"],
            "load_average": load_average(),
            **load_phases(page, traffic),
        }


def cold_start_once(
    browser, app: str, outside, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A fresh server process, then a page load in a fresh context.

    ``server_ready_s``: from starting the process until it answered its health
    check (our app warms up before that, see ``ui/serve.py``).
    """
    with APPS[app](env=env) as url:
        return cold_load(browser, url, outside)


def cold_load(browser, url: str, outside) -> dict[str, Any]:
    """The first page load on a server that has just started (``url`` from ``APPS``)."""
    return {
        **page_load(browser, url, outside, server_pid(url)),
        "server_ready_s": getattr(url, "ready_s", None),
    }

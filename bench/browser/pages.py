"""An instrumented, offline browser page: what it received, when it is drawn and settled."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from bench.browser.servers import cpu_seconds
from bench.browser.settings import (
    CPU_IDLE_MS,
    INSTRUMENT_JS,
    LOAD_TIMEOUT_MS,
    PERF_METRICS,
    QUIET_MS,
    SETTLE_TIMEOUT_S,
    VIEWPORT,
)


def _frame_size(payload: bytes | str) -> int:
    return len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)


# The ranking chart's y labels start "1. " (bold top ranks; plotly escapes "<" in JSON).
_RANKING_SPEC = re.compile(r'"(?:<b>|\\u003cb\\u003e)?1\. ')


def _kind(payload: bytes | str) -> str:
    """What a Streamlit ForwardMsg is: ``delta:<element>`` or the message type."""
    if isinstance(payload, str):
        return "text"
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:
        return "unknown"
    kind = msg.WhichOneof("type") or "unknown"
    if kind != "delta":
        return kind
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return f"delta:{delta.WhichOneof('type')}"
    element = delta.new_element
    ekind = element.WhichOneof("type")
    if ekind == "bidi_component":
        return f"delta:bidi_component:{element.bidi_component.component_name}"
    if ekind == "component_instance":
        return f"delta:component:{element.component_instance.component_name}"
    if ekind == "plotly_chart":
        ranking = _RANKING_SPEC.search(element.plotly_chart.spec or "")
        return "delta:plotly_chart:ranking" if ranking else "delta:plotly_chart"
    return f"delta:{ekind}"


@dataclass
class Traffic:
    """What one page received: WebSocket frames and finished HTTP requests, in order."""

    frames: list[tuple[float, int, str]] = field(default_factory=list)  # time, bytes, kind
    requests: list[Any] = field(default_factory=list)

    def on_frame(self, payload: bytes | str) -> None:
        self.frames.append((time.monotonic(), _frame_size(payload), _kind(payload)))

    def last_frame_age(self) -> float:
        return time.monotonic() - self.frames[-1][0] if self.frames else float("inf")


def _is_local(url: str) -> bool:
    from testkit.browser import LOCAL_HOSTS

    return (urlparse(url).hostname or "") in LOCAL_HOSTS


@contextlib.contextmanager
def open_page(browser, outside) -> Iterator[tuple[Any, Traffic, Any]]:
    """A fresh context (no cache, no cookies), offline and instrumented: page, traffic, CDP."""
    from testkit.browser import block_outside

    context = browser.new_context(viewport=VIEWPORT)
    block_outside(context, outside)
    context.add_init_script(INSTRUMENT_JS)
    traffic = Traffic()
    page = context.new_page()

    def on_websocket(ws) -> None:
        if not _is_local(ws.url):
            outside.urls.append(ws.url)
        ws.on("framereceived", traffic.on_frame)

    page.on("websocket", on_websocket)
    page.on("requestfinished", lambda req: traffic.requests.append(req))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    try:
        yield page, traffic, cdp
    finally:
        context.close()


def page_metrics(cdp) -> dict[str, float]:
    """Main-thread busy times so far (ms), from the CDP Performance domain."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {name: metrics.get(name, 0.0) * 1000 for name in PERF_METRICS}


def wait_until_drawn(page, timeout_ms: float = LOAD_TIMEOUT_MS) -> dict[str, float]:
    """Wait for area shapes in the map iframe and the ranking chart; their page times."""
    page.wait_for_function(
        "() => window.__bench && window.__bench.cold.both !== null", timeout=timeout_ms
    )
    return page.evaluate("() => window.__bench.cold")


def wait_settled(
    page, traffic: Traffic, since: int, pid: int | None, quiet_ms: int = QUIET_MS
) -> bool:
    """Wait until the move is over on both ends.

    A script run finished after frame ``since``, no WebSocket message came for
    ``quiet_ms`` (nor since this call: a rerun the update sets off, such as a
    remounted map reporting its bounds, starts within that time), and the server
    process is idle (its garbage collection after the run is over).
    """
    start = time.monotonic()
    deadline = start + SETTLE_TIMEOUT_S
    cpu_then, then = cpu_seconds(pid), time.monotonic()
    idle = pid is None
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        if time.monotonic() - then >= 0.25:
            cpu_now = cpu_seconds(pid)
            idle = cpu_now is None or cpu_then is None or (cpu_now - cpu_then) * 1000 < CPU_IDLE_MS
            cpu_then, then = cpu_now, time.monotonic()
        finished = any(kind == "script_finished" for _, _, kind in traffic.frames[since:])
        quiet = min(traffic.last_frame_age(), time.monotonic() - start) * 1000 >= quiet_ms
        if finished and quiet and idle:
            return True
    return False


def _http_sizes(requests: Sequence[Any]) -> list[tuple[str, int]]:
    """(path, bytes received: headers and encoded body) per finished HTTP request."""
    out = []
    for req in requests:
        url = urlparse(req.url)
        if url.scheme not in ("http", "https"):
            continue
        try:
            sizes = req.sizes()
        except Exception:
            continue
        body = max(0, sizes.get("responseBodySize", 0))
        out.append((url.path, body + max(0, sizes.get("responseHeadersSize", 0))))
    return out


_EVENTS = {
    "new_session": "first_msg",
    "delta:component:streamlit_folium.st_folium": "map_delta",
    "delta:plotly_chart:ranking": "ranking_delta",
    "script_finished": "script_finished",
}


def _ws_events(
    page_ws: Sequence[Sequence[float]], frames: Sequence[tuple[float, int, str]], t0: float
) -> dict[str, float]:
    """Page times (ms after ``t0``) of the first new_session, map delta, ranking delta, ...

    The page and Playwright see the same WebSocket messages in the same order, so
    the page's arrival times are matched to the kinds Playwright decoded.
    """
    if len(page_ws) < len(frames) or not frames:
        return {}
    events: dict[str, float] = {}
    for (t, _), (_, _, kind) in zip(page_ws, frames, strict=False):
        short = _EVENTS.get(kind)
        if short and f"{short}_ms" not in events:
            events[f"{short}_ms"] = t - t0
    events.setdefault("first_msg_ms", page_ws[0][0] - t0)
    events["last_msg_ms"] = page_ws[len(frames) - 1][0] - t0
    return events

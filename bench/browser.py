"""What a person feels, measured in headless Chromium: the real app against a naive reference.

Call :func:`run` (``python -m bench.browser --help`` runs it from the shell). Both
apps run at the same time and are measured turn about, press by press, so that
whatever else the machine is doing weighs on both alike:

1. **Slider to map** — per level, ``presses`` weight-slider key presses (End, Home,
   ArrowRight or ArrowLeft on rotating dimension sliders, each chosen so that it
   changes both the ranking and the map colours, and leads to weights not seen
   before in that server, so no cache keyed on the weights flatters a figure).
   Timed with the page's own clock (``bench/instrument.js``): ``performance.now()``
   in a capturing keydown listener, and MutationObservers in the page and in the
   map iframe (plus a requestAnimationFrame poll) that note when the area fills
   in the iframe and the ranking chart's tick labels have changed. The figure is
   the later of the two. A press after which not both changed is skipped and
   another press made.
2. **Cold start** — a fresh server process and a fresh browser context per
   repeat: ``page.goto`` until area shapes are in the iframe and the ranking
   chart is drawn (``performance.now()`` then, i.e. since navigation start).
3. **Bytes per slider move** — WebSocket frames received (Playwright
   ``framereceived``; Streamlit's deltas on ``/_stcore/stream``) plus HTTP
   responses (headers and encoded body), from the key press until the move is
   over: the rerun and any rerun it set off have finished, nothing arrived for
   a while and the server's CPU is idle. Bytes up to the visible update are
   reported too.
4. The same for ``bench/reference_app/app.py`` (see its docstring) and the ratio
   reference / ours of every figure.

Beside the wall-clock figures, each press records two that background load on
the machine hardly changes: the server process's CPU time (``/proc/<pid>/stat``,
Streamlit's post-run garbage collection included) and the page's main-thread
busy time (CDP ``Performance.getMetrics``).

Every request to another host is blocked and counted (``tests/browser.py``),
WebSockets to other hosts are counted too. Figures are reported, never asserted;
``tests/test_bench_smoke.py`` checks that the harness works.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
REFERENCE_DIR = BENCH / "reference_app"
INSTRUMENT_JS = (BENCH / "instrument.js").read_text(encoding="utf-8")

SLIDER = '[data-testid="stSlider"]'
VIEWPORT = {"width": 1400, "height": 1100}
KB = 1000  # bytes: the targets are read as kB of 1000 bytes (the stricter reading)

# Dimension id -> the start of its slider label (both apps label sliders with the name).
DIMENSIONS = {
    "delaktighet": "Delaktighet",
    "utbildning": "Utbildning",
    "ekonomi": "Ekonomi",
    "boende": "Boende",
    "halsa": "Hälsa",
    "tillit": "Tillit",
    "trygghet": "Trygghet",
    "barn_unga": "Barn och unga",
}
# Both apps start from the city office's proposal, given explicitly in the URL.
START_WEIGHTS = {
    "delaktighet": 5,
    "utbildning": 5,
    "ekonomi": 5,
    "boende": 5,
    "halsa": 0,
    "tillit": 0,
    "trygghet": 0,
    "barn_unga": 0,
}
KEYS = ("End", "Home", "ArrowRight", "ArrowLeft")

TARGETS = {
    "slider_to_map_median_ms.omraden": ("<=", 100.0),
    "slider_to_map_p95_ms.omraden": ("<=", 200.0),
    "slider_to_map_median_ms.regso": ("<=", 150.0),
    "cold_start_median_s": ("<=", 3.0),
    "kb_per_move_median.omraden": ("<=", 60.0),
    "speedup_vs_reference.omraden": (">=", 3.0),
    "speedup_vs_reference.regso": (">=", 3.0),
    "slider_to_map_median_ms.sverige": ("<=", 400.0),
}

# URL parameters per measured level: ``sverige`` is all 3,363 RegSO of Sweden
# (the municipality picker's "hela Sverige"), which only our app has.
LEVEL_QUERIES: dict[str, dict[str, str]] = {
    "omraden": {"level": "omraden"},
    "regso": {"level": "regso"},
    "sverige": {"kommun": "sverige"},
}
OURS_ONLY_LEVELS = {"sverige"}

PRESS_TIMEOUT_MS = 20_000  # for both changes to show
QUIET_MS = 600  # no WebSocket message for this long (and since the update) = move over
CPU_IDLE_MS = 15  # server CPU per 250 ms below this = idle
SETTLE_TIMEOUT_S = 30.0
LOAD_TIMEOUT_MS = 120_000
PERF_METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


# --------------------------------------------------------------------------- servers


@contextlib.contextmanager
def our_server(env: Mapping[str, str] | None = None) -> Iterator[str]:
    """The real app (``tests/browser.py::app_server``) on a free port."""
    from tests.browser import app_server

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
    from tests.browser import app_server

    link_static(app_dir)
    return app_server(dict(env or {}), timeout, script=app_dir / "app.py")


def reference_server(
    env: Mapping[str, str] | None = None,
) -> contextlib.AbstractContextManager[str]:
    """The naive reference app (``bench/reference_app``)."""
    return bench_app_server(REFERENCE_DIR, env)


APPS: dict[str, Callable[..., contextlib.AbstractContextManager[str]]] = {
    "ours": our_server,
    "reference": reference_server,
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
        for pattern in ("app.py", "pages/*.py", "ui/*.py", "areaindex/*.py", ".streamlit/*.toml")
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


# --------------------------------------------------------------------------- pages


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
    from tests.browser import LOCAL_HOSTS

    return (urlparse(url).hostname or "") in LOCAL_HOSTS


@contextlib.contextmanager
def open_page(browser, outside) -> Iterator[tuple[Any, Traffic, Any]]:
    """A fresh context (no cache, no cookies), offline and instrumented: page, traffic, CDP."""
    from tests.browser import block_outside

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


# --------------------------------------------------------------------------- choosing presses


class Predictor:
    """The ranking and map colours for a set of weights (areaindex's scoring, as both apps).

    Only used to choose presses that change both; what the page shows decides.
    """

    def __init__(self, level: str) -> None:
        from areaindex.classify import classify
        from areaindex.dataset import load_dataset
        from areaindex.indexview import DEFAULT_METHOD, dimension_table, index_view, load_presets

        dataset = load_dataset(ROOT / "indicators.duckdb")
        self._dims = dimension_table(dataset, load_presets()[DEFAULT_METHOD], level)
        self._names = dataset.unit_names(level)
        self._catalogue = dataset.catalogue
        self._index_view, self._classify = index_view, classify

    def outcome(self, weights: Mapping[str, int]) -> tuple[tuple, tuple] | None:
        if sum(weights.values()) <= 0:
            return None
        view = self._index_view(self._dims, weights, self._names, self._catalogue)
        table = view.table.dropna(subset=["index"]).sort_values(["rank", "name"])
        ranks = zip(table["rank"], table["name"], strict=True)
        ranking = tuple(f"{int(r)}. {n}" for r, n in ranks)
        colours = tuple(self._classify(view.table["index"]).colours.sort_index())
        return ranking, colours


def predictor_for(level: str) -> Predictor | None:
    try:
        return Predictor(level)
    except Exception as exc:
        print(f"  (no prediction of the ranking: {exc}; pressing in rotation)", file=sys.stderr)
        return None


def _after(key: str, value: int) -> int:
    moves = {"End": 10, "Home": 0, "ArrowRight": value + 1, "ArrowLeft": value - 1}
    return min(10, max(0, moves[key]))


def choose_press(
    weights: Mapping[str, int],
    predictor: Predictor | None,
    visited: set[tuple[int, ...]],
    turn: int,
    enabled: Sequence[str] | None = None,
) -> tuple[str, str]:
    """The next (dimension, key): a key predicted to change ranking and colours.

    Prefers weights not seen before in this server, then the next slider in
    rotation, then End/Home and ArrowRight/ArrowLeft on alternate turns.
    """
    dims = [d for d in DIMENSIONS if enabled is None or d in enabled]
    order = dims[turn % len(dims) :] + dims[: turn % len(dims)]
    keys = KEYS if turn % 2 == 0 else KEYS[2:] + KEYS[:2]
    now = predictor.outcome(weights) if predictor else None
    best: tuple[int, str, str] | None = None
    for i, dim in enumerate(order):
        for j, key in enumerate(keys):
            new = {**weights, dim: _after(key, weights[dim])}
            if new[dim] == weights[dim] or sum(new.values()) == 0:
                continue
            score = i * 10 + j + (1000 if tuple(new.values()) in visited else 0)
            if predictor is not None and now is not None:
                then = predictor.outcome(new)
                if then is None:
                    continue
                if then[0] == now[0] or then[1] == now[1]:
                    score += 10_000
            if best is None or score < best[0]:
                best = (score, dim, key)
    if best is None:
        raise RuntimeError(f"no slider press changes anything from {weights}")
    return best[1], best[2]


def enabled_dimensions(page) -> list[str]:
    """Dimensions whose slider can be moved (all of Sweden: the official ones only)."""
    found = []
    for slider in page.evaluate("() => window.__bench.sliders()"):
        for dim, name in DIMENSIONS.items():
            if slider["label"].startswith(name) and not slider.get("disabled"):
                found.append(dim)
    return found


def read_weights(page) -> dict[str, int]:
    """The sliders' current values, by dimension."""
    weights = dict(START_WEIGHTS)
    for slider in page.evaluate("() => window.__bench.sliders()"):
        for dim, name in DIMENSIONS.items():
            if slider["label"].startswith(name) and slider["value"] is not None:
                weights[dim] = int(slider["value"])
    return weights


# --------------------------------------------------------------------------- slider presses


@dataclass
class Driver:
    """Slider presses on one app at one level, in its own page."""

    app: str
    level: str
    page: Any
    traffic: Traffic
    cdp: Any
    pid: int | None
    url: str
    browser_cpu: BrowserCPU | None
    predictor: Predictor | None
    presses: int
    warmup: int
    load: dict[str, float] = field(default_factory=dict)
    samples: list[dict[str, Any]] = field(default_factory=list)
    warm: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    visited: set[tuple[int, ...]] = field(default_factory=set)
    turn: int = 0

    @property
    def done(self) -> bool:
        cap = 3 * (self.presses + self.warmup) + 10
        return len(self.samples) >= self.presses or self.turn >= cap

    def open(self) -> None:
        weights = {f"w_{d}": w for d, w in START_WEIGHTS.items()}
        query = urlencode({**LEVEL_QUERIES[self.level], **weights})
        self.page.goto(f"{self.url}/?{query}", timeout=LOAD_TIMEOUT_MS)
        self.load = wait_until_drawn(self.page)
        wait_settled(self.page, self.traffic, 0, self.pid, quiet_ms=1000)

    def step(self) -> dict[str, Any]:
        weights = read_weights(self.page)
        self.visited.add(tuple(weights.values()))
        enabled = enabled_dimensions(self.page)
        dim, key = choose_press(weights, self.predictor, self.visited, self.turn, enabled)
        self.turn += 1
        sample = self.press(dim, key)
        sample["weights_before"] = weights
        if sample.get("both_ms") is None:
            self.skipped.append(sample)
        elif len(self.warm) < self.warmup:
            self.warm.append(sample)
        else:
            self.samples.append(sample)
        return sample

    def press(self, dim: str, key: str) -> dict[str, Any]:
        """One key press: times (page clock, ms after keydown), bytes, CPU."""
        page, traffic = self.page, self.traffic
        thumb = page.locator(SLIDER).filter(has_text=DIMENSIONS[dim]).first
        thumb.locator('input[type="range"]').focus()
        metrics0, cpu0 = page_metrics(self.cdp), cpu_seconds(self.pid)
        btype0 = self.browser_cpu.by_type() if self.browser_cpu else None
        wire0 = wire_bytes_sent(self.url)
        armed = page.evaluate("() => window.__bench.arm()")
        frames_from, requests_from = len(traffic.frames), len(traffic.requests)
        page.keyboard.press(key)
        both = True
        try:
            page.wait_for_function("() => window.__bench.done()", timeout=PRESS_TIMEOUT_MS)
        except Exception:
            both = False
        settled = wait_settled(page, traffic, frames_from, self.pid)
        res = page.evaluate("() => window.__bench.result()")
        metrics1, cpu1 = page_metrics(self.cdp), cpu_seconds(self.pid)
        btype1 = self.browser_cpu.by_type() if self.browser_cpu else None
        bcpu = None
        if btype0 is not None and btype1 is not None:
            bcpu = {k: (v - btype0.get(k, 0.0)) * 1000 for k, v in btype1.items()}
        wire1 = wire_bytes_sent(self.url)
        frames = traffic.frames[frames_from:]
        http = _http_sizes(traffic.requests[requests_from:])
        by_kind: dict[str, int] = {}
        for _, size, kind in frames:
            by_kind[kind] = by_kind.get(kind, 0) + size
        sample: dict[str, Any] = {
            "dimension": dim,
            "key": key,
            "areas": armed["areas"],
            "map_changed": res["map"] is not None,
            "ranking_changed": res["ranking"] is not None,
            "settled": settled,
            "ws_bytes": sum(size for _, size, _ in frames),
            "ws_frames": len(frames),
            "ws_bytes_by_kind": by_kind,
            "http": http,
            "http_bytes": sum(size for _, size in http),
            "reruns": sum(kind == "script_finished" for _, _, kind in frames),
            "wire_bytes": None if wire0 is None or wire1 is None else wire1 - wire0,
            "server_cpu_ms": None if cpu0 is None or cpu1 is None else (cpu1 - cpu0) * 1000,
            "browser_cpu_ms": None if bcpu is None else sum(bcpu.values()),
            "browser_cpu_by_process_ms": bcpu,
            **{f"browser_{k}_ms": metrics1[k] - metrics0[k] for k in PERF_METRICS},
            "load_average": load_average(),
        }
        t0 = res["key"]
        if t0 is None:
            sample["error"] = "the keydown was not seen in the page"
            return sample
        for name in ("map", "ranking", "both", "frame", "painted"):
            value = res[name] if name != "both" or both else None
            sample[f"{name}_ms"] = None if value is None else value - t0
        sends = [t for t, _ in res["sent"]]
        sample["first_send_ms"] = min(sends) - t0 if sends else None
        sample.update(_ws_events(res["ws"], frames, t0))
        if sample["both_ms"] is not None and len(res["ws"]) >= len(frames):
            done = t0 + sample["both_ms"]
            pairs = zip(res["ws"], frames, strict=False)
            sample["ws_bytes_until_update"] = sum(f[1] for (t, _), f in pairs if t <= done)
        return sample

    def raw(self) -> dict[str, Any]:
        drawn = self.page.evaluate("() => window.__bench.fills()") or []
        return {
            "level": self.level,
            "areas": len(drawn),
            "load": self.load,
            "samples": self.samples,
            "warmup": self.warm,
            "skipped": self.skipped,
        }


# --------------------------------------------------------------------------- page loads


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
        return {
            **page_load(browser, url, outside, server_pid(url)),
            "server_ready_s": getattr(url, "ready_s", None),
        }


# --------------------------------------------------------------------------- figures


def _pct(values: Sequence[float], q: float) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _median(values: Sequence[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


def _median_of(rows: Sequence[Mapping[str, Any]], key: str) -> float | None:
    return _median([r.get(key) for r in rows])


def _kb(value: float | None) -> float | None:
    return None if value is None else value / KB


PHASES = (
    "first_send",
    "first_msg",
    "map_delta",
    "map",
    "ranking_delta",
    "ranking",
    "both",
    "painted",
    "script_finished",
    "last_msg",
)


def summarise_level(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Medians and 95th percentile of one app's presses at one level."""
    samples = raw["samples"]
    both = [s["both_ms"] for s in samples]
    kinds: dict[str, list[int]] = {}
    for s in samples:
        for kind, size in s["ws_bytes_by_kind"].items():
            kinds.setdefault(kind, []).append(size)
    by_kind = {k: statistics.median(v + [0] * (len(samples) - len(v))) for k, v in kinds.items()}
    return {
        "areas": raw["areas"],
        "presses": len(samples),
        "skipped": len(raw["skipped"]),
        "median_ms": _median(both),
        "p95_ms": _pct(both, 95),
        "min_ms": min(both) if both else None,
        "max_ms": max(both) if both else None,
        "samples_ms": [round(x, 1) for x in both],
        "phases_median_ms": {p: _median_of(samples, f"{p}_ms") for p in PHASES},
        "kb_per_move_median": _kb(_median([s["ws_bytes"] + s["http_bytes"] for s in samples])),
        "ws_kb_per_move_median": _kb(_median_of(samples, "ws_bytes")),
        "http_kb_per_move_median": _kb(_median_of(samples, "http_bytes")),
        "kb_until_update_median": _kb(_median_of(samples, "ws_bytes_until_update")),
        "ws_bytes_by_kind_median": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
        "reruns_per_move_median": _median_of(samples, "reruns"),
        "wire_kb_per_move_median": _kb(_median_of(samples, "wire_bytes")),
        "server_cpu_ms_median": _median_of(samples, "server_cpu_ms"),
        "browser_cpu_ms_median": _median_of(samples, "browser_cpu_ms"),
        "browser_cpu_by_process_ms_median": {
            kind: _median([(s.get("browser_cpu_by_process_ms") or {}).get(kind) for s in samples])
            for kind in sorted(
                {k for s in samples for k in (s.get("browser_cpu_by_process_ms") or {})}
            )
        },
        "browser_main_thread_ms_median": _median_of(samples, "browser_TaskDuration_ms"),
        "browser_script_ms_median": _median_of(samples, "browser_ScriptDuration_ms"),
        "load_average_median": _median_of(samples, "load_average"),
        "saw_map_change": bool(samples) and all(s["map_changed"] for s in samples),
        "saw_ranking_change": bool(samples) and all(s["ranking_changed"] for s in samples),
        "all_settled": bool(samples) and all(s["settled"] for s in samples),
        "first_load_s": raw["load"]["both"] / 1000 if raw["load"] else None,
        "warmup_ms": [round(s["both_ms"], 1) for s in raw["warmup"]],
    }


def summarise_loads(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    keys = [k for k, v in runs[0].items() if isinstance(v, int | float)] if runs else []
    return {
        "runs": list(runs),
        "median_s": _median_of(runs, "s"),
        "phases_median": {k: _median_of(runs, k) for k in keys},
    }


def _ratio(ref: float | None, ours: float | None) -> float | None:
    return None if ref is None or ours is None or ours <= 0 else ref / ours


RATIO_KEYS = {
    "slider_to_map_median_ms": "median_ms",
    "slider_to_map_p95_ms": "p95_ms",
    "kb_per_move_median": "kb_per_move_median",
    "wire_kb_per_move_median": "wire_kb_per_move_median",
    "server_cpu_ms_median": "server_cpu_ms_median",
    "browser_cpu_ms_median": "browser_cpu_ms_median",
    "browser_main_thread_ms_median": "browser_main_thread_ms_median",
}


def ratios(result: Mapping[str, Any]) -> dict[str, float | None]:
    """Reference / ours for every figure both have."""
    ours, ref = result["ours"], result.get("reference")
    if not ref:
        return {}
    out: dict[str, float | None] = {}
    for level, fig in ours["slider_to_map"].items():
        rfig = ref["slider_to_map"].get(level)
        if rfig:
            for name, key in RATIO_KEYS.items():
                out[f"{name}.{level}"] = _ratio(rfig[key], fig[key])
    for name in ("cold_start", "warm_load"):
        if ours.get(name) and ref.get(name):
            out[f"{name}_median_s"] = _ratio(ref[name]["median_s"], ours[name]["median_s"])
    return out


def evaluate_targets(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each target: its value, the target and whether it is met (None if not measured)."""
    ours = result["ours"]
    values: dict[str, float | None] = {
        "cold_start_median_s": (ours.get("cold_start") or {}).get("median_s")
    }
    for level, fig in ours["slider_to_map"].items():
        values[f"slider_to_map_median_ms.{level}"] = fig["median_ms"]
        values[f"slider_to_map_p95_ms.{level}"] = fig["p95_ms"]
        values[f"kb_per_move_median.{level}"] = fig["kb_per_move_median"]
        values[f"speedup_vs_reference.{level}"] = result["ratios"].get(
            f"slider_to_map_median_ms.{level}"
        )
    out = {}
    for name, (op, limit) in TARGETS.items():
        if name not in values:
            continue
        value = values[name]
        met = None if value is None else (value <= limit if op == "<=" else value >= limit)
        out[name] = {"target": f"{op} {limit:g}", "value": value, "met": met}
    return out


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ")


def format_table(result: Mapping[str, Any]) -> str:
    """The figures as a plain-text table: ours, reference, ratio, target, met."""
    ours, ref = result["ours"], result.get("reference") or {}
    targets, rat = result["targets"], result["ratios"]
    rows: list[tuple[str, ...]] = []

    def verdict(*keys: str) -> tuple[str, str]:
        found = [targets[k] for k in keys if k in targets]
        text = "; ".join(
            ("ref/ours " if k.startswith("speedup") else "") + targets[k]["target"]
            for k in keys
            if k in targets
        )
        met = "; ".join(
            "not measured" if t["met"] is None else ("met" if t["met"] else "MISSED") for t in found
        )
        return text, met

    def add(name: str, o: Any, r: Any, ratio_key: str, digits: int, *target_keys: str) -> None:
        ratio = rat.get(ratio_key)
        shown = "–" if ratio is None else f"{ratio:.1f}×"
        rows.append((name, _fmt(o, digits), _fmt(r, digits), shown, *verdict(*target_keys)))

    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        add(
            f"slider→map median, ms ({n} areas)",
            fig["median_ms"],
            rfig.get("median_ms"),
            f"slider_to_map_median_ms.{level}",
            0,
            f"slider_to_map_median_ms.{level}",
            f"speedup_vs_reference.{level}",
        )
        add(
            f"slider→map p95, ms ({n} areas)",
            fig["p95_ms"],
            rfig.get("p95_ms"),
            f"slider_to_map_p95_ms.{level}",
            0,
            f"slider_to_map_p95_ms.{level}",
        )
    cold, rcold = ours.get("cold_start") or {}, ref.get("cold_start") or {}
    add(
        "cold start median, s",
        cold.get("median_s"),
        rcold.get("median_s"),
        "cold_start_median_s",
        2,
        "cold_start_median_s",
    )
    ready = (cold.get("phases_median") or {}).get("server_ready_s")
    rready = (rcold.get("phases_median") or {}).get("server_ready_s")
    add("  server start until ready, s", ready, rready, "server_ready_s", 2)
    warm, rwarm = ours.get("warm_load") or {}, ref.get("warm_load") or {}
    add(
        "page load, warm server, s",
        warm.get("median_s"),
        rwarm.get("median_s"),
        "warm_load_median_s",
        2,
    )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        add(
            f"kB received per move ({n} areas)",
            fig["kb_per_move_median"],
            rfig.get("kb_per_move_median"),
            f"kb_per_move_median.{level}",
            1,
            f"kb_per_move_median.{level}",
        )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        add(
            f"  on the wire, kB ({n} areas)",
            fig["wire_kb_per_move_median"],
            rfig.get("wire_kb_per_move_median"),
            f"wire_kb_per_move_median.{level}",
            1,
        )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        add(
            f"server CPU per move, ms ({n} areas)",
            fig["server_cpu_ms_median"],
            rfig.get("server_cpu_ms_median"),
            f"server_cpu_ms_median.{level}",
            0,
        )
        add(
            f"browser CPU per move, ms ({n} areas)",
            fig["browser_cpu_ms_median"],
            rfig.get("browser_cpu_ms_median"),
            f"browser_cpu_ms_median.{level}",
            0,
        )
    headers = ("figure", "ours", "reference", "ref/ours", "target", "met?")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in (1, 2, 3) else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows), ""]
    missed = [k for k, t in targets.items() if t["met"] is False]
    out.append("targets missed: " + (", ".join(missed) if missed else "none"))
    out.append(f"outside requests attempted (all blocked): {result['outside_requests']}")
    app = result.get("app", {})
    out.append(
        f"app measured: code {app.get('code_sha256')} (last change {app.get('newest_change')})"
        + (" — CHANGED DURING THE RUN" if app.get("changed_during_run") else "")
    )
    out.append(
        f"machine: {os.cpu_count()} cores, load average {result['load_average']['start']} at "
        f"start, {result['load_average']['end']} at end"
        + (" — busy machine: wall-clock figures are inflated" if result["busy"] else "")
    )
    out.append("\nwhere a move's time goes, ms after keydown (medians, ours / reference):")
    for level, fig in ours["slider_to_map"].items():
        rph = (ref.get("slider_to_map") or {}).get(level, {}).get("phases_median_ms", {})
        parts = [f"{p} {_fmt(v)}/{_fmt(rph.get(p))}" for p, v in fig["phases_median_ms"].items()]
        out.append(f"  {level}: " + ", ".join(parts))
    out.append("largest WebSocket messages per move, ours (median bytes):")
    for level, fig in ours["slider_to_map"].items():
        top = list(fig["ws_bytes_by_kind_median"].items())[:6]
        out.append(f"  {level}: " + ", ".join(f"{k} {_fmt(v)}" for k, v in top))
    return "\n".join(out)


# --------------------------------------------------------------------------- entry point


def run(
    levels: Sequence[str] = ("omraden", "regso", "sverige"),
    presses: int = 30,
    *,
    cold_starts: int = 5,
    warm_loads: int = 3,
    reference: bool = True,
    warmup: int = 2,
    verbose: bool = True,
    server_env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Measure both apps in headless Chromium, turn about; print the table; return figures.

    Parameters
    ----------
    levels : sequence of str
        Map levels to move sliders on (``omraden``: 14 areas, ``regso``: 91,
        ``sverige``: all 3,363 RegSO of Sweden, our app only).
    presses : int
        Measured slider presses per level and app (presses after which not both
        the map and the ranking changed are skipped and replaced).
    cold_starts : int
        Fresh server processes per app for the cold start (0: not measured).
    warm_loads : int
        Page loads per app in a fresh browser context on the warm server.
    reference : bool
        Also measure ``bench/reference_app`` and report reference / ours.
    warmup : int
        Unmeasured presses per level before the measured ones.
    verbose : bool
        Print progress and the table.
    server_env : mapping, optional
        Extra environment for the servers, for what-if runs without editing the
        app (for example ``{"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}``).

    Returns
    -------
    dict
        ``ours`` and ``reference``: ``slider_to_map`` per level (``median_ms``,
        ``p95_ms``, ``kb_per_move_median``, phases, CPU, ...), ``cold_start`` and
        ``warm_load`` (``median_s``, phases); ``ratios`` (reference / ours);
        ``targets`` (value, target, met); ``outside_requests`` (must be 0);
        ``browser``, ``load_average``, ``server_env``; ``raw`` (every sample).
    """
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, OutsideRequests

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed (make chromium)")

    def say(*args: object) -> None:
        if verbose:
            print(*args, flush=True)

    outside = OutsideRequests()
    apps = ["ours", "reference"] if reference else ["ours"]
    result: dict[str, Any] = {
        "server_env": dict(server_env or {}),
        "app": app_fingerprint(),
        "load_average": {"start": load_average()},
        "raw": {app: {} for app in apps},
    }
    for app in apps:
        result[app] = {"slider_to_map": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        result["browser"] = {"chromium": browser.version, "viewport": VIEWPORT}
        browser_cpu = BrowserCPU(browser)
        try:
            with contextlib.ExitStack() as servers:
                urls = {app: servers.enter_context(APPS[app](env=server_env)) for app in apps}
                pids = {app: server_pid(url) for app, url in urls.items()}
                for level in levels:
                    say(
                        f"{presses} slider presses at level {level}, {' and '.join(apps)} in turn …"
                    )
                    predictor = predictor_for(level) if level not in OURS_ONLY_LEVELS else None
                    with contextlib.ExitStack() as pages:
                        drivers = []
                        for app in ["ours"] if level in OURS_ONLY_LEVELS else apps:
                            page, traffic, cdp = pages.enter_context(open_page(browser, outside))
                            driver = Driver(
                                app,
                                level,
                                page,
                                traffic,
                                cdp,
                                pids[app],
                                urls[app],
                                browser_cpu,
                                predictor,
                                presses,
                                warmup,
                            )
                            driver.open()
                            drivers.append(driver)
                        while not all(d.done for d in drivers):
                            for d in drivers:
                                if not d.done:
                                    d.step()
                        for d in drivers:
                            result["raw"][d.app][level] = d.raw()
                            fig = summarise_level(result["raw"][d.app][level])
                            result[d.app]["slider_to_map"][level] = fig
                            say(
                                f"  {d.app}: median {_fmt(fig['median_ms'])} ms, "
                                f"p95 {_fmt(fig['p95_ms'])} ms, "
                                f"{_fmt(fig['kb_per_move_median'], 1)} kB/move, "
                                f"{fig['skipped']} skipped"
                            )
                if warm_loads:
                    say(f"page loads on the warm servers × {warm_loads} …")
                    loads: dict[str, list] = {app: [] for app in apps}
                    for _ in range(warm_loads):
                        for app in apps:
                            loads[app].append(page_load(browser, urls[app], outside, pids[app]))
                    for app in apps:
                        result[app]["warm_load"] = summarise_loads(loads[app])
            if cold_starts:
                say(f"cold starts (fresh server each) × {cold_starts} …")
                colds: dict[str, list] = {app: [] for app in apps}
                for _ in range(cold_starts):
                    for app in apps:
                        colds[app].append(cold_start_once(browser, app, outside, server_env))
                for app in apps:
                    result[app]["cold_start"] = summarise_loads(colds[app])
                    say(f"  {app}: median {result[app]['cold_start']['median_s']:.2f} s")
        finally:
            browser.close()
    result["load_average"]["end"] = load_average()
    if app_fingerprint()["code_sha256"] != result["app"]["code_sha256"]:
        result["app"]["changed_during_run"] = "yes: the app's code changed while it was measured"
    result["busy"] = max(result["load_average"].values()) > (os.cpu_count() or 1)
    result["ratios"] = ratios(result)
    result["outside_requests"] = len(outside.urls)
    result["outside_urls"] = outside.urls[:20]
    result["targets"] = evaluate_targets(result)
    if verbose:
        print()
        print(format_table(result))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bench.browser``: run, print the table, optionally save the figures."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--cold", type=int, default=5, help="cold starts per app")
    parser.add_argument("--warm", type=int, default=3, help="warm-server page loads per app")
    parser.add_argument("--levels", default="omraden,regso,sverige")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--env", action="append", default=[], help="KEY=VALUE for both servers (what-if runs)"
    )
    args = parser.parse_args(argv)
    result = run(
        levels=tuple(args.levels.split(",")),
        presses=args.presses,
        cold_starts=args.cold,
        warm_loads=args.warm,
        reference=not args.no_reference,
        server_env=dict(e.split("=", 1) for e in args.env),
    )
    if args.json:
        text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
        args.json.write_text(text + "\n", encoding="utf-8")
        print(f"\nsaved to {args.json}")


if __name__ == "__main__":
    main()

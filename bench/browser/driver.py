"""Pressing slider keys and timing the page until the map and ranking have changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bench.browser.choose import Predictor, choose_press, enabled_dimensions, read_weights
from bench.browser.pages import (
    Traffic,
    _http_sizes,
    _ws_events,
    page_metrics,
    wait_settled,
    wait_until_drawn,
)
from bench.browser.servers import BrowserCPU, cpu_seconds, load_average, wire_bytes_sent
from bench.browser.settings import (
    DIMENSIONS,
    LEVEL_QUERIES,
    LOAD_TIMEOUT_MS,
    PERF_METRICS,
    PRESS_TIMEOUT_MS,
    SLIDER,
    START_WEIGHTS,
)


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
        count_by_kind: dict[str, int] = {}
        for _, size, kind in frames:
            by_kind[kind] = by_kind.get(kind, 0) + size
            count_by_kind[kind] = count_by_kind.get(kind, 0) + 1
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
            "ws_frames_by_kind": count_by_kind,
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
        # First visible change: the earlier of the map and the ranking; settled: the
        # last change anywhere on the page (or in a frame) before the move was over.
        seen = [res[n] for n in ("map", "ranking") if res[n] is not None]
        sample["first_change_ms"] = min(seen) - t0 if seen else None
        last = res["last"] if res["last"] is not None else res["both"]
        sample["settled_ms"] = None if last is None or not both else max(last, res["both"]) - t0
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

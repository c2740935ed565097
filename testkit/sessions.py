"""Many users at once: concurrent browser sessions against one app server.

Shared by ``tests/test_load.py`` and ``tests/test_proxy.py`` (a few sessions:
each sees its own ranking) and ``bench/load.py`` (20 sessions on one process;
60 sessions through nginx, each moving a slider for a set time: figures, memory).

One Chromium, one browser context per user, all driven at the same time with
Playwright's async API. Every session opens the app with its own weights in the
URL, checks the ranking the chart shows against an independent computation
(:func:`testkit.expected.expected_ranking`), and then, at the same moment as every
other session, moves one slider with the keyboard and times how long the chart
takes to show the new ranking. Each page also records every complete ranking
the chart ever displayed, so a ranking that belongs to another session would be
caught even if it were shown only briefly, and counts two rankings on screen at
once and a ranking that leaves the screen during a rerun. What stays on screen
is read only once the run has ended (no running icon, no stale element, no
message from the server for a moment).

All requests are watched: failed ones, HTTP errors and attempts to reach any
host but localhost (blocked). The server's memory (RSS of the Streamlit process
and its children) is sampled throughout.

The users arrive ``RAMP_UP_S`` apart and are all connected at once before
anyone moves a slider. Their browsers run at a lower CPU priority than the
server: on one machine, rendering 20 pages costs far more CPU than serving them
(about 7 s of browser main-thread time per first page load against about 1 s of
server time, measured on a 2-core machine), and real users' browsers do not
compete with the server for its CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import shlex
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from areaindex.store.dataset import Dataset
from testkit.browser import (
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    OUTSIDE_URL,
    RUNNING_SELECTOR,
    chromium_path,
)
from testkit.expected import MALMO_DIMENSIONS, expected_ranking
from testkit.server import app_server

ROOT = Path(__file__).resolve().parent.parent
DIMENSIONS = MALMO_DIMENSIONS
LEVEL = "omraden"
KEYS = {"End": 10, "Home": 0}  # the slider's keyboard jumps and the weight they give
RANKING_TICKS = "ol.oi-ranking .oi-name"  # the live ranking list ("3. Name")
NOTES = '[data-testid="stMain"] [data-testid="stAlert"]'  # banners and notices
VIEWPORT = {"width": 1400, "height": 1100}
TEARDOWN_S = 10.0  # limit for closing the contexts, and again for closing the browser
GRACE_S = 5.0  # for a session's last calls to time out by themselves
RAMP_UP_S = 1.5  # between two users' arrivals
BROWSER_NICENESS = 10  # the simulated users' browsers yield the CPU to the server

# In the page: the ranking the chart shows ("1. Name" tick labels -> names in rank
# order), and a log of every distinct complete ranking shown since the page opened.
RANKING_JS = """
(() => {
  if (window.top !== window) return;  // the map's iframe has no ranking
  window.__ranking = () => {
    const ranked = [];
    for (const el of document.querySelectorAll('%(ticks)s')) {
      const text = el.textContent || '';
      const cut = text.indexOf('. ');
      if (cut > 0) ranked.push([parseInt(text.slice(0, cut), 10), text.slice(cut + 2)]);
    }
    ranked.sort((a, b) => a[0] - b[0]);
    return ranked.map((pair) => pair[1]);
  };
  window.__shown = [];
  window.__most = 0;  // the most names ever listed at once (two lists would double it)
  window.__vanished = 0;  // times a complete ranking left the screen (none or part left)
  let listed = 0;
  const record = () => {
    const now = window.__ranking();
    window.__most = Math.max(window.__most, now.length);
    if (listed >= %(n)d && now.length < %(n)d) window.__vanished += 1;
    listed = now.length;
    if (now.length !== %(n)d) return;  // a chart being drawn, or none yet
    const last = window.__shown[window.__shown.length - 1];
    if (JSON.stringify(now) !== JSON.stringify(last)) window.__shown.push(now);
  };
  new MutationObserver(record).observe(document, {
    childList: true, subtree: true, characterData: true,
  });
})();
"""
SHOWS_JS = "(expected) => JSON.stringify(window.__ranking()) === JSON.stringify(expected)"


# -- what each session does -------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One keyboard jump of one slider, and the ranking it must lead to."""

    dimension: str
    key: str
    weights: dict[str, int]
    expected: list[str]


@dataclass(frozen=True)
class SessionPlan:
    """A user: starting weights (in the URL), the expected ranking, then the moves."""

    number: int
    weights: dict[str, int]
    expected: list[str]
    moves: tuple[Move, ...]

    def rankings(self) -> list[list[str]]:
        """Every ranking this session may legitimately show."""
        return [self.expected, *(m.expected for m in self.moves)]


def plan_sessions(
    dataset: Dataset,
    n_sessions: int,
    *,
    moves: int = 1,
    seed: int = 0,
    max_draws: int = 600,
    toggle: bool = False,
) -> list[SessionPlan]:
    """Seeded random weights per session (0-10 per dimension, never all zero).

    Weights are drawn until every session starts from a different ranking (as far
    as ``max_draws`` allows), so a session showing another's ranking is visible.
    Each move is chosen so the ranking changes (the update is observable), and
    preferably to a ranking no other session shows.

    With ``toggle``, only the first move is drawn; the following ones move the
    same slider between its two ends (End, Home, End...), chosen so that both
    ends give different rankings. A long series of moves (a session that keeps
    moving for a set time) then needs three rankings per session, not one per
    move: the independent computation is what makes planning slow.
    """
    rng = random.Random(seed)
    cache: dict[tuple[int, ...], list[str]] = {}

    def ranking(weights: dict[str, int]) -> list[str]:
        key = tuple(weights[d] for d in DIMENSIONS)
        if key not in cache:
            cache[key] = expected_ranking(dataset, dict(weights), LEVEL)
        return cache[key]

    starts: list[dict[str, int]] = []
    spare: list[dict[str, int]] = []
    used: set[tuple[str, ...]] = set()
    for _ in range(max_draws):
        if len(starts) == n_sessions:
            break
        weights = {d: rng.randint(0, 10) for d in DIMENSIONS}
        if not any(weights.values()):
            continue
        shown = tuple(ranking(weights))
        if shown in used:
            spare.append(weights)
        else:
            used.add(shown)
            starts.append(weights)
    starts += spare[: n_sessions - len(starts)]
    if len(starts) < n_sessions:
        raise RuntimeError(f"could draw only {len(starts)} weight sets")

    plans = []
    for number, start in enumerate(starts):
        if toggle:
            plans.append(_toggling(number, start, moves, ranking, used, rng))
            continue
        current, steps = dict(start), []
        for _ in range(moves):
            candidates = [(d, k) for d in DIMENSIONS for k in KEYS]
            rng.shuffle(candidates)
            best: tuple[int, Move] | None = None
            for dim, key in candidates:
                after = {**current, dim: KEYS[key]}
                if after[dim] == current[dim] or not any(after.values()):
                    continue
                expected = ranking(after)
                if expected == ranking(current):
                    continue
                score = 0 if tuple(expected) not in used else 1
                if best is None or score < best[0]:
                    best = (score, Move(dim, key, after, expected))
                if score == 0:
                    break
            if best is None:
                raise RuntimeError(f"no slider move changes the ranking for {current}")
            used.add(tuple(best[1].expected))
            steps.append(best[1])
            current = best[1].weights
        plans.append(SessionPlan(number, start, ranking(start), tuple(steps)))
    return plans


def _toggling(number, start, moves, ranking, used, rng) -> SessionPlan:
    """A session that moves one slider end to end: ``moves`` moves, three rankings."""
    other = {"End": "Home", "Home": "End"}
    candidates = [(d, k) for d in DIMENSIONS for k in KEYS]
    rng.shuffle(candidates)
    best = None
    for dim, key in candidates:
        there = {**start, dim: KEYS[key]}
        back = {**start, dim: KEYS[other[key]]}
        if not (any(there.values()) and any(back.values())):
            continue
        if ranking(there) in (ranking(start), ranking(back)):
            continue
        score = (tuple(ranking(there)) in used) + (tuple(ranking(back)) in used)
        if best is None or score < best[0]:
            best = (score, dim, key, there, back)
        if score == 0:
            break
    if best is None:
        raise RuntimeError(f"no slider of {start} changes the ranking end to end")
    _, dim, key, there, back = best
    used.update({tuple(ranking(there)), tuple(ranking(back))})
    cycle = (Move(dim, key, there, ranking(there)), Move(dim, other[key], back, ranking(back)))
    steps = tuple(cycle[i % 2] for i in range(moves))
    return SessionPlan(number, start, ranking(start), steps)


def session_url(base: str, weights: dict[str, int]) -> str:
    """The app's address with the weights as URL parameters (``w_<dimension>``)."""
    return f"{base}/?{urlencode({f'w_{d}': w for d, w in weights.items()})}"


# -- what the browser saw ---------------------------------------------------------


@dataclass
class SessionOutcome:
    """What one session saw and how long it took."""

    plan: SessionPlan
    initial: list[str] | None = None
    finals: list[list[str]] = field(default_factory=list)
    shown: list[list[str]] = field(default_factory=list)
    load_seconds: float | None = None
    latencies: list[float] = field(default_factory=list)
    # Key press -> the server's last message of the rerun it caused (the page settled).
    settled: list[float] = field(default_factory=list)
    # (key press, page settled) of every move, monotonic seconds: moves served per second.
    windows: list[tuple[float, float]] = field(default_factory=list)
    exceptions_on_page: int = 0
    most_listed: int = 0
    vanished: int = 0  # times the ranking left the screen after it was shown
    # Notes (Streamlit alerts) on the settled page: first page, then after each move.
    notes: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def foreign(self) -> list[list[str]]:
        """Complete rankings the chart showed that this session never asked for."""
        own = self.plan.rankings()
        return [r for r in self.shown if r not in own]


@dataclass
class Network:
    """Every request of every session (recorded until the sessions are torn down)."""

    requests: int = 0
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    websocket_errors: list[str] = field(default_factory=list)
    recording: bool = True

    async def watch(self, context, number: int) -> None:
        """Attach the listeners and the outside-request block to a browser context."""

        def local(url: str) -> bool:
            return url.startswith(("data:", "blob:", "about:")) or (
                (urlparse(url).hostname or "") in LOCAL_HOSTS
            )

        async def block(route) -> None:
            self.outside.append(f"session {number}: {route.request.url}")
            await route.abort()

        def on_request(request) -> None:
            if self.recording:
                self.requests += 1

        def on_failed(request) -> None:
            if self.recording and local(request.url):
                self.failed.append(f"session {number}: {request.url} ({request.failure})")

        def on_response(response) -> None:
            if self.recording and response.status >= 400 and local(response.url):
                self.http_errors.append(f"session {number}: {response.status} {response.url}")

        def on_websocket(ws) -> None:
            def on_error(error: str) -> None:
                if self.recording:
                    self.websocket_errors.append(f"session {number}: {ws.url}: {error}")

            def on_close(_ws) -> None:
                if self.recording:  # the app's connection dropped while in use
                    self.websocket_errors.append(f"session {number}: {ws.url} closed")

            ws.on("socketerror", on_error)
            ws.on("close", on_close)

        context.on("request", on_request)
        context.on("requestfailed", on_failed)
        context.on("response", on_response)
        context.on("page", lambda page: page.on("websocket", on_websocket))
        # Only requests to other hosts are intercepted (the regex is matched in the
        # browser); routing every request through Python, as tests.browser does for
        # one page, would slow 20 concurrent pages down with round trips.
        await context.route(OUTSIDE_URL, block)


# -- the server's memory ----------------------------------------------------------


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from ``/proc/<pid>/task/*/children``)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in children.read_text().split()]
    return found


def rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in bytes (0 once it is gone)."""
    total = 0
    for process in process_tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


class MemorySampler:
    """Samples the server's RSS in a background thread: ``(monotonic time, bytes)``."""

    def __init__(self, pid: int | list[int], interval: float = 0.25) -> None:
        self.pids = [pid] if isinstance(pid, int) else list(pid)
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), sum(rss_bytes(p) for p in self.pids)))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- running it -------------------------------------------------------------------


@dataclass
class LoadReport:
    """Everything a load run observed."""

    outcomes: list[SessionOutcome]
    network: Network
    rss: list[tuple[float, int]]
    started: float
    finished: float
    server_log: str = ""
    processes: int = 1  # app processes serving the sessions
    # WebSocket connections (sessions) each app port accepted, when behind nginx.
    sessions_per_process: dict[int, int] = field(default_factory=dict)
    baseline_rss: int = 0  # the app processes' memory before the first session
    move_seconds: float | None = None  # each session moved for this long (else: all moves)

    @property
    def wall_seconds(self) -> float:
        """From the first session opening to the last one finishing."""
        return self.finished - self.started

    @property
    def latencies(self) -> list[float]:
        """Key press -> new ranking shown, seconds, over all sessions and moves."""
        return [s for o in self.outcomes for s in o.latencies]

    @property
    def peak_rss(self) -> int:
        """Highest server RSS seen, bytes."""
        return max((b for _, b in self.rss), default=0)

    def rss_halves(self) -> tuple[int, int]:
        """Peak server RSS in the first and the second half of the sessions' run."""
        middle = self.started + self.wall_seconds / 2
        during = [(t, b) for t, b in self.rss if self.started <= t <= self.finished]
        first = max((b for t, b in during if t < middle), default=0)
        second = max((b for t, b in during if t >= middle), default=0)
        return first, second

    @property
    def moves_per_second(self) -> float | None:
        """Slider moves served per second, from the first key press to the last settled page."""
        windows = [w for o in self.outcomes for w in o.windows]
        if not windows:
            return None
        span = max(end for _, end in windows) - min(start for start, _ in windows)
        return len(windows) / span if span > 0 else None

    def problems(self) -> list[str]:
        """Every failure: wrong or foreign rankings, errors, failed requests."""
        out = []
        for o in self.outcomes:
            p = o.plan
            if o.error:
                out.append(f"session {p.number}: {o.error}")
            if o.initial != p.expected:
                out.append(f"session {p.number}: showed {o.initial}, expected {p.expected}")
            for i, (seen, move) in enumerate(zip(o.finals, p.moves, strict=False)):
                if seen != move.expected:
                    out.append(
                        f"session {p.number} move {i}: showed {seen}, expected {move.expected}"
                    )
            if not o.error and (
                len(o.finals) != len(p.moves) if self.move_seconds is None else not o.finals
            ):
                out.append(f"session {p.number}: {len(o.finals)} of {len(p.moves)} moves done")
            if not o.shown and not o.error:
                out.append(f"session {p.number}: the page's ranking log is empty")
            if o.foreign:
                out.append(f"session {p.number}: showed another session's ranking {o.foreign}")
            if o.most_listed > len(p.expected):
                out.append(
                    f"session {p.number}: {o.most_listed} names listed at once, "
                    f"two rankings on screen (of {len(p.expected)} areas)"
                )
            if o.vanished:
                out.append(
                    f"session {p.number}: the ranking left the screen {o.vanished} time(s) "
                    "after it was shown"
                )
            if o.exceptions_on_page:
                out.append(f"session {p.number}: {o.exceptions_on_page} error boxes on the page")
        n = self.network
        out += [f"request failed: {x}" for x in n.failed]
        out += [f"HTTP error: {x}" for x in n.http_errors]
        out += [f"outside request: {x}" for x in n.outside]
        out += [f"websocket: {x}" for x in n.websocket_errors]
        return out

    def summary(self) -> dict[str, object]:
        """The figures as plain numbers (seconds -> milliseconds, bytes -> MB)."""
        lat = sorted(self.latencies)
        settled = sorted(s for o in self.outcomes for s in o.settled)
        loads = sorted(o.load_seconds for o in self.outcomes if o.load_seconds is not None)
        first, second = self.rss_halves()
        return {
            "sessions": len(self.outcomes),
            "moves": len(lat),
            "requests": self.network.requests,
            "failed_requests": len(self.network.failed) + len(self.network.http_errors),
            "outside_requests": len(self.network.outside),
            "problems": len(self.problems()),
            "latency_ms_median": _ms(statistics.median(lat)) if lat else None,
            "latency_ms_p90": _ms(percentile(lat, 90)) if lat else None,
            "latency_ms_p99": _ms(percentile(lat, 99)) if lat else None,
            "latency_ms_max": _ms(lat[-1]) if lat else None,
            "settled_ms_median": _ms(statistics.median(settled)) if settled else None,
            "settled_ms_p90": _ms(percentile(settled, 90)) if settled else None,
            "settled_ms_p99": _ms(percentile(settled, 99)) if settled else None,
            "moves_per_s": round(self.moves_per_second, 1) if self.moves_per_second else None,
            "processes": self.processes,
            "rss_per_session_mb": round(
                max(0, self.peak_rss - self.baseline_rss) / max(1, len(self.outcomes)) / 2**20, 1
            ),
            "page_load_s_median": round(statistics.median(loads), 2) if loads else None,
            "page_load_s_max": round(loads[-1], 2) if loads else None,
            "peak_rss_mb": round(self.peak_rss / 2**20, 1),
            "rss_first_half_peak_mb": round(first / 2**20, 1),
            "rss_second_half_peak_mb": round(second / 2**20, 1),
            "wall_s": round(self.wall_seconds, 1),
        }


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile, linear between the nearest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 0)


class Rounds:
    """Every user presses at the same moment: round ``r`` opens once every session
    still running is waiting at it. A session that fails or stops leaves, so
    nobody waits for it (and one page that never loads does not stop the rest).
    """

    def __init__(self, n_sessions: int) -> None:
        self.n = n_sessions
        self.gone = 0
        self.waiting: dict[int, int] = {}
        self.opened: dict[int, asyncio.Event] = {}
        self.opened_at: dict[int, float] = {}

    def _event(self, r: int) -> asyncio.Event:
        return self.opened.setdefault(r, asyncio.Event())

    def _check(self, r: int) -> None:
        if not self._event(r).is_set() and self.waiting.get(r, 0) + self.gone >= self.n:
            self.opened_at[r] = time.monotonic()
            self._event(r).set()

    async def wait(self, r: int) -> float:
        """Wait until round ``r`` opens; return when it opened (monotonic seconds)."""
        self.waiting[r] = self.waiting.get(r, 0) + 1
        self._check(r)
        await self._event(r).wait()
        return self.opened_at[r]

    def leave(self) -> None:
        """This session takes part in no further round."""
        self.gone += 1
        for r in list(self.opened):
            self._check(r)


async def _session(
    browser,
    base: str,
    outcome: SessionOutcome,
    labels: dict[str, str],
    network: Network,
    rounds: Rounds,
    deadline: float,
    contexts: list,
    ramp_up: float = RAMP_UP_S,
    move_seconds: float | None = None,
) -> None:
    """One user; fills in ``outcome`` as it goes (so a cancelled session still reports).

    Every wait ends at ``deadline`` (``time.monotonic()``), so a session that is
    stuck is reported with what it was waiting for, inside the run's time limit.

    Without ``move_seconds``, every move is a round: all users press at the same
    moment. With it, all users press the first move together and then each keeps
    moving (the next move as soon as its page has settled) until ``move_seconds``
    after that first press: a bounded time of sustained load.
    """
    plan = outcome.plan
    # Users arrive over a few seconds (all are connected at the same time once the
    # last has arrived): 20 first page loads at the very same instant would only
    # measure how the simulated browsers share this machine's CPU.
    await asyncio.sleep(plan.number * ramp_up)
    page = None
    try:
        context = await browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        context.set_default_timeout(_ms_left(deadline))
        await network.watch(context, plan.number)
        await context.add_init_script(
            RANKING_JS % {"ticks": RANKING_TICKS, "n": len(plan.expected)}
        )
        page = await context.new_page()
        frames = [0.0]  # when the page last received a message from the server

        def on_frame(_payload) -> None:
            frames[0] = time.monotonic()

        page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
        # The page's HTTP requests in flight (what a rerun's elements fetch: a
        # download button checks its file, a map its shapes).
        pending: set = set()
        page.on("request", lambda r: "/_stcore/stream" in r.url or pending.add(r))
        page.on("requestfinished", lambda r: pending.discard(r))
        page.on("requestfailed", lambda r: pending.discard(r))
        start = time.monotonic()
        await page.goto(session_url(base, plan.weights), timeout=_ms_left(deadline))
        await page.locator(RANKING_TICKS).first.wait_for(timeout=_ms_left(deadline))
        with contextlib.suppress(PlaywrightTimeout):  # a wrong ranking is reported below
            await page.wait_for_function(
                SHOWS_JS, arg=plan.expected, polling=100, timeout=_ms_left(deadline)
            )
        # The first page's run must be over too: its end could otherwise be taken
        # for the end of the first move's run.
        await _settle(page, deadline, frames=frames, pending=pending)
        outcome.load_seconds = time.monotonic() - start
        outcome.initial = await page.evaluate("window.__ranking()")
        outcome.notes.append(await page.locator(NOTES).count())
        until = None
        for number, move in enumerate(plan.moves):
            if until is not None and time.monotonic() >= until:
                break
            thumb = (
                page.locator('[data-testid="stSlider"]')
                .filter(has_text=labels[move.dimension])
                .locator('input[type="range"]')
                .first
            )
            await thumb.focus(timeout=_ms_left(deadline))
            if move_seconds is None or number == 0:
                opened = await rounds.wait(number)  # every user presses at the same moment
                if move_seconds is not None:
                    until = opened + move_seconds
            pressed = time.monotonic()
            await page.keyboard.press(move.key)
            await page.wait_for_function(
                SHOWS_JS, arg=move.expected, polling=25, timeout=_ms_left(deadline)
            )
            outcome.latencies.append(time.monotonic() - pressed)
            # Let the run finish, then read what stays on screen.
            await _settle(page, deadline, frames=frames, since=pressed, pending=pending)
            outcome.settled.append(frames[0] - pressed)
            outcome.windows.append((pressed, frames[0]))
            outcome.finals.append(await page.evaluate("window.__ranking()"))
            outcome.notes.append(await page.locator(NOTES).count())
    except Exception as exc:  # reported per session; the others carry on
        first_line = (str(exc).strip().splitlines() or [""])[0]
        outcome.error = f"{type(exc).__name__}: {first_line}"
    finally:
        rounds.leave()  # nobody may wait for this session at a later move
        if page is not None:
            with contextlib.suppress(Exception):
                outcome.shown = await page.evaluate("window.__shown")
                outcome.most_listed = await page.evaluate("window.__most")
                outcome.vanished = await page.evaluate("window.__vanished")
                outcome.exceptions_on_page = await page.locator(
                    '[data-testid="stException"]'
                ).count()


@contextlib.asynccontextmanager
async def _lower_priority(executable: str | None, niceness: int = BROWSER_NICENESS):
    """A wrapper that starts ``executable`` at a lower CPU priority (``nice``).

    Why: here the 20 simulated users' browsers share the CPU with the server,
    whereas real users' browsers run on their own machines. Pages waiting for a
    script run keep animating (status widget, fading stale elements), and 20 of
    them at normal priority starve the server, so the waits grow without end.
    Every Chromium process and thread inherits the niceness from the wrapper.
    """
    if executable is None:
        raise RuntimeError("Debian chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="areaindex-load-") as folder:
        wrapper = Path(folder) / "chromium"
        wrapper.write_text(f'#!/bin/sh\nexec nice -n {niceness} {shlex.quote(executable)} "$@"\n')
        wrapper.chmod(0o755)
        yield str(wrapper)


def _ms_left(deadline: float) -> float:
    """Milliseconds until ``deadline``; at least 1 s, so a late call still ends cleanly."""
    return max(1000.0, (deadline - time.monotonic()) * 1000)


async def _settle(
    page,
    deadline: float,
    quiet_ms: int = 300,
    *,
    frames: list[float] | None = None,
    since: float = 0.0,
    pending: set | None = None,
) -> None:
    """Wait until the run has ended: no running icon, no stale element, for a moment.

    Streamlit's status widget shows its running icon only 500 ms into a run (and
    says "Running..." only in an aria-label), so a page without it may still be
    running; a stale element (greyed, ``data-stale``) is the page's own sign,
    from the first moment of a run, that it waits for the rest of it. With ``frames``
    (``[time of the last WebSocket message]``), first wait for a message after
    ``since`` (the server answers every widget change), then also until no
    message has come for ``quiet_ms``. With ``pending`` (the page's requests in
    flight), also until the page has fetched what the run's elements ask for
    (a download button checks its file at once): the next move starts from a
    page that has loaded everything it shows.
    """
    settled = f"() => !document.querySelector('{RUNNING_SELECTOR}')"
    if frames is not None:
        while frames[0] <= since and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
    await page.wait_for_function(settled, timeout=_ms_left(deadline))
    await page.wait_for_timeout(quiet_ms)
    while frames is not None and time.monotonic() - frames[0] < quiet_ms / 1000:
        await page.wait_for_timeout(quiet_ms)
    while pending and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await page.wait_for_function(settled, timeout=_ms_left(deadline))


async def _drive(
    base: str,
    plans: list[SessionPlan],
    labels: dict[str, str],
    deadline: float,
    ramp_up: float = RAMP_UP_S,
    move_seconds: float | None = None,
) -> tuple[list[SessionOutcome], Network, float, float]:
    """Run every session at once in one Chromium; close them only when all are done.

    A session still running at ``deadline`` (plus a little grace for its last
    calls to time out by themselves) is cancelled and reported as unfinished.
    """
    network = Network()
    outcomes = [SessionOutcome(plan) for plan in plans]
    contexts: list = []
    async with async_playwright() as pw, _lower_priority(chromium_path()) as chromium:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            rounds = Rounds(len(plans))
            started = time.monotonic()
            tasks = [
                asyncio.create_task(
                    _session(
                        browser,
                        base,
                        o,
                        labels,
                        network,
                        rounds,
                        deadline,
                        contexts,
                        ramp_up,
                        move_seconds,
                    )
                )
                for o in outcomes
            ]
            grace = max(0.0, deadline - time.monotonic()) + GRACE_S
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for outcome, task in zip(outcomes, tasks, strict=True):
                if task in pending and not outcome.error:
                    outcome.error = "did not finish within the time limit"
                elif not task.cancelled() and task.exception() and not outcome.error:
                    outcome.error = f"{type(task.exception()).__name__}: {task.exception()}"
            finished = time.monotonic()
            network.recording = False  # closing pages aborts requests: not failures
            with contextlib.suppress(Exception):
                await asyncio.wait_for(
                    asyncio.gather(*(c.close() for c in contexts), return_exceptions=True),
                    TEARDOWN_S,
                )
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(browser.close(), TEARDOWN_S)
    return outcomes, network, started, finished


def dimension_labels(dataset: Dataset) -> dict[str, str]:
    """Dimension id -> the Swedish name its slider's label starts with."""
    return {d.id: d.name_sv for d in dataset.catalogue.dimensions}


def run_load(
    dataset: Dataset,
    n_sessions: int = 20,
    *,
    moves: int = 1,
    seed: int = 0,
    timeout: float = 180.0,
    processes: int | None = None,
    ramp_up: float = RAMP_UP_S,
    move_seconds: float | None = None,
    plans: list[SessionPlan] | None = None,
) -> LoadReport:
    """Start the app, run ``n_sessions`` concurrent sessions, sample memory; report.

    With ``processes`` (an int), the app runs as that many processes behind nginx
    (``deploy.serve_many``, what ``make serve-many`` starts) and the sessions go
    through the proxy; the report then says how many sessions (WebSocket
    connections) each process accepted. Otherwise one process, reached directly.

    ``plans`` replaces the seeded sessions (``n_sessions``, ``moves`` and
    ``seed`` are then not used). With ``move_seconds``, every session keeps
    moving its slider end to end (``plan_sessions(toggle=True)``; ``moves`` is
    then only the most it may make) for that long after the first move, which
    all make together.

    Stops by itself: from the moment the server answers, every browser wait ends
    by ``timeout`` minus a margin for closing the browser, and the whole run is
    cancelled after ``timeout`` seconds (:class:`TimeoutError`) whatever happens.
    """
    if chromium_path() is None:
        raise RuntimeError("Debian chromium is not installed (apt-get install chromium)")
    labels = dimension_labels(dataset)
    if plans is None:
        plans = plan_sessions(
            dataset, n_sessions, moves=moves, seed=seed, toggle=move_seconds is not None
        )
    with contextlib.ExitStack() as stack:
        if processes is None:
            base = stack.enter_context(app_server())
            pids, deployment = [base.pid], None
        else:
            from deploy.serve_many import serve_many

            deployment = stack.enter_context(serve_many(processes))
            base, pids = deployment.url, deployment.app_pids
        sampler = stack.enter_context(MemorySampler(pids))
        baseline = sum(rss_bytes(p) for p in pids)
        # The sessions' waits give up before the hard stop, so a stuck session is
        # reported with what it waited for rather than as a bare timeout.
        deadline = time.monotonic() + timeout - 2 * TEARDOWN_S - GRACE_S
        outcomes, network, started, finished = asyncio.run(
            asyncio.wait_for(_drive(base, plans, labels, deadline, ramp_up, move_seconds), timeout)
        )
        per_process = {}
        if deployment is not None:
            # nginx logs a WebSocket when it closes: give the closed pages' lines a moment.
            until = time.monotonic() + 30
            while True:
                per_process = deployment.requests_per_process()
                if sum(per_process.values()) >= len(plans) or time.monotonic() > until:
                    break
                time.sleep(0.2)
    return LoadReport(
        outcomes,
        network,
        list(sampler.samples),
        started,
        finished,
        processes=processes or 1,
        sessions_per_process=per_process,
        baseline_rss=baseline,
        move_seconds=move_seconds,
    )

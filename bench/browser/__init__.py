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
4. The same for ``bench/reference_app/app.py`` (caches nothing) and
   ``bench/tutorial_app/app.py`` (caches its data as Streamlit tutorials do; see
   their docstrings) and the ratios reference / ours and tutorial / ours.
5. **Page settled** — beside the first visible change (the earlier of the map and
   the ranking), the last change anywhere on the page or in a frame (any DOM
   mutation, except inside a ``<canvas>``, whose fallback content is never drawn)
   after the key press, until the move is over: what a person waits for before
   the whole screen is still.

Beside the wall-clock figures, each press records two that background load on
the machine hardly changes: the server process's CPU time (``/proc/<pid>/stat``,
Streamlit's post-run garbage collection included) and the page's main-thread
busy time (CDP ``Performance.getMetrics``).

The code is split along these jobs: :mod:`.settings` (what is measured and the
targets), :mod:`.servers` (both apps, process CPU), :mod:`.pages` (an
instrumented offline page and its traffic), :mod:`.choose` (which key to press),
:mod:`.driver` (pressing and timing), :mod:`.loads` (cold and warm page loads),
:mod:`.figures` (summaries, ratios, targets, the table); this module runs them.

Every request to another host is blocked and counted (:mod:`testkit.browser`),
WebSockets to other hosts are counted too. Figures are reported, never asserted;
``tests/test_bench_smoke.py`` checks that the harness works.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.browser.choose import predictor_for
from bench.browser.driver import Driver
from bench.browser.figures import (
    _fmt,
    evaluate_targets,
    format_table,
    ratios,
    summarise_level,
    summarise_loads,
)
from bench.browser.loads import cold_load, cold_start_once, page_load
from bench.browser.pages import open_page
from bench.browser.servers import APPS, BrowserCPU, app_fingerprint, load_average, server_pid
from bench.browser.settings import OURS_ONLY_LEVELS, TARGETS, VIEWPORT

__all__ = ["TARGETS", "format_table", "main", "run"]


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
    reuse_cold_servers: bool = False,
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
        Also measure ``bench/reference_app`` (caches nothing) and ``bench/tutorial_app``
        (caches its data as tutorials do) and report each / ours.
    warmup : int
        Unmeasured presses per level before the measured ones.
    verbose : bool
        Print progress and the table.
    server_env : mapping, optional
        Extra environment for the servers, for what-if runs without editing the
        app (for example ``{"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}``).
    reuse_cold_servers : bool
        The first cold start of each app is the first page load on the server
        that then serves the presses and warm loads, instead of one more process
        of its own: one process start per app fewer (the smoke test's choice;
        ``make bench`` keeps every cold start on a server of its own).

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

    from testkit.browser import CHROMIUM_ARGS, OutsideRequests

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed (make chromium)")

    def say(*args: object) -> None:
        if verbose:
            print(*args, flush=True)

    outside = OutsideRequests()
    apps = ["ours", "reference", "tutorial"] if reference else ["ours"]
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
                colds: dict[str, list] = {app: [] for app in apps}
                if cold_starts and reuse_cold_servers:
                    say("cold starts on the servers that then serve the presses …")
                    for app in apps:  # no page has been served yet: a cold start
                        colds[app].append(cold_load(browser, urls[app], outside))
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
                more = cold_starts - len(colds[apps[0]])
                if more:
                    say(f"cold starts (fresh server each) × {more} …")
                for _ in range(more):
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
    result["ratios_tutorial"] = ratios(result, "tutorial")
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

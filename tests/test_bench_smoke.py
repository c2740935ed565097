"""The browser benchmark's harness works (``bench/browser/``); no timing is judged here.

Two slider presses at the 14 areas on the real app, the naive reference app
and the tutorial-style app, and one cold start each (the first page load on the
server that then serves the presses: one process start per app): every figure
is a positive number, the page saw both the map colours and the ranking change
after every press, and no request left localhost. Two presses are the fewest
that give a median and a 95th percentile of more than one sample.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import pytest

from testkit.browser import chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]


PRESSES = 2


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def result() -> dict:
    from bench import browser

    # In a thread of its own: the harness starts its own sync Playwright, which
    # cannot share a thread with the session's (the ``browser`` fixture).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(
            browser.run,
            levels=("omraden",),
            presses=PRESSES,
            cold_starts=1,
            reuse_cold_servers=True,
            warm_loads=0,
            warmup=0,
            verbose=False,
        ).result()


def test_no_request_left_localhost(result):
    assert result["outside_requests"] == 0, result["outside_urls"]


@pytest.mark.parametrize("app", ["ours", "reference", "tutorial"])
def test_every_press_changed_map_and_ranking(result, app):
    fig = result[app]["slider_to_map"]["omraden"]
    assert fig["areas"] == 14
    assert fig["presses"] == PRESSES
    assert fig["saw_map_change"] and fig["saw_ranking_change"]
    for sample in result["raw"][app]["omraden"]["samples"]:
        assert _positive(sample["map_ms"]) and _positive(sample["ranking_ms"])
        assert sample["both_ms"] == max(sample["map_ms"], sample["ranking_ms"])
        assert sample["settled"], "the move never finished (server busy or traffic not quiet)"
        assert sample["reruns"] >= 1


@pytest.mark.parametrize("app", ["ours", "reference", "tutorial"])
def test_figures_are_positive_numbers(result, app):
    fig = result[app]["slider_to_map"]["omraden"]
    keys = ("median_ms", "p95_ms", "kb_per_move_median", "server_cpu_ms_mean")
    for key in (*keys, "first_change_median_ms", "settled_median_ms"):
        assert _positive(fig[key]), (key, fig[key])
    assert fig["p95_ms"] >= fig["median_ms"]
    phases = fig["phases_median_ms"]
    assert 0 < phases["first_msg"] <= phases["script_finished"]
    if app == "ours":
        # The browser draws the ranking and recolours the map; a move reruns only
        # the weighted part of the page, which does not send the map again.
        assert phases["map_delta"] is None and phases["ranking_delta"] is None
    else:
        assert _positive(phases["map_delta"]) and _positive(phases["ranking_delta"])
    assert _positive(result[app]["cold_start"]["median_s"])


def test_ratios_targets_and_table(result):
    from bench.browser import TARGETS, format_table

    for key in ("slider_to_map_median_ms.omraden", "kb_per_move_median.omraden"):
        assert _positive(result["ratios"][key]), key
        assert _positive(result["ratios_tutorial"][key]), key
    assert _positive(result["targets"]["settled_speedup_vs_tutorial.omraden"]["value"])
    assert _positive(result["ratios"]["cold_start_median_s"])
    measured = {k: t for k, t in result["targets"].items() if k in TARGETS}
    assert "slider_to_map_median_ms.omraden" in measured
    assert all(t["met"] in (True, False) for t in measured.values())
    table = format_table(result)
    assert "slider→map median" in table and "outside requests attempted" in table

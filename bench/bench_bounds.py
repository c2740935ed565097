"""Exact best and worst rank (issue 15) on Malmö's real tables, against the target.

The issue asks for bounds "fast enough to follow the sliders: 14 areas and 91
RegSO with 8 dimensions well under a second each". This part times
:func:`areaindex.index.bounds.rank_bounds` uncached on the default method's
dimension scores at both levels, over every weighting and within ±25 % of the
method's weights (the robustness page's default), and the cached call the app
makes once a method and level have been computed. Timings are printed and
saved by ``python -m bench``, never asserted; run alone with
``python -m bench.bench_bounds``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from areaindex.index.bounds import cached_rank_bounds, rank_bounds

LEVELS = ("omraden", "regso")
# Percent around the current weights: the robustness page's default (urlstate).
AROUND = 25.0
TARGET_SECONDS = 1.0
# "Well under a second": the aim for CPU seconds per uncached call (FINDINGS.md).
AIM_CPU_SECONDS = 0.4


def _timed(func: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeats`` calls, after one warm-up call."""
    func()
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def malmo_tables() -> dict[str, tuple[pd.DataFrame, dict[str, float], str]]:
    """Per level: the default method's dimension scores, its weights and its aggregation.

    Empty when the database has not been built.
    """
    from areaindex.store.dataset import load_dataset
    from areaindex.views.indexview import DEFAULT_METHOD, dimension_table, load_presets

    path = Path(__file__).resolve().parent.parent / "indicators.duckdb"
    if not path.exists():
        return {}
    dataset = load_dataset(path)
    method = load_presets()[DEFAULT_METHOD]
    out = {}
    for level in LEVELS:
        scores = dimension_table(dataset, method, level).scores
        weights = {d: float(method.weights.get(d, 0.0)) for d in scores.columns}
        out[level] = (scores, weights, method.aggregation.across)
    return out


def run(repeats: int = 3) -> list[dict[str, object]]:
    """Time the bounds per level and region.

    Returns
    -------
    list of dict
        One row per level and region: ``level``, ``units``, ``dimensions``,
        ``region`` ("every weighting", "±25 %" or "cached"), ``wall_s`` and
        ``cpu_s`` (medians), ``target_s``, ``aim_cpu_s`` and ``load_1min`` (the
        machine's load average as the case finished: it is shared, and wall
        time follows the load).
    """
    rows = []
    for level, (scores, weights, how) in malmo_tables().items():
        cases = {
            "every weighting": lambda s=scores, h=how: rank_bounds(s, how=h),
            f"±{AROUND:g} %": lambda s=scores, w=weights, h=how: rank_bounds(
                s, w, how=h, around=AROUND
            ),
            # What the app pays once a method and level have been computed.
            "cached": lambda s=scores, w=weights, h=how: cached_rank_bounds(s, w, how=h),
        }
        for region, func in cases.items():
            wall, cpu = _timed(func, repeats)
            rows.append(
                {
                    "level": level,
                    "units": len(scores),
                    "dimensions": scores.shape[1],
                    "region": region,
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "target_s": TARGET_SECONDS,
                    "aim_cpu_s": AIM_CPU_SECONDS,
                    "load_1min": os.getloadavg()[0],
                }
            )
    return rows


def print_rows(rows: list[dict[str, object]]) -> None:
    """The figures as a table, each against the target."""
    print(
        f"exact rank bounds (issue 15), target < {TARGET_SECONDS:g} s per level, "
        f"aim <= {AIM_CPU_SECONDS:g} s CPU"
    )
    print(
        f"{'level':<8} {'units':>5} {'dims':>4}  {'region':<16} {'wall s':>7} {'cpu s':>7}  "
        f"ok  aim  load"
    )
    for r in rows:
        ok = "yes" if r["wall_s"] < r["target_s"] else "NO"
        aim = "yes" if r["cpu_s"] <= r["aim_cpu_s"] else "NO"
        print(
            f"{r['level']:<8} {r['units']:>5} {r['dimensions']:>4}  {r['region']:<16} "
            f"{r['wall_s']:>7.3f} {r['cpu_s']:>7.3f}  {ok:<3} {aim:<3} {r['load_1min']:5.1f}"
        )
    if not rows:
        print("(no database: run `python -m areaindex build` first)")


if __name__ == "__main__":
    print_rows(run())

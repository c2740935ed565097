"""Timings of the index engine and the robustness analysis on synthetic data.

Run ``python -m bench.bench_engine``; it prints the figures and :func:`run`
returns them as a dict (seconds, median of several repeats) for other
benchmarks to import.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from areaindex.index.engine import (
    combine_index,
    dimension_scores,
    normalised_indicators,
    score_table,
)
from areaindex.index.method import Method, parse_method
from areaindex.index.robustness import leave_one_out, rank_uncertainty, weight_sensitivity
from testkit.expected import MALMO_DIMENSIONS

DIMENSIONS = MALMO_DIMENSIONS
N_INDICATORS = 25
UNIT_COUNTS = (14, 91, 3363)
ROBUSTNESS_UNITS = 91
N_DRAWS = 10_000


def synthetic_method(n_indicators: int = N_INDICATORS) -> Method:
    """A Malmö-shaped method: 8 dimensions, ``n_indicators`` indicators, weights 1-8."""
    parts = [
        """
[method]
id = "bench"
title = "Benchmark"
description = "Syntetisk metod för prestandamätning."
source = "bench/bench_engine.py"
id_column = "omrade"
missing_values = [-999]

[normalisation]
method = "minmax"
decimals = 4

[aggregation]
within = "mean"
across = "mean"
min_share = 0.5

[rescale]
index = { method = "percent_rank", decimals = 4 }

[flags]
threshold = 90
"""
    ]
    for d, dim in enumerate(DIMENSIONS):
        parts.append(f'\n[[dimensions]]\nid = "{dim}"\ntitle = "{dim}"\nweight = {d + 1}\n')
        for i in range(d, n_indicators, len(DIMENSIONS)):
            direction = "lower_is_need" if i % 3 == 0 else "higher_is_need"
            parts.append(
                f'\n  [[dimensions.indicators]]\n  column = "ind{i:02d}"\n'
                f'  direction = "{direction}"\n'
            )
    return parse_method("".join(parts), file="bench")


def synthetic_table(method: Method, n_units: int, seed: int = 0) -> pd.DataFrame:
    """Random indicator values for ``n_units`` units, about 2 % missing (-999)."""
    rng = np.random.default_rng(seed)
    values = rng.normal(50, 15, size=(n_units, len(method.indicator_columns)))
    values[rng.random(values.shape) < 0.02] = -999
    table = pd.DataFrame(values, columns=list(method.indicator_columns))
    table.insert(0, method.id_column, [f"{k:04d}" for k in range(n_units)])
    return table


def _median_time(func: Callable[[], object], repeats: int) -> float:
    func()  # warm-up: imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeats: int = 5, seed: int = 0) -> dict[str, float]:
    """Time the engine and the robustness analysis.

    Parameters
    ----------
    repeats : int, default 5
        Timed repeats per figure (the median is reported).
    seed : int, default 0
        Seed for the synthetic data and the weight draws.

    Returns
    -------
    dict of str to float
        Seconds per call: ``score_table_<n>_units`` for each unit count,
        ``combine_index_91_units`` (what a weight slider move recomputes),
        ``rank_uncertainty_10000_draws_91_units_<mode>`` for ``perturb`` and
        ``random``, ``weight_sensitivity_91_units`` (Sobol, n = 1024),
        and ``leave_one_out_91_units``. The exact rank bounds are timed on the
        real tables by :mod:`bench.bench_bounds`.
    """
    method = synthetic_method()
    figures: dict[str, float] = {}
    for n_units in UNIT_COUNTS:
        table = synthetic_table(method, n_units, seed)
        figures[f"score_table_{n_units}_units"] = _median_time(
            lambda t=table: score_table(method, t), repeats
        )

    table = synthetic_table(method, ROBUSTNESS_UNITS, seed)
    dims = dimension_scores(method, normalised_indicators(method, table))
    weights = method.weights
    agg = method.aggregation
    figures[f"combine_index_{ROBUSTNESS_UNITS}_units"] = _median_time(
        lambda: combine_index(dims, weights, agg.across, agg.min_share), repeats
    )
    for mode in ("perturb", "random"):
        figures[f"rank_uncertainty_{N_DRAWS}_draws_{ROBUSTNESS_UNITS}_units_{mode}"] = _median_time(
            lambda m=mode: rank_uncertainty(
                dims, weights, n_draws=N_DRAWS, mode=m, seed=seed, min_share=agg.min_share
            ),
            repeats,
        )
    figures[f"weight_sensitivity_{ROBUSTNESS_UNITS}_units"] = _median_time(
        lambda: weight_sensitivity(dims, weights, n=1024, seed=seed, min_share=agg.min_share),
        max(1, repeats // 2),
    )
    figures[f"leave_one_out_{ROBUSTNESS_UNITS}_units"] = _median_time(
        lambda: leave_one_out(dims, weights, min_share=agg.min_share), repeats
    )
    return figures


def main() -> None:
    """Print the figures of :func:`run`."""
    figures = run()
    width = max(len(name) for name in figures)
    print(f"Index engine ({N_INDICATORS} indicators, {len(DIMENSIONS)} dimensions), median time:")
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds * 1000:9.1f} ms")


if __name__ == "__main__":
    main()

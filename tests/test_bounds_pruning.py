"""The short cuts of areaindex.bounds give the same bounds as the plain programs.

``rank_bounds`` settles most pairs and units without a mixed-integer program:
pairwise conflicts (closed form on the simplex, kinks over the ±P % box),
clique partitions in several orders, and sampled incumbents on the simplex's
faces. Each rule must be valid (never claim a conflict that is not one, never
give a bound tighter than the truth), so the bounds stay exact. These tests
check each rule against a linear program or a brute force, and the whole
against one plain mixed-integer program per unit and side.
"""

from __future__ import annotations

import itertools
import os

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from areaindex.index import bounds
from areaindex.index.bounds import rank_bounds


def _region(n_dims: int, *, around=None, free=None, weights=None):
    current = np.ones(n_dims) if weights is None else np.asarray(weights, dtype=float)
    mask = np.ones(n_dims, dtype=bool) if free is None else np.isin(np.arange(n_dims), free)
    return bounds._region(current, mask, around, None)


def _both_nonnegative(a: np.ndarray, b: np.ndarray, region) -> float:
    """max over the region of min(a . w, b . w), by a linear program (the reference)."""
    n = a.size
    lo, hi = region.continuous_lower, region.continuous_upper
    eq = None if region.continuous_total is None else (np.r_[np.ones(n), 0.0][None, :], [1.0])
    res = linprog(
        np.r_[np.zeros(n), -1.0],
        A_ub=np.vstack([np.r_[-a, 1.0], np.r_[-b, 1.0]]),
        b_ub=np.zeros(2),
        A_eq=None if eq is None else eq[0],
        b_eq=None if eq is None else eq[1],
        bounds=[*zip(lo, hi, strict=True), (None, None)],
        method="highs",
    )
    assert res.status == 0
    return float(res.x[-1])


REGIONS = [
    ("every weighting", {}),
    ("two dimensions fixed", {"free": [0, 2, 3, 5], "weights": [3, 1, 2, 2, 1, 4]}),
    ("±30 %", {"around": 30, "weights": [3, 1, 2, 2, 1, 4]}),
    ("±100 %", {"around": 100, "weights": [3, 1, 2, 2, 1, 4]}),
]


@pytest.mark.parametrize(("label", "spec"), REGIONS, ids=[r[0] for r in REGIONS])
def test_every_conflict_is_real_and_none_is_missed(label, spec):
    rng = np.random.default_rng(5)
    region = _region(6, **spec)
    coef = rng.normal(0.0, 1.0, size=(24, 6)) + rng.normal(0.0, 0.4, size=(24, 1))
    found = {tuple(p) for p in bounds._conflicts(coef, region).tolist()}
    # A box reaching 0 holds w = 0, where both rows are 0: no conflict can be proven there.
    assert bool(found) == (spec.get("around") != 100)
    for a, b in itertools.combinations(range(coef.shape[0]), 2):
        value = _both_nonnegative(coef[a], coef[b], region)
        if (a, b) in found:
            # A conflict: no weighting puts both rows at >= 0.
            assert value < 1e-9, (a, b, value)
        elif value < -1e-7 and spec.get("around") != 100:
            pytest.fail(f"pair {(a, b)} never both >= 0 (max {value}) but not found")


def _independence_number(pairs: np.ndarray, m: int) -> int:
    """Brute force: the largest set of rivals no two of which conflict."""
    edges = {tuple(sorted(p)) for p in pairs.tolist()}
    for size in range(m, 0, -1):
        for subset in itertools.combinations(range(m), size):
            if not any(pair in edges for pair in itertools.combinations(subset, 2)):
                return size
    return 0


@pytest.mark.parametrize("seed", range(6))
def test_clique_partition_never_bounds_below_the_truth(seed):
    # At most one rival per clique can be above: a partition into fewer groups than
    # the largest conflict-free set would be an invalid (too tight) bound.
    rng = np.random.default_rng(seed)
    m = int(rng.integers(5, 11))
    a, b = np.triu_indices(m, 1)
    keep = rng.random(a.size) < rng.uniform(0.2, 0.8)
    pairs = np.column_stack([a[keep], b[keep]])
    alpha = _independence_number(pairs, m)
    edges = {tuple(sorted(p)) for p in pairs.tolist()}
    partitions = [bounds._matching(pairs, m)]
    partitions += [bounds._clique_cover(pairs, m, target) for target in [None, *range(m + 1)]]
    for labels in partitions:
        # Every rival in one group, and every two rivals in a group conflict.
        assert labels.shape == (m,) and sorted(set(labels.tolist())) == list(
            range(labels.max() + 1)
        )
        for group in range(bounds._groups(labels)):
            members = np.flatnonzero(labels == group).tolist()
            assert all(pair in edges for pair in itertools.combinations(members, 2))
        assert bounds._groups(labels) >= alpha


def test_clique_partition_reaches_a_perfect_cover_when_one_exists():
    # Three disjoint triangles plus two loose rivals: 5 groups, whatever the order.
    pairs = np.array(
        [p for t in ((0, 1, 2), (3, 4, 5), (6, 7, 8)) for p in itertools.combinations(t, 2)]
    )
    assert bounds._groups(bounds._clique_cover(pairs, 11, target=5)) == 5


def _plain_bounds(scores: pd.DataFrame, region, eps: float) -> pd.DataFrame:
    """One mixed-integer program per unit and side over every rival, no short cut."""
    x = scores.to_numpy(dtype=float)
    rows = {}
    for i, unit in enumerate(scores.index):
        d = np.delete(x, i, axis=0) - x[i]
        none = np.zeros((0, 2), dtype=int)
        best, _, _ = bounds._milp(d, region, eps, "best", none)
        worst, _, _ = bounds._milp(d, region, eps, "worst", none)
        rows[unit] = (1 + int(best.sum()), 1 + int(worst.sum()))
    return pd.DataFrame.from_dict(rows, orient="index", columns=["best", "worst"])


CASES = [
    (0, 16, 4, {}),
    (1, 20, 6, {}),
    (2, 18, 8, {}),
    (3, 16, 6, {"free": ["d0", "d2", "d3", "d5"]}),
    (4, 18, 6, {"around": 40}),
    (5, 14, 5, {"around": 100}),
]


@pytest.mark.parametrize(("seed", "n_units", "n_dims", "spec"), CASES)
def test_short_cuts_give_the_same_bounds_as_the_plain_programs(seed, n_units, n_dims, spec):
    rng = np.random.default_rng(seed)
    # Correlated columns, as real dimensions are: many pairs cross, few are settled.
    common = rng.normal(50.0, 15.0, size=(n_units, 1))
    values = common + rng.normal(0.0, 8.0, size=(n_units, n_dims))
    dims = [f"d{k}" for k in range(n_dims)]
    scores = pd.DataFrame(values, index=[f"u{i}" for i in range(n_units)], columns=dims)
    weights = dict(zip(dims, rng.integers(1, 6, size=n_dims).astype(float), strict=True))
    result = rank_bounds(scores, weights, **spec)
    free = spec.get("free")
    mask = np.ones(n_dims, dtype=bool) if free is None else np.isin(dims, free)
    current = np.array([weights[d] for d in dims])
    region = bounds._region(current, mask, spec.get("around"), None)
    plain = _plain_bounds(scores, region, result.eps)
    summary = result.summary
    assert summary["exact"].all()
    pd.testing.assert_series_equal(
        summary["best"].astype(int), plain["best"], check_names=False, check_dtype=False
    )
    pd.testing.assert_series_equal(
        summary["worst"].astype(int), plain["worst"], check_names=False, check_dtype=False
    )
    # Every witness keeps the pairs it decides at least eps from a tie.
    assert (summary["best_margin"] >= result.eps * (1 - 1e-9)).all()
    assert (summary["worst_margin"] >= result.eps * (1 - 1e-9)).all()


def test_plus_minus_100_percent_is_every_weighting():
    # A box reaching zero: its cone is every weighting, and w = 0 must not count.
    rng = np.random.default_rng(9)
    values = rng.uniform(0.0, 100.0, size=(12, 4))
    scores = pd.DataFrame(values, columns=["a", "b", "c", "d"])
    everything = rank_bounds(scores).summary
    around = rank_bounds(scores, {"a": 1, "b": 2, "c": 1, "d": 3}, around=100).summary
    pd.testing.assert_frame_equal(
        everything[["best", "worst"]], around[["best", "worst"]], check_dtype=False
    )


def test_highs_debug_lines_do_not_reach_standard_output(capfd):
    # HiGHS prints some debug lines straight to descriptor 1, ignoring its options.
    with bounds._quiet_stdout():
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution\n")
    print("after")
    out, _ = capfd.readouterr()
    assert out == "after\n"

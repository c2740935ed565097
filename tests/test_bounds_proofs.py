"""The later proof steps of areaindex.index.bounds against known answers and plain programs.

After the pairwise conflicts and the clique partition (tests/test_bounds_pruning.py)
``_decide`` climbs from the sampled candidate to a better one (``_climb``) and,
when the candidate is one place short of the partition's bound, settles it with
a small program asking every group for one rival (``_fill_groups``). HiGHS is
called directly (``_highs``). Each step is checked here on tables whose answer
is known by reasoning, and on random tables against the plain mixed-integer
program without any short cut.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import LinearConstraint

from areaindex.index import bounds
from areaindex.index.bounds import rank_bounds

REGIONS = [
    ("every weighting", {}),
    ("two dimensions fixed", {"free": [0, 2, 3, 5], "weights": [3, 1, 2, 2, 1, 4]}),
    ("±30 %", {"around": 30, "weights": [3, 1, 2, 2, 1, 4]}),
]


def _region(n_dims: int, *, around=None, free=None, weights=None):
    current = np.ones(n_dims) if weights is None else np.asarray(weights, dtype=float)
    mask = np.ones(n_dims, dtype=bool) if free is None else np.isin(np.arange(n_dims), free)
    return bounds._region(current, mask, around, None)


def _in_region(w: np.ndarray, region) -> bool:
    lo, hi, total = region.continuous_lower, region.continuous_upper, region.continuous_total
    inside = bool(np.all(w >= lo - 1e-12) and np.all(w <= hi + 1e-12))
    return inside and (total is None or abs(w.sum() - total) < 1e-9)


# --- the climb --------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "spec"), REGIONS, ids=[r[0] for r in REGIONS])
def test_the_climb_stays_in_the_region_and_never_loses_a_row(label, spec):
    rng = np.random.default_rng(3)
    region = _region(6, **spec)
    for _ in range(40):
        g = rng.normal(0.0, 1.0, size=(int(rng.integers(1, 40)), 6)) + rng.normal(0.0, 0.5)
        start = bounds._default_weights(region)
        climbed = bounds._climb(g, start, region)
        assert _in_region(climbed, region)
        assert (g @ climbed >= 0).sum() >= (g @ start >= 0).sum()


def test_the_climb_crosses_the_simplex_to_the_deepest_stretch():
    # Two weights (t, 1 - t): rows (1 - a, -a) are >= 0 for t >= a, rows (b - 1, b) for
    # t <= b. Three rows hold on [0.7, 1], two on [0, 0.2]; the climb starts at t = 0.1.
    g = np.array([[0.4, -0.6], [0.35, -0.65], [0.3, -0.7], [-0.7, 0.3], [-0.8, 0.2]])
    region = _region(2)
    climbed = bounds._climb(g, np.array([0.1, 0.9]), region)
    assert (g @ climbed >= 0).sum() == 3
    assert climbed[0] > 0.7


# --- every group one place ----------------------------------------------------------------


def _three_rivals() -> pd.DataFrame:
    # Rival k is above U exactly when w_k > 1/3: any two can be above U at once (no
    # pairwise conflict, so the partition allows all three), but never all three.
    unit = np.array([50.0, 50.0, 50.0])
    rows = {"U": unit}
    for k, name in enumerate("ABC"):
        rows[name] = unit + 10.0 * (3.0 * np.eye(3)[k] - 1.0)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["d0", "d1", "d2"])


def test_three_rivals_that_cannot_all_be_above_are_settled_without_the_full_program(
    monkeypatch,
):
    scores = _three_rivals()
    calls = {"fill": [], "milp": 0}
    fill, milp = bounds._fill_groups, bounds._milp

    def counted_fill(*args, **kwargs):
        out = fill(*args, **kwargs)
        calls["fill"].append(out[0])
        return out

    def counted_milp(*args, **kwargs):
        calls["milp"] += 1
        return milp(*args, **kwargs)

    monkeypatch.setattr(bounds, "_fill_groups", counted_fill)
    monkeypatch.setattr(bounds, "_milp", counted_milp)
    result = rank_bounds(scores, units=["U"])
    # At most two of A, B, C above U (worst 3); at least one always (best 2): three
    # below U would need every w_k < 1/3.
    assert (result.summary.at["U", "best"], result.summary.at["U", "worst"]) == (2, 3)
    assert result.summary.at["U", "exact"]
    # Both proven by "no weighting gives every group one place", not the full program.
    assert calls["fill"] == ["none", "none"]
    assert calls["milp"] == 0


def test_three_rivals_fill_program_answers_directly():
    scores = _three_rivals().to_numpy()
    d = scores[1:] - scores[0]
    region = _region(3)
    eps = 1e-3
    labels = np.arange(3)  # no conflicts: each rival a group of its own
    none = np.zeros((0, 2), dtype=int)
    assert bounds._fill_groups(d, region, eps, "worst", none, labels)[0] == "none"
    assert bounds._fill_groups(d, region, eps, "best", none, labels)[0] == "none"
    # With A and B in one group (as if they conflicted), one of them plus C is enough.
    outcome, above, w = bounds._fill_groups(d, region, eps, "worst", none, np.array([0, 0, 1]))
    assert outcome == "found" and above.sum() == 2 and above[2]
    assert np.all(d[above] @ w >= eps * w.sum() * (1 - 1e-6))


def _correlated(rng: np.random.Generator, n_units: int, n_dims: int) -> np.ndarray:
    common = rng.normal(50.0, 15.0, size=(n_units, 1))
    return common + rng.normal(0.0, 8.0, size=(n_units, n_dims))


# Outcomes each region's random tables must show (the box's small cone gives few
# conflicts, so its partitions are almost always reachable).
OUTCOMES = {"every weighting": {"none", "found"}, "two dimensions fixed": {"none", "found"}}


@pytest.mark.parametrize(("label", "spec"), REGIONS, ids=[r[0] for r in REGIONS])
def test_the_fill_program_agrees_with_the_plain_program(label, spec):
    # For many units of random tables: "none" only when the plain program's optimum
    # falls short of the partition's bound; "found" only when it reaches it.
    rng = np.random.default_rng(11)
    region = _region(6, **spec)
    eps = 1e-3
    none = np.zeros((0, 2), dtype=int)
    seen = set()
    for _ in range(6):
        x = _correlated(rng, 14, 6)
        for i in range(len(x)):
            d = np.delete(x, i, axis=0) - x[i]
            low, high = bounds._extremes(d, region)
            d = d[(low <= 0) & (high > 0)]
            m = d.shape[0]
            if m < 2:
                continue
            for side in ("worst", "best"):
                conflicts = bounds._conflicts(d - eps if side == "worst" else -(d + eps), region)
                labels = bounds._clique_cover(conflicts, m)
                parts = bounds._groups(labels)
                bound = parts if side == "worst" else m - parts
                outcome, above, w = bounds._fill_groups(d, region, eps, side, conflicts, labels)
                plain = int(bounds._milp(d, region, eps, side, none)[0].sum())
                seen.add(outcome)
                if outcome == "none":
                    assert plain != bound, (side, i)
                else:
                    assert outcome == "found"
                    assert plain == bound and int(above.sum()) == bound
                    margin = (d @ w) / w.sum()
                    if side == "worst":
                        assert np.all(margin[above] >= eps * (1 - 1e-6))
                    else:
                        assert np.all(margin[~above] <= -eps * (1 - 1e-6))
    assert seen >= OUTCOMES.get(label, {"found"})


# --- HiGHS called directly ------------------------------------------------------------------


def test_highs_solves_a_small_linear_program():
    # Maximise x + y with x + 2y <= 4 and 3x + y <= 6: the corner (8/5, 6/5).
    rows = [LinearConstraint(np.array([[1.0, 2.0], [3.0, 1.0]]), -np.inf, [4.0, 6.0])]
    res = bounds._highs(
        np.array([-1.0, -1.0]), rows, np.zeros(2), np.full(2, 10.0), np.zeros(2, dtype=bool)
    )
    assert res.status == 0
    assert res.x == pytest.approx([1.6, 1.2])


def test_highs_reports_an_infeasible_program():
    rows = [LinearConstraint(np.array([[1.0, 1.0]]), 3.0, np.inf)]
    res = bounds._highs(np.zeros(2), rows, np.zeros(2), np.ones(2), np.ones(2, dtype=bool))
    assert res.status == 2 and res.x is None


def test_highs_whole_numbers_with_and_without_a_start():
    # Maximise x + y over whole numbers with 2x + 2y <= 5: 2, whatever the start.
    rows = [LinearConstraint(np.array([[2.0, 2.0]]), -np.inf, 5.0)]
    for start in (None, np.array([1.0, 0.0])):
        res = bounds._highs(
            np.array([-1.0, -1.0]),
            rows,
            np.zeros(2),
            np.full(2, 5.0),
            np.ones(2, dtype=bool),
            start=start,
        )
        assert res.status == 0
        assert res.x.sum() == pytest.approx(2.0)


def test_the_program_gives_the_same_count_with_the_incumbent_as_its_start():
    rng = np.random.default_rng(4)
    region = _region(6)
    eps = 1e-3
    none = np.zeros((0, 2), dtype=int)
    x = _correlated(rng, 16, 6)
    for i in range(len(x)):
        d = np.delete(x, i, axis=0) - x[i]
        for side in ("worst", "best"):
            plain = bounds._milp(d, region, eps, side, none)[0].sum()
            # A start: a simplex vertex's pattern, which the program's rows accept.
            w = np.eye(6)[i % 6]
            above = d @ w >= eps if side == "worst" else d @ w > -eps
            started = bounds._milp(d, region, eps, side, none, start=np.r_[w, above])[0].sum()
            assert started == plain, (i, side)


# --- the whole, against one plain program per unit and side --------------------------------


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
    (20, 30, 8, {}),
    (28, 28, 8, {"free": ["d0", "d1", "d3", "d4", "d6", "d7"]}),
    (22, 26, 7, {"around": 50}),
]


@pytest.mark.parametrize(("seed", "n_units", "n_dims", "spec"), CASES)
def test_eight_dimension_tables_match_the_plain_programs(seed, n_units, n_dims, spec, monkeypatch):
    # Tables like the real RegSO one (8 dimensions, correlated): the climb and the fill
    # program are used, and the bounds are those of the plain programs.
    rng = np.random.default_rng(seed)
    dims = [f"d{k}" for k in range(n_dims)]
    scores = pd.DataFrame(
        _correlated(rng, n_units, n_dims), index=[f"u{i}" for i in range(n_units)], columns=dims
    )
    weights = dict(zip(dims, rng.integers(1, 6, size=n_dims).astype(float), strict=True))
    used = {"climb": 0, "fill": 0}
    climb, fill = bounds._climb, bounds._fill_groups

    def counted_climb(*args, **kwargs):
        used["climb"] += 1
        return climb(*args, **kwargs)

    def counted_fill(*args, **kwargs):
        used["fill"] += 1
        return fill(*args, **kwargs)

    monkeypatch.setattr(bounds, "_climb", counted_climb)
    monkeypatch.setattr(bounds, "_fill_groups", counted_fill)
    result = rank_bounds(scores, weights, **spec)
    assert used["climb"] > 0 and used["fill"] > 0
    free = spec.get("free")
    mask = np.ones(n_dims, dtype=bool) if free is None else np.isin(dims, free)
    current = np.array([weights[d] for d in dims])
    region = bounds._region(current, mask, spec.get("around"), None)
    plain = _plain_bounds(scores, region, result.eps)
    summary = result.summary
    assert summary["exact"].all()
    assert summary["best"].astype(int).tolist() == plain["best"].tolist()
    assert summary["worst"].astype(int).tolist() == plain["worst"].tolist()
    assert (summary["best_margin"] >= result.eps * (1 - 1e-9)).all()
    assert (summary["worst_margin"] >= result.eps * (1 - 1e-9)).all()

"""Exact best and worst ranks over every weighting (areaindex.index.bounds)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.index.bounds import BoundsUnavailable, cached_rank_bounds, rank_bounds
from areaindex.index.engine import combine_index, rank_descending
from areaindex.index.robustness import draw_weights

N_SAMPLES = 200_000


def frame(rows: dict[str, list[float]], dims: list[str] | None = None) -> pd.DataFrame:
    dims = dims or [f"d{k}" for k in range(len(next(iter(rows.values()))))]
    return pd.DataFrame.from_dict(rows, orient="index", columns=dims).rename_axis("unit")


def engine_rank(scores: pd.DataFrame, weights: pd.Series, unit: str, how: str = "mean") -> int:
    """The unit's rank under ``weights``, computed by the engine as ``score`` does."""
    index = combine_index(scores, weights.to_dict(), how=how, min_share=0.0)
    return int(rank_descending(index)[unit])


def sampled_ranks(values: np.ndarray, draws: np.ndarray, how: str = "mean") -> np.ndarray:
    """Ranks (units x draws) counted as the engine counts them: 1 + number strictly above."""
    x = np.log(values) if how == "geometric_mean" else values
    scores = x @ draws.T / (draws.sum(axis=1) if how != "sum" else 1.0)
    out = np.ones(scores.shape, dtype=np.int32)
    for j in range(scores.shape[0]):
        out += scores[j][None, :] > scores
    return out


def check_witnesses(scores: pd.DataFrame, result, how: str = "mean") -> None:
    for side in ("best", "worst"):
        weights = result.best_weights if side == "best" else result.worst_weights
        for unit in scores.index:
            w = weights.loc[unit]
            assert w.min() >= -1e-12
            assert w.sum() == pytest.approx(1.0)
            assert engine_rank(scores, w, unit, how) == result.summary.at[unit, side], (side, unit)


# --- bounds known by reasoning ---------------------------------------------------------


def test_dominating_area_is_first_and_dominated_area_last_for_every_weighting():
    scores = frame({"top": [90, 80, 70], "mid": [50, 60, 10], "low": [40, 20, 5], "x": [10, 70, 8]})
    result = rank_bounds(scores)
    s = result.summary
    assert (s.at["top", "best"], s.at["top", "worst"]) == (1, 1)
    # "low" is below "top" and "mid" always, and below or above "x" depending on weights.
    assert (s.at["low", "best"], s.at["low", "worst"]) == (3, 4)
    check_witnesses(scores, result)


def test_two_crossing_areas_swap_places():
    # A leads on d0, B on d1; C is always between the two extremes' losers.
    scores = frame({"A": [100, 0], "B": [0, 100], "C": [60, 60]})
    result = rank_bounds(scores)
    s = result.summary
    assert (s.at["A", "best"], s.at["A", "worst"]) == (1, 3)
    assert (s.at["B", "best"], s.at["B", "worst"]) == (1, 3)
    # C: first when weights are about equal (60 > 50), second at either end.
    assert (s.at["C", "best"], s.at["C", "worst"]) == (1, 2)
    assert result.worst_weights.loc["A"].tolist() == pytest.approx([0.0, 1.0])
    check_witnesses(scores, result)


def test_identical_areas_share_their_rank_for_every_weighting():
    scores = frame({"A": [50, 20], "B": [50, 20], "C": [10, 10]})
    result = rank_bounds(scores)
    assert result.summary["best"].tolist() == [1, 1, 3]
    assert result.summary["worst"].tolist() == [1, 1, 3]


def test_a_rank_reached_only_at_an_exact_tie_is_not_reported():
    # B beats A unless d1 has all the weight, where they tie at 100: rank 1 there
    # only by a tie (a single weighting), so B's best is reported as 1 but A's as 2.
    scores = frame({"A": [100, 0], "B": [100, 50]})
    s = rank_bounds(scores).summary
    assert (s.at["A", "best"], s.at["A", "worst"]) == (2, 2)
    assert (s.at["B", "best"], s.at["B", "worst"]) == (1, 1)


def test_free_dimensions_only_vary_and_the_others_keep_their_share():
    scores = frame({"A": [100, 0, 0], "B": [0, 100, 0], "C": [0, 0, 100]}, ["a", "b", "c"])
    weights = {"a": 2, "b": 1, "c": 1}
    # Only b and c vary (their half of the weight); a keeps 50 %: A is always first.
    result = rank_bounds(scores, weights, free=["b", "c"])
    s = result.summary
    assert (s.at["A", "best"], s.at["A", "worst"]) == (1, 1)
    assert (s.at["B", "best"], s.at["B", "worst"]) == (2, 3)
    assert result.worst_weights.loc["B", "a"] == pytest.approx(0.5)
    check_witnesses(scores, result)


def test_around_keeps_each_weight_within_the_relative_box():
    scores = frame({"A": [100, 0], "B": [0, 100], "C": [52, 52]})
    weights = {"d0": 1, "d1": 1}
    # Within ±10 %: shares 0.45-0.55, A's index 45-55 < 52 ... C wins unless A's share > 0.52.
    result = rank_bounds(scores, weights, around=10)
    s = result.summary
    assert (s.at["A", "best"], s.at["A", "worst"]) == (1, 3)
    assert (s.at["C", "best"], s.at["C", "worst"]) == (1, 2)
    w = result.best_weights.loc["A"]
    assert w["d0"] / w["d1"] <= 1.1 / 0.9 + 1e-9
    # Zero spread: the current ranking, nothing else.
    fixed = rank_bounds(scores, weights, around=0).summary
    assert fixed["best"].tolist() == fixed["worst"].tolist() == [2, 2, 1]


def test_slider_grid_gives_whole_number_witnesses():
    scores = frame({"A": [100, 0, 30], "B": [0, 100, 40], "C": [55, 50, 0]})
    result = rank_bounds(scores, {"d0": 5, "d1": 5, "d2": 0}, grid=10)
    for side in ("best", "worst"):
        weights = result.best_weights if side == "best" else result.worst_weights
        for unit in scores.index:
            w = weights.loc[unit]
            assert (w == w.round()).all() and w.between(0, 10).all() and w.sum() >= 1
            rank = engine_rank(scores, w, unit)
            assert rank == result.summary.at[unit, side]


# --- honest refusals -------------------------------------------------------------------


def test_a_missing_dimension_score_makes_exact_bounds_impossible():
    scores = frame({"A": [1.0, np.nan], "B": [2.0, 3.0], "C": [0.5, 0.1]})
    with pytest.raises(BoundsUnavailable) as err:
        rank_bounds(scores)
    assert err.value.unit == "A" and err.value.dimension == "d1"
    # Out of play (weight 0 and not free) the missing score does not matter.
    s = rank_bounds(scores, {"d0": 1, "d1": 0}, free=["d0"]).summary
    assert s["best"].tolist() == [2, 1, 3]


def test_a_unit_without_any_score_is_never_ranked():
    scores = frame({"A": [np.nan, np.nan], "B": [2.0, 3.0], "C": [5, 0.1]})
    s = rank_bounds(scores).summary
    assert s.loc["A"].isna().all()
    assert (s.at["B", "best"], s.at["B", "worst"]) == (1, 2)


def test_geometric_mean_refuses_a_zero_score():
    scores = frame({"A": [1.0, 0.0], "B": [2.0, 3.0]})
    with pytest.raises(BoundsUnavailable, match="större än noll"):
        rank_bounds(scores, how="geometric_mean")


# --- random tables: 200,000 sampled weightings never beat a bound -----------------------


@pytest.mark.parametrize(
    ("seed", "n_units", "n_dims", "how"),
    [(0, 12, 4, "mean"), (1, 14, 8, "mean"), (2, 10, 3, "sum"), (3, 12, 5, "geometric_mean")],
)
def test_random_tables_sampled_weightings_never_beat_the_bounds(seed, n_units, n_dims, how):
    rng = np.random.default_rng(seed)
    values = rng.uniform(1.0, 100.0, size=(n_units, n_dims))
    scores = pd.DataFrame(values, index=[f"u{i}" for i in range(n_units)])
    scores.columns = [f"d{k}" for k in range(n_dims)]
    result = rank_bounds(scores, how=how)
    draws = np.vstack(
        [
            rng.dirichlet(np.ones(n_dims), N_SAMPLES // 2),
            rng.dirichlet(np.full(n_dims, 0.2), N_SAMPLES // 2),  # near the edges too
        ]
    )
    ranks = sampled_ranks(values, draws, how)
    best = result.summary["best"].to_numpy(dtype=int)
    worst = result.summary["worst"].to_numpy(dtype=int)
    assert (ranks.min(axis=1) >= best).all()
    assert (ranks.max(axis=1) <= worst).all()
    # The bounds are not loose: sampling gets close to them.
    assert (ranks.min(axis=1) - best).max() <= 2
    assert (worst - ranks.max(axis=1)).max() <= 2
    check_witnesses(scores, result, how)


def test_random_table_around_bounds_contain_the_monte_carlo_box():
    rng = np.random.default_rng(7)
    values = rng.uniform(0.0, 100.0, size=(14, 6))
    scores = pd.DataFrame(values, columns=[f"d{k}" for k in range(6)])
    weights = dict(zip(scores.columns, [5, 5, 5, 5, 0, 2], strict=True))
    result = rank_bounds(scores, weights, around=25)
    w = np.array(list(weights.values()), dtype=float)
    draws = draw_weights(w, N_SAMPLES, mode="perturb", spread=0.25, seed=1)
    ranks = sampled_ranks(values, draws)
    assert (ranks.min(axis=1) >= result.summary["best"].to_numpy(dtype=int)).all()
    assert (ranks.max(axis=1) <= result.summary["worst"].to_numpy(dtype=int)).all()
    # Every witness lies in the box (a zero weight stays zero).
    for weights_frame in (result.best_weights, result.worst_weights):
        shares = weights_frame.to_numpy()
        ratio = shares / shares.sum(axis=1, keepdims=True)
        assert (ratio[:, 4] == 0).all()
        relative = shares[:, [0, 1, 2, 3, 5]] / w[[0, 1, 2, 3, 5]]
        spread = relative.max(axis=1) / relative.min(axis=1)
        assert (spread <= 1.25 / 0.75 + 1e-6).all()
    check_witnesses(scores, result)


def test_the_cache_returns_the_same_answer_without_recomputing():
    scores = frame({"A": [100, 0], "B": [0, 100], "C": [60, 60]})
    first = cached_rank_bounds(scores, {"d0": 1, "d1": 2})
    # Over every weighting the current weights do not matter: one entry.
    assert cached_rank_bounds(scores, {"d0": 3, "d1": 1}) is first
    assert cached_rank_bounds(scores, {"d0": 3, "d1": 1}, around=10) is not first


def test_out_of_time_the_rank_found_is_reported_with_what_was_proven():
    rng = np.random.default_rng(11)
    values = rng.uniform(0.0, 100.0, size=(60, 8))
    scores = pd.DataFrame(values, columns=[f"d{k}" for k in range(8)])
    scores.index = [f"u{i}" for i in range(60)]
    result = rank_bounds(scores, time_limit=0.01, units=["u0", "u1", "u2"])
    s = result.summary.loc[["u0", "u1", "u2"]]
    assert (s["best_limit"] <= s["best"]).all() and (s["worst_limit"] >= s["worst"]).all()
    assert (s["exact"] == ((s["best"] == s["best_limit"]) & (s["worst"] == s["worst_limit"]))).all()
    for unit in s.index:
        for side, frame in (("best", result.best_weights), ("worst", result.worst_weights)):
            assert engine_rank(scores, frame.loc[unit], unit) == s.at[unit, side]
    # Units not asked for get no bounds.
    assert result.summary.loc["u3"].drop("exact").isna().all()


def test_slider_grid_does_not_settle_for_a_tie_on_one_dimension():
    # Every area has 100 on d0: all weight on d0 ties them all at rank 1. The worst
    # case of A needs weight on d1, and whole-number weights must find it.
    scores = frame({"A": [100, 0], "B": [100, 50], "C": [100, 80]})
    result = rank_bounds(scores, {"d0": 5, "d1": 5}, grid=10)
    assert result.summary.at["A", "worst"] == 3
    w = result.worst_weights.loc["A"]
    assert w["d1"] > 0 and engine_rank(scores, w, "A") == 3

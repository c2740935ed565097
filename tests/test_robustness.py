"""Tests for areaindex.index.robustness on small hand-checkable cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.errors import ScoringError
from areaindex.index.robustness import (
    TopKStatement,
    draw_weights,
    leave_one_out,
    rank_matrix,
    rank_uncertainty,
    top_k_shares,
    top_k_statement,
    top_k_statements,
    weight_sensitivity,
)

NAN = np.nan


def dims(rows: dict[str, list[float]], columns: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows).T
    frame.columns = columns or [f"d{j}" for j in range(frame.shape[1])]
    return frame


# A dominates in every dimension; B and C trade places depending on the weights.
DOMINATED = dims(
    {
        "A": [10.0, 10.0, 10.0],
        "B": [5.0, 1.0, 3.0],
        "C": [1.0, 5.0, 3.0],
        "D": [0.0, 0.0, 0.0],
    }
)
EQUAL = {"d0": 1.0, "d1": 1.0, "d2": 1.0}


# --------------------------------------------------------------------------- ranking


def test_rank_matrix_ties_and_missing() -> None:
    ranks = rank_matrix(np.array([9.0, 7.0, 9.0, 5.0, NAN]))
    np.testing.assert_array_equal(ranks[:, 0], [1.0, 3.0, 1.0, 4.0, NAN])


def test_rank_matrix_ranks_each_column() -> None:
    scores = np.array([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]])
    np.testing.assert_array_equal(rank_matrix(scores), [[3.0, 1.0], [2.0, 2.0], [1.0, 3.0]])


def test_rank_matrix_compares_exactly_like_the_engine() -> None:
    # One tie rule (areaindex.index.index_rules): values are compared exactly, after the
    # method's decimals; 0.1 + 0.2 is above 0.3 unless decimals round both.
    ranks = rank_matrix(np.array([0.1 + 0.2, 0.3, 0.1]))
    np.testing.assert_array_equal(ranks[:, 0], [1.0, 2.0, 3.0])


# --------------------------------------------------------------------------- weight draws


def test_perturb_draws_stay_in_box_and_zero_stays_zero() -> None:
    w = np.array([2.0, 0.0, 4.0])
    draws = draw_weights(w, 5000, "perturb", spread=0.25, seed=1)
    assert draws.shape == (5000, 3)
    assert (draws[:, 1] == 0).all()
    assert draws[:, 0].min() >= 1.5 and draws[:, 0].max() <= 2.5
    assert draws[:, 2].min() >= 3.0 and draws[:, 2].max() <= 5.0
    # Independent uniform factors: the mean is close to the weight.
    assert draws[:, 0].mean() == pytest.approx(2.0, abs=0.02)


def test_random_draws_are_on_the_simplex_of_dimensions_in_play() -> None:
    w = np.array([5.0, 0.0, 1.0, 3.0])
    draws = draw_weights(w, 4000, "random", seed=2)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0, atol=1e-12)
    assert (draws[:, 1] == 0).all()
    assert (draws[:, [0, 2, 3]] > 0).all()
    # Dirichlet(1, 1, 1): each component has mean 1/3, independent of the current weights.
    assert draws[:, [0, 2, 3]].mean(axis=0) == pytest.approx([1 / 3] * 3, abs=0.02)


def test_spread_zero_gives_the_current_weights() -> None:
    w = np.array([1.0, 2.0])
    np.testing.assert_array_equal(draw_weights(w, 10, spread=0.0), np.tile(w, (10, 1)))


def test_draw_weights_argument_checks() -> None:
    with pytest.raises(ValueError):
        draw_weights(np.ones(2), mode="shuffle")
    with pytest.raises(ValueError):
        draw_weights(np.ones(2), spread=1.5)


# --------------------------------------------------------------------------- Monte Carlo


@pytest.mark.parametrize("mode", ["perturb", "random"])
def test_dominating_unit_is_first_in_every_draw(mode: str) -> None:
    result = rank_uncertainty(DOMINATED, EQUAL, k=1, n_draws=2000, mode=mode, seed=3)
    row = result.summary.loc["A"]
    assert row["top_k_share"] == 1.0
    assert (row["median_rank"], row["p05_rank"], row["p95_rank"]) == (1, 1, 1)
    assert result.summary.loc["D", "p05_rank"] == 4  # always last
    assert top_k_statement(result, "A") == TopKStatement(unit="A", k=1, share=1.0)


def test_b_and_c_swap_in_random_mode() -> None:
    # Equal weights: B = C = 3 (tied at rank 2). With random weights B is ahead when
    # w0 > w1, which has probability 1/2; B is 2nd in about half the draws.
    result = rank_uncertainty(DOMINATED, EQUAL, k=2, n_draws=4000, mode="random", seed=4)
    s = result.summary
    assert s.loc["B", "current_rank"] == 2 and s.loc["C", "current_rank"] == 2
    assert s.loc["B", "top_k_share"] == pytest.approx(0.5, abs=0.03)
    assert s.loc["B", "p05_rank"] == 2 and s.loc["B", "p95_rank"] == 3


def test_two_identical_units_get_identical_results() -> None:
    frame = dims({"X": [3.0, 7.0, 1.0], "Y": [3.0, 7.0, 1.0], "Z": [5.0, 2.0, 4.0]})
    result = rank_uncertainty(frame, {"d0": 2, "d1": 1, "d2": 1}, n_draws=3000, seed=5)
    np.testing.assert_array_equal(result.ranks[0], result.ranks[1])
    pd.testing.assert_series_equal(
        result.summary.loc["X"], result.summary.loc["Y"], check_names=False
    )


def test_spread_zero_has_no_spread() -> None:
    result = rank_uncertainty(DOMINATED, {"d0": 3, "d1": 1, "d2": 1}, k=2, n_draws=500, spread=0.0)
    s = result.summary
    assert (s["p05_rank"] == s["current_rank"]).all()
    assert (s["p95_rank"] == s["current_rank"]).all()
    assert (s["median_rank"] == s["current_rank"]).all()
    # B = (15 + 1 + 3)/5 = 3.8, C = (3 + 5 + 3)/5 = 2.2: B is 2nd, C 3rd.
    assert s["current_rank"].tolist() == [1, 2, 3, 4]
    assert s["top_k_share"].tolist() == [1.0, 1.0, 0.0, 0.0]


def test_seed_reproduces_and_other_seed_differs() -> None:
    a = rank_uncertainty(DOMINATED, EQUAL, n_draws=1000, mode="random", seed=11)
    b = rank_uncertainty(DOMINATED, EQUAL, n_draws=1000, mode="random", seed=11)
    c = rank_uncertainty(DOMINATED, EQUAL, n_draws=1000, mode="random", seed=12)
    np.testing.assert_array_equal(a.ranks, b.ranks)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert not np.array_equal(a.ranks, c.ranks)


def test_generator_seed_is_accepted() -> None:
    a = rank_uncertainty(DOMINATED, EQUAL, n_draws=200, seed=np.random.default_rng(1))
    b = rank_uncertainty(DOMINATED, EQUAL, n_draws=200, seed=1)
    np.testing.assert_array_equal(a.ranks, b.ranks)


def test_missing_values_follow_min_share() -> None:
    frame = dims({"A": [4.0, NAN], "B": [3.0, 3.0], "C": [1.0, 1.0]})
    weights = {"d0": 1.0, "d1": 1.0}
    strict = rank_uncertainty(frame, weights, n_draws=500, min_share=1.0)
    assert strict.summary.loc["A", "ranked_share"] == 0.0
    assert pd.isna(strict.summary.loc["A", "median_rank"])
    assert pd.isna(strict.summary.loc["A", "current_rank"])
    assert strict.summary.loc["B", "current_rank"] == 1
    # With min_share 0.3, A is scored on d0 alone in every draw (its share of the
    # weight stays within [0.375, 0.625] for spread 0.25): 4 > 3, so always first.
    lenient = rank_uncertainty(frame, weights, k=1, n_draws=500, min_share=0.3)
    assert lenient.summary.loc["A", "ranked_share"] == 1.0
    assert lenient.summary.loc["A", "top_k_share"] == 1.0
    # With min_share 0.5 A is scored only in draws where d0 carries >= half the weight.
    half = rank_uncertainty(frame, weights, n_draws=4000, min_share=0.5, seed=8)
    assert half.summary.loc["A", "ranked_share"] == pytest.approx(0.5, abs=0.03)


def test_top_k_statements_sorted_by_share() -> None:
    result = rank_uncertainty(DOMINATED, EQUAL, k=2, n_draws=2000, mode="random", seed=9)
    statements = top_k_statements(result, min_share=0.1)
    assert statements[0].unit == "A"
    assert statements[0].share == 1.0
    assert [s.share for s in statements] == sorted((s.share for s in statements), reverse=True)
    assert all(s.k == 2 for s in statements)
    assert "D" not in [s.unit for s in statements]


def test_all_zero_weights_is_an_error() -> None:
    with pytest.raises(ScoringError) as info:
        rank_uncertainty(DOMINATED, {"d0": 0, "d1": 0, "d2": 0}, n_draws=10)
    assert "Alla vikter är noll" in info.value.message


def test_unknown_or_missing_weight_is_an_error() -> None:
    with pytest.raises(ScoringError):
        rank_uncertainty(DOMINATED, {"d0": 1, "d1": 1}, n_draws=10)
    with pytest.raises(ScoringError):
        rank_uncertainty(DOMINATED, {**EQUAL, "d9": 1}, n_draws=10)


# --------------------------------------------------------------------------- leave one out


def test_leave_one_out_hand_computed() -> None:
    frame = dims({"u1": [3.0, 1.0], "u2": [2.0, 2.0], "u3": [1.0, 3.5]}, ["A", "B"])
    out = leave_one_out(frame, {"A": 1, "B": 1})
    # Current: means 2, 2, 2.25 -> ranks u1 2, u2 2, u3 1.
    # Without A (B only): 1, 2, 3.5 -> ranks 3, 2, 1. Without B: 3, 2, 1 -> ranks 1, 2, 3.
    assert out.columns.tolist() == ["dimension", "unit", "current_rank", "new_rank", "rank_shift"]
    assert out["dimension"].tolist() == ["A"] * 3 + ["B"] * 3
    assert out["unit"].tolist() == ["u1", "u2", "u3"] * 2
    assert out["current_rank"].tolist() == [2, 2, 1, 2, 2, 1]
    assert out["new_rank"].tolist() == [3, 2, 1, 1, 2, 3]
    assert out["rank_shift"].tolist() == [1, 0, 0, -1, 0, 2]
    assert str(out["rank_shift"].dtype) == "Int64"


def test_leave_one_out_skips_zero_weights_and_handles_last_dimension() -> None:
    frame = dims({"u1": [3.0, 1.0], "u2": [2.0, 2.0]}, ["A", "B"])
    out = leave_one_out(frame, {"A": 1, "B": 0})
    # Only A has weight: leaving it out leaves no weight at all.
    assert out["dimension"].unique().tolist() == ["A"]
    assert out["new_rank"].isna().all()
    assert out["current_rank"].tolist() == [1, 2]


# --------------------------------------------------------------------------- Sobol


def test_weight_sensitivity_finds_the_weights_that_matter() -> None:
    rng = np.random.default_rng(21)
    n = 40
    a = rng.uniform(0, 10, n)
    frame = pd.DataFrame(
        {
            "A": a,
            "B": 10 - a + rng.normal(0, 1, n),  # conflicts with A
            "C": np.full(n, 5.0),  # the same for everyone: cannot change any rank
            "Z": rng.uniform(0, 10, n),  # switched off
        }
    )
    out = weight_sensitivity(frame, {"A": 1, "B": 1, "C": 1, "Z": 0}, spread=0.25, n=256, seed=1)
    assert out.index.tolist() == ["A", "B", "C", "Z"]
    assert out.columns.tolist() == ["first_order", "total_effect"]
    assert out.loc["A", "total_effect"] > 0.2
    assert out.loc["B", "total_effect"] > 0.2
    # With a weighted mean C's weight rescales all scores alike: no rank moves.
    assert abs(out.loc["C", "total_effect"]) < 0.05
    assert out.loc["Z"].tolist() == [0.0, 0.0]


def test_weight_sensitivity_without_any_rank_change_is_zero() -> None:
    out = weight_sensitivity(DOMINATED.loc[["A", "D"]], EQUAL, n=64)
    assert (out.to_numpy() == 0).all()


def test_weight_sensitivity_spread_zero_is_zero() -> None:
    out = weight_sensitivity(DOMINATED, EQUAL, spread=0.0)
    assert (out.to_numpy() == 0).all()


def test_weight_sensitivity_is_reproducible() -> None:
    a = weight_sensitivity(DOMINATED, {"d0": 1, "d1": 2, "d2": 1}, n=128, seed=5)
    b = weight_sensitivity(DOMINATED, {"d0": 1, "d1": 2, "d2": 1}, n=128, seed=5)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- top k only


@pytest.mark.parametrize("k", [1, 2, 3, 5, 9])
def test_in_top_k_is_rank_at_most_k_with_ties_and_missing(k: int) -> None:
    from areaindex.index.index_rules import in_top_k

    rng = np.random.default_rng(k)
    # Few distinct values: many ties, also at the k-th place; some missing.
    scores = rng.integers(0, 4, size=(8, 400)).astype(float)
    scores[rng.random(scores.shape) < 0.15] = NAN
    scores[:, 0] = NAN  # a column with no score at all
    scores[:5, 1] = NAN  # fewer scores than k in some cases
    expected = rank_matrix(scores) <= k  # NaN ranks compare False
    np.testing.assert_array_equal(in_top_k(scores, k), expected)


def test_in_top_k_hand_made_tie_at_the_boundary() -> None:
    from areaindex.index.index_rules import in_top_k

    # Ranks 1, 2, 2, 4: with k = 2 both tied units are in, with k = 1 neither.
    scores = np.array([9.0, 5.0, 5.0, 1.0])
    assert in_top_k(scores, 2)[:, 0].tolist() == [True, True, True, False]
    assert in_top_k(scores, 1)[:, 0].tolist() == [True, False, False, False]
    with pytest.raises(ValueError, match="at least 1"):
        in_top_k(scores, 0)


@pytest.mark.parametrize(
    ("how", "decimals", "mode"),
    [("mean", None, "perturb"), ("sum", 1, "random"), ("geometric_mean", None, "perturb")],
)
def test_top_k_shares_equal_the_full_analysis(how: str, decimals, mode: str) -> None:
    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        rng.uniform(1, 10, size=(30, 4)).round(1),
        index=[f"u{i}" for i in range(30)],
        columns=["a", "b", "c", "d"],
    )
    table.iloc[3] = table.iloc[4]  # identical units tie in every draw
    table.iloc[6, 2] = NAN
    weights = {"a": 3.0, "b": 1.0, "c": 2.0, "d": 0.5}
    options = dict(k=3, n_draws=3000, mode=mode, how=how, min_share=0.5, decimals=decimals)
    full = rank_uncertainty(table, weights, **options).summary
    quick = top_k_shares(table, weights, **options)
    pd.testing.assert_series_equal(quick["top_k_share"], full["top_k_share"])
    pd.testing.assert_series_equal(quick["current_rank"], full["current_rank"])
    assert 0 < quick["top_k_share"].max() <= 1


def test_fractional_max_is_the_largest_over_the_box_corners() -> None:
    import itertools

    from areaindex.index.robustness import _fractional_max

    rng = np.random.default_rng(3)
    v = rng.normal(size=(40, 4))
    low = np.array([0.5, 1.0, 0.2, 2.0])
    high = low * 1.8
    corners = np.array(list(itertools.product(*zip(low, high, strict=True))))
    brute = ((v @ corners.T) / corners.sum(axis=1)).max(axis=1)
    np.testing.assert_allclose(_fractional_max(v, low, high), brute, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("how", "decimals"),
    [("mean", None), ("mean", 1), ("sum", None), ("geometric_mean", None), ("geometric_mean", 0)],
)
def test_units_left_out_are_never_in_the_top_k_of_any_draw(how: str, decimals) -> None:
    from areaindex.index.robustness import never_in_top_k

    rng = np.random.default_rng(11)
    x = rng.uniform(1, 100, size=(120, 5)).round(1)
    x[5] = x[6]  # a tie
    x[7, 1] = NAN  # incomplete: always kept
    w = np.array([3.0, 1.0, 2.0, 0.0, 1.5])
    never = never_in_top_k(x, w, 3, how, 0.25, decimals)
    assert never.sum() > 50, "the box should rule out most of 120 spread-out units"
    assert not never[7]
    draws = draw_weights(w, 20_000, "perturb", 0.25, seed=5)
    ranks = rank_matrix(combine_many_for_test(x, draws, how, decimals))
    ever = (ranks <= 3).any(axis=1)
    assert not (never & ever).any()


def combine_many_for_test(x, draws, how, decimals):
    from areaindex.index.index_rules import combine_many

    return combine_many(x, draws, how, 0.5, decimals)


@pytest.mark.parametrize("how", ["mean", "sum", "geometric_mean"])
def test_top_k_shares_with_many_units_equal_the_full_analysis(how: str) -> None:
    rng = np.random.default_rng(21)
    table = pd.DataFrame(
        rng.uniform(1, 100, size=(150, 4)).round(0),
        index=[f"u{i}" for i in range(150)],
        columns=["a", "b", "c", "d"],
    )
    table.iloc[10] = table.iloc[11]
    table.iloc[12, 0] = NAN
    weights = {"a": 2.0, "b": 1.0, "c": 1.0, "d": 0.0}
    options = dict(k=5, n_draws=2000, how=how, min_share=0.5, decimals=1)
    full = rank_uncertainty(table, weights, **options).summary
    quick = top_k_shares(table, weights, **options)
    pd.testing.assert_series_equal(quick["top_k_share"], full["top_k_share"])
    assert (quick["top_k_share"] > 0).sum() >= 5

"""Tests for areaindex.index.combine, with hand-computed expected values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from areaindex.errors import ScoringError
from areaindex.index.combine import (
    aggregate,
    aggregate_many,
    weighted_geometric_mean,
    weighted_mean,
    weighted_sum,
)

NAN = np.nan


def test_weighted_mean() -> None:
    # (1*1 + 3*3) / 4 = 2.5 ; (4*1 + 0*3) / 4 = 1
    assert weighted_mean([[1.0, 3.0], [4.0, 0.0]], [1.0, 3.0]).tolist() == [2.5, 1.0]


def test_weighted_mean_renormalises_over_present_inputs() -> None:
    # present weight 1 + 2 = 3 of 4 (share 0.75): (1*1 + 3*2) / 3 = 7/3
    out = weighted_mean([[1.0, NAN, 3.0]], [1.0, 1.0, 2.0], min_share=0.5)
    assert out[0] == pytest.approx(7 / 3, abs=1e-15)


def test_min_share_makes_score_missing() -> None:
    # share 0.75 < 0.8
    assert np.isnan(weighted_mean([[1.0, NAN, 3.0]], [1.0, 1.0, 2.0], min_share=0.8)[0])


def test_min_share_one_means_any_missing_input_is_missing() -> None:
    out = weighted_mean([[1.0, NAN], [1.0, 2.0]], [1.0, 1.0], min_share=1.0)
    assert np.isnan(out[0])
    assert out[1] == 1.5


def test_share_exactly_at_threshold_is_kept() -> None:
    # share = 2/4 = 0.5 >= 0.5
    assert weighted_mean([[2.0, NAN]], [2.0, 2.0], min_share=0.5)[0] == 2.0


def test_share_with_float_noise_is_kept() -> None:
    # 0.1 + 0.2 != 0.3 in binary; a missing zero-weight input must not matter.
    out = weighted_mean([[1.0, 2.0, NAN]], [0.1, 0.2, 0.0], min_share=1.0)
    assert out[0] == pytest.approx((0.1 * 1 + 0.2 * 2) / 0.3)


def test_missing_input_with_zero_weight_does_not_count() -> None:
    assert weighted_mean([[NAN, 5.0]], [0.0, 1.0], min_share=1.0).tolist() == [5.0]


def test_only_zero_weight_inputs_present_is_missing_not_division_by_zero() -> None:
    with np.errstate(all="raise"):
        out = weighted_mean([[5.0, NAN]], [0.0, 1.0], min_share=0.0)
    assert np.isnan(out[0])


def test_weighted_sum_complete_uses_weights_as_given() -> None:
    # 0.225*10 + 0.775*20 = 2.25 + 15.5 = 17.75 (weights not re-normalised)
    assert weighted_sum([[10.0, 20.0]], [0.225, 0.775]).tolist() == [17.75]
    # IMD-like weights summing to 0.999: 0.999 * 100
    out = weighted_sum([[100.0] * 7], [0.225, 0.225, 0.135, 0.135, 0.093, 0.093, 0.093])
    assert out[0] == pytest.approx(99.9, abs=1e-12)


def test_weighted_sum_with_missing_is_scaled_to_full_weight() -> None:
    # present sum 1*1 + 2*3 = 7 over present weight 3 of total 4 -> 7 * 4/3
    out = weighted_sum([[1.0, NAN, 3.0]], [1.0, 1.0, 2.0], min_share=0.5)
    assert out[0] == pytest.approx(28 / 3, abs=1e-12)


def test_weighted_sum_of_cdc_percentiles() -> None:
    # 0.4624 + 0.1397 + 0.6038 + 0.508 + 0.4586 = 2.1725 (float noise only)
    out = weighted_sum([[0.4624, 0.1397, 0.6038, 0.508, 0.4586]], np.ones(5))
    assert out[0] == pytest.approx(2.1725, abs=1e-12)


def test_weighted_geometric_mean() -> None:
    # sqrt(1*4) = 2 ; (2^1 * 8^3)^(1/4) = 2^((1 + 9)/4) = 2^2.5
    out = weighted_geometric_mean([[1.0, 4.0], [2.0, 8.0]], [1.0, 1.0])
    assert out[0] == pytest.approx(2.0)
    out = weighted_geometric_mean([[2.0, 8.0]], [1.0, 3.0])
    assert out[0] == pytest.approx(2**2.5)


def test_geometric_mean_with_missing() -> None:
    # present: 9 (weight 1) of total 2 -> share 0.5; result 9
    out = weighted_geometric_mean([[9.0, NAN]], [1.0, 1.0], min_share=0.5)
    assert out[0] == pytest.approx(9.0)


def test_geometric_mean_refuses_non_positive_and_names_input() -> None:
    with pytest.raises(ScoringError) as info:
        aggregate(
            [[1.0, 2.0], [3.0, 0.0]], [1.0, 1.0], "geometric_mean", labels=["ekonomi", "boende"]
        )
    err = info.value
    assert err.dimension == "boende"
    assert "boende" in err.message
    assert "större än noll" in err.message
    assert "rad 2" in err.message


def test_geometric_mean_within_dimension_names_dimension() -> None:
    with pytest.raises(ScoringError) as info:
        aggregate(
            [[-1.0, 2.0]],
            [1.0, 1.0],
            "geometric_mean",
            labels=["inkomst", "bistand"],
            context="dimensionen 'ekonomi'",
            dimension="ekonomi",
        )
    assert info.value.dimension == "ekonomi"
    assert "dimensionen 'ekonomi'" in info.value.message
    assert "inkomst" in info.value.message


def test_geometric_mean_ignores_zero_weight_zero_value() -> None:
    # A zero value with zero weight plays no part.
    out = weighted_geometric_mean([[0.0, 4.0]], [0.0, 1.0])
    assert out[0] == pytest.approx(4.0)


@pytest.mark.parametrize("how", ["mean", "sum", "geometric_mean"])
def test_all_weights_zero_is_a_clear_error(how: str) -> None:
    with pytest.raises(ScoringError) as info:
        aggregate([[1.0, 2.0]], [0.0, 0.0], how)
    assert info.value.message.startswith("Alla vikter är noll")


def test_negative_weight_is_an_error() -> None:
    with pytest.raises(ScoringError):
        aggregate([[1.0, 2.0]], [1.0, -1.0])


def test_unknown_aggregation() -> None:
    with pytest.raises(ValueError):
        aggregate([[1.0]], [1.0], "median")


@pytest.mark.parametrize("how", ["mean", "sum", "geometric_mean"])
def test_many_weight_vectors_match_one_at_a_time(how: str) -> None:
    rng = np.random.default_rng(3)
    values = rng.uniform(1, 100, size=(30, 5))
    values[rng.random(values.shape) < 0.15] = NAN
    draws = rng.uniform(0, 2, size=(40, 5))
    many = aggregate_many(values, draws, how, min_share=0.4)
    for d in range(draws.shape[0]):
        one = aggregate(values, draws[d], how, min_share=0.4)
        np.testing.assert_allclose(many[:, d], one, rtol=1e-12, equal_nan=True)


def test_mean_of_equal_values_is_that_value() -> None:
    out = weighted_mean([[math.pi, math.pi, math.pi]], [0.3, 0.5, 0.2])
    assert out[0] == pytest.approx(math.pi, abs=1e-15)

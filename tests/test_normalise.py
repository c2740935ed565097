"""Tests for areaindex.index.normalise, with hand-computed expected values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from areaindex.index import normalise as nz

NAN = np.nan


def assert_same(actual: np.ndarray, expected: list[float], tol: float = 1e-12) -> None:
    np.testing.assert_allclose(actual, np.array(expected, dtype=float), rtol=0, atol=tol)


# --------------------------------------------------------------------------- direction


def test_lower_is_need_negates() -> None:
    assert_same(nz.apply_direction([1.0, -2.0, NAN], "lower_is_need"), [-1.0, 2.0, NAN])


def test_higher_is_need_copies() -> None:
    values = np.array([1.0, 2.0])
    out = nz.apply_direction(values, "higher_is_need")
    out[0] = 99.0
    assert values[0] == 1.0


def test_unknown_direction() -> None:
    with pytest.raises(ValueError):
        nz.apply_direction([1.0], "up")


# --------------------------------------------------------------------------- minmax


def test_minmax_default_range() -> None:
    # (x - 2) / (6 - 2) * 100
    assert_same(nz.minmax([2.0, 4.0, 6.0, NAN]), [0.0, 50.0, 100.0, NAN])


def test_minmax_custom_range() -> None:
    # 1 + (x - 2) / 4 * 99: 4 -> 1 + 49.5
    assert_same(nz.minmax([2.0, 4.0, 6.0], (1.0, 100.0)), [1.0, 50.5, 100.0])


def test_minmax_all_equal_gives_midpoint() -> None:
    assert_same(nz.minmax([3.0, 3.0, NAN]), [50.0, 50.0, NAN])
    assert_same(nz.minmax([7.0], (1.0, 100.0)), [50.5])


def test_minmax_missing_left_out_of_min_and_max() -> None:
    # Without NaN handling the min/max would be NaN and everything would be NaN.
    assert_same(nz.minmax([NAN, 10.0, 20.0]), [NAN, 0.0, 100.0])


def test_minmax_all_missing() -> None:
    assert np.isnan(nz.minmax([NAN, NAN])).all()


def test_minmax_rejects_empty_range() -> None:
    with pytest.raises(ValueError):
        nz.minmax([1.0, 2.0], (5.0, 5.0))


# --------------------------------------------------------------------------- goalposts


def test_goalposts_scale_and_truncate() -> None:
    # (x - 150) / 300 * 100, truncated to [0, 100]
    out = nz.goalposts([100.0, 150.0, 300.0, 450.0, 600.0, NAN], 150.0, 450.0)
    assert_same(out, [0.0, 0.0, 50.0, 100.0, 100.0, NAN])


def test_goalposts_for_lower_is_need_are_given_in_raw_units() -> None:
    raw = [150.0, 300.0, 450.0, 100.0, 500.0]
    oriented = nz.apply_direction(raw, "lower_is_need")
    lo, hi = nz.directed_goalposts((150.0, 450.0), "lower_is_need")
    assert (lo, hi) == (-450.0, -150.0)
    # 150 -> 100 (lowest income, greatest need), 450 -> 0, beyond the posts truncated.
    assert_same(nz.goalposts(oriented, lo, hi), [100.0, 50.0, 0.0, 100.0, 0.0])


def test_goalposts_need_lo_below_hi() -> None:
    with pytest.raises(ValueError):
        nz.goalposts([1.0], 5.0, 5.0)


# --------------------------------------------------------------------------- zscore


def test_zscore_uses_population_sd() -> None:
    # mean 2.5; population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
    sd = math.sqrt(1.25)
    out = nz.zscore([1.0, 2.0, 3.0, 4.0, NAN])
    assert_same(out, [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, NAN])
    # The sample sd (ddof=1) would give -1.5 / sqrt(5/3) = -1.1619 instead.
    assert out[0] == pytest.approx(-1.341640786, abs=1e-9)


def test_zscore_all_equal_is_zero() -> None:
    assert_same(nz.zscore([4.0, 4.0, NAN]), [0.0, 0.0, NAN])


# --------------------------------------------------------------------------- ranks


def test_rank_ties_share_lowest() -> None:
    assert_same(nz.rank([5.0, 7.0, 7.0, 9.0, NAN]), [1.0, 2.0, 2.0, 4.0, NAN])


def test_rank_order_independent_of_position() -> None:
    assert_same(nz.rank([9.0, 5.0, 7.0]), [3.0, 1.0, 2.0])


def test_percent_rank_cdc_rule() -> None:
    # below = 0, 1, 1, 3 of n = 4 valid -> / 3
    assert_same(nz.percent_rank([5.0, 7.0, 7.0, 9.0, NAN]), [0.0, 1 / 3, 1 / 3, 1.0, NAN])


def test_percent_rank_missing_not_counted() -> None:
    # Two valid values: the denominator is 1, not 3.
    assert_same(nz.percent_rank([NAN, 2.0, NAN, 1.0]), [NAN, 1.0, NAN, 0.0])


def test_percent_rank_single_valid_value_is_zero() -> None:
    assert_same(nz.percent_rank([NAN, 42.0]), [NAN, 0.0])


def test_percent_rank_all_missing() -> None:
    assert np.isnan(nz.percent_rank([NAN, NAN])).all()


# --------------------------------------------------------------------------- exponential


# X(R) = -23 ln(1 - R (1 - e^(-100/23))), 1 - e^(-100/23) = 0.98706509861; values by
# calculator: X(0.25) = -23 ln(0.75323373) = 6.517733, X(0.5) = -23 ln(0.50646745)
# = 15.646790, X(0.75) = -23 ln(0.25970118) = 31.009144, X(1) = -23 ln(e^(-100/23)) = 100.
def test_exponential_transform_anchor_values() -> None:
    out = nz.exponential_transform([1.0, 2.0, 3.0, 4.0], 4)
    assert_same(out, [6.517733, 15.646790, 31.009144, 100.0], tol=1e-6)


def test_exponential_transform_top_decile_spans_half_the_scale() -> None:
    # R = 0.9: -23 ln(1 - 0.9 * 0.98706509861) = -23 ln(0.11164141) = 50.426654
    assert nz.exponential_transform([9.0], 10)[0] == pytest.approx(50.426654, abs=1e-6)


def test_exp_rank_ranks_lowest_as_least_deprived() -> None:
    out = nz.exp_rank([40.0, 10.0, NAN, 30.0, 20.0])
    assert_same(out, [100.0, 6.517733, NAN, 31.009144, 15.646790], tol=1e-6)


def test_exp_rank_ties_share_lowest_rank() -> None:
    # ranks 1, 1, 3 of 3: R = 1/3, 1/3, 1 ; X(1/3) = -23 ln(1 - 0.32902170) = 9.177425
    assert_same(nz.exp_rank([5.0, 5.0, 9.0]), [9.177425, 9.177425, 100.0], tol=1e-6)


def test_exp_rank_single_value_is_100() -> None:
    assert nz.exp_rank([3.0])[0] == pytest.approx(100.0, abs=1e-9)


# --------------------------------------------------------------------------- dispatcher


def test_normalise_dispatches_by_name() -> None:
    values = [1.0, 3.0, 2.0]
    assert_same(nz.normalise(values, "rank"), [1.0, 3.0, 2.0])
    assert_same(nz.normalise(values, "percent_rank"), [0.0, 1.0, 0.5])
    assert_same(nz.normalise(values, "none"), values)
    assert_same(nz.normalise(values, "minmax", (0.0, 1.0)), [0.0, 1.0, 0.5])
    assert_same(nz.normalise(values, "goalposts", (0.0, 10.0), (0.0, 4.0)), [2.5, 7.5, 5.0])


def test_normalise_errors() -> None:
    with pytest.raises(ValueError):
        nz.normalise([1.0], "softmax")
    with pytest.raises(ValueError):
        nz.normalise([1.0], "goalposts")
    with pytest.raises(ValueError):
        nz.minmax(np.ones((2, 2)))


# --------------------------------------------------------------------------- properties

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
with_missing = st.lists(st.one_of(finite, st.just(NAN)), min_size=1, max_size=40)


@given(with_missing)
def test_missing_stays_missing_everywhere(values: list[float]) -> None:
    missing = np.isnan(values)
    for method in nz.METHODS:
        if method == "goalposts":
            out = nz.normalise(values, method, goalposts_=(-1.0, 1.0))
        else:
            out = nz.normalise(values, method)
        assert (np.isnan(out) == missing).all(), method


@given(with_missing)
def test_order_preserving_methods_keep_order(values: list[float]) -> None:
    x = np.array(values)
    valid = ~np.isnan(x)
    for method in ("minmax", "zscore", "rank", "percent_rank", "exp_rank"):
        out = nz.normalise(x, method)
        xv, ov = x[valid], out[valid]
        order = np.argsort(xv, kind="stable")
        assert (np.diff(ov[order]) >= -1e-9).all(), method


@given(with_missing)
def test_percent_rank_within_unit_interval(values: list[float]) -> None:
    out = nz.percent_rank(values)
    valid = out[~np.isnan(out)]
    assert ((valid >= 0) & (valid <= 1)).all()

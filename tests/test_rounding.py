"""Tests for areaindex.rounding.round_half_up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from areaindex.rounding import round_half_up


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.12345, 4, 0.1235),  # the binary value is 0.123449999..., the decimal one a tie
        (2.675, 2, 2.68),  # Python's round gives 2.67
        (1.005, 2, 1.01),  # Python's round gives 1.0
        (0.285, 2, 0.29),  # binary 0.28499999999999998
        (0.29, 2, 0.29),  # scaled 28.999999999999996 must not drop to 0.28
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),  # half-up, not half-to-even (which gives 2)
        (-0.5, 0, -1.0),  # halves go away from zero
        (-2.675, 2, -2.68),
        (-1.25, 1, -1.3),
        (0.0758, 4, 0.0758),  # already at 4 decimals: unchanged
        (5 / 66, 4, 0.0758),  # 0.0757575... (CDC percentile 5/66)
        (1 / 32, 4, 0.0313),  # exact binary tie 0.03125
        (123.4, 0, 123.0),
    ],
)
def test_hand_computed_values(value: float, decimals: int, expected: float) -> None:
    assert round_half_up([value], decimals)[0] == expected


def test_differs_from_builtin_round_on_ties() -> None:
    # Sanity check that the cases above are real: the builtin gets them "wrong".
    assert round(2.675, 2) == 2.67
    assert round(2.5) == 2
    assert round_half_up([2.675], 2)[0] == 2.68
    assert round_half_up([2.5], 0)[0] == 3.0


def test_nan_and_infinities_pass_through() -> None:
    out = round_half_up([np.nan, np.inf, -np.inf, 1.25], 1)
    assert np.isnan(out[0])
    assert out[1] == np.inf
    assert out[2] == -np.inf
    assert out[3] == 1.3


def test_negative_zero_becomes_positive_zero() -> None:
    out = round_half_up([-0.0001, -0.0], 2)
    assert out.tolist() == [0.0, 0.0]
    assert not np.signbit(out).any()


def test_huge_values() -> None:
    # No fractional digits left to round; must not fail on 300-digit numbers.
    assert round_half_up([1e20, -3e300, 1.7e308], 15).tolist() == [1e20, -3e300, 1.7e308]
    # Large but with decimals: 123456789.12345 is scaled beyond the fast path.
    assert round_half_up([123456789.12345, 98765432109.87655], 4).tolist() == [
        123456789.1235,
        98765432109.8766,
    ]


def test_scalar_in_scalar_out() -> None:
    out = round_half_up(2.675, 2)
    assert np.ndim(out) == 0
    assert float(out) == 2.68


def test_shape_is_preserved() -> None:
    values = np.array([[0.125, 0.135], [np.nan, -0.125]])
    out = round_half_up(values, 2)
    assert out.shape == (2, 2)
    assert out[0].tolist() == [0.13, 0.14]
    assert out[1, 1] == -0.13


@pytest.mark.parametrize("decimals", [-1, 16])
def test_decimals_out_of_range(decimals: int) -> None:
    with pytest.raises(ValueError):
        round_half_up([1.0], decimals)


def test_decimals_must_be_integer() -> None:
    with pytest.raises(TypeError):
        round_half_up([1.0], 2.0)  # type: ignore[arg-type]


def _reference(value: float, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext(Context(prec=400)):
        return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=6),
)
def test_matches_decimal_on_numbers_with_one_extra_digit(mantissa: int, decimals: int) -> None:
    # Numbers written with exactly decimals + 1 digits: half of them end in 5.
    value = float(Decimal(mantissa).scaleb(-(decimals + 1)))
    assert round_half_up([value], decimals)[0] == _reference(value, decimals)


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=8),
)
def test_matches_decimal_on_arbitrary_floats(value: float, decimals: int) -> None:
    assert round_half_up([value], decimals)[0] == _reference(value, decimals)


@given(
    st.floats(min_value=-1e16, max_value=1e16, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=15),
)
def test_matches_decimal_on_large_floats(value: float, decimals: int) -> None:
    assert round_half_up([value], decimals)[0] == _reference(value, decimals)


@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=0, max_value=6),
)
def test_matches_decimal_on_long_ties(mantissa: int, decimals: int) -> None:
    # Up to 16 significant digits ending in 5: the fast path's float error matters here.
    value = float(Decimal(mantissa * 10 + 5).scaleb(-(decimals + 1)))
    assert round_half_up([value], decimals)[0] == _reference(value, decimals)


def test_vectorised_result_equals_elementwise() -> None:
    rng = np.random.default_rng(7)
    values = np.round(rng.normal(0, 100, size=5000), 5)
    out = round_half_up(values, 4)
    expected = [_reference(float(v), 4) for v in values]
    assert out.tolist() == expected

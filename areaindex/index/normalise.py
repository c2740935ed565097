"""Normalisations: put indicators measured in different units on one scale.

Every function takes a 1-D float array in which NaN means "missing". Missing
values stay NaN and are left out of every count and statistic (minimum,
maximum, mean, standard deviation, number of units ranked).

Direction is handled *before* normalising (see :func:`apply_direction`): for an
indicator where a lower value means greater need, the values are negated, so
that after direction a higher value always means greater need. All functions
here are therefore "higher in, higher out".
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

DIRECTIONS = ("higher_is_need", "lower_is_need")
METHODS = ("minmax", "goalposts", "zscore", "rank", "percent_rank", "exp_rank", "none")

DEFAULT_RANGE: tuple[float, float] = (0.0, 100.0)

# English Indices of Deprivation: the exponential distribution is cut at 100
# with constant 23, so that the most deprived 10 % of areas span about half of
# the 0-100 scale (X = 50.4 at R = 0.9) and high deprivation in one domain is
# not cancelled by low deprivation in another (IoD 2019 technical report, ch. 3).
_EXP_CONSTANT = 23.0
_EXP_CUT = 1.0 - math.exp(-100.0 / _EXP_CONSTANT)


def _as_float(values: npt.ArrayLike) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    if x.ndim != 1:
        raise ValueError("expected a 1-D array")
    return x


def _check_range(range_: tuple[float, float]) -> tuple[float, float]:
    lo, hi = float(range_[0]), float(range_[1])
    if not lo < hi:
        raise ValueError("range must be (low, high) with low < high")
    return lo, hi


def apply_direction(values: npt.ArrayLike, direction: str = "higher_is_need") -> np.ndarray:
    """Orient an indicator so that a higher value means greater need.

    Parameters
    ----------
    values : array_like
        Raw indicator values, NaN for missing.
    direction : {"higher_is_need", "lower_is_need"}
        ``"lower_is_need"`` negates the values (for example income: the lower
        the income, the greater the need).

    Returns
    -------
    numpy.ndarray
        The oriented values (a copy).
    """
    x = _as_float(values)
    if direction == "higher_is_need":
        return x.copy()
    if direction == "lower_is_need":
        return -x
    raise ValueError(f"unknown direction {direction!r}")


def directed_goalposts(goalposts: tuple[float, float], direction: str) -> tuple[float, float]:
    """Goalposts in raw units, translated to the oriented scale of :func:`apply_direction`.

    Parameters
    ----------
    goalposts : tuple of float
        ``(lo, hi)`` in the indicator's raw units, ``lo < hi``.
    direction : {"higher_is_need", "lower_is_need"}
        The indicator's direction.

    Returns
    -------
    tuple of float
        ``(lo, hi)`` to use on the oriented values. For ``"lower_is_need"`` the
        values were negated, so the goalposts become ``(-hi, -lo)``: with raw
        goalposts (150, 450) a raw 150 maps to the top of the range and a raw
        450 to the bottom.
    """
    lo, hi = float(goalposts[0]), float(goalposts[1])
    if direction == "lower_is_need":
        return -hi, -lo
    if direction == "higher_is_need":
        return lo, hi
    raise ValueError(f"unknown direction {direction!r}")


def minmax(values: npt.ArrayLike, range_: tuple[float, float] = DEFAULT_RANGE) -> np.ndarray:
    """Min-max scaling of the valid values onto ``range_``.

    Parameters
    ----------
    values : array_like
        1-D values, NaN for missing.
    range_ : tuple of float, default (0, 100)
        Target range ``(low, high)``; the smallest valid value maps to ``low``
        and the largest to ``high``.

    Returns
    -------
    numpy.ndarray
        Scaled values; NaN stays NaN.

    Notes
    -----
    If every valid value is equal the indicator does not discriminate
    between units. Every unit then gets the midpoint of the range: it is the
    neutral choice that neither rewards nor punishes anyone and keeps the
    indicator's contribution the same for all units (0 or the top of the range
    would shift every unit's score by the same amount in one direction).
    """
    x = _as_float(values)
    lo, hi = _check_range(range_)
    valid = ~np.isnan(x)
    out = np.full_like(x, np.nan)
    if not valid.any():
        return out
    vmin, vmax = np.min(x[valid]), np.max(x[valid])
    if vmin == vmax:
        out[valid] = (lo + hi) / 2.0
        return out
    out[valid] = lo + (x[valid] - vmin) / (vmax - vmin) * (hi - lo)
    return out


def goalposts(
    values: npt.ArrayLike,
    lo: float,
    hi: float,
    range_: tuple[float, float] = DEFAULT_RANGE,
) -> np.ndarray:
    """Scale with fixed goalposts: ``(x - lo) / (hi - lo)`` onto ``range_``, truncated.

    Parameters
    ----------
    values : array_like
        1-D oriented values (see :func:`apply_direction`), NaN for missing.
    lo, hi : float
        Goalposts on the oriented scale, ``lo < hi``. Use
        :func:`directed_goalposts` to translate goalposts given in raw units.
    range_ : tuple of float, default (0, 100)
        Target range.

    Returns
    -------
    numpy.ndarray
        Scaled values, truncated to ``range_``; NaN stays NaN.

    Notes
    -----
    Fixed goalposts make scores comparable over time: a unit's score changes
    only when its own value changes, not when other units change.
    """
    x = _as_float(values)
    rlo, rhi = _check_range(range_)
    lo, hi = float(lo), float(hi)
    if not lo < hi:
        raise ValueError("goalposts must satisfy lo < hi")
    scaled = rlo + (x - lo) / (hi - lo) * (rhi - rlo)
    return np.clip(scaled, rlo, rhi)


def zscore(values: npt.ArrayLike) -> np.ndarray:
    """Standardise to mean 0 and standard deviation 1.

    Parameters
    ----------
    values : array_like
        1-D values, NaN for missing.

    Returns
    -------
    numpy.ndarray
        ``(x - mean) / sd``; NaN stays NaN.

    Notes
    -----
    The standard deviation is the *population* one (``ddof=0``): the units
    are the whole population of areas, not a sample from a larger one. If all
    valid values are equal the standard deviation is zero and every valid unit
    gets 0 (the mean), instead of a division by zero.
    """
    x = _as_float(values)
    valid = ~np.isnan(x)
    out = np.full_like(x, np.nan)
    if not valid.any():
        return out
    mean = np.mean(x[valid])
    sd = np.std(x[valid], ddof=0)
    out[valid] = 0.0 if sd == 0 else (x[valid] - mean) / sd
    return out


def _count_below(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Number of valid values strictly below each value, and the valid count."""
    valid = ~np.isnan(x)
    ordered = np.sort(x[valid])
    below = np.searchsorted(ordered, x, side="left").astype(float)
    below[~valid] = np.nan
    return below, int(valid.sum())


def rank(values: npt.ArrayLike) -> np.ndarray:
    """Ascending rank 1..n of the valid values; ties share the lowest rank.

    Parameters
    ----------
    values : array_like
        1-D values, NaN for missing.

    Returns
    -------
    numpy.ndarray
        Float ranks (1 = smallest value); NaN stays NaN. Tied values get the
        lowest rank of their group ("min" ranking): ``[5, 7, 7, 9] -> [1, 2, 2, 4]``.
    """
    below, _ = _count_below(_as_float(values))
    return below + 1.0


def percent_rank(values: npt.ArrayLike) -> np.ndarray:
    """Percentile rank exactly as CDC's Social Vulnerability Index computes it.

    Parameters
    ----------
    values : array_like
        1-D values, NaN for missing.

    Returns
    -------
    numpy.ndarray
        ``(number of valid values strictly below x) / (valid count - 1)``, in
        [0, 1]; NaN stays NaN.

    Notes
    -----
    This is ``(rank - 1) / (n - 1)`` with "min" ranking, the same as Excel's
    ``PERCENTRANK.INC`` before its truncation: tied values share the lowest
    percentile. With a single valid value the denominator is zero; that
    unit gets 0, since there is nobody it ranks above.
    """
    below, n = _count_below(_as_float(values))
    if n <= 1:
        return np.where(np.isnan(below), np.nan, 0.0)
    return below / (n - 1)


def exponential_transform(ranks: npt.ArrayLike, n: int) -> np.ndarray:
    """Exponential transformation of ranks used by the English Indices of Deprivation.

    Parameters
    ----------
    ranks : array_like
        Ranks with 1 = least deprived and ``n`` = most deprived; NaN for missing.
    n : int
        Number of ranked units.

    Returns
    -------
    numpy.ndarray
        ``X = -23 * ln(1 - R * (1 - exp(-100/23)))`` with ``R = rank / n``. X is
        near 0 for the least deprived unit and 100 (up to float rounding) for
        the most deprived one.
    """
    r = np.asarray(ranks, dtype=float) / float(n)
    return -_EXP_CONSTANT * np.log1p(-r * _EXP_CUT)


def exp_rank(values: npt.ArrayLike) -> np.ndarray:
    """Rank the valid values (1 = lowest) and apply :func:`exponential_transform`.

    Parameters
    ----------
    values : array_like
        1-D oriented values (higher = more deprived), NaN for missing.

    Returns
    -------
    numpy.ndarray
        Values on the 0-100 exponential scale; NaN stays NaN. Ties share the
        lowest rank, as in :func:`rank`; a single valid value gets 100.
    """
    x = _as_float(values)
    below, n = _count_below(x)
    if n == 0:
        return below
    return exponential_transform(below + 1.0, n)


def identity(values: npt.ArrayLike) -> np.ndarray:
    """Return the values unchanged (normalisation ``"none"``)."""
    return _as_float(values).copy()


def normalise(
    values: npt.ArrayLike,
    method: str = "minmax",
    range_: tuple[float, float] = DEFAULT_RANGE,
    goalposts_: tuple[float, float] | None = None,
) -> np.ndarray:
    """Apply a normalisation by name.

    Parameters
    ----------
    values : array_like
        1-D oriented values, NaN for missing.
    method : str, default "minmax"
        One of :data:`METHODS`.
    range_ : tuple of float, default (0, 100)
        Target range for ``"minmax"`` and ``"goalposts"``.
    goalposts_ : tuple of float, optional
        ``(lo, hi)`` on the oriented scale; required for ``"goalposts"``.

    Returns
    -------
    numpy.ndarray
        The normalised values.
    """
    if method == "goalposts":
        if goalposts_ is None:
            raise ValueError("goalposts normalisation needs goalposts")
        return goalposts(values, goalposts_[0], goalposts_[1], range_)
    if method == "minmax":
        return minmax(values, range_)
    simple: dict[str, Callable[[npt.ArrayLike], np.ndarray]] = {
        "zscore": zscore,
        "rank": rank,
        "percent_rank": percent_rank,
        "exp_rank": exp_rank,
        "none": identity,
    }
    if method not in simple:
        raise ValueError(f"unknown normalisation {method!r}")
    return simple[method](values)

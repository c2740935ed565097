"""The index, defined once: weights, combination, contributions, decimals and ranks.

Every place that turns dimension scores into an index uses this module: the
``score`` command (:func:`areaindex.index.engine.score_table`), the dashboard
(:func:`areaindex.views.indexview.index_view`), the robustness analysis
(:mod:`areaindex.index.robustness`) and the method page. The browser repeats the
same arithmetic in ``ui/live/engine.js`` and ``tests/test_live_engine.py``
holds the two together.

The rules
---------
1. **Weights** (:func:`check_weights`): a weight for every dimension and no
   other; each finite and >= 0, at least one above zero
   (:func:`areaindex.index.combine.check_weight_vectors`, the rule indicator weights
   and the robustness analysis's weight draws follow too).
2. **Index** (:func:`combine`): the method's ``aggregation.across`` (``mean``,
   ``sum`` or ``geometric_mean``, see :mod:`areaindex.index.combine`) with its
   ``min_share`` rule for missing dimensions, then rounded half-up to the
   method's ``aggregation.decimals`` when it sets them. The rounded value is
   what ``score`` writes, what the dashboard shows and what is ranked.
3. **Contributions** (:func:`contributions`): each dimension's part of the
   index *as shown*, so the parts always add up to the index, for every
   aggregation. The index is split in proportion to each dimension's term in
   the aggregation: ``w_d s_d`` for ``mean`` and ``sum`` (for ``sum`` with a
   missing dimension the same scaling applies to every term, so it cancels),
   and ``w_d ln s_d`` for ``geometric_mean`` (``ln I`` is the weighted mean of
   the ``ln s_d``). When those terms add up to zero (an index of 0, or a
   geometric mean of exactly 1) the index is split by weight instead. A
   dimension that pulls the index down (a negative score, or a geometric
   score below 1 while the index is above 1) has a negative part.
4. **Ranks** (:func:`rank_descending`, :func:`rank_matrix`): rank 1 = the
   highest index; equal index values share the lowest number; a missing index
   has no rank. Values are compared exactly, after the method's decimals. The
   combination adds its terms in one fixed order for every unit
   (:func:`areaindex.index.combine.aggregate_many`), so two units with the same
   dimension scores always get the same index and share their rank.
5. **Sliders** (:func:`slider_weights`): the dashboard's sliders run 0-10 in
   whole steps; a method's weights are scaled so the largest is 10 when any is
   above 10, then rounded half-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from areaindex.errors import ScoringError
from areaindex.index.combine import HOW, aggregate_many, check_weight_vectors
from areaindex.rounding import round_half_up

SLIDER_MIN, SLIDER_MAX = 0, 10


def check_weights(weights: Mapping[str, float], dimensions: Sequence[str]) -> np.ndarray:
    """The one check of dimension weights; returns them as a vector in dimension order.

    Parameters
    ----------
    weights : mapping of str to float
        A weight for every dimension.
    dimensions : sequence of str
        The dimension ids, in order.

    Returns
    -------
    numpy.ndarray
        The weights, shape ``(len(dimensions),)``.

    Raises
    ------
    ScoringError
        Naming the dimension: a weight for an unknown dimension, a missing
        weight, a weight that is not a finite number >= 0; or all weights zero.
    """
    dims = [str(d) for d in dimensions]
    unknown = [k for k in weights if k not in dims]
    if unknown:
        raise ScoringError(
            f"Vikt angiven för okänd dimension '{unknown[0]}'. Kända dimensioner: "
            f"{', '.join(dims)} (weight for unknown dimension).",
            dimension=unknown[0],
        )
    absent = [d for d in dims if d not in weights]
    if absent:
        raise ScoringError(
            f"Vikt saknas för dimensionen '{absent[0]}' (missing weight).", dimension=absent[0]
        )
    w = np.array([float(weights[d]) for d in dims])
    check_weight_vectors(w, dims)
    return w


def apply_decimals(scores: npt.ArrayLike, decimals: int | None) -> np.ndarray:
    """Scores rounded half-up to the method's ``aggregation.decimals`` (unchanged for None)."""
    x = np.asarray(scores, dtype=float)
    return x if decimals is None else round_half_up(x, decimals)


def combine_many(
    values: npt.ArrayLike,
    weight_draws: npt.ArrayLike,
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
    labels: Sequence[str] | None = None,
) -> np.ndarray:
    """The index of every unit under many weight vectors (rule 2), shape (units, draws)."""
    scores = aggregate_many(values, weight_draws, how, min_share, labels)
    return apply_decimals(scores, decimals)


def contributions(
    values: npt.ArrayLike,
    weights: npt.ArrayLike,
    index: npt.ArrayLike,
    how: str = "mean",
) -> np.ndarray:
    """Each dimension's part of the index, adding up to ``index`` (rule 3).

    Parameters
    ----------
    values : array_like, shape (units, dimensions)
        Dimension scores, NaN for missing.
    weights : array_like, shape (dimensions,)
        Checked weights (:func:`check_weights`).
    index : array_like, shape (units,)
        The index as shown (output of :func:`combine`).
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        The aggregation that made ``index``.

    Returns
    -------
    numpy.ndarray, shape (units, dimensions)
        NaN for every dimension where the index is missing; 0 for a missing
        dimension score or a zero weight.
    """
    if how not in HOW:
        raise ValueError(f"unknown aggregation {how!r}; expected one of {HOW}")
    x = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    total_index = np.asarray(index, dtype=float)
    used = ~np.isnan(x) & (w[None, :] > 0)
    filled = np.where(used, x, 1.0 if how == "geometric_mean" else 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.log(filled) if how == "geometric_mean" else filled
        terms = np.where(used, w[None, :] * base, 0.0)
        weight_terms = np.where(used, w[None, :], 0.0)
        # Same fixed order as the browser: left to right.
        term_sum = np.zeros(x.shape[0])
        weight_sum = np.zeros(x.shape[0])
        for j in range(x.shape[1]):
            term_sum = term_sum + terms[:, j]
            weight_sum = weight_sum + weight_terms[:, j]
        by_terms = term_sum[:, None] != 0
        share = np.where(by_terms, terms / term_sum[:, None], weight_terms / weight_sum[:, None])
        out = total_index[:, None] * share
    return np.where(np.isnan(total_index)[:, None], np.nan, np.where(used, out, 0.0))


@dataclass(frozen=True)
class Combined:
    """The index of every unit, its rank and each dimension's contribution."""

    index: pd.Series  # "index.score", NaN when missing
    rank: pd.Series  # "index.rank", Int64, <NA> when missing
    contributions: pd.DataFrame  # units x dimensions, adding up to ``index``
    weights: dict[str, float]  # the checked weights


def combine(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> Combined:
    """Combine dimension scores into the index, its ranks and the contributions.

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions, NaN for missing.
    weights : mapping of str to float
        A weight for every column of ``dim_scores``.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        The method's ``aggregation.across``.
    min_share : float, default 1.0
        The method's ``aggregation.min_share``.
    decimals : int, optional
        The method's ``aggregation.decimals``.

    Raises
    ------
    ScoringError
        For weights that fail :func:`check_weights`, or a geometric mean that
        meets a score that is not positive.
    """
    dims = [str(c) for c in dim_scores.columns]
    w = check_weights(weights, dims)
    x = dim_scores.to_numpy(dtype=float)
    index = combine_many(x, w[None, :], how, min_share, decimals, labels=dims)[:, 0]
    parts = contributions(x, w, index, how)
    series = pd.Series(index, index=dim_scores.index, name="index.score")
    return Combined(
        index=series,
        rank=rank_descending(series),
        contributions=pd.DataFrame(parts, index=dim_scores.index, columns=dims),
        weights=dict(zip(dims, w.tolist(), strict=True)),
    )


def rank_matrix(scores: npt.ArrayLike) -> np.ndarray:
    """Rank every column: 1 = highest, equal values share the lowest number (rule 4).

    Parameters
    ----------
    scores : array_like, shape (units,) or (units, draws)
        Index values, NaN for missing.

    Returns
    -------
    numpy.ndarray, shape (units, draws)
        Float ranks, NaN where the score is missing.
    """
    s = np.asarray(scores, dtype=float)
    if s.ndim == 1:
        s = s[:, None]
    missing = np.isnan(s)
    key = np.where(missing, np.inf, -s)
    # Equal scores get the position where their group starts, whatever their order
    # within it, so the sort need not be stable (an unstable one is much faster
    # over the robustness analysis's thousands of draws).
    order = np.argsort(key, axis=0)
    sorted_key = np.take_along_axis(key, order, axis=0)
    position = np.broadcast_to(np.arange(1, s.shape[0] + 1, dtype=float)[:, None], s.shape)
    starts_group = np.ones(s.shape, dtype=bool)
    starts_group[1:] = sorted_key[1:] != sorted_key[:-1]
    # Each unit takes the position where its group of equal scores starts.
    sorted_ranks = np.maximum.accumulate(np.where(starts_group, position, 0.0), axis=0)
    ranks = np.empty_like(sorted_ranks)
    np.put_along_axis(ranks, order, sorted_ranks, axis=0)
    ranks[missing] = np.nan
    return ranks


def in_top_k(scores: npt.ArrayLike, k: int) -> np.ndarray:
    """Whether each unit is among the top ``k`` in each column: ``rank_matrix(scores) <= k``.

    The same test as ranking every column (rule 4: ``rank = 1 +`` the number of
    strictly higher scores, so a unit is in the top ``k`` when its score is at
    least the ``k``-th highest score counted with repeats) without sorting it:
    one partial partition per column, several times faster over the thousands
    of draws of the robustness box.

    Parameters
    ----------
    scores : array_like, shape (units,) or (units, draws)
        Index values, NaN for missing (never in the top ``k``).
    k : int
        Size of the top group, at least 1.

    Returns
    -------
    numpy.ndarray of bool, shape (units, draws)
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    s = np.asarray(scores, dtype=float)
    if s.ndim == 1:
        s = s[:, None]
    missing = np.isnan(s)
    if k >= s.shape[0]:
        return ~missing
    key = np.where(missing, -np.inf, s)
    kth = np.partition(key, s.shape[0] - k, axis=0)[s.shape[0] - k]
    return (key >= kth[None, :]) & ~missing


def rank_descending(series: pd.Series) -> pd.Series:
    """Rank so that 1 is the highest value; ties share the lowest number (rule 4).

    Parameters
    ----------
    series : pandas.Series
        Index values, NaN for missing.

    Returns
    -------
    pandas.Series
        Nullable ``Int64`` ranks, ``<NA>`` where the value is missing:
        ``[9, 7, 9, 5] -> [1, 3, 1, 4]``.
    """
    ranks = rank_matrix(series.to_numpy(dtype=float))[:, 0]
    missing = np.isnan(ranks)
    array = pd.arrays.IntegerArray(np.where(missing, 0, ranks).astype(np.int64), missing)
    return pd.Series(array, index=series.index, name=series.name)


def weight_shares(weights: Mapping[str, float]) -> dict[str, float]:
    """Relative weights as percentages of their sum (0 for all when the sum is 0)."""
    total = float(sum(max(0.0, w) for w in weights.values()))
    return {d: (100.0 * max(0.0, w) / total if total > 0 else 0.0) for d, w in weights.items()}


def slider_weights(
    method_weights: Mapping[str, float], dimensions: Sequence[str]
) -> dict[str, int]:
    """Slider positions (whole numbers 0-10) for a method's weights (rule 5).

    Parameters
    ----------
    method_weights : mapping of str to float
        The method's dimension weights (a dimension it lacks counts as 0).
    dimensions : sequence of str
        The dashboard's dimensions, in slider order.

    Returns
    -------
    dict of str to int
        A slider value for every dimension. Weights above 10 are scaled so the
        largest is 10 (the ratios stay as close as whole steps allow); weights
        are then rounded half-up: ``{a: 0.225, b: 5.5, c: 25} -> {a: 0, b: 2, c: 10}``.
    """
    raw = {d: max(0.0, float(method_weights.get(d, 0.0))) for d in dimensions}
    top = max(raw.values(), default=0.0)
    scale = SLIDER_MAX / top if top > SLIDER_MAX else 1.0
    return {
        d: int(min(SLIDER_MAX, max(SLIDER_MIN, round_half_up(w * scale, 0))))
        for d, w in raw.items()
    }

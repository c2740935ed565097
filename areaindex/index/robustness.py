"""How sure is the ranking? Weight uncertainty and sensitivity of the index ranks.

Politicians choose the weights; this module shows how much the ranking of
areas depends on that choice. It works on dimension scores (units x
dimensions, NaN for missing, as from :func:`areaindex.index.engine.dimension_scores`)
and the current weights, and honours the same missing-value rule as
:func:`areaindex.index.engine.combine_index` (weights re-normalised over the
dimensions present; ``min_share``).

The index, its decimals and the tie rule are :mod:`areaindex.index.index_rules`'s,
the same as the ``score`` command and the dashboard use: rank 1 is the
highest index score, i.e. the highest priority; equal scores share the
lowest rank. Everything is vectorised over the weight draws
(array arithmetic and one ``argsort`` per block of draws) and seeded with a
NumPy ``Generator``, so results are reproducible.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from areaindex.index.index_rules import check_weights, combine_many, in_top_k, rank_matrix
from areaindex.rounding import round_half_up

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SPREAD",
    "MODES",
    "RankUncertainty",
    "TopKStatement",
    "draw_weights",
    "leave_one_out",
    "never_in_top_k",
    "rank_matrix",
    "rank_uncertainty",
    "simulate_ranks",
    "top_k_shares",
    "top_k_statement",
    "top_k_statements",
    "weight_sensitivity",
]

MODES = ("perturb", "random")
DEFAULT_DRAWS = 10_000
DEFAULT_SPREAD = 0.25

# Score matrices are built in blocks of at most this many cells (a block is
# whole-array arithmetic, not a loop over draws): it bounds memory for large
# tables, and a block of about 1 MB stays in the processor's cache while the
# dimensions are added into it, which makes the arithmetic about twice as fast
# as one block for all draws.
_BLOCK_CELLS = 100_000

Seed = int | np.random.Generator | None


@dataclass(frozen=True)
class RankUncertainty:
    """Result of :func:`rank_uncertainty`.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per unit (index = units), columns ``current_rank`` (rank with
        the current weights), ``median_rank``, ``p05_rank``, ``p95_rank``
        (observed ranks at those quantiles of the draws), ``top_k_share``
        (share of draws with rank <= k) and ``ranked_share`` (share of draws in
        which the unit had a score at all). Ranks are ``Int64``, ``<NA>`` when
        missing.
    k : int
        The "top k" used.
    n_draws : int
        Number of weight draws.
    mode : str
        ``"perturb"`` or ``"random"``.
    spread : float
        Relative spread ``s`` for ``"perturb"``.
    ranks : numpy.ndarray
        Units x draws matrix of ranks (float32, NaN = no score in that draw).
    """

    summary: pd.DataFrame
    k: int
    n_draws: int
    mode: str
    spread: float
    ranks: np.ndarray = field(repr=False, compare=False)


@dataclass(frozen=True)
class TopKStatement:
    """Numbers for "Område X är bland de k mest prioriterade i p % av viktningarna".

    Attributes
    ----------
    unit : str
        The unit (area) id.
    k : int
        Size of the top group.
    share : float
        Share of the weightings, in [0, 1], in which the unit is in the top k.
    """

    unit: str
    k: int
    share: float


def _generator(seed: Seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _weights_vector(dim_scores: pd.DataFrame, weights: Mapping[str, float]) -> np.ndarray:
    return check_weights(weights, [str(c) for c in dim_scores.columns])


def draw_weights(
    weights: np.ndarray,
    n_draws: int = DEFAULT_DRAWS,
    mode: str = "perturb",
    spread: float = DEFAULT_SPREAD,
    seed: Seed = 0,
) -> np.ndarray:
    """Draw weight vectors around (or instead of) the current weights.

    Parameters
    ----------
    weights : numpy.ndarray, shape (dimensions,)
        Current non-negative weights.
    n_draws : int, default 10000
        Number of draws.
    mode : {"perturb", "random"}, default "perturb"
        ``"perturb"``: each weight is multiplied by an independent factor
        uniform on ``[1 - spread, 1 + spread]`` (a zero weight stays zero).
        ``"random"``: weights uniform on the simplex (Dirichlet(1, ..., 1)) over
        the dimensions "in play", i.e. those with a current weight > 0; a
        dimension switched off stays off. Each random draw sums to 1.
    spread : float, default 0.25
        Relative spread ``s`` for ``"perturb"``, in [0, 1].
    seed : int, numpy.random.Generator or None, default 0
        Seed or generator; the same seed gives the same draws.

    Returns
    -------
    numpy.ndarray, shape (n_draws, dimensions)
        The weight draws.
    """
    w = np.asarray(weights, dtype=float)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    if not 0.0 <= spread <= 1.0:
        raise ValueError("spread must be in [0, 1]")
    if n_draws < 1:
        raise ValueError("n_draws must be positive")
    rng = _generator(seed)
    if mode == "perturb":
        factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(n_draws, w.size))
        return w[None, :] * factors
    in_play = w > 0
    draws = np.zeros((n_draws, w.size))
    draws[:, in_play] = rng.dirichlet(np.ones(int(in_play.sum())), size=n_draws)
    return draws


def simulate_ranks(
    values: np.ndarray,
    weight_draws: np.ndarray,
    how: str = "mean",
    min_share: float = 1.0,
    dtype: type = np.float32,
    decimals: int | None = None,
) -> np.ndarray:
    """Ranks of every unit under every weight draw.

    Parameters
    ----------
    values : numpy.ndarray, shape (units, dimensions)
        Dimension scores, NaN for missing.
    weight_draws : numpy.ndarray, shape (draws, dimensions)
        Weight vectors.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        Aggregation across dimensions.
    min_share : float, default 1.0
        Minimum share of weight present, as in :func:`areaindex.index.engine.combine_index`.
    dtype : numpy dtype, default numpy.float32
        Dtype of the returned ranks (float32 halves the memory).
    decimals : int, optional
        The method's ``aggregation.decimals``: the index is rounded before ranking.

    Returns
    -------
    numpy.ndarray, shape (units, draws)
        Ranks (1 = highest score), NaN where the unit has no score.
    """
    x = np.asarray(values, dtype=float)
    draws = np.atleast_2d(np.asarray(weight_draws, dtype=float))
    n_units = x.shape[0]
    block = max(1, _BLOCK_CELLS // max(n_units, 1))
    out = np.empty((n_units, draws.shape[0]), dtype=dtype)
    for start in range(0, draws.shape[0], block):
        stop = start + block
        scores = combine_many(x, draws[start:stop], how, min_share, decimals)
        out[:, start:stop] = rank_matrix(scores)
    return out


def _quantile_ranks(ranks: np.ndarray, q: list[float]) -> np.ndarray:
    if not np.isnan(ranks).any():
        return np.percentile(ranks, q, axis=1, method="inverted_cdf")
    with warnings.catch_warnings():
        # Units with no score in any draw give an all-NaN row, reported as NA.
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanpercentile(ranks, q, axis=1, method="inverted_cdf")


def _as_int64(values: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.array(np.where(np.isnan(values), np.nan, np.round(values)), dtype="Int64")


def rank_uncertainty(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    k: int = 3,
    n_draws: int = DEFAULT_DRAWS,
    mode: str = "perturb",
    spread: float = DEFAULT_SPREAD,
    seed: Seed = 0,
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> RankUncertainty:
    """Monte-Carlo analysis of how the ranks move when the weights change.

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions (index = unit ids), NaN for missing.
    weights : mapping of str to float
        Current weight of every dimension.
    k : int, default 3
        Size of the top group for ``top_k_share``.
    n_draws : int, default 10000
        Number of weight draws.
    mode : {"perturb", "random"}, default "perturb"
        See :func:`draw_weights`.
    spread : float, default 0.25
        Relative spread for ``"perturb"``.
    seed : int, numpy.random.Generator or None, default 0
        Seed for reproducible draws.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        Aggregation across dimensions (the method's ``aggregation.across``).
    min_share : float, default 1.0
        The method's ``aggregation.min_share``.
    decimals : int, optional
        The method's ``aggregation.decimals``.

    Returns
    -------
    RankUncertainty
        Per-unit summary and the full rank matrix.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    w = _weights_vector(dim_scores, weights)
    x = dim_scores.to_numpy(dtype=float)
    draws = draw_weights(w, n_draws, mode, spread, seed)
    ranks = simulate_ranks(x, draws, how, min_share, decimals=decimals)
    current = rank_matrix(combine_many(x, w[None, :], how, min_share, decimals))[:, 0]
    q05, q50, q95 = _quantile_ranks(ranks, [5.0, 50.0, 95.0])
    summary = pd.DataFrame(
        {
            "current_rank": _as_int64(current),
            "median_rank": _as_int64(q50),
            "p05_rank": _as_int64(q05),
            "p95_rank": _as_int64(q95),
            "top_k_share": (ranks <= k).sum(axis=1) / n_draws,
            "ranked_share": (~np.isnan(ranks)).sum(axis=1) / n_draws,
        },
        index=dim_scores.index,
    )
    return RankUncertainty(summary, k, n_draws, mode, spread, ranks)


def _fractional_max(v: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Per row, the largest ``sum(w * v) / sum(w)`` with each ``w`` in ``[low, high]``.

    A ratio of this kind is largest with the high weight on the largest values
    and the low weight on the rest, for some cut: every cut is tried.
    """
    order = np.argsort(-v, axis=1, kind="stable")
    vs = np.take_along_axis(v, order, axis=1)
    lo, hi = low[order], high[order]
    # Cut t: the first t values (largest) at their high weight, the rest at their low one.
    high_num = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(hi * vs, axis=1)], axis=1)
    high_den = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(hi, axis=1)], axis=1)
    low_num = np.cumsum((lo * vs)[:, ::-1], axis=1)[:, ::-1]
    low_den = np.cumsum(lo[:, ::-1], axis=1)[:, ::-1]
    low_num = np.concatenate([low_num, np.zeros((v.shape[0], 1))], axis=1)
    low_den = np.concatenate([low_den, np.zeros((v.shape[0], 1))], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (high_num + low_num) / (high_den + low_den)
    return np.nanmax(np.where(high_den + low_den > 0, ratio, np.nan), axis=1)


def never_in_top_k(
    values: np.ndarray,
    weights: np.ndarray,
    k: int,
    how: str = "mean",
    spread: float = DEFAULT_SPREAD,
    decimals: int | None = None,
) -> np.ndarray:
    """Units that at least ``k`` others beat under every ``"perturb"`` draw of the weights.

    Each weight ranges over ``[w (1 - spread), w (1 + spread)]``; a unit's index
    then lies between bounds computed exactly for the box (the index is a ratio
    of sums linear in the weights, or the logarithm of one for a geometric
    mean). A unit whose highest possible index is below the ``k``-th highest
    *lowest* possible index of the others is in the top ``k`` of no draw, and
    leaving it out changes no other unit's place in the top ``k``. Only units
    with every weighted score present are judged (the others are kept); a small
    margin keeps rounding in the bounds from excluding a unit that could tie.

    Returns
    -------
    numpy.ndarray of bool, shape (units,)
    """
    n = values.shape[0]
    never = np.zeros(n, dtype=bool)
    if n <= k or not 0.0 <= spread < 1.0 or how not in ("mean", "sum", "geometric_mean"):
        return never
    used = weights > 0
    v = values[:, used]
    judged = np.isfinite(v).all(axis=1)
    if how == "geometric_mean":
        judged &= (np.where(np.isfinite(v), v, 1.0) > 0).all(axis=1)
        v = np.log(np.where(v > 0, v, 1.0))
    v = np.where(np.isfinite(v), v, 0.0)
    low, high = weights[used] * (1 - spread), weights[used] * (1 + spread)
    if how == "sum":
        lower = np.minimum(v * low, v * high).sum(axis=1)
        upper = np.maximum(v * low, v * high).sum(axis=1)
    else:
        upper = _fractional_max(v, low, high)
        lower = -_fractional_max(-v, low, high)
        if how == "geometric_mean":
            lower, upper = np.exp(lower), np.exp(upper)
    if decimals is not None:
        lower, upper = round_half_up(lower, decimals), round_half_up(upper, decimals)
    lower = np.where(judged, lower, -np.inf)
    kth = np.sort(lower)[-k]
    if not np.isfinite(kth):
        return never
    margin = 1e-9 * (1.0 + float(np.max(np.abs(np.concatenate([lower[judged], upper[judged]])))))
    return judged & (upper + margin < kth)


def top_k_shares(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    k: int = 3,
    n_draws: int = DEFAULT_DRAWS,
    mode: str = "perturb",
    spread: float = DEFAULT_SPREAD,
    seed: Seed = 0,
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> pd.DataFrame:
    """The share of weight draws that put each unit in the top ``k``, and its rank now.

    The same draws and the same figures as :func:`rank_uncertainty`'s
    ``top_k_share`` and ``current_rank`` for the same arguments, without ranking
    every draw in full (:func:`areaindex.index.index_rules.in_top_k`): what the
    map page's robustness box shows after every slider move.

    Parameters
    ----------
    dim_scores, weights, k, n_draws, mode, spread, seed, how, min_share, decimals
        As for :func:`rank_uncertainty`.

    Returns
    -------
    pandas.DataFrame
        Index = unit ids; columns ``current_rank`` (Int64) and ``top_k_share``.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    w = _weights_vector(dim_scores, weights)
    x = dim_scores.to_numpy(dtype=float)
    draws = draw_weights(w, n_draws, mode, spread, seed)
    # Units that k others beat under every weighting in the box are never in the
    # top k and never decide who is: only the others are combined and compared.
    contenders = ~never_in_top_k(x, w, k, how, spread, decimals) if mode == "perturb" else None
    kept = x if contenders is None else x[contenders]
    block = max(1, _BLOCK_CELLS // max(kept.shape[0], 1))
    counts = np.zeros(kept.shape[0], dtype=np.int64)
    for start in range(0, n_draws, block):
        scores = combine_many(kept, draws[start : start + block], how, min_share, decimals)
        counts += in_top_k(scores, k).sum(axis=1)
    if contenders is not None:
        every = np.zeros(x.shape[0], dtype=np.int64)
        every[contenders] = counts
        counts = every
    current = rank_matrix(combine_many(x, w[None, :], how, min_share, decimals))[:, 0]
    return pd.DataFrame(
        {"current_rank": _as_int64(current), "top_k_share": counts / n_draws},
        index=dim_scores.index,
    )


def top_k_statement(result: RankUncertainty, unit: object) -> TopKStatement:
    """The numbers behind "Område X är bland de k mest prioriterade i p % av viktningarna".

    Parameters
    ----------
    result : RankUncertainty
        Output of :func:`rank_uncertainty`.
    unit : object
        A unit id (an index value of the summary).

    Returns
    -------
    TopKStatement
        Unit, k and the share of draws (0-1) in which the unit is in the top k.
    """
    share = float(result.summary.loc[unit, "top_k_share"])
    return TopKStatement(unit=str(unit), k=result.k, share=share)


def top_k_statements(result: RankUncertainty, min_share: float = 0.0) -> list[TopKStatement]:
    """Statements for every unit whose top-k share is at least ``min_share``, most certain first.

    Parameters
    ----------
    result : RankUncertainty
        Output of :func:`rank_uncertainty`.
    min_share : float, default 0.0
        Leave out units below this share (e.g. 0.5).

    Returns
    -------
    list of TopKStatement
        Sorted by share, highest first; ties keep the summary's order.
    """
    shares = result.summary["top_k_share"]
    ordered = shares[shares >= min_share].sort_values(ascending=False, kind="stable")
    return [TopKStatement(str(unit), result.k, float(share)) for unit, share in ordered.items()]


def weight_sensitivity(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    spread: float = DEFAULT_SPREAD,
    n: int = 1024,
    seed: Seed = 0,
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> pd.DataFrame:
    """Which weight matters: Sobol indices of each weight on the mean absolute rank shift.

    Each positive weight varies independently and uniformly in
    ``[w (1 - spread), w (1 + spread)]`` (the ``"perturb"`` box). The output
    studied is the mean over units of ``|rank under the drawn weights - current
    rank|``. Indices are computed with :func:`scipy.stats.sobol_indices`
    (Saltelli 2010 estimators, ``n (d + 2)`` evaluations for ``d`` varied
    weights).

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions, NaN for missing.
    weights : mapping of str to float
        Current weight of every dimension.
    spread : float, default 0.25
        Relative spread of the box.
    n : int, default 1024
        Base sample size, a power of 2.
    seed : int, numpy.random.Generator or None, default 0
        Seed for reproducibility.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        Aggregation across dimensions.
    min_share : float, default 1.0
        Minimum share of weight present.
    decimals : int, optional
        The method's ``aggregation.decimals``.

    Returns
    -------
    pandas.DataFrame
        Index: dimension ids; columns ``first_order`` and ``total_effect``.
        A dimension whose weight is zero (it cannot vary), and every dimension
        when the ranking never changes (including ``spread = 0``), get 0.
        Estimates are Monte-Carlo and can fall slightly outside [0, 1].
    """
    dims = [str(c) for c in dim_scores.columns]
    w = _weights_vector(dim_scores, weights)
    result = pd.DataFrame(
        {"first_order": np.zeros(len(dims)), "total_effect": np.zeros(len(dims))},
        index=pd.Index(dims, name="dimension"),
    )
    varied = np.flatnonzero(w > 0)
    if spread == 0 or varied.size == 0:
        return result
    if not 0.0 < spread <= 1.0:
        raise ValueError("spread must be in [0, 1]")
    x = dim_scores.to_numpy(dtype=float)
    current = rank_matrix(combine_many(x, w[None, :], how, min_share, decimals))

    outputs: list[np.ndarray] = []

    def mean_rank_shift(sample: np.ndarray) -> np.ndarray:
        draws = np.tile(w, (sample.shape[1], 1))
        draws[:, varied] = sample.T
        ranks = simulate_ranks(x, draws, how, min_share, dtype=np.float64, decimals=decimals)
        shift = np.abs(ranks - current)
        counted = ~np.isnan(shift)
        total = np.where(counted, shift, 0.0).sum(axis=0)
        # Draws where no unit has a rank cannot move anyone: shift 0.
        value = np.divide(
            total, counted.sum(axis=0), out=np.zeros_like(total), where=counted.any(axis=0)
        )
        outputs.append(value)
        return value[None, :]

    from scipy import stats  # here: importing SciPy costs half a second at start-up

    dists = [stats.uniform(loc=w[j] * (1 - spread), scale=2 * w[j] * spread) for j in varied]
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        res = stats.sobol_indices(func=mean_rank_shift, n=n, dists=dists, rng=_generator(seed))
    if np.ptp(np.concatenate(outputs)) == 0:
        return result
    # scipy squeezes the output axis for a scalar output: (d,) rather than (1, d).
    result.iloc[varied, 0] = np.nan_to_num(np.ravel(res.first_order))
    result.iloc[varied, 1] = np.nan_to_num(np.ravel(res.total_order))
    return result


def leave_one_out(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> pd.DataFrame:
    """Rank changes when each dimension with a positive weight is left out in turn.

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions (index = unit ids), NaN for missing.
    weights : mapping of str to float
        Current weight of every dimension.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        Aggregation across dimensions.
    min_share : float, default 1.0
        Minimum share of weight present.
    decimals : int, optional
        The method's ``aggregation.decimals``.

    Returns
    -------
    pandas.DataFrame
        Tidy table, one row per (left-out dimension, unit), in dimension and
        unit order, with columns ``dimension``, ``unit``, ``current_rank``,
        ``new_rank`` and ``rank_shift = new_rank - current_rank`` (all ranks
        ``Int64``; a positive shift means the unit moves down the list, i.e.
        gets lower priority). If leaving a dimension out leaves no positive
        weight, ``new_rank`` and ``rank_shift`` are ``<NA>``.
    """
    dims = [str(c) for c in dim_scores.columns]
    w = _weights_vector(dim_scores, weights)
    x = dim_scores.to_numpy(dtype=float)
    current = rank_matrix(combine_many(x, w[None, :], how, min_share, decimals))[:, 0]
    frames = []
    for j in np.flatnonzero(w > 0):
        reduced = w.copy()
        reduced[j] = 0.0
        if reduced.sum() > 0:
            new = rank_matrix(combine_many(x, reduced[None, :], how, min_share, decimals))[:, 0]
        else:
            new = np.full(len(x), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "dimension": dims[j],
                    "unit": dim_scores.index.to_numpy(),
                    "current_rank": _as_int64(current),
                    "new_rank": _as_int64(new),
                    "rank_shift": _as_int64(new - current),
                }
            )
        )
    # _weights_vector guarantees at least one positive weight, so frames is not empty.
    return pd.concat(frames, ignore_index=True)

"""Weighted aggregation of several inputs (indicators or dimensions) into one score.

All functions work on a matrix ``values`` of shape (units, inputs), NaN for a
missing input, and are vectorised: there is no Python loop over units, and
:func:`aggregate_many` evaluates many weight vectors at once (used by the
robustness analysis).

Missing inputs
--------------
For each unit, the weights are re-normalised over the inputs it has. If the
weight of the inputs present is less than ``min_share`` of the total weight,
the unit's result is missing (NaN). ``min_share = 1`` means "any missing input
gives a missing score" (the CDC rule); ``min_share = 0`` accepts any unit with
at least one present input of positive weight.

* ``mean``: ``sum(w x) / sum(w)`` over the present inputs.
* ``sum``: the weighted sum over the present inputs, scaled up by
  ``total weight / present weight``. A unit missing some inputs is thus put on
  the scale of a complete sum (it equals the weighted mean times the total
  weight), so it stays comparable with complete units instead of being pushed
  down by what is missing. With nothing missing this is the plain weighted sum
  ``sum(w x)``; the weights are used as given (not re-normalised to 1), which
  is what published indices such as the IMD (weights summing to 0.999) need.
* ``geometric_mean``: ``exp(sum(w ln x) / sum(w))`` over the present inputs;
  every present input with positive weight must be strictly positive.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from areaindex.errors import ScoringError

HOW = ("mean", "sum", "geometric_mean")

# Shares are ratios of float sums; without this slack 0.1 + 0.2 of a total of
# 0.3 could count as "less than all of it".
_SHARE_SLACK = 1e-12


def _check_how(how: str) -> None:
    if how not in HOW:
        raise ValueError(f"unknown aggregation {how!r}; expected one of {HOW}")


def _label(labels: Sequence[str] | None, j: int) -> str:
    return labels[j] if labels is not None else f"indata {j + 1}"


def check_weight_vectors(
    weights: npt.ArrayLike,
    labels: Sequence[str] | None = None,
    context: str = "indexet",
    dimension: str | None = None,
) -> None:
    """The rule for weights: finite, zero or more, and not all zero in any vector.

    Parameters
    ----------
    weights : array_like, shape (draws, inputs)
        One weight vector per row.
    labels : sequence of str, optional
        Names of the inputs, used in the message.
    context : str, default "indexet"
        What is being computed, used in the message.
    dimension : str, optional
        Attached to the error; when omitted the inputs are taken to be
        dimensions and the offending input is attached (for a bad weight).

    Raises
    ------
    ScoringError
        Naming the first bad weight, or saying that all weights are zero.
    """
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        j = int(np.argwhere(bad)[0][1])
        value = w[np.argwhere(bad)[0][0], j]
        label = _label(labels, j)
        raise ScoringError(
            f"Vikten för '{label}' i {context} måste vara ett ändligt tal som är noll eller "
            f"större, men är {value:g} (weights must be finite and non-negative).",
            dimension=dimension if dimension is not None else label,
        )
    if np.any(w.sum(axis=1) <= 0):
        raise ScoringError(
            f"Alla vikter är noll för {context}, så inget värde kan beräknas. "
            "Minst en vikt måste vara större än noll. (All weights are zero.)",
            dimension=dimension,
        )


def _ordered_sum(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w.T`` with the terms added left to right, shape (units, draws).

    A matrix product may add in a different order for different rows, so two
    units with the same inputs could differ in the last bit and be split in the
    ranking. Adding input by input gives every unit (and the browser, which adds
    in the same order) the same arithmetic.
    """
    out = np.zeros((x.shape[0], w.shape[0]))
    term = np.empty_like(out)
    # An input with zero weight in every vector adds only zeros: leaving it out
    # gives the same sums bit for bit (x + 0.0 == x, and the sum starts at +0.0),
    # and halves the work when half the dimensions are switched off.
    used = (w != 0).any(axis=0) | ~np.isfinite(x).all(axis=0)
    for j in np.flatnonzero(used):
        np.multiply(x[:, j, None], w[None, :, j], out=term)
        out += term
    return out


def aggregate_many(
    values: npt.ArrayLike,
    weights: npt.ArrayLike,
    how: str = "mean",
    min_share: float = 1.0,
    labels: Sequence[str] | None = None,
    context: str = "indexet",
    dimension: str | None = None,
) -> np.ndarray:
    """Aggregate every unit under many weight vectors at once.

    Parameters
    ----------
    values : array_like, shape (units, inputs)
        Input values, NaN for missing.
    weights : array_like, shape (draws, inputs)
        One non-negative weight vector per row.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        The aggregation (see the module documentation).
    min_share : float, default 1.0
        Minimum share of the total weight that must be present, in [0, 1].
    labels : sequence of str, optional
        Names of the inputs, used in error messages.
    context : str, default "indexet"
        What is being computed, used in error messages (e.g.
        ``"dimensionen 'ekonomi'"``).
    dimension : str, optional
        The dimension being computed when aggregating its indicators; it is
        attached to a :class:`ScoringError`. When omitted the inputs are taken to
        be dimensions and the offending input is attached instead.

    Returns
    -------
    numpy.ndarray, shape (units, draws)
        The aggregated scores; NaN where too little weight is present.

    Raises
    ------
    ScoringError
        If a weight vector is all zero, or if ``how="geometric_mean"`` meets a
        present input that is zero or negative.
    """
    _check_how(how)
    x = np.asarray(values, dtype=float)
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    if x.ndim != 2 or w.shape[1] != x.shape[1]:
        raise ValueError("values must be (units, inputs) and weights (draws, inputs)")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError("min_share must be in [0, 1]")
    check_weight_vectors(w, labels, context, dimension)
    total = w.sum(axis=1)

    present = ~np.isnan(x)
    filled = np.where(present, x, 0.0)
    complete = present.all(axis=1)[:, None]
    # A complete unit's present weight is the whole weight, added in the same order
    # (a running sum is sequential): only incomplete units need the full product.
    present_weight = np.repeat(np.cumsum(w, axis=1)[None, :, -1], x.shape[0], axis=0)
    incomplete = np.flatnonzero(~complete[:, 0])
    if incomplete.size:
        present_weight[incomplete] = _ordered_sum(present[incomplete].astype(float), w)

    with np.errstate(divide="ignore", invalid="ignore"):
        if how == "geometric_mean":
            weighted_somewhere = (w > 0).any(axis=0)
            bad = present & (filled <= 0) & weighted_somewhere[None, :]
            if bad.any():
                i, j = (int(k) for k in np.argwhere(bad)[0])
                raise ScoringError(
                    f"Geometriskt medelvärde för {context} kräver att alla värden är större än "
                    f"noll, men '{_label(labels, j)}' har värdet {x[i, j]:g} på rad {i + 1}. "
                    "Normalisera till exempel med min-max till intervallet [1, 100]. "
                    "(The geometric mean needs strictly positive inputs.)",
                    dimension=dimension if dimension is not None else _label(labels, j),
                )
            logs = np.log(np.where(present & (filled > 0), filled, 1.0))
            out = np.exp(_ordered_sum(logs, w) / present_weight)
        else:
            weighted = _ordered_sum(filled, w)
            if how == "mean":
                out = weighted / present_weight
            else:
                # A complete unit keeps its exact weighted sum (no rescaling noise).
                out = np.where(complete, weighted, weighted * (total[None, :] / present_weight))

    share = present_weight / total[None, :]
    too_little = (share < min_share - _SHARE_SLACK) | (present_weight <= 0)
    out = np.where(too_little, np.nan, out)
    return out


def aggregate(
    values: npt.ArrayLike,
    weights: npt.ArrayLike,
    how: str = "mean",
    min_share: float = 1.0,
    labels: Sequence[str] | None = None,
    context: str = "indexet",
    dimension: str | None = None,
) -> np.ndarray:
    """Aggregate every unit's inputs with one weight vector.

    Parameters
    ----------
    values : array_like, shape (units, inputs)
        Input values, NaN for missing.
    weights : array_like, shape (inputs,)
        Non-negative weights; only their ratios matter for ``"mean"`` and
        ``"geometric_mean"``, while ``"sum"`` uses them as given.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        The aggregation (see the module documentation).
    min_share : float, default 1.0
        Minimum share of the total weight that must be present, in [0, 1].
    labels : sequence of str, optional
        Names of the inputs, used in error messages.
    context : str, default "indexet"
        What is being computed, used in error messages.
    dimension : str, optional
        The dimension being computed, attached to a :class:`ScoringError`.

    Returns
    -------
    numpy.ndarray, shape (units,)
        One score per unit, NaN where too little weight is present.

    Raises
    ------
    ScoringError
        If all weights are zero, or a geometric mean meets a non-positive input.
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1:
        raise ValueError("weights must be 1-D")
    return aggregate_many(values, w[None, :], how, min_share, labels, context, dimension)[:, 0]


def weighted_mean(
    values: npt.ArrayLike, weights: npt.ArrayLike, min_share: float = 1.0
) -> np.ndarray:
    """Weighted arithmetic mean per unit; see :func:`aggregate`."""
    return aggregate(values, weights, "mean", min_share)


def weighted_sum(
    values: npt.ArrayLike, weights: npt.ArrayLike, min_share: float = 1.0
) -> np.ndarray:
    """Weighted sum per unit, rescaled for missing inputs; see :func:`aggregate`."""
    return aggregate(values, weights, "sum", min_share)


def weighted_geometric_mean(
    values: npt.ArrayLike, weights: npt.ArrayLike, min_share: float = 1.0
) -> np.ndarray:
    """Weighted geometric mean per unit; see :func:`aggregate`."""
    return aggregate(values, weights, "geometric_mean", min_share)

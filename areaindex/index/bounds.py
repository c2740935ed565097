"""Best and worst possible rank of every unit over every weighting of the dimensions.

The Monte-Carlo analysis (:mod:`areaindex.index.robustness`) samples weights near the
current ones. This module answers the meeting's question exactly: *over every
weighting* (each dimension weight >= 0, summing to 1), everything else in the
method fixed, what is the best and the worst rank a unit can get, and which
weighting gives it?

Why it can be exact
-------------------
The dimension scores (:func:`areaindex.index.engine.dimension_scores`) do not depend
on the dimension weights. With complete scores the index of unit ``i`` under
weights ``w`` is

* ``mean``: ``x_i . w / sum(w)``; ``sum``: ``x_i . w``. Both order the units as
  ``x_i . w`` does, since ``sum(w) > 0``: the ranking is a function of ``w`` that
  only depends on the sign of ``(x_j - x_i) . w``, which is *linear* in ``w``;
* ``geometric_mean``: ``exp(ln(x_i) . w / sum(w))``; ``exp`` is increasing, so
  the same holds with ``ln x`` in place of ``x`` (all scores must be > 0: the
  engine refuses a zero score with a positive weight, and so does this module).

Ranks are counted as :func:`areaindex.index.engine.rank_descending` counts them:
``rank_i = 1 + #{j : I_j > I_i}`` (1 = highest index, ties share the lowest
number).

Method
------
For each unit ``i`` and each other unit ``j`` let ``d = x_j - x_i``. Over the
weight region (a polytope) the linear function ``d . w`` takes its extremes at
the vertices, so a pair is *settled* when its minimum is > 0 (``j`` is above
``i`` for every weighting) or its maximum is <= 0 (never above). Only the
remaining, *ambiguous* pairs need a decision. For them a mixed-integer program
(:func:`scipy.optimize.milp`, HiGHS) has the weights and one binary ``z_j`` per
ambiguous pair (``z_j = 1``: ``j`` is above ``i``):

* worst rank: maximise ``sum z`` subject to ``z_j = 1 => d_j . w >= eps``
  (big-M: ``d_j . w - eps S >= -M_j (1 - z_j)``, ``M_j`` from the vertices);
* best rank: minimise ``sum z`` subject to ``z_j = 0 => d_j . w <= -eps``.

Each big-M row is divided by its ``M_j`` (coefficients of order 1: without
this HiGHS can stop at a sub-optimal count when ``eps / M_j`` nears its
tolerances). HiGHS is called directly through ``highspy`` (the HiGHS
project's own interface, the version scipy bundles: scipy's ``milp`` costs
about a millisecond more per program and takes no starting solution), without
presolve (about a fifth faster; with presolve it once proved a count one short
of the truth on the real RegSO table) and without its primal heuristics
(about a third faster: the root's cuts find these optima anyway). Valid kinds
of help keep the programs few and fast (of the 182 a 91-RegSO table asks for,
about 16 full programs and 29 small ones are solved; the rest are proven
without one):

* *conflict cuts*: over a simplex, ``max_w min(a . w, b . w) = min_l max_w
  (l a + (1 - l) b) . w`` (minimax theorem) and the inner maximum is read off
  the vertices, a maximum of lines in ``l``: it is < 0 exactly on the common
  part of one interval per line, solved in closed form. Over the ±P % box the
  inner maximum is convex in ``l`` with kinks where a coefficient changes
  sign, so its minimum is at a kink or an end. Where it is < 0 (checked by
  evaluating it there, so every cut is valid whatever the rounding), rivals
  ``a`` and ``b`` can never both be above (worst) or both below (best) the
  unit, giving ``z_a + z_b <= 1`` (``>= 1``);
* *proven short cut*: a partition of the rivals into groups that pairwise
  conflict (greedy cliques in a few orders, or matched pairs, whichever has
  fewer groups) bounds the rank: each group is worth at most one place above
  the unit, or leaves at most one rival below it. A few thousand weightings
  drawn in the region (on the simplex, three quarters of them on its faces of
  two, three and four weights, where the extreme ranks often lie), and every
  witness found for an earlier unit, give a candidate; when a candidate
  reaches that bound and its pattern holds with a gap of at least ``eps``, it
  is optimal and no mixed-integer program is solved;
* *climb*: otherwise the candidate is improved by hill climbing through the
  arrangement of the rivals' hyperplanes: along each direction that stays in
  the region (weight moved from one dimension to another; over the box, one
  weight up or down) the count is piecewise constant, changing where the line
  crosses a hyperplane, so every stretch between two crossings is counted
  exactly and the best move of all directions is taken while it gains. The
  count it reaches is real (its pattern must hold with a gap of ``eps``);
* *every group one place*: when the candidate is one place short of the
  partition's bound, a count one better would need exactly one rival from
  every group on the unit's far side. That is the program with one equality
  row per group and no objective, which HiGHS settles several times faster
  than the program itself: infeasible, the candidate is optimal; feasible,
  its solution reaches the bound. Only gaps of two or more places, or a
  candidate the climb cannot bring within one, need the full program, which
  then starts from the candidate.

Sampling and climbing never decide a bound by themselves: a bound is what a
partition, an infeasible program or an optimal program proves.

When the weighting found (candidate or program) keeps every ambiguous pair at
least ``eps`` from a tie it is the witness as it stands; otherwise a linear
program, given the optimal pattern (which ``j`` are above ``i``), maximises
the smallest margin ``t`` by which every ambiguous pair is on its side. The
witness is finally checked by recomputing the ranks with the engine's own
aggregation (:func:`areaindex.index.combine.aggregate_many`); a witness that
does not reproduce the bound raises ``RuntimeError`` (a bug, never a silent
wrong answer).

The margin ``eps``
------------------
A witness must reach its rank *without relying on an exact tie*: a tie holds
only on a hyperplane of weightings, and the last bit of a floating-point sum
could break it either way. So a pair counts as "above" only if
``I_j - I_i >= eps`` and as "not above" only if ``I_i - I_j >= eps``, with
``eps = 1e-5 x`` the largest absolute score in play (``1e-3`` index points on
a 0-100 scale; in log units for the geometric mean), and at least one unit of
the method's last decimal when the method rounds the index
(``aggregation.decimals``), so the rounded index keeps the order. Pairs that
are tied for *every* weighting (identical scores in play) are settled as "not
above" and need no margin. The bounds are therefore the best and worst ranks
reached on a set of weightings of positive size; a rank reachable only at an
exact tie of two areas (a single line of weightings) is not reported, and the
witness's actual margin is returned.

Weight regions
--------------
* every weighting (default): ``w >= 0``, ``sum(w) = 1``, all dimensions;
* ``free``: only these dimensions vary; the others keep their current share
  (the free ones share the rest);
* ``around = P``: each varied weight within ``[w (1 - P/100), w (1 + P/100)]``
  of its current value (relative, as the Monte-Carlo "perturb" box; a zero
  weight stays zero; a lower end below 0 is 0), and the weights are then
  renormalised to sum to 1. Since the ranking depends only on the direction of
  ``w``, the region is the cone over that box;
* ``grid = G`` (the app's sliders): whole-number weights ``0..G`` (within the
  box for ``around``; fixed dimensions at their current value and the free
  ones keeping their current sum for ``free``), not all zero. Used to find a
  witness the sliders can show; the region is smaller, so its bounds can be
  less extreme than the continuous ones. The gap is then a fixed
  ``eps x (largest possible weight sum)``, so it stays at least ``eps`` after
  normalising and far above the solver's tolerances.

Time limit
----------
Each mixed-integer program has a time limit (10 s by default). Real tables
(correlated dimensions, 91 RegSO) finish in a fraction of it; a table of
independent random scores can be much harder. When the limit is reached the
rank found is still reported with its checked witness, and ``best_limit`` /
``worst_limit`` give what HiGHS proved (``exact`` is False): the truth lies
between the two, and the app and the command line say so.

When exact bounds are impossible
--------------------------------
If a unit lacks a score in a dimension that can get a weight, the engine
re-weights its other dimensions (and ``min_share`` may drop it), so its index
is a ratio of linear functions of the weights and the method above does not
apply: :class:`BoundsUnavailable` is raised, naming the unit and the dimension,
rather than returning a sampled guess. Units with no score in any dimension in
play are never ranked and get no bounds (``<NA>``); they do not affect others.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from areaindex.errors import AreaIndexError
from areaindex.index.combine import HOW, aggregate_many
from areaindex.index.robustness import rank_matrix

# The margin eps relative to the largest absolute score in play.
RELATIVE_EPS = 1e-5
# Mixed-integer programs get this many seconds each before giving up.
TIME_LIMIT = 10.0
# HiGHS options switching off its primal heuristics (see _solve).
MILP_HEURISTICS_OFF = {
    f"mip_heuristic_run_{name}": False
    for name in ("feasibility_jump", "rens", "rins", "root_reduced_cost", "zi_round", "shifting")
}


class BoundsUnavailable(AreaIndexError):
    """Exact rank bounds cannot be computed for this table and method.

    Attributes
    ----------
    unit : str or None
        The unit at fault.
    dimension : str or None
        The dimension at fault.
    message : str
        Swedish explanation, followed by English in parentheses.
    """

    def __init__(self, message: str, *, unit: str | None = None, dimension: str | None = None):
        self.message = message
        self.unit = unit
        self.dimension = dimension
        super().__init__(message)


@dataclass(frozen=True)
class Region:
    """The weights a bound ranges over (see the module documentation).

    Attributes
    ----------
    lower, upper : numpy.ndarray
        Per-dimension bounds of the weight variables.
    total : float or None
        ``sum(w) = total`` when given (the simplex), else the cone over the box.
    free_total : tuple of (numpy.ndarray, float) or None
        For ``grid`` with ``free``: the free dimensions (mask) keep this sum.
    integer : bool
        Whole-number weights (the sliders).
    continuous_lower, continuous_upper, continuous_total
        The continuous region containing this one (after normalising), used to
        settle pairs by its vertices.
    """

    lower: np.ndarray
    upper: np.ndarray
    total: float | None
    integer: bool = False
    free_mask: np.ndarray | None = None
    free_total: float | None = None
    continuous_lower: np.ndarray = field(default=None, repr=False)
    continuous_upper: np.ndarray = field(default=None, repr=False)
    continuous_total: float | None = None


@dataclass(frozen=True)
class RankBounds:
    """Result of :func:`rank_bounds`.

    Attributes
    ----------
    summary : pandas.DataFrame
        Index: the unit ids. Columns ``best`` and ``worst`` (``Int64``, 1 =
        highest priority, ``<NA>`` for a unit never ranked; reached by the
        witness), ``best_limit`` and ``worst_limit`` (proven: no weighting does
        better than ``best_limit`` or worse than ``worst_limit``; equal to
        ``best``/``worst`` unless a time limit stopped the proof), ``exact``
        (both equal), ``best_margin`` and
        ``worst_margin`` (the witness's smallest gap ``|I_j - I_i|`` over the
        pairs it decides, in index units; ``inf`` when no pair needed deciding).
    best_weights, worst_weights : pandas.DataFrame
        Units x dimensions: the witness weightings (shares summing to 1; whole
        numbers for ``grid``).
    eps : float
        The margin used (index units; log units for the geometric mean).
    how : str
        The aggregation.
    """

    summary: pd.DataFrame
    best_weights: pd.DataFrame
    worst_weights: pd.DataFrame
    eps: float
    how: str


def _region(
    current: np.ndarray,
    free: np.ndarray,
    around: float | None,
    grid: int | None,
) -> Region:
    n = current.size
    share = current / current.sum() if current.sum() > 0 else np.full(n, 1.0 / n)
    fixed = ~free
    if around is None:
        c_lo = np.where(fixed, share, 0.0)
        c_hi = np.where(fixed, share, 1.0)
        c_total = 1.0
    else:
        p = around / 100.0
        c_lo = np.where(free, np.maximum(share * (1 - p), 0.0), share)
        c_hi = np.where(free, share * (1 + p), share)
        c_total = None
    if grid is None:
        return Region(c_lo, c_hi, c_total, False, None, None, c_lo, c_hi, c_total)
    c = np.asarray(current, dtype=float)
    if around is None:
        lo = np.where(fixed, c, 0.0)
        hi = np.where(fixed, c, float(grid))
        free_total = float(c[free].sum()) if fixed.any() else None
        return Region(
            lo, hi, None, True, free if fixed.any() else None, free_total, c_lo, c_hi, c_total
        )
    p = around / 100.0
    lo = np.where(free, np.ceil(np.maximum(c * (1 - p), 0.0) - 1e-9), c)
    hi = np.where(free, np.floor(np.minimum(c * (1 + p), grid) + 1e-9), c)
    return Region(lo, hi, None, True, None, None, c_lo, c_hi, c_total)


def _extremes(d: np.ndarray, region: Region) -> tuple[np.ndarray, np.ndarray]:
    """Min and max of ``d . w`` (rows of ``d``) over the continuous region, from its vertices."""
    lo, hi, total = region.continuous_lower, region.continuous_upper, region.continuous_total
    if total is None:
        # A box: each coordinate at its own end.
        a, b = d * lo, d * hi
        return np.minimum(a, b).sum(axis=1), np.maximum(a, b).sum(axis=1)
    varying = hi > lo
    base = d[:, ~varying] @ lo[~varying]
    rest = total - lo[~varying].sum()
    if not varying.any() or rest <= 0:
        return base, base
    return base + rest * d[:, varying].min(axis=1), base + rest * d[:, varying].max(axis=1)


def _box_extremes(coef: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple:
    a, b = coef * lower, coef * upper
    return np.minimum(a, b).sum(axis=1), np.maximum(a, b).sum(axis=1)


def _conflicts(coef: np.ndarray, region: Region) -> np.ndarray:
    """Pairs (a, b) for which ``coef_a . w >= 0`` and ``coef_b . w >= 0`` never hold together.

    Over a simplex, ``max_w min(a . w, b . w) = min_l max_w (l a + (1 - l) b) . w``
    (minimax theorem), and the inner maximum is read off the vertices: it is
    ``rest x max_k (l g_a[k] + (1 - l) g_b[k])`` with ``g`` the rows on the
    varying dimensions plus the fixed part spread over them. Each term is < 0
    on an interval of ``l`` (solved in closed form), so the pair conflicts when
    those intervals meet. The middle of their common part is then checked
    through :func:`_extremes` (a sufficient condition, so every cut is valid,
    whatever the rounding). Only for the simplex regions.
    """
    m = coef.shape[0]
    if region.integer or m < 2:
        return np.zeros((0, 2), dtype=int)
    if region.total is None:
        return _box_conflicts(coef, region.lower, region.upper)
    lo, hi, total = region.continuous_lower, region.continuous_upper, region.continuous_total
    varying = hi > lo
    base = coef[:, ~varying] @ lo[~varying]
    rest = total - lo[~varying].sum()
    spread = varying.any() and rest > 0
    g = coef[:, varying] + (base / rest)[:, None] if spread else base[:, None]
    # Two rows >= 0 at one vertex are both >= 0 there: only pairs whose non-negative
    # vertices are disjoint can conflict (most pairs are dropped here, cheaply).
    nonneg = (g >= 0).astype(float)
    disjoint = np.triu((nonneg @ nonneg.T) == 0, 1)
    a_idx, b_idx = np.nonzero(disjoint)
    ga, gb = g[a_idx], g[b_idx]
    # l ga + (1 - l) gb < 0 holds for l in [0, 1] on one interval: all of it (both < 0),
    # none (both >= 0), below the root t (gb < 0 <= ga) or above it (ga < 0 <= gb).
    with np.errstate(divide="ignore", invalid="ignore"):
        t = gb / (gb - ga)
    start = np.where((ga < 0) & (gb >= 0), t, 0.0).max(axis=1)
    stop = np.where((gb < 0) & (ga >= 0), t, 1.0).min(axis=1)
    possible = ~((ga >= 0) & (gb >= 0)).any(axis=1) & (start < stop)
    a_idx, b_idx = a_idx[possible], b_idx[possible]
    lam = ((start + stop) / 2)[possible][:, None]
    _, high = _extremes(lam * coef[a_idx] + (1 - lam) * coef[b_idx], region)
    never = high < 0
    return np.column_stack([a_idx[never], b_idx[never]])


def _box_conflicts(coef: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """:func:`_conflicts` over a box (the cone of ``around``; only directions count).

    ``max_w (l a + (1 - l) b) . w`` over the box is a sum of terms each with one
    kink in ``l`` (where its coefficient changes sign), so it is convex in ``l``
    and its minimum is at a kink or an end: those few ``l`` are tried, and a
    value < 0 found at one of them proves the conflict (evaluated directly).
    """
    m = coef.shape[0]
    a_idx, b_idx = np.triu_indices(m, 1)
    ga, gb = coef[a_idx], coef[b_idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = gb / (gb - ga)
    t = np.where(np.isfinite(t) & (t > 0) & (t < 1), t, 0.0)
    lam = np.concatenate([np.zeros((t.shape[0], 1)), np.ones((t.shape[0], 1)), t], axis=1)
    mixed = lam[:, :, None] * ga[:, None, :] + (1 - lam[:, :, None]) * gb[:, None, :]
    high = np.maximum(mixed * lower, mixed * upper).sum(axis=2)
    never = (high < 0).any(axis=1)
    return np.column_stack([a_idx[never], b_idx[never]])


def _row_extremes(coef: np.ndarray, region: Region) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on ``coef . w`` over the region's variables, for the big-M constants."""
    if region.total is not None and not region.integer:
        return _extremes(coef, region)  # the simplex: exact, from its vertices
    return _box_extremes(coef, region.lower, region.upper)


def _constraints(region: Region, n_extra: int):
    """Rows that every weight vector of the region satisfies (beyond its bounds)."""
    from scipy.optimize import LinearConstraint

    n = region.lower.size
    rows = []
    if region.total is not None:
        rows.append(
            LinearConstraint(np.r_[np.ones(n), np.zeros(n_extra)], region.total, region.total)
        )
    elif not region.integer and (region.upper > 0).any():
        # The cone over a box: only directions count, and scaling a point of the box
        # up until one weight meets its upper end keeps it in the box, so no direction
        # is lost by asking sum(w) >= the smallest positive upper end. It keeps w = 0
        # out (a box reaching 0 at +-100 %), which would put every rival "above".
        floor = float(region.upper[region.upper > 0].min())
        rows.append(LinearConstraint(np.r_[np.ones(n), np.zeros(n_extra)], floor, np.inf))
    if region.integer:
        rows.append(LinearConstraint(np.r_[np.ones(n), np.zeros(n_extra)], 1.0, np.inf))
        if region.free_mask is not None:
            row = np.r_[region.free_mask.astype(float), np.zeros(n_extra)]
            rows.append(LinearConstraint(row, region.free_total, region.free_total))
    return rows


def _program(
    d: np.ndarray, region: Region, eps: float, side: str, conflicts: np.ndarray | None
) -> tuple[np.ndarray, list]:
    """The objective and rows of the program for one unit and side (see :func:`_milp`)."""
    from scipy.optimize import LinearConstraint

    m, n = d.shape
    # Whole-number weights: a fixed gap eps x (largest possible weight sum), so the
    # gap is at least eps after normalising and, unlike eps x sum(w), never shrinks
    # below HiGHS's tolerances when few weights are on.
    gap = eps * region.upper.sum() if region.integer else 0.0
    if side == "worst":
        # z_j = 1 => (d_j - eps) . w >= gap; written (d_j - eps) . w - gap + M_j (1 - z_j) >= 0.
        coef = d if region.integer else d - eps
        low, _ = _row_extremes(coef, region)
        big = np.maximum(gap - low, 0.0) + eps
        # Rows divided by their big-M: coefficients of order 1 keep HiGHS exact.
        a = np.hstack([coef / big[:, None], -np.eye(m)])
        rows = [LinearConstraint(a, gap / big - 1.0, np.inf)]
        objective = np.r_[np.zeros(n), -np.ones(m)]
    else:
        # z_j = 0 => (d_j + eps) . w <= -gap; written (d_j + eps) . w + gap - M_j z_j <= 0.
        coef = d if region.integer else d + eps
        _, high = _row_extremes(coef, region)
        big = np.maximum(high + gap, 0.0) + eps
        a = np.hstack([coef / big[:, None], -np.eye(m)])
        rows = [LinearConstraint(a, -np.inf, -gap / big)]
        objective = np.r_[np.zeros(n), np.ones(m)]
    if conflicts is None:
        conflicts = _conflicts(coef if side == "worst" else -coef, region)
    if conflicts.size:
        # Worst: two rivals that cannot both be above: z_a + z_b <= 1. Best: two
        # rivals that cannot both be below: z_a + z_b >= 1.
        cut = np.zeros((len(conflicts), n + m))
        cut[np.arange(len(conflicts)), n + conflicts[:, 0]] = 1.0
        cut[np.arange(len(conflicts)), n + conflicts[:, 1]] = 1.0
        rows.append(
            LinearConstraint(cut, -np.inf, 1.0)
            if side == "worst"
            else LinearConstraint(cut, 1.0, np.inf)
        )
    return objective, rows


@dataclass(frozen=True)
class _Solved:
    """What :func:`_solve` reports: ``status`` 0 optimal, 1 out of time, 2 infeasible, 4 other."""

    status: int
    x: np.ndarray | None
    mip_dual_bound: float
    message: str


def _solve(
    objective: np.ndarray,
    rows: list,
    region: Region,
    m: int,
    time_limit: float,
    start: np.ndarray | None = None,
) -> _Solved:
    """Run HiGHS on a program of :func:`_program` (weights first, then ``m`` binaries).

    HiGHS is called directly (``highspy``, the HiGHS project's own Python
    interface, the same HiGHS version as scipy's) rather than through
    :func:`scipy.optimize.milp`: these programs take a few milliseconds, and
    scipy's checks and conversions cost about one more per program. It also
    takes ``start``, a feasible point (the incumbent), which HiGHS then need
    not find.
    """
    n = region.lower.size
    return _highs(
        objective,
        rows + _constraints(region, m),
        np.r_[region.lower, np.zeros(m)],
        np.r_[region.upper, np.ones(m)],
        np.r_[np.full(n, region.integer), np.ones(m, dtype=bool)],
        time_limit,
        start,
    )


def _highs(
    objective: np.ndarray,
    rows: list,
    lower: np.ndarray,
    upper: np.ndarray,
    integer: np.ndarray,
    time_limit: float = TIME_LIMIT,
    start: np.ndarray | None = None,
) -> _Solved:
    """Minimise ``objective . x`` subject to ``rows`` (``LinearConstraint``) and the bounds.

    ``integer`` marks the whole-number variables (none: a linear program).
    """
    import highspy

    a = np.vstack([np.atleast_2d(r.A) for r in rows])
    sizes = [np.atleast_2d(r.A).shape[0] for r in rows]
    row_lower = np.concatenate(
        [np.broadcast_to(r.lb, (k,)) for r, k in zip(rows, sizes, strict=True)]
    )
    row_upper = np.concatenate(
        [np.broadcast_to(r.ub, (k,)) for r, k in zip(rows, sizes, strict=True)]
    )
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
    lp.col_cost_ = np.asarray(objective, dtype=float)
    lp.col_lower_ = np.where(np.isneginf(lower), -inf, lower)
    lp.col_upper_ = np.where(np.isposinf(upper), inf, upper)
    lp.row_lower_ = np.where(np.isneginf(row_lower), -inf, row_lower)
    lp.row_upper_ = np.where(np.isposinf(row_upper), inf, row_upper)
    # Row-wise sparse matrix straight from the dense one.
    row, col = np.nonzero(a)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = a.shape[1], a.shape[0]
    lp.a_matrix_.start_ = np.r_[0, np.cumsum(np.bincount(row, minlength=a.shape[0]))]
    lp.a_matrix_.index_ = col
    lp.a_matrix_.value_ = a[row, col]
    if integer.any():
        kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
        lp.integrality_ = [kinds[k] for k in integer.tolist()]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # Without presolve these small programs solve about a fifth faster; without
    # HiGHS's primal heuristics about a third faster again (they only look for
    # incumbents, which the root's cuts and branching find here anyway).
    h.setOptionValue("presolve", "off")
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", float(time_limit))
    for key, value in MILP_HEURISTICS_OFF.items():
        h.setOptionValue(key, value)
    h.passModel(lp)
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(np.asarray(start, dtype=float))
        solution.value_valid = True
        h.setSolution(solution)
    with _quiet_stdout():
        h.run()
    model = h.getModelStatus()
    info = h.getInfo()
    status = {
        highspy.HighsModelStatus.kOptimal: 0,
        highspy.HighsModelStatus.kTimeLimit: 1,
        highspy.HighsModelStatus.kInfeasible: 2,
    }.get(model, 4)
    has_point = status == 0 or (
        status == 1 and info.primal_solution_status == highspy.kSolutionStatusFeasible
    )
    x = np.array(h.getSolution().col_value) if has_point else None
    return _Solved(status, x, float(info.mip_dual_bound), h.modelStatusToString(model))


def _milp(
    d: np.ndarray,
    region: Region,
    eps: float,
    side: str,
    conflicts: np.ndarray | None = None,
    time_limit: float = TIME_LIMIT,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Decide the ambiguous pairs ``d`` (rows) for one unit.

    Returns the above mask, the weights and the proven limit on the count
    (equal to the mask's count unless the time limit stopped HiGHS).

    ``conflicts`` are pairs of rivals that cannot both be above (worst) or both
    below (best) the unit (:func:`_conflicts`); each gives a valid cut.
    ``start``: a feasible point (weights, then the binaries) to start from.
    """
    objective, rows = _program(d, region, eps, side, conflicts)
    res = _solve(objective, rows, region, d.shape[0], time_limit, start)
    n = d.shape[1]
    if res.status not in (0, 1) or res.x is None:
        # Status 1 is the time limit; without even a feasible point there is no witness.
        raise RuntimeError(f"the rank-bound program was not solved: {res.message}")
    w = np.clip(res.x[:n], region.lower, region.upper)
    if region.integer:
        w = np.round(w)
    above = res.x[n:] > 0.5
    limit = int(above.sum())
    if res.status == 1:
        # Out of time: the count found is reached; HiGHS's dual bound limits what is not.
        dual = float(res.mip_dual_bound)
        limit = int(np.floor(-dual + 1e-6)) if side == "worst" else int(np.ceil(dual - 1e-6))
    return above, w, limit


def _fill_groups(
    d: np.ndarray,
    region: Region,
    eps: float,
    side: str,
    conflicts: np.ndarray,
    labels: np.ndarray,
    time_limit: float = TIME_LIMIT,
) -> tuple[str, np.ndarray | None, np.ndarray | None]:
    """Can every group of the conflict partition ``labels`` give the unit one place?

    The partition allows at most one rival of each group above the unit
    (worst), or at most one below (best), so a count reaching its bound needs
    exactly one from every group. This is :func:`_milp`'s program with those
    rows as equalities and no objective: far more constrained, so HiGHS
    settles it several times faster than the program itself. Returns
    ``("none", None, None)`` when proven infeasible (the count one short of
    the bound is the best), ``("found", above, w)`` with a solution, and
    ``("unknown", None, None)`` when HiGHS ran out of time.
    """
    from scipy.optimize import LinearConstraint

    m, n = d.shape
    objective, rows = _program(d, region, eps, side, conflicts)
    pick = np.zeros((_groups(labels), n + m))
    pick[labels, n + np.arange(m)] = 1.0
    # Worst: one rival above per group; best: one below, so size - 1 above.
    need = np.ones(len(pick)) if side == "worst" else np.bincount(labels) - 1.0
    rows.append(LinearConstraint(pick, need, need))
    res = _solve(np.zeros_like(objective), rows, region, m, time_limit)
    if res.status == 2:
        return "none", None, None
    if res.status != 0 or res.x is None:
        return "unknown", None, None
    return "found", res.x[n:] > 0.5, np.clip(res.x[:n], region.lower, region.upper)


@contextlib.contextmanager
def _quiet_stdout():
    """Silence HiGHS's C-level debug lines (printed to stdout whatever its options say).

    Some HiGHS builds print ``HighsMipSolverData::transformNewIntegerFeasibleSolution``
    straight to file descriptor 1; it means nothing to a user and would break
    ``-o -`` CSV output, so descriptor 1 points at the null device meanwhile.
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):
        yield
        return
    try:
        os.dup2(null, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def _max_margin(
    d: np.ndarray, above: np.ndarray, region: Region
) -> tuple[np.ndarray, float] | None:
    """Weights putting every ambiguous pair on its side of the pattern with the widest gap.

    Returns the weights and the gap, or None when no positive gap exists.
    """
    from scipy.optimize import LinearConstraint

    m, n = d.shape
    if m == 0:
        return None
    sign = np.where(above, 1.0, -1.0)
    # sign_j d_j . w - t >= 0 for every j; maximise t.
    rows = [LinearConstraint(np.hstack([sign[:, None] * d, -np.ones((m, 1))]), 0.0, np.inf)]
    if region.continuous_total is not None:
        total = region.continuous_total
        rows.append(LinearConstraint(np.r_[np.ones(n), 0.0][None, :], total, total))
    scale = float(np.abs(d).max()) or 1.0
    res = _highs(
        np.r_[np.zeros(n), -1.0],
        rows,
        np.r_[region.continuous_lower, -np.inf],
        np.r_[region.continuous_upper, scale],
        np.zeros(n + 1, dtype=bool),
    )
    if res.status != 0 or res.x[-1] <= 0:
        return None
    return res.x[:n], float(res.x[-1])


SAMPLES = 4000


FACE_SIZES = (2, 3, 4)


def _faces(k: int, rng: np.random.Generator, n: int) -> list[np.ndarray]:
    """About ``n`` weightings on the simplex's low faces: two, three or four weights on.

    The best and worst ranks are often reached only near such faces (a few
    dimensions carry all the weight), where dense draws find them. Each face
    size gets an equal share; edges get an even grid, larger faces draws.
    """
    out = []
    sizes = [size for size in FACE_SIZES if size < k]
    for size in sizes:
        faces = np.array(list(itertools.combinations(range(k), size)))
        per_face = max(4, (n // len(sizes)) // len(faces))
        if size == 2:
            t = (np.arange(per_face) + 0.5) / per_face
            share = np.column_stack([np.tile(t, len(faces)), np.tile(1 - t, len(faces))])
        else:
            share = rng.dirichlet(np.ones(size), len(faces) * per_face)
        w = np.zeros((len(faces) * per_face, k))
        rows = np.repeat(np.arange(w.shape[0]), size)
        w[rows, np.repeat(faces, per_face, axis=0).ravel()] = share.ravel()
        out.append(w)
    return out


def _sample(lin: np.ndarray, region: Region, ranked: np.ndarray, n: int = SAMPLES, seed: int = 0):
    """Weightings drawn in the region and every unit's rank under each: incumbents.

    Only a short cut: a sampled rank is used when it meets a proven bound (see
    :func:`_decide`), and its witness is then made robust and checked like any
    other. Nothing here is a sampled guess of a bound.
    """
    if region.integer:
        return None, np.full((lin.shape[0], 0), np.nan)
    rng = np.random.default_rng(seed)
    lo, hi, total = region.continuous_lower, region.continuous_upper, region.continuous_total
    varying = hi > lo
    k = int(varying.sum())
    if k == 0:
        return None, np.full((lin.shape[0], 0), np.nan)
    if total is None:
        draws = rng.uniform(lo[varying], hi[varying], size=(n, k))
        corners = np.array(
            np.meshgrid(*[[a, b] for a, b in zip(lo[varying], hi[varying], strict=True)])
        )
        if k <= 10:
            draws = np.vstack([corners.reshape(k, -1).T, draws])
    else:
        rest = total - lo[~varying].sum()
        parts = [np.eye(k), *_faces(k, rng, 3 * n // 4)]
        left = n - sum(len(p) for p in parts)
        parts += [
            rng.dirichlet(np.full(k, 0.3), left // 2),
            rng.dirichlet(np.ones(k), left - left // 2),
        ]
        draws = rest * np.vstack(parts)
    w = np.tile(lo, (draws.shape[0], 1))
    w[:, varying] = draws
    # Added dimension by dimension rather than as one matrix product: a product this
    # size starts the BLAS library's threads, which then spin on the shared cores.
    x = lin[ranked]
    scores = np.zeros((x.shape[0], w.shape[0]))
    for k in np.flatnonzero(w.any(axis=0)).tolist():
        scores += x[:, k, None] * w[None, :, k]
    ranks = np.full((lin.shape[0], w.shape[0]), np.nan)
    ranks[ranked] = rank_matrix(scores)
    return w, ranks


# Shuffled orders tried for the clique partition before a mixed-integer program is solved.
COVER_TRIES = 4


def _clique_cover(pairs: np.ndarray, m: int, target: int | None = None) -> np.ndarray:
    """A greedy partition of the ``m`` rivals into conflict cliques: each rival's group.

    In a clique every two rivals conflict, so (worst) at most one of them can be
    above the unit, or (best) at most one can be below it: the partition bounds
    the rank. Greedy: each rival in turn joins the first group whose every
    member it conflicts with (rivals without a conflict are groups of their
    own). The order matters: fewest conflicts first reaches the best count on
    the real tables far more often than most conflicts first; while the count
    is above ``target`` the reverse order and :data:`COVER_TRIES` shuffled ones
    (seeded) are tried too, and the partition with fewest groups is returned.
    Not always the tightest, but every bound it gives is proven.
    """
    if not pairs.size:
        return np.arange(m)
    adjacent = np.zeros((m, m), dtype=bool)
    adjacent[pairs[:, 0], pairs[:, 1]] = True
    adjacent[pairs[:, 1], pairs[:, 0]] = True
    degree = adjacent.sum(axis=1)
    linked = np.argsort(degree, kind="stable")[m - int((degree > 0).sum()) :]
    # Each rival's conflicts as a bit mask (see _greedy_cliques).
    packed = np.packbits(adjacent, axis=1, bitorder="little")
    neighbours = [int.from_bytes(row.tobytes(), "little") for row in packed]
    best = _greedy_cliques(neighbours, linked)
    if target is None:
        return best
    rng = np.random.default_rng(0)
    for k in range(COVER_TRIES + 1):
        if _groups(best) <= target:
            break
        order = linked[::-1] if k == 0 else rng.permutation(linked)
        tried = _greedy_cliques(neighbours, order)
        if _groups(tried) < _groups(best):
            best = tried
    return best


def _groups(labels: np.ndarray) -> int:
    """Number of groups in a partition given as each member's group (0, 1, ...)."""
    return int(labels.max()) + 1 if labels.size else 0


def _greedy_cliques(neighbours: list[int], order: np.ndarray) -> np.ndarray:
    """One greedy pass: each rival in ``order`` joins the first group it conflicts with wholly.

    ``neighbours[v]`` is the set of rivals ``v`` conflicts with as a bit mask (bit
    ``u`` for rival ``u``), and so is each group's membership: ``v`` fits a group
    when no member lies outside its neighbours. Python integers as bit sets make
    this a few operations per group rather than array work per rival.
    """
    m = len(neighbours)
    label = [-1] * m
    groups: list[int] = []
    for v in order.tolist():
        outside = ~neighbours[v]
        for g, members in enumerate(groups):
            if not members & outside:
                groups[g] = members | (1 << v)
                label[v] = g
                break
        else:
            label[v] = len(groups)
            groups.append(1 << v)
    # Rivals without a conflict: groups of their own.
    out = np.array(label)
    alone = out < 0
    out[alone] = len(groups) + np.arange(int(alone.sum()))
    return out


def _matching(pairs: np.ndarray, m: int) -> np.ndarray:
    """A greedy matching of conflicting pairs as a partition: each pair a group, the rest alone."""
    label = [-1] * m
    count = 0
    for a, b in pairs.tolist():
        if label[a] < 0 and label[b] < 0:
            label[a] = label[b] = count
            count += 1
    out = np.array(label, dtype=int)
    alone = out < 0
    out[alone] = count + np.arange(int(alone.sum()))
    return out


def _decide(
    d: np.ndarray,
    region: Region,
    eps: float,
    side: str,
    candidate: np.ndarray | None,
    base: int,
    time_limit: float = TIME_LIMIT,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Which ambiguous rivals are above the unit at its best (worst) rank, and a weighting.

    A proven bound first: each pair of rivals that cannot both be above (worst)
    or both below (best) the unit is worth at most (at least) one place, so a
    partition into conflicting groups bounds the rank. When the candidate (a
    sampled weighting or an earlier witness), or what the climb reaches from
    it, meets that bound with every pair at least ``eps`` from a tie, the bound
    is exact; one place short, the every-group program settles it; otherwise
    the full program is solved (see the module documentation).
    """
    m = d.shape[0]
    conflicts = _conflicts(d - eps if side == "worst" else -(d + eps), region)
    incumbent = None
    if candidate is not None:
        worst = side == "worst"
        above = d @ candidate > 0
        # Groups a partition must have for the candidate's count to be proven best.
        target = int(above.sum()) if worst else m - int(above.sum())
        # The tighter of two proven partitions: matched pairs, or cliques.
        labels = _matching(conflicts, m)
        if _groups(labels) > target:
            cliques = _clique_cover(conflicts, m, target)
            if _groups(cliques) < _groups(labels):
                labels = cliques
        parts = _groups(labels)
        # The most (worst) or fewest (best) rivals above the unit the partition allows.
        bound = parts if worst else m - parts
        count = int(above.sum())
        if count == bound:
            found = _holding(d, above, candidate, region, eps)
            if found is not None:
                return above, found, count
        incumbent = candidate if _margin(d, above, candidate) >= eps else None
        # A better candidate: climb from this one through the arrangement of the
        # rivals' hyperplanes (exact line searches); any count it reaches is real.
        climbed = _climb(d - eps if worst else -(d + eps), candidate, region)
        hit = (d - eps) @ climbed >= 0 if worst else -(d + eps) @ climbed >= 0
        pattern = hit if worst else ~hit
        gain = int(pattern.sum()) - count
        if (gain > 0 if worst else gain < 0) or (gain == 0 and incumbent is None):
            found = _holding(d, pattern, climbed, region, eps)
            if found is not None:
                above, incumbent, count = pattern, found, int(pattern.sum())
        if incumbent is not None:
            if count == bound:
                return above, incumbent, count
            if abs(bound - count) == 1:
                # One place short of the bound: a count one better needs one rival from
                # every group. When no weighting gives that, the incumbent is the best
                # there is; when one does, it reaches the bound.
                outcome, filled, w = _fill_groups(
                    d, region, eps, side, conflicts, labels, time_limit
                )
                if outcome == "none":
                    return above, incumbent, count
                if outcome == "found" and int(filled.sum()) == bound:
                    found = _holding(d, filled, w, region, eps)
                    if found is not None:
                        return filled, found, bound
    # The incumbent (weights and its pattern) as HiGHS's starting solution.
    start = None if incumbent is None else np.r_[incumbent, above.astype(float)]
    above, w, limit = _milp(d, region, eps, side, conflicts, time_limit, start)
    if region.integer:
        return above, w, limit
    # The program only constrains one side of each pair (worst: the rivals it counts
    # as above), so the weighting found may place more rivals above (below) than it
    # counts; out of time that pattern can be much better. Take the better of the
    # two patterns that holds with a gap of at least eps.
    actual = d @ w > 0
    better = actual.sum() > above.sum() if side == "worst" else actual.sum() < above.sum()
    for pattern in (actual, above) if better else (above,):
        count = int(pattern.sum())
        if _margin(d, pattern, w) >= eps:
            found = w
        else:
            polished = _max_margin(d, pattern, region)
            if polished is None or polished[1] < eps:
                continue
            found = polished[0]
        limit = max(limit, count) if side == "worst" else min(limit, count)
        return pattern, found, limit
    return above, w, limit


def _margin(d: np.ndarray, pattern: np.ndarray, w: np.ndarray) -> float:
    """Smallest gap by which the weighting ``w`` (normalised) keeps every pair on its side.

    Negative when some pair is on the wrong side of ``pattern`` (or tied).
    """
    total = float(w.sum())
    if d.shape[0] == 0:
        return np.inf
    if total <= 0:
        return -np.inf
    signed = np.where(pattern, 1.0, -1.0) * (d @ w) / total
    return float(signed.min())


def _holding(
    d: np.ndarray, pattern: np.ndarray, w: np.ndarray, region: Region, eps: float
) -> np.ndarray | None:
    """A weighting that keeps every pair at least ``eps`` on its side of ``pattern``.

    ``w`` itself when it does, else the widest-margin weighting for the pattern
    (a linear program); None when not even that reaches ``eps``.
    """
    if _margin(d, pattern, w) >= eps:
        return w
    polished = _max_margin(d, pattern, region)
    if polished is None or polished[1] < eps:
        return None
    return polished[0]


# Rounds of line searches in :func:`_climb`.
CLIMB_ROUNDS = 30


def _climb(g: np.ndarray, w: np.ndarray, region: Region, rounds: int = CLIMB_ROUNDS) -> np.ndarray:
    """A weighting of the region with more rows of ``g`` at ``g . w >= 0`` than ``w`` has.

    Hill climbing through the arrangement of the hyperplanes ``g_j . w = 0``:
    along each direction that stays in the region (on the simplex, weight
    moved from one dimension to another; over the box, one weight up or down)
    the count is piecewise constant, changing only where the line crosses a
    hyperplane, so it is evaluated exactly in the middle of every stretch
    between two crossings, and the best move of all directions is made while
    it adds rows. Only a search for a candidate: its count is recounted by the
    caller, and it proves nothing.
    """
    lo, hi = region.continuous_lower, region.continuous_upper
    n = w.size
    varying = np.flatnonzero(hi > lo)
    if varying.size == 0 or g.shape[0] == 0:
        return w
    if region.continuous_total is not None:
        to, off = np.meshgrid(varying, varying, indexing="ij")
        to, off = to[to != off], off[to != off]
        moves = np.zeros((to.size, n))
        moves[np.arange(to.size), to] = 1.0
        moves[np.arange(to.size), off] = -1.0
    else:
        moves = np.vstack([np.eye(n)[varying], -np.eye(n)[varying]])
    if len(moves) == 0:
        return w
    slope = moves @ g.T  # per direction, the rate of change of every row
    w = w.astype(float)
    count = int((g @ w >= 0).sum())
    rising = np.sign(slope)
    for _ in range(rounds):
        level = g @ w
        with np.errstate(divide="ignore", invalid="ignore"):
            # How far each direction may go before a weight leaves its range.
            reach = np.where(
                moves > 0, (hi - w) / moves, np.where(moves < 0, (lo - w) / moves, np.inf)
            ).min(axis=1)
            cross = -level[None, :] / slope
        inside = (cross > 0) & (cross < reach[:, None])
        cross = np.where(inside, cross, np.inf)
        # Rows >= 0 just after leaving w, then +1 or -1 at each crossing in turn.
        start = ((level > 0) | ((level == 0) & (slope >= 0))).sum(axis=1)
        order = np.argsort(cross, axis=1)
        at = np.take_along_axis(cross, order, axis=1)
        after = start[:, None] + np.cumsum(
            np.take_along_axis(np.where(inside, rising, 0.0), order, axis=1), axis=1
        )
        # The stretch after each crossing runs to the next one (or to the edge).
        until = np.minimum(np.column_stack([at[:, 1:], np.full(len(at), np.inf)]), reach[:, None])
        usable = np.isfinite(at) & (until > at)
        after = np.where(usable, after, -1)
        best = np.unravel_index(int(np.argmax(after)), after.shape)
        if after[best] <= count:
            break
        middle = (at[best] + until[best]) / 2
        step = np.clip(w + middle * moves[best[0]], lo, hi)
        now = int((g @ step >= 0).sum())
        if now <= count:
            break
        w, count = step, now
    return w


def _scores_at(values: np.ndarray, w: np.ndarray, how: str) -> np.ndarray:
    """Every unit's index at one weighting, as the engine computes it."""
    return aggregate_many(values, w[None, :], how=how, min_share=0.0)[:, 0]


def _ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks of every unit (1 = highest), as the engine counts them."""
    return 1 + (scores[None, :] > scores[:, None]).sum(axis=1)


def _gap(scores: np.ndarray, i: int, pairs: np.ndarray, how: str) -> float:
    """Smallest ``|I_j - I_i|`` over ``pairs`` (log units for the geometric mean)."""
    if how == "geometric_mean":
        scores = np.log(scores)
    gaps = np.abs(scores[pairs] - scores[i])
    return float(gaps.min()) if gaps.size else np.inf


def _check_complete(
    values: np.ndarray, units: Sequence, dims: Sequence[str], in_play: np.ndarray, how: str
) -> np.ndarray:
    """Which units are ranked at all; raise BoundsUnavailable when exact bounds are impossible."""
    x = values[:, in_play]
    missing = np.isnan(x)
    never = missing.all(axis=1)
    partial = missing.any(axis=1) & ~never
    if partial.any():
        i = int(np.flatnonzero(partial)[0])
        j = int(np.flatnonzero(missing[i])[0])
        dim = [d for d, p in zip(dims, in_play, strict=True) if p][j]
        raise BoundsUnavailable(
            f"Exakta gränser för rangen går inte att räkna: '{units[i]}' saknar värde för "
            f"dimensionen '{dim}', och då vägs dess övriga dimensioner om, så att indexet inte "
            "längre är linjärt i vikterna. Ingen uppskattning visas i stället. (Exact rank bounds "
            "are impossible when a unit lacks a dimension that can get a weight.)",
            unit=str(units[i]),
            dimension=dim,
        )
    if how == "geometric_mean":
        bad = (x <= 0) & ~missing
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            dim = [d for d, p in zip(dims, in_play, strict=True) if p][j]
            raise BoundsUnavailable(
                f"Geometriskt medelvärde kräver värden större än noll, men '{units[i]}' har "
                f"{x[i, j]:g} i dimensionen '{dim}', så varje viktning som ger den dimensionen "
                "vikt kan inte räknas. (The geometric mean needs scores > 0.)",
                unit=str(units[i]),
                dimension=dim,
            )
    return ~never


def rank_bounds(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    *,
    how: str = "mean",
    free: Sequence[str] | None = None,
    around: float | None = None,
    grid: int | None = None,
    decimals: int | None = None,
    units: Sequence[str] | None = None,
    time_limit: float = TIME_LIMIT,
) -> RankBounds:
    """Best and worst rank of every unit over every weighting in a region, with witnesses.

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions (index = unit ids), as from
        :func:`areaindex.index.engine.dimension_scores`.
    weights : mapping of str to float, optional
        Current weight of each dimension (missing ones count as 0). Needed for
        ``free``, ``around`` and ``grid``; ignored for every weighting.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        The method's ``aggregation.across``.
    free : sequence of str, optional
        Only these dimensions vary; the others keep their current share.
        Default: all.
    around : float, optional
        Keep each weight within ±``around`` % of its current value (relative).
    grid : int, optional
        Whole-number weights ``0..grid`` (the sliders).
    decimals : int, optional
        The method's ``aggregation.decimals``: the margin is at least one unit
        of the last decimal.
    units : sequence of str, optional
        Only compute these units' bounds (all units still count as rivals).
    time_limit : float, default 10
        Seconds per mixed-integer program. When it runs out, the rank found
        (with its witness) is reported and ``best_limit`` / ``worst_limit``
        say how far the proof got; ``exact`` is False for that unit.

    Returns
    -------
    RankBounds

    Raises
    ------
    BoundsUnavailable
        When a unit lacks a score in a dimension that can get weight, or a
        geometric mean meets a score <= 0.
    ValueError
        For an unknown dimension, a negative weight or ``around`` < 0.
    """
    if how not in HOW:
        raise ValueError(f"unknown aggregation {how!r}; expected one of {HOW}")
    dims = [str(c) for c in dim_scores.columns]
    weights = dict(weights or {})
    unknown = [d for d in [*weights, *(free or ())] if d not in dims]
    if unknown:
        raise ValueError(f"unknown dimension {unknown[0]!r}; known: {', '.join(dims)}")
    current = np.array([float(weights.get(d, 0.0)) for d in dims])
    if np.any(~np.isfinite(current) | (current < 0)):
        raise ValueError("weights must be finite and >= 0")
    if around is not None and not (np.isfinite(around) and around >= 0):
        raise ValueError("around must be a percentage >= 0")
    # Only a region tied to the current weights needs them (the grid alone does not).
    restricted = free is not None or around is not None
    if restricted and current.sum() <= 0:
        raise ValueError("the current weights are all zero")
    free_mask = np.ones(len(dims), dtype=bool) if free is None else np.isin(dims, list(free))
    region = _region(current, free_mask, around, grid)
    in_play = region.continuous_upper > 0

    raw = dim_scores.to_numpy(dtype=float)
    ids = list(dim_scores.index)
    ranked = _check_complete(raw, ids, dims, in_play, how)
    # Dimensions out of play carry no weight: set them to 0 so NaN cannot leak in.
    values = np.where(in_play[None, :], raw, 0.0)
    lin = np.log(np.where(values > 0, values, 1.0)) if how == "geometric_mean" else values
    scale = float(np.abs(lin[ranked][:, in_play]).max()) if ranked.any() else 1.0
    eps = RELATIVE_EPS * max(scale, 1e-12)
    if decimals is not None and how != "geometric_mean":
        eps = max(eps, 10.0 ** (-decimals))
    # The engine's values for checking witnesses (NaN out of play would poison the sums).
    check = np.where(in_play[None, :], raw, 0.0)

    samples, sample_ranks = _sample(lin, region, ranked)
    # Each unit's best (worst) rank seen so far and the weighting that gave it:
    # from the samples, then from every witness found, so later units start from
    # good candidates.
    seen = {"best": np.full(len(ids), np.inf), "worst": np.full(len(ids), -np.inf)}
    seen_w = {"best": [None] * len(ids), "worst": [None] * len(ids)}

    def remember(ranks: np.ndarray, weights: np.ndarray) -> None:
        for side, better in (("best", np.less), ("worst", np.greater)):
            improved = np.flatnonzero(better(ranks, seen[side]))
            seen[side][improved] = ranks[improved]
            for u in improved.tolist():
                seen_w[side][u] = weights

    if samples is not None:
        for side, pick in (("best", np.nanargmin), ("worst", np.nanargmax)):
            for u in np.flatnonzero(ranked).tolist():
                k = int(pick(sample_ranks[u]))
                seen[side][u] = sample_ranks[u, k]
                seen_w[side][u] = samples[k]

    wanted = set(ids) if units is None else set(units)
    out = {key: [] for key in ("best", "worst", "best_limit", "worst_limit")}
    out.update(best_margin=[], worst_margin=[])
    witnesses = {"best": [], "worst": []}
    rivals_all = np.flatnonzero(ranked)
    for i, unit in enumerate(ids):
        if not ranked[i] or unit not in wanted:
            for key in out:
                out[key].append(np.nan)
            for side in witnesses:
                witnesses[side].append(np.full(len(dims), np.nan))
            continue
        rivals = rivals_all[rivals_all != i]
        d = lin[rivals] - lin[i]
        low, high = _extremes(d, region)
        always = low > 0
        ambiguous = ~always & (high > 0)
        amb_idx = rivals[ambiguous]
        d_amb = d[ambiguous]
        base = 1 + int(always.sum())
        for side in ("best", "worst"):
            if d_amb.shape[0] == 0:
                w = _default_weights(region)
                above = np.zeros(0, dtype=bool)
                limit = 0
            else:
                above, w, limit = _decide(
                    d_amb, region, eps, side, seen_w[side][i], base, time_limit
                )
            rank = base + int(above.sum())
            w = _normalised(w, region)
            scores = _scores_at(check, w, how)
            ranks = _ranks_of(scores)
            got = ranks[i]
            if region.integer:
                # Whole-number weights are not polished: the rank is what they give.
                limit = max(limit, got - base) if side == "worst" else min(limit, got - base)
                rank = got
            if got != rank:
                raise RuntimeError(
                    f"witness for {side} rank of {unit!r} gives rank {got}, expected {rank}"
                )
            out[side].append(rank)
            out[f"{side}_limit"].append(base + limit)
            out[f"{side}_margin"].append(_gap(scores, i, amb_idx, how))
            witnesses[side].append(w)
            if not region.integer:
                remember(ranks.astype(float), w)
    index = pd.Index(ids, name=dim_scores.index.name)
    summary = pd.DataFrame(
        {
            "best": pd.array(out["best"], dtype="Float64").astype("Int64"),
            "worst": pd.array(out["worst"], dtype="Float64").astype("Int64"),
            "best_limit": pd.array(out["best_limit"], dtype="Float64").astype("Int64"),
            "worst_limit": pd.array(out["worst_limit"], dtype="Float64").astype("Int64"),
            "best_margin": np.array(out["best_margin"], dtype=float),
            "worst_margin": np.array(out["worst_margin"], dtype=float),
        },
        index=index,
    )
    summary.insert(
        4,
        "exact",
        (summary["best"] == summary["best_limit"]) & (summary["worst"] == summary["worst_limit"]),
    )
    best_w = pd.DataFrame(np.vstack(witnesses["best"]), index=index, columns=dims)
    worst_w = pd.DataFrame(np.vstack(witnesses["worst"]), index=index, columns=dims)
    return RankBounds(summary, best_w, worst_w, eps, how)


def _default_weights(region: Region) -> np.ndarray:
    """Any weighting of the region (every pair is settled, so any will do)."""
    if region.integer:
        w = np.clip(np.round((region.lower + region.upper) / 2), region.lower, region.upper)
        if w.sum() <= 0:
            w = region.upper.copy()
        return w
    w = (region.continuous_lower + region.continuous_upper) / 2
    if region.continuous_total is not None:
        lo, hi = region.continuous_lower, region.continuous_upper
        varying = hi > lo
        rest = region.continuous_total - lo[~varying].sum()
        w = lo.copy()
        if varying.any():
            w[varying] = rest / varying.sum()
    return w


def _normalised(w: np.ndarray, region: Region) -> np.ndarray:
    if region.integer:
        return w
    w = np.clip(w, 0.0, None)
    return w / w.sum()


@functools.lru_cache(maxsize=64)
def _cached(key: tuple) -> RankBounds:
    (
        data,
        shape,
        ids,
        name,
        dims,
        weights,
        how,
        free,
        around,
        grid,
        decimals,
        time_limit,
        units,
    ) = key
    scores = pd.DataFrame(
        np.frombuffer(data, dtype=float).reshape(shape),
        index=pd.Index(list(ids), name=name),
        columns=list(dims),
    )
    return rank_bounds(
        scores,
        dict(weights),
        how=how,
        free=None if free is None else list(free),
        around=around,
        grid=grid,
        decimals=decimals,
        time_limit=time_limit,
        units=None if units is None else list(units),
    )


def cached_rank_bounds(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    *,
    how: str = "mean",
    free: Sequence[str] | None = None,
    around: float | None = None,
    grid: int | None = None,
    decimals: int | None = None,
    time_limit: float = TIME_LIMIT,
    units: Sequence[str] | None = None,
) -> RankBounds:
    """:func:`rank_bounds` remembered per scores, region and aggregation (64 entries).

    Over every weighting the current weights do not matter, so one method and
    level is computed once however the sliders move; nor on the sliders' grid of
    whole numbers ``0..grid`` with every dimension free (the witness buttons).
    """
    restricted = free is not None or around is not None
    w = tuple(sorted((str(k), float(v)) for k, v in (weights or {}).items())) if restricted else ()
    values = np.ascontiguousarray(dim_scores.to_numpy(dtype=float))
    key = (
        values.tobytes(),
        values.shape,
        tuple(dim_scores.index),
        dim_scores.index.name,
        tuple(str(c) for c in dim_scores.columns),
        w,
        how,
        None if free is None else tuple(sorted(free)),
        around,
        grid,
        decimals,
        time_limit,
        None if units is None else tuple(units),
    )
    return _cached(key)

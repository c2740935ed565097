"""A statistical audit of an index, as the composite-indicator handbooks ask for.

The checks follow the JRC/OECD *Handbook on Constructing Composite Indicators*
(2008) and the JRC's audit tool COINr (Becker et al.), with COINr's default
thresholds, each named once below so that the page can say where it comes from:

* data coverage per indicator and per unit (COINr ``get_stats(t_avail = 0.65)``);
* skewness and kurtosis per indicator with COINr's outlier rule
  (``|skew| > 2`` and ``kurtosis > 3.5``) and COINr's winsorisation
  (``Treat``: up to 5 points) - then the index recomputed with the package's
  engine to show what would move in the ranking;
* correlations between indicators (COINr ``get_corr_flags(cor_thresh = 0.9)``),
  indicators that run against their own dimension, Cronbach's alpha
  (Nunnally's 0.7, quoted in the handbook) and the first principal component's
  share of the variance;
* effective weights: the squared Pearson correlation of each dimension or
  indicator with the index, normalised to sum to 1 (the handbook's and Paruolo,
  Saisana & Saltelli 2013, "Ratings and rankings: voodoo or science?", J. R.
  Stat. Soc. A 176(3), 609-634), beside the nominal weights.

Everything is computed for the dimensions that have a weight above zero in the
view (the others do not enter the index). Pure functions: tables in, tables out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from areaindex.index.engine import (
    combine_index,
    dimension_scores,
    normalised_indicators,
    rank_descending,
)
from areaindex.index.method import Method
from areaindex.views.indexview import effective_weights as nominal_indicator_weights

# COINr get_stats(): an indicator (or unit) with less than 65 % of its values is
# flagged "LOW"; JRC audits (e.g. of the Global Innovation Index) use the same rule.
COVERAGE_THRESHOLD = 0.65
# COINr get_stats()/check_SkewKurt(): possible outliers when |skewness| > 2 AND
# kurtosis > 3.5. COINr's kurt() is e1071's type 2 (Excel's KURT): the
# bias-corrected EXCESS kurtosis (0 for a normal distribution).
SKEW_THRESHOLD = 2.0
KURTOSIS_THRESHOLD = 3.5
# COINr Treat()/winsorise(): at most 5 points per indicator.
WINSOR_MAX_POINTS = 5
# COINr get_corr_flags(): pairs with a correlation above 0.9 count (nearly) twice.
COLLINEAR_THRESHOLD = 0.9
# Nunnally (1978), quoted in the JRC/OECD handbook (2008, section 4.1): alpha of
# 0.7 or more is an acceptable internal consistency.
ALPHA_THRESHOLD = 0.7
# Handbook (2008, section 4.1, PCA): keep components that explain at least 60 %
# of the variance together; here: does the first component alone reach it?
PC1_THRESHOLD = 0.6
# A dimension that effectively carries more than half of the index dominates it.
DOMINANCE_THRESHOLD = 0.5
# Below this many units, a correlation or moment is not computed (kurtosis needs 4).
MIN_UNITS = 4
# Two-sided significance level for the critical correlation shown next to n.
ALPHA_LEVEL = 0.05


@dataclass(frozen=True)
class Audit:
    """The audit of one method, level and weighting.

    Every frame is indexed by ids (indicator columns, dimension ids, unit ids);
    the page translates them. ``None`` where a check cannot be made.
    """

    n_units: int
    dimensions: tuple[str, ...]  # in play (weight > 0), method order
    indicators: tuple[str, ...]  # their indicators, method order
    critical_r: float  # |r| needed to differ from 0 at 5 % (two-sided), NaN if n < 4
    indicator_coverage: pd.DataFrame
    unit_coverage: pd.DataFrame
    missing_effect: pd.DataFrame
    distribution: pd.DataFrame
    winsorised_ranks: pd.DataFrame
    correlations: pd.DataFrame
    collinear_pairs: pd.DataFrame
    against_dimension: pd.DataFrame
    consistency: pd.DataFrame
    effective_dimensions: pd.DataFrame
    effective_indicators: pd.DataFrame


# --------------------------------------------------------------------------- structure


def active_dimensions(method: Method, weights: Mapping[str, float]) -> tuple[str, ...]:
    """The method's dimensions with a weight above zero, in method order."""
    return tuple(d for d in method.dimension_ids if float(weights.get(d, 0.0)) > 0)


def indicator_dimension(method: Method) -> dict[str, str]:
    """Indicator column -> its dimension id."""
    return {ind.column: dim.id for dim in method.dimensions for ind in dim.indicators}


def index_scores(
    method: Method, normalised: pd.DataFrame, weights: Mapping[str, float]
) -> tuple[pd.DataFrame, pd.Series]:
    """Dimension scores and the index from normalised indicators, with the package's engine.

    Exactly as the dashboard combines them (:func:`areaindex.views.indexview.index_view`):
    the method's within-dimension rule, then the dimensions with ``weights``.
    """
    dims = dimension_scores(method, normalised)
    in_method = {d: float(weights.get(d, 0.0)) for d in method.dimension_ids}
    agg = method.aggregation
    return dims, combine_index(dims, in_method, agg.across, agg.min_share, agg.decimals)


def critical_correlation(n: int, level: float = ALPHA_LEVEL) -> float:
    """The smallest |r| that differs from zero at ``level`` (two-sided t test) with n units.

    ``r = t / sqrt(n - 2 + t^2)`` with ``t`` the ``1 - level/2`` quantile of
    Student's t with ``n - 2`` degrees of freedom; NaN for fewer than 4 units.
    """
    if n < MIN_UNITS:
        return float("nan")
    t = float(stats.t.ppf(1 - level / 2, n - 2))
    return t / float(np.sqrt(n - 2 + t * t))


# --------------------------------------------------------------------------- coverage


def indicator_coverage(
    raw: pd.DataFrame,
    columns: Sequence[str],
    dimension_of: Mapping[str, str],
    threshold: float = COVERAGE_THRESHOLD,
) -> pd.DataFrame:
    """Share of units with a value, per indicator.

    Returns
    -------
    pandas.DataFrame
        Index: indicator column. Columns ``dimension``, ``n_units``,
        ``n_present``, ``share`` (0-1) and ``low`` (share below ``threshold``).
    """
    values = raw[list(columns)]
    n = len(values)
    present = values.notna().sum()
    share = present / n if n else present * np.nan
    return pd.DataFrame(
        {
            "dimension": [dimension_of[c] for c in columns],
            "n_units": n,
            "n_present": present.astype(int),
            "share": share.astype(float),
            "low": (share < threshold).to_numpy(),
        },
        index=pd.Index(list(columns), name="indicator"),
    )


def unit_coverage(
    raw: pd.DataFrame,
    method: Method,
    dimensions: Sequence[str],
    dim_scores: pd.DataFrame,
    index: pd.Series,
    threshold: float = COVERAGE_THRESHOLD,
) -> pd.DataFrame:
    """Share of the indicators in play that each unit has, and what the missing-value rule did.

    Returns
    -------
    pandas.DataFrame
        Index: unit id. Columns ``n_indicators``, ``n_present``, ``share``,
        ``low`` (below ``threshold``), ``reweighted`` (dimensions scored from
        fewer indicators, weights re-normalised over those present),
        ``dropped`` (dimensions without a score: less than ``min_share`` of
        their weight present) and ``index_missing``.
    """
    by_dim = {dim.id: [i.column for i in dim.indicators] for dim in method.dimensions}
    columns = [c for d in dimensions for c in by_dim[d]]
    values = raw[columns]
    present = values.notna()
    n_present = present.sum(axis=1)
    share = n_present / len(columns) if columns else n_present * np.nan
    # Vectorised: the national level has thousands of units.
    incomplete = (
        np.column_stack([~present[by_dim[d]].all(axis=1).to_numpy() for d in dimensions])
        if dimensions
        else np.zeros((len(values), 0), dtype=bool)
    )
    no_score = dim_scores.reindex(values.index)[list(dimensions)].isna().to_numpy()
    part, none = incomplete & ~no_score, incomplete & no_score
    dims = np.array(dimensions, dtype=object)
    reweighted = [tuple(dims[row]) for row in part]
    dropped = [tuple(dims[row]) for row in none]
    return pd.DataFrame(
        {
            "n_indicators": len(columns),
            "n_present": n_present.astype(int),
            "share": share.astype(float),
            "low": (share < threshold).to_numpy(),
            "reweighted": reweighted,
            "dropped": dropped,
            "index_missing": index.reindex(values.index).isna().to_numpy(),
        },
        index=values.index,
    )


def missing_value_effect(
    method: Method,
    normalised: pd.DataFrame,
    weights: Mapping[str, float],
    columns: Sequence[str],
) -> pd.DataFrame:
    """Each incomplete unit's rank under the method's rule and with mean imputation instead.

    The method's rule re-weights over the values a unit has (and drops a score
    when less than ``min_share`` of the weight is present). The alternative
    fills each missing normalised value with the indicator's mean over the
    units that have it (the handbook's "unconditional mean imputation") and
    combines as before. Indicators with no value at all stay missing.

    Returns
    -------
    pandas.DataFrame
        Index: the units with a missing value among ``columns``. Columns
        ``rank`` (method's rule), ``rank_imputed`` and ``change``
        (``rank_imputed - rank``: positive = imputation would rank it lower,
        i.e. as less in need). Empty when nothing is missing.
    """
    incomplete = normalised[list(columns)].isna().any(axis=1)
    empty = pd.DataFrame(
        {"rank": pd.Series(dtype="Int64"), "rank_imputed": pd.Series(dtype="Int64")}
    ).assign(change=pd.Series(dtype="Int64"))
    if not incomplete.any():
        return empty
    _, index = index_scores(method, normalised, weights)
    imputed = normalised.fillna(normalised.mean())
    _, index_imp = index_scores(method, imputed, weights)
    rank = rank_descending(index)
    rank_imp = rank_descending(index_imp)
    out = pd.DataFrame({"rank": rank, "rank_imputed": rank_imp}, index=normalised.index)
    out["change"] = out["rank_imputed"] - out["rank"]
    return out[incomplete.to_numpy()]


# --------------------------------------------------------------------------- distribution


def skewness(values: np.ndarray) -> float:
    """Bias-corrected sample skewness G1 (Excel SKEW, e1071 type 2, COINr ``skew``).

    NaN for fewer than 3 values or no variation.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 3 or np.ptp(x) == 0:
        return float("nan")
    return float(stats.skew(x, bias=False))


def excess_kurtosis(values: np.ndarray) -> float:
    """Bias-corrected sample excess kurtosis G2 (Excel KURT, e1071 type 2, COINr ``kurt``).

    0 for a normal distribution. NaN for fewer than 4 values or no variation.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < MIN_UNITS or np.ptp(x) == 0:
        return float("nan")
    return float(stats.kurtosis(x, fisher=True, bias=False))


def is_outlying(
    skew: float,
    kurt: float,
    skew_threshold: float = SKEW_THRESHOLD,
    kurt_threshold: float = KURTOSIS_THRESHOLD,
) -> bool:
    """COINr's rule: possible outliers when |skew| > threshold AND kurtosis > threshold."""
    return bool(abs(skew) > skew_threshold and kurt > kurt_threshold)


def winsorise(
    values: np.ndarray,
    max_points: int = WINSOR_MAX_POINTS,
    skew_threshold: float = SKEW_THRESHOLD,
    kurt_threshold: float = KURTOSIS_THRESHOLD,
) -> tuple[np.ndarray, int]:
    """COINr's winsorisation: pull in the most extreme value until the outlier flag clears.

    While the values are flagged (:func:`is_outlying`) and fewer than
    ``max_points`` values have been changed, the highest value (lowest when
    the skew is negative; all of them when tied) is set to the next highest
    (lowest). Missing values stay missing.

    Returns
    -------
    (numpy.ndarray, int)
        The treated values and the number of values changed.
    """
    x = np.asarray(values, dtype=float).copy()
    changed = np.zeros(x.shape, dtype=bool)
    while changed.sum() < max_points:
        sk, kt = skewness(x), excess_kurtosis(x)
        if np.isnan(sk) or np.isnan(kt) or not is_outlying(sk, kt, skew_threshold, kurt_threshold):
            break
        valid = ~np.isnan(x)
        extreme = np.nanmax(x) if sk >= 0 else np.nanmin(x)
        at = valid & (x == extreme)
        rest = x[valid & ~at]
        if rest.size == 0:
            break
        x[at] = rest.max() if sk >= 0 else rest.min()
        changed |= at
    return x, int(changed.sum())


def distribution(
    raw: pd.DataFrame,
    columns: Sequence[str],
    dimension_of: Mapping[str, str],
    max_points: int = WINSOR_MAX_POINTS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Skewness, excess kurtosis and the outlier flag per indicator, before and after winsorising.

    Computed on the raw values (as published; min-max normalisation does not
    change skewness or kurtosis, and a reversed direction only flips the sign
    of the skew).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The statistics (index: indicator; ``dimension``, ``n``, ``mean``,
        ``sd``, ``min``, ``max``, ``skew``, ``kurtosis``, ``outlier``,
        ``winsorised`` = points changed, ``skew_after``, ``kurtosis_after``,
        ``outlier_after``) and the raw table with the flagged indicators
        winsorised.
    """
    rows = []
    treated = raw.copy()
    for c in columns:
        x = raw[c].to_numpy(dtype=float)
        valid = x[~np.isnan(x)]
        sk, kt = skewness(x), excess_kurtosis(x)
        flagged = not np.isnan(kt) and is_outlying(sk, kt)
        after, points = winsorise(x, max_points) if flagged else (x, 0)
        treated[c] = after
        sk2, kt2 = (skewness(after), excess_kurtosis(after)) if flagged else (sk, kt)
        rows.append(
            {
                "indicator": c,
                "dimension": dimension_of[c],
                "n": int(valid.size),
                "mean": float(valid.mean()) if valid.size else np.nan,
                "sd": float(valid.std(ddof=1)) if valid.size > 1 else np.nan,
                "min": float(valid.min()) if valid.size else np.nan,
                "max": float(valid.max()) if valid.size else np.nan,
                "skew": sk,
                "kurtosis": kt,
                "outlier": flagged,
                "winsorised": points,
                "skew_after": sk2,
                "kurtosis_after": kt2,
                "outlier_after": bool(flagged and is_outlying(sk2, kt2)),
            }
        )
    return pd.DataFrame(rows).set_index("indicator"), treated


def rank_changes(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Ranks (1 = highest) before and after, and ``change = after - before`` per unit."""
    out = pd.DataFrame({"rank": rank_descending(before), "rank_after": rank_descending(after)})
    out["change"] = out["rank_after"] - out["rank"]
    return out


# --------------------------------------------------------------------------- correlation


def correlation_matrix(normalised: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Pearson correlations of the normalised indicators (after direction: + = same need).

    Pairwise complete observations, as COINr's ``get_corr``; NaN for an
    indicator without variation or with fewer than 4 values.
    """
    frame = normalised[list(columns)]
    return frame.corr(method="pearson", min_periods=MIN_UNITS)


def collinear_pairs(
    corr: pd.DataFrame,
    dimension_of: Mapping[str, str],
    threshold: float = COLLINEAR_THRESHOLD,
) -> pd.DataFrame:
    """Indicator pairs with |r| above ``threshold``: one of them counts (nearly) twice.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b``, ``r``, ``same_dimension``, strongest first.
    """
    cols = list(corr.columns)
    rows = []
    for i, a in enumerate(cols):
        for b in cols[i + 1 :]:
            r = corr.at[a, b]
            if not np.isnan(r) and abs(r) > threshold:
                rows.append(
                    {
                        "a": a,
                        "b": b,
                        "r": float(r),
                        "same_dimension": dimension_of[a] == dimension_of[b],
                    }
                )
    out = pd.DataFrame(rows, columns=["a", "b", "r", "same_dimension"])
    return out.sort_values("r", key=np.abs, ascending=False).reset_index(drop=True)


def _pearson(x: pd.Series, y: pd.Series) -> tuple[float, float, int]:
    """Pearson r and its two-sided p value (scipy) over the pairs present; NaN if not defined."""
    both = pd.concat([x, y], axis=1).dropna().to_numpy(dtype=float)
    n = len(both)
    if n < MIN_UNITS or np.ptp(both[:, 0]) == 0 or np.ptp(both[:, 1]) == 0:
        return float("nan"), float("nan"), n
    result = stats.pearsonr(both[:, 0], both[:, 1])
    return float(result.statistic), float(result.pvalue), n


def indicator_vs_dimension(
    normalised: pd.DataFrame,
    dim_scores: pd.DataFrame,
    index: pd.Series,
    columns: Sequence[str],
    dimension_of: Mapping[str, str],
) -> pd.DataFrame:
    """Each indicator's correlation with its own dimension's score and with the index.

    ``against`` flags a negative correlation with its own dimension (after
    direction): the indicator pulls its dimension the other way (COINr's
    ``get_corr_flags(thresh_type = "low")`` idea, with 0 as the line).

    Returns
    -------
    pandas.DataFrame
        Index: indicator. Columns ``dimension``, ``r_dimension``,
        ``p_dimension``, ``r_index``, ``against``, ``alone`` (the only
        indicator of its dimension: r = 1 by construction).
    """
    sizes = pd.Series(dimension_of).value_counts()
    rows = []
    for c in columns:
        d = dimension_of[c]
        r_dim, p_dim, _ = _pearson(normalised[c], dim_scores[d])
        r_idx, _, _ = _pearson(normalised[c], index)
        rows.append(
            {
                "indicator": c,
                "dimension": d,
                "r_dimension": r_dim,
                "p_dimension": p_dim,
                "r_index": r_idx,
                "against": bool(not np.isnan(r_dim) and r_dim < 0),
                "alone": bool(sizes[d] == 1),
            }
        )
    return pd.DataFrame(rows).set_index("indicator")


def cronbach_alpha(items: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``items`` (complete rows).

    ``alpha = k / (k - 1) * (1 - sum(var_i) / var(total))`` with sample variances.

    NaN for fewer than 2 items, fewer than 4 complete rows or no variation in the total.
    """
    x = np.asarray(items, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < MIN_UNITS:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total))


def first_component_share(items: np.ndarray) -> tuple[float, float]:
    """Eigenvalue and variance share of the first principal component of the items' correlations.

    PCA on the correlation matrix (standardised indicators, as the handbook
    does), by ``numpy.linalg.eigvalsh``; complete rows only. (NaN, NaN) for
    fewer than 2 items or 4 rows, or an item without variation.
    """
    x = np.asarray(items, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < MIN_UNITS or (np.ptp(x, axis=0) == 0).any():
        return float("nan"), float("nan")
    eig = np.linalg.eigvalsh(np.corrcoef(x, rowvar=False))
    return float(eig[-1]), float(eig[-1] / eig.sum())


def consistency(
    method: Method, normalised: pd.DataFrame, dimensions: Sequence[str]
) -> pd.DataFrame:
    """Cronbach's alpha and the first principal component per dimension.

    Returns
    -------
    pandas.DataFrame
        Index: dimension. Columns ``k`` (indicators), ``n`` (complete units),
        ``alpha``, ``alpha_ok`` (≥ :data:`ALPHA_THRESHOLD`), ``eigenvalue``,
        ``pc1_share``, ``pc1_ok`` (≥ :data:`PC1_THRESHOLD`). A dimension with one
        indicator has NaN (nothing to check).
    """
    by_dim = {dim.id: [i.column for i in dim.indicators] for dim in method.dimensions}
    rows = []
    for d in dimensions:
        items = normalised[by_dim[d]].dropna(axis=1, how="all").to_numpy(dtype=float)
        alpha = cronbach_alpha(items) if items.shape[1] >= 2 else float("nan")
        eigen, share = first_component_share(items) if items.shape[1] >= 2 else (np.nan, np.nan)
        complete = int((~np.isnan(items).any(axis=1)).sum()) if items.size else 0
        rows.append(
            {
                "dimension": d,
                "k": int(items.shape[1]),
                "n": complete,
                "alpha": alpha,
                "alpha_ok": bool(alpha >= ALPHA_THRESHOLD) if alpha == alpha else None,
                "eigenvalue": eigen,
                "pc1_share": share,
                "pc1_ok": bool(share >= PC1_THRESHOLD) if share == share else None,
            }
        )
    return pd.DataFrame(rows).set_index("dimension")


# --------------------------------------------------------------------------- effective weights


def effective_shares(components: pd.DataFrame, index: pd.Series) -> pd.DataFrame:
    """Squared Pearson correlation of each column with the index, normalised to sum to 1.

    The handbook's (and Paruolo, Saisana & Saltelli 2013) measure of how much
    each component actually drives the index. A column without variation gets
    r = NaN and an effective share of 0.

    Returns
    -------
    pandas.DataFrame
        Index: the columns of ``components``. Columns ``r``, ``r2`` and
        ``effective`` (0-1, summing to 1 when any r is defined).
    """
    r = pd.Series({c: _pearson(components[c], index)[0] for c in components.columns}, dtype=float)
    r2 = r**2
    total = r2.sum(skipna=True)
    effective = (r2.fillna(0.0) / total) if total > 0 else r2 * np.nan
    return pd.DataFrame({"r": r, "r2": r2, "effective": effective})


def effective_weights(
    method: Method,
    normalised: pd.DataFrame,
    dim_scores: pd.DataFrame,
    index: pd.Series,
    weights: Mapping[str, float],
    dimensions: Sequence[str],
    columns: Sequence[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nominal and effective weights of the dimensions and of the indicators in play.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Per dimension and per indicator: ``nominal`` (share of the weights,
        0-1), ``r``, ``r2``, ``effective`` (0-1); dimensions also
        ``dominant`` (effective share above :data:`DOMINANCE_THRESHOLD`).
    """
    w = {d: float(weights.get(d, 0.0)) for d in dimensions}
    total = sum(w.values())
    dims = effective_shares(dim_scores[list(dimensions)], index)
    dims.insert(0, "nominal", [w[d] / total if total else np.nan for d in dimensions])
    dims["dominant"] = dims["effective"] > DOMINANCE_THRESHOLD
    dims.index.name = "dimension"
    nominal = nominal_indicator_weights(
        method, {d: float(weights.get(d, 0.0)) for d in method.dimension_ids}
    )
    inds = effective_shares(normalised[list(columns)], index)
    inds.insert(0, "nominal", [nominal[c] / 100 for c in columns])
    inds.index.name = "indicator"
    return dims, inds


# --------------------------------------------------------------------------- all of it


def audit(
    method: Method,
    raw: pd.DataFrame,
    weights: Mapping[str, float],
) -> Audit:
    """Run every check for one method, level (the units in ``raw``) and weighting.

    Parameters
    ----------
    method : Method
        The effective method of the view (id column ``unit``), as in
        :attr:`areaindex.views.indexview.DimensionTable.method`.
    raw : pandas.DataFrame
        Units x indicator columns, raw values (NaN = missing), indexed by unit id.
    weights : mapping
        Dimension weights; only dimensions with a weight above zero are audited.

    Returns
    -------
    Audit

    Raises
    ------
    ScoringError
        When every weight is zero.
    """
    dimension_of = indicator_dimension(method)
    dims_in_play = active_dimensions(method, weights)
    columns = tuple(c for c in method.indicator_columns if dimension_of[c] in dims_in_play)
    table = raw.reset_index(names=method.id_column)
    normalised = normalised_indicators(method, table)
    dim_scores, index = index_scores(method, normalised, weights)
    n = len(raw)

    stats_table, treated = distribution(raw, columns, dimension_of)
    if stats_table["outlier"].any():
        normalised_w = normalised_indicators(method, treated.reset_index(names=method.id_column))
        _, index_w = index_scores(method, normalised_w, weights)
        winsorised = rank_changes(index, index_w)
    else:
        winsorised = rank_changes(index, index).iloc[0:0]

    corr = correlation_matrix(normalised, columns)
    eff_dims, eff_inds = effective_weights(
        method, normalised, dim_scores, index, weights, dims_in_play, columns
    )
    return Audit(
        n_units=n,
        dimensions=dims_in_play,
        indicators=columns,
        critical_r=critical_correlation(n),
        indicator_coverage=indicator_coverage(raw, columns, dimension_of),
        unit_coverage=unit_coverage(raw, method, dims_in_play, dim_scores, index),
        missing_effect=missing_value_effect(method, normalised, weights, columns),
        distribution=stats_table,
        winsorised_ranks=winsorised,
        correlations=corr,
        collinear_pairs=collinear_pairs(corr, dimension_of),
        against_dimension=indicator_vs_dimension(
            normalised, dim_scores, index, columns, dimension_of
        ),
        consistency=consistency(method, normalised, dims_in_play),
        effective_dimensions=eff_dims,
        effective_indicators=eff_inds,
    )

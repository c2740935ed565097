"""Score a data table with an index method.

The pipeline is split so that the dashboard can redo only the cheap last step
when a weight slider moves:

1. :func:`normalised_indicators` - direction, missing values, normalisation,
   rounding (units x indicators);
2. :func:`dimension_scores` - indicators combined into dimensions
   (units x dimensions; does not depend on the dimension weights);
3. :func:`combine_index` - dimensions combined with the weights (vectorised);
4. :func:`rank_descending` - rank 1 = highest index score.

Steps 3 and 4 follow :mod:`areaindex.index.index_rules`, where the index is defined.

:func:`score_table` composes these (plus flags and re-scaling) into the output
table of ``python -m areaindex score``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from areaindex.errors import TableError
from areaindex.index.combine import aggregate
from areaindex.index.index_rules import check_weights, combine_many, rank_descending
from areaindex.index.method import Method, Scaling
from areaindex.index.normalise import apply_direction, directed_goalposts, normalise
from areaindex.rounding import round_half_up

__all__ = [
    "combine_index",
    "dimension_scores",
    "normalised_indicators",
    "observed_goalposts",
    "rank_descending",
    "resolve_weights",
    "score_table",
]

# How many of the table's columns an error message lists.
_SHOWN_COLUMNS = 12


def _id_values(method: Method, table: pd.DataFrame) -> pd.Series:
    """The id column, checked for presence, emptiness and duplicates."""
    column = method.id_column
    if column not in table.columns:
        names = [str(c) for c in table.columns]
        shown = ", ".join(names[:_SHOWN_COLUMNS]) + (", …" if len(names) > _SHOWN_COLUMNS else "")
        raise TableError(
            f"Id-kolumnen '{column}' saknas i tabellen. Kolumner som finns: {shown} "
            "(id column missing).",
            column=column,
        )
    ids = table[column]
    empty = ids.isna() | (ids.astype(str).str.strip() == "")
    if empty.any():
        row = int(np.flatnonzero(empty.to_numpy())[0]) + 1
        raise TableError(
            f"Id-kolumnen '{column}' är tom på datarad {row} (empty id).",
            column=column,
            row=row,
        )
    duplicated = ids.duplicated(keep=False)
    if duplicated.any():
        positions = np.flatnonzero(duplicated.to_numpy())
        value = ids.iloc[positions[0]]
        rows = [int(p) + 1 for p in positions if ids.iloc[p] == value]
        raise TableError(
            f"Id-kolumnen '{column}' har dubbletter: '{value}' förekommer på datarad "
            f"{', '.join(map(str, rows))} (duplicate id).",
            column=column,
            row=rows[1],
            value=value,
        )
    return ids


def _numeric_column(method: Method, table: pd.DataFrame, column: str, ids: pd.Series) -> np.ndarray:
    """One indicator column as floats, NaN for missing; TableError for anything else."""
    if column not in table.columns:
        raise TableError(
            f"Indikatorkolumnen '{column}' saknas i tabellen (indicator column missing).",
            column=column,
        )
    raw = table[column]
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        values = raw.to_numpy(dtype=float, na_value=np.nan)
        bad = np.isinf(values)
    else:
        text = raw.astype("string").str.strip()
        empty = (text.isna() | (text == "")).to_numpy(dtype=bool)
        parsed = pd.to_numeric(text.where(~pd.Series(empty, index=text.index)), errors="coerce")
        values = parsed.to_numpy(dtype=float, na_value=np.nan)
        bad = (np.isnan(values) & ~empty) | np.isinf(values)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = raw.iloc[i]
        raise TableError(
            f"Kolumnen '{column}' innehåller värdet '{value}' på datarad {i + 1} "
            f"(id '{ids.iloc[i]}'), som inte är ett ändligt tal (not a finite number).",
            column=column,
            row=i + 1,
            value=value,
        )
    if method.missing_values:
        values = np.where(np.isin(values, method.missing_values), np.nan, values)
    return values


def normalised_indicators(method: Method, table: pd.DataFrame) -> pd.DataFrame:
    """Orient, normalise and round every indicator.

    Parameters
    ----------
    method : Method
        The index method.
    table : pandas.DataFrame
        One row per unit, with the method's id column and indicator columns.
        Indicator columns may be numeric or text; empty cells, NaN and the
        method's ``missing_values`` are missing.

    Returns
    -------
    pandas.DataFrame
        Index: the unit ids (named after the id column), in table order.
        Columns: the indicator columns in method order, with values after
        direction, normalisation and rounding; NaN for missing.

    Raises
    ------
    TableError
        For a missing id or indicator column, an empty or duplicate id, or a
        value that is not a number.
    """
    ids = _id_values(method, table)
    norm = method.normalisation
    columns: dict[str, np.ndarray] = {}
    for ind in method.indicators:
        values = apply_direction(_numeric_column(method, table, ind.column, ids), ind.direction)
        posts = None
        if ind.goalposts is not None:
            posts = directed_goalposts(ind.goalposts, ind.direction)
        out = normalise(values, norm.method, norm.range, posts)
        if norm.decimals is not None:
            out = round_half_up(out, norm.decimals)
        columns[ind.column] = out
    index = pd.Index(ids.to_numpy(), name=method.id_column)
    return pd.DataFrame(columns, index=index)


def dimension_scores(method: Method, normalised: pd.DataFrame) -> pd.DataFrame:
    """Combine each dimension's indicators into a dimension score.

    Parameters
    ----------
    method : Method
        The index method (uses ``aggregation.within``, ``min_share`` and
        ``decimals`` and the indicator weights; not the dimension weights).
    normalised : pandas.DataFrame
        Output of :func:`normalised_indicators`.

    Returns
    -------
    pandas.DataFrame
        Same index; one column per dimension id, in method order.

    Raises
    ------
    ScoringError
        If all indicator weights of a dimension are zero, or a geometric mean
        meets a value that is not positive.
    """
    agg = method.aggregation
    values = normalised.to_numpy(dtype=float)
    position = {str(c): j for j, c in enumerate(normalised.columns)}
    columns: dict[str, np.ndarray] = {}
    for dim in method.dimensions:
        cols = [ind.column for ind in dim.indicators]
        weights = np.array([ind.weight for ind in dim.indicators])
        score = aggregate(
            values[:, [position[c] for c in cols]],
            weights,
            how=agg.within,
            min_share=agg.min_share,
            labels=cols,
            context=f"dimensionen '{dim.id}'",
            dimension=dim.id,
        )
        if agg.decimals is not None:
            score = round_half_up(score, agg.decimals)
        columns[dim.id] = score
    return pd.DataFrame(columns, index=normalised.index)


def combine_index(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    how: str = "mean",
    min_share: float = 1.0,
    decimals: int | None = None,
) -> pd.Series:
    """Combine dimension scores into the index with the given weights.

    The rules are :func:`areaindex.index.index_rules.combine`'s; this returns only the index.

    Parameters
    ----------
    dim_scores : pandas.DataFrame
        Units x dimensions, NaN for missing (output of :func:`dimension_scores`).
    weights : mapping of str to float
        A non-negative weight for every column of ``dim_scores``.
    how : {"mean", "sum", "geometric_mean"}, default "mean"
        Weighted aggregation (see :mod:`areaindex.index.combine`).
    min_share : float, default 1.0
        Minimum share of the total weight that must be present, else NaN.
    decimals : int, optional
        Round the index half-up to this many decimals.

    Returns
    -------
    pandas.Series
        The index score per unit, named ``"index.score"``.

    Raises
    ------
    ScoringError
        If a weight is missing, unknown, negative, or all weights are zero.
    """
    dims = [str(c) for c in dim_scores.columns]
    w = check_weights(weights, dims)
    score = combine_many(
        dim_scores.to_numpy(dtype=float), w[None, :], how, min_share, decimals, labels=dims
    )[:, 0]
    return pd.Series(score, index=dim_scores.index, name="index.score")


def _rescale(values: pd.Series | np.ndarray, scaling: Scaling) -> np.ndarray:
    out = normalise(np.asarray(values, dtype=float), scaling.method, scaling.range)
    if scaling.decimals is not None:
        out = round_half_up(out, scaling.decimals)
    return out


def _int64(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Whole numbers stored as floats (NaN = missing) as a nullable Int64 array."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


def resolve_weights(method: Method, weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """The method's dimension weights, overridden by ``weights`` where given.

    Parameters
    ----------
    method : Method
        The index method.
    weights : mapping of str to float, optional
        New weights for some or all dimensions.

    Returns
    -------
    dict of str to float
        A weight for every dimension, in method order.

    Raises
    ------
    MethodError
        For an unknown dimension id or a negative weight.
    """
    if weights is None:
        return method.weights
    return method.with_weights(weights).weights


def score_table(
    method: Method,
    table: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Score a table: normalised indicators, dimension scores, index and rank.

    Parameters
    ----------
    method : Method
        The index method.
    table : pandas.DataFrame
        One row per unit with the id column and every indicator column.
    weights : mapping of str to float, optional
        Dimension weights overriding the method's (dimensions not named keep
        the method's weight).

    Returns
    -------
    pandas.DataFrame
        One row per unit, in table order, with exactly these columns in order:
        the id column; per indicator ``<column>.normalised`` (and
        ``<column>.flag``, 0/1 ``Int64``, when the method sets a flag
        threshold); per dimension ``<id>.score`` (and ``<id>.rescaled`` when
        dimensions are re-scaled, ``<id>.flags`` = number of flags when flags
        are set); then ``index.score``, ``index.rescaled`` (when re-scaled),
        ``index.flags`` (when flags are set) and ``index.rank`` (``Int64``,
        1 = highest index score, ties share the lowest number, ``<NA>`` when
        the score is missing). Missing values are NaN / ``<NA>``.

    Raises
    ------
    TableError
        If the table does not fit the method.
    MethodError
        If ``weights`` names an unknown dimension or has a negative weight.
    ScoringError
        If all weights are zero or a geometric mean meets a non-positive value.
    """
    full_weights = resolve_weights(method, weights)
    normalised = normalised_indicators(method, table)
    dims = dimension_scores(method, normalised)
    agg = method.aggregation
    index_score = combine_index(dims, full_weights, agg.across, agg.min_share, agg.decimals)

    # Plain arrays from here on: per-column pandas indexing dominates the run
    # time for a dashboard-sized table.
    norm = normalised.to_numpy(dtype=float)
    dim_values = dims.to_numpy(dtype=float)
    flags = None
    if method.flag_threshold is not None:
        flags = np.where(np.isnan(norm), np.nan, (norm >= method.flag_threshold).astype(float))

    out: dict[str, object] = {method.id_column: table[method.id_column].to_numpy()}
    for j, ind in enumerate(method.indicators):
        out[f"{ind.column}.normalised"] = norm[:, j]
        if flags is not None:
            out[f"{ind.column}.flag"] = _int64(flags[:, j])
    start = 0
    for d, dim in enumerate(method.dimensions):
        stop = start + len(dim.indicators)
        out[f"{dim.id}.score"] = dim_values[:, d]
        if method.rescale_dimensions is not None:
            out[f"{dim.id}.rescaled"] = _rescale(dim_values[:, d], method.rescale_dimensions)
        if flags is not None:
            # Missing flags are not counted (CDC: "total flags do not include -999").
            out[f"{dim.id}.flags"] = _int64(np.nansum(flags[:, start:stop], axis=1))
        start = stop
    out["index.score"] = index_score.to_numpy()
    if method.rescale_index is not None:
        out["index.rescaled"] = _rescale(index_score, method.rescale_index)
    if flags is not None:
        out["index.flags"] = _int64(np.nansum(flags, axis=1))
    out["index.rank"] = rank_descending(index_score).array
    return pd.DataFrame(out, index=pd.RangeIndex(len(table)))


def observed_goalposts(method: Method, table: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The observed (min, max) of each indicator in raw units, for fixing goalposts.

    Use on a baseline year and pass to :meth:`Method.with_goalposts`, so later
    years are scored on the baseline's scale (follow-up over time).

    Parameters
    ----------
    method : Method
        The index method.
    table : pandas.DataFrame
        The baseline table.

    Returns
    -------
    dict of str to (float, float)
        Indicator column to ``(min, max)`` of its valid raw values.

    Raises
    ------
    TableError
        If the table does not fit the method, or an indicator has no valid value.
    """
    ids = _id_values(method, table)
    out: dict[str, tuple[float, float]] = {}
    for ind in method.indicators:
        values = _numeric_column(method, table, ind.column, ids)
        valid = values[~np.isnan(values)]
        if valid.size == 0:
            raise TableError(
                f"Kolumnen '{ind.column}' har inga giltiga värden (no valid values).",
                column=ind.column,
            )
        out[ind.column] = (float(valid.min()), float(valid.max()))
    return out

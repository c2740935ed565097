"""The index as the dashboard shows it: a method, weights and a level -> scores and ranks.

Split in two steps so that moving a slider is cheap: :func:`dimension_table`
(normalised indicators and dimension scores; independent of the dimension
weights, cached by the app) and :func:`index_view` (the weighted combination,
rank and each dimension's contribution, by the rules of
:mod:`areaindex.index.index_rules`, the same as the ``score`` command's).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.errors import MethodError
from areaindex.index.engine import dimension_scores, normalised_indicators
from areaindex.index.index_rules import combine, weight_shares
from areaindex.index.method import Method, Text, load_method
from areaindex.store.catalogue import Catalogue
from areaindex.store.dataset import Dataset, IndicatorFrame, indicator_frame
from areaindex.store.paths import ROOT
from areaindex.uploads.own import OwnIndicator, own_values, with_own_indicators

METHODS_DIR = ROOT / "methods"
DEFAULT_METHOD = "malmo_stadskontoret_2023"
PRESET_PATTERN = "malmo_*.toml"


def load_presets(directory: Path = METHODS_DIR) -> dict[str, Method]:
    """The dashboard's presets: every ``malmo_*.toml`` method file, the default first."""
    methods = {m.id: m for m in (load_method(p) for p in sorted(directory.glob(PRESET_PATTERN)))}
    order = sorted(methods, key=lambda i: (i != DEFAULT_METHOD, methods[i].title.sv.casefold()))
    return {i: methods[i] for i in order}


def illustrative_columns(method: Method, catalogue: Catalogue) -> list[str]:
    """The method's indicators whose values are illustrative, not statistics."""
    status = {ind.id: ind.illustrative for ind in catalogue.indicators}
    return [c for c in method.indicator_columns if status.get(c, False)]


def approximate_geography_columns(method: Method, catalogue: Catalogue) -> list[str]:
    """The method's indicators moved onto RegSO from another geography (election turnout)."""
    flagged = {ind.id for ind in catalogue.indicators if ind.approximate_geography}
    return [c for c in method.indicator_columns if c in flagged]


def method_years(dataset: Dataset, method: Method) -> list[int]:
    """The years at least one of the method's indicators has values for (for a trend).

    A year no indicator of the method has (2018, the first parliamentary election,
    for a method without that turnout) would only repeat later values.
    """
    known = set(dataset.catalogue.ids)
    years = {
        y
        for c in method.indicator_columns
        if c in known
        for y in dataset.catalogue.indicator(c).years
    }
    return sorted(years) if years else dataset.years()


def effective_method(
    method: Method,
    catalogue: Catalogue,
    official_only: bool,
    *,
    present: Collection[str] | None = None,
) -> Method:
    """The method with illustrative indicators removed when only official data is wanted.

    With ``present`` (the indicators that have values at the level shown, see
    :func:`indicators_at`), the method's other indicators are removed too: the
    city's own figures added with ``add-indicator`` exist only for Malmö, so in
    another municipality they are out of play rather than weighed as missing.
    """
    drop = illustrative_columns(method, catalogue) if official_only else []
    if present is not None:
        drop += [c for c in method.indicator_columns if c not in present and c not in drop]
    return method.without_indicators(drop) if drop else method


def indicators_at(dataset: Dataset, level: str) -> frozenset[str]:
    """The indicators with at least one row of values at ``level``."""
    values = dataset.values
    return frozenset(values.loc[values["level"] == level, "indicator"].unique())


@dataclass(frozen=True)
class DimensionTable:
    """Normalised indicators and dimension scores of one level, year and sex."""

    method: Method
    raw: IndicatorFrame
    normalised: pd.DataFrame
    scores: pd.DataFrame  # units x dimensions
    totals_for_sex: tuple[str, ...] = ()  # indicators without a sex split: totals used


def base_year_goalposts(
    dataset: Dataset,
    method: Method,
    level: str,
    *,
    sex: str = "total",
    units: Sequence[str] | None = None,
) -> dict[str, tuple[float, float]]:
    """Goalposts for follow-up over time: each indicator's range in its first year.

    The lowest and highest value among the units of ``level`` in the first year
    the indicator has (2020 for most), so that later years are scored on the
    same scale and a change on the map is a change in the area. An indicator
    whose first-year values are all equal gets a range of ±1 around them.
    """
    out: dict[str, tuple[float, float]] = {}
    known = set(dataset.catalogue.ids)
    for column in method.indicator_columns:
        if column not in known:
            continue  # an own indicator: the caller sets its goalposts
        indicator = dataset.catalogue.indicator(column)
        use_sex = sex if sex in indicator.sexes else "total"
        first = min(indicator.years)
        values = indicator_frame(
            dataset, level, year=first, sex=use_sex, indicators=[column]
        ).values[column]
        if units is not None:
            values = values.reindex(list(units))
        lo, hi = float(values.min()), float(values.max())
        out[column] = (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)
    return out


def dimension_table(
    dataset: Dataset,
    method: Method,
    level: str,
    *,
    year: int | None = None,
    sex: str = "total",
    official_only: bool = False,
    over_time: bool = False,
    own: Sequence[OwnIndicator] = (),
    units: Sequence[str] | None = None,
) -> DimensionTable:
    """Normalise the method's indicators among the units of ``level`` and score dimensions.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    method : Method
        A Malmö method (id column ``unit``; columns are catalogue indicator ids).
    level : str
        The geographic level; normalisation is among its units.
    year : int, optional
        Reference year (each indicator's latest year not after it).
    sex : str, default "total"
        ``total``, ``women`` or ``men``. Indicators without values for that sex
        count with their total; they are listed in ``totals_for_sex``.
    official_only : bool, default False
        Leave illustrative indicators out.
    over_time : bool, default False
        Normalise with fixed goalposts from each indicator's first year
        (:func:`base_year_goalposts`) instead of among the units' current
        values, so scores can be followed over time.
    own : sequence of OwnIndicator, default ()
        The user's own indicators (this session only), added to their dimensions.
    units : sequence of str, optional
        Only these units of ``level`` (one municipality's RegSO of the national
        level); normalisation is among them.
    """
    catalogue = dataset.catalogue
    effective = effective_method(
        method, catalogue, official_only, present=indicators_at(dataset, level)
    )
    own_frame = {o.id: own_values(o, dataset, level) for o in own}
    if own:
        titles = {d.id: Text(d.name_sv, d.name_en) for d in catalogue.dimensions}
        effective = with_own_indicators(effective, own, titles)
    if over_time and effective.normalisation.method in ("minmax", "goalposts"):
        posts = base_year_goalposts(dataset, effective, level, sex=sex, units=units)
        for column, (values, _) in own_frame.items():
            lo, hi = float(values.min()), float(values.max())
            # An own indicator has one set of values: its own range, or a dummy one if empty.
            posts[column] = (
                (lo, hi) if hi > lo else ((lo - 1.0, hi + 1.0) if lo == lo else (0.0, 1.0))
            )
        effective = effective.with_goalposts(posts)
    columns = list(effective.indicator_columns)
    listed = [c for c in columns if c not in own_frame]
    split = [c for c in listed if sex in catalogue.indicator(c).sexes]
    unsplit = tuple(c for c in listed if c not in split)
    # An indicator that starts after the chosen year counts with its first year;
    # the year used is shown next to every value.
    frames = [
        indicator_frame(
            dataset, level, year=year, sex=use_sex, indicators=ids, first_year_fallback=True
        )
        for use_sex, ids in ((sex, split), ("total", list(unsplit)))
        if ids
    ]
    level_units = dataset.unit_ids(level)
    for column, (values, approximate) in own_frame.items():
        frames.append(
            IndicatorFrame(
                values=values.to_frame(column),
                years=pd.DataFrame({column: pd.Series(np.nan, index=level_units)}),
                approximate=pd.DataFrame({column: pd.Series(approximate, index=level_units)}),
            )
        )
    rows = list(units) if units is not None else slice(None)
    raw = IndicatorFrame(
        values=pd.concat([f.values for f in frames], axis=1).loc[rows, columns],
        years=pd.concat([f.years for f in frames], axis=1).loc[rows, columns],
        approximate=pd.concat([f.approximate for f in frames], axis=1).loc[rows, columns],
    )
    table = raw.values.reset_index(names="unit")
    normalised = normalised_indicators(effective, table)
    scores = dimension_scores(effective, normalised)
    return DimensionTable(
        effective, raw, normalised, scores, tuple(unsplit) if sex != "total" else ()
    )


@dataclass(frozen=True)
class IndexView:
    """Scores, ranks and contributions of every unit under one set of weights."""

    # index unit; name, index (after the method's decimals), rank, score.<dim>,
    # contrib.<dim> (adding up to the index, for every aggregation)
    table: pd.DataFrame
    dimensions: tuple[str, ...]  # dimensions with weight > 0, in method order
    shares: Mapping[str, float]  # dimension -> share of the index in percent
    illustrative_dimensions: tuple[str, ...]  # of those, the ones with illustrative values
    # Of those, the ones with values on an approximate geography (turnout from valdistrikt).
    approximate_dimensions: tuple[str, ...] = ()


def index_view(
    dims: DimensionTable,
    weights: Mapping[str, float],
    names: Mapping[str, str],
    catalogue: Catalogue,
) -> IndexView:
    """Combine dimension scores with the user's weights.

    Parameters
    ----------
    dims : DimensionTable
        Output of :func:`dimension_table`.
    weights : mapping
        Relative weight (0–10) per dimension; dimensions not in the effective
        method are ignored.
    names : mapping
        Unit id -> display name.
    catalogue : Catalogue
        To tell which dimensions carry illustrative values.

    Raises
    ------
    ScoringError
        When every weight in play is zero (the message says so in Swedish).
    """
    method = dims.method
    in_method = {d: float(weights.get(d, 0.0)) for d in method.dimension_ids}
    agg = method.aggregation
    combined = combine(dims.scores, in_method, agg.across, agg.min_share, agg.decimals)
    shares = weight_shares(in_method)
    active = tuple(d for d in method.dimension_ids if in_method[d] > 0)
    illustrative = set(illustrative_columns(method, catalogue))
    illustrative_dims = tuple(
        dim.id
        for dim in method.dimensions
        if dim.id in active and any(i.column in illustrative for i in dim.indicators)
    )
    approximate = set(approximate_geography_columns(method, catalogue))
    approximate_dims = tuple(
        dim.id
        for dim in method.dimensions
        if dim.id in active and any(i.column in approximate for i in dim.indicators)
    )
    # One constructor call, not a column at a time: asked for on every slider move.
    columns: dict[str, object] = {
        "name": [names.get(u, u) for u in dims.scores.index],
        "index": combined.index.to_numpy(),
        "rank": combined.rank.to_numpy(),
    }
    for d in method.dimension_ids:
        columns[f"score.{d}"] = dims.scores[d].to_numpy()
    for d in active:
        columns[f"contrib.{d}"] = combined.contributions[d].to_numpy()
    table = pd.DataFrame(columns, index=dims.scores.index)
    return IndexView(table, active, shares, illustrative_dims, approximate_dims)


def rank_order(
    ranks: Sequence[float], names: Sequence[str], rows: Sequence[int] | None = None
) -> list[int]:
    """Positions of ``rows`` (default: all) by rank, then name; a missing rank last.

    The order of every ranked list on the pages (pandas' stable sort on both
    keys), in plain Python: the lists are asked for on every slider move and
    are short or already cut to a few rows.
    """
    chosen = range(len(ranks)) if rows is None else rows

    def key(i: int) -> tuple[bool, float, str]:
        missing = ranks[i] != ranks[i]
        return missing, 0.0 if missing else ranks[i], names[i]

    return sorted(chosen, key=key)


def top_units(view: IndexView, k: int = 3) -> list[str]:
    """Units ranked 1..k (more when tied), best first."""
    # Only the few top rows are sorted (a missing rank compares False).
    ranks = view.table["rank"].to_numpy(dtype=float, na_value=np.nan)
    names, units = view.table["name"].to_numpy(), view.table.index
    return [units[i] for i in rank_order(ranks, names, np.flatnonzero(ranks <= k))]


def check_compatible(method: Method, catalogue: Catalogue) -> None:
    """Check that a method (for example an uploaded file) fits Malmö's data.

    Raises
    ------
    MethodError
        Naming the key at fault: the id column must be ``unit``, every indicator
        column an indicator id of the catalogue and every dimension one of the
        app's dimensions.
    """
    if method.id_column != "unit":
        raise MethodError(
            f'id-kolumnen måste vara "unit" för Malmös data, inte {method.id_column!r} '
            '(id_column must be "unit").',
            file=method.file,
            key="method.id_column",
        )
    known = set(catalogue.ids)
    dims = {d.id for d in catalogue.dimensions}
    for d, dim in enumerate(method.dimensions):
        if dim.id not in dims:
            raise MethodError(
                f"Dimensionen {dim.id!r} finns inte i appen; kända dimensioner: "
                f"{', '.join(sorted(dims))} (unknown dimension).",
                file=method.file,
                key=f"dimensions[{d}].id",
            )
        for i, ind in enumerate(dim.indicators):
            if ind.column not in known:
                raise MethodError(
                    f"Indikatorn {ind.column!r} finns inte i Malmös data; se katalogen under "
                    "Data och metod (unknown indicator).",
                    file=method.file,
                    key=f"dimensions[{d}].indicators[{i}].column",
                )


def effective_weights(method: Method, weights: Mapping[str, float]) -> dict[str, float]:
    """Each indicator's share of the index in percent, for a weighted-mean method.

    The dimension's share of the dimension weights times the indicator's share of
    its dimension's indicator weights (exact when no value is missing; a missing
    value re-weights the others for that area).
    """
    w = {d.id: max(0.0, float(weights.get(d.id, 0.0))) for d in method.dimensions}
    total = sum(w.values())
    out: dict[str, float] = {}
    for dim in method.dimensions:
        inner = sum(ind.weight for ind in dim.indicators)
        for ind in dim.indicators:
            share = (w[dim.id] / total if total > 0 else 0.0) * (
                ind.weight / inner if inner > 0 else 0.0
            )
            out[ind.column] = 100.0 * share
    return out


def weight_table(method: Method, weights: Mapping[str, float]) -> pd.DataFrame:
    """What each dimension and indicator weighs in the index, as the method page lists it.

    Parameters
    ----------
    method : Method
        The (effective) method.
    weights : mapping
        The view's weight per dimension (dimensions not named weigh 0).

    Returns
    -------
    pandas.DataFrame
        One row per indicator in method order, columns ``dimension``,
        ``indicator`` (column id), ``direction``, ``dimension_share`` (the
        dimension's share of the weights in percent, NaN when every weight is
        zero) and ``indicator_share`` (:func:`effective_weights`).
    """
    in_method = {d: max(0.0, float(weights.get(d, 0.0))) for d in method.dimension_ids}
    total = sum(in_method.values())
    shares = weight_shares(in_method)
    effective = effective_weights(method, in_method)
    rows = [
        {
            "dimension": dim.id,
            "indicator": ind.column,
            "direction": ind.direction,
            "dimension_share": shares[dim.id] if total > 0 else float("nan"),
            "indicator_share": effective[ind.column],
        }
        for dim in method.dimensions
        for ind in dim.indicators
    ]
    return pd.DataFrame(
        rows,
        columns=["dimension", "indicator", "direction", "dimension_share", "indicator_share"],
    )

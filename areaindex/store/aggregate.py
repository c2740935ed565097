"""Aggregate RegSO values to larger areas from counts.

Shares are recomputed from summed numerators and denominators, never averaged:
the share of rented dwellings in Rosengård is (Σ rented) / (Σ dwellings) over its
RegSO. Means and medians cannot be recomputed from area values; they are
approximated by a population-weighted mean and marked ``approximate``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from areaindex.store.catalogue import Catalogue

KEYS = ["unit", "indicator", "year", "sex"]


def aggregate(
    values: pd.DataFrame, groups: pd.Series, catalogue: Catalogue, level: str
) -> pd.DataFrame:
    """Aggregate long-form RegSO values to the units of one level.

    Parameters
    ----------
    values : pandas.DataFrame
        RegSO values with columns ``unit, indicator, year, sex, value,
        numerator, denominator``.
    groups : pandas.Series
        RegSO code -> unit id of the target level.
    catalogue : Catalogue
        Says how each indicator aggregates.
    level : str
        The target level's id (recorded in the output).

    Returns
    -------
    pandas.DataFrame
        Columns ``level, unit, indicator, year, sex, value, numerator,
        denominator, approximate``. Categorical indicators are left out above
        RegSO: a class of a RegSO has no meaning for a larger area.
    """
    how = {ind.id: ind for ind in catalogue.indicators}
    frame = values.assign(unit=values["unit"].map(groups))
    if frame["unit"].isna().any():
        missing = values.loc[frame["unit"].isna(), "unit"].iloc[0]
        raise ValueError(f"RegSO {missing} saknar område på nivån {level}")
    parts = []
    for indicator_id, rows in frame.groupby("indicator", sort=True):
        ind = how[indicator_id]
        if ind.aggregation == "categorical":
            continue
        grouped = rows.groupby(["unit", "year", "sex"], sort=True)
        if ind.aggregation == "ratio":
            # Numerator and denominator over the same RegSO: those with both counts.
            both = rows["numerator"].notna() & rows["denominator"].notna()
            keys = [rows["unit"], rows["year"], rows["sex"]]
            num = rows["numerator"].where(both).groupby(keys, sort=True).sum(min_count=1)
            den = rows["denominator"].where(both).groupby(keys, sort=True).sum(min_count=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = (ind.scale * num / den).where(den > 0)
        elif ind.aggregation == "sum":
            # A total with a member missing is not the area's total: leave it missing.
            complete = grouped["value"].count() == grouped["value"].size()
            value = grouped["value"].sum(min_count=1).where(complete)
            num = den = pd.Series(np.nan, index=value.index)
        else:  # weighted_mean, weighted_median: approximation weighted by the denominator
            present = rows["value"].notna() & rows["denominator"].notna()
            weighted = (rows["value"] * rows["denominator"]).where(present)
            weight = rows["denominator"].where(present)
            keys = [rows["unit"], rows["year"], rows["sex"]]
            den = weight.groupby(keys, sort=True).sum(min_count=1)
            total = weighted.groupby(keys, sort=True).sum(min_count=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = (total / den).where(den > 0)
            num = pd.Series(np.nan, index=value.index)
        part = pd.DataFrame({"value": value, "numerator": num, "denominator": den}).reset_index()
        part.columns = ["unit", "year", "sex", "value", "numerator", "denominator"]
        part["indicator"] = indicator_id
        part["approximate"] = ind.approximate_at(level)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "level", level)
    cols = ["level", *KEYS, "value", "numerator", "denominator", "approximate"]
    return out[cols].sort_values(KEYS).reset_index(drop=True)


def at_regso(values: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """RegSO values as they are, in the same shape as :func:`aggregate`'s output."""
    approx = {ind.id: ind.approximate_at("regso") for ind in catalogue.indicators}
    out = values.copy()
    out.insert(0, "level", "regso")
    out["approximate"] = out["indicator"].map(approx).astype(bool)
    cols = ["level", *KEYS, "value", "numerator", "denominator", "approximate"]
    return out[cols].sort_values(KEYS).reset_index(drop=True)

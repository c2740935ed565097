"""Read-only access to ``indicators.duckdb`` at run time.

The web app never writes to the database: it opens the file read-only, with
extension auto-loading and external file access turned off, reads the small
dataset into memory once per process and closes the connection. Every query is
parameterised.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from areaindex.data_errors import AreaIndexError
from areaindex.store.catalogue import Catalogue, Dimension, Indicator
from areaindex.store.divisions import CITY_LEVEL, CITY_UNIT, LEVELS, Level

READ_ONLY_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
}


class DatabaseError(AreaIndexError):
    """The database is missing, unreadable or incomplete."""


@dataclass(frozen=True)
class Dataset:
    """Everything the app shows, loaded from the database."""

    catalogue: Catalogue
    levels: tuple[Level, ...]
    units: pd.DataFrame
    values: pd.DataFrame
    geometries: dict[str, dict[str, Any]]
    meta: dict[str, str] = field(default_factory=dict)
    membership: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # level->unit->regso
    path: Path | None = None
    # How approximate the turnout geography is, per level, unit, indicator and year
    # (areaindex.sources.turnout.approximation_table).
    turnout_approximation: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Public lists to hold the index against (see areaindex.views.reference_lists): one row per
    # list and year, and one per named area and the RegSO it covers (approximate).
    reference_lists: pd.DataFrame = field(default_factory=pd.DataFrame)
    reference_areas: pd.DataFrame = field(default_factory=pd.DataFrame)

    def level(self, level_id: str) -> Level:
        """A map level by id."""
        for lvl in self.levels:
            if lvl.id == level_id:
                return lvl
        raise KeyError(level_id)

    def unit_ids(self, level_id: str) -> list[str]:
        """Unit ids of a level in display order."""
        rows = self.units[self.units["level"] == level_id]
        return rows.sort_values("unit_order")["unit"].tolist()

    def unit_names(self, level_id: str) -> dict[str, str]:
        """Unit id -> name for a level."""
        rows = self.units[self.units["level"] == level_id]
        return dict(zip(rows["unit"], rows["name"], strict=True))

    def years(self) -> list[int]:
        """Every year any indicator has values for."""
        return sorted({y for ind in self.catalogue.indicators for y in ind.years})


def connect_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the database read-only with extension loading and file access off."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path} finns inte")
    try:
        return duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
    except duckdb.Error as exc:
        raise DatabaseError(f"{path} kan inte öppnas: {exc}") from exc


def load_dataset(path: str | Path) -> Dataset:
    """Load the whole dataset from ``path`` into memory.

    Raises
    ------
    DatabaseError
        If the file is missing, unreadable or lacks a table.
    """
    con = connect_read_only(path)
    try:
        tables = {
            name: con.execute(f'SELECT * FROM "{name}"').df()  # noqa: S608 - fixed names
            for name in (
                "meta",
                "levels",
                "dimensions",
                "indicators",
                "units",
                "indicator_values",
                "membership",
                "turnout_approximation",
                "reference_lists",
                "reference_areas",
            )
        }
        # Shapes of Malmö's levels now; the 6,700 national ones when first drawn.
        eager = [lvl.id for lvl in (*LEVELS, CITY_LEVEL)]
        tables["geometries"] = con.execute(
            "SELECT level, unit, geojson FROM geometries WHERE list_contains(?, level)", [eager]
        ).df()
    except duckdb.Error as exc:
        raise DatabaseError(f"{path} är ofullständig: {exc}") from exc
    finally:
        con.close()
    return replace(_dataset_from_tables(tables), path=Path(path))


def load_geometries(dataset: Dataset, level: str) -> dict[str, Any]:
    """The shapes of ``level`` (unit -> GeoJSON geometry), read once and kept.

    Malmö's levels are loaded with the dataset; the large national ones are read
    from the database the first time they are needed.
    """
    if level in dataset.geometries or dataset.path is None:
        return dataset.geometries.get(level, {})
    con = connect_read_only(dataset.path)
    try:
        rows = con.execute(
            "SELECT unit, geojson FROM geometries WHERE level = ?", [level]
        ).fetchall()
    except duckdb.Error as exc:
        raise DatabaseError(f"{dataset.path} är ofullständig: {exc}") from exc
    finally:
        con.close()
    shapes = {unit: json.loads(text) for unit, text in rows}
    dataset.geometries[level] = shapes  # the dict is a cache; the dataset stays the same
    return shapes


def _dataset_from_tables(tables: dict[str, pd.DataFrame]) -> Dataset:
    dims = tables["dimensions"].sort_values("ord")
    dimensions = tuple(
        Dimension(
            r.dimension, r.name_sv, r.name_en, r.description_sv, r.description_en, r.proposed_by
        )
        for r in dims.itertuples(index=False)
    )
    inds = tables["indicators"].sort_values("ord").drop(columns=["ord"])
    indicators = []
    for record in inds.to_dict("records"):
        record["id"] = record.pop("indicator")
        record["years"] = tuple(int(y) for y in record["years"])
        record["sexes"] = tuple(record["sexes"])
        indicators.append(Indicator(**record))
    levels_frame = tables["levels"].sort_values("ord")
    levels = tuple(
        Level(
            r.level,
            r.name_sv,
            r.name_en,
            bool(r.approximate),
            bool(r.provisional),
            r.note_sv,
            r.note_en,
        )
        for r in levels_frame.itertuples(index=False)
        if r.level != CITY_LEVEL.id
    )
    geometries: dict[str, dict[str, Any]] = {}
    for row in tables["geometries"].itertuples(index=False):
        geometries.setdefault(row.level, {})[row.unit] = json.loads(row.geojson)
    meta = dict(zip(tables["meta"]["key"], tables["meta"]["value"], strict=True))
    values = tables["indicator_values"]
    values["year"] = values["year"].astype(int)
    membership: dict[str, dict[str, list[str]]] = {}
    for row in tables["membership"].sort_values(["level", "unit", "regso"]).itertuples(index=False):
        membership.setdefault(row.level, {}).setdefault(row.unit, []).append(row.regso)
    return Dataset(
        catalogue=Catalogue(dimensions, tuple(indicators), {}),
        levels=levels,
        units=tables["units"],
        values=values,
        geometries=geometries,
        meta=meta,
        membership=membership,
        turnout_approximation=tables["turnout_approximation"],
        reference_lists=tables["reference_lists"],
        reference_areas=tables["reference_areas"],
    )


@dataclass(frozen=True)
class IndicatorFrame:
    """Indicator values of one level, wide: units × indicators, with their years."""

    values: pd.DataFrame
    years: pd.DataFrame
    approximate: pd.DataFrame


def indicator_frame(
    dataset: Dataset,
    level: str,
    *,
    year: int | None = None,
    sex: str = "total",
    indicators: Sequence[str] | None = None,
    first_year_fallback: bool = False,
) -> IndicatorFrame:
    """Wide table of indicator values for the units of ``level``.

    Each indicator takes its most recent year not after ``year`` (its latest
    year when ``year`` is None), so indicators published for different years can
    be combined; the year used is returned beside every value. With
    ``first_year_fallback``, an indicator that has no year up to ``year`` (it
    starts later, like one published for 2022 only) takes its first year
    instead of being missing. Where an
    indicator has no value for ``sex``, the total is not substituted: the
    value is missing.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : str
        Level id (``omraden``, ``stadsdelar``, ``stadsomraden``, ``regso`` or ``kommun``).
    year : int, optional
        The reference year.
    sex : str, default "total"
        ``total``, ``women`` or ``men``.
    indicators : sequence of str, optional
        Indicator ids (default: all non-categorical indicators).

    Returns
    -------
    IndicatorFrame
        ``values``, ``years`` and ``approximate``, each indexed by unit id (in
        display order) with one column per indicator.
    """
    ids = (
        list(indicators)
        if indicators is not None
        else [
            i.id
            for i in dataset.catalogue.indicators
            if i.aggregation != "categorical" or level == "regso"
        ]
    )
    rows = dataset.values
    rows = rows[(rows["level"] == level) & (rows["sex"] == sex) & rows["indicator"].isin(ids)]
    if year is not None:
        early = rows["year"] <= year
        if first_year_fallback:
            first = rows.groupby(["unit", "indicator"])["year"].transform("min")
            early |= (rows["year"] == first) & (first > year)
        rows = rows[early]
    latest = rows.sort_values("year").drop_duplicates(["unit", "indicator"], keep="last")
    units = dataset.unit_ids(level) if level != CITY_LEVEL.id else [CITY_UNIT]

    def wide(column: str) -> pd.DataFrame:
        table = latest.pivot(index="unit", columns="indicator", values=column)
        return table.reindex(index=units, columns=ids)

    return IndicatorFrame(
        values=wide("value").astype(float),
        years=wide("year"),
        approximate=wide("approximate").eq(True),  # missing -> False, without fillna on floats
    )


# Shape sets that belong to another level's units (coarser shapes for an overview).
UNITS_OF_SHAPES = {"sverige_oversikt": "sverige"}


def feature_collection(dataset: Dataset, level: str) -> dict[str, Any]:
    """The level's shapes as a GeoJSON FeatureCollection (property ``unit`` and ``name``)."""
    unit_level = UNITS_OF_SHAPES.get(level, level)
    names = dataset.unit_names(unit_level)
    shapes = load_geometries(dataset, level)
    features = [
        {"type": "Feature", "properties": {"unit": unit, "name": names[unit]}, "geometry": geom}
        for unit, geom in shapes.items()
    ]
    order = {u: i for i, u in enumerate(dataset.unit_ids(unit_level))}
    features.sort(key=lambda f: order.get(f["properties"]["unit"], np.inf))
    return {"type": "FeatureCollection", "features": features}

"""All of Sweden in the committed format: the national files and their database tables.

``prepare`` writes the files (see ``areaindex.sources.sweden``); ``build`` reads
them here and turns them into the national levels of the database.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from areaindex.data_errors import SourceError
from areaindex.store import geo

FOLDER = "sverige"
GEOMETRY_FILE = f"geodata/{FOLDER}/regso.geojson.gz"
VALUES_FILE = f"data/{FOLDER}/values_official.csv.gz"
KOMMUNER_FILE = f"data/{FOLDER}/kommuner.csv"


def read_geometry(root: Path) -> gpd.GeoDataFrame:
    """The committed national RegSO map (WGS84)."""
    path = root / GEOMETRY_FILE
    try:
        doc = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
        return gpd.GeoDataFrame.from_features(doc["features"], crs=geo.WGS84)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise SourceError(path, f"ogiltig gzip/GeoJSON: {exc}") from exc


def read_kommuner(root: Path) -> pd.DataFrame:
    """The committed municipality list (code, name)."""
    path = root / KOMMUNER_FILE
    try:
        frame = pd.read_csv(path, dtype=str)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    if list(frame.columns) != ["kommun", "namn"]:
        raise SourceError(path, f"väntade kolumnerna kommun, namn; fann {list(frame.columns)}")
    return frame


# Levels of the national data in the database. "sverige" holds every RegSO of the
# country (a municipality's view is its subset); "sverige_kommun" every municipality,
# whose values are the "city value" areas of that municipality are compared with.
NATIONAL_LEVEL = "sverige"
KOMMUN_LEVEL = "sverige_kommun"
# Shapes for the whole-country view: coarser, so that 3,363 areas stay interactive.
OVERVIEW_LEVEL = "sverige_oversikt"
OVERVIEW_TOLERANCE_DEG = 4e-3  # about 250-450 m


def national_tables(root: Path, catalogue: object) -> dict[str, pd.DataFrame]:
    """Units, values and shapes of the national levels, for the database.

    Parameters
    ----------
    root : Path
        The project root holding the committed national files.
    catalogue : Catalogue
        To aggregate RegSO values to municipalities from counts.

    Returns
    -------
    dict
        ``units`` (level, unit, name, population, kommun), ``values`` (long form
        with level and approximate) and ``geometries`` (level, unit, geojson).
    """
    import shapely

    from areaindex.store.aggregate import aggregate, at_regso
    from areaindex.store.longtable import read_long

    shapes = read_geometry(root).sort_values("regso").reset_index(drop=True)
    kommuner = read_kommuner(root)
    values = read_long(root / VALUES_FILE)
    unknown = set(values["unit"]) - set(shapes["regso"])
    if unknown:
        raise SourceError(root / VALUES_FILE, f"RegSO finns inte på kartan: {sorted(unknown)[:5]}")
    regso_values = at_regso(values, catalogue).assign(level=NATIONAL_LEVEL)
    groups = shapes.set_index("regso")["kommun"]
    kommun_values = aggregate(values, groups, catalogue, KOMMUN_LEVEL)
    population = values[(values["indicator"] == "population") & (values["sex"] == "total")]
    latest = population[population["year"] == population["year"].max()].set_index("unit")["value"]
    names = dict(zip(kommuner["kommun"], kommuner["namn"], strict=True))
    regso_units = pd.DataFrame(
        {
            "level": NATIONAL_LEVEL,
            "unit": shapes["regso"],
            "name": [
                f"{n} ({names.get(k, k)})"
                for n, k in zip(shapes["name"], shapes["kommun"], strict=True)
            ],
            "population": [float(latest.get(u, float("nan"))) for u in shapes["regso"]],
            "kommun": shapes["kommun"],
        }
    )
    kommun_pop = latest.groupby(groups.reindex(latest.index).to_numpy()).sum()
    kommun_units = pd.DataFrame(
        {
            "level": KOMMUN_LEVEL,
            "unit": kommuner["kommun"],
            "name": kommuner["namn"],
            "population": [float(kommun_pop.get(k, float("nan"))) for k in kommuner["kommun"]],
            "kommun": kommuner["kommun"],
        }
    )
    detail = [
        (NATIONAL_LEVEL, unit, shapely.to_geojson(geom))
        for unit, geom in zip(shapes["regso"], shapes.geometry, strict=True)
    ]
    coarse = shapely.coverage_simplify(shapes.geometry.values, OVERVIEW_TOLERANCE_DEG)
    overview = [
        (OVERVIEW_LEVEL, unit, shapely.to_geojson(shapely.set_precision(geom, 1e-4)))
        for unit, geom in zip(shapes["regso"], coarse, strict=True)
    ]
    for frame, order in ((regso_units, 100), (kommun_units, 101)):
        frame["level_order"] = order
        ranked = frame["name"].str.casefold().rank(method="first").astype(int) - 1
        frame["unit_order"] = ranked.to_numpy()
    return {
        "units": pd.concat([regso_units, kommun_units], ignore_index=True),
        "values": pd.concat([regso_values, kommun_values], ignore_index=True),
        "geometries": pd.DataFrame(detail + overview, columns=["level", "unit", "geojson"]),
    }

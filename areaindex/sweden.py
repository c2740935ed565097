"""All of Sweden: SCB's official indicators for all RegSO, for the municipality picker.

``prepare`` writes, besides Malmö's dataset:

- ``geodata/sverige/regso.geojson.gz``: all RegSO of Sweden (RegSO 2025),
  simplified as a coverage (50 m), WGS84. Unlike Malmö's map the sea inside
  municipal borders is *not* clipped away: there is no land mask for the whole
  country among the sources.
- ``data/sverige/values_official.csv.gz``: the official indicators per RegSO in
  the same long form as Malmö's (no illustrative values outside Malmö).
- ``data/sverige/kommuner.csv``: municipality codes and names.

Files are gzip-compressed deterministically (no timestamp), so the same
sources give the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from areaindex import geo
from areaindex.data_errors import SourceError
from areaindex.official import LONG_COLUMNS, RAW_FILES, official_values
from areaindex.regso import read_kommun_codes, read_regso_polygons

REGSO_FILE = "scb/regso_2025/RegSO_2025.gpkg"
SIMPLIFY_TOLERANCE_M = 50.0
# Coordinates to 5 decimals (about 1 m): finer than the 50 m simplification.
DECIMALS = 5
FOLDER = "sverige"
GEOMETRY_FILE = f"geodata/{FOLDER}/regso.geojson.gz"
VALUES_FILE = f"data/{FOLDER}/values_official.csv.gz"
KOMMUNER_FILE = f"data/{FOLDER}/kommuner.csv"


def national_register(source: Path) -> gpd.GeoDataFrame:
    """All RegSO of Sweden (SWEREF 99 TM)."""
    return read_regso_polygons(source / REGSO_FILE)


def kommun_table(source: Path, register: pd.DataFrame) -> pd.DataFrame:
    """Municipality code and name for every municipality in the RegSO map."""
    names = {
        code: name for name, code in read_kommun_codes(source / RAW_FILES["deso_regso"]).items()
    }
    codes = sorted(set(register["kommun"]))
    missing = [c for c in codes if c not in names]
    if missing:
        raise SourceError(source / RAW_FILES["deso_regso"], f"kommunnamn saknas: {missing[:5]}")
    return pd.DataFrame({"kommun": codes, "namn": [names[c] for c in codes]})


def gzip_bytes(data: bytes) -> bytes:
    """Gzip without a timestamp, so identical input gives identical files."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(data)
    return buffer.getvalue()


def geometry_bytes(register: gpd.GeoDataFrame) -> bytes:
    """The national RegSO map as compact GeoJSON (one feature per line), gzip-compressed."""
    simple = geo.simplify_coverage(register, SIMPLIFY_TOLERANCE_M)
    collection = geo.feature_collection(simple, ["regso", "name", "kommun"], decimals=DECIMALS)
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return gzip_bytes(text.encode("utf-8"))


def values_bytes(values: pd.DataFrame) -> bytes:
    """Long-form values as gzip-compressed CSV (counts as integers, 6 significant digits)."""
    frame = values[list(LONG_COLUMNS)].copy()
    for column in ("numerator", "denominator"):
        frame[column] = frame[column].round().astype("Int64")
    text = frame.to_csv(index=False, float_format="%.6g", lineterminator="\n")
    return gzip_bytes(text.encode("utf-8"))


def prepare_sweden(source: Path) -> dict[str, bytes]:
    """Compute the national files (relative path -> bytes); nothing is written here."""
    register = national_register(source)
    kommun_codes = read_kommun_codes(source / RAW_FILES["deso_regso"])
    values = official_values(source, register, kommun_codes, strict=False)
    kommuner = kommun_table(source, register)
    return {
        GEOMETRY_FILE: geometry_bytes(register),
        VALUES_FILE: values_bytes(values),
        KOMMUNER_FILE: kommuner.to_csv(index=False, lineterminator="\n").encode("utf-8"),
    }


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

    from areaindex.aggregate import aggregate, at_regso
    from areaindex.prepare import read_long

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

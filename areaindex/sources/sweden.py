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

from areaindex.data_errors import SourceError
from areaindex.sources.official import RAW_FILES, official_values
from areaindex.sources.regso import read_kommun_codes, read_regso_polygons
from areaindex.store import geo
from areaindex.store.longtable import LONG_COLUMNS
from areaindex.store.sweden import GEOMETRY_FILE, KOMMUNER_FILE, VALUES_FILE

REGSO_FILE = "scb/regso_2025/RegSO_2025.gpkg"
SIMPLIFY_TOLERANCE_M = 50.0
# Coordinates to 5 decimals (about 1 m): finer than the 50 m simplification.
DECIMALS = 5


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

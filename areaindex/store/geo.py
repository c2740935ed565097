"""Geometry at build time: clip to land, simplify as a coverage, dissolve, write GeoJSON.

All operations keep the polygons a *coverage* — no gaps and no overlaps between
neighbours — because a choropleth with slivers between areas looks broken and
misleads. Shapely's coverage functions simplify shared edges once, for both
neighbours.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from areaindex.data_errors import SourceError

WGS84 = "EPSG:4326"
SWEREF99TM = "EPSG:3006"
# 1e-6 degrees is about 0.1 m: far below what a city map can show.
COORDINATE_DECIMALS = 6


def land_mask(zones: gpd.GeoDataFrame) -> shapely.Geometry:
    """The union of polygons that together cover the land (Malmö's delområden)."""
    return shapely.coverage_union_all(shapely.make_valid(zones.geometry.values))


def clip_to_land(frame: gpd.GeoDataFrame, land: shapely.Geometry) -> gpd.GeoDataFrame:
    """Cut away everything outside ``land`` (the sea inside municipal borders).

    Pieces that are not polygons (lines or points where a unit only touches the
    mask) are dropped.
    """
    clipped = shapely.intersection(frame.geometry.values, land)
    clipped = np.array([_polygonal(g) for g in clipped], dtype=object)
    return frame.set_geometry(gpd.GeoSeries(clipped, crs=frame.crs, index=frame.index))


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    if geometry is None or geometry.is_empty:
        return geometry
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify polygons that form a coverage without opening gaps or overlaps.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Polygons forming a valid coverage.
    tolerance : float
        Simplification tolerance in the units of the CRS (metres in SWEREF 99 TM).

    Returns
    -------
    geopandas.GeoDataFrame
        The same rows with simplified geometry.

    Raises
    ------
    ValueError
        If the input is not a valid coverage (overlapping polygons).
    """
    geoms = frame.geometry.values
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("polygonerna överlappar varandra (not a valid coverage)")
    simple = shapely.coverage_simplify(geoms, tolerance)
    return frame.set_geometry(gpd.GeoSeries(simple, crs=frame.crs, index=frame.index))


def dissolve(
    frame: gpd.GeoDataFrame, groups: pd.Series, *, order: Sequence[str] | None = None
) -> gpd.GeoSeries:
    """Union the polygons of each group exactly (shared edges vanish, no slivers).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Polygons forming a coverage.
    groups : pandas.Series
        Group key per row of ``frame`` (same index).
    order : sequence of str, optional
        Group keys in output order; default sorted.

    Returns
    -------
    geopandas.GeoSeries
        One geometry per group, indexed by group key.
    """
    keys = list(order) if order is not None else sorted(groups.dropna().unique())
    geoms = [shapely.coverage_union_all(frame.geometry.values[(groups == k).values]) for k in keys]
    return gpd.GeoSeries(geoms, index=pd.Index(keys), crs=frame.crs)


def largest_overlap(
    units: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, zone_column: str, unit_column: str
) -> pd.DataFrame:
    """Assign each unit to the zone holding the largest part of its area.

    Returns
    -------
    pandas.DataFrame
        Columns ``unit_column``, ``zone_column`` and ``share`` (the share of the
        unit's area inside its zone, 0–1), one row per unit.
    """
    overlay = gpd.overlay(
        units[[unit_column, "geometry"]], zones[[zone_column, "geometry"]], how="intersection"
    )
    overlay["area"] = overlay.geometry.area
    areas = overlay.groupby([unit_column, zone_column])["area"].sum().unstack(fill_value=0.0)
    share = areas.div(areas.sum(axis=1), axis=0)
    return pd.DataFrame(
        {
            unit_column: share.index,
            zone_column: share.idxmax(axis=1).values,
            "share": share.max(axis=1).values,
        }
    ).reset_index(drop=True)


def round_coordinates(geometry: shapely.Geometry, decimals: int = COORDINATE_DECIMALS):
    """Round coordinates (for compact files); repairs any invalidity this creates."""
    rounded = shapely.set_precision(geometry, 10.0**-decimals)
    return rounded if rounded.is_valid else shapely.make_valid(rounded)


def feature_collection(
    frame: gpd.GeoDataFrame, properties: Sequence[str], *, decimals: int = COORDINATE_DECIMALS
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (WGS84) with rounded coordinates and chosen properties."""
    if frame.crs is None or frame.crs.to_string() != WGS84:
        frame = frame.to_crs(WGS84)
    features = []
    for row in frame.itertuples(index=False):
        geometry = round_coordinates(row.geometry, decimals)
        features.append(
            {
                "type": "Feature",
                "properties": {p: _plain(getattr(row, p)) for p in properties},
                "geometry": json.loads(shapely.to_geojson(geometry)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def write_geojson(collection: Mapping[str, Any], path: str | Path) -> None:
    """Write GeoJSON compactly and deterministically (one feature per line)."""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    body = ",\n".join(lines)
    Path(path).write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )


def read_geojson(path: str | Path) -> gpd.GeoDataFrame:
    """Read a committed GeoJSON file (WGS84) into a GeoDataFrame.

    Raises
    ------
    SourceError
        If the file is missing, is not JSON or holds invalid geometry.
    """
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        frame = gpd.GeoDataFrame.from_features(doc["features"], crs=WGS84)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SourceError(path, f"ogiltig GeoJSON: {exc}") from exc
    bad = ~frame.geometry.is_valid
    if bad.any():
        raise SourceError(path, "ogiltig geometri", row=int(np.flatnonzero(bad)[0]))
    return frame

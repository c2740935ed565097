"""Tests for areaindex.store.geo on small squares in SWEREF 99 TM (metres), hand-computed."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from areaindex.data_errors import SourceError
from areaindex.store import geo

CRS = geo.SWEREF99TM
# A point in Malmö, so that WGS84 conversions are realistic.
X0, Y0 = 374_000.0, 6_160_000.0


def box(x1: float, y1: float, x2: float, y2: float) -> shapely.Polygon:
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def frame(ids: list[str], geoms: list, column: str = "regso") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({column: ids}, geometry=geoms, crs=CRS)


def test_land_mask_is_the_union_of_zones():
    zones = frame(["a", "b"], [box(0, 0, 100, 100), box(100, 0, 200, 100)], "delomrade")
    land = geo.land_mask(zones)
    assert land.geom_type == "Polygon"
    assert land.area == pytest.approx(20_000)
    assert land.equals(box(0, 0, 200, 100))


def test_clip_to_land_cuts_the_sea_and_drops_lines():
    land = box(0, 0, 60, 100)
    units = frame(
        ["half", "inside", "touching"],
        [box(0, 0, 100, 100), box(10, 10, 20, 20), box(60, 0, 80, 100)],  # shares an edge only
    )
    clipped = geo.clip_to_land(units, land)
    assert clipped["regso"].tolist() == ["half", "inside", "touching"]
    assert clipped.geometry.area.tolist() == pytest.approx([6_000, 100, 0])
    assert clipped.geometry.iloc[0].equals(box(0, 0, 60, 100))
    # The edge it shares with the land is a line: not kept as a "polygon".
    assert clipped.geometry.iloc[2].is_empty
    assert clipped.geometry.iloc[2].geom_type in ("Polygon", "MultiPolygon")
    assert clipped.crs == units.crs


def test_clip_keeps_polygons_of_a_mixed_intersection():
    land = shapely.union_all([box(0, 0, 10, 10), box(20, 0, 30, 10)])
    unit = frame(["u"], [box(5, 0, 20, 10)])  # overlaps one, touches the other at x = 20
    clipped = geo.clip_to_land(unit, land).geometry.iloc[0]
    assert clipped.geom_type == "Polygon"
    assert clipped.area == pytest.approx(50)


def zigzag_pair() -> gpd.GeoDataFrame:
    """Two neighbours sharing an edge with 1 m wiggles every 10 m."""
    edge = [(X0 + 100 + (1.0 if i % 2 else 0.0), Y0 + 10.0 * i) for i in range(11)]
    left = shapely.Polygon([(X0, Y0), *edge, (X0, Y0 + 100)])
    right = shapely.Polygon([(X0 + 200, Y0), (X0 + 200, Y0 + 100), *reversed(edge)])
    return frame(["left", "right"], [left, right])


def test_simplify_coverage_keeps_neighbours_sharing_edges():
    pair = zigzag_pair()
    assert shapely.coverage_is_valid(pair.geometry.values)
    simple = geo.simplify_coverage(pair, 5.0)
    assert simple["regso"].tolist() == ["left", "right"]
    # Wiggles under the tolerance are gone ...
    assert (
        shapely.get_num_coordinates(simple.geometry.values).sum()
        < shapely.get_num_coordinates(pair.geometry.values).sum()
    )
    # ... but no gap or overlap opens between the two.
    assert shapely.coverage_is_valid(simple.geometry.values)
    union = shapely.union_all(simple.geometry.values)
    assert union.area == pytest.approx(simple.geometry.area.sum())
    assert union.area == pytest.approx(pair.geometry.area.sum(), rel=1e-3)
    assert union.geom_type == "Polygon" and not list(union.interiors)


def test_simplify_coverage_refuses_overlaps():
    overlapping = frame(["a", "b"], [box(0, 0, 100, 100), box(50, 0, 150, 100)])
    with pytest.raises(ValueError, match="överlappar"):
        geo.simplify_coverage(overlapping, 5.0)


def test_dissolve_unions_groups_exactly_in_order():
    squares = frame(
        ["r1", "r2", "r3", "r4"],
        [box(0, 0, 10, 10), box(10, 0, 20, 10), box(0, 10, 10, 20), box(10, 10, 20, 20)],
    )
    groups = pd.Series(["south", "south", "north", "north"], index=squares.index)
    shapes = geo.dissolve(squares, groups, order=["south", "north"])
    assert shapes.index.tolist() == ["south", "north"]
    assert shapes.crs == squares.crs
    assert shapes["south"].equals(box(0, 0, 20, 10))  # the shared edge vanished
    assert shapes["north"].equals(box(0, 10, 20, 20))
    assert geo.dissolve(squares, groups).index.tolist() == ["north", "south"]  # default sorted


def test_largest_overlap_assigns_the_larger_share():
    units = frame(["u1", "u2", "u3"], [box(0, 0, 10, 10), box(12, 0, 14, 10), box(0, 0, 4, 10)])
    zones = frame(["A", "B"], [box(0, 0, 7, 10), box(7, 0, 20, 10)], "zone")
    result = geo.largest_overlap(units, zones, "zone", "regso").set_index("regso")
    assert result.loc["u1", "zone"] == "A"
    assert result.loc["u1", "share"] == pytest.approx(0.7)
    assert result.loc["u2", "zone"] == "B"
    assert result.loc["u2", "share"] == pytest.approx(1.0)
    assert result.loc["u3", "zone"] == "A"
    assert list(result.reset_index().columns) == ["regso", "zone", "share"]


def test_round_coordinates_and_repair():
    point = shapely.Point(13.123456789, 55.987654321)
    rounded = geo.round_coordinates(point)
    assert shapely.get_coordinates(rounded).tolist() == [[13.123457, 55.987654]]
    # A sliver thinner than the grid collapses; the result is still valid.
    sliver = shapely.Polygon([(0, 0), (1, 0), (1, 1e-8), (0, 2e-8)])
    assert geo.round_coordinates(sliver).is_valid


def test_feature_collection_converts_to_wgs84_and_plain_types(tmp_path):
    units = frame(["1280R001"], [box(0, 0, 100, 100)])
    units["rank"] = np.int64(3)
    collection = geo.feature_collection(units, ["regso", "rank"])
    feature = collection["features"][0]
    assert feature["properties"] == {"regso": "1280R001", "rank": 3}
    assert type(feature["properties"]["rank"]) is int
    lon, lat = np.array(feature["geometry"]["coordinates"][0]).T
    assert (lon > 12.8).all() and (lon < 13.2).all() and (lat > 55.4).all() and (lat < 55.7).all()
    # 6 decimals at most (about 0.1 m).
    assert all(round(c, 6) == c for c in [*lon, *lat])
    json.dumps(collection)  # serialisable as is


def test_write_and_read_geojson_round_trip(tmp_path):
    units = frame(["1280R001", "1280R002"], [box(0, 0, 100, 100), box(100, 0, 200, 100)])
    units["name"] = ["Lindängen", "Ön"]
    path = tmp_path / "regso.geojson"
    geo.write_geojson(geo.feature_collection(units, ["regso", "name"]), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{"type":"FeatureCollection","features":[\n')
    lines = text.splitlines()
    assert len(lines) == 4 and lines[-1] == "]}"  # one feature per line
    assert json.loads(lines[1].rstrip(","))["properties"]["regso"] == "1280R001"
    assert "Lindängen" in text  # not escaped
    back = geo.read_geojson(path)
    assert back.crs.to_string() == geo.WGS84
    assert back["regso"].tolist() == ["1280R001", "1280R002"]
    area = back.to_crs(CRS).geometry.area
    # 1e-6 degrees moves a vertex at most ~0.1 m: area within perimeter · 0.1 m = 40 m².
    assert area.tolist() == pytest.approx([10_000, 10_000], abs=40)
    # Deterministic: writing again gives the same bytes.
    again = tmp_path / "again.geojson"
    geo.write_geojson(geo.feature_collection(units, ["regso", "name"]), again)
    assert again.read_bytes() == path.read_bytes()


def test_read_geojson_errors(tmp_path):
    with pytest.raises(SourceError, match="filen saknas"):
        geo.read_geojson(tmp_path / "nope.geojson")
    bad_json = tmp_path / "bad.geojson"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match="ogiltig GeoJSON"):
        geo.read_geojson(bad_json)
    no_features = tmp_path / "nofeat.geojson"
    no_features.write_text('{"type":"FeatureCollection"}', encoding="utf-8")
    with pytest.raises(SourceError, match="ogiltig GeoJSON"):
        geo.read_geojson(no_features)
    bowtie = {
        "type": "Feature",
        "properties": {"regso": "x"},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
    }
    square = {
        "type": "Feature",
        "properties": {"regso": "y"},
        "geometry": json.loads(shapely.to_geojson(shapely.box(0, 0, 1, 1))),
    }
    invalid = tmp_path / "invalid.geojson"
    invalid.write_text(
        json.dumps({"type": "FeatureCollection", "features": [square, bowtie]}), encoding="utf-8"
    )
    with pytest.raises(SourceError, match="ogiltig geometri") as caught:
        geo.read_geojson(invalid)
    assert caught.value.row == 1
    assert "rad 2" in str(caught.value)

"""Tests for areaindex.store.divisions and the committed divisions (14 områden, stadsdelar)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pandas as pd
import pytest
import shapely

from areaindex.data_errors import SourceError
from areaindex.store import divisions, geo
from areaindex.store.divisions import (
    STADSOMRADEN,
    match_delomrade_names,
    membership,
    read_omraden,
    read_stadsdelar,
    slug,
    stadsomrade_of,
)

from .conftest import MALMO_POPULATION, N_REGSO


@pytest.fixture(scope="module")
def map_codes(repo_root) -> set[str]:
    doc = json.loads((repo_root / "geodata" / "regso.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["regso"] for f in doc["features"]}


@pytest.fixture(scope="module")
def division_rows(repo_root) -> list[dict[str, str]]:
    with open(repo_root / "geodata" / divisions.OMRADEN_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- the committed division -------------------------------------------------------------


def test_the_14_areas_cover_the_91_regso_exactly_once(division_rows, map_codes):
    assert len(map_codes) == N_REGSO
    counts = Counter(row["regso"] for row in division_rows)
    assert set(counts) == map_codes
    assert set(counts.values()) == {1}
    names = {row["omrade"]: set() for row in division_rows}
    for row in division_rows:
        names[row["omrade"]].add(row["omrade_namn"])
    assert len(names) == 14
    assert all(len(n) == 1 for n in names.values())  # one name per id
    assert len({n.pop() for n in names.values()}) == 14  # and no two ids share a name
    # Ids are the slugs of the names (Västra hamnen–Gamla staden: vastra-hamnen-gamla-staden).
    assert all(slug(row["omrade_namn"]) == row["omrade"] for row in division_rows)


def test_division_names_match_the_map(division_rows, repo_root):
    doc = json.loads((repo_root / "geodata" / "regso.geojson").read_text(encoding="utf-8"))
    on_map = {f["properties"]["regso"]: f["properties"]["name"] for f in doc["features"]}
    assert {row["regso"]: row["regso_namn"] for row in division_rows} == on_map


def test_every_area_has_14_000_to_41_000_inhabitants(db):
    values = db["indicator_values"]
    pop = values[
        (values["level"] == "omraden")
        & (values["indicator"] == "population")
        & (values["year"] == 2023)
        & (values["sex"] == "total")
    ].set_index("unit")["value"]
    assert len(pop) == 14
    assert pop.between(14_000, 41_000).all(), pop.sort_values()
    assert pop["oxie"] == 14_160  # the smallest, below the design target of ~15,000
    assert pop.sum() == MALMO_POPULATION[2023]


def test_every_area_is_one_connected_polygon(db, repo_root, division_rows):
    shapes = db["geometries"][db["geometries"]["level"] == "omraden"]
    assert len(shapes) == 14
    for unit, text in zip(shapes["unit"], shapes["geojson"], strict=True):
        geometry = shapely.from_geojson(text)
        assert geometry.geom_type == "Polygon", unit
        assert geometry.is_valid, unit
    # Also straight from the committed map, without the build's simplification.
    regso = geo.read_geojson(repo_root / "geodata" / "regso.geojson")
    groups = regso["regso"].map({row["regso"]: row["omrade"] for row in division_rows})
    dissolved = geo.dissolve(regso, groups)
    assert len(dissolved) == 14
    assert set(dissolved.geom_type) == {"Polygon"}


def test_committed_stadsdelar(repo_root, map_codes):
    table = read_stadsdelar(repo_root / "geodata" / divisions.STADSDELAR_FILE, map_codes)
    assert len(table) == N_REGSO
    assert table["stadsdel"].nunique() == 10
    assert table["stadsomrade"].nunique() == 5
    shares = table["andel_yta"].astype(float)
    assert (shares > 0.5).all() and (shares <= 1).all()


def test_membership_of_the_committed_divisions(repo_root, map_codes):
    omraden = read_omraden(repo_root / "geodata" / divisions.OMRADEN_FILE, map_codes)
    stadsdelar = read_stadsdelar(repo_root / "geodata" / divisions.STADSDELAR_FILE, map_codes)
    member = membership(omraden, stadsdelar)
    assert list(member.columns) == ["regso", "level", "unit", "unit_name"]
    counts = member.groupby("level")["unit"].nunique().to_dict()
    assert counts == {"omraden": 14, "stadsdelar": 10, "stadsomraden": 5, "kommun": 1, "regso": 91}
    # Every RegSO once per level.
    assert (member.groupby("level")["regso"].agg(lambda s: s.is_unique and len(s) == 91)).all()
    kommun = member[member["level"] == "kommun"]
    assert set(kommun["unit"]) == {"1280"} and set(kommun["unit_name"]) == {"Malmö"}
    lindangen = member[member["regso"] == "1280R045"].set_index("level")["unit"].to_dict()
    assert lindangen == {
        "omraden": "lindangen-hermodsdal-soderkulla",
        "stadsdelar": "fosie",
        "stadsomraden": "soder",
        "kommun": "1280",
        "regso": "1280R045",
    }


# --- helpers ----------------------------------------------------------------------------


def test_slug_and_stadsomraden():
    assert slug("Södra innerstaden") == "sodra-innerstaden"
    assert slug("Limhamn-Bunkeflo") == "limhamn-bunkeflo"
    assert slug("Västra hamnen–Gamla staden") == "vastra-hamnen-gamla-staden"
    assert stadsomrade_of("Oxie") == "Söder"
    assert stadsomrade_of("Kirseberg") == "Norr"
    with pytest.raises(KeyError):
        stadsomrade_of("Lund")
    parts = [s for ps in STADSOMRADEN.values() for s in ps]
    assert len(parts) == len(set(parts)) == 10
    assert divisions.level("stadsdelar").approximate
    assert divisions.level("omraden").provisional
    with pytest.raises(KeyError):
        divisions.level("kommun")  # the city is not a map level


STADSDEL_TABLE = pd.DataFrame(
    {
        "name": [
            "Malmö Hus",
            "Sofielunds Industriområde",
            "Södra Sofielund",
            "Sege Industriområde",
            "Sege Park",
        ],
        "stadsdel": ["Centrum", "Södra innerstaden", "Södra innerstaden", "Kirseberg", "Husie"],
    }
)


def test_match_delomrade_names_spelling_and_abbreviation():
    names = pd.Series(
        ["MALMÖHUS", "SOFIELUNDS INDUSTRIOMR.", "SÖDRA SOFIELUND", "malmö-hus"], index=[5, 6, 7, 8]
    )
    matched = match_delomrade_names(names, STADSDEL_TABLE)
    assert matched.index.tolist() == [5, 6, 7, 8]
    assert matched.tolist() == ["Centrum", "Södra innerstaden", "Södra innerstaden", "Centrum"]


@pytest.mark.parametrize(
    "name",
    [
        "ATLANTIS",
        "SEGE.",  # an abbreviation that fits two delområden in different stadsdelar
        "SOFIELUNDS INDUSTRIOMR",  # a prefix without the abbreviation's full stop
    ],
)
def test_match_delomrade_names_refuses_unknown_or_ambiguous(name):
    with pytest.raises(ValueError, match="finns inte") as caught:
        match_delomrade_names(pd.Series(["MALMÖHUS", name]), STADSDEL_TABLE)
    assert repr(name) in str(caught.value)


@pytest.mark.sources
def test_every_real_delomrade_has_a_stadsdel(shared_data):
    import geopandas as gpd

    zones = gpd.read_file(shared_data / "malmo" / "delomraden_epsg3008.gpkg")
    table = pd.read_csv(shared_data / "malmo" / "delomrade_stadsdel.csv", dtype=str)
    matched = match_delomrade_names(zones["delomrade"], table)
    assert len(matched) == 136
    assert set(matched) == {s for ps in STADSOMRADEN.values() for s in ps}
    by_name = dict(zip(zones["delomrade"], matched, strict=True))
    assert by_name["MALMÖHUS"] == "Centrum"
    assert by_name["SOFIELUNDS INDUSTRIOMR."] == "Södra innerstaden"


# --- read_omraden / read_stadsdelar errors ----------------------------------------------

CODES = {"1280R001", "1280R002", "1280R003"}
GOOD_DIVISION = [
    "regso,regso_namn,omrade,omrade_namn",
    "1280R001,Almvik,soder,Söder",
    "1280R002,Lindängen,soder,Söder",
    "1280R003,Ön,vaster,Väster",
]


def write_lines(tmp_path, lines: list[str], name: str = "div.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_omraden_good(tmp_path):
    shuffled = [GOOD_DIVISION[0], *reversed(GOOD_DIVISION[1:])]
    frame = read_omraden(write_lines(tmp_path, shuffled), CODES)
    assert frame["regso"].tolist() == ["1280R001", "1280R002", "1280R003"]
    assert frame["omrade"].tolist() == ["soder", "soder", "vaster"]


@pytest.mark.parametrize(
    ("lines", "row", "column", "message"),
    [
        (
            [*GOOD_DIVISION, "1280R002,Lindängen,vaster,Väster"],
            3,
            "regso",
            "RegSO 1280R002 förekommer två gånger",
        ),
        ([*GOOD_DIVISION, "1280R999,Atlantis,soder,Söder"], 3, "regso", "okänd RegSO-kod 1280R999"),
        (GOOD_DIVISION[:3], None, None, "RegSO saknar område: 1280R003"),
        (
            [*GOOD_DIVISION[:3], "1280R003,Ön,soder,Södra"],
            2,
            "omrade_namn",
            "området 'soder' har flera namn: 'Söder' och 'Södra'",
        ),
        (
            ["regso,regso_namn,omrade", "1280R001,Almvik,soder"],
            None,
            "omrade_namn",
            "kolumnen saknas",
        ),
        ([*GOOD_DIVISION[:3], "1280R003,Ön,,Väster"], 2, None, "tomt värde"),
    ],
)
def test_read_omraden_errors_name_row_and_column(tmp_path, lines, row, column, message):
    path = write_lines(tmp_path, lines)
    with pytest.raises(SourceError) as caught:
        read_omraden(path, CODES)
    err = caught.value
    assert err.path == path
    assert (err.row, err.column) == (row, column)
    assert message in str(err)
    assert str(err).startswith(str(path))
    if row is not None:
        assert f"rad {row + 1}" in str(err)


def test_read_omraden_missing_file(tmp_path):
    with pytest.raises(SourceError, match="filen saknas"):
        read_omraden(tmp_path / "nope.csv", CODES)


GOOD_STADSDELAR = [
    "regso,regso_namn,stadsdel,andel_yta,stadsomrade",
    "1280R001,Almvik,Fosie,1.0,Söder",
    "1280R002,Lindängen,Fosie,0.9,Söder",
    "1280R003,Ön,Limhamn-Bunkeflo,1.0,Väster",
]


@pytest.mark.parametrize(
    ("lines", "row", "column", "message"),
    [
        (
            [*GOOD_STADSDELAR, "1280R002,Lindängen,Oxie,0.1,Söder"],
            3,
            "regso",
            "RegSO 1280R002 förekommer två gånger",
        ),
        (GOOD_STADSDELAR[:3], None, None, "RegSO stämmer inte med kartan: 1280R003"),
        ([*GOOD_STADSDELAR[:3], "1280R003,Ön,Lund,1.0,Väster"], 2, None, "okänd stadsdel 'Lund'"),
        (
            [*GOOD_STADSDELAR[:3], "1280R003,Ön,Limhamn-Bunkeflo,1.0,Norr"],
            2,
            "stadsomrade",
            "stadsdelen 'Limhamn-Bunkeflo' hör inte till stadsområdet 'Norr'",
        ),
    ],
)
def test_read_stadsdelar_errors(tmp_path, lines, row, column, message):
    path = write_lines(tmp_path, lines)
    with pytest.raises(SourceError) as caught:
        read_stadsdelar(path, CODES)
    assert caught.value.path == path
    assert (caught.value.row, caught.value.column) == (row, column)
    assert message in str(caught.value)

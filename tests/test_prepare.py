"""Tests for areaindex.sources.prepare: raw sources -> the committed data, reproducibly and safely.

The tests marked ``sources`` read ``../shared/data`` (present in CI, absent from a
user's clone, where they are skipped).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from areaindex.data_errors import SourceError
from areaindex.sources.official import RAW_FILES
from areaindex.sources.prepare import (
    DELOMRADE_STADSDEL_FILE,
    DELOMRADEN_FILE,
    REGSO_FILE,
    SIMPLIFY_TOLERANCE_M,
    _write_atomically,
    prepare,
    run,
)
from areaindex.store import divisions, geo
from areaindex.store.longtable import LONG_COLUMNS, read_long, write_long

from .conftest import N_REGSO

OUTPUTS = (
    "data/values_official.csv",
    "data/values_illustrative.csv",
    "data/catalogue.toml",
    "data/valdistrikt_regso.csv",
    "geodata/regso.geojson",
    "geodata/regso_stadsdelar.csv",
    "geodata/sverige/regso.geojson.gz",
    "data/sverige/values_official.csv.gz",
    "data/sverige/kommuner.csv",
    "data/reference/polisen_utsatta_omraden_malmo.csv",
    "data/reference/omradesprogram_2010_2015.csv",
)
DIVISION = f"geodata/{divisions.OMRADEN_FILE}"
CROSSWALK = "data/valdistrikt_delomrade.csv"  # reviewed by hand, read by prepare


def project_copy(
    repo_root: Path, out: Path, files: tuple[str, ...] = (DIVISION, CROSSWALK)
) -> Path:
    for name in files:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(repo_root / name, out / name)
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def prepared(shared_data, repo_root, tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    out = project_copy(repo_root, tmp_path_factory.mktemp("prepared"))
    return out, prepare(shared_data, out=out)


@pytest.fixture(scope="module")
def land(shared_data) -> shapely.Geometry:
    zones = gpd.read_file(shared_data / DELOMRADEN_FILE).to_crs(geo.SWEREF99TM)
    return shapely.union_all(shapely.make_valid(zones.geometry.values))


# --- on the real sources -----------------------------------------------------------------


@pytest.mark.sources
def test_outputs_are_byte_identical_to_the_committed_files(prepared, repo_root):
    out, written = prepared
    assert {str(p.relative_to(out)) for p in written.values()} == set(OUTPUTS)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (repo_root / name).read_bytes(), (
            f"{name} is not reproduced by `python -m areaindex prepare`"
        )
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o644
    # Nothing else was written (no temporary files left behind).
    assert set(snapshot(out)) == {*OUTPUTS, DIVISION, CROSSWALK}


@pytest.mark.sources
def test_regso_map_is_a_wgs84_coverage_of_malmo_land(prepared, land, shared_data):
    out, _ = prepared
    regso = geo.read_geojson(out / "geodata" / "regso.geojson")
    assert len(regso) == N_REGSO
    assert regso["regso"].is_unique
    assert regso["regso"].str.fullmatch(r"1280R\d{3}").all()
    assert regso.crs.to_string() == geo.WGS84
    lon_min, lat_min, lon_max, lat_max = regso.total_bounds
    assert 12.8 < lon_min < lon_max < 13.2 and 55.4 < lat_min < lat_max < 55.7  # degrees: Malmö
    assert set(regso.geom_type) <= {"Polygon", "MultiPolygon"}

    # No overlaps and no gaps between neighbours.
    assert shapely.coverage_is_valid(regso.geometry.values)
    metric = regso.to_crs(geo.SWEREF99TM)
    union = shapely.union_all(metric.geometry.values)
    assert metric.geometry.area.sum() == pytest.approx(union.area, rel=1e-9)
    assert all(not list(part.interiors) for part in shapely.get_parts(union))

    # Nothing outside the land: at most the simplification tolerance off the coast ...
    outside = shapely.difference(union, land.buffer(SIMPLIFY_TOLERANCE_M + 1.0))
    assert outside.area == pytest.approx(0, abs=1.0)
    # ... and the sea is gone: SCB's polygons cover twice the land, the map covers the land.
    raw = gpd.read_file(shared_data / REGSO_FILE)
    assert raw.geometry.area.sum() > 1.5 * land.area
    assert union.area == pytest.approx(land.area, rel=1e-3)


@pytest.mark.sources
def test_every_regso_gets_a_stadsdel(prepared):
    out, _ = prepared
    table = pd.read_csv(out / "geodata" / "regso_stadsdelar.csv", dtype=str)
    assert len(table) == N_REGSO and table["regso"].is_unique
    assert table["stadsdel"].notna().all()
    assert table["stadsdel"].nunique() == 10
    assert table["stadsomrade"].nunique() == 5
    assert (table["stadsdel"].map(divisions.stadsomrade_of) == table["stadsomrade"]).all()


@pytest.mark.sources
@pytest.mark.parametrize(
    ("code", "winner", "winner_share", "runner_up", "runner_up_share"),
    [
        # Tygelsjö by omland: 70 % of its land in Limhamn-Bunkeflo, 30 % in Oxie.
        ("1280R073", "Limhamn-Bunkeflo", 0.704, "Oxie", 0.296),
        # Svågertorp-Lindeborg: 72 % in Hyllie, 25 % in Limhamn-Bunkeflo.
        ("1280R069", "Hyllie", 0.717, "Limhamn-Bunkeflo", 0.252),
    ],
)
def test_split_regso_goes_to_the_larger_share(
    prepared, shared_data, code, winner, winner_share, runner_up, runner_up_share
):
    out, _ = prepared
    table = pd.read_csv(out / "geodata" / "regso_stadsdelar.csv", dtype=str).set_index("regso")
    assert table.at[code, "stadsdel"] == winner
    assert float(table.at[code, "andel_yta"]) == winner_share

    # The shares measured here, from the raw polygons, without geo.largest_overlap.
    regso = gpd.read_file(shared_data / REGSO_FILE).set_index("regsokod").geometry[code]
    zones = gpd.read_file(shared_data / DELOMRADEN_FILE).to_crs(geo.SWEREF99TM)
    names = pd.read_csv(shared_data / DELOMRADE_STADSDEL_FILE, dtype=str)
    zones["stadsdel"] = divisions.match_delomrade_names(zones["delomrade"], names)
    overlap = {
        stadsdel: shapely.intersection(regso, shapely.union_all(group.geometry.values)).area
        for stadsdel, group in zones.groupby("stadsdel")
    }
    on_land = sum(overlap.values())
    shares = {s: a / on_land for s, a in overlap.items()}
    assert max(shares, key=shares.get) == winner
    assert shares[winner] == pytest.approx(winner_share, abs=1e-3)
    assert shares[runner_up] == pytest.approx(runner_up_share, abs=1e-3)
    assert shares[winner] < 1  # really split


def broken_source(shared_data: Path, tmp_path: Path, name: str, damage) -> Path:
    """A source tree of symlinks to the real files, with ``name`` replaced by a damaged copy."""
    source = tmp_path / "source"
    for path in shared_data.rglob("*"):
        if path.is_file():
            target = source / path.relative_to(shared_data)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, target)
    broken = source / name
    data = broken.read_bytes()
    broken.unlink()
    broken.write_bytes(damage(data))
    return source


def replace_once(old: str, new: str):
    def damage(data: bytes) -> bytes:
        text = data.decode("utf-8")
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1).encode("utf-8")

    return damage


def first_malmo_deso(column: int, new: str):
    def damage(data: bytes) -> bytes:
        text = data.decode("utf-8")
        match = re.search(rf"^1280C\d{{4}}(,[^,\n]*){{{column}}}", text, flags=re.MULTILINE)
        assert match
        line = match.group(0)
        cut = line.rfind(",")
        return text.replace(line, line[: cut + 1] + new, 1).encode("utf-8")

    return damage


CORRUPTIONS = {
    "non-number": (
        RAW_FILES["foreign_born"],
        replace_once(
            '"Malmö (RegSO-Lindängen)","totalt","totalt",4053,',
            '"Malmö (RegSO-Lindängen)","totalt","totalt",x4053,',
        ),
        "x4053",
    ),
    "missing-column": (
        RAW_FILES["tenure"],
        replace_once('"upplåtelseform"', '"upplatelseform"'),
        "upplåtelseform",
    ),
    "unknown-regso": (
        RAW_FILES["wage_income"],
        replace_once('"Malmö (RegSO-Lindängen)"', '"Malmö (RegSO-Lindängen väst)"'),
        "Lindängen väst",
    ),
    "deso-non-number": (RAW_FILES["deso_education"], first_malmo_deso(1, "många"), "många"),
    "not-utf8": (
        RAW_FILES["deso_regso"],
        lambda data: data.decode("utf-8-sig").encode("cp1252"),  # a Windows export
        "UTF-8",
    ),
    "truncated-gpkg": (REGSO_FILE, lambda data: data[:4096], "GeoPackage"),
    "unknown-delomrade": (
        DELOMRADE_STADSDEL_FILE,
        replace_once("Malmö Hus,", "Malmöhusen,"),
        "MALMÖHUS",
    ),
}


@pytest.mark.sources
@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corrupted_raw_file_names_the_file_and_writes_nothing(
    case, shared_data, repo_root, tmp_path
):
    name, damage, detail = CORRUPTIONS[case]
    source = broken_source(shared_data, tmp_path, name, damage)
    out = project_copy(repo_root, tmp_path / "out", (*OUTPUTS, DIVISION, CROSSWALK))
    before = snapshot(out)

    with pytest.raises(SourceError) as caught:
        prepare(source, out=out)

    assert caught.value.path == source / name
    assert str(source / name) in str(caught.value)
    assert detail in str(caught.value)
    assert snapshot(out) == before  # every committed file as it was, no temporary files


@pytest.mark.sources
def test_source_hashes_are_recorded(prepared, shared_data):
    import hashlib
    import tomllib

    out, _ = prepared
    meta = tomllib.loads((out / "data" / "catalogue.toml").read_text(encoding="utf-8"))["meta"]
    used = [*RAW_FILES.values(), REGSO_FILE, DELOMRADEN_FILE, DELOMRADE_STADSDEL_FILE]
    for name in used:
        digest = hashlib.sha256((shared_data / name).read_bytes()).hexdigest()
        assert meta[f"sha256:{name}"] == digest


# --- without the sources -------------------------------------------------------------------


def test_missing_source_folder_writes_nothing(tmp_path, repo_root, capsys):
    out = project_copy(repo_root, tmp_path / "out")
    before = snapshot(out)
    with pytest.raises(SourceError, match="mappen med källdata finns inte") as caught:
        prepare(tmp_path / "no-such-folder", out=out)
    assert caught.value.path == tmp_path / "no-such-folder"
    assert snapshot(out) == before

    # The command line says the same and exits with code 2.
    code = run(argparse.Namespace(source=tmp_path / "no-such-folder", out=out))
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("prepare: ")
    assert str(tmp_path / "no-such-folder") in err


def test_empty_source_folder_names_the_first_missing_file(tmp_path, repo_root):
    source = tmp_path / "source"
    source.mkdir()
    out = project_copy(repo_root, tmp_path / "out")
    with pytest.raises(SourceError) as caught:
        prepare(source, out=out)
    assert caught.value.path == source / REGSO_FILE
    assert set(snapshot(out)) == {DIVISION, CROSSWALK}


@pytest.mark.sources
def test_missing_division_file_is_named(tmp_path, shared_data):
    # prepare checks the hand-made division against the map before writing anything.
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SourceError, match="filen saknas") as caught:
        prepare(shared_data, out=out)
    assert caught.value.path == out / DIVISION
    assert list(out.rglob("*")) == []


def test_write_long_and_read_long(tmp_path):
    values = pd.DataFrame(
        {
            "unit": ["1280R001", "1280R002"],
            "indicator": ["share_rented", "population"],
            "year": [2022, 2023],
            "sex": ["total", "total"],
            "value": [100 * 600 / 1001, 4208.0],
            "numerator": [600.0, np.nan],
            "denominator": [1001.0, np.nan],
            "extra": ["dropped", "dropped"],
        }
    )
    path = tmp_path / "values.csv"
    write_long(values, path)
    assert path.read_text(encoding="utf-8") == (
        "unit,indicator,year,sex,value,numerator,denominator\n"
        "1280R001,share_rented,2022,total,59.9401,600,1001\n"
        "1280R002,population,2023,total,4208,,\n"
    )
    back = read_long(path)
    assert tuple(back.columns) == LONG_COLUMNS
    assert back["unit"].tolist() == ["1280R001", "1280R002"]
    assert back["year"].tolist() == [2022, 2023]
    assert back["value"].tolist() == [59.9401, 4208.0]
    assert np.isnan(back.at[1, "numerator"])


def test_read_long_errors_name_row_and_column(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(
        "unit,indicator,year,sex,value,numerator,denominator\n"
        "1280R001,share_rented,2022,total,59.9,600,1001\n"
        "1280R002,share_rented,2022,total,sextio,600,1001\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        read_long(path)
    assert (caught.value.row, caught.value.column) == (1, "value")
    assert "rad 2" in str(caught.value) and "'sextio'" in str(caught.value)

    path.write_text("unit,indicator,year,sex,value,numerator\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_long(path)
    assert caught.value.column == "denominator"

    with pytest.raises(SourceError, match="filen saknas"):
        read_long(tmp_path / "nope.csv")


def test_write_atomically_leaves_the_target_alone_on_failure(tmp_path):
    target = tmp_path / "data" / "values.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")

    def failing(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        _write_atomically(target, failing)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in target.parent.iterdir()] == ["values.csv"]

    _write_atomically(target, lambda p: p.write_text("new\n", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["values.csv"]

"""Tests for areaindex.store.build: totals, determinism, atomic replacement, validation."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from areaindex.data_errors import BuildError, SourceError
from areaindex.store import build as build_module
from areaindex.store.build import TABLES, build, is_stale
from areaindex.store.dataset import connect_read_only, load_dataset

from .conftest import MALMO_POPULATION

UNITS_PER_LEVEL = {"omraden": 14, "stadsdelar": 10, "stadsomraden": 5, "regso": 91, "kommun": 1}


@pytest.fixture
def root(tmp_path, repo_root) -> Path:
    """A copy of the committed data/ and geodata/ to break."""
    copy = tmp_path / "root"
    for folder in ("data", "geodata"):
        shutil.copytree(repo_root / folder, copy / folder)
    return copy


@pytest.fixture
def existing_db(tmp_path, built_db) -> Path:
    """A valid database at the target path, as after an earlier build."""
    target = tmp_path / "out" / "indicators.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built_db, target)
    return target


def edit_csv(path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Rewrite a committed CSV with ``change`` applied, every other cell kept as text."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False, lineterminator="\n")


def append(row: dict[str, str] | pd.Series) -> Callable[[pd.DataFrame], pd.DataFrame]:
    return lambda frame: pd.concat([frame, pd.DataFrame([dict(row)])], ignore_index=True)


# --- what the database holds -------------------------------------------------------------


@pytest.mark.parametrize("level", list(UNITS_PER_LEVEL))
def test_population_totals_are_malmos_official_figures(db, level):
    values = db["indicator_values"]
    pop = values[
        (values["level"] == level)
        & (values["indicator"] == "population")
        & (values["sex"] == "total")
    ]
    assert pop.groupby("year")["value"].sum().to_dict() == MALMO_POPULATION
    assert pop.groupby("year")["unit"].nunique().eq(UNITS_PER_LEVEL[level]).all()
    units = db["units"]
    assert (units["level"] == level).sum() == UNITS_PER_LEVEL[level]
    assert units.loc[units["level"] == level, "population"].sum() == MALMO_POPULATION[2023]


def test_city_level_is_malmo(db):
    values = db["indicator_values"]
    city = values[(values["level"] == "kommun") & (values["indicator"] == "population")]
    assert set(city["unit"]) == {"1280"}
    assert city.query("year == 2023 and sex == 'total'")["value"].tolist() == [362_133]


def test_every_level_has_one_shape_per_unit(db):
    shapes = db["geometries"].groupby("level")["unit"].agg(lambda s: (len(s), s.is_unique))
    assert shapes.to_dict() == {lvl: (n, True) for lvl, n in UNITS_PER_LEVEL.items()}


def test_meta_records_inputs(db, repo_root):
    meta = dict(zip(db["meta"]["key"], db["meta"]["value"], strict=True))
    assert meta["schema_version"] == build_module.SCHEMA_VERSION
    assert meta["inputs_sha256"] == build_module.fingerprint(build_module.input_files(repo_root))
    assert meta["catalogue.illustrative_seed"] == "20231207"


# --- deterministic, atomic, read-only -------------------------------------------------------


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (years, sexes) as tuples, so rows can be sorted and compared."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            out[column] = out[column].map(tuple)
    return out


def test_build_is_deterministic(existing_db, repo_root, full_db):
    # Rebuilding over an existing database also shows the atomic replacement: the
    # target is a new file (new inode) renamed into place, never rewritten in place.
    old_inode = existing_db.stat().st_ino
    again = build(existing_db, root=repo_root)
    assert again == existing_db
    assert existing_db.stat().st_ino != old_inode
    assert [p.name for p in existing_db.parent.iterdir()] == [existing_db.name]
    con = duckdb.connect(str(again), read_only=True)
    try:
        for name in TABLES:
            mine = comparable(con.execute(f'SELECT * FROM "{name}"').df())
            first = comparable(full_db[name])
            assert list(mine.columns) == list(first.columns), name
            order = list(mine.columns)
            mine = mine.sort_values(order, ignore_index=True)
            first = first.sort_values(order, ignore_index=True)
            pd.testing.assert_frame_equal(mine, first, obj=name)
            # Row for row also in the order written (a stable order for the app).
            in_order = comparable(con.execute(f'SELECT * FROM "{name}"').df())
            pd.testing.assert_frame_equal(
                in_order, comparable(full_db[name]), obj=f"{name} (as written)"
            )
    finally:
        con.close()


def test_failed_validation_leaves_the_existing_database(existing_db, root):
    before = existing_db.read_bytes()
    edit_csv(root / "data" / "values_official.csv", lambda f: f.assign(value="x"))
    with pytest.raises(SourceError):
        build(existing_db, root=root)
    assert existing_db.read_bytes() == before
    assert [p.name for p in existing_db.parent.iterdir()] == [existing_db.name]


def test_failure_after_writing_removes_the_temporary_file(existing_db, repo_root, monkeypatch):
    before = existing_db.read_bytes()
    written = []

    def failing_verify(path, tables):
        written.append(path)
        assert path.exists() and path != existing_db
        raise BuildError("tabellen units har 0 rader, väntade 33")

    monkeypatch.setattr(build_module, "verify_database", failing_verify)
    with pytest.raises(BuildError):
        build(existing_db, root=repo_root)
    assert written  # the failure came after the temporary database was written
    assert existing_db.read_bytes() == before
    assert [p.name for p in existing_db.parent.iterdir()] == [existing_db.name]


def test_failed_first_build_creates_nothing(tmp_path, root):
    (root / "geodata" / "regso.geojson").write_text("{", encoding="utf-8")
    out = tmp_path / "fresh"
    out.mkdir()
    with pytest.raises(SourceError, match="ogiltig GeoJSON"):
        build(out / "indicators.duckdb", root=root)
    assert list(out.iterdir()) == []


def test_database_opens_read_only(built_db):
    before = built_db.read_bytes()
    con = connect_read_only(built_db)
    try:
        malmo = (
            "SELECT count(*) FROM units WHERE kommun = ? "
            "AND level NOT IN ('sverige', 'sverige_kommun')"
        )
        assert con.execute(malmo, ["1280"]).fetchone()[0] == sum(UNITS_PER_LEVEL.values())
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("CREATE TABLE scratch (x INTEGER)")
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM units")
        with pytest.raises(duckdb.Error):  # no reading other files through the app's connection
            con.execute(f"SELECT * FROM read_csv('{built_db.parent}/x.csv')")
    finally:
        con.close()
    load_dataset(built_db)
    assert built_db.read_bytes() == before


def test_is_stale(existing_db, root, tmp_path):
    assert not is_stale(existing_db, root)  # built from identical inputs
    with (root / "geodata" / "omraden_provisoriska_2023.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    assert is_stale(existing_db, root)
    assert is_stale(tmp_path / "missing.duckdb", root)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database")
    assert is_stale(garbage, root)


def test_is_stale_after_any_input_changes(existing_db, root):
    for path in build_module.input_files(root):
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert is_stale(existing_db, root), path.name
        path.write_bytes(original)
    assert not is_stale(existing_db, root)


# --- validation messages name the file, row and column ------------------------------------

OFFICIAL = "data/values_official.csv"
ILLUSTRATIVE = "data/values_illustrative.csv"
OMRADEN = "geodata/omraden_provisoriska_2023.csv"
STADSDELAR = "geodata/regso_stadsdelar.csv"
FIRST_OFFICIAL = {
    "unit": "1280R001",
    "indicator": "mean_wage_income",
    "year": "2020",
    "sex": "total",
    "value": "199.6",
    "numerator": "",
    "denominator": "3348",
}


def data_rows(root: Path, name: str) -> int:
    return len(pd.read_csv(root / name, dtype=str))


def set_cell(indicator: str, column: str, new: str, nth: int = 0):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        row = frame.index[frame["indicator"] == indicator][nth]
        frame.loc[row, column] = new
        return frame

    return change


def drop_line(regso: str):
    return lambda frame: frame[frame["regso"] != regso]


def with_row_of(name: str, root: Path, **changes: str) -> dict[str, str]:
    frame = pd.read_csv(root / name, dtype=str, keep_default_na=False)
    return {**frame.iloc[0].to_dict(), **changes}


CASES = {
    "unknown-indicator": (
        OFFICIAL,
        lambda root: append({**FIRST_OFFICIAL, "indicator": "happiness"}),
        "end",
        "indicator",
        "indikatorn 'happiness' finns inte i katalogen",
    ),
    "illustrative-in-official": (
        OFFICIAL,
        lambda root: append(with_row_of(ILLUSTRATIVE, root)),
        "end",
        "indicator",
        "indikatorn 'association_participation' har inte status 'official'",
    ),
    "official-in-illustrative": (
        ILLUSTRATIVE,
        lambda root: append(with_row_of(OFFICIAL, root, unit="1280R002")),
        "end",
        "indicator",
        "indikatorn 'mean_wage_income' har inte status 'illustrative'",
    ),
    "duplicate-row": (
        OFFICIAL,
        lambda root: append({**FIRST_OFFICIAL, "value": "201.0"}),
        "end",
        "unit",
        "förekommer två gånger (samma område, indikator, år, kön)",
    ),
    "regso-not-on-map": (
        OFFICIAL,
        lambda root: append({**FIRST_OFFICIAL, "unit": "1280R999"}),
        "end",
        "unit",
        "RegSO '1280R999' finns inte på kartan",
    ),
    "year-not-in-catalogue": (
        OFFICIAL,
        lambda root: append({**FIRST_OFFICIAL, "year": "2019"}),
        "end",
        "year",
        "året 2019 finns inte bland indikatorns år",
    ),
    "sex-without-values": (
        OFFICIAL,
        lambda root: append({**FIRST_OFFICIAL, "sex": "women"}),
        "end",
        "sex",
        "könet 'women' finns inte bland indikatorns kön",
    ),
    "value-not-num-over-den": (
        OFFICIAL,
        lambda root: set_cell("share_rented", "value", "12.5", nth=5),
        "share_rented#5",
        "indicator",
        "värdet för 'share_rented' stämmer inte med täljare/nämnare",
    ),
    "negative-count": (
        ILLUSTRATIVE,
        lambda root: set_cell("child_poverty", "numerator", "-3", nth=2),
        "child_poverty#2",
        "indicator",
        "negativt antal",
    ),
    "regso-without-value": (
        OFFICIAL,
        lambda root: lambda frame: frame.drop(frame.index[frame["indicator"] == "population"][7]),
        None,
        None,
        "indikatorn 'population' saknar värden för några RegSO",
    ),
    "division-lists-regso-twice": (
        OMRADEN,
        lambda root: append(
            {
                "regso": "1280R045",
                "regso_namn": "Lindängen",
                "omrade": "oxie",
                "omrade_namn": "Oxie",
            }
        ),
        "end",
        "regso",
        "RegSO 1280R045 förekommer två gånger",
    ),
    "division-misses-regso": (
        OMRADEN,
        lambda root: drop_line("1280R045"),
        None,
        None,
        "RegSO saknar område: 1280R045",
    ),
    "stadsdelar-lists-regso-twice": (
        STADSDELAR,
        lambda root: append(
            {
                "regso": "1280R045",
                "regso_namn": "Lindängen",
                "stadsdel": "Oxie",
                "andel_yta": "0.1",
                "stadsomrade": "Söder",
            }
        ),
        "end",
        "regso",
        "RegSO 1280R045 förekommer två gånger",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validation_names_file_row_and_column(case, root, tmp_path):
    name, make_change, where, column, message = CASES[case]
    path = root / name
    if where == "end":
        row = data_rows(root, name)  # the appended line: zero-based data row
    elif where is not None:
        indicator, nth = where.split("#")
        frame = pd.read_csv(path, dtype=str)
        row = int(frame.index[frame["indicator"] == indicator][int(nth)])
    else:
        row = None
    edit_csv(path, make_change(root))
    target = tmp_path / "out.duckdb"

    with pytest.raises(SourceError) as caught:
        build(target, root=root)

    err = caught.value
    assert err.path == path
    assert str(err).startswith(str(path))
    assert message in str(err)
    assert (err.row, err.column) == (row, column)
    if row is not None:
        assert f"rad {row + 1}" in str(err)
    assert not target.exists()

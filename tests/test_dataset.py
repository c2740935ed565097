"""Tests for areaindex.store.dataset: read-only loading and indicator_frame's year and sex rules."""

from __future__ import annotations

import dataclasses

import duckdb
import numpy as np
import pandas as pd
import pytest

from areaindex.store.catalogue import Catalogue, Indicator, load_catalogue
from areaindex.store.dataset import (
    DatabaseError,
    Dataset,
    feature_collection,
    indicator_frame,
    load_dataset,
)
from areaindex.store.divisions import LEVELS

NAN = np.nan


def indicator(indicator_id: str, years: tuple[int, ...], **kw) -> Indicator:
    return Indicator(
        id=indicator_id,
        name_sv=indicator_id,
        name_en=indicator_id,
        definition_sv="",
        definition_en="",
        dimension="context",
        direction="none",
        unit="",
        source="",
        years=years,
        status="official",
        kind="context",
        aggregation=kw.pop("aggregation", "ratio"),
        **kw,
    )


CATALOGUE = Catalogue(
    (),
    (
        indicator("a", (2020, 2022), sexes=("total", "women", "men")),
        indicator("b", (2021,), aggregation="weighted_mean", weight_basis="n"),
        indicator("c", (2022,), aggregation="categorical"),
    ),
)
VALUE_ROWS = [
    # level, unit, indicator, year, sex, value, approximate
    ("omraden", "X", "a", 2020, "total", 1.0, False),
    ("omraden", "Y", "a", 2020, "total", 2.0, False),
    ("omraden", "X", "a", 2022, "total", 3.0, False),
    ("omraden", "Y", "a", 2022, "total", 4.0, False),
    ("omraden", "X", "a", 2020, "women", 10.0, False),
    ("omraden", "X", "b", 2021, "total", 5.0, True),
    ("omraden", "Y", "b", 2021, "total", 6.0, True),
    ("regso", "r1", "c", 2022, "total", 3.0, False),
    ("regso", "r1", "a", 2022, "total", 7.0, False),
    ("kommun", "1280", "a", 2022, "total", 3.5, False),
]
SMALL = Dataset(
    catalogue=CATALOGUE,
    levels=LEVELS,
    units=pd.DataFrame(
        {
            "level": ["omraden", "omraden", "regso"],
            "unit": ["X", "Y", "r1"],
            "name": ["Xby", "Yby", "R1"],
            "population": [10.0, 20.0, 5.0],
            "level_order": [0, 0, 3],
            "unit_order": [1, 0, 0],  # Y is shown before X
        }
    ),
    values=pd.DataFrame(
        VALUE_ROWS, columns=["level", "unit", "indicator", "year", "sex", "value", "approximate"]
    ).assign(numerator=NAN, denominator=NAN),
    geometries={},
)


def frame_dict(frame: pd.DataFrame) -> dict:
    return {c: [None if pd.isna(v) else v for v in frame[c]] for c in frame.columns}


def test_latest_year_not_after_the_requested_one():
    result = indicator_frame(SMALL, "omraden", year=2021)
    assert result.values.index.tolist() == ["Y", "X"]  # display order
    assert result.values.columns.tolist() == ["a", "b"]  # categorical only for RegSO
    assert frame_dict(result.values) == {"a": [2.0, 1.0], "b": [6.0, 5.0]}
    assert frame_dict(result.years) == {"a": [2020, 2020], "b": [2021, 2021]}

    result = indicator_frame(SMALL, "omraden", year=2022)
    assert frame_dict(result.values) == {"a": [4.0, 3.0], "b": [6.0, 5.0]}
    assert frame_dict(result.years) == {"a": [2022, 2022], "b": [2021, 2021]}


def test_no_year_means_each_indicators_latest():
    result = indicator_frame(SMALL, "omraden")
    assert frame_dict(result.values) == {"a": [4.0, 3.0], "b": [6.0, 5.0]}
    assert frame_dict(result.years) == {"a": [2022, 2022], "b": [2021, 2021]}


def test_year_before_any_value_gives_missing():
    result = indicator_frame(SMALL, "omraden", year=2019)
    assert result.values.shape == (2, 2)
    assert result.values.isna().all().all()
    assert result.years.isna().all().all()
    assert not result.approximate.any().any()


def test_sex_without_values_is_missing_not_the_total():
    women = indicator_frame(SMALL, "omraden", year=2022, sex="women")
    # X has a value for women (from 2020); Y has none, and its total (4.0) is not used.
    assert frame_dict(women.values) == {"a": [None, 10.0], "b": [None, None]}
    assert frame_dict(women.years) == {"a": [None, 2020], "b": [None, None]}
    unknown = indicator_frame(SMALL, "omraden", sex="other")
    assert unknown.values.isna().all().all()


def test_approximate_flags_follow_the_values():
    result = indicator_frame(SMALL, "omraden", year=2021)
    assert frame_dict(result.approximate) == {"a": [False, False], "b": [True, True]}
    assert result.approximate.dtypes.eq(bool).all()


def test_chosen_indicators_regso_and_city():
    chosen = indicator_frame(SMALL, "omraden", indicators=["b", "a"])
    assert chosen.values.columns.tolist() == ["b", "a"]
    regso = indicator_frame(SMALL, "regso")
    assert regso.values.columns.tolist() == ["a", "b", "c"]
    assert frame_dict(regso.values) == {"a": [7.0], "b": [None], "c": [3.0]}
    city = indicator_frame(SMALL, "kommun", indicators=["a"])
    assert city.values.index.tolist() == ["1280"]
    assert city.values.at["1280", "a"] == 3.5


# --- the built database ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(built_db) -> Dataset:
    return load_dataset(built_db)


def test_load_dataset(dataset, repo_root):
    committed = load_catalogue(repo_root / "data" / "catalogue.toml")
    assert dataset.catalogue.indicators == committed.indicators
    assert dataset.catalogue.dimensions == committed.dimensions
    assert [lvl.id for lvl in dataset.levels] == ["omraden", "stadsdelar", "stadsomraden", "regso"]
    assert dataset.levels == LEVELS
    assert len(dataset.unit_ids("omraden")) == 14
    assert dataset.unit_names("stadsomraden")["soder"] == "Söder"
    # 2018: the first of the two parliamentary elections (turnout over time).
    assert dataset.years() == [2018, 2020, 2021, 2022, 2023]
    # Malmö's shapes come with the dataset; the national ones when first needed.
    assert set(dataset.geometries) >= {"omraden", "stadsdelar", "stadsomraden", "regso", "kommun"}
    assert len(feature_collection(dataset, "sverige_oversikt")["features"]) == 3363
    assert "sverige_oversikt" in dataset.geometries


def test_indicator_frame_on_the_real_data(dataset):
    result = indicator_frame(dataset, "omraden", year=2023)
    years = result.years
    assert (years["population"] == 2023).all()
    assert (years["median_income"] == 2022).all()  # only published for 2022
    assert (years["voter_turnout"] == 2022).all()  # the 2022 election
    assert "scb_area_type" not in result.values.columns
    assert result.values.notna().all().all()
    assert result.values["population"].sum() == 362_133
    assert result.approximate["mean_wage_income"].all()
    assert not result.approximate["share_rented"].any()
    assert result.approximate["voter_turnout"].all()  # districts split by land area

    women = indicator_frame(dataset, "omraden", year=2021, sex="women")
    assert women.values["population"].isna().all()  # published for the total only
    assert women.values["association_participation"].notna().all()
    assert (women.years["association_participation"] == 2021).all()

    regso = indicator_frame(dataset, "regso", year=2022)
    assert regso.values.shape[0] == 91
    assert regso.values["scb_area_type"].isin([1, 2, 3, 4, 5]).all()


def test_feature_collection_in_display_order(dataset):
    collection = feature_collection(dataset, "omraden")
    units = [f["properties"]["unit"] for f in collection["features"]]
    assert units == dataset.unit_ids("omraden")
    names = dataset.unit_names("omraden")
    assert all(
        f["properties"]["name"] == names[f["properties"]["unit"]] for f in collection["features"]
    )
    assert {f["geometry"]["type"] for f in collection["features"]} == {"Polygon"}


def test_missing_or_incomplete_database(tmp_path, built_db):
    with pytest.raises(DatabaseError, match="finns inte"):
        load_dataset(tmp_path / "nope.duckdb")
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(DatabaseError, match="kan inte öppnas"):
        load_dataset(garbage)
    partial = tmp_path / "partial.duckdb"
    con = duckdb.connect(str(partial))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.close()
    with pytest.raises(DatabaseError, match="ofullständig"):
        load_dataset(partial)


def test_dataset_is_a_frozen_value():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SMALL.catalogue = CATALOGUE  # type: ignore[misc]

"""Tests for areaindex.sources.official on a miniature source tree with hand-computed values.

Two Malmö RegSO: 1280R001 "Lindängen" and 1280R002 "Ön" (labelled ``Ön norr`` in
the 2020-based tables, as in SCB's real files), plus one RegSO of another
municipality that must be ignored. DeSO 1280C1010 and 1280C1020 lie in 1280R001,
1280C1030 in 1280R002.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.data_errors import SourceError
from areaindex.sources.official import (
    OFFICIAL,
    RAW_FILES,
    deso_to_regso,
    official_values,
    population_values,
    tenure_values,
)
from areaindex.store.longtable import LONG_COLUMNS

REGISTER = pd.DataFrame(
    {"regso": ["1280R001", "1280R002"], "name": ["Lindängen", "Ön"], "kommun": ["1280", "1280"]}
)
KOMMUN_CODES = {"Malmö": "1280", "Upplands Väsby": "0114"}
SCB_FOOTER = [",", "Databas:,", "Statistikdatabasen ,", ",", "Intern referenskod:,", "000005QX,"]

MINI_FILES = {
    "foreign_born": [
        '"region","födelseregion","kön","Antal 2021","Antal 2022"',
        '"Upplands Väsby (Bollstanäs)","Sverige","totalt",5002,4972',
        '"Upplands Väsby (Bollstanäs)","totalt","totalt",6062,6019',
        '"Malmö (RegSO-Lindängen)","Sverige","totalt",1000,1100',
        '"Malmö (RegSO-Lindängen)","totalt","totalt",4000,4200',
        '"Malmö (RegSO-Ön norr)","Sverige","totalt",900,950',
        '"Malmö (RegSO-Ön norr)","totalt","totalt",1000,1000',
        *SCB_FOOTER,
    ],
    "wage_income": [
        '"region","inkomstkomponent","kön","Medelvärde för samtliga, tkr 2021",'
        '"Medelvärde för samtliga, tkr 2022"',
        '"Upplands Väsby (Bollstanäs)","löneinkomst ","totalt",438.3,449.7',
        '"Malmö (RegSO-Lindängen)","löneinkomst ","totalt",200.5,210.0',
        '"Malmö (RegSO-Ön norr)","löneinkomst ","totalt",..,400.0',
        *SCB_FOOTER,
    ],
    "tenure": [
        '"region","upplåtelseform","Antal 2022"',
        '"Malmö (RegSO-Lindängen)","hyresrätt",600',
        '"Malmö (RegSO-Lindängen)","bostadsrätt",300',
        '"Malmö (RegSO-Lindängen)","äganderätt",100',
        '"Malmö (RegSO-Lindängen)","uppgift saknas",50',
        '"Malmö (RegSO-Ön norr)","hyresrätt",10',
        '"Malmö (RegSO-Ön norr)","bostadsrätt",20',
        '"Malmö (RegSO-Ön norr)","äganderätt",70',
        '"Malmö (RegSO-Ön norr)","uppgift saknas",0',
        '"Upplands Väsby (Bollstanäs)","hyresrätt",55',
        *SCB_FOOTER,
    ],
    "area_type": [
        ",2022",
        "Upplands Väsby (Bollstanäs),4",
        "Malmö (RegSO-Lindängen),1",
        "Malmö (RegSO-Ön norr),4",
        *SCB_FOOTER,
    ],
    "deso_regso": [
        "Kommun,Kommunnamn,DeSO_2018,RegSO_2020,RegSOkod_2020",
        "0114,Upplands Väsby,0114C1010,Bollstanäs,0114R001",
        "1280,Malmö,1280C1010,Lindängen,1280R001",
        "1280,Malmö,1280C1020,Lindängen,1280R001",
        "1280,Malmö,1280C1030,Ön norr,1280R002",
    ],
    "deso_age": [
        "deso,total,0-4 år,5-9 år,10-14 år,15-19 år,20-24 år",
        "0114C1010,863,46,49,52,57,31",
        "1280C1010,2000,100,100,100,100,300",
        "1280C1020,2200,50,50,50,50,400",
        "1280C1030,1000,0,10,20,30,100",
    ],
    "deso_education": [
        "deso,middle_school,gymnasium,post_gymnasium_less_than_3,post_gymnasium_more_than_3,"
        "education_missing",
        "0114C1010,48,188,65,119,12",
        "1280C1010,100,300,200,350,50",
        "1280C1020,50,200,100,150,0",
        "1280C1030,10,100,40,300,50",
    ],
    "deso_income": [
        "deso,Median income tkr,Antal personer totalt,,,,,",
        "0114C1010,374.7,652,,,,,",
        "1280C1010,300.0,1500,,,,,",
        "1280C1020,200.0,500,,,,,",
        "1280C1030,..,800,,,,,",
        ",,,,,,,",
        "Intern referenskod:,,,,,,,",
        "000002FI,,,,,,,",
    ],
    "deso_households": [
        'deso,total_households,,,"Antal hushåll efter år, region och hushållstyp"',
        "0114C1010,357,,,",
        "1280C1010,1000,,,",
        "1280C1020,1100,,,",
        "1280C1030,400,,,",
    ],
}

# (unit, indicator, year) -> (value, numerator, denominator), computed by hand.
EXPECTED = {
    ("1280R001", "population", 2021): (4000, None, None),
    ("1280R001", "population", 2022): (4200, None, None),
    ("1280R002", "population", 2021): (1000, None, None),
    ("1280R002", "population", 2022): (1000, None, None),
    ("1280R001", "share_foreign_born", 2021): (75.0, 3000, 4000),
    ("1280R001", "share_foreign_born", 2022): (100 * 3100 / 4200, 3100, 4200),
    ("1280R002", "share_foreign_born", 2021): (10.0, 100, 1000),
    ("1280R002", "share_foreign_born", 2022): (5.0, 50, 1000),
    # Means weighted by that year's population: the weight is the denominator.
    ("1280R001", "mean_wage_income", 2021): (200.5, None, 4000),
    ("1280R001", "mean_wage_income", 2022): (210.0, None, 4200),
    ("1280R002", "mean_wage_income", 2021): (None, None, 1000),  # ".." in the file
    ("1280R002", "mean_wage_income", 2022): (400.0, None, 1000),
    # Rented among known tenure: 600 / (600 + 300 + 100), "uppgift saknas" left out.
    ("1280R001", "share_rented", 2022): (60.0, 600, 1000),
    ("1280R002", "share_rented", 2022): (10.0, 10, 100),
    # DeSO summed to RegSO: 1280R001 = C1010 + C1020.
    ("1280R001", "share_low_education", 2022): (10.0, 150, 1500),
    ("1280R001", "share_higher_education", 2022): (100 * 500 / 1500, 500, 1500),
    ("1280R002", "share_low_education", 2022): (2.0, 10, 500),
    ("1280R002", "share_higher_education", 2022): (60.0, 300, 500),
    ("1280R001", "share_children", 2022): (100 * 600 / 4200, 600, 4200),
    ("1280R002", "share_children", 2022): (6.0, 60, 1000),
    ("1280R001", "persons_per_household", 2022): (2.0, 4200, 2100),
    ("1280R002", "persons_per_household", 2022): (2.5, 1000, 400),
    # (300 · 1500 + 200 · 500) / 2000; C1030's median is "..": no value, no weight.
    ("1280R001", "median_income", 2022): (275.0, None, 2000),
    ("1280R002", "median_income", 2022): (None, None, None),
    ("1280R001", "scb_area_type", 2022): (1, None, None),
    ("1280R002", "scb_area_type", 2022): (4, None, None),
    # Type 1 or 2 counts the whole RegSO population of 2022.
    ("1280R001", "share_in_challenged_areas", 2022): (100.0, 4200, 4200),
    ("1280R002", "share_in_challenged_areas", 2022): (0.0, 0, 1000),
}


def write_mini_source(root: Path, files: dict[str, list[str]] = MINI_FILES) -> Path:
    """Write the miniature raw files like SCB does (BOM, \\r\\r\\n for RegSO tables)."""
    for key, lines in files.items():
        path = root / RAW_FILES[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        if key.startswith("deso_") and key != "deso_regso":
            path.write_bytes(("\n".join(lines) + "\n").encode())
        else:
            path.write_bytes(("\ufeff" + "\r\r\n".join(lines) + "\r\r\n").encode())
    return root


def as_number(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


def test_official_values_by_hand(tmp_path):
    values = official_values(write_mini_source(tmp_path), REGISTER, KOMMUN_CODES)

    assert tuple(values.columns) == LONG_COLUMNS
    assert set(values["sex"]) == {"total"}
    assert set(values["unit"]) == {"1280R001", "1280R002"}  # Upplands Väsby left out
    got = {
        (r.unit, r.indicator, r.year): (
            as_number(r.value),
            as_number(r.numerator),
            as_number(r.denominator),
        )
        for r in values.itertuples()
    }
    assert set(got) == set(EXPECTED)
    for key, (value, num, den) in EXPECTED.items():
        assert got[key] == (
            pytest.approx(value, rel=1e-12) if value is not None else None,
            num,
            den,
        ), key
    # Sorted, as written to the committed file.
    keys = values[["indicator", "unit", "year", "sex"]].apply(tuple, axis=1).tolist()
    assert keys == sorted(keys)


def test_every_official_indicator_is_computed(tmp_path):
    values = official_values(write_mini_source(tmp_path), REGISTER, KOMMUN_CODES)
    for ind in OFFICIAL:
        rows = values[values["indicator"] == ind.id]
        assert not rows.empty, ind.id
        assert set(rows["year"]) <= set(ind.years), ind.id
        if ind.aggregation == "ratio":
            # Ratios keep both counts so that larger areas aggregate exactly.
            complete = rows.dropna(subset=["value"])
            assert complete["numerator"].notna().all(), ind.id
            assert np.allclose(
                complete["value"], ind.scale * complete["numerator"] / complete["denominator"]
            ), ind.id


def test_missing_tenure_count_stays_missing(tmp_path):
    # ".." is a missing count, never 0: a share computed from it would be wrong.
    lines = [
        '"region","upplåtelseform","Antal 2022"',
        '"Malmö (RegSO-Lindängen)","hyresrätt",..',
        '"Malmö (RegSO-Lindängen)","bostadsrätt",300',
        '"Malmö (RegSO-Lindängen)","äganderätt",100',
        '"Malmö (RegSO-Ön norr)","hyresrätt",10',
        '"Malmö (RegSO-Ön norr)","bostadsrätt",-',
        '"Malmö (RegSO-Ön norr)","äganderätt",70',
    ]
    path = tmp_path / "tenure.csv"
    path.write_bytes(("\ufeff" + "\r\r\n".join(lines) + "\r\r\n").encode())
    values = tenure_values(path, REGISTER, KOMMUN_CODES).set_index("unit")
    assert values["value"].isna().all()
    assert np.isnan(values.at["1280R001", "numerator"])
    assert values["denominator"].isna().all()


def test_missing_tenure_category_is_refused(tmp_path):
    files = dict(MINI_FILES)
    files["tenure"] = [line for line in MINI_FILES["tenure"] if "äganderätt" not in line]
    path = write_mini_source(tmp_path, files) / RAW_FILES["tenure"]
    with pytest.raises(SourceError, match="äganderätt") as caught:
        tenure_values(path, REGISTER, KOMMUN_CODES)
    assert caught.value.path == path


def test_regso_missing_from_a_table_is_named(tmp_path):
    files = dict(MINI_FILES)
    files["wage_income"] = [line for line in MINI_FILES["wage_income"] if "Ön norr" not in line]
    write_mini_source(tmp_path, files)
    with pytest.raises(SourceError, match="RegSO saknas i filen: 1280R002") as caught:
        official_values(tmp_path, REGISTER, KOMMUN_CODES)
    assert caught.value.path == tmp_path / RAW_FILES["wage_income"]


def test_non_number_in_a_regso_table_names_file_column_and_regso(tmp_path):
    files = dict(MINI_FILES)
    files["foreign_born"] = [
        line.replace(",4000,4200", ",4000,42OO") for line in MINI_FILES["foreign_born"]
    ]
    write_mini_source(tmp_path, files)
    with pytest.raises(SourceError) as caught:
        population_values(tmp_path / RAW_FILES["foreign_born"], REGISTER, KOMMUN_CODES)
    assert caught.value.path == tmp_path / RAW_FILES["foreign_born"]
    assert caught.value.column == "Antal 2022"
    assert "'42OO'" in str(caught.value)
    assert "1280R001" in str(caught.value)


def test_non_number_in_a_deso_table_names_file_and_deso(tmp_path):
    files = dict(MINI_FILES)
    files["deso_education"] = [
        line.replace("1280C1020,50,", "1280C1020,fem,") for line in MINI_FILES["deso_education"]
    ]
    write_mini_source(tmp_path, files)
    with pytest.raises(SourceError) as caught:
        official_values(tmp_path, REGISTER, KOMMUN_CODES)
    assert caught.value.path == tmp_path / RAW_FILES["deso_education"]
    assert caught.value.column == "middle_school"
    assert "1280C1020" in str(caught.value)


def test_area_type_outside_1_to_5_is_refused(tmp_path):
    files = dict(MINI_FILES)
    files["area_type"] = [
        line.replace("Lindängen),1", "Lindängen),7") for line in files["area_type"]
    ]
    write_mini_source(tmp_path, files)
    with pytest.raises(SourceError, match=r"områdestyp 7\.0 är inte 1–5") as caught:
        official_values(tmp_path, REGISTER, KOMMUN_CODES)
    assert caught.value.path == tmp_path / RAW_FILES["area_type"]


def test_deso_key_must_cover_every_regso(tmp_path):
    files = dict(MINI_FILES)
    files["deso_regso"] = [line for line in MINI_FILES["deso_regso"] if "1280R002" not in line]
    path = write_mini_source(tmp_path, files) / RAW_FILES["deso_regso"]
    with pytest.raises(SourceError, match="RegSO utan DeSO i nyckeln: \\['1280R002'\\]"):
        deso_to_regso(path, REGISTER)
    key = deso_to_regso(write_mini_source(tmp_path) / RAW_FILES["deso_regso"], REGISTER)
    assert key.to_dict() == {
        "1280C1010": "1280R001",
        "1280C1020": "1280R001",
        "1280C1030": "1280R002",
    }


def test_official_catalogue_entries():
    ids = [ind.id for ind in OFFICIAL]
    assert len(ids) == len(set(ids))
    assert all(ind.status == "official" for ind in OFFICIAL)
    assert all(not ind.illustrative for ind in OFFICIAL)
    by_id = {ind.id: ind for ind in OFFICIAL}
    assert by_id["population"].aggregation == "sum"
    assert by_id["median_income"].aggregation == "weighted_median"
    assert by_id["scb_area_type"].aggregation == "categorical"
    assert by_id["share_rented"].scale == 100.0


# --- the committed values, checked against numbers copied from the raw files -------------


@pytest.fixture(scope="module")
def official(repo_root):
    from areaindex.store.longtable import read_long

    return read_long(repo_root / "data" / "values_official.csv")


def value_of(official: pd.DataFrame, unit: str, indicator: str, year: int) -> pd.Series:
    rows = official[
        (official["unit"] == unit)
        & (official["indicator"] == indicator)
        & (official["year"] == year)
        & (official["sex"] == "total")
    ]
    assert len(rows) == 1
    return rows.iloc[0]


def test_committed_values_match_raw_rows(official):
    # regso_foreign_born_2020_2023.csv:
    # "Malmö (RegSO-Lindängen)","Sverige","totalt",1651,1629,1673,1629
    # "Malmö (RegSO-Lindängen)","totalt","totalt",4053,4064,4209,4208
    assert value_of(official, "1280R045", "population", 2023)["value"] == 4208
    share = value_of(official, "1280R045", "share_foreign_born", 2023)
    assert (share["numerator"], share["denominator"]) == (4208 - 1629, 4208)
    assert share["value"] == pytest.approx(100 * 2579 / 4208, rel=1e-5)
    # "Malmö (RegSO-Ön norr)","totalt","totalt",1492,1495,1486,1449 is RegSO-Ön, 1280R086.
    assert [
        value_of(official, "1280R086", "population", y)["value"] for y in range(2020, 2024)
    ] == [
        1492,
        1495,
        1486,
        1449,
    ]


def test_committed_regso_population_equals_sum_of_deso(official):
    # SCB's README: the RegSO population of 2022 equals the sum of its DeSO populations.
    pop = official[(official["indicator"] == "population") & (official["year"] == 2022)]
    deso = official[official["indicator"] == "persons_per_household"]
    merged = pop.set_index("unit")["value"].sort_index()
    summed = deso.set_index("unit")["numerator"].sort_index()
    assert len(merged) == 91
    pd.testing.assert_series_equal(merged, summed, check_names=False)
    assert merged.sum() == 357_377

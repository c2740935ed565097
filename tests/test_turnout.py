"""Election turnout: Valmyndigheten's districts -> delområde -> RegSO, from counts.

Tests without the ``sources`` mark check the committed data (a fresh clone has
no ``../shared``): published totals at the 14 areas, every district allocated
once, values recomputable from counts. Tests marked ``sources`` hold the
committed files against Valmyndigheten's own xlsx files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areaindex.data_errors import SourceError
from areaindex.sources.elections import ELECTIONS, read_districts
from areaindex.sources.turnout import CROSSWALK_FILE, allocate, read_crosswalk, split_counts
from areaindex.store import divisions
from areaindex.store.catalogue import load_catalogue
from areaindex.store.longtable import read_long
from areaindex.store.turnout import (
    ALLOCATION_FILE,
    TURNOUT_INDICATORS,
    read_allocation,
    split_share,
)
from areaindex.views.indexview import base_year_goalposts
from areaindex.views.turnout_view import approximation_summary

ROOT = Path(__file__).resolve().parent.parent
# Malmö's published electorate (Valmyndigheten; ../shared/data/README.md).
ELIGIBLE = {
    ("voter_turnout", 2022): 272_383,
    ("voter_turnout_riksdag", 2022): 251_172,
    ("voter_turnout_riksdag", 2018): 237_691,
}
ELECTION_OF = {
    ("voter_turnout", 2022): "kommunval_2022",
    ("voter_turnout_riksdag", 2022): "riksdagsval_2022",
    ("voter_turnout_riksdag", 2018): "riksdagsval_2018",
}
# Voters in the files and the voters reported as not a place (early votes, 2018's
# collection districts), as published.
VOTERS = {"kommunval_2022": 200_044, "riksdagsval_2022": 193_960, "riksdagsval_2018": 194_931}
NOT_PLACES = {"kommunval_2022": 4_135, "riksdagsval_2022": 4_817, "riksdagsval_2018": 5_709}


@pytest.fixture(scope="module")
def long_values() -> pd.DataFrame:
    values = read_long(ROOT / "data" / "values_official.csv")
    return values[values["indicator"].str.startswith("voter_turnout")]


@pytest.fixture(scope="module")
def allocation() -> pd.DataFrame:
    return read_allocation(ROOT / "data" / ALLOCATION_FILE)


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / CROSSWALK_FILE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def omrade_of() -> pd.Series:
    frame = pd.read_csv(ROOT / "geodata" / divisions.OMRADEN_FILE, dtype=str)
    return frame.set_index("regso")["omrade"]


# --- the committed data, without the sources -----------------------------------------------


@pytest.mark.parametrize(("key", "total"), sorted(ELIGIBLE.items()))
def test_eligible_voters_at_the_14_areas_sum_to_malmo_s_published_total(
    long_values, omrade_of, key, total
):
    indicator, year = key
    rows = long_values[(long_values["indicator"] == indicator) & (long_values["year"] == year)]
    assert len(rows) == len(omrade_of) == 91
    per_area = rows.groupby(rows["unit"].map(omrade_of))["denominator"].sum()
    assert len(per_area) == 14
    assert per_area.sum() == total
    assert (per_area > 0).all()


@pytest.mark.parametrize(("key", "total"), sorted(ELIGIBLE.items()))
def test_built_14_area_value_is_the_sum_of_its_regso_counts(
    dataset, long_values, omrade_of, key, total
):
    indicator, year = key
    regso = long_values[(long_values["indicator"] == indicator) & (long_values["year"] == year)]
    sums = regso.groupby(regso["unit"].map(omrade_of))[["numerator", "denominator"]].sum()
    built = dataset.values.query(
        "level == 'omraden' and indicator == @indicator and year == @year and sex == 'total'"
    ).set_index("unit")
    assert set(built.index) == set(sums.index)
    np.testing.assert_array_equal(built["numerator"], sums.loc[built.index, "numerator"])
    np.testing.assert_array_equal(built["denominator"], sums.loc[built.index, "denominator"])
    np.testing.assert_allclose(
        built["value"],
        100 * sums.loc[built.index, "numerator"] / sums.loc[built.index, "denominator"],
    )
    assert built["approximate"].all()  # districts split by land area
    city = dataset.values.query(
        "level == 'kommun' and indicator == @indicator and year == @year"
    ).iloc[0]
    assert city["denominator"] == total
    assert not city["approximate"]  # the whole municipality is exact


@pytest.mark.parametrize("key", sorted(ELIGIBLE))
def test_every_district_lands_in_regso_exactly_once(allocation, long_values, key):
    election = ELECTION_OF[key]
    rows = allocation[allocation["election"] == election]
    shares = rows.groupby("valdistriktskod")["share"].sum()
    np.testing.assert_allclose(shares, 1.0, atol=1e-5)  # each district wholly allocated
    assert rows["eligible"].sum() == ELIGIBLE[key]
    assert rows["voters"].sum() == VOTERS[election] - NOT_PLACES[election]
    assert not rows.duplicated(["valdistriktskod", "regso"]).any()
    # The long table's counts are these allocations summed per RegSO.
    indicator, year = key
    values = long_values[(long_values["indicator"] == indicator) & (long_values["year"] == year)]
    sums = rows.groupby("regso")[["eligible", "voters"]].sum()
    values = values.set_index("unit").loc[sums.index]
    np.testing.assert_array_equal(values["denominator"], sums["eligible"])
    np.testing.assert_array_equal(values["numerator"], sums["voters"])


def test_the_crosswalk_is_reviewed_one_row_per_district_and_year(crosswalk, allocation):
    assert not crosswalk.duplicated(["election_year", "valdistriktskod"]).any()
    assert set(crosswalk["match"]) == {"name", "manual", "not_a_place"}
    # Every hand-made or not-a-place row says why; no row is left uncertain.
    assert (crosswalk.loc[crosswalk["match"] != "name", "reason"] != "").all()
    # The draft's open rows are resolved.
    named = crosswalk.set_index(["election_year", "valdistriktskod"])
    for code in ("12800404", "12800420", "12800421", "12800425", "12800427"):
        for year in ("2018", "2022"):
            assert named.at[(year, code), "match"] == "manual"
            assert named.at[(year, code), "delomrade"]
    assert named.at[("2018", "12800132"), "delomrade"] == "KATRINELUND"
    not_places = crosswalk[crosswalk["match"] == "not_a_place"]
    assert sorted(not_places["valdistriktskod"]) == ["12800001", "12800002", "12809800"]
    # Every place of each year is allocated in every election of that year.
    for election, spec in ELECTIONS.items():
        places = crosswalk[
            (crosswalk["election_year"] == str(spec.year)) & (crosswalk["match"] != "not_a_place")
        ]
        allocated = set(allocation.loc[allocation["election"] == election, "valdistriktskod"])
        assert allocated == set(places["valdistriktskod"]), election


def test_rows_that_are_not_places_are_reported_with_their_counts(repo_root):
    meta = load_catalogue(repo_root / "data" / "catalogue.toml").meta
    assert meta["val_ej_fordelade:kommunval_2022"] == "12809800; 0; 4135"
    assert meta["val_ej_fordelade:riksdagsval_2018"] == "12800001 12800002; 0; 5709"
    assert "272383 röstberättigade" in meta["val:kommunval_2022"]
    # Regionval 2022 is read as a count check only: same electorate as kommunval.
    assert "272383 röstberättigade, 199841 röstande i filen" in meta["val:regionval_2022"]


def test_turnout_is_official_and_no_longer_illustrative(repo_root):
    catalogue = load_catalogue(repo_root / "data" / "catalogue.toml")
    for spec in TURNOUT_INDICATORS:
        ind = catalogue.indicator(spec.indicator)
        assert ind.status == "official"
        assert ind.dimension == "delaktighet"
        assert ind.aggregation == "ratio"
        assert ind.approximate_geography
        assert "Valmyndigheten" in ind.source and "Källa: Valmyndigheten" in ind.licence
    assert catalogue.indicator("voter_turnout_riksdag").years == (2018, 2022)
    illustrative = read_long(repo_root / "data" / "values_illustrative.csv")
    assert "voter_turnout" not in set(illustrative["indicator"])


def test_not_placed_rows_reach_the_data_page(dataset):
    from areaindex.views.turnout_view import city_turnout, not_placed

    assert not_placed(dataset) == ("12809800", 0, 4135)
    assert not_placed(dataset, "riksdagsval_2018") == ("12800001, 12800002", 0, 5709)
    areas, everything = city_turnout(dataset)
    assert areas == pytest.approx(100 * (200_044 - 4_135) / 272_383)
    assert everything == pytest.approx(100 * 200_044 / 272_383)  # Valmyndigheten's 73.44 %


def test_approximation_figure_per_area(dataset):
    share, table = approximation_summary(dataset, "omraden")
    assert len(table) == 14
    assert table["eligible"].sum() == ELIGIBLE[("voter_turnout", 2022)]
    assert 0 < share < 100
    assert share == pytest.approx(100 * table["eligible_split"].sum() / table["eligible"].sum())
    assert ((table["share_split"] >= 0) & (table["share_split"] <= 100)).all()
    # No border inside the whole municipality; every RegSO border is also an area's.
    city, _ = approximation_summary(dataset, "kommun")
    regso, _ = approximation_summary(dataset, "regso")
    assert city == 0
    assert regso >= share


# --- the allocation rules on hand-made cases -----------------------------------------------


@settings(deadline=None, max_examples=200)
@given(
    total=st.integers(0, 10_000),
    weights=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=6),
)
def test_split_counts_are_whole_and_sum_to_the_total(total, weights):
    shares = np.array(weights) / sum(weights)
    parts = split_counts(total, shares)
    assert parts.sum() == total
    assert (parts >= 0).all()
    assert (np.abs(parts - total * shares) < 1).all()  # each within one of its exact share


def hand_made() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    districts = pd.DataFrame(
        {
            "election": "kommunval_2022",
            "year": 2022,
            "valdistriktskod": ["12800101", "12800102", "12809800", "12809800"],
            "valdistriktsnamn": ["A", "B", "Förtidsröster", "Förtidsröster"],
            "eligible": [1000, 501, 0, 0],
            "voters": [700, 301, 40, 2],
        }
    )
    crosswalk = pd.DataFrame(
        {
            "election_year": 2022,
            "valdistriktskod": ["12800101", "12800102", "12809800"],
            "valdistriktsnamn": ["A", "B", "Förtidsröster"],
            "delomrade": ["EAST", "SPLIT", ""],
            "regso": ["", "", ""],
            "match": ["name", "name", "not_a_place"],
            "reason": ["", "", "early votes"],
        }
    )
    shares = pd.DataFrame(
        {
            "delomrade": ["EAST", "SPLIT", "SPLIT"],
            "regso": ["R1", "R1", "R2"],
            "share": [1, 0.5, 0.5],
        }
    )
    return districts, crosswalk, shares


def test_allocate_a_hand_made_case():
    districts, crosswalk, shares = hand_made()
    allocation, not_places = allocate(districts, crosswalk, shares)
    by = allocation.set_index(["valdistriktskod", "regso"])
    assert by.at[("12800101", "R1"), "eligible"] == 1000
    assert by.loc["12800102", "eligible"].tolist() == [251, 250]  # 250.5 each, whole
    assert by.loc["12800102", "voters"].tolist() == [151, 150]
    assert allocation["eligible"].sum() == 1501
    assert not_places[["eligible", "voters"]].sum().tolist() == [0, 42]  # two rows, one code
    split = split_share(allocation, {"R1": "north", "R2": "south"})
    north = split.set_index("unit").loc["north"]
    assert (north["eligible"], north["eligible_split"]) == (1251, 251)
    assert north["share_split"] == pytest.approx(100 * 251 / 1251)
    # One unit for both RegSO: nothing straddles.
    assert split_share(allocation, {"R1": "all", "R2": "all"})["eligible_split"].sum() == 0


def test_a_district_missing_from_the_crosswalk_is_named():
    districts, crosswalk, shares = hand_made()
    with pytest.raises(SourceError, match=r"12800102 .*saknas i korsnyckeln"):
        allocate(districts, crosswalk[crosswalk["valdistriktskod"] != "12800102"], shares)


def test_a_not_a_place_row_with_eligible_voters_is_refused():
    districts, crosswalk, shares = hand_made()
    districts.loc[2, "eligible"] = 5
    with pytest.raises(SourceError, match="ingen plats men har 5 röstberättigade"):
        allocate(districts, crosswalk, shares)


def test_a_hand_made_regso_takes_the_whole_district():
    districts, crosswalk, shares = hand_made()
    crosswalk.loc[1, ["regso", "match", "reason"]] = ["R2", "manual", "lies in R2"]
    allocation, _ = allocate(districts, crosswalk, shares)
    rows = allocation[allocation["valdistriktskod"] == "12800102"]
    assert rows[["regso", "eligible", "voters"]].values.tolist() == [["R2", 501, 301]]


@pytest.mark.parametrize(
    ("change", "row", "column", "message"),
    [
        ({"delomrade": "ATLANTIS"}, 1, "delomrade", "delområdet 'ATLANTIS' finns inte"),
        ({"match": "guess"}, 1, "match", "'guess' är inte en av"),
        ({"match": "manual"}, 1, "match", "skäl saknas"),
        ({"regso": "1280R999"}, 1, "regso", "RegSO '1280R999' finns inte"),
        ({"valdistriktskod": "12800101"}, 1, "valdistriktskod", "står två gånger"),
    ],
)
def test_a_broken_crosswalk_row_is_named(tmp_path, change, row, column, message):
    _, crosswalk, _ = hand_made()
    for key, value in change.items():
        crosswalk.loc[row, key] = value
    path = tmp_path / "crosswalk.csv"
    crosswalk.to_csv(path, index=False)
    with pytest.raises(SourceError, match=message) as caught:
        read_crosswalk(path, ["EAST", "SPLIT"], ["R1", "R2"])
    assert (caught.value.row, caught.value.column) == (row, column)


def write_sheet(path: Path, sheet: str, rows: list[tuple]) -> None:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)


HEADER = (
    "Kommunkod",
    "Valdistriktskod",
    "Valdistriktsnamn",
    "Antal röstberättigade",
    "Antal röstande",
)


def test_read_districts_of_a_hand_made_file(tmp_path):
    folder = tmp_path / "valmyndigheten"
    folder.mkdir()
    write_sheet(
        folder / "ko_tab3_2022.xlsx",
        "KO_tab3",
        [
            HEADER,
            ("0114", "01140101", "Elsewhere", 10, 5),
            ("1280", "12800101", "Gamla staden V", 1000, 700),
            ("1280", "12809800", "Förtidsröster", 0, 40),
        ],
    )
    frame = read_districts(tmp_path, "kommunval_2022")
    assert frame["valdistriktskod"].tolist() == ["12800101", "12809800"]
    assert frame[["eligible", "voters"]].sum().tolist() == [1000, 740]


@pytest.mark.parametrize(
    ("rows", "sheet", "message"),
    [
        ([HEADER, ("1280", "12800101", "A", "många", 1)], "KO_tab3", "rad 2, kolumn 'Antal"),
        ([HEADER, ("1280", "12800101", "A", -3, 1)], "KO_tab3", "inget heltal >= 0"),
        ([HEADER, ("1280", "1280-01", "A", 3, 1)], "KO_tab3", "ingen valdistriktskod"),
        ([HEADER[:3], ("1280", "12800101", "A")], "KO_tab3", "kolumnen saknas"),
        ([HEADER, ("1280", "12800101", "A", 3, 1)], "Blad1", "bladet 'KO_tab3' saknas"),
        ([HEADER, ("0114", "01140101", "A", 3, 1)], "KO_tab3", "inga valdistrikt för kommun 1280"),
    ],
)
def test_a_broken_election_file_names_file_sheet_and_row(tmp_path, rows, sheet, message):
    folder = tmp_path / "valmyndigheten"
    folder.mkdir()
    path = folder / "ko_tab3_2022.xlsx"
    write_sheet(path, sheet, rows)
    with pytest.raises(SourceError, match=message) as caught:
        read_districts(tmp_path, "kommunval_2022")
    assert caught.value.path == path
    assert "KO_tab3" in str(caught.value)


def test_a_missing_election_file_is_named(tmp_path):
    with pytest.raises(SourceError, match="filen saknas") as caught:
        read_districts(tmp_path, "riksdagsval_2018")
    assert caught.value.path == tmp_path / "valmyndigheten" / "2018_R_per_valdistrikt.xlsx"


# --- against Valmyndigheten's files ---------------------------------------------------------


@pytest.fixture(scope="module")
def raw(shared_data) -> dict[str, pd.DataFrame]:
    return {election: read_districts(shared_data, election) for election in ELECTIONS}


@pytest.mark.sources
def test_raw_files_hold_malmo_s_published_totals(raw, shared_data):
    totals = {e: tuple(int(x) for x in f[["eligible", "voters"]].sum()) for e, f in raw.items()}
    assert totals == {
        "kommunval_2022": (272_383, 200_044),
        "regionval_2022": (272_383, 199_841),
        "riksdagsval_2022": (251_172, 193_960),
        "riksdagsval_2018": (237_691, 194_931),
    }
    assert raw["kommunval_2022"]["valdistriktskod"].nunique() == 211  # 210 + early votes
    assert raw["riksdagsval_2018"]["valdistriktskod"].nunique() == 194  # 192 + 2 collection


@pytest.mark.sources
def test_the_crosswalk_covers_every_district_of_both_years(raw, crosswalk, shared_data):
    for election, frame in raw.items():
        year = str(ELECTIONS[election].year)
        listed = crosswalk[crosswalk["election_year"] == year].set_index("valdistriktskod")
        assert set(frame["valdistriktskod"]) == set(listed.index), election
        # The names are the file's own (Valmyndigheten renames districts between years).
        names = frame.drop_duplicates("valdistriktskod").set_index("valdistriktskod")
        mismatch = names["valdistriktsnamn"] != listed.loc[names.index, "valdistriktsnamn"]
        assert not mismatch.any(), names.index[mismatch].tolist()[:5]


@pytest.mark.sources
def test_committed_allocation_holds_every_raw_district_count(
    raw, allocation, crosswalk, shared_data
):
    places = set(crosswalk.loc[crosswalk["match"] != "not_a_place", "valdistriktskod"])
    for election, frame in raw.items():
        counts = frame.groupby("valdistriktskod")[["eligible", "voters"]].sum()
        counts = counts[counts.index.isin(places)]
        got = (
            allocation[allocation["election"] == election]
            .groupby("valdistriktskod")[["eligible", "voters"]]
            .sum()
        )
        pd.testing.assert_frame_equal(got.sort_index(), counts.sort_index(), check_dtype=False)


def test_trend_years_follow_the_method(dataset, tmp_path):
    from areaindex.index.method import load_method
    from areaindex.views.indexview import METHODS_DIR, load_presets, method_years

    presets = load_presets()
    # The default preset has no 2018 data: its trend starts in 2020.
    assert method_years(dataset, presets["malmo_stadskontoret_2023"]) == [2020, 2021, 2022, 2023]
    # With the parliamentary turnout, 2018 is a year of the trend and its goalposts.
    text = (METHODS_DIR / "malmo_officiell_statistik.toml").read_text(encoding="utf-8")
    path = tmp_path / "riksdag.toml"
    path.write_text(text.replace('"voter_turnout"', '"voter_turnout_riksdag"'), encoding="utf-8")
    method = load_method(path)
    assert method_years(dataset, method) == [2018, 2020, 2021, 2022, 2023]
    posts = base_year_goalposts(dataset, method, "omraden")
    values_2018 = dataset.values.query(
        "level == 'omraden' and indicator == 'voter_turnout_riksdag' and year == 2018"
    )["value"]
    assert posts["voter_turnout_riksdag"] == (values_2018.min(), values_2018.max())


def test_ranking_export_marks_the_approximate_dimension(dataset):
    from areaindex.views.export import ranking_frame
    from areaindex.views.indexview import dimension_table, index_view, load_presets

    method = load_presets()["malmo_stadskontoret_2023"]
    dims = dimension_table(dataset, method, "omraden")
    view = index_view(dims, method.weights, dataset.unit_names("omraden"), dataset.catalogue)
    names = {d.id: d.name() for d in dataset.catalogue.dimensions}
    frame = ranking_frame(
        view,
        names,
        illustrative_names={d: names[d] for d in view.illustrative_dimensions},
        approximate_names={d: names[d] for d in view.approximate_dimensions},
    )
    assert (frame["Ungefärlig geografi"] == "Delaktighet").all()
    assert (frame["Illustrativt"] == "nej").all()
    without = index_view(dims, {"utbildning": 5}, dataset.unit_names("omraden"), dataset.catalogue)
    frame = ranking_frame(without, names, approximate_names={})
    assert (frame["Ungefärlig geografi"] == "nej").all()
    assert "Ungefärlig geografi" not in ranking_frame(without, names).columns


def test_outside_malmo_turnout_is_left_out_with_its_dimension(dataset):
    from areaindex.views.indexview import (
        dimension_table,
        effective_method,
        indicators_at,
        load_presets,
    )

    method = load_presets()["malmo_stadskontoret_2023"]
    national = indicators_at(dataset, "sverige")
    assert "voter_turnout" not in national and "share_rented" in national
    assert "voter_turnout" in indicators_at(dataset, "omraden")
    effective = effective_method(method, dataset.catalogue, True, present=national)
    assert effective.dimension_ids == ("utbildning", "ekonomi", "boende")
    # Malmö keeps delaktighet with official only.
    malmo = effective_method(
        method, dataset.catalogue, True, present=indicators_at(dataset, "omraden")
    )
    assert malmo.dimension_ids == ("delaktighet", "utbildning", "ekonomi", "boende")
    dims = dimension_table(dataset, method, "sverige", official_only=True)
    assert "delaktighet" not in dims.scores.columns
    assert dims.scores.notna().any().all()

"""Key figures of one area against Malmö, the dimension profile, and value formatting.

Real-data expectations are computed from the committed CSV files (RegSO counts
summed by hand), not from the aggregation code.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from areaindex.i18n import number
from areaindex.store.catalogue import Indicator
from areaindex.store.dataset import load_dataset
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    IndexView,
    dimension_table,
    index_view,
    load_presets,
)
from areaindex.views.profile import (
    CONTEXT_IDS,
    dimension_profile,
    format_value,
    index_trend,
    key_figures,
    preset_rows,
)

NBSP = "\u00a0"
AREA = "rosengard"
SV_COLUMNS = ["Dimension", "Indikator", "Värde", "Malmö", "År", "", "indicator_id"]
EN_COLUMNS = ["Dimension", "Indicator", "Value", "Malmö", "Year", "", "indicator_id"]


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


@pytest.fixture(scope="module")
def method():
    return load_presets()[DEFAULT_METHOD]


@pytest.fixture(scope="module")
def dims(dataset, method):
    return dimension_table(dataset, method, "omraden")


@pytest.fixture(scope="module")
def figures(dataset, dims):
    return key_figures(dataset, dims, AREA, "omraden").set_index("indicator_id", drop=False)


def ratio(values: pd.DataFrame, regso: list[str], indicator: str, year: int, scale=100.0):
    rows = values[
        (values["indicator"] == indicator)
        & (values["year"] == year)
        & (values["sex"] == "total")
        & values["unit"].isin(regso)
    ]
    return scale * rows["numerator"].sum() / rows["denominator"].sum()


# --------------------------------------------------------------------------- format_value


def indicator(unit: str, decimals: int = 1) -> Indicator:
    return Indicator(
        id="x",
        name_sv="X",
        name_en="X",
        definition_sv="",
        definition_en="",
        dimension="ekonomi",
        direction="higher_is_need",
        unit=unit,
        source="SCB",
        years=(2023,),
        status="official",
        kind="outcome",
        aggregation="ratio",
        decimals=decimals,
    )


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "lang", "expected"),
    [
        ("%", 1, 45.25, "sv", "45,3 %"),
        ("%", 1, 45.25, "en", "45.3 %"),
        ("tkr", 1, 271.0, "sv", "271,0 tkr"),
        ("tkr", 1, 1234.56, "sv", f"1{NBSP}234,6 tkr"),
        ("tkr", 1, 1234.56, "en", "1,234.6 tkr"),
        ("personer", 0, 362133, "sv", f"362{NBSP}133"),
        ("personer", 0, 362133, "en", "362,133"),
        ("personer/hushåll", 2, 2.315, "sv", "2,32 personer/hushåll"),
        ("index", 2, 1.005, "sv", "1,01 index"),
        ("%", 1, -0.04, "sv", "0,0 %"),
    ],
)
def test_format_value(unit, decimals, value, lang, expected):
    assert format_value(indicator(unit, decimals), value, lang) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan])
def test_format_value_missing(missing):
    assert format_value(indicator("%"), missing) == "–"
    assert format_value(indicator("tkr"), missing, "en") == "–"


# --------------------------------------------------------------------------- key_figures


def test_key_figures_lists_every_method_indicator_then_the_context(figures, method):
    expected = [
        *method.indicator_columns,
        *(i for i in CONTEXT_IDS if i not in method.indicator_columns),
    ]
    assert figures["indicator_id"].tolist() == expected
    assert figures.columns.tolist() == SV_COLUMNS
    assert {"population", "share_foreign_born", "share_children"} <= set(expected)


def test_key_figures_dimension_column(figures):
    assert figures.at["voter_turnout", "Dimension"] == "Delaktighet"
    assert figures.at["median_income", "Dimension"] == "Ekonomi"
    assert figures.at["child_poverty", "Dimension"] == "Barn och unga"
    assert figures.at["population", "Dimension"] == "Bakgrund"
    assert figures.at["share_in_challenged_areas", "Dimension"] == "Referens"


def test_key_figures_population_against_malmo(figures, committed_values, regso_of):
    regso = [r for r, o in regso_of["omraden"].items() if o == AREA]
    rows = committed_values[
        (committed_values["indicator"] == "population")
        & (committed_values["year"] == 2023)
        & committed_values["unit"].isin(regso)
    ]
    expected = int(rows["value"].sum())
    row = figures.loc["population"]
    assert row["Värde"] == f"{expected // 1000}{NBSP}{expected % 1000:03d}"
    assert row["Malmö"] == f"362{NBSP}133"
    assert row["År"] == "2023"
    assert row[""] == ""
    assert row["Indikator"] == "Folkmängd"


def test_key_figures_share_from_summed_counts(figures, committed_values, regso_of):
    regso = [r for r, o in regso_of["omraden"].items() if o == AREA]
    everything = list(regso_of["kommun"])
    row = figures.loc["share_rented"]
    area = ratio(committed_values, regso, "share_rented", 2023)
    city = ratio(committed_values, everything, "share_rented", 2023)
    assert row["Värde"] == number(area, 1) + " %"
    assert row["Malmö"] == number(city, 1) + " %"
    assert (row["Värde"], row["Malmö"]) == ("70,3 %", "47,0 %")
    assert row["År"] == "2023"
    assert row[""] == ""


def test_key_figures_years_are_each_indicator_s_latest(figures, dataset):
    for ind_id, row in figures.iterrows():
        latest = max(dataset.catalogue.indicator(ind_id).years)
        assert row["År"] == str(latest), ind_id
    assert figures.at["share_low_education", "År"] == "2022"
    assert figures.at["voter_turnout", "År"] == "2022"


@pytest.mark.parametrize(
    ("ind_id", "note"),
    [
        ("median_income", "ungefärligt"),
        ("mean_wage_income", "ungefärligt"),
        # Official turnout, moved from valdistrikt onto RegSO by area: approximate.
        ("voter_turnout", "ungefärligt"),
        ("child_poverty", "illustrativt"),
        ("care_need_index", "ungefärligt, illustrativt"),
        ("share_rented", ""),
        ("share_low_education", ""),
        ("population", ""),
        ("share_foreign_born", ""),
    ],
)
def test_key_figures_notes_on_the_14_areas(figures, ind_id, note):
    assert figures.at[ind_id, ""] == note


def test_key_figures_notes_on_regso(dataset, method):
    dims = dimension_table(dataset, method, "regso")
    unit = dataset.unit_ids("regso")[0]
    figures = key_figures(dataset, dims, unit, "regso").set_index("indicator_id")
    # A median never aggregates exactly; a RegSO mean is the published value itself.
    assert figures.at["median_income", ""] == "ungefärligt"
    assert figures.at["mean_wage_income", ""] == ""
    # Turnout is approximate even for a RegSO: its districts are split by land area.
    assert figures.at["voter_turnout", ""] == "ungefärligt"
    assert figures.at["care_need_index", ""] == "illustrativt"


def test_key_figures_values_carry_their_units(figures):
    assert figures.at["share_rented", "Värde"].endswith(" %")
    assert figures.at["median_income", "Värde"].endswith(" tkr")
    assert figures.at["median_income", "Malmö"].endswith(" tkr")
    assert figures.at["care_need_index", "Värde"].endswith(" index")
    assert figures.at["population", "Värde"].replace(NBSP, "").isdigit()
    for _, row in figures.iterrows():
        assert row["Värde"] != "–", row["indicator_id"]
        assert row["Malmö"] != "–", row["indicator_id"]


def test_key_figures_value_column_formats_the_raw_values(figures, dims, dataset):
    for ind_id in dims.method.indicator_columns:
        ind = dataset.catalogue.indicator(ind_id)
        raw = dims.raw.values.at[AREA, ind_id]
        assert figures.at[ind_id, "Värde"] == format_value(ind, raw), ind_id


def test_key_figures_for_an_earlier_year(dataset, method):
    dims = dimension_table(dataset, method, "omraden", year=2021)
    figures = key_figures(dataset, dims, AREA, "omraden", year=2021).set_index("indicator_id")
    assert figures.at["population", "Malmö"] == f"351{NBSP}749"
    assert figures.at["population", "År"] == "2021"
    # Published for 2022 only: shown with their first (2022) value and year, for the
    # area and the city alike.
    latest = key_figures(dataset, dims, AREA, "omraden", year=2022).set_index("indicator_id")
    for ind_id in ("share_low_education", "voter_turnout", "median_income"):
        assert figures.at[ind_id, "År"] == "2022"
        assert figures.at[ind_id, "Värde"] == latest.at[ind_id, "Värde"]
        assert figures.at[ind_id, "Malmö"] == latest.at[ind_id, "Malmö"]


def test_key_figures_in_english(dataset, dims):
    figures = key_figures(dataset, dims, AREA, "omraden", lang="en")
    assert figures.columns.tolist() == EN_COLUMNS
    figures = figures.set_index("indicator_id")
    assert figures.at["population", "Malmö"] == "362,133"
    assert figures.at["population", "Dimension"] == "Context"
    assert figures.at["median_income", ""] == "approximate"
    assert figures.at["voter_turnout", ""] == "approximate"
    assert figures.at["care_need_index", ""] == "approximate, illustrative"
    assert figures.at["share_rented", "Value"] == "70.3 %"


def test_key_figures_official_only_lists_no_illustrative_indicator(dataset, method):
    dims = dimension_table(dataset, method, "omraden", official_only=True)
    figures = key_figures(dataset, dims, AREA, "omraden")
    assert figures["indicator_id"].tolist() == [
        "voter_turnout",  # official now: delaktighet stays
        "share_low_education",
        "share_higher_education",
        "mean_wage_income",
        "median_income",
        "share_rented",
        *CONTEXT_IDS,
    ]
    assert "illustrativt" not in " ".join(figures[""])


def test_key_figures_city_value_follows_sex(dataset, method):
    dims = dimension_table(dataset, method, "omraden", sex="women")
    women = key_figures(dataset, dims, AREA, "omraden", sex="women").set_index("indicator_id")
    total = key_figures(dataset, dims, AREA, "omraden").set_index("indicator_id")
    # Official education data has no split by sex: the total, for area and city alike
    # (the index lists it in dims.totals_for_sex and the page says so).
    assert "share_low_education" in dims.totals_for_sex
    assert women.at["share_low_education", "Malmö"] == total.at["share_low_education", "Malmö"]
    assert women.at["share_low_education", "Värde"] == total.at["share_low_education", "Värde"]
    # Official turnout has no split by sex either.
    assert "voter_turnout" in dims.totals_for_sex
    # Illustrative health is split by sex: the city value follows the chosen sex.
    assert "poor_self_rated_health" not in dims.totals_for_sex
    assert (
        women.at["poor_self_rated_health", "Malmö"] != total.at["poor_self_rated_health", "Malmö"]
    )


# --------------------------------------------------------------------------- dimension_profile


def hand_view() -> IndexView:
    table = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "index": [50.0, 80.0, 80.0, np.nan],
            "rank": pd.array([3, 1, 1, None], dtype="Int64"),
            "score.ekonomi": [50.0, 80.0, 80.0, np.nan],
            "score.boende": [12.25, 0.0, 100.0, 40.0],
            "score.halsa": [1.0, 2.0, 3.0, 4.0],  # weight 0: not in the profile
        },
        index=["a", "b", "c", "d"],
    )
    return IndexView(
        table,
        ("ekonomi", "boende"),
        {"ekonomi": 75.0, "boende": 25.0, "halsa": 0.0},
        (),
    )


NAMES = {"ekonomi": "Ekonomi", "boende": "Boende", "halsa": "Hälsa"}


def test_dimension_profile_ranks_and_weights():
    profile = dimension_profile(hand_view(), "a", NAMES)
    assert profile.columns.tolist() == ["Dimension", "Värde 0–100", "Rang", "Vikt"]
    assert profile.to_dict("records") == [
        {"Dimension": "Ekonomi", "Värde 0–100": "50,0", "Rang": "3", "Vikt": "75 %"},
        {"Dimension": "Boende", "Värde 0–100": "12,3", "Rang": "3", "Vikt": "25 %"},
    ]


def test_dimension_profile_ties_share_the_best_rank():
    profile = dimension_profile(hand_view(), "b", NAMES)
    assert profile["Rang"].tolist() == ["1", "4"]
    profile = dimension_profile(hand_view(), "c", NAMES)
    assert profile["Rang"].tolist() == ["1", "1"]


def test_dimension_profile_missing_score():
    profile = dimension_profile(hand_view(), "d", NAMES)
    assert profile["Värde 0–100"].tolist() == ["–", "40,0"]
    assert profile["Rang"].tolist() == ["–", "2"]


def test_dimension_profile_in_english():
    profile = dimension_profile(hand_view(), "a", {}, lang="en")
    assert profile.columns.tolist() == ["Dimension", "Score 0–100", "Rank", "Weight"]
    assert profile["Dimension"].tolist() == ["ekonomi", "boende"]
    assert profile["Score 0–100"].tolist() == ["50.0", "12.3"]


def test_dimension_profile_on_real_data(dataset, method, dims):
    from areaindex.views.indexview import index_view

    view = index_view(dims, method.weights, dataset.unit_names("omraden"), dataset.catalogue)
    profile = dimension_profile(view, AREA, NAMES)
    assert len(profile) == len(view.dimensions) == 4
    assert profile["Vikt"].tolist() == ["25 %"] * 4
    for (_, row), dim in zip(profile.iterrows(), view.dimensions, strict=True):
        scores = view.table[f"score.{dim}"]
        assert row["Rang"] == str(int((scores > scores[AREA]).sum()) + 1)


def test_format_value_uses_the_indicator_s_decimals():
    ind = replace(indicator("tkr"), decimals=0)
    assert format_value(ind, 271.5) == "272 tkr"


# --------------------------------------------------------------------------- presets and trend


def test_preset_rows_give_each_preset_s_index_and_rank(dataset):
    presets = load_presets()
    names = dataset.unit_names("omraden")
    tables = {}

    def table_for(m):
        tables[m.id] = dimension_table(dataset, m, "omraden")
        return tables[m.id]

    rows = preset_rows(presets, table_for, AREA, names, dataset.catalogue)
    assert rows["preset"].tolist() == list(presets)
    assert rows["title_sv"].tolist() == [m.title.sv for m in presets.values()]
    for row in rows.to_dict("records"):
        method = presets[row["preset"]]
        view = index_view(tables[method.id], method.weights, names, dataset.catalogue)
        assert row["index"] == view.table.at[AREA, "index"]
        assert row["rank"] == view.table.at[AREA, "rank"]
    # The default preset: the plain mean of its four equally weighted dimensions.
    default = rows.set_index("preset").loc[DEFAULT_METHOD]
    scores = tables[DEFAULT_METHOD].scores.loc[
        AREA, ["delaktighet", "utbildning", "ekonomi", "boende"]
    ]
    assert default["index"] == pytest.approx(scores.mean())


def test_preset_rows_leave_out_a_preset_with_every_weight_zero(dataset, method):
    zero = method.with_weights(dict.fromkeys(method.dimension_ids, 0))
    presets = {"zero": zero, "default": method}
    rows = preset_rows(
        presets,
        lambda m: dimension_table(dataset, m, "omraden"),
        AREA,
        dataset.unit_names("omraden"),
        dataset.catalogue,
    )
    assert rows["preset"].tolist() == ["default"]


def test_index_trend_follows_the_weights_year_by_year(dataset, method):
    names = dataset.unit_names("omraden")
    weights = {"utbildning": 5, "ekonomi": 5}
    years = dataset.years()

    def table_for_year(year):
        return dimension_table(dataset, method, "omraden", year=year, over_time=True)

    trend = index_trend(table_for_year, years, weights, AREA, names, dataset.catalogue)
    assert trend.index.tolist() == list(years)
    for year in years:
        scores = table_for_year(year).scores[["utbildning", "ekonomi"]]
        assert trend.at[year, "area"] == pytest.approx(scores.loc[AREA].mean())
        assert trend.at[year, "median"] == pytest.approx(scores.mean(axis=1).median())


def test_index_trend_stops_when_no_weight_is_in_play(dataset, method):
    trend = index_trend(
        lambda y: dimension_table(dataset, method, "omraden", year=y),
        dataset.years(),
        {},
        AREA,
        dataset.unit_names("omraden"),
        dataset.catalogue,
    )
    assert trend.empty and list(trend.columns) == ["area", "median"]

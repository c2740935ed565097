"""The dashboard's index: weight shares, contributions, official-only, presets, top units.

Real-data tests use the database built once per session by ``tests/conftest.py``
(``built_db``), never the repository's own ``indicators.duckdb``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.errors import ScoringError
from areaindex.index.method import load_method
from areaindex.store.catalogue import load_catalogue
from areaindex.store.dataset import load_dataset
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    IndexView,
    dimension_table,
    effective_method,
    illustrative_columns,
    index_view,
    load_presets,
    top_units,
    weight_shares,
)
from tests.expected import MALMO_DIMENSIONS

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("omraden", "stadsdelar", "stadsomraden", "regso")
N_UNITS = {"omraden": 14, "stadsdelar": 10, "stadsomraden": 5, "regso": 91}
DIMENSIONS = MALMO_DIMENSIONS
# Delaktighet has official data since turnout comes from Valmyndigheten.
OFFICIAL_DIMENSIONS = ("delaktighet", "utbildning", "ekonomi", "boende")
ILLUSTRATIVE_ONLY = ("halsa", "tillit", "trygghet", "barn_unga")


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


@pytest.fixture(scope="module")
def presets():
    return load_presets()


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "data" / "catalogue.toml")


# --------------------------------------------------------------------------- weight_shares


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"a": 5, "b": 5, "c": 0}, {"a": 50.0, "b": 50.0, "c": 0.0}),
        ({"a": 1, "b": 2, "c": 1}, {"a": 25.0, "b": 50.0, "c": 25.0}),
        ({"a": 10}, {"a": 100.0}),
        ({"a": 3, "b": 1}, {"a": 75.0, "b": 25.0}),
        ({"a": -3, "b": 1}, {"a": 0.0, "b": 100.0}),
        ({"a": 0, "b": 0}, {"a": 0.0, "b": 0.0}),
        ({}, {}),
    ],
)
def test_weight_shares(weights, expected):
    assert weight_shares(weights) == pytest.approx(expected)


@pytest.mark.parametrize(
    "weights",
    [
        {"a": 1, "b": 1, "c": 1},
        {"a": 7, "b": 3, "c": 9, "d": 1},
        dict(zip(DIMENSIONS, [1, 2, 3, 4, 5, 6, 7, 8], strict=True)),
        {"a": 0.1, "b": 0.2},
    ],
)
def test_weight_shares_sum_to_100(weights):
    shares = weight_shares(weights)
    assert set(shares) == set(weights)
    assert sum(shares.values()) == pytest.approx(100.0)


def test_weight_shares_all_zero_are_all_zero():
    assert weight_shares(dict.fromkeys(DIMENSIONS, 0)) == dict.fromkeys(DIMENSIONS, 0.0)


# --------------------------------------------------------------------------- presets


def test_every_malmo_method_file_loads_and_is_a_preset(presets):
    files = sorted((ROOT / "methods").glob("malmo_*.toml"))
    assert files
    ids = {load_method(path).id for path in files}
    assert set(presets) == ids
    assert len(presets) == len(files)


def test_the_default_preset_comes_first(presets):
    assert next(iter(presets)) == DEFAULT_METHOD == "malmo_stadskontoret_2023"


def test_presets_use_only_catalogue_indicators_with_the_catalogue_s_direction(presets, catalogue):
    known = {ind.id: ind for ind in catalogue.indicators}
    dims = {d.id for d in catalogue.dimensions}
    for method in presets.values():
        assert method.id_column == "unit"
        for dim in method.dimensions:
            assert dim.id in dims, (method.id, dim.id)
            for ind in dim.indicators:
                assert ind.column in known, (method.id, ind.column)
                entry = known[ind.column]
                assert ind.direction == entry.direction, (method.id, ind.column)
                assert entry.dimension == dim.id, (method.id, ind.column)


def test_default_preset_weights_only_the_city_office_s_four_dimensions_equally(presets):
    weights = presets[DEFAULT_METHOD].weights
    positive = {d: w for d, w in weights.items() if w > 0}
    assert set(positive) == {"delaktighet", "utbildning", "ekonomi", "boende"}
    assert len(set(positive.values())) == 1


# --------------------------------------------------------------------------- effective_method


@pytest.mark.parametrize("preset", ["malmo_stadskontoret_2023", "malmo_asn_2023"])
def test_official_only_keeps_no_illustrative_indicator(presets, catalogue, preset):
    method = effective_method(presets[preset], catalogue, official_only=True)
    status = {ind.id: ind.status for ind in catalogue.indicators}
    assert method.indicator_columns
    assert all(status[c] == "official" for c in method.indicator_columns)
    assert illustrative_columns(method, catalogue) == []
    # Dimensions with only illustrative data are gone; the others keep their official
    # indicators (delaktighet loses participation in associations) and their weight.
    assert method.dimension_ids == OFFICIAL_DIMENSIONS
    original = presets[preset]
    for dim in method.dimensions:
        before = next(d for d in original.dimensions if d.id == dim.id)
        official = [i.column for i in before.indicators if status[i.column] == "official"]
        assert [i.column for i in dim.indicators] == official
        assert dim.weight == before.weight


def test_without_official_only_the_method_is_unchanged(presets, catalogue):
    method = presets["malmo_asn_2023"]
    assert effective_method(method, catalogue, official_only=False) == method


def test_official_method_is_unchanged_by_official_only(presets, catalogue):
    method = presets["malmo_officiell_statistik"]
    assert effective_method(method, catalogue, official_only=True) == method


def test_illustrative_columns_of_the_default_preset(presets, catalogue):
    # Only the dimensions weighted 0 by default: the four weighted ones are official.
    assert illustrative_columns(presets[DEFAULT_METHOD], catalogue) == [
        "poor_self_rated_health",
        "low_mental_wellbeing",
        "physical_inactivity",
        "care_need_index",
        "low_social_trust",
        "feel_unsafe_outdoors",
        "preschool_enrolment",
        "child_poverty",
        "youth_social_participation",
        "meaningful_leisure",
    ]


# --------------------------------------------------------------------------- index_view


def view_for(dataset, method, level, weights, **kwargs):
    dims = dimension_table(dataset, method, level, **kwargs)
    return dims, index_view(dims, weights, dataset.unit_names(level), dataset.catalogue)


WEIGHT_SETS = {
    "default": None,  # the preset's own weights
    "asn": "malmo_asn_2023",
    "uneven": {"delaktighet": 1, "utbildning": 10, "ekonomi": 3, "halsa": 7, "barn_unga": 2},
    "single": {"boende": 4},
}


def weights_for(presets, name):
    spec = WEIGHT_SETS[name]
    if spec is None:
        return presets[DEFAULT_METHOD].weights
    if isinstance(spec, str):
        return presets[spec].weights
    return {d: spec.get(d, 0) for d in DIMENSIONS}


@pytest.mark.parametrize("official_only", [False, True], ids=["all", "official"])
@pytest.mark.parametrize("weights_name", list(WEIGHT_SETS))
@pytest.mark.parametrize("level", LEVELS)
def test_contributions_sum_to_the_index(dataset, presets, level, weights_name, official_only):
    weights = weights_for(presets, weights_name)
    method = presets[DEFAULT_METHOD]
    in_play = OFFICIAL_DIMENSIONS if official_only else DIMENSIONS
    if not any(weights.get(d, 0) > 0 for d in in_play):
        pytest.skip("no weight in play")
    dims, view = view_for(dataset, method, level, weights, official_only=official_only)
    table = view.table
    assert len(table) == N_UNITS[level]
    assert table.index.tolist() == dataset.unit_ids(level)
    contrib = table[[f"contrib.{d}" for d in view.dimensions]]
    has_index = table["index"].notna()
    assert has_index.any()
    np.testing.assert_allclose(
        contrib[has_index].sum(axis=1).to_numpy(), table.loc[has_index, "index"].to_numpy()
    )
    assert contrib[~has_index].isna().all().all()
    # Independent check: the index is the weighted mean of the scores in play.
    scores = dims.scores[list(view.dimensions)]
    w = pd.Series({d: float(weights[d]) for d in view.dimensions})
    expected = (scores * w).sum(axis=1) / scores.notna().mul(w).sum(axis=1)
    np.testing.assert_allclose(table.loc[has_index, "index"], expected[has_index])


def test_an_indicator_published_later_counts_with_its_first_year(dataset, presets):
    # share_low_education and share_higher_education exist for 2022 only: in 2021 they
    # count with their 2022 values (the year used is reported), so utbildning is not lost.
    method = presets[DEFAULT_METHOD]
    dims, view = view_for(dataset, method, "omraden", method.weights, year=2021)
    assert (dims.raw.years["share_low_education"] == 2022).all()
    assert (dims.raw.years["mean_wage_income"] == 2021).all()
    latest, _ = view_for(dataset, method, "omraden", method.weights, year=2022)
    np.testing.assert_allclose(dims.scores["utbildning"], latest.scores["utbildning"])
    four = ["delaktighet", "utbildning", "ekonomi", "boende"]
    np.testing.assert_allclose(view.table["index"], dims.scores[four].mean(axis=1))
    np.testing.assert_allclose(
        view.table[[f"contrib.{d}" for d in four]].sum(axis=1), view.table["index"]
    )


def test_default_view_on_the_14_areas(dataset, presets):
    method = presets[DEFAULT_METHOD]
    dims, view = view_for(dataset, method, "omraden", method.weights)
    four = ["delaktighet", "utbildning", "ekonomi", "boende"]
    assert view.dimensions == tuple(four)
    assert view.shares == {d: (25.0 if d in four else 0.0) for d in DIMENSIONS}
    # Official statistics only; turnout's geography is approximate.
    assert view.illustrative_dimensions == ()
    assert view.approximate_dimensions == ("delaktighet",)
    table = view.table
    np.testing.assert_allclose(table["index"], dims.scores[four].mean(axis=1))
    for d in four:
        np.testing.assert_allclose(table[f"contrib.{d}"], dims.scores[d] / 4)
    assert not any(c.startswith("contrib.") and c[8:] not in four for c in table.columns)
    assert {f"score.{d}" for d in DIMENSIONS} <= set(table.columns)
    assert table["name"].to_dict() == dataset.unit_names("omraden")
    # Ranks: 1 = highest index, ties share the lowest number.
    expected_rank = table["index"].rank(method="min", ascending=False).astype(int)
    assert table["rank"].tolist() == expected_rank.tolist()
    assert sorted(table["rank"].tolist()) == list(range(1, 15))


def test_index_view_raises_scoring_error_when_all_weights_are_zero(dataset, presets):
    dims = dimension_table(dataset, presets[DEFAULT_METHOD], "omraden")
    with pytest.raises(ScoringError):
        index_view(dims, dict.fromkeys(DIMENSIONS, 0), {}, dataset.catalogue)
    with pytest.raises(ScoringError):
        index_view(dims, {}, {}, dataset.catalogue)


def test_index_view_raises_when_only_dropped_dimensions_are_weighted(dataset, presets):
    dims = dimension_table(dataset, presets[DEFAULT_METHOD], "omraden", official_only=True)
    weights = {**dict.fromkeys(DIMENSIONS, 0), "tillit": 5, "halsa": 10}
    with pytest.raises(ScoringError):
        index_view(dims, weights, {}, dataset.catalogue)


def test_weights_for_dimensions_outside_the_method_are_ignored(dataset, presets):
    dims = dimension_table(dataset, presets[DEFAULT_METHOD], "omraden", official_only=True)
    base = {"delaktighet": 5, "utbildning": 5, "ekonomi": 5, "boende": 5}
    plain = index_view(dims, base, {}, dataset.catalogue)
    extra = index_view(dims, {**base, "halsa": 9, "no_such": 3}, {}, dataset.catalogue)
    pd.testing.assert_frame_equal(plain.table, extra.table)
    assert extra.dimensions == OFFICIAL_DIMENSIONS
    assert extra.shares == pytest.approx(dict.fromkeys(OFFICIAL_DIMENSIONS, 100 / 4))


@pytest.mark.parametrize(
    ("preset", "weights", "expected"),
    [
        (DEFAULT_METHOD, None, ()),
        ("malmo_asn_2023", None, ("delaktighet", "tillit", "trygghet", "barn_unga")),
        ("malmo_hvon_2023", None, ("delaktighet", "halsa")),
        ("malmo_officiell_statistik", None, ()),
        (DEFAULT_METHOD, {"ekonomi": 2, "halsa": 3}, ("halsa",)),
        (DEFAULT_METHOD, {"utbildning": 1, "boende": 1}, ()),
        (DEFAULT_METHOD, dict.fromkeys(DIMENSIONS, 1), ILLUSTRATIVE_ONLY),
    ],
)
def test_illustrative_dimensions_are_the_weighted_ones_with_illustrative_data(
    dataset, presets, preset, weights, expected
):
    method = presets[preset]
    weights = method.weights if weights is None else weights
    _, view = view_for(dataset, method, "omraden", weights)
    assert view.illustrative_dimensions == expected
    assert set(view.illustrative_dimensions) <= set(view.dimensions)


def test_official_only_view_has_no_illustrative_dimension(dataset, presets):
    method = presets["malmo_asn_2023"]
    _, view = view_for(dataset, method, "regso", method.weights, official_only=True)
    assert view.illustrative_dimensions == ()
    assert view.dimensions == OFFICIAL_DIMENSIONS
    assert not any(c.endswith(ILLUSTRATIVE_ONLY) for c in view.table.columns)


# --------------------------------------------------------------------------- top_units


def hand_view(ranks, names=None, index=None) -> IndexView:
    units = [f"u{i}" for i in range(len(ranks))]
    table = pd.DataFrame(
        {
            "name": names or [f"Område {chr(65 + i)}" for i in range(len(ranks))],
            "index": index or [np.nan if r is None else 100.0 - 10 * r for r in ranks],
            "rank": pd.array(ranks, dtype="Int64"),
        },
        index=units,
    )
    return IndexView(table, ("x",), {"x": 100.0}, ())


def test_top_units_best_first():
    view = hand_view([3, 1, 4, 2, 5])
    assert top_units(view, 3) == ["u1", "u3", "u0"]
    assert top_units(view, 1) == ["u1"]


def test_top_units_include_ties_at_the_cut():
    view = hand_view([1, 2, 3, 3, 5])
    assert top_units(view, 3) == ["u0", "u1", "u2", "u3"]
    assert top_units(view, 2) == ["u0", "u1"]


def test_top_units_with_a_tie_for_first_place_sort_by_name():
    view = hand_view([1, 1, 3], names=["Oxie", "Husie", "Limhamn"])
    assert top_units(view, 1) == ["u1", "u0"]
    assert top_units(view, 2) == ["u1", "u0"]
    assert top_units(view, 3) == ["u1", "u0", "u2"]


def test_top_units_skip_units_without_a_rank():
    view = hand_view([None, 2, 1, None])
    assert top_units(view, 3) == ["u2", "u1"]
    assert top_units(hand_view([None, None]), 3) == []


def test_top_units_more_than_there_are():
    assert top_units(hand_view([2, 1]), 10) == ["u1", "u0"]


def test_top_units_on_real_data_match_the_ranks(dataset, presets):
    method = presets[DEFAULT_METHOD]
    _, view = view_for(dataset, method, "regso", method.weights)
    top = top_units(view, 3)
    assert len(top) == 3
    assert view.table.loc[top, "rank"].tolist() == [1, 2, 3]


@pytest.mark.parametrize("seed", range(10))
def test_rank_order_is_pandas_sort_by_rank_then_name(seed):
    """The one order of ranked lists on the pages, held to pandas' sort (missing last)."""
    from areaindex.views.indexview import rank_order

    rng = np.random.default_rng(seed)
    n = 30
    ranks = rng.integers(1, 8, size=n).astype(float)
    ranks[rng.random(n) < 0.2] = np.nan
    names = [f"n{i}" for i in rng.integers(0, 6, size=n)]
    frame = pd.DataFrame({"rank": ranks, "name": names})
    assert rank_order(ranks, names) == list(frame.sort_values(["rank", "name"]).index)

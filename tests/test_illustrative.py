"""Tests for areaindex.sources.illustrative: the seeded model; modelled values stay labelled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.sources.illustrative import (
    ILLUSTRATIVE,
    MODEL,
    SEED,
    illustrative_values,
    latent_need,
)
from areaindex.sources.official import OFFICIAL
from areaindex.store.catalogue import load_catalogue
from areaindex.store.longtable import LONG_COLUMNS, read_long

ILLUSTRATIVE_IDS = {ind.id for ind in ILLUSTRATIVE}


@pytest.fixture(scope="module")
def official(repo_root) -> pd.DataFrame:
    return read_long(repo_root / "data" / "values_official.csv")


@pytest.fixture(scope="module")
def generated(official) -> pd.DataFrame:
    return illustrative_values(official)


def test_same_seed_gives_identical_values(official, generated):
    pd.testing.assert_frame_equal(illustrative_values(official, seed=SEED), generated)


def test_another_seed_gives_other_values(official, generated):
    other = illustrative_values(official, seed=SEED + 1)
    # Same rows and the same denominators (they come from the real population) ...
    pd.testing.assert_frame_equal(
        other[["unit", "indicator", "year", "sex", "denominator"]],
        generated[["unit", "indicator", "year", "sex", "denominator"]],
    )
    # ... but other draws, for most rows of every indicator.
    for indicator_id in ILLUSTRATIVE_IDS:
        mine = generated["indicator"] == indicator_id
        changed = (other.loc[mine, "value"] != generated.loc[mine, "value"]).mean()
        assert changed > 0.5, indicator_id


def test_committed_file_is_the_seeded_model(repo_root, generated):
    # The committed illustrative values are what the model gives with SEED. prepare
    # feeds the model full-precision official values, the committed file holds them
    # to 6 significant digits, so values agree to about 1e-5 here and the counts
    # exactly (the byte-exact check runs in test_prepare, with the raw sources).
    committed = read_long(repo_root / "data" / "values_illustrative.csv")
    assert len(committed) == len(generated)
    keys = ["unit", "indicator", "year", "sex"]
    pd.testing.assert_frame_equal(committed[keys], generated[keys])
    for column in ("numerator", "denominator"):
        np.testing.assert_array_equal(committed[column], generated[column].round())
    np.testing.assert_allclose(committed["value"], generated["value"], rtol=2e-5)


def test_totals_are_women_plus_men(generated):
    by_sex = generated[generated["numerator"].notna()].pivot_table(
        index=["unit", "indicator", "year"],
        columns="sex",
        values=["numerator", "denominator"],
    )
    with_sexes = by_sex.dropna()
    assert len(with_sexes) > 0
    for column in ("numerator", "denominator"):
        np.testing.assert_array_equal(
            with_sexes[(column, "total")],
            with_sexes[(column, "women")] + with_sexes[(column, "men")],
        )
    # And each value is 100 · numerator / denominator, for every sex.
    shares = generated[generated["numerator"].notna()]
    np.testing.assert_allclose(
        shares["value"], 100 * shares["numerator"] / shares["denominator"], rtol=1e-12
    )


def test_counts_are_whole_and_within_denominator(generated, official):
    shares = generated[generated["numerator"].notna()]
    assert (shares["numerator"] == np.round(shares["numerator"])).all()
    assert (shares["numerator"] >= 0).all()
    assert (shares["numerator"] <= shares["denominator"]).all()
    # Denominators: the spec's share of that year's real population, rounded.
    pop = official[(official["indicator"] == "population")].set_index(["unit", "year"])["value"]
    totals = shares[shares["sex"] == "total"]
    expected = [
        round(pop[(u, y)] * MODEL[i].population_share)
        for u, i, y in zip(totals["unit"], totals["indicator"], totals["year"], strict=True)
    ]
    np.testing.assert_array_equal(totals["denominator"], expected)


def test_every_regso_year_and_sex_of_the_specs(generated):
    for ind in ILLUSTRATIVE:
        rows = generated[generated["indicator"] == ind.id]
        assert sorted(rows["year"].unique()) == sorted(MODEL[ind.id].years)
        assert set(rows["sex"]) == set(ind.sexes)
        assert len(rows) == 91 * len(ind.years) * len(ind.sexes)


def test_values_stay_within_the_model_range(generated):
    for ind in ILLUSTRATIVE:
        spec = MODEL[ind.id]
        rows = generated[(generated["indicator"] == ind.id) & (generated["sex"] == "total")]
        if spec.share:
            # Realised shares are binomial draws: bounded by 0-100, centred in [lo, hi].
            assert rows["value"].between(0, 100).all(), ind.id
            assert spec.lo < rows["value"].median() < spec.hi, ind.id
        else:
            # An index value is the model's expectation itself: always within [lo, hi].
            assert rows["value"].between(spec.lo, spec.hi).all(), ind.id
            assert rows["numerator"].isna().all()


def test_latent_need_is_standardised_and_points_the_right_way(official):
    z = latent_need(official)
    assert len(z) == 91
    assert z.mean() == pytest.approx(0, abs=1e-12)
    assert z.std(ddof=0) == pytest.approx(1, abs=1e-12)
    wide = official[official["year"] == 2022].pivot(
        index="unit", columns="indicator", values="value"
    )
    # More need goes with lower income and more compulsory-only schooling.
    assert np.corrcoef(z, -wide.loc[z.index, "mean_wage_income"])[0, 1] > 0.5
    assert np.corrcoef(z, wide.loc[z.index, "share_low_education"])[0, 1] > 0.5


def test_illustrative_indicators_are_labelled_in_the_catalogue(repo_root):
    catalogue = load_catalogue(repo_root / "data" / "catalogue.toml")
    statuses = {ind.id: ind.status for ind in catalogue.indicators}
    for indicator_id in ILLUSTRATIVE_IDS:
        assert statuses[indicator_id] == "illustrative", indicator_id
        assert "inte statistik" in catalogue.indicator(indicator_id).source
    # No official definition shares an id with an illustrative one.
    assert ILLUSTRATIVE_IDS.isdisjoint(ind.id for ind in OFFICIAL)
    assert {i for i, s in statuses.items() if s == "illustrative"} == ILLUSTRATIVE_IDS


def test_modelled_values_live_only_in_the_illustrative_file(repo_root):
    read = {
        name: pd.read_csv(repo_root / "data" / name, usecols=["indicator"])["indicator"]
        for name in ("values_official.csv", "values_illustrative.csv")
    }
    assert set(read["values_official.csv"]).isdisjoint(ILLUSTRATIVE_IDS)
    assert set(read["values_illustrative.csv"]) == ILLUSTRATIVE_IDS


def test_output_shape(generated):
    assert tuple(generated.columns) == LONG_COLUMNS
    keys = generated[["indicator", "unit", "year", "sex"]].apply(tuple, axis=1).tolist()
    assert keys == sorted(keys)
    assert not generated.duplicated(["unit", "indicator", "year", "sex"]).any()

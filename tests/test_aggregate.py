"""Tests for areaindex.store.aggregate: larger areas from counts, by hand and on the database."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.store.aggregate import aggregate, at_regso
from areaindex.store.catalogue import Catalogue, Indicator, load_catalogue

NAN = np.nan
LEVELS_ABOVE_REGSO = ("omraden", "stadsdelar", "stadsomraden", "kommun")


def indicator(indicator_id: str, aggregation: str, **kw) -> Indicator:
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
        years=(2020, 2021),
        status="official",
        kind="context",
        aggregation=aggregation,
        **kw,
    )


TINY = Catalogue(
    (),
    (
        indicator("r", "ratio", scale=100.0, sexes=("total", "women")),
        indicator("p", "sum"),
        indicator("m", "weighted_mean", weight_basis="folkmängd"),
        indicator("k", "categorical"),
    ),
)
# RegSO a, b, c make up area X; d alone is area Y.
GROUPS = pd.Series({"a": "X", "b": "X", "c": "X", "d": "Y"})
ROWS = [
    # unit, indicator, year, sex, value, numerator, denominator
    ("a", "r", 2020, "total", 50.0, 5, 10),
    ("b", "r", 2020, "total", NAN, NAN, 30),  # numerator missing: b is left out of both sums
    ("c", "r", 2020, "total", 10.0, 1, 10),
    ("d", "r", 2020, "total", 75.0, 3, 4),
    ("a", "r", 2020, "women", 40.0, 2, 5),
    ("c", "r", 2020, "women", 0.0, 0, 5),
    ("b", "r", 2020, "women", 0.0, 0, 0),  # nothing to count
    ("d", "r", 2020, "women", NAN, 0, 0),  # a share of nobody is missing
    ("a", "r", 2021, "total", 50.0, 5, 10),
    ("c", "r", 2021, "total", NAN, 4, NAN),  # denominator missing: c is left out of both sums
    ("a", "p", 2020, "total", 100.0, NAN, NAN),
    ("b", "p", 2020, "total", 200.0, NAN, NAN),
    ("c", "p", 2020, "total", 50.0, NAN, NAN),
    ("d", "p", 2020, "total", 7.0, NAN, NAN),
    ("a", "p", 2021, "total", 100.0, NAN, NAN),
    ("b", "p", 2021, "total", NAN, NAN, NAN),  # a total with a member missing is unknown
    ("c", "p", 2021, "total", 50.0, NAN, NAN),
    ("d", "p", 2021, "total", 8.0, NAN, NAN),
    ("a", "m", 2020, "total", 10.0, NAN, 100),
    ("b", "m", 2020, "total", NAN, NAN, 200),  # value missing: its weight does not count
    ("c", "m", 2020, "total", 40.0, NAN, 300),
    ("d", "m", 2020, "total", 5.0, NAN, 0),  # no weight: no mean
    ("a", "k", 2020, "total", 1.0, NAN, NAN),
    ("b", "k", 2020, "total", 2.0, NAN, NAN),
    ("c", "k", 2020, "total", 3.0, NAN, NAN),
    ("d", "k", 2020, "total", 5.0, NAN, NAN),
]
VALUES = pd.DataFrame(
    ROWS, columns=["unit", "indicator", "year", "sex", "value", "numerator", "denominator"]
)


def test_hand_computed_example():
    result = aggregate(VALUES, GROUPS, TINY, "omraden")
    expected = pd.DataFrame(
        [
            # m, X: (10·100 + 40·300) / (100 + 300) = 13000 / 400
            ("omraden", "X", "m", 2020, "total", 32.5, NAN, 400.0, True),
            ("omraden", "X", "p", 2020, "total", 350.0, NAN, NAN, False),
            ("omraden", "X", "p", 2021, "total", NAN, NAN, NAN, False),
            # r, X: 100 · (5 + 1) / (10 + 10); b's 30 without a numerator is left out.
            ("omraden", "X", "r", 2020, "total", 30.0, 6.0, 20.0, False),
            # r, X, women: 100 · (2 + 0 + 0) / (5 + 5 + 0)
            ("omraden", "X", "r", 2020, "women", 20.0, 2.0, 10.0, False),
            # r, X, 2021: 100 · 5 / 10; c's 4 without a denominator is left out.
            ("omraden", "X", "r", 2021, "total", 50.0, 5.0, 10.0, False),
            ("omraden", "Y", "m", 2020, "total", NAN, NAN, 0.0, True),
            ("omraden", "Y", "p", 2020, "total", 7.0, NAN, NAN, False),
            ("omraden", "Y", "p", 2021, "total", 8.0, NAN, NAN, False),
            ("omraden", "Y", "r", 2020, "total", 75.0, 3.0, 4.0, False),
            ("omraden", "Y", "r", 2020, "women", NAN, 0.0, 0.0, False),
        ],
        columns=[
            "level",
            "unit",
            "indicator",
            "year",
            "sex",
            "value",
            "numerator",
            "denominator",
            "approximate",
        ],
    )
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert "k" not in set(result["indicator"])  # a class of a RegSO means nothing for X


def test_identity_grouping_reproduces_regso_values():
    complete = VALUES[VALUES["indicator"] != "k"].dropna(subset=["value"])
    complete = complete[complete["denominator"].fillna(1) > 0]
    result = aggregate(complete, pd.Series({u: u for u in "abcd"}), TINY, "regso")
    expected = at_regso(complete, TINY)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert not result["approximate"].any()  # a weighted mean is exact at its own level


def test_regso_without_area_is_refused():
    with pytest.raises(ValueError, match="RegSO d saknar område på nivån omraden"):
        aggregate(VALUES, GROUPS.drop("d"), TINY, "omraden")


def test_at_regso_keeps_values_and_flags_medians():
    catalogue = Catalogue(
        (), (*TINY.indicators, indicator("med", "weighted_median", weight_basis="n"))
    )
    values = pd.concat(
        [
            VALUES,
            pd.DataFrame([("a", "med", 2020, "total", 300.0, NAN, 10)], columns=VALUES.columns),
        ]
    )
    out = at_regso(values, catalogue)
    assert set(out["level"]) == {"regso"}
    assert len(out) == len(values)
    flagged = out.groupby("indicator")["approximate"].agg(set).to_dict()
    assert flagged == {"k": {False}, "m": {False}, "med": {True}, "p": {False}, "r": {False}}


# --- the built database against sums over the committed RegSO values --------------------


@pytest.fixture(scope="module")
def catalogue(repo_root) -> Catalogue:
    return load_catalogue(repo_root / "data" / "catalogue.toml")


@pytest.fixture(scope="module")
def expected(committed_values, regso_of, catalogue) -> pd.DataFrame:
    """Sums over member RegSO per level, computed here without areaindex.store.aggregate."""
    how = {ind.id: ind.aggregation for ind in catalogue.indicators}
    rows = committed_values[committed_values["indicator"].map(how) != "categorical"]
    parts = []
    for level in LEVELS_ABOVE_REGSO:
        frame = rows.assign(
            level=level,
            unit=rows["unit"].map(regso_of[level]),
            weighted=rows["value"] * rows["denominator"],
        )
        sums = (
            frame.groupby(["level", "unit", "indicator", "year", "sex"])[
                ["value", "numerator", "denominator", "weighted"]
            ]
            .sum()
            .reset_index()
        )
        parts.append(sums)
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def compared(db, expected) -> pd.DataFrame:
    keys = ["level", "unit", "indicator", "year", "sex"]
    built = db["indicator_values"]
    merged = expected.merge(
        built[built["level"] != "regso"],
        on=keys,
        how="outer",
        suffixes=("_sum", ""),
        indicator=True,
    )
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    return merged


def test_committed_values_have_no_gaps(committed_values):
    # The exact checks below compare plain sums: they hold because nothing is missing.
    counts = committed_values[["value", "denominator"]].notna()
    assert counts["value"].all()


def test_every_ratio_is_summed_counts(compared, catalogue):
    for ind in catalogue.indicators:
        if ind.aggregation != "ratio":
            continue
        rows = compared[compared["indicator"] == ind.id]
        assert set(rows["level"]) == set(LEVELS_ABOVE_REGSO), ind.id
        np.testing.assert_array_equal(rows["numerator"], rows["numerator_sum"], err_msg=ind.id)
        np.testing.assert_array_equal(rows["denominator"], rows["denominator_sum"], err_msg=ind.id)
        np.testing.assert_allclose(
            rows["value"], ind.scale * rows["numerator"] / rows["denominator"], rtol=1e-12
        )
        # Exact sums; only values moved from another geography (turnout) are approximate,
        # at every level but the whole municipality.
        expected = ind.approximate_geography & (rows["level"] != "kommun")
        assert (rows["approximate"] == expected).all(), ind.id


def test_population_is_summed(compared):
    rows = compared[compared["indicator"] == "population"]
    assert len(rows) == 4 * (14 + 10 + 5 + 1)
    np.testing.assert_array_equal(rows["value"], rows["value_sum"])
    assert not rows["approximate"].any()


def test_weighted_means_are_approximate_above_regso(compared, catalogue, db):
    for ind in catalogue.indicators:
        if ind.aggregation not in ("weighted_mean", "weighted_median"):
            continue
        rows = compared[compared["indicator"] == ind.id]
        assert len(rows) > 0, ind.id
        np.testing.assert_array_equal(rows["denominator"], rows["denominator_sum"])
        np.testing.assert_allclose(
            rows["value"], rows["weighted"] / rows["denominator_sum"], rtol=1e-12, err_msg=ind.id
        )
        assert rows["approximate"].all(), ind.id
        at_own_level = db["indicator_values"].query("level == 'regso' and indicator == @ind.id")
        assert len(at_own_level) > 0
        # Means are exact for RegSO; medians are person-weighted DeSO medians already.
        assert at_own_level["approximate"].all() == (ind.aggregation == "weighted_median")


def test_median_income_is_approximate_at_every_level(db):
    rows = db["indicator_values"].query("indicator == 'median_income'")
    assert set(rows["level"]) == {"regso", *LEVELS_ABOVE_REGSO}
    assert rows["approximate"].all()


def test_area_type_exists_only_for_regso(db):
    rows = db["indicator_values"].query("indicator == 'scb_area_type'")
    assert set(rows["level"]) == {"regso"}
    assert len(rows) == 91
    assert set(rows["value"]) <= {1, 2, 3, 4, 5}


def test_regso_level_is_the_committed_values(db, committed_values):
    built = db["indicator_values"].query("level == 'regso'").drop(columns=["level", "approximate"])
    keys = ["unit", "indicator", "year", "sex"]
    built = built.sort_values(keys).reset_index(drop=True)
    mine = committed_values.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(built, mine[built.columns], check_dtype=False)

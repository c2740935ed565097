"""A planner's own indicator: values at every level and its place in the index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.index.method import Text
from areaindex.store.dataset import load_dataset
from areaindex.uploads.own import OwnIndicator, next_id, own_values, with_own_indicators
from areaindex.views.indexview import dimension_table, index_view, load_presets


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


@pytest.fixture(scope="module")
def method():
    return load_presets()["malmo_stadskontoret_2023"]


def regso_indicator(dataset, value_of, **kw) -> OwnIndicator:
    values = tuple((u, float(value_of(u))) for u in dataset.unit_ids("regso"))
    fields = {"id": "egen_1", "name": "Test", "dimension": "ekonomi", "direction": "higher_is_need"}
    return OwnIndicator(level="regso", values=values, **{**fields, **kw})


def test_sum_and_population_weighted_mean_to_larger_areas(dataset):
    members = dataset.membership["omraden"]["rosengard"]
    pop = dataset.units.query("level == 'regso'").set_index("unit")["population"]
    counts = regso_indicator(dataset, lambda u: 10, aggregation="sum")
    summed, approx = own_values(counts, dataset, "omraden")
    assert summed["rosengard"] == 10 * len(members)
    assert not approx
    shares = regso_indicator(dataset, lambda u: int(u[-3:]))  # RegSO number as the value
    mean, approx = own_values(shares, dataset, "omraden")
    expected = sum(int(r[-3:]) * pop[r] for r in members) / sum(pop[r] for r in members)
    assert mean["rosengard"] == pytest.approx(expected)
    assert approx  # a mean of RegSO values is only an approximation of the area's


def test_values_of_another_level_are_missing_elsewhere(dataset):
    item = OwnIndicator("egen_1", "X", "boende", "lower_is_need", "omraden", (("rosengard", 3.0),))
    at_areas, _ = own_values(item, dataset, "omraden")
    assert at_areas["rosengard"] == 3.0
    assert at_areas.drop("rosengard").isna().all()
    assert own_values(item, dataset, "regso")[0].isna().all()


def test_own_indicator_joins_its_dimension_and_moves_the_ranking(dataset, method):
    names = dataset.unit_names("omraden")
    plain = dimension_table(dataset, method, "omraden")
    # An indicator that is highest in Bunkeflo–Tygelsjö (the lowest need today).
    item = regso_indicator(
        dataset,
        lambda u: 100.0 if u in dataset.membership["omraden"]["bunkeflo-tygelsjo"] else 0.0,
    )
    with_own = dimension_table(dataset, method, "omraden", own=(item,))
    ekonomi = next(d for d in with_own.method.dimensions if d.id == "ekonomi")
    assert [i.column for i in ekonomi.indicators][-1] == "egen_1"
    # ekonomi is now the mean of three indicators: the two before plus the new one (0 or 100).
    new = with_own.normalised["egen_1"]
    expected = (plain.scores["ekonomi"] * 2 + new) / 3
    np.testing.assert_allclose(with_own.scores["ekonomi"], expected)
    before = index_view(plain, method.weights, names, dataset.catalogue).table["rank"]
    after = index_view(with_own, method.weights, names, dataset.catalogue).table["rank"]
    assert after["bunkeflo-tygelsjo"] < before["bunkeflo-tygelsjo"]


def test_own_indicator_in_a_dimension_the_method_lacks(dataset, method):
    item = regso_indicator(dataset, lambda u: 1.0, dimension="tillit")
    official = dimension_table(dataset, method, "omraden", official_only=True, own=(item,))
    assert "tillit" in official.method.dimension_ids
    assert [
        i.column for d in official.method.dimensions if d.id == "tillit" for i in d.indicators
    ] == ["egen_1"]
    titles = {"tillit": Text("Tillit", "Trust")}
    added = with_own_indicators(method.without_indicators(["low_social_trust"]), (item,), titles)
    assert next(d for d in added.dimensions if d.id == "tillit").title == titles["tillit"]


def test_invalid_direction_and_next_id():
    with pytest.raises(ValueError):
        OwnIndicator("egen_1", "X", "ekonomi", "sideways", "regso", ())
    first = OwnIndicator("egen_1", "X", "ekonomi", "higher_is_need", "regso", ())
    assert next_id([first]) == "egen_2"
    assert next_id([]) == "egen_1"
    assert first.key != OwnIndicator("egen_1", "Y", "ekonomi", "higher_is_need", "regso", ()).key


def test_own_values_keep_unit_order(dataset):
    item = regso_indicator(dataset, lambda u: 1.0)
    values, _ = own_values(item, dataset, "stadsdelar")
    assert list(values.index) == dataset.unit_ids("stadsdelar")
    assert isinstance(values, pd.Series)

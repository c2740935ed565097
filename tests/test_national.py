"""All of Sweden: the national data, the municipality picker and the scope of a view."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from areaindex.store.dataset import indicator_frame, load_dataset
from areaindex.views.scope import MALMO, SWEDEN, kommun_names, scope_of
from tests.expected import expected_ranking

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SWEDEN_2023 = 10_550_357  # SCB's 10,551,707 less Kiruna's Bolaget, gone from the 2025 map


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


def test_national_population_adds_up(dataset):
    values = dataset.values
    pop = values.query("indicator == 'population' and sex == 'total' and year == 2023")
    regso = pop[pop["level"] == "sverige"]
    kommuner = pop[pop["level"] == "sverige_kommun"].set_index("unit")["value"]
    assert regso["value"].sum() == SWEDEN_2023
    assert kommuner.sum() == SWEDEN_2023
    assert kommuner["1280"] == 362_133  # Malmö, the same as Malmö's own dataset
    units = dataset.units.query("level == 'sverige'").set_index("unit")["kommun"]
    per_kommun = regso.set_index("unit")["value"].groupby(units).sum()
    np.testing.assert_array_equal(per_kommun.reindex(kommuner.index), kommuner)


def test_malmo_in_the_national_data_equals_malmos_own(dataset):
    ids = ["mean_wage_income", "share_rented", "share_low_education", "median_income"]
    own = indicator_frame(dataset, "regso", indicators=ids).values
    national = indicator_frame(dataset, "sverige", indicators=ids).values.loc[own.index]
    np.testing.assert_allclose(national.to_numpy(), own.to_numpy(), rtol=1e-6)


def test_scopes(dataset):
    malmo = scope_of(dataset, MALMO, "omraden")
    assert malmo.is_malmo and malmo.units is None and malmo.level == "omraden"
    stockholm = scope_of(dataset, "0180", "omraden")
    assert stockholm.level == "sverige" and stockholm.official_only
    assert len(stockholm.units) == 127
    assert all(u.startswith("0180R") for u in stockholm.units)
    assert stockholm.city == ("sverige_kommun", "0180")
    sweden = scope_of(dataset, SWEDEN, "regso")
    assert sweden.units is None and sweden.shapes == "sverige_oversikt" and sweden.city is None
    names = kommun_names(dataset)
    assert len(names) == 290 and next(iter(names)) == MALMO


def run(query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def shown_ranking(at):
    if not at.toggle(key="show_ranking_table").value:  # the table is drawn on request
        at.toggle(key="show_ranking_table").set_value(True).run()
    table = next(df.value for df in at.dataframe if "Rang" in getattr(df.value, "columns", []))
    frame = table.data if hasattr(table, "data") else table
    return frame.sort_values("Rang")["Område"].tolist()


def test_another_municipality_is_ranked_among_its_own_regso(dataset):
    at = run({"kommun": "0180", "w_boende": "8"})
    units = list(scope_of(dataset, "0180", "regso").units)
    weights = {"utbildning": 5, "ekonomi": 5, "boende": 8}
    expected = expected_ranking(dataset, weights, "sverige", units=units, official_only=True)
    shown = shown_ranking(at)
    assert [n.rsplit(" (", 1)[0] for n in expected] == shown
    assert any("Stockholm: 127 RegSO" in i.value for i in at.info)
    level = at.selectbox(key="level_elsewhere")  # RegSO is the only level outside Malmö
    assert level.disabled and level.options == ["127 RegSO"]
    # Turnout is Malmö's own (its election districts): no participation data elsewhere.
    assert at.slider(key="w_delaktighet").disabled


def test_all_of_sweden_view_and_url(dataset):
    at = run({"kommun": "sverige"})
    assert any("Hela Sverige: 3\u00a0363 RegSO" in i.value for i in at.info)
    level = at.selectbox(key="level_elsewhere")
    assert level.disabled and [o.replace("\u00a0", " ") for o in level.options] == ["3 363 RegSO"]
    # The table shows the top of the ranking (every row re-sent per move would be
    # 0.7 MB) and says so; the CSV download holds all 3,363.
    assert len(shown_ranking(at)) == 200
    assert any("200 högst prioriterade av 3363" in c.value for c in at.caption)
    weights = {"utbildning": 5, "ekonomi": 5, "boende": 5}
    expected = expected_ranking(dataset, weights, "sverige", official_only=True)
    assert len(expected) >= 3300  # ranked RegSO (one without data has no rank)
    assert shown_ranking(at) == expected[:200]
    at = run({"kommun": "9999"})
    assert any("kommun" in w.value for w in at.warning)

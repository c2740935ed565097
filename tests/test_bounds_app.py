"""The exact rank bounds in the app (AppTest): the sentence, the groups and the witness buttons.

After a button is pressed the ranking on the page is checked against an
independent computation (tests/expected.py, plain pandas), not the engine.
"""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.expected import expected_ranking

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BUTTON = re.compile(r"^Visa viktningen där (.+) (?:hamnar på|når) plats (\d+)$")


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def sliders(at: AppTest) -> dict[str, int]:
    return {s.key.removeprefix("w_"): s.value for s in at.slider if s.key.startswith("w_")}


def press_and_check(at: AppTest, key: str, dataset) -> tuple[str, int]:
    button = at.button(key=key)
    match = BUTTON.match(button.label)
    assert match, button.label
    name, rank = match.group(1), int(match.group(2))
    before = sliders(at)
    button.click().run()
    assert not at.exception, at.exception
    after = sliders(at)
    assert after != before
    # The area now has the rank the button promised, by an independent computation.
    assert expected_ranking(dataset, after).index(name) + 1 == rank
    assert any(f"{name} får plats {rank}" in s.value for s in at.success)
    return name, rank


def test_main_page_sentence_and_its_button_shows_the_worst_case(dataset):
    at = run_page("app.py")
    sentence = next(m.value for m in at.markdown if "Kan viktningen ändra" in m.value)
    # Rosengård is first on every weighting (a dominating area in the data).
    assert "Rosengård är högst prioriterad med varje tänkbar viktning" in sentence
    spans = re.findall(r"(\S[^;]*) kan hamna var som helst mellan plats (\d+) och (\d+)", sentence)
    assert spans
    name, rank = press_and_check(at, "bounds_main", dataset)
    assert name in sentence and rank == int(spans[0][2])


def test_robustness_page_groups_and_their_buttons(dataset):
    at = run_page("pages/robusthet.py")
    text = " ".join(m.value for m in at.markdown)
    assert "Alltid bland de 3 högst prioriterade" in text
    assert "Aldrig bland de 3 högst prioriterade" in text
    charts = [c for c in at.get("plotly_chart")]
    assert charts  # the span chart is drawn
    table = next(df.value for df in at.dataframe if "Bästa möjliga" in df.value.columns)
    assert len(table) == 14
    assert (table["Bästa möjliga"] <= table["Plats nu"]).all()
    assert (table["Plats nu"] <= table["Sämsta möjliga"]).all()
    press_and_check(at, "bounds_never", dataset)


def test_robustness_page_near_current_weights_narrows_the_spans():
    at = run_page("pages/robusthet.py")
    wide = next(df.value for df in at.dataframe if "Bästa möjliga" in df.value.columns)
    at.radio(key="bounds_region").set_value("around").run()
    assert not at.exception, at.exception
    narrow = next(df.value for df in at.dataframe if "Bästa möjliga" in df.value.columns)
    assert (narrow["Bästa möjliga"].to_numpy() >= wide["Bästa möjliga"].to_numpy()).all()
    assert (narrow["Sämsta möjliga"].to_numpy() <= wide["Sämsta möjliga"].to_numpy()).all()
    assert (narrow["Sämsta möjliga"] - narrow["Bästa möjliga"]).sum() < (
        wide["Sämsta möjliga"] - wide["Bästa möjliga"]
    ).sum()


def test_bounds_settings_are_in_the_link_and_restored_from_it():
    at = run_page("pages/robusthet.py")
    at.radio(key="bounds_region").set_value("around").run()
    at.slider(key="bounds_around").set_value(40).run()
    at.multiselect(key="bounds_free").set_value(["utbildning", "ekonomi", "boende"]).run()
    assert not at.exception, at.exception
    query = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert (query["bounds_region"], query["bounds_around"], query["bounds_free"]) == (
        "around",
        "40",
        "utbildning,ekonomi,boende",
    )
    # The link opened in a new session shows the same settings and the same spans.
    table = next(df.value for df in at.dataframe if "Bästa möjliga" in df.value.columns)
    again = AppTest.from_file(APP, default_timeout=180)
    again.query_params.update(query)
    again.run()
    again.switch_page("pages/robusthet.py").run()
    assert not again.exception, again.exception
    assert again.radio(key="bounds_region").value == "around"
    assert again.slider(key="bounds_around").value == 40
    assert list(again.multiselect(key="bounds_free").value) == ["utbildning", "ekonomi", "boende"]
    restored = next(df.value for df in again.dataframe if "Bästa möjliga" in df.value.columns)
    assert restored.equals(table)

"""The robustness and method pages through AppTest, with hand-checkable expectations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from areaindex.index.method import load_method
from areaindex.views.indexview import effective_weights
from tests.expected import MALMO_DIMENSIONS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PERCENT = re.compile(r"\*\*(\d+) %\*\*")


def run_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def statement_shares(at: AppTest) -> list[int]:
    return [int(m) for md in at.markdown for m in PERCENT.findall(md.value)]


def test_main_page_states_how_sure_the_top_three_are():
    at = run_page("app.py")
    # The box's header, sentences, bars and caption are one HTML element, a paragraph
    # per sentence with the area and the share in bold.
    bodies = [h.proto.body for h in at.get("html")]
    box = next(b for b in bodies if "Hur säker är rangordningen?" in b)
    sentences = [p for p in re.findall(r"<p[^>]*>(.*?)</p>", box) if "mest prioriterade i" in p]
    assert len(sentences) == 3
    shares = [int(m) for m in re.findall(r"<strong>(\d+) %</strong>", box)]
    assert len(shares) == 3 and all(0 <= s <= 100 for s in shares)
    assert all(re.match(r"<strong>[^<]+</strong> är bland de 3", s) for s in sentences)


def test_no_spread_means_no_uncertainty():
    at = run_page("pages/robusthet.py")
    at.slider(key="robust_spread").set_value(0).run()
    assert not at.exception
    # With every weight fixed, each of the top three is in the top three in 100 % of draws.
    assert statement_shares(at) == [100, 100, 100]
    table = next(df.value for df in at.dataframe if "Rang nu" in df.value.columns)
    intervals = table["Rang i 90 % av viktningarna"].tolist()
    assert intervals == [f"{r}–{r}" for r in table["Rang nu"]]


def test_random_weights_fill_the_top_group_exactly():
    at = run_page("pages/robusthet.py")
    at.radio(key="robust_mode").set_value("random").run()
    table = next(df.value for df in at.dataframe if "Rang nu" in df.value.columns)
    shares = [int(s.split()[0]) for s in table["Andel bland topp 3"]]
    # Each draw puts exactly three areas in the top three: the shares add up to 300 %
    # (up to rounding of each share to whole percent).
    assert abs(sum(shares) - 300) <= len(shares)


def test_leave_one_out_table_has_a_column_per_weighted_dimension():
    at = run_page("pages/robusthet.py")
    tables = [df.value for df in at.dataframe]
    loo = next(t for t in tables if any(str(c).startswith("Utan ") for c in t.columns))
    without = [c for c in loo.columns if str(c).startswith("Utan ")]
    assert without == ["Utan Delaktighet", "Utan Utbildning", "Utan Ekonomi", "Utan Boende"]
    assert len(loo) == 14


def test_robustness_settings_are_in_the_link_and_restored_from_it():
    at = run_page("pages/robusthet.py")
    at.radio(key="robust_mode").set_value("random").run()
    at.number_input(key="robust_k").set_value(5).run()
    at.selectbox(key="robust_draws").set_value(1_000).run()
    assert not at.exception
    query = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert (query["robust_mode"], query["robust_k"], query["robust_draws"]) == (
        "random",
        "5",
        "1000",
    )
    # The link opened in a new session shows the same settings.
    again = run_page("pages/robusthet.py", {**query, "robust_spread": "10"})
    assert again.radio(key="robust_mode").value == "random"
    assert again.number_input(key="robust_k").value == 5
    assert again.selectbox(key="robust_draws").value == 1_000
    assert again.slider(key="robust_spread").value == 10
    assert any("topp 5" in str(c) for df in again.dataframe for c in df.value.columns)


def test_robustness_setting_out_of_range_falls_back_with_a_notice():
    at = run_page("app.py", {"robust_draws": "123", "robust_k": "4"})
    warnings = " ".join(w.value for w in at.warning)
    assert "robust_draws" in warnings and "robust_k" not in warnings
    at.switch_page("pages/robusthet.py").run()
    assert at.selectbox(key="robust_draws").value == 10_000
    assert at.number_input(key="robust_k").value == 4


def test_method_page_shows_effective_weights_that_sum_to_100():
    at = run_page("pages/metod.py")
    table = next(df.value for df in at.dataframe)
    column = "Indikatorns vikt i indexet"
    values = [float(v.replace(",", ".").rstrip(" %")) for v in table[column]]
    assert sum(values) == pytest.approx(100.0, abs=0.2)
    # Four equal dimensions; boende has one indicator: 25 %, the others two: 12.5 % each.
    method = load_method(ROOT / "methods" / "malmo_stadskontoret_2023.toml")
    shares = effective_weights(method, method.weights)
    assert shares["share_rented"] == pytest.approx(25.0)
    assert shares["mean_wage_income"] == pytest.approx(12.5)
    assert shares["poor_self_rated_health"] == 0.0


def test_method_page_follows_the_sliders():
    at = run_page("pages/metod.py")
    at.slider(key="w_boende").set_value(10).run()
    table = next(df.value for df in at.dataframe)
    row = table[table["Indikator"] == "Andel hyresrätter"].iloc[0]
    # 10 / (5 + 5 + 5 + 10) = 40 %
    assert row["Indikatorns vikt i indexet"] == "40,0 %"


@pytest.mark.parametrize(
    "page", ["pages/robusthet.py", "pages/metod.py", "pages/data_och_metod.py"]
)
def test_every_page_runs_in_english(page):
    at = run_page(page, {"lang": "en"})
    text = " ".join(m.value for m in at.markdown)
    assert "Illustrativa" not in text
    assert not at.exception


# --------------------------------------------------------------------------- issue 5 pages


def test_scenario_page_names_who_moves_into_and_out_of_the_top(dataset):
    from tests.expected import expected_ranking

    # Your view: only official statistics' dimensions; compare with the ASN proposal.
    query = {"w_delaktighet": "0", "w_boende": "10", "vs": "malmo_asn_2023"}
    at = run_page("pages/scenarier.py", query)
    a = expected_ranking(dataset, {"utbildning": 5, "ekonomi": 5, "boende": 10})
    asn = load_method(ROOT / "methods" / "malmo_asn_2023.toml").weights
    b = expected_ranking(dataset, asn)
    entering = [n for n in b[:3] if n not in a[:3]]
    leaving = [n for n in a[:3] if n not in b[:3]]
    headline = next(m.value for m in at.markdown if m.value.startswith("### Med"))
    for name in entering + leaving:
        assert name in headline
    table = next(df.value for df in at.dataframe)
    assert table["Område"].tolist()[0] in {
        n for n in a if abs(a.index(n) - b.index(n)) == max(abs(a.index(x) - b.index(x)) for x in a)
    }
    shown = dict(zip(table["Område"], table["Din vy"], strict=True))
    assert shown == {name: i + 1 for i, name in enumerate(a)}
    assert at.query_params["vs"] in (["malmo_asn_2023"], "malmo_asn_2023")


def test_profile_page_shows_every_preset_and_the_trend():
    at = run_page("pages/omrade.py", {"area": "rosengard"})
    assert any(h.value == "Rosengård" for h in at.header)
    presets = next(df.value for df in at.dataframe if "Förslag" in df.value.columns)
    assert len(presets) == 4
    assert len(at.get("plotly_chart")) >= 5  # dimensions + index trend + four indicator trends
    assert len(at.get("component_instance")) == 1  # the small map of the area's RegSO


def test_profile_page_without_area_asks_for_one():
    at = run_page("pages/omrade.py")
    assert any("Välj ett område" in i.value for i in at.info)


def test_compare_areas_page_lists_every_indicator_per_area():
    at = run_page("pages/jamfor_omraden.py", {"areas": "rosengard,husie,limhamn"})
    tables = [df.value for df in at.dataframe]
    every = tables[-1]
    for name in ("Rosengård", "Husie", "Limhamn", "Malmö"):
        assert name in every.columns
    method = load_method(ROOT / "methods" / "malmo_stadskontoret_2023.toml")
    assert len(every) >= len(method.indicator_columns)
    assert every["Husie"].str.contains("%|tkr|index", regex=True).any()


def test_compare_areas_needs_two():
    at = run_page("pages/jamfor_omraden.py", {"areas": "rosengard"})
    assert any("minst två" in i.value for i in at.info)


def test_presentation_mode_shows_map_and_ranking_only():
    at = run_page("app.py", {"present": "1"})
    assert len(at.get("component_instance")) == 1
    assert len(at.get("bidi_component")) == 2  # the live legend and ranking
    assert len(at.get("plotly_chart")) == 0  # no robustness or comparison chart
    assert len(at.dataframe) == 0
    assert not at.sidebar.slider  # the weights are in the menu above the map
    assert len(at.slider) == 8


@pytest.mark.parametrize(
    ("page", "english"),
    [
        ("app.py", "Highest priority"),
        ("pages/scenarier.py", "Compare proposals"),
        ("pages/omrade.py", "Area profile"),
        ("pages/jamfor_omraden.py", "Compare areas"),
    ],
)
def test_pages_switch_language(page, english):
    at = run_page(page, {"lang": "en", "area": "husie", "areas": "husie,oxie"})
    text = " ".join([*(t.value for t in at.title), *(m.value for m in at.markdown)])
    assert english in text
    assert "Högst prioritet" not in text


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("pages/robusthet.py", {}),
        ("pages/omrade.py", {"area": "rosengard"}),
        ("pages/jamfor_omraden.py", {"areas": "rosengard,oxie"}),
        ("pages/scenarier.py", {}),
    ],
)
def test_every_weight_at_zero_stops_a_page_with_a_message(page, query):
    zero = {f"w_{d}": "0" for d in MALMO_DIMENSIONS}
    at = run_page(page, {**zero, **query})
    assert any("Alla vikter är noll" in i.value for i in at.info)
    assert not at.dataframe, "the page went on past the message"

"""The Streamlit app through AppTest: sliders, URL state, payloads without outside URLs.

Rankings shown by the app are checked against an independent computation with
plain pandas (min-max per indicator, mean per dimension, weighted mean), not
against the engine the app itself uses.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.expected import expected_ranking

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEFAULT_WEIGHTS = {
    "delaktighet": 5,
    "utbildning": 5,
    "ekonomi": 5,
    "boende": 5,
    "halsa": 0,
    "tillit": 0,
    "trygghet": 0,
    "barn_unga": 0,
}
URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def served_root() -> Path:
    """The folder whose ``static/`` the app publishes into (the session's, see conftest)."""
    return Path(os.environ["AREAINDEX_STATIC"]).parent


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_tests_use_their_own_database_and_static_folder(built_db):
    """conftest's promise: the app under test never reads or writes the repository's files."""
    from ui.core import database_path, static_path

    run_app()
    assert database_path() == built_db
    assert not static_path().resolve().is_relative_to(ROOT)
    assert static_path() == served_root() / "static"
    assert any((static_path() / "geo").iterdir()), "the map's shapes were not published there"


def shown_ranking(at: AppTest) -> list[str]:
    """Area names in rank order from the ranking table on the page."""
    if not at.toggle(key="show_ranking_table").value:  # the table is drawn on request
        at.toggle(key="show_ranking_table").set_value(True).run()
    table = next(df.value for df in at.dataframe if "Rang" in getattr(df.value, "columns", []))
    frame = table.data if hasattr(table, "data") else table
    return frame.sort_values("Rang")["Område"].tolist()


def test_default_view_is_the_city_office_proposal(dataset):
    at = run_app()
    assert {s.key: s.value for s in at.slider} == {f"w_{d}": w for d, w in DEFAULT_WEIGHTS.items()}
    assert shown_ranking(at) == expected_ranking(dataset, DEFAULT_WEIGHTS)
    headline = next(m.value for m in at.markdown if "Högst prioritet" in m.value)
    assert all(name in headline for name in expected_ranking(dataset, DEFAULT_WEIGHTS)[:3])


def test_moving_a_slider_changes_the_ranking(dataset):
    at = run_app()
    before = shown_ranking(at)
    at.slider(key="w_delaktighet").set_value(0).run()
    at.slider(key="w_boende").set_value(10).run()
    after = shown_ranking(at)
    weights = {**DEFAULT_WEIGHTS, "delaktighet": 0, "boende": 10}
    assert after == expected_ranking(dataset, weights)
    assert after != before
    assert at.query_params["w_boende"] == ["10"] or at.query_params["w_boende"] == "10"


def test_weights_shown_as_percentages():
    at = run_app()
    at.slider(key="w_ekonomi").set_value(10).run()
    labels = {s.key: s.label for s in at.slider}
    # 5 + 5 + 10 + 5 = 25: ekonomi 40 %, the others 20 %, unused 0 %.
    assert labels["w_ekonomi"].endswith("40 %")
    assert labels["w_utbildning"].endswith("20 %")
    assert labels["w_halsa"].endswith("0 %")


def test_url_parameters_restore_the_weights(dataset):
    query = {f"w_{d}": str(w) for d, w in DEFAULT_WEIGHTS.items()}
    query.update({"w_utbildning": "10", "w_delaktighet": "0", "w_barn_unga": "3"})
    at = run_app(query)
    sliders = {s.key: s.value for s in at.slider}
    assert sliders["w_utbildning"] == 10
    assert sliders["w_delaktighet"] == 0
    assert sliders["w_barn_unga"] == 3
    weights = {k[2:]: v for k, v in sliders.items()}
    assert shown_ranking(at) == expected_ranking(dataset, weights)


def test_invalid_url_values_fall_back_with_a_notice():
    at = run_app({"w_boende": "elva", "level": "'; DROP TABLE units;--", "w_okand": "3"})
    assert {s.key: s.value for s in at.slider} == {f"w_{d}": w for d, w in DEFAULT_WEIGHTS.items()}
    warnings = " ".join(w.value for w in at.warning)
    assert "ogiltigt värde" in warnings
    assert "w_boende" in warnings


def test_all_weights_zero_gives_a_message_not_an_error():
    at = run_app({f"w_{d}": "0" for d in DEFAULT_WEIGHTS})
    assert any("Alla vikter är noll" in i.value for i in at.info)
    assert not at.exception


def test_default_view_is_official_statistics_only():
    # Delaktighet rests on Valmyndigheten's turnout: no illustrative banner by default.
    at = run_app()
    assert not any("Illustrativa data" in w.value for w in at.warning)
    assert not at.exception


def test_illustrative_banner_and_official_only_switch():
    at = run_app({"w_halsa": "5"})
    assert any("Illustrativa data" in w.value for w in at.warning)
    at.toggle(key="official_only").set_value(True).run()
    assert not any("Illustrativa data" in w.value for w in at.warning)
    # Official only keeps delaktighet (turnout) and turns off the illustrative dimensions.
    assert not at.slider(key="w_delaktighet").disabled
    assert at.slider(key="w_halsa").disabled
    assert not at.exception


def test_no_outside_url_in_map_or_chart_payloads():
    at = run_app()
    components = at.get("component_instance")
    assert components, "the map component is missing"
    args = json.loads(components[0].proto.json_args)
    assert args["js_links"] == ["/app/static/leaflet/leaflet.js"]
    assert args["css_links"] == ["/app/static/leaflet/leaflet.css"]
    for key, value in args.items():
        assert not URL.search(json.dumps(value)), f"outside URL in map argument {key!r}"
    assert not at.get("plotly_chart"), "the map page needs no plotly.js"
    live = at.get("bidi_component")
    parts = {json.loads(element.proto.json)["part"]: element for element in live}
    assert sorted(parts) == ["legend", "ranking", "share"], "a live part is missing"
    for element in live:
        proto = element.proto
        assert re.search(r'"/app/static/live/live-[0-9a-f]{12}\.js"', proto.js_content)
        for text in (proto.js_content, proto.css_content, proto.json):
            assert not URL.search(text), "outside URL in the live ranking"
    data = json.loads(parts["ranking"].proto.json)
    assert re.fullmatch(r"/app/static/live/data-[0-9a-f]{12}\.json", data["source"])
    assert {d["id"]: d["weight"] for d in data["dimensions"]}["boende"] == 5
    script = re.search(
        r"/app/(static/live/live-[0-9a-f]{12}\.js)", parts["ranking"].proto.js_content
    )
    for published in (script.group(1), data["source"].removeprefix("/app/")):
        assert not URL.search((served_root() / published).read_text(encoding="utf-8")), published


def map_payload(at: AppTest) -> dict:
    """What the map frame receives on each update: colours, tooltip rows, labels."""
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    match = re.search(r"\}\)\(map_div, (\{.*\})\);", args["feature_group"], re.DOTALL)
    assert match, "the area styler's payload is missing from the map's feature group"
    return json.loads(match.group(1))


def test_map_has_one_shape_per_area_and_rank_labels():
    at = run_app()
    payload = map_payload(at)
    assert len(payload["fill"]) == 14
    assert sorted(int(label[2]) for label in payload["labels"]) == list(range(1, 15))
    # The shapes themselves come from a static file served by the app, not with each update.
    assert payload["url"].startswith("/app/static/geo/omraden-")
    shapes = json.loads(
        (served_root() / payload["url"].removeprefix("/app/")).read_text(encoding="utf-8")
    )
    assert {f["properties"]["unit"] for f in shapes["features"]} == set(payload["fill"])


def test_reference_layer_recolours_the_map_by_scb_area_type(dataset):
    at = run_app({"layer": "reference", "level": "regso"})
    legend = " ".join(h.value for h in at.get("html"))
    assert "SCB:s socioekonomiska områdestyp 2022" in legend
    fills = map_payload(at)["fill"]
    types = dataset.values.query("level == 'regso' and indicator == 'scb_area_type'").set_index(
        "unit"
    )["value"]
    colour_of_type = {1: "#bd0026", 2: "#f03b20", 3: "#fd8d3c", 4: "#fecc5c", 5: "#ffffb2"}
    assert len(fills) == 91
    assert all(fills[u] == colour_of_type[int(t)] for u, t in types.items())
    text = " ".join(m.value for m in at.markdown)
    assert "rangkorrelation" in text

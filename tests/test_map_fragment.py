"""The map page reruns only its weighted part on a slider move, and shows the same page.

A weight slider reruns :func:`app.weighted` (an ``st.fragment``) instead of the
whole page: the map frame is not sent again, the live component has recoloured
it in the browser. These tests hold the result to what a full page load of the
same view shows: ranking, headline, URL, map fills, tooltips' rank labels, one
ranking list, and the full page's own answers when every weight is zero or a
change other than the weights needs the map redrawn. Every wait is on a real
event; no time is judged.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from areaindex.index.method import method_to_toml
from areaindex.views.indexview import load_presets
from tests.browser import (
    ARTIFACTS,
    OutsideRequests,
    block_outside,
    chromium_path,
    pick_option,
    wait_for_app,
    wait_until_still,
)
from tests.expected import expected_ranking

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
AREA_SHAPES = "path.leaflet-interactive"
RANKING_NAMES = "ol.oi-ranking .oi-name"
DEFAULT_WEIGHTS = {"delaktighet": 5, "utbildning": 5, "ekonomi": 5, "boende": 5}
WAIT_MS = 120_000


@pytest.fixture()
def new_page(browser):
    """Pages in fresh browser contexts (separate sessions), offline; checks no outside request."""
    outside = OutsideRequests()
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1400, "height": 1100})
        block_outside(context, outside)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert outside.urls == []


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(MAP_FRAME, timeout=WAIT_MS)
    page.frame_locator(MAP_FRAME).locator(AREA_SHAPES).first.wait_for(timeout=WAIT_MS)
    page.locator(RANKING_NAMES).first.wait_for(timeout=WAIT_MS)
    wait_for_app(page)


def ranking_labels(page) -> list[str]:
    texts = page.locator(RANKING_NAMES).all_text_contents()
    ranked = [t.split(". ", 1) for t in texts if ". " in t]
    return [name for _, name in sorted(ranked, key=lambda pair: int(pair[0]))]


def headline(page) -> str:
    """The "Högst prioritet: A, B och C" heading."""
    return page.locator("h3").filter(has_text="Högst prioritet").first.inner_text()


def map_state(page) -> dict[str, list[str]]:
    """Fills and outlines of the areas and the rank labels, in drawing order."""
    frame = page.frame_locator(MAP_FRAME)
    return {
        "fills": [p.get_attribute("fill") for p in frame.locator(AREA_SHAPES).all()],
        "widths": [p.get_attribute("stroke-width") for p in frame.locator(AREA_SHAPES).all()],
        "labels": frame.locator(".rank-label").all_text_contents(),
    }


def mark_map(page) -> None:
    """Leave a mark in the map frame's window: it survives only if the frame is not rebuilt."""
    page.frame_locator(MAP_FRAME).locator("body").evaluate("() => { window.__kept = 1; }")


def map_kept(page) -> bool:
    return page.frame_locator(MAP_FRAME).locator("body").evaluate("() => window.__kept === 1")


def slider(page, label_start: str):
    box = page.locator('[data-testid="stSlider"]').filter(has_text=label_start)
    return box.locator('input[type="range"]')


def press(page, label_start: str, key: str) -> None:
    slider(page, label_start).focus()
    page.keyboard.press(key)


def weights_in_url(page) -> dict[str, int]:
    query = parse_qs(urlparse(page.url).query)
    return {k[2:]: int(v[0]) for k, v in query.items() if k.startswith("w_")}


def wait_until(page, check, what: str) -> None:
    waited = 0
    while not check():
        if waited >= WAIT_MS:
            raise AssertionError(f"the page never showed {what}")
        page.wait_for_timeout(200)
        waited += 200


def settle(page, weights: dict[str, int], expected: list[str]) -> None:
    """Wait until the server's rerun has drawn the page for ``weights``."""
    top = expected[:3]
    wait_until(page, lambda: ranking_labels(page) == expected, "the new ranking")
    wait_until(
        page,
        lambda: {k: v for k, v in weights_in_url(page).items() if v} == weights,
        f"the weights {weights} in the URL",
    )
    wait_until(page, lambda: all(n in headline(page) for n in top), "the new headline")
    wait_for_app(page)


def url_for(server: str, weights: dict[str, int], **extra: str) -> str:
    query = {**extra, **{f"w_{d}": w for d, w in weights.items()}}
    return f"{server}/?{urlencode(query)}"


def test_a_slider_move_redraws_what_a_full_load_shows_without_rebuilding_the_map(
    server, new_page, dataset
):
    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS))
    assert ranking_labels(page) == expected_ranking(dataset, DEFAULT_WEIGHTS)
    mark_map(page)
    before = map_state(page)

    weights = {**DEFAULT_WEIGHTS, "boende": 10}
    expected = expected_ranking(dataset, weights)
    press(page, "Boende", "End")
    settle(page, weights, expected)
    heading = headline(page)
    assert re.search(rf"{expected[0]}, {expected[1]} och {expected[2]}$", heading), (
        f"{heading!r} does not name the top three of {expected}"
    )
    assert page.locator("ol.oi-ranking").count() == 1, "the ranking is shown twice"
    assert page.locator('[data-testid="stException"]').count() == 0
    # The slider's label carries its new share of the index: 10 of 25.
    assert "40 %" in page.locator('[data-testid="stSlider"]').filter(has_text="Boende").inner_text()
    assert map_kept(page), "the map frame was rebuilt for a weight change"
    moved = map_state(page)
    assert moved["fills"] != before["fills"]
    page.screenshot(path=str(ARTIFACTS / "karta_efter_fragment.png"))

    # A fresh page of the same view draws the same map, ranking, headline and URL.
    fresh = new_page()
    open_app(fresh, page.url)
    assert map_state(fresh) == moved
    assert ranking_labels(fresh) == expected
    assert headline(fresh) == heading
    assert weights_in_url(fresh) == weights_in_url(page)


def test_two_sessions_moving_sliders_each_see_their_own_page(server, new_page, dataset):
    first, second = new_page(), new_page()
    open_app(first, url_for(server, DEFAULT_WEIGHTS))
    open_app(second, url_for(server, DEFAULT_WEIGHTS))
    w1 = {**DEFAULT_WEIGHTS, "boende": 10}
    w2 = {**DEFAULT_WEIGHTS, "utbildning": 10}
    press(first, "Boende", "End")
    press(second, "Utbildning", "End")
    for page, weights in ((first, w1), (second, w2)):
        expected = expected_ranking(dataset, weights)
        settle(page, weights, expected)
        assert ranking_labels(page) == expected
        assert weights_in_url(page) == {**weights_in_url(page), **weights}
    assert ranking_labels(first) != ranking_labels(second)


def test_reference_layer_rank_labels_follow_the_weights(server, new_page, dataset):
    """The reference layer keeps its fills; the map's rank labels still follow a move."""
    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS, layer="reference"))
    before = map_state(page)
    weights = {**DEFAULT_WEIGHTS, "boende": 10}
    press(page, "Boende", "End")
    settle(page, weights, expected_ranking(dataset, weights))
    moved = map_state(page)
    assert moved["fills"] == before["fills"]
    assert moved["labels"] != before["labels"]
    fresh = new_page()
    open_app(fresh, page.url)
    assert map_state(fresh) == moved


def test_every_weight_at_zero_gives_the_full_pages_notice_and_back(server, new_page, dataset):
    page = new_page()
    only = {"boende": 5}
    open_app(page, url_for(server, {**{d: 0 for d in DEFAULT_WEIGHTS}, **only}))
    press(page, "Boende", "Home")
    # The live component says so at once; the server's full rerun then drops the map.
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Alla vikter är noll")
    alert.first.wait_for(timeout=WAIT_MS)
    wait_until(page, lambda: page.locator(MAP_FRAME).count() == 0, "the map removed")
    wait_for_app(page)
    assert page.locator(MAP_FRAME).count() == 0, "the map came back without an index"
    assert page.locator("ol.oi-ranking .oi-name").count() == 0
    assert weights_in_url(page).get("boende") == 0

    press(page, "Boende", "End")
    weights = {"boende": 10}
    page.wait_for_selector(MAP_FRAME, timeout=WAIT_MS)
    settle(page, weights, expected_ranking(dataset, weights))
    assert page.locator(MAP_FRAME).count() == 1
    assert page.get_by_text("Alla vikter är noll", exact=False).count() == 0


def test_picking_an_area_redraws_the_map_with_its_outline(server, new_page, dataset):
    """A change other than the weights (the area picker, drawn in the fragment) reruns the page."""
    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS))
    assert "4" not in map_state(page)["widths"]
    expected = expected_ranking(dataset, DEFAULT_WEIGHTS)
    pick_option(page, "Välj område", f"1. {expected[0]}")
    wait_until(page, lambda: "area=" in page.url, "the area in the URL")
    wait_until(page, lambda: "4" in map_state(page)["widths"], "the picked area outlined")
    wait_for_app(page)
    assert map_state(page)["widths"].count("4") == 1
    assert page.locator("ol.oi-ranking").count() == 1


def test_exports_after_a_move_are_those_of_the_new_weights(server, new_page, dataset, tmp_path):
    """The CSV and the method file are written when clicked, from the weights then shown."""
    import csv
    import tomllib

    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS))
    weights = {**DEFAULT_WEIGHTS, "boende": 10}
    expected = expected_ranking(dataset, weights)
    press(page, "Boende", "End")
    settle(page, weights, expected)

    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="Ladda ned rangordningen (CSV)").click()
    target = tmp_path / "ranking.csv"
    download.value.save_as(target)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    ranked = sorted(rows, key=lambda r: (int(r["Rang"]), r["Område"]))
    assert [r["Område"] for r in ranked] == expected

    page.get_by_text("Dela vyn").first.click()
    # Saved by the browser from the share panel (no request to the server).
    button = page.get_by_role("button", name="Ladda ned metodfilen för vyn (TOML)")
    # As a person does: click once the panel has opened (a click sent while it
    # still moves lands beside the button; seen in the browser's own click log).
    wait_until_still(button)
    with page.expect_download(timeout=WAIT_MS) as download:
        button.click()
    target = tmp_path / "method.toml"
    download.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    method = tomllib.loads(text)
    saved = {d["id"]: float(d["weight"]) for d in method["dimensions"]}
    assert {d: w for d, w in saved.items() if w} == {d: float(w) for d, w in weights.items()}
    # The whole file, byte for byte: the method's text with the weights on screen.
    preset = load_presets()[method["method"]["id"]]
    every = {d: float(weights.get(d, 0)) for d in preset.dimension_ids}
    assert text == method_to_toml(preset.with_weights(every))


def test_the_servers_rerun_leaves_what_the_browser_drew_as_it_is(server, new_page, dataset):
    """The browser draws the ranking, legend and map for new weights at once; the
    server's rerun then brings the same view, and the page must not be rebuilt
    (rebuilding it is work for the browser and makes the page settle later)."""
    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS))
    page.evaluate(
        """() => {
          window.__oiChanges = 0;
          const watch = (el) => new MutationObserver((records) => {
            window.__oiChanges += records.length;
          }).observe(el, {subtree: true, childList: true, attributes: true, characterData: true});
          for (const el of document.querySelectorAll('.oi-live')) watch(el);
          window.__oiWatch = () => { window.__oiChanges = 0; };
        }"""
    )
    weights = {**DEFAULT_WEIGHTS, "boende": 10}
    press(page, "Boende", "End")
    # The browser's own drawing happens in the key press's task, before the server answers.
    wait_until(page, lambda: ranking_labels(page) == expected_ranking(dataset, weights), "ranking")
    page.evaluate("window.__oiWatch()")
    settle(page, weights, expected_ranking(dataset, weights))
    assert page.evaluate("window.__oiChanges") == 0
    # A rerun that changes the view's data (the language) still redraws.
    page.get_by_text("English", exact=True).first.click()
    wait_until(page, lambda: page.evaluate("window.__oiChanges") > 0, "the English page")


def test_a_weighting_button_moves_the_sliders_and_the_ranking_follows(server, new_page, dataset):
    """The bounds sentence's button sets the sliders on the server (a rerun of the
    weighted part only); the ranking, drawn once by the full run, follows them."""
    page = new_page()
    open_app(page, url_for(server, DEFAULT_WEIGHTS))
    button = page.get_by_role("button", name=re.compile(r"^Visa viktningen där "))
    button.wait_for(timeout=WAIT_MS)
    label = button.inner_text()
    found = re.match(r"Visa viktningen där (.+) (?:hamnar på|når) plats (\d+)$", label)
    assert found, label
    name, rank = found.group(1), int(found.group(2))
    wait_until_still(button)
    button.click()

    def shown() -> dict[str, int]:
        return {d: w for d, w in weights_in_url(page).items() if w}

    wait_until(page, lambda: shown() != DEFAULT_WEIGHTS, "new weights in the URL")
    wait_for_app(page)
    weights = shown()
    expected = expected_ranking(dataset, weights)
    settle(page, weights, expected)
    assert expected.index(name) + 1 == rank
    assert ranking_labels(page) == expected
    names = {d.id: d.name("sv") for d in dataset.catalogue.dimensions}
    for dim, weight in weights.items():
        assert slider(page, names[dim]).input_value() == str(weight)

"""The real app in Debian's Chromium, offline: map, sliders, ranking, copied link.

Every request to a host other than localhost is blocked and recorded; the tests
assert that none was attempted. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import (
    ARTIFACTS,
    OutsideRequests,
    block_outside,
    chromium_path,
    wait_for_app,
    wait_until_still,
)
from tests.expected import expected_ranking

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
AREA_SHAPES = "path.leaflet-interactive"
DEFAULT_WEIGHTS = {"delaktighet": 5, "utbildning": 5, "ekonomi": 5, "boende": 5}


@pytest.fixture()
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    outside = OutsideRequests()
    block_outside(context, outside)
    page = context.new_page()
    yield page, outside
    context.close()


def map_fills(page) -> list[str]:
    frame = page.frame_locator(MAP_FRAME)
    shapes = frame.locator(AREA_SHAPES)
    return [shapes.nth(i).get_attribute("fill") for i in range(shapes.count())]


RANKING_NAMES = "ol.oi-ranking .oi-name"


def ranking_labels(page) -> list[str]:
    """Area names in rank order, read from the ranking's list items ("3. Name")."""
    texts = page.locator(RANKING_NAMES).all_text_contents()
    ranked = [t.split(". ", 1) for t in texts if ". " in t]
    return [name for _, name in sorted(ranked, key=lambda pair: int(pair[0]))]


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    page.frame_locator(MAP_FRAME).locator(AREA_SHAPES).first.wait_for(timeout=60_000)
    page.locator(RANKING_NAMES).first.wait_for(timeout=60_000)


def wait_until(page, check, timeout_ms: int = 60_000) -> None:
    waited = 0
    while not check():
        if waited >= timeout_ms:
            raise AssertionError("the page did not update in time")
        page.wait_for_timeout(200)
        waited += 200


def slider_thumb(page, label_start: str):
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label_start)
    return slider.locator('input[type="range"]')


def test_map_draws_recolours_and_reorders_offline(server, offline_page, dataset):
    page, outside = offline_page
    open_app(page, server)
    fills = map_fills(page)
    assert len(fills) == 14, "the map should draw the 14 areas"
    assert len(set(fills)) >= 3, "areas should be coloured by class"
    assert ranking_labels(page) == expected_ranking(dataset, DEFAULT_WEIGHTS)
    page.screenshot(path=str(ARTIFACTS / "karta_default.png"))

    slider_thumb(page, "Delaktighet").focus()
    page.keyboard.press("Home")
    wait_until(page, lambda: "w_delaktighet=0" in page.url)
    slider_thumb(page, "Boende").focus()
    page.keyboard.press("End")
    wait_until(page, lambda: "w_boende=10" in page.url)
    weights = {**DEFAULT_WEIGHTS, "delaktighet": 0, "boende": 10}
    expected = expected_ranking(dataset, weights)
    wait_until(page, lambda: ranking_labels(page) == expected)
    wait_until(page, lambda: map_fills(page) != fills)
    assert len(map_fills(page)) == 14
    page.screenshot(path=str(ARTIFACTS / "karta_boende.png"))
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"


def test_copied_link_restores_the_view(server, browser, offline_page, dataset):
    """The share panel's button copies the view's link; it restores the view elsewhere."""
    page, outside = offline_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    open_app(page, f"{server}/?w_utbildning=10&w_delaktighet=0&w_ekonomi=2&level=omraden")
    # A change made on the page, not in the opened link, must travel with the copy.
    slider_thumb(page, "Boende").focus()
    page.keyboard.press("Home")
    weights = {"delaktighet": 0, "utbildning": 10, "ekonomi": 2, "boende": 0}
    expected = expected_ranking(dataset, weights)
    wait_until(page, lambda: "w_boende=0" in page.url and ranking_labels(page) == expected)
    fills = map_fills(page)

    page.locator('[data-testid="stExpander"]').filter(has_text="Dela vyn").locator(
        "summary"
    ).click()
    copy = page.get_by_role("button", name="Kopiera länk")
    wait_until_still(copy)  # the panel has opened
    copy.click()
    status = page.get_by_role("status").filter(has_text="kopierad")
    status.wait_for(timeout=120_000)
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.locator(".oi-share-url").input_value()
    assert "w_boende=0" in link and "w_utbildning=10" in link and "w_ekonomi=2" in link
    page.screenshot(path=str(ARTIFACTS / "dela_lank.png"))

    other = browser.new_context(viewport={"width": 1400, "height": 1100})
    outside_other = OutsideRequests()
    block_outside(other, outside_other)
    fresh = other.new_page()
    try:
        open_app(fresh, link)
        wait_until(fresh, lambda: ranking_labels(fresh) == expected)
        assert map_fills(fresh) == fills
    finally:
        other.close()
    assert outside.urls == [] and outside_other.urls == []


def test_clicking_an_area_shows_its_key_figures(server, offline_page):
    page, outside = offline_page
    open_app(page, server)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(AREA_SHAPES).nth(0).click(force=True)
    panel = page.locator('[data-testid="stMetric"]')
    panel.first.wait_for(timeout=120_000)
    assert "av 14" in panel.first.inner_text()
    assert "area=" in page.url
    page.screenshot(path=str(ARTIFACTS / "karta_valt_omrade.png"))
    assert outside.urls == []


def test_pages_keep_the_weights_and_load_without_errors(server, offline_page):
    page, outside = offline_page
    open_app(page, f"{server}/?w_boende=9&w_delaktighet=1")
    for label, path in (
        ("Jämför förslag", "scenarier"),
        ("Områdesprofil", "omrade"),
        ("Jämför områden", "jamfor_omraden"),
        ("Hur säker är rangordningen?", "robusthet"),
        ("Granskning av indexet", "granskning"),
        ("Metoden bakom vyn", "metod"),
        ("Data och metod", "data_och_metod"),
        ("Karta och rangordning", ""),
    ):
        page.locator('[data-testid="stSidebar"] a').filter(has_text=label).first.click()
        page.wait_for_url(f"**/{path}*", timeout=120_000)
        wait_until(page, lambda: page.locator('[data-testid="stApp"] h1').count() > 0)
        wait_for_app(page)  # the page's run is over: an error would show by now
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if path != "data_och_metod":
            boende = slider_thumb(page, "Boende").first
            wait_until(page, lambda b=boende: b.get_attribute("value") == "9")
        page.screenshot(path=str(ARTIFACTS / f"sida_{path or 'karta'}.png"))
    assert outside.urls == []


def test_uploading_a_method_file(server, offline_page, tmp_path):
    page, outside = offline_page
    page.goto(f"{server}/metod")
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.wait_for(state="attached", timeout=60_000)

    broken = tmp_path / "trasig.toml"
    broken.write_text('[method]\nid = "x"\ntitle = "X"\n[[dimensions]\n', encoding="utf-8")
    uploader.set_input_files(str(broken))
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for(timeout=120_000)
    assert "trasig.toml" in error.inner_text()
    assert "Metodfilen kunde inte användas" in error.inner_text()

    method = (ROOT / "methods" / "malmo_stadskontoret_2023.toml").read_text(encoding="utf-8")
    unknown = tmp_path / "okand.toml"
    unknown.write_text(method.replace('"share_rented"', '"share_unicorns"'), encoding="utf-8")
    uploader.set_input_files(str(unknown))
    wait_until(page, lambda: "share_unicorns" in error.inner_text())
    assert "dimensions[3].indicators[0].column" in error.inner_text()

    own = tmp_path / "egen.toml"
    own.write_text(
        method.replace('id = "malmo_stadskontoret_2023"', 'id = "egen_metod"')
        .replace('sv = "Stadskontorets förslag (2023)"', 'sv = "Min egen metod"')
        .replace(
            'weight = 0\n\n  [[dimensions.indicators]]\n  column = "poor_self',
            'weight = 8\n\n  [[dimensions.indicators]]\n  column = "poor_self',
        ),
        encoding="utf-8",
    )
    uploader.set_input_files(str(own))
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=120_000)
    assert "Min egen metod" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    halsa = slider_thumb(page, "Hälsa").first
    wait_until(page, lambda: halsa.get_attribute("value") == "8")
    assert "preset=egen-egen_metod" in page.url
    page.screenshot(path=str(ARTIFACTS / "metod_uppladdad.png"))
    assert outside.urls == []


def test_scenario_page_draws_two_maps_and_the_bump_chart(server, offline_page):
    page, outside = offline_page
    page.goto(f"{server}/scenarier?vs=malmo_hvon_2023&w_boende=10")
    frames = page.locator(MAP_FRAME)
    frames.nth(1).wait_for(timeout=60_000)
    for i in range(2):
        shapes = page.frame_locator(MAP_FRAME).nth(i).locator(AREA_SHAPES)
        shapes.first.wait_for(timeout=60_000)
        assert shapes.count() == 14
    page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    assert "Din vy" in page.locator(".js-plotly-plot").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "scenarier.png"), full_page=True)
    assert outside.urls == []


def test_presentation_mode_and_language_switch(server, offline_page):
    page, outside = offline_page
    open_app(page, f"{server}/?present=1")
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    page.get_by_role("button", name="Ändra vikter").click()
    boende = page.locator('[data-testid="stPopoverBody"] [data-testid="stSlider"]').filter(
        has_text="Boende"
    )
    boende.locator('input[type="range"]').focus()
    page.keyboard.press("End")
    wait_until(page, lambda: "w_boende=10" in page.url and "present=1" in page.url)
    page.keyboard.press("Escape")
    page.screenshot(path=str(ARTIFACTS / "presentation.png"))

    open_app(page, f"{server}/?w_boende=10")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_until(page, lambda: "lang=en" in page.url)
    wait_until(page, lambda: page.get_by_text("Highest priority").count() > 0)
    assert page.locator('[data-testid="stSidebar"] a').filter(has_text="Compare proposals").count()
    assert "w_boende=10" in page.url
    assert outside.urls == []


def test_phone_layout_stacks(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    outside = OutsideRequests()
    block_outside(context, outside)
    page = context.new_page()
    try:
        open_app(page, server)
        map_box = page.locator(MAP_FRAME).bounding_box()
        legend_box = page.locator(".map-legend").bounding_box()
        assert map_box["width"] <= 390
        assert legend_box["y"] > map_box["y"] + map_box["height"] - 1  # stacked, not beside
        page.screenshot(path=str(ARTIFACTS / "mobil.png"), full_page=True)
        assert outside.urls == []
    finally:
        context.close()


def test_own_indicator_upload_joins_the_index_for_this_session_only(
    server, browser, offline_page, tmp_path
):
    page, outside = offline_page
    open_app(page, server)
    before = ranking_labels(page)
    page.get_by_text("Lägg till egen indikator").click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')

    broken = tmp_path / "fel.csv"
    broken.write_text("Område;Andel\nRosengård;12,5 procent\nHusie;3\n", encoding="utf-8")
    uploader.set_input_files(str(broken))
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for(timeout=120_000)
    assert "rad 2" in error.inner_text() and "12,5 procent" in error.inner_text()
    assert ranking_labels(page) == before  # the app stays usable, nothing changed

    # A Windows-1252 SCB-style file per area, highest value in the lowest-need area.
    rows = ["Arbetslöshet per område 2023", "", "Område;Andel arbetslösa (%)"]
    for i, name in enumerate(reversed(before)):
        rows.append(f"{name};{30 - 2 * i},5")
    rows += ["", "Källa: eget register"]
    good = tmp_path / "arbetsloshet.csv"
    good.write_bytes("\r\n".join(rows).encode("cp1252"))
    uploader.set_input_files(str(good))
    add = page.get_by_role("button", name="Lägg till i indexet")
    add.wait_for(timeout=120_000)
    # The panel sits below the parts that are redrawn on every run (the live ranking
    # draws itself a moment after the run): press the button with the keyboard, which
    # does not depend on where it is on the screen at that instant.
    wait_for_app(page)
    add.focus()
    page.keyboard.press("Enter")
    wait_until(page, lambda: ranking_labels(page) != before, timeout_ms=60_000)
    page.screenshot(path=str(ARTIFACTS / "egen_indikator.png"))

    other = browser.new_context(viewport={"width": 1400, "height": 1100})
    block_outside(other, outside)
    fresh = other.new_page()
    try:
        open_app(fresh, server)
        assert ranking_labels(fresh) == before  # another user does not see it
    finally:
        other.close()
    assert outside.urls == []


def test_ranking_and_map_follow_a_slider_without_the_server(server, offline_page, dataset):
    """With the messages to the server held back, a key press still reorders and recolours.

    The ranking and the map colours must come from the browser itself (the
    live component), so they change before any rerun; the page is cut off from
    the server after it has loaded, and the result must still be the ranking
    computed independently in Python, with the map's fills changed.
    """
    page, outside = offline_page
    held: list[str] = []

    def hold_outgoing(ws) -> None:
        server_side = ws.connect_to_server()
        ws.on_message(
            lambda message: held.append(message) if cut_off else server_side.send(message)
        )

    cut_off = False
    page.route_web_socket("**/_stcore/stream", hold_outgoing)
    open_app(page, server)
    wait_for_app(page)
    fills = map_fills(page)
    assert ranking_labels(page) == expected_ranking(dataset, DEFAULT_WEIGHTS)

    cut_off = True
    slider_thumb(page, "Boende").focus()
    page.keyboard.press("End")
    weights = {**DEFAULT_WEIGHTS, "boende": 10}
    wait_until(page, lambda: ranking_labels(page) == expected_ranking(dataset, weights), 60_000)
    assert map_fills(page) != fills
    assert held, "the slider's new value should have been held back from the server"
    assert "w_boende=10" not in page.url  # the server never heard of the move
    page.screenshot(path=str(ARTIFACTS / "karta_utan_server.png"))
    assert outside.urls == []

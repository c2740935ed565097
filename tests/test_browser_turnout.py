"""The default view in Chromium rests on official statistics only, offline.

Delaktighet is Valmyndigheten's turnout now: the city office's proposal shows no
illustrative banner, and the data page says how approximate turnout's geography
is and whose data it is. Every request to another host is blocked and recorded.
Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, OutsideRequests, block_outside, chromium_path, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
RANKING_NAMES = "ol.oi-ranking .oi-name"


@pytest.fixture()
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    outside = OutsideRequests()
    block_outside(context, outside)
    page = context.new_page()
    yield page, outside
    context.close()


def test_default_view_has_no_illustrative_banner_and_no_outside_request(server, offline_page):
    page, outside = offline_page
    page.goto(server)
    page.wait_for_selector(MAP_FRAME, timeout=90_000)
    page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(timeout=90_000)
    page.locator(RANKING_NAMES).first.wait_for(timeout=90_000)
    wait_for_app(page, timeout=90_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "valdeltagande_default.png"), full_page=True)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Illustrativa data" not in text
    # The ranking's caption mentions hatching only when some segment is hatched.
    assert "Randiga delar" not in page.locator(".oi-caption").inner_text()
    assert (
        page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="llustrativ").count()
        == 0
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    # The sliders of the four weighted dimensions carry no illustrative marker.
    delaktighet = page.locator('[data-testid="stSlider"]').filter(has_text="Delaktighet")
    assert "illustrativ" not in delaktighet.inner_text()
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"

    # The same view with an illustrative dimension weighted does warn (the check can fail).
    page.goto(f"{server}/?w_halsa=5")
    page.locator('[data-testid="stAlertContentWarning"]').filter(
        has_text="Illustrativa data"
    ).first.wait_for(timeout=90_000)
    page.locator(".oi-caption").filter(has_text="Randiga delar").wait_for(timeout=90_000)
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"


def test_data_page_says_how_approximate_turnout_is(server, offline_page):
    page, outside = offline_page
    page.goto(f"{server}/data_och_metod")
    heading = page.get_by_text("Valdeltagande: ungefärlig geografi")
    heading.wait_for(timeout=90_000)
    wait_for_app(page, timeout=90_000)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Hur ungefärligt?" in text
    assert "Källa: Valmyndigheten" in text
    assert "12809800" in text  # the early votes left out, with their count
    heading.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "valdeltagande_datasida.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"


def tooltip_text(page) -> str:
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").nth(3).hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.first.wait_for(timeout=30_000)
    return tooltip.first.inner_text()


def test_map_tooltip_marks_turnout_as_approximate_before_and_after_a_slider_move(
    server, offline_page
):
    page, outside = offline_page
    page.goto(server)
    page.wait_for_selector(MAP_FRAME, timeout=90_000)
    page.locator(RANKING_NAMES).first.wait_for(timeout=90_000)
    wait_for_app(page, timeout=90_000)
    # Drawn by the server (ui.mapping.draw_map).
    first = tooltip_text(page)
    assert "Ungefärlig geografi i" in first and "Delaktighet" in first
    assert "Illustrativa värden i" not in first
    # Recoloured in the browser (ui/live/component.js) after a slider move.
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Boende")
    slider.locator('input[type="range"]').focus()
    page.keyboard.press("End")
    waited = 0
    while "w_boende=10" not in page.url and waited < 30_000:
        page.wait_for_timeout(200)
        waited += 200
    assert "w_boende=10" in page.url
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    after = tooltip_text(page)
    assert "Ungefärlig geografi i" in after and "Delaktighet" in after
    page.screenshot(path=str(ARTIFACTS / "valdeltagande_tooltip.png"))
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"

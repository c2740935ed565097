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

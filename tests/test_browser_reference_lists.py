"""The public lists in the real app (Chromium, offline): sentences beside the ranking, list layer.

Every request to a host other than localhost is blocked and recorded; the test
asserts that none was attempted. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from areaindex.views.indexview import dimension_table, index_view, load_presets, top_units
from areaindex.views.reference_lists import CATEGORY_COLOURS, NOT_LISTED_COLOUR, compare_top
from tests.browser import (
    ARTIFACTS,
    OutsideRequests,
    block_outside,
    chromium_path,
    pick_option,
)
from tests.test_browser import MAP_FRAME, map_fills, open_app, wait_until

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
TOP_K = 3  # app.TOP_K (importing app.py would run the page)
BOX = ".st-key-reference-comparison"  # the bordered container beside the ranking


def expected_sentences(dataset, lang: str = "sv", police: str | None = None) -> list[str]:
    """The sentences for the default view, computed by the package (not by the page)."""
    presets = load_presets()
    method = presets["malmo_stadskontoret_2023"]
    table = dimension_table(dataset, method, "omraden")
    weights = {d.id: round(method.weights.get(d.id, 0)) for d in dataset.catalogue.dimensions}
    view = index_view(table, weights, dataset.unit_names("omraden"), dataset.catalogue)
    top = top_units(view, TOP_K)
    return [c.sentence for c in compare_top(dataset, top, "omraden", lang, police=police)]


@pytest.fixture()
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1300})
    outside = OutsideRequests()
    block_outside(context, outside)
    page = context.new_page()
    yield page, outside
    context.close()


def comparison_text(page) -> str:
    return page.locator(BOX).first.inner_text()


def test_sentences_and_a_police_list_layer_offline(server, offline_page, dataset):
    page, outside = offline_page
    open_app(page, server)
    sentences = expected_sentences(dataset, "sv")
    assert sentences[0].endswith("finns på polisens lista 2023.")
    wait_until(page, lambda: all(s in comparison_text(page) for s in sentences))
    page.locator(BOX).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "referenslistor_meningar.png"), full_page=True)

    # Pick the Police's list of 2019 as the reference layer.
    pick_option(page, "Referenslager", "Polisens lista över utsatta områden 2019")
    wait_until(page, lambda: "ref=polisen-2019" in page.url and "layer=reference" in page.url)
    legend = page.locator(".map-legend").filter(has_text="Polisens lista över utsatta områden 2019")
    legend.wait_for(timeout=30_000)
    text = legend.inner_text()
    assert "Källa: Polismyndigheten" in text
    assert "2019" in text
    assert "Ungefärliga gränser" in text
    for label in ("särskilt utsatt område", "riskområde", "inte på listan"):
        assert label in text
    # The map shows the list's categories, not the index classes.
    wait_until(
        page,
        lambda: (
            set(map_fills(page))
            <= {
                NOT_LISTED_COLOUR,
                CATEGORY_COLOURS["riskomrade"],
                CATEGORY_COLOURS["sarskilt_utsatt"],
            }
        ),
    )
    assert CATEGORY_COLOURS["sarskilt_utsatt"] in map_fills(page)
    # The sentence follows the chosen year.
    sentences_2019 = expected_sentences(dataset, "sv", police="polisen-2019")
    assert sentences_2019[0].endswith("finns på polisens lista 2019.")
    wait_until(page, lambda: sentences_2019[0] in comparison_text(page))
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "referenslistor_polisen_2019.png"))
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"


def test_a_list_layer_from_the_link_in_english(server, offline_page, dataset):
    page, outside = offline_page
    open_app(page, f"{server}/?layer=reference&ref=omradesprogram-2010&lang=en")
    legend = page.locator(".map-legend").filter(has_text="Area programme")
    legend.wait_for(timeout=30_000)
    text = legend.inner_text()
    assert "Source: City of Malmö, annual report 2015, 2010–2015." in text
    assert "Approximate boundaries" in text
    sentences = expected_sentences(dataset, "en")
    wait_until(page, lambda: all(s in comparison_text(page) for s in sentences))
    assert "compared with public lists" in comparison_text(page)
    page.screenshot(path=str(ARTIFACTS / "referenslistor_omradesprogram_en.png"))
    assert outside.urls == [], f"outside requests were attempted: {outside.urls}"

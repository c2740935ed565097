"""Every page in Debian's Chromium, offline: it loads, its map draws, a slider changes it,
and its link reproduces it in a fresh browser context.

For each page (and for all of Sweden and another municipality on the main page):

1. open it with weights in the URL: no exception is shown, and a page with a map
   draws its areas;
2. move the Boende slider with the keyboard: the weight reaches the URL, the
   map is recoloured and what the page says (its text and chart labels) changes;
3. open the page's own URL in a fresh browser context: the same text, chart
   labels and map colours.

Every request to another host is blocked and recorded; none may be attempted.
"""

from __future__ import annotations

import pytest

from tests.browser import (
    ARTIFACTS,
    OutsideRequests,
    PageWatch,
    block_outside,
    chromium_path,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
AREA_SHAPES = "path.leaflet-interactive"
START = "w_delaktighet=5&w_utbildning=5&w_ekonomi=5&w_boende=3"

# (page path, extra query, map frames on the page, fewest shapes per map, the maps
# that follow the sliders; the others show a fixed preset and must stay as they are)
PAGES = [
    ("", "", 1, 14, (0,)),
    ("scenarier", "&vs=malmo_asn_2023", 2, 14, (0,)),
    ("omrade", "&area=husie", 1, 1, (0,)),
    ("jamfor_omraden", "&areas=rosengard,husie,limhamn", 0, 0, ()),
    ("robusthet", "", 0, 0, ()),
    ("granskning", "", 0, 0, ()),
    ("metod", "", 0, 0, ()),
    ("", "&kommun=1281", 1, 20, (0,)),  # Lund: a municipality's RegSO
    ("", "&kommun=sverige", 1, 3000, (0,)),  # all of Sweden
]


def new_page(browser, outside: OutsideRequests):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    block_outside(context, outside)
    watch = PageWatch(context)
    return context, watch.page, watch


def map_fills(page, frames: int) -> list[list[str]]:
    """The fill colour of every area, per map on the page."""
    out = []
    for i in range(frames):
        shapes = page.frame_locator(MAP_FRAME).nth(i).locator(AREA_SHAPES)
        out.append(shapes.evaluate_all("els => els.map(e => e.getAttribute('fill'))"))
    return out


def page_says(page) -> str:
    """What the page shows in words: its text, every chart's tick labels and table cells.

    Tables are drawn on a canvas; their accessible copy (a ``table`` element)
    holds the visible cells.
    """
    text = page.locator('[data-testid="stMain"]').inner_text()
    ticks = page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text")
    tables = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] table')
    cells = tables.evaluate_all("els => els.map(e => e.textContent)")
    return "\n".join([text, "|".join(ticks.all_text_contents()), *cells])


# Drawn: the title is there, Streamlit's status widget is gone and every map has
# its areas (the map frames are same-origin: their documents are readable).
DRAWN_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const maps = [...document.querySelectorAll('%(frame)s')];
  if (maps.length !== %(frames)d) return false;
  return maps.every((m) => {
    const doc = m.contentDocument;
    return doc && doc.querySelectorAll('%(shapes)s').length >= %(min_shapes)d;
  });
}"""


def settled(watch: PageWatch, frames: int, min_shapes: int, since: float) -> tuple:
    """Wait until the page has been drawn and has settled after ``since``; return what it shows.

    Settled is a set of real events (:meth:`testkit.browser.PageWatch.settle`):
    the server answered, no script runs, no request is in flight, and neither the
    server nor any document of the page (the map frames included) changed for a
    moment. What the page shows is read then, and read again if anything changed
    while it was being read.
    """
    drawn = DRAWN_JS % {
        "frame": MAP_FRAME,
        "frames": frames,
        "shapes": AREA_SHAPES,
        "min_shapes": min_shapes,
    }
    for _ in range(20):  # a page that changes while it is read is read again
        watch.settle(drawn, since=since)
        read_at = watch.now()
        shown = page_says(watch.page), map_fills(watch.page, frames)
        if watch.unchanged_since(read_at):
            return shown
    raise AssertionError(f"the page kept changing while it was read: {watch.page.url}")


@pytest.mark.parametrize(("path", "extra", "frames", "min_shapes", "moving"), PAGES)
def test_page_loads_moves_and_its_link_reproduces_it(
    server, browser, path, extra, frames, min_shapes, moving
):
    outside = OutsideRequests()
    context, page, watch = new_page(browser, outside)
    name = (path or "karta") + extra.replace("&", "_").replace("=", "-").replace(",", "")
    try:
        since = watch.now()
        page.goto(f"{server}/{path}?{START}{extra}", timeout=90_000)
        before = settled(watch, frames, min_shapes, since)
        assert page.locator('[data-testid="stException"]').count() == 0, page.url

        slider = page.locator('[data-testid="stSlider"]').filter(has_text="Boende")
        slider.locator('input[type="range"]').first.focus()
        since = watch.now()
        page.keyboard.press("End")
        page.wait_for_url("**w_boende=10**", timeout=120_000)
        after = settled(watch, frames, min_shapes, since)
        assert page.locator('[data-testid="stException"]').count() == 0, page.url
        assert after[0] != before[0], "the page did not change with the weights"
        for i, (old, new) in enumerate(zip(before[1], after[1], strict=True)):
            assert len(new) == len(old)
            if i in moving:
                assert new != old, f"map {i} was not recoloured"
            else:
                assert new == old, f"map {i} shows a fixed preset but changed"
        page.screenshot(path=str(ARTIFACTS / f"sida_{name}.png"))
        link = page.url
    finally:
        context.close()

    fresh_outside = OutsideRequests()
    context, fresh, fresh_watch = new_page(browser, fresh_outside)
    try:
        since = fresh_watch.now()
        fresh.goto(link, timeout=90_000)
        restored = settled(fresh_watch, frames, min_shapes, since)
        assert restored == after, "the copied link did not reproduce the page"
    finally:
        context.close()
    assert outside.urls == [] and fresh_outside.urls == []

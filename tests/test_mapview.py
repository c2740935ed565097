"""Maps and charts that load nothing from other hosts; legend and ranking chart content."""

from __future__ import annotations

import re

import folium

from areaindex.views import mapview
from areaindex.views.classify import PALETTE, ClassBin

NBSP = "\u00a0"
BOUNDS = [[55.5, 12.9], [55.65, 13.15]]
# Any absolute or protocol-relative URL: http://…, https://…, //host.tld
URL = re.compile(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
SRC_OR_HREF = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def square(x: float, y: float, size: float = 0.01) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(units) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"unit": u, "name": u.title()},
                "geometry": square(12.95 + 0.02 * i, 55.55),
            }
            for i, u in enumerate(units)
        ],
    }


LAND = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"unit": "1280"}, "geometry": square(12.9, 55.5, 0.2)}
    ],
}


def assert_only_local_assets(html: str) -> None:
    assert "http://" not in html
    assert "https://" not in html
    assert URL.findall(html) == []
    assets = SRC_OR_HREF.findall(html)
    assert assets, "no script or stylesheet found"
    for asset in assets:
        assert asset.startswith("/app/static/leaflet/"), asset
    scripts = re.findall(r"<script[^>]*\bsrc=", html)
    links = re.findall(r"<link[^>]*\bhref=", html)
    assert len(scripts) == 1
    assert len(links) == 1
    assert '<script src="/app/static/leaflet/leaflet.js">' in html
    assert 'href="/app/static/leaflet/leaflet.css"' in html


# --------------------------------------------------------------------------- base map


def test_url_pattern_catches_what_it_should():
    """The check itself must fail on CDN links (a test that cannot fail is a defect)."""
    for text in ('src="https://cdn.jsdelivr.net/x.js"', "href='//unpkg.com/leaflet.css'"):
        assert URL.search(text)
    assert not URL.search('src="/app/static/leaflet/leaflet.js"')


def test_folium_s_own_defaults_would_leak():
    html = folium.Map(location=[55.6, 13.0], tiles=None).get_root().render()
    assert URL.search(html)


def test_base_map_loads_only_leaflet_from_this_app():
    fmap = mapview.base_map(BOUNDS)
    assert_only_local_assets(fmap.get_root().render())


def test_base_map_with_land_and_outlines():
    fmap = mapview.base_map(BOUNDS, land=LAND, outlines=collection(["a", "b"]))
    html = fmap.get_root().render()
    assert_only_local_assets(html)
    assert mapview.SEA_COLOUR in html
    assert mapview.LAND_COLOUR in html


def test_base_map_does_not_change_folium_for_other_maps():
    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    mapview.base_map(BOUNDS)
    assert (list(folium.Map.default_js), list(folium.Map.default_css)) == before


def test_base_map_has_no_tile_layer_by_default():
    fmap = mapview.base_map(BOUNDS, land=LAND)
    assert not any(isinstance(c, folium.TileLayer) for c in fmap._children.values())


def test_bounds_of_and_representative_points():
    coll = collection(["a", "b"])
    assert mapview.bounds_of(coll) == [[55.55, 12.95], [55.56, 12.98]]
    points = mapview.representative_points(coll)
    assert set(points) == {"a", "b"}
    lat, lon = points["b"]
    assert 55.55 < lat < 55.56
    assert 12.97 < lon < 12.98


# --------------------------------------------------------------------------- choropleth


def layer_payload(layer: folium.FeatureGroup) -> dict:
    """The payload the map frame receives: colours, selection, tooltip rows, labels."""
    stylers = [c for c in layer._children.values() if isinstance(c, mapview.AreaStyler)]
    assert len(stylers) == 1
    # Nothing but the styler: no shapes travel with an update.
    assert len(layer._children) == 1
    return stylers[0].payload


UNITS = ["a", "b", "c", "d"]
STYLES = {
    "a": mapview.AreaStyle(PALETTE[4], "1", {"index": "90,0"}),
    "b": mapview.AreaStyle(PALETTE[2], "2", {"index": "50,0"}),
    "c": mapview.AreaStyle(PALETTE[0], "", {"index": "10,0"}),  # no label
}
GEOMETRY_URL = "/app/static/geo/test-0123456789ab.json"


def make_layer(selected=None, points=True, styles=STYLES):
    coll = collection(UNITS)
    return mapview.choropleth_layer(
        GEOMETRY_URL,
        "test-0123456789ab",
        styles,
        tooltip_aliases=["Indexvärde"],
        points=mapview.representative_points(coll) if points else None,
        selected=selected,
    )


def test_base_map_with_the_choropleth_layer_added():
    fmap = mapview.base_map(BOUNDS, land=LAND)
    make_layer(selected="a").add_to(fmap)
    html = fmap.get_root().render()
    assert_only_local_assets(html)
    assert GEOMETRY_URL in html  # the shapes come from this app


def test_choropleth_sends_one_fill_per_styled_unit():
    payload = layer_payload(make_layer())
    assert payload["fill"] == {"a": PALETTE[4], "b": PALETTE[2], "c": PALETTE[0]}
    assert payload["rows"] == {"a": ["90,0"], "b": ["50,0"], "c": ["10,0"]}
    assert payload["aliases"] == ["Indexvärde"]
    assert payload["url"] == GEOMETRY_URL and payload["key"] == "test-0123456789ab"


def test_choropleth_marks_the_selected_unit():
    payload = layer_payload(make_layer(selected="b"))
    assert payload["selected"] == "b"
    assert [label[3] for label in payload["labels"]] == [False, True]


def test_choropleth_labels_every_styled_unit_with_a_label():
    payload = layer_payload(make_layer())
    # a and b have labels; c has an empty label; d has no style.
    points = mapview.representative_points(collection(UNITS))
    assert [(lat, lon, text) for lat, lon, text, _ in payload["labels"]] == [
        (*points["a"], "1"),
        (*points["b"], "2"),
    ]


def test_choropleth_without_points_has_no_labels():
    assert layer_payload(make_layer(points=False))["labels"] == []


def test_choropleth_tooltip_text_is_escaped():
    styles = {"a": mapview.AreaStyle(PALETTE[1], "1", {"index": "<b>1</b>"})}
    payload = layer_payload(make_layer(styles=styles))
    assert payload["rows"]["a"] == ["&lt;b&gt;1&lt;/b&gt;"]


def test_choropleth_script_restyles_without_reloading_shapes():
    fmap = mapview.base_map(BOUNDS)
    make_layer().add_to(fmap)
    html = fmap.get_root().render()
    # Shapes are fetched only when the key changes; labels are escaped in the frame too.
    assert "st.key !== p.key" in html
    assert "esc(l[2])" in html


# --------------------------------------------------------------------------- legend


def bins():
    return [
        ClassBin(PALETTE[0], 0.0, 12.25, 3),
        ClassBin(PALETTE[2], 12.3, 999.95, 1),
        ClassBin(PALETTE[4], 1000.0, 1234.56, 2),
    ]


def test_legend_lists_bins_darkest_first_with_swedish_numbers():
    html = mapview.legend_html(bins(), title="Indexvärde (0–100)", count_label="{n} områden")
    colours = re.findall(r"background:(#[0-9a-f]{6})", html)
    assert colours == [PALETTE[4], PALETTE[2], PALETTE[0]]
    ranges = re.findall(r"<span>([^<]*) <span", html)
    assert ranges == [
        f"1{NBSP}000,0 – 1{NBSP}234,6",
        f"12,3 – 1{NBSP}000,0",
        "0,0 – 12,3",
    ]
    assert re.findall(r"\((\d+ områden)\)", html) == ["2 områden", "1 områden", "3 områden"]
    assert "Indexvärde (0–100)" in html
    assert "#d9d9d9" not in html


def test_legend_in_english():
    html = mapview.legend_html(bins(), title="Index", count_label="{n} areas", lang="en")
    assert "1,000.0 – 1,234.6" in html
    assert "0.0 – 12.3" in html


def test_legend_with_missing_swatch_and_note():
    html = mapview.legend_html(
        bins(), title="T", count_label="{n}", missing_label="Saknar värde", note="Illustrativt."
    )
    assert html.index(PALETTE[0]) < html.index("#d9d9d9") < html.index("Illustrativt.")
    assert "Saknar värde" in html


def test_legend_escapes_html_in_labels():
    evil = "<script>alert('x')</script>"
    html = mapview.legend_html(
        bins(),
        title=f"T {evil}",
        count_label="{n} <b>st</b> & fler",
        missing_label=f"M {evil}",
        note=f"N {evil}",
    )
    assert "<script" not in html
    assert "<b>" not in html
    assert html.count("&lt;script&gt;") == 4  # title in aria-label and heading, missing, note
    assert "&lt;b&gt;st&lt;/b&gt; &amp; fler" in html


def test_empty_legend():
    html = mapview.legend_html([], title="T", count_label="{n}")
    assert "<li" not in html
    assert 'aria-label="T"' in html


# --------------------------------------------------------------------------- ranking chart

"""Folium maps that need nothing from other hosts.

Leaflet is served by the app itself (``/app/static/leaflet``, fetched from the npm
registry at set-up); maps have no tile layer unless the user asks for a
background, which is drawn from the project's own geometry. Legends are drawn
outside the map (a branca legend would add links to a CDN).

The map is split in two so that moving a slider recolours the areas without
remounting the map: :func:`base_map` is the same on every rerun, and
:func:`choropleth_layer` is the ``FeatureGroup`` passed to ``st_folium`` through
``feature_group_to_add``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely.geometry
from branca.element import MacroElement
from jinja2 import Template

from areaindex.i18n import number

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
SEA_COLOUR = "#dcebf5"
LAND_COLOUR = "#f4f1ea"
OUTLINE_COLOUR = "#4d4d4d"
SELECTED_COLOUR = "#000000"


class FitOnResize(MacroElement):
    """Fit the map to bounds once its frame has its real size, and again on resize.

    ``fit_bounds`` alone runs while the component's frame may still be narrow,
    which leaves the city small in a large empty map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var bounds = {{ this.bounds|tojson }};
            function fit() { map.invalidateSize(); map.fitBounds(bounds, {padding: [8, 8]}); }
            map.on("resize", fit);
            setTimeout(fit, 150);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()
        self._name = "FitOnResize"
        self.bounds = [list(map(float, corner)) for corner in bounds]


class FocusWithoutScrolling(MacroElement):
    """Let a click focus the map without scrolling the page around the map's frame.

    Leaflet focuses the map on mousedown for keyboard panning; focusing inside a
    frame scrolls the Streamlit page to show the whole frame, so the map moves
    under the pointer between mousedown and mouseup and the click lands on
    another area (or none). The keyboard handler is re-bound with a focus that
    does not scroll.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            if (!map.keyboard) { return; }
            map.keyboard.disable();
            map.keyboard._onMouseDown = function () {
                if (this._focused) { return; }
                this._map._container.focus({preventScroll: true});
            };
            map.keyboard.enable();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScrolling"


@dataclass(frozen=True)
class AreaStyle:
    """How one area is drawn and what its tooltip says."""

    fill: str
    label: str  # shown on the map (the rank)
    tooltip: Mapping[str, str]  # tooltip field -> text


def bounds_of(collection: Mapping[str, Any]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of a FeatureCollection."""
    shapes = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    west, south, east, north = shapely.union_all(shapes).bounds
    return [[round(south, 5), round(west, 5)], [round(north, 5), round(east, 5)]]


def representative_points(collection: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """A point inside each area (for its label), as ``(lat, lon)`` by unit id."""
    points = {}
    for feature in collection["features"]:
        point = shapely.geometry.shape(feature["geometry"]).representative_point()
        points[feature["properties"]["unit"]] = (round(point.y, 5), round(point.x, 5))
    return points


def base_map(
    bounds: Sequence[Sequence[float]],
    *,
    land: Mapping[str, Any] | None = None,
    outlines: Mapping[str, Any] | None = None,
    tiles_url: str | None = None,
    tiles_attribution: str = "",
) -> folium.Map:
    """A Leaflet map that loads Leaflet from this app and no tiles by default.

    Parameters
    ----------
    bounds : [[south, west], [north, east]]
        The view to fit.
    land : FeatureCollection, optional
        Drawn as a light land surface on a sea-coloured background (the
        "background map" made from the project's own data).
    outlines : FeatureCollection, optional
        Thin outlines of smaller units (for example RegSO) over the land.
    tiles_url : str, optional
        A tile server chosen by whoever deploys the app (never by default).
    tiles_attribution : str
        Attribution required by that tile server.
    """
    fmap = folium.Map(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=11,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        max_bounds=False,
        zoom_snap=0.25,
    )
    # Per map, not on the class: only Leaflet, served by this app.
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    background = "#ffffff"
    if tiles_url:
        folium.TileLayer(tiles=tiles_url, attr=tiles_attribution, name="bakgrund").add_to(fmap)
    elif land is not None:
        background = SEA_COLOUR
        folium.GeoJson(
            land,
            name="land",
            style_function=lambda _: {"fillColor": LAND_COLOUR, "fillOpacity": 1, "weight": 0},
            interactive=False,
        ).add_to(fmap)
    if outlines is not None:
        folium.GeoJson(
            outlines,
            name="outlines",
            style_function=lambda _: {"fill": False, "color": "#9a9a9a", "weight": 0.6},
            interactive=False,
        ).add_to(fmap)
    fmap.get_root().header.add_child(
        folium.Element(
            "<style>"
            f".folium-map, .leaflet-container {{background: {background};}}"
            ".rank-label {background: #fff; border: 1px solid #333; border-radius: 10px;"
            " font: bold 12px/18px sans-serif; color: #000; text-align: center;"
            " min-width: 18px; padding: 0 3px; box-sizing: border-box;}"
            ".rank-label.selected {background: #000; color: #fff;}"
            ".leaflet-tooltip table {font-size: 13px;}"
            "path.leaflet-interactive:focus:not(:focus-visible) {outline: none;}"
            "</style>"
        )
    )
    fmap.fit_bounds(bounds)
    FitOnResize(bounds).add_to(fmap)
    FocusWithoutScrolling().add_to(fmap)
    return fmap


class AreaStyler(MacroElement):
    """Draws the areas once (geometry fetched from this app) and restyles them on each update.

    Only colours, tooltip rows and labels travel with a slider move; the shapes
    are loaded from a static file the first time (and when the level changes)
    and kept in the map frame. Clicks reach Streamlit through streamlit-folium,
    which binds its handler to every layer on the map after each update.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, p) {
            var st = window.__omradesindex = window.__omradesindex || {};
            function esc(s) {
                return String(s).replace(/[&<>"']/g, function (c) {
                    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
                });
            }
            function style(unit) {
                var sel = unit === st.p.selected;
                return {fillColor: st.p.fill[unit] || "{{ this.missing }}", fillOpacity: 0.85,
                        color: sel ? "{{ this.selected_colour }}" : "{{ this.outline }}",
                        weight: sel ? 4 : 1};
            }
            function tip(feature) {
                var unit = feature.properties.unit, row = st.p.rows[unit] || [];
                var html = "<strong>" + esc(feature.properties.name) + "</strong><table>";
                for (var i = 0; i < st.p.aliases.length && i < row.length; i++) {
                    html += "<tr><th>" + st.p.aliases[i] + "</th><td>" + row[i] + "</td></tr>";
                }
                return html + "</table>";
            }
            st.p = p;
            if (st.key !== p.key) {
                if (st.layer) { map.removeLayer(st.layer); }
                // Synchronous on purpose: the layer must exist when streamlit-folium
                // binds its click handler right after this script has run.
                var req = new XMLHttpRequest();
                req.open("GET", p.url, false);
                req.send(null);
                st.layer = L.geoJSON(JSON.parse(req.responseText), {
                    onEachFeature: function (feature, layer) {
                        layer.bindTooltip(function () { return tip(feature); }, {sticky: true});
                        layer.on("mouseover", function (e) {
                            e.target.setStyle({weight: 3, color: "{{ this.selected_colour }}"});
                        });
                        layer.on("mouseout", function (e) {
                            e.target.setStyle(style(feature.properties.unit));
                        });
                    }
                }).addTo(map);
                st.labels = st.labels || L.layerGroup().addTo(map);
                st.key = p.key;
            }
            function draw() {
                st.layer.eachLayer(function (layer) {
                    var unit = layer.feature.properties.unit;
                    layer.setStyle(style(unit));
                    if (unit === st.p.selected) { layer.bringToFront(); }
                });
                st.labels.clearLayers();
                st.p.labels.forEach(function (l) {
                    var css = l[3] ? "rank-label selected" : "rank-label";
                    L.marker([l[0], l[1]], {interactive: false, keyboard: false, icon: L.divIcon({
                        html: '<div class="' + css + '">' + esc(l[2]) + "</div>",
                        className: "", iconSize: [24, 18], iconAnchor: [12, 9]
                    })}).addTo(st.labels);
                });
            }
            // The page recolours the map straight from a slider (ui/live/component.js),
            // before the server's update arrives: fills, tooltip rows and labels.
            st.apply = function (update) {
                st.p = Object.assign({}, st.p, update);
                draw();
            };
            draw();
        })({{ this._parent._parent.get_name() }}, {{ this.payload|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "AreaStyler"
        self.payload = dict(payload)
        self.missing = "#d9d9d9"
        self.outline = OUTLINE_COLOUR
        self.selected_colour = SELECTED_COLOUR


def choropleth_layer(
    geometry_url: str,
    layer_key: str,
    styles: Mapping[str, AreaStyle],
    *,
    tooltip_aliases: Sequence[str],
    points: Mapping[str, tuple[float, float]] | None = None,
    selected: str | None = None,
    name: str = "index",
) -> folium.FeatureGroup:
    """The coloured areas, their tooltips and rank labels, as one small FeatureGroup.

    Parameters
    ----------
    geometry_url : str
        Where the map frame loads the areas' shapes (a GeoJSON FeatureCollection
        with properties ``unit`` and ``name``), served by this app.
    layer_key : str
        Changes whenever the shapes change (level, municipality), so the frame
        reloads them only then.
    styles : mapping
        Unit id -> :class:`AreaStyle`; the tooltip values are taken in the order
        of ``tooltip_aliases``.
    tooltip_aliases : sequence of str
        Labels of the tooltip rows.
    points : mapping, optional
        Unit id -> ``(lat, lon)`` where the rank label goes; no labels if None.
    selected : str, optional
        The unit drawn with a thick outline.
    """
    payload = {
        "url": geometry_url,
        "key": layer_key,
        "selected": selected,
        "fill": {unit: style.fill for unit, style in styles.items()},
        "aliases": [html.escape(a) for a in tooltip_aliases],
        "rows": {
            unit: [html.escape(str(v)) for v in style.tooltip.values()]
            for unit, style in styles.items()
        },
        "labels": [
            [lat, lon, styles[unit].label, unit == selected]
            for unit, (lat, lon) in (points or {}).items()
            if unit in styles and styles[unit].label
        ],
    }
    group = folium.FeatureGroup(name=name)
    AreaStyler(payload).add_to(group)
    return group


def geometry_file_bytes(collection: Mapping[str, Any]) -> bytes:
    """A FeatureCollection as compact JSON bytes for the static file the map loads."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def legend_html(
    bins: Sequence[Any],
    *,
    title: str,
    count_label: str,
    lang: str = "sv",
    missing_label: str | None = None,
    note: str = "",
    labels: Sequence[str] | None = None,
) -> str:
    """A legend drawn beside the map (not on it: branca legends pull in a CDN).

    Parameters
    ----------
    bins : sequence of ClassBin
        Colour, lower and upper bound and count per class, lowest first.
    title : str
        Heading of the legend.
    count_label : str
        Format string with ``{n}`` for the number of areas in a class.
    lang : str
        Number formatting language.
    missing_label : str, optional
        Label for a grey "no value" swatch; omitted when None.
    note : str
        A line under the classes (for example that values are illustrative).
    labels : sequence of str, optional
        A label per bin (lowest class first) instead of its bounds.
    """
    rows = []
    named = list(labels) if labels is not None else [None] * len(bins)
    for b, label in reversed(list(zip(bins, named, strict=True))):  # darkest on top
        text = label or f"{number(b.lower, 1, lang)} – {number(b.upper, 1, lang)}"
        count = html.escape(count_label.format(n=b.count))
        rows.append(
            '<li style="display:flex;align-items:center;gap:8px;margin:2px 0">'
            f'<span aria-hidden="true" style="display:inline-block;width:28px;height:16px;'
            f'background:{b.colour};border:1px solid #555"></span>'
            f'<span>{html.escape(text)} <span style="color:#444">({count})</span></span></li>'
        )
    if missing_label:
        rows.append(
            '<li style="display:flex;align-items:center;gap:8px;margin:2px 0">'
            '<span aria-hidden="true" style="display:inline-block;width:28px;height:16px;'
            'background:#d9d9d9;border:1px solid #555"></span>'
            f"<span>{html.escape(missing_label)}</span></li>"
        )
    note_html = (
        f'<p style="margin:4px 0 0;font-size:0.85em">{html.escape(note)}</p>' if note else ""
    )
    return (
        f'<div class="map-legend" role="group" aria-label="{html.escape(title)}">'
        f'<p style="font-weight:600;margin:0 0 4px">{html.escape(title)}</p>'
        f'<ul style="list-style:none;padding:0;margin:0">{"".join(rows)}</ul>{note_html}</div>'
    )

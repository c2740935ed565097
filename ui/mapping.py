"""The choropleth, its legend and the clicked-area handling."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from areaindex.store.dataset import feature_collection
from areaindex.store.divisions import CITY_LEVEL
from areaindex.views import mapview
from areaindex.views.classify import Classification
from areaindex.views.indexview import IndexView
from areaindex.views.live import map_styles
from ui.core import Context, get_dataset, publish_static
from ui.memo import memo

MAP_HEIGHT = 540
# A tile server may be configured by whoever deploys the app; there is none by default.
TILES_URL = os.environ.get("AREAINDEX_TILES_URL", "")
TILES_ATTRIBUTION = os.environ.get("AREAINDEX_TILES_ATTRIBUTION", "")


@memo(max_entries=64)
def level_shapes(level: str, units: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Shapes of one level (or a subset of its units), once per process.

    The shapes are written to ``static/geo/`` under a name that contains a hash
    of their content, so the map frame loads them once and never a stale copy.

    Returns
    -------
    dict
        ``url`` of the static file, ``key`` (changes with the shapes), label
        ``points``, ``bounds`` of the city and ``own_bounds`` of these shapes.
    """
    dataset = get_dataset()
    collection = feature_collection(dataset, level)
    if units is not None:
        wanted = set(units)
        collection = {
            "type": "FeatureCollection",
            "features": [f for f in collection["features"] if f["properties"]["unit"] in wanted],
        }
    url = publish_static("geo", level, ".json", mapview.geometry_file_bytes(collection))
    return {
        "url": url,
        "key": url.rsplit("/", 1)[-1].removesuffix(".json"),
        "points": mapview.representative_points(collection),
        "bounds": mapview.bounds_of(feature_collection(dataset, CITY_LEVEL.id)),
        "own_bounds": mapview.bounds_of(collection),
    }


def view_shapes(ctx: Context) -> dict[str, Any]:
    """:func:`level_shapes` of the view's own areas (Malmö's level, a municipality, Sweden)."""
    return level_shapes(ctx.scope.shapes, ctx.scope.units)


def draw_map(
    ctx: Context,
    view: IndexView,
    colours: pd.Series,
    selected: str | None,
    reference: tuple[str, dict[str, str]] | None = None,
    *,
    key: str = "map",
    height: int = MAP_HEIGHT,
    level: str | None = None,
    bounds_of_units: bool = False,
) -> str | None:
    """Draw a map; return the unit id of a newly clicked area, if any.

    ``colours`` fills the areas (the index classes, or the reference layer's);
    ``reference`` adds one tooltip line: its label and the text per unit. With
    ``bounds_of_units`` only the units in ``view.table`` are drawn and the map
    zooms to them instead of the whole city.
    """
    lang = ctx.lang
    scope = ctx.scope
    if level is None:
        # The view's own areas: Malmö's level, a municipality's RegSO or all of Sweden.
        level, units = scope.shapes, scope.units
        bounds_of_units = bounds_of_units or not scope.is_malmo
    else:
        units = tuple(view.table.index) if bounds_of_units else None
    shapes = level_shapes(level, units)
    dims = {d.id: d.name(lang) for d in ctx.dataset.catalogue.dimensions}
    texts = {
        "tooltip_index": ctx.tr("tooltip.index"),
        "tooltip_rank": ctx.tr("tooltip.rank"),
        "tooltip_rank_of": ctx.tr("tooltip.rank_of", rank="{rank}", n="{n}"),
        "tooltip_illustrative": ctx.tr("tooltip.illustrative"),
        "tooltip_approximate": ctx.tr("tooltip.approximate_geography"),
    }
    fills = colours.reindex(view.table.index).tolist()
    aliases, styles = map_styles(view, fills, dims, texts, lang=lang, reference=reference)

    land = (
        feature_collection(ctx.dataset, CITY_LEVEL.id)
        if ctx.state.basemap and scope.is_malmo
        else None
    )
    outlines = None
    if ctx.state.basemap and scope.is_malmo and level != "regso":
        outlines = feature_collection(ctx.dataset, "regso")
    fmap = mapview.base_map(
        shapes["own_bounds"] if bounds_of_units else shapes["bounds"],
        land=land,
        outlines=outlines,
        tiles_url=TILES_URL if ctx.state.basemap and TILES_URL else None,
        tiles_attribution=TILES_ATTRIBUTION,
    )
    layer = mapview.choropleth_layer(
        shapes["url"],
        shapes["key"],
        styles,
        tooltip_aliases=aliases,
        points=shapes["points"],
        selected=selected,
    )
    result = st_folium(
        fmap,
        key=f"{key}-{level}-{int(ctx.state.basemap)}",
        height=height,
        use_container_width=True,
        feature_group_to_add=layer,
        returned_objects=["last_active_drawing", "last_object_clicked"],
    )
    return _new_click(result, level)


def _new_click(result: dict[str, Any] | None, level: str) -> str | None:
    """The clicked unit, only the first time a given click is seen."""
    if not result:
        return None
    drawing = result.get("last_active_drawing") or {}
    unit = (drawing.get("properties") or {}).get("unit")
    where = result.get("last_object_clicked")
    marker = (level, unit, str(where))
    if unit is None or st.session_state.get("_last_click") == marker:
        return None
    st.session_state["_last_click"] = marker
    return unit


def legend(
    ctx: Context,
    classes: Classification,
    *,
    title: str,
    note: str = "",
    labels: tuple[str, ...] | None = None,
) -> None:
    """The legend with class bounds (or labels), beside the map."""
    missing = ctx.tr("legend.missing") if (classes.classes < 0).any() else None
    st.html(
        mapview.legend_html(
            classes.bins,
            title=title,
            count_label=ctx.tr("legend.count", n="{n}"),
            lang=ctx.lang,
            missing_label=missing,
            note=note,
            labels=labels,
        )
    )

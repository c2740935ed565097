"""The choropleth, its legend and the clicked-area handling."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from areaindex import mapview
from areaindex.classify import Classification
from areaindex.dataset import feature_collection
from areaindex.divisions import CITY_LEVEL
from areaindex.i18n import number
from areaindex.indexview import IndexView
from ui.core import Context, get_dataset

MAP_HEIGHT = 540
# A tile server may be configured by whoever deploys the app; there is none by default.
TILES_URL = os.environ.get("AREAINDEX_TILES_URL", "")
TILES_ATTRIBUTION = os.environ.get("AREAINDEX_TILES_ATTRIBUTION", "")


@st.cache_resource
def level_shapes(level: str) -> dict[str, Any]:
    """Shapes, bounds and label points of one level (computed once per process)."""
    dataset = get_dataset()
    collection = feature_collection(dataset, level)
    return {
        "collection": collection,
        "points": mapview.representative_points(collection),
        "bounds": mapview.bounds_of(feature_collection(dataset, CITY_LEVEL.id)),
    }


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
    ``reference`` adds one tooltip line: its label and the text per unit. Only
    the units in ``view.table`` are drawn; ``bounds_of_units`` zooms to them
    instead of the whole city.
    """
    lang = ctx.lang
    level = level or ctx.state.level
    shapes = level_shapes(level)
    collection = shapes["collection"]
    if bounds_of_units:
        wanted = set(view.table.index)
        collection = {
            "type": "FeatureCollection",
            "features": [f for f in collection["features"] if f["properties"]["unit"] in wanted],
        }
    n = int(view.table["rank"].notna().sum())
    dims = {d.id: d.name(lang) for d in ctx.dataset.catalogue.dimensions}
    illustrative = [dims[d] for d in view.illustrative_dimensions]
    fields = ["name", "index", "rank", *[f"dim_{d}" for d in view.dimensions]]
    aliases = [
        "",
        ctx.tr("tooltip.index"),
        ctx.tr("tooltip.rank"),
        *[dims[d] for d in view.dimensions],
    ]
    if illustrative:
        fields.append("illustrative")
        aliases.append(ctx.tr("tooltip.illustrative"))
    if reference is not None:
        fields.insert(1, "reference")
        aliases.insert(1, reference[0])
    many = n > 20
    styles = {}
    for unit, row in view.table.iterrows():
        rank = row["rank"]
        has_rank = rank == rank and rank is not None and str(rank) != "<NA>"
        tooltip = {
            "name": row["name"],
            "index": number(row["index"], 1, lang),
            "rank": ctx.tr("tooltip.rank_of", rank=int(rank), n=n) if has_rank else "–",
            **{f"dim_{d}": number(row[f"score.{d}"], 1, lang) for d in view.dimensions},
        }
        if illustrative:
            tooltip["illustrative"] = ", ".join(illustrative)
        if reference is not None:
            tooltip["reference"] = reference[1].get(unit, "–")
        label = str(int(rank)) if has_rank and (not many or int(rank) <= 10) else ""
        styles[unit] = mapview.AreaStyle(colours[unit], label, tooltip)

    land = feature_collection(ctx.dataset, CITY_LEVEL.id) if ctx.state.basemap else None
    outlines = None
    if ctx.state.basemap and level != "regso":
        outlines = level_shapes("regso")["collection"]
    fmap = mapview.base_map(
        mapview.bounds_of(collection) if bounds_of_units else shapes["bounds"],
        land=land,
        outlines=outlines,
        tiles_url=TILES_URL if ctx.state.basemap and TILES_URL else None,
        tiles_attribution=TILES_ATTRIBUTION,
    )
    layer = mapview.choropleth_layer(
        collection,
        styles,
        tooltip_fields=fields,
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

"""Second reference for the browser benchmark: the dashboard as a Streamlit tutorial builds it.

Not part of the product. Like ``bench/reference_app`` (same sliders, labels, URL
parameters, map and ranking chart), except that it caches its data the way every
Streamlit tutorial does:

* the database is opened once per process (``st.cache_resource``, as tutorials
  hold a connection);
* the dimension scores and the geometry are ``st.cache_data`` functions keyed by
  the level, so a slider move reads nothing from disk;
* the index, the classes, the folium map with its choropleth layer and the
  plotly ranking chart are still computed and sent again on every rerun, as in
  a tutorial: a new colour means a new map.

``bench/browser`` measures it beside our app and the uncached reference, so the
speed-up is stated against an honest baseline, not only a naive one. Leaflet is
served from ``/app/static/leaflet/`` and there is no tile layer, as in the other
reference.
"""

from __future__ import annotations

import os
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from areaindex.store.dataset import Dataset, load_dataset
from areaindex.views.classify import classify
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    DimensionTable,
    dimension_table,
    index_view,
    load_presets,
)

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ("omraden", "regso")


@st.cache_resource
def get_dataset() -> Dataset:
    return load_dataset(os.environ.get("AREAINDEX_DB", ROOT / "indicators.duckdb"))


@st.cache_data
def get_dimensions(level: str) -> DimensionTable:
    return dimension_table(get_dataset(), load_presets()[DEFAULT_METHOD], level)


@st.cache_data
def get_names(level: str) -> dict[str, str]:
    return get_dataset().unit_names(level)


@st.cache_data
def get_shapes(level: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(ROOT / "geodata" / "regso.geojson")
    if level == "omraden":
        membership = pd.read_csv(ROOT / "geodata" / "omraden_provisoriska_2023.csv", dtype=str)
        gdf = gdf.merge(membership[["regso", "omrade"]], on="regso")
        gdf = gdf.dissolve(by="omrade").reset_index().rename(columns={"omrade": "unit"})
    else:
        gdf = gdf.rename(columns={"regso": "unit"})
    return gdf[["unit", "geometry"]]


st.set_page_config(page_title="Områdesindex (tutorial)", layout="wide")

dataset = get_dataset()
method = load_presets()[DEFAULT_METHOD]

level = st.query_params.get("level", "omraden")
level = st.sidebar.selectbox("Nivå", LEVELS, index=LEVELS.index(level) if level in LEVELS else 0)
st.sidebar.header("Vikter")
weights = {}
for dim in dataset.catalogue.dimensions:
    try:
        start = int(st.query_params.get(f"w_{dim.id}", round(method.weights.get(dim.id, 0))))
    except ValueError:
        start = 0
    weights[dim.id] = st.sidebar.slider(dim.name("sv"), 0, 10, min(10, max(0, start)))

st.title("Områdesindex Malmö")
if sum(weights.values()) == 0:
    st.info("Sätt minst en vikt över noll.")
    st.stop()

view = index_view(get_dimensions(level), weights, get_names(level), dataset.catalogue)
table = view.table.copy()
table["colour"] = classify(table["index"]).colours
table["index"] = table["index"].round(1)

gdf = get_shapes(level).merge(
    table[["name", "index", "rank", "colour"]], left_on="unit", right_index=True
)

west, south, east, north = gdf.total_bounds
m = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=11, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
folium.GeoJson(
    gdf,
    name="Index",
    style_function=lambda feature: {
        "fillColor": feature["properties"]["colour"],
        "color": "#4d4d4d",
        "weight": 1,
        "fillOpacity": 0.85,
    },
    tooltip=folium.GeoJsonTooltip(fields=["name", "index", "rank"], aliases=["", "Index", "Rang"]),
).add_to(m)
m.fit_bounds([[south, west], [north, east]])

left, right = st.columns([3, 2])
with left:
    st_data = st_folium(m, use_container_width=True, height=540)
with right:
    st.subheader("Högst index")
    st.dataframe(table.sort_values("rank")[["name", "index", "rank"]].head(5), hide_index=True)

st.subheader("Rangordning")
ranked = table.dropna(subset=["index"]).sort_values(["rank", "name"])
ranked["label"] = [f"{int(r)}. {n}" for r, n in zip(ranked["rank"], ranked["name"], strict=True)]
fig = px.bar(
    ranked,
    x="index",
    y="label",
    orientation="h",
    color="colour",
    color_discrete_map="identity",
    height=max(300, 90 + 26 * len(ranked)),
)
fig.update_layout(
    yaxis={"autorange": "reversed", "title": ""}, xaxis_title="Index", showlegend=False
)
st.plotly_chart(fig, width="stretch")

"""Area profile: one area under every proposal, its dimensions, indicators, trend and RegSO."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.views.charts import PLOTLY_CONFIG, area_comparison_chart, trend_chart
from areaindex.views.classify import classify
from areaindex.views.indexview import index_view, method_years
from areaindex.views.profile import (
    TREND_INDICATORS,
    index_trend,
    indicator_trend,
    key_figures,
    members,
    preset_rows,
)
from ui import controls, mapping
from ui.core import bind, get_dimension_table, get_view, start_page, stop_page, sync_url
from ui.report import report_button

ctx = start_page("nav.profile")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
catalogue = dataset.catalogue
names = ctx.names
dims_names = {d.id: d.name(lang) for d in catalogue.dimensions}

st.title(ctx.tr("profile.header"))
units = list(names)
area = state.area if state.area in units else None
st.selectbox(
    ctx.tr("profile.pick"),
    options=units,
    format_func=lambda u: names[u],
    placeholder=ctx.tr("profile.pick"),
    **bind("profile_area", "area", area),
)
area = st.session_state["profile_area"]
if area is None:
    stop_page(ctx, ctx.tr("profile.none"))

table, view = get_view(ctx)

row = view.table.loc[area]
n = int(view.table["rank"].notna().sum())
st.header(names[area])
c1, c2, c3 = st.columns(3)
has_rank = pd.notna(row["rank"])
c1.metric(
    ctx.tr("tooltip.rank"),
    ctx.tr("tooltip.rank_of", rank=int(row["rank"]), n=n) if has_rank else "–",
)
c2.metric(ctx.tr("tooltip.index"), number(row["index"], 1, lang))
level_id = ctx.level_id
population = dataset.units.query("level == @level_id and unit == @area")["population"]
c3.metric(ctx.tr("table.population"), number(float(population.iloc[0]), 0, lang))
if view.illustrative_dimensions:
    st.caption(ctx.tr("legend.illustrative"))
report_button(ctx, "profile", key="report_profile")

st.subheader(ctx.tr("profile.presets"))
presets = preset_rows(
    ctx.presets, lambda m: get_dimension_table(ctx, method=m), area, names, catalogue
)
rows = [
    {
        ctx.tr("profile.col.preset"): p["title_en"] if lang == "en" else p["title_sv"],
        ctx.tr("tooltip.index"): number(p["index"], 1, lang),
        ctx.tr("tooltip.rank"): (
            ctx.tr("tooltip.rank_of", rank=int(p["rank"]), n=n) if pd.notna(p["rank"]) else "–"
        ),
    }
    for p in presets.to_dict("records")
]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

st.subheader(ctx.tr("profile.dimensions"))
st.markdown(ctx.tr("profile.dimensions_text"))
scores = table.scores[list(view.dimensions)]
compare = pd.DataFrame(
    [scores.loc[area].to_numpy(), scores.median().to_numpy()],
    index=[names[area], ctx.tr("profile.median")],
    columns=scores.columns,
)
st.plotly_chart(
    area_comparison_chart(compare, dims_names, x_title=ctx.tr("areas.chart_x"), lang=lang),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="profile_dimensions",
)
figures = key_figures(
    dataset,
    table,
    area,
    ctx.level_id,
    year=state.year,
    sex=state.sex,
    lang=lang,
    city=ctx.scope.city,
)
st.dataframe(figures.drop(columns=["indicator_id"]), hide_index=True, width="stretch")
st.caption(ctx.tr("area.figures_caption"))

st.subheader(ctx.tr("profile.trend"))
st.markdown(ctx.tr("profile.trend_text"))
index_by_year = index_trend(
    lambda y: get_dimension_table(ctx, year=y),
    method_years(dataset, ctx.method),
    state.weights,
    area,
    names,
    catalogue,
)
charts = [
    trend_chart(
        {
            names[area]: index_by_year["area"],
            ctx.tr("profile.median"): index_by_year["median"],
        },
        title=ctx.tr("profile.trend_index"),
        y_title=ctx.tr("tooltip.index"),
        lang=lang,
        y_range=(0, 100),
    )
]
for indicator_id in TREND_INDICATORS:
    indicator = catalogue.indicator(indicator_id)
    trend = indicator_trend(dataset, indicator_id, ctx.level_id, area, city=ctx.scope.city)
    series = {names[area]: trend["area"]}
    if indicator_id != "population":
        series["Malmö"] = trend["city"]
    charts.append(
        trend_chart(series, title=f"{indicator.name(lang)} ({indicator.unit})", lang=lang)
    )
columns = st.columns(2)
for i, figure in enumerate(charts):
    with columns[i % 2]:
        st.plotly_chart(figure, width="stretch", config=PLOTLY_CONFIG, key=f"trend_{i}")

regso = members(dataset, state.level, area) if ctx.scope.is_malmo else []
if state.level != "regso" and regso:
    st.subheader(ctx.tr("profile.regso"))
    st.markdown(ctx.tr("profile.regso_text"))
    regso_table = get_dimension_table(ctx, level="regso")
    regso_view = index_view(regso_table, state.weights, dataset.unit_names("regso"), catalogue)
    classes = classify(regso_view.table["index"], state.classes)
    inside = regso_view.table.loc[regso_view.table.index.isin(regso)]
    subset = replace(regso_view, table=inside)
    mapping.draw_map(
        ctx,
        subset,
        classes.colours,
        None,
        key="profile-regso",
        height=360,
        level="regso",
        bounds_of_units=True,
    )
    # The same as a table, for those who cannot use the map.
    ordered = inside.sort_values(["rank", "name"])
    st.dataframe(
        pd.DataFrame(
            {
                "RegSO": ordered["name"],
                ctx.tr("tooltip.index"): [number(v, 1, lang) for v in ordered["index"]],
                ctx.tr("tooltip.rank"): [
                    ctx.tr("tooltip.rank_of", rank=int(r), n=len(regso_view.table))
                    if pd.notna(r)
                    else "–"
                    for r in ordered["rank"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(ctx.tr("profile.sources"))
sources = sorted({catalogue.indicator(i).source for i in figures["indicator_id"]})
st.markdown("\n".join(f"- {source}" for source in sources))
sync_url(ctx)

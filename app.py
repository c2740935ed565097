"""Områdesindex Malmö — main page: weight sliders, the map of the areas, and the ranking.

Run with ``make run`` (or ``streamlit run app.py``). The other pages are in
``pages/``; all computation is in the :mod:`areaindex` package.
"""

from __future__ import annotations

import streamlit as st

from areaindex.charts import PLOTLY_CONFIG, ranking_chart, reference_scatter, top_k_share_chart
from areaindex.classify import classify
from areaindex.errors import ScoringError
from areaindex.export import ranking_frame, to_excel_csv
from areaindex.i18n import number
from areaindex.indexview import index_view, top_units
from areaindex.profile import dimension_profile, key_figures
from areaindex.reference import AREA_TYPE, rank_agreement, reference_layer
from areaindex.robust_view import statements
from ui import controls, mapping
from ui.core import (
    bind,
    get_dimension_table,
    get_robustness,
    set_state,
    start_page,
    sync_url,
    url_notices,
)

TOP_K = 3

ctx = start_page("nav.map")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
level = dataset.level(state.level)
dims_names = {d.id: d.name(lang) for d in dataset.catalogue.dimensions}

st.title(ctx.tr("app.title"))
st.caption(ctx.tr("app.tagline"))
for notice in url_notices(ctx):
    st.warning(ctx.tr("notice.url", detail=str(notice)), icon="⚠️")

table = get_dimension_table(ctx)
try:
    view = index_view(table, state.weights, dataset.unit_names(state.level), dataset.catalogue)
except ScoringError:
    st.info(ctx.tr("weights.all_zero"), icon="ℹ️")
    sync_url(ctx)
    st.stop()

if view.illustrative_dimensions:
    names = ", ".join(dims_names[d] for d in view.illustrative_dimensions)
    st.warning(ctx.tr("banner.illustrative", dims=names), icon="⚠️")
if level.provisional:
    st.info(ctx.tr("banner.provisional"), icon="ℹ️")
elif level.approximate:
    st.info(ctx.tr("banner.approximate_level", note=level.note(lang)), icon="ℹ️")

if state.year is not None:
    single = [
        dataset.catalogue.indicator(c).name(lang)
        for c in table.method.indicator_columns
        if len(dataset.catalogue.indicator(c).years) == 1
    ]
    st.info(ctx.tr("notice.over_time", year=state.year, single=", ".join(single)), icon="📅")
if table.totals_for_sex:
    st.info(
        ctx.tr(
            "notice.sex_totals",
            sex=ctx.tr(f"sex.{state.sex}"),
            n=len(table.totals_for_sex),
            names=", ".join(
                dataset.catalogue.indicator(c).name(lang) for c in table.totals_for_sex
            ),
        ),
        icon="ℹ️",
    )
top = top_units(view, TOP_K)
if not top:
    st.warning(ctx.tr("notice.no_index"), icon="⚠️")
    sync_url(ctx)
    st.stop()
top_names = [view.table.at[u, "name"] for u in top]
joined = ", ".join(top_names[:-1]) + (
    f" {'och' if lang == 'sv' else 'and'} " if len(top_names) > 1 else ""
)
st.markdown("### " + ctx.tr("ranking.top") + f": {joined}{top_names[-1]}")
parts = " · ".join(f"{dims_names[d]} {view.shares[d]:.0f} %" for d in view.dimensions)
st.caption(ctx.tr("weights.summary", parts=parts))

classes = classify(view.table["index"], state.classes)
reference = reference_layer(dataset, state.level, lang)
if reference.indicator == AREA_TYPE:
    ref_label, ref_title = ctx.tr("tooltip.reference_type"), ctx.tr("legend.reference_type")
    ref_text = {u: number(v, 0, lang) for u, v in reference.values.items()}
else:
    ref_label, ref_title = ctx.tr("tooltip.reference_share"), ctx.tr("legend.reference_share")
    ref_text = {u: f"{number(v, 0, lang)} %" for u, v in reference.values.items()}
show_reference = state.layer == "reference"
map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:
    clicked = mapping.draw_map(
        ctx,
        view,
        reference.classes.colours if show_reference else classes.colours,
        state.area,
        reference=(ref_label, ref_text),
    )
    st.caption(ctx.tr("map.caption_reference" if show_reference else "map.caption"))
if clicked is not None and clicked != state.area:
    ctx = set_state(ctx, area=clicked)
    state = ctx.state

with side_col:
    if show_reference:
        mapping.legend(
            ctx,
            reference.classes,
            title=ref_title,
            note=ctx.tr("legend.reference_note"),
            labels=reference.labels,
        )
    else:
        mapping.legend(
            ctx,
            classes,
            title=ctx.tr("legend.title"),
            note=ctx.tr("legend.illustrative") if view.illustrative_dimensions else "",
        )
    names = dataset.unit_names(state.level)
    with st.container(border=True):
        st.markdown(f"**{ctx.tr('robust.header')}**")
        if len(view.dimensions) < 2:
            st.caption(ctx.tr("robust.single_dimension"))
        else:
            summary = get_robustness(ctx, table, k=TOP_K)
            for sentence in statements(summary, names, top, k=TOP_K, lang=lang):
                st.markdown(sentence)
            st.plotly_chart(
                top_k_share_chart(summary, names, k=TOP_K, lang=lang),
                width="stretch",
                config={**PLOTLY_CONFIG, "displayModeBar": False},
                key="robust_chart",
            )
            st.caption(ctx.tr("robust.box_caption", n=number(10_000, 0, lang), spread=25))
            st.page_link("pages/robusthet.py", label=ctx.tr("robust.more"))
    st.subheader(ctx.tr("area.header"))
    units = view.table.sort_values(["rank", "name"]).index.tolist()
    picked = state.area if state.area in units else None
    st.selectbox(
        ctx.tr("area.pick"),
        options=units,
        format_func=lambda u: f"{view.table.at[u, 'rank']}. {view.table.at[u, 'name']}",
        placeholder=ctx.tr("area.pick"),
        **bind("area_pick", "area", picked),
    )
    if picked is None:
        st.caption(ctx.tr("area.none"))
    else:
        row = view.table.loc[picked]
        n = int(view.table["rank"].notna().sum())
        st.markdown(f"**{row['name']}**")
        c1, c2 = st.columns(2)
        c1.metric(ctx.tr("tooltip.rank"), ctx.tr("tooltip.rank_of", rank=int(row["rank"]), n=n))
        c2.metric(ctx.tr("tooltip.index"), number(row["index"], 1, lang))
        st.dataframe(
            dimension_profile(view, picked, dims_names, lang),
            hide_index=True,
            width="stretch",
        )

if picked is not None:
    st.subheader(ctx.tr("area.figures", name=view.table.at[picked, "name"]))
    figures = key_figures(
        dataset, table, picked, state.level, year=state.year, sex=state.sex, lang=lang
    )
    st.dataframe(figures.drop(columns=["indicator_id"]), hide_index=True, width="stretch")
    st.caption(ctx.tr("area.figures_caption"))

st.subheader(ctx.tr("ranking.header"))
illustrative_names = {d: dims_names[d] for d in view.illustrative_dimensions}
fig = ranking_chart(
    view.table,
    view.dimensions,
    dims_names,
    illustrative=view.illustrative_dimensions,
    top_k=TOP_K,
    title=ctx.tr("ranking.chart_title"),
    x_title=ctx.tr("ranking.chart_x"),
    lang=lang,
    illustrative_label=ctx.tr("area.illustrative"),
)
st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key="ranking_chart")
st.caption(ctx.tr("ranking.chart_caption", k=TOP_K))

population = dict(
    zip(
        dataset.units.loc[dataset.units["level"] == state.level, "unit"],
        dataset.units.loc[dataset.units["level"] == state.level, "population"],
        strict=True,
    )
)
ranking = ranking_frame(
    view, dims_names, lang=lang, population=population, illustrative_names=illustrative_names
)
rank_col = ctx.tr("table.rank")
st.dataframe(
    ranking.style.apply(
        lambda r: (
            ["font-weight: bold; background-color: #fde0dd" if r[rank_col] <= TOP_K else ""]
            * len(r)
        ),
        axis=1,
    ).format(
        precision=1, decimal="," if lang == "sv" else ".", thousands=" " if lang == "sv" else ","
    ),
    hide_index=True,
    width="stretch",
    height=36 * (len(ranking) + 1) + 4,
)
st.caption(ctx.tr("table.caption"))
st.download_button(
    ctx.tr("download.csv"),
    data=to_excel_csv(ranking),
    file_name=f"omradesindex_{state.level}.csv",
    mime="text/csv",
)
st.subheader(ctx.tr("compare.header"))
rho = rank_agreement(view.table["index"], reference.values, reference.indicator)
st.markdown(ctx.tr("compare.text", rho=number(rho, 2, lang)))
st.plotly_chart(
    reference_scatter(
        view.table["index"],
        reference.values,
        dataset.unit_names(state.level),
        x_title=ctx.tr("compare.x_type" if reference.indicator == AREA_TYPE else "compare.x_share"),
        y_title=ctx.tr("tooltip.index"),
        reverse_x=reference.indicator == AREA_TYPE,
        lang=lang,
    ),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="reference_chart",
)

sync_url(ctx)

"""Compare two to four areas: dimension scores in one chart, every indicator in a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.views.charts import PLOTLY_CONFIG, area_comparison_chart
from areaindex.views.profile import compare_figures
from areaindex.views.urlstate import MAX_COMPARED
from ui import controls
from ui.core import bind, get_view, start_page, stop_page, sync_url

ctx = start_page("nav.compare_areas")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
catalogue = dataset.catalogue
names = ctx.names
dims_names = {d.id: d.name(lang) for d in catalogue.dimensions}

st.title(ctx.tr("areas.header"))
st.markdown(ctx.tr("areas.intro"))
units = list(names)
chosen = [u for u in state.areas if u in units]
st.multiselect(
    ctx.tr("areas.pick"),
    options=units,
    format_func=lambda u: names[u],
    max_selections=MAX_COMPARED,
    **bind("compare_areas", "areas", chosen),
)
chosen = list(st.session_state["compare_areas"])
if len(chosen) < 2:
    stop_page(ctx, ctx.tr("areas.too_few"))

table, view = get_view(ctx)

scores = table.scores.loc[chosen, list(view.dimensions)]
scores.index = [names[u] for u in chosen]
st.plotly_chart(
    area_comparison_chart(scores, dims_names, x_title=ctx.tr("areas.chart_x"), lang=lang),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="compare_dimensions",
)
if view.illustrative_dimensions:
    st.caption(ctx.tr("legend.illustrative"))
ranks = view.table.loc[chosen, ["rank", "index"]]
st.dataframe(
    pd.DataFrame(
        {
            ctx.tr("table.area"): [names[u] for u in chosen],
            ctx.tr("table.rank"): ranks["rank"].to_numpy(),
            ctx.tr("table.index"): [number(v, 1, lang) for v in ranks["index"]],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.subheader(ctx.tr("areas.table"))
st.dataframe(
    compare_figures(
        dataset,
        table,
        chosen,
        ctx.level_id,
        year=state.year,
        sex=state.sex,
        lang=lang,
        city=ctx.scope.city,
    ),
    hide_index=True,
    width="stretch",
)
st.caption(ctx.tr("area.figures_caption"))
sync_url(ctx)

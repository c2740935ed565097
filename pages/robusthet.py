"""How sure is the ranking: Monte-Carlo over weights, exact rank bounds, Sobol, leave one out."""

from __future__ import annotations

import streamlit as st

from areaindex.i18n import number
from areaindex.index.robustness import leave_one_out, weight_sensitivity
from areaindex.views.charts import (
    PLOTLY_CONFIG,
    rank_interval_chart,
    sensitivity_chart,
    top_k_share_chart,
)
from areaindex.views.indexview import top_units
from areaindex.views.robust_view import leave_one_out_table, statements, summary_table
from areaindex.views.urlstate import ROBUST_DRAWS, ROBUST_MODES, ROBUST_SPREADS
from ui import bounds_section, controls
from ui.core import bind, get_robustness, get_view, start_page, stop_page, sync_url

ctx = start_page("nav.robustness")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
dims_names = {d.id: d.name(lang) for d in dataset.catalogue.dimensions}
names = ctx.names

st.title(ctx.tr("robust.header"))
st.markdown(ctx.tr("robust.intro"))

table, view = get_view(ctx)
if len(view.dimensions) < 2:
    stop_page(ctx, ctx.tr("robust.single_dimension"))

c1, c2, c3, c4 = st.columns(4)
# Every setting lives in the view state, so the page's link restores it.
mode = c1.radio(
    ctx.tr("robust.mode"),
    options=list(ROBUST_MODES),
    format_func=lambda m: ctx.tr(f"robust.mode.{m}"),
    **bind("robust_mode", "robust_mode", state.robust_mode),
)
spread = c2.slider(
    ctx.tr("robust.spread"),
    min_value=ROBUST_SPREADS[0],
    max_value=ROBUST_SPREADS[-1],
    step=ROBUST_SPREADS[1] - ROBUST_SPREADS[0],
    disabled=mode == "random",
    **bind("robust_spread", "robust_spread", state.robust_spread),
)
n_units = len(view.table)
k_max = max(1, n_units - 1)
k = c3.number_input(
    ctx.tr("robust.k"),
    min_value=1,
    max_value=k_max,
    **bind("robust_k", "robust_k", min(state.robust_k, k_max)),
)
draws = c4.selectbox(
    ctx.tr("robust.draws"),
    options=list(ROBUST_DRAWS),
    format_func=lambda n: number(n, 0, lang),
    **bind("robust_draws", "robust_draws", state.robust_draws),
)

summary = get_robustness(ctx, table, k=int(k), n_draws=int(draws), mode=mode, spread=spread / 100)
for sentence in statements(summary, names, top_units(view, int(k)), k=int(k), lang=lang):
    st.markdown(sentence)

left, right = st.columns(2, gap="large")
with left:
    st.plotly_chart(
        rank_interval_chart(
            summary,
            names,
            title=ctx.tr("robust.interval_title"),
            x_title=ctx.tr("robust.interval_x"),
        ),
        width="stretch",
        config=PLOTLY_CONFIG,
        key="robust_intervals",
    )
with right:
    st.plotly_chart(
        top_k_share_chart(
            summary, names, k=int(k), title=ctx.tr("robust.chart_title", k=int(k)), lang=lang
        ),
        width="stretch",
        config=PLOTLY_CONFIG,
        key="robust_topk",
    )
st.dataframe(summary_table(summary, names, k=int(k), lang=lang), hide_index=True, width="stretch")

bounds_section.page_section(ctx, table, view, int(k))

weights = {d: float(state.weights.get(d, 0)) for d in table.scores.columns}
agg = table.method.aggregation
st.subheader(ctx.tr("robust.sobol_header"))
st.markdown(ctx.tr("robust.sobol_text"))
if spread > 0 and mode == "perturb":
    sobol = weight_sensitivity(
        table.scores,
        weights,
        spread=spread / 100,
        how=agg.across,
        min_share=agg.min_share,
        decimals=agg.decimals,
    )
    st.plotly_chart(
        sensitivity_chart(
            sobol,
            dims_names,
            total_label=ctx.tr("robust.sobol_total"),
            first_label=ctx.tr("robust.sobol_first"),
            lang=lang,
        ),
        width="stretch",
        config=PLOTLY_CONFIG,
        key="robust_sobol",
    )

st.subheader(ctx.tr("robust.loo_header"))
st.markdown(ctx.tr("robust.loo_text"))
loo = leave_one_out(
    table.scores, weights, how=agg.across, min_share=agg.min_share, decimals=agg.decimals
)
st.dataframe(
    leave_one_out_table(loo, names, dims_names, lang=lang), hide_index=True, width="stretch"
)
sync_url(ctx)

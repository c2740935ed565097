"""Compare two proposals: which areas move into or out of the top priorities."""

from __future__ import annotations

import streamlit as st

from areaindex.errors import ScoringError
from areaindex.views.charts import PLOTLY_CONFIG, bump_chart
from areaindex.views.classify import classify
from areaindex.views.indexview import index_view
from areaindex.views.scenarios import changes_table, rank_changes, summary_sentence
from ui import controls, mapping
from ui.core import bind, get_dimension_table, start_page, stop_page, sync_url
from ui.report import report_button

TOP_K = 3

ctx = start_page("nav.scenarios")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
names = ctx.names


def title_of(preset: str) -> str:
    method = ctx.presets[preset]
    return method.title.en if lang == "en" else method.title.sv


st.title(ctx.tr("scenario.header"))
st.markdown(ctx.tr("scenario.intro"))
others = [p for p in ctx.presets if p != state.preset] or list(ctx.presets)
vs = state.vs if state.vs in ctx.presets else others[0]
st.selectbox(
    ctx.tr("scenario.pick"), options=list(ctx.presets), format_func=title_of, **bind("vs", "vs", vs)
)

table_a = get_dimension_table(ctx)
method_b = ctx.presets[vs]
table_b = get_dimension_table(ctx, method=method_b)
try:
    view_a = index_view(table_a, state.weights, names, dataset.catalogue)
    view_b = index_view(table_b, method_b.weights, names, dataset.catalogue)
except ScoringError:
    stop_page(ctx, ctx.tr("weights.all_zero"))

a_title, b_title = ctx.tr("scenario.current"), title_of(vs)
changes = rank_changes(view_a, view_b, TOP_K)
st.markdown("### " + summary_sentence(changes, names, b_title, TOP_K, lang))
report_button(ctx, "comparison", key="report_comparison")
if view_a.illustrative_dimensions or view_b.illustrative_dimensions:
    st.caption(ctx.tr("legend.illustrative"))

left, right = st.columns(2, gap="medium")
for column, view, title, key in (
    (left, view_a, a_title, "map-a"),
    (right, view_b, b_title, "map-b"),
):
    with column:
        st.markdown(f"**{title}**")
        mapping.draw_map(
            ctx,
            view,
            classify(view.table["index"], state.classes).colours,
            None,
            key=key,
            height=380,
        )

st.plotly_chart(
    bump_chart(
        view_a.table["rank"],
        view_b.table["rank"],
        names,
        left_label=a_title,
        right_label=b_title,
        top_k=TOP_K,
    ),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="bump",
)
st.caption(ctx.tr("scenario.bump_caption", k=TOP_K))
st.subheader(ctx.tr("scenario.table_header"))
st.dataframe(
    changes_table(changes, a_title=a_title, b_title=b_title, k=TOP_K, lang=lang),
    hide_index=True,
    width="stretch",
)
sync_url(ctx)

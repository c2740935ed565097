"""Områdesindex Malmö — main page: weight sliders, the map of the areas, and the ranking.

Run with ``make run`` (or ``streamlit run app.py``). The other pages are in
``pages/``; all computation is in the :mod:`areaindex` package. With
``present=1`` in the URL the page is laid out for a projector.
"""

from __future__ import annotations

import streamlit as st

from areaindex.i18n import number, numbers
from areaindex.views.charts import PLOTLY_CONFIG, reference_scatter
from areaindex.views.classify import classify
from areaindex.views.profile import dimension_profile, key_figures
from areaindex.views.reference import AREA_TYPE, rank_agreement
from ui import bounds_section, controls, mapping, sections
from ui import reference_lists as reflists
from ui.core import (
    bind,
    get_reference_layer,
    get_view,
    set_state,
    start_page,
    sync_url,
    url_notices,
)
from ui.live import live_legend, live_ranking
from ui.report import report_button
from ui.share import share_panel
from ui.upload_panel import own_indicator_panel

TOP_K = 3

ctx = start_page("nav.map")
present = ctx.state.present
if present:
    sections.presentation_style()
    with st.popover(ctx.tr("present.weights")):
        ctx = controls.weight_controls(ctx, container=st.container())
        st.toggle(ctx.tr("share.present"), **bind("present", "present", True))
else:
    ctx = controls.weight_controls(ctx)
    ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
names = ctx.names
scope = ctx.scope

st.title(ctx.tr("app.title"))
if not present:
    st.caption(ctx.tr("app.tagline"))
with st.container():  # one slot, however many notices (see sections.banners)
    for notice in url_notices(ctx):
        st.warning(ctx.tr("notice.url", detail=str(notice)), icon="⚠️")

table, view = get_view(ctx)

sections.banners(ctx, view, table)
top = sections.headline(ctx, view, TOP_K)
if not present:
    report_button(ctx, "main", key="report_main")

classes = classify(view.table["index"], state.classes)
reference = get_reference_layer(ctx)
if reference.indicator == AREA_TYPE:
    ref_label, ref_title = ctx.tr("tooltip.reference_type"), ctx.tr("legend.reference_type")
    ref_text = dict(zip(reference.values.index, numbers(reference.values, 0, lang), strict=True))
else:
    ref_label, ref_title = ctx.tr("tooltip.reference_share"), ctx.tr("legend.reference_share")
    shares = numbers(reference.values, 0, lang)
    ref_text = {u: f"{v} %" for u, v in zip(reference.values.index, shares, strict=True)}
ref_note, ref_caption = ctx.tr("legend.reference_note"), ctx.tr("map.caption_reference")
# SCB's area type, unless a public list is picked (the comparison below stays with SCB).
shown = reference
listed = reflists.map_reference(ctx)
if listed is not None:
    shown, ref_label, ref_text = listed.layer, listed.tooltip_label, listed.tooltip_text
    ref_title, ref_note, ref_caption = listed.title, listed.note, listed.caption
show_reference = state.layer == "reference"

map_col, side_col = st.columns([1, 1] if present else [3, 2], gap="medium")
with map_col:
    clicked = mapping.draw_map(
        ctx,
        view,
        shown.classes.colours if show_reference else classes.colours,
        state.area,
        reference=(ref_label, ref_text),
        height=620 if present else mapping.MAP_HEIGHT,
    )
    st.caption(ref_caption if show_reference else ctx.tr("map.caption"))
    legend_col = map_col if present else side_col
if clicked is not None and clicked != state.area:
    ctx = set_state(ctx, area=clicked)
    state = ctx.state

with legend_col:
    if show_reference:
        mapping.legend(ctx, shown.classes, title=ref_title, note=ref_note, labels=shown.labels)
    else:
        live_legend(large=present)
# The ranking is drawn in the browser from the dimension scores: it follows a
# slider at once (and recolours the map) while the server reruns the page.
with side_col:
    live_ranking(
        ctx,
        table,
        k=TOP_K,
        points=mapping.view_shapes(ctx)["points"],
        reference=(ref_label, ref_text),
        recolour_map=not show_reference,
        large=present,
    )
if present:
    sync_url(ctx)
    st.stop()

with side_col:
    bounds_section.main_sentence(ctx, table, view, TOP_K)
    reflists.comparison_box(ctx, top)

with side_col:
    st.subheader(ctx.tr("area.header"))
    ranked = view.table.sort_values(["rank", "name"])
    picked = state.area if state.area in ranked.index else None
    options = ranked.index[: sections.MAX_TABLE_ROWS].tolist()
    if picked is not None and picked not in options:
        options.append(picked)
    # Ranks are floats when some area has no index (all of Sweden): show them as integers.
    labels = {
        u: f"{'–' if r != r else int(r)}. {n}"
        for u, r, n in zip(ranked.index, ranked["rank"], ranked["name"], strict=True)
    }
    st.selectbox(
        ctx.tr("area.pick"),
        options=options,
        format_func=labels.__getitem__,
        placeholder=ctx.tr("area.pick"),
        **bind("area_pick", "area", picked),
    )
    if len(options) < len(ranked):
        st.caption(ctx.tr("area.pick_top", n=sections.MAX_TABLE_ROWS))
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
            dimension_profile(view, picked, sections.dimension_names(ctx), lang),
            hide_index=True,
            width="stretch",
        )
        st.page_link("pages/omrade.py", label=ctx.tr("profile.open"))

if picked is not None:
    st.subheader(ctx.tr("area.figures", name=names[picked]))
    figures = key_figures(
        dataset,
        table,
        picked,
        scope.level,
        year=state.year,
        sex=state.sex,
        lang=lang,
        city=scope.city,
    )
    st.dataframe(figures.drop(columns=["indicator_id"]), hide_index=True, width="stretch")
    st.caption(ctx.tr("area.figures_caption"))

sections.robustness_box(ctx, view, table, top, TOP_K)
own_indicator_panel(ctx)

st.subheader(ctx.tr("ranking.header"))
sections.ranking_table_section(ctx, view, TOP_K)

st.subheader(ctx.tr("compare.header"))
rho = rank_agreement(view.table["index"], reference.values, reference.indicator)
st.markdown(ctx.tr("compare.text", rho=number(rho, 2, lang)))
# On request only: one chart less to redraw on every slider move.
if st.toggle(ctx.tr("compare.show_chart"), key="show_reference_chart"):
    st.plotly_chart(
        reference_scatter(
            view.table["index"],
            reference.values,
            names,
            x_title=ctx.tr(
                "compare.x_type" if reference.indicator == AREA_TYPE else "compare.x_share"
            ),
            y_title=ctx.tr("tooltip.index"),
            reverse_x=reference.indicator == AREA_TYPE,
            lang=lang,
        ),
        width="stretch",
        config=PLOTLY_CONFIG,
        key="reference_chart",
    )
share_panel(ctx)
sync_url(ctx)

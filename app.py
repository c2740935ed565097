"""Områdesindex Malmö — main page: weight sliders, the map of the areas, and the ranking.

Run with ``make run`` (or ``streamlit run app.py``). The other pages are in
``pages/``; all computation is in the :mod:`areaindex` package. With
``present=1`` in the URL the page is laid out for a projector.

A weight slider reruns only :func:`weighted` (an ``st.fragment``): the sliders,
banners, headline, ranking and everything below that depends on the weights.
The rest (menu, display options, title, the map frame) stays as it is; the live
component has already recoloured the map in the browser. Any other change of the
view reruns the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from areaindex.errors import ScoringError
from areaindex.i18n import number, numbers
from areaindex.views.charts import PLOTLY_CONFIG, reference_scatter
from areaindex.views.classify import classify
from areaindex.views.indexview import (
    DimensionTable,
    IndexView,
    index_view,
    rank_order,
    top_units,
)
from areaindex.views.profile import dimension_profile, key_figures
from areaindex.views.reference import AREA_TYPE, rank_agreement
from areaindex.views.urlstate import ViewState
from ui import bounds_section, controls, mapping, sections
from ui import reference_lists as reflists
from ui.core import (
    Context,
    bind,
    current,
    get_dimension_table,
    get_reference_layer,
    own_indicators,
    set_state,
    start_page,
    stop_page,
    sync_url,
    url_notices,
)
from ui.live import live_legend, live_ranking
from ui.report import report_button
from ui.share import share_link, share_panel
from ui.upload_panel import own_indicator_panel

TOP_K = 3
SHOW_TABLE_KEY = "show_ranking_table"
SHOW_CHART_KEY = "show_reference_chart"
RUN_KEY = "_map_page_runs"  # full runs of this page in the session
LATEST_KEY = "_map_page_latest"  # the view the weights drew last (see Latest)
DRAWN_KEY = "_map_page_weighted"  # (run, view apart from the weights, drawn to the end)


@dataclass(frozen=True)
class Slots:
    """Where :func:`weighted` draws, outside its own place below the map.

    Containers the full run creates in page order, so that a rerun of the
    fragment redraws each part in place.
    """

    weights: Any  # the weight sliders (sidebar, or the presentation menu)
    head: Any  # banners and headline
    side: Any  # beside the map: the ranking when presenting
    share: Any | None  # the share panel (sidebar), None when presenting
    # Beside the map, under the ranking (None when presenting): the rank-bounds
    # sentence, the top units against the public lists, and the area picker with
    # the picked area's rank.
    bounds: Any | None = None
    comparison: Any | None = None
    area: Any | None = None
    # Below the map (None when presenting): the robustness box, the ranking table
    # or its download, the index against the reference, and its chart.
    robust: Any | None = None
    table: Any | None = None
    compare: Any | None = None
    chart: Any | None = None


@dataclass
class Latest:
    """The view the weights drew last, for the downloads the full run draws.

    The report and CSV buttons do not follow the weights on screen, but what
    they save does: their data is written when clicked (in a worker thread,
    after any number of slider moves), from what this holds then.
    """

    drawn: tuple[Context, IndexView] | None = None

    def state(self) -> ViewState:
        """The view state drawn last."""
        assert self.drawn is not None
        return self.drawn[0].state

    def ranking(self) -> pd.DataFrame:
        """The ranking table drawn last (as the CSV file has it)."""
        assert self.drawn is not None
        return sections.ranking_table(*self.drawn)


@dataclass(frozen=True)
class MapReference:
    """What the map's reference line and layer say; it does not depend on the weights."""

    layer: Any  # areaindex.views.reference.ReferenceLayer (SCB's area type)
    shown: Any  # the layer drawn: SCB's area type or a public list
    label: str
    text: dict[str, str]
    title: str
    note: str
    caption: str


def map_reference(ctx: Context) -> MapReference:
    """The reference layer, its tooltip line, legend title and note, and the map caption."""
    reference = get_reference_layer(ctx)
    lang = ctx.lang
    if reference.indicator == AREA_TYPE:
        label, title = ctx.tr("tooltip.reference_type"), ctx.tr("legend.reference_type")
        text = dict(zip(reference.values.index, numbers(reference.values, 0, lang), strict=True))
    else:
        label, title = ctx.tr("tooltip.reference_share"), ctx.tr("legend.reference_share")
        shares = numbers(reference.values, 0, lang)
        text = {u: f"{v} %" for u, v in zip(reference.values.index, shares, strict=True)}
    note, caption = ctx.tr("legend.reference_note"), ctx.tr("map.caption_reference")
    # SCB's area type, unless a public list is picked (the comparison below stays with SCB).
    shown = reference
    listed = reflists.map_reference(ctx)
    if listed is not None:
        shown, label, text = listed.layer, listed.tooltip_label, listed.tooltip_text
        title, note, caption = listed.title, listed.note, listed.caption
    return MapReference(reference, shown, label, text, title, note, caption)


def try_view(ctx: Context, table: DimensionTable) -> IndexView | None:
    """The index for the current weights, or None when every weight is zero."""
    try:
        return index_view(table, ctx.state.weights, ctx.names, ctx.dataset.catalogue)
    except ScoringError:
        return None


def view_key(ctx: Context) -> tuple:
    """Everything a full run draws from, apart from the weights."""
    return (
        replace(ctx.state, weights={}),
        tuple(o.key for o in own_indicators()),
        tuple(ctx.presets),
    )


@st.fragment
def weighted(ctx: Context, table: DimensionTable, ref: MapReference, slots: Slots) -> None:
    """Everything that depends on the weights; a weight slider reruns only this.

    On such a rerun the arguments are those of the last full run, so anything
    else that changed (preset, official-only, area, layer ...), and a view the
    full page draws differently (every weight zero, no index), reruns the page.
    """
    ctx = current(ctx)
    run = st.session_state.get(RUN_KEY)
    last = st.session_state.get(DRAWN_KEY)
    script = get_script_run_ctx()
    alone = bool(script and script.fragment_ids_this_run)  # this fragment, not the page
    key = view_key(ctx)
    if alone and (last is None or last[0] != run or not last[2] or last[1] != key):
        st.rerun()
    st.session_state[DRAWN_KEY] = (run, key, False)
    present = ctx.state.present
    ctx = controls.weight_sliders(ctx, slots.weights)
    view = try_view(ctx, table)
    if alone and (view is None or not top_units(view, TOP_K)):
        st.rerun()  # the full page says why there is no map
    if view is not None:
        st.session_state[LATEST_KEY].drawn = (ctx, view)
    with slots.head:
        if view is None:
            stop_page(ctx, ctx.tr("weights.all_zero"))
        sections.banners(ctx, view, table)
        top = sections.headline(ctx, view, TOP_K)

    if present:
        # The sliders are in a menu that is closed most of the time, so the
        # ranking must carry the weights the server has (see ranking_beside_map).
        with slots.side:
            ranking_beside_map(ctx, table, ref)
        sync_url(ctx)
        st.session_state[DRAWN_KEY] = (run, key, True)
        return

    bounds_section.main_sentence(ctx, table, view, TOP_K, slots.bounds)
    reflists.comparison_box(ctx, top, slots.comparison)
    with slots.area:
        area_picker(ctx, view)

    with slots.robust:
        sections.robustness_box(ctx, view, table, top, TOP_K)
    if st.session_state.get(SHOW_TABLE_KEY):
        with slots.table:
            sections.ranking_table_section(ctx, view, TOP_K)
    reference = ref.layer
    rho = rank_agreement(view.table["index"], reference.values, reference.indicator)
    with slots.compare:
        st.markdown(ctx.tr("compare.text", rho=number(rho, 2, ctx.lang)))
    if st.session_state.get(SHOW_CHART_KEY):
        with slots.chart:
            st.plotly_chart(
                reference_scatter(
                    view.table["index"],
                    reference.values,
                    ctx.names,
                    x_title=ctx.tr(
                        "compare.x_type" if reference.indicator == AREA_TYPE else "compare.x_share"
                    ),
                    y_title=ctx.tr("tooltip.index"),
                    reverse_x=reference.indicator == AREA_TYPE,
                    lang=ctx.lang,
                ),
                width="stretch",
                config=PLOTLY_CONFIG,
                key="reference_chart",
            )
    share_link(ctx, slots.share)
    sync_url(ctx)
    st.session_state[DRAWN_KEY] = (run, key, True)


def picked_figures(ctx: Context, table: DimensionTable, view: IndexView) -> None:
    """The picked area's key figures (they do not depend on the weights)."""
    state = ctx.state
    picked = state.area if state.area in view.table.index else None
    if picked is None:
        return
    st.subheader(ctx.tr("area.figures", name=ctx.names[picked]))
    figures = key_figures(
        ctx.dataset,
        table,
        picked,
        ctx.scope.level,
        year=state.year,
        sex=state.sex,
        lang=ctx.lang,
        city=ctx.scope.city,
    )
    st.dataframe(figures.drop(columns=["indicator_id"]), hide_index=True, width="stretch")
    st.caption(ctx.tr("area.figures_caption"))


def ranking_beside_map(ctx: Context, table: DimensionTable, ref: MapReference) -> None:
    """The ranking, drawn in the browser from the dimension scores.

    It follows a slider at once (and recolours the map), from the values of
    the sliders on the page; its data says what else the view is. So the full
    run draws it, and a slider move does not send it again, unless the sliders
    are not always on the page (presenting: they are in a menu), when the
    weights it falls back on must be the server's latest.
    """
    live_ranking(
        ctx,
        table,
        k=TOP_K,
        points=mapping.view_shapes(ctx)["points"],
        reference=(ref.label, ref.text),
        recolour_map=ctx.state.layer != "reference",
        large=ctx.state.present,
    )


def map_legend(ctx: Context, ref: MapReference) -> None:
    """The map's legend: drawn in the browser from the live ranking's view, or the reference's."""
    if ctx.state.layer == "reference":
        mapping.legend(
            ctx, ref.shown.classes, title=ref.title, note=ref.note, labels=ref.shown.labels
        )
    else:
        live_legend(large=ctx.state.present)


def area_frame(ctx: Context, view: IndexView) -> Any:
    """The area section's heading, captions and profile link around a slot for the picker.

    None of them depends on the weights; :func:`area_picker` draws in the slot.
    """
    st.subheader(ctx.tr("area.header"))
    slot = st.container()
    if len(view.table) > sections.MAX_TABLE_ROWS:
        st.caption(ctx.tr("area.pick_top", n=sections.MAX_TABLE_ROWS))
    if ctx.state.area in view.table.index:
        st.page_link("pages/omrade.py", label=ctx.tr("profile.open"))
    else:
        st.caption(ctx.tr("area.none"))
    return slot


def area_picker(ctx: Context, view: IndexView) -> None:
    """The area picker (areas in rank order) and the picked area's rank, index and profile."""
    state, lang = ctx.state, ctx.lang
    ranks = view.table["rank"].to_numpy(dtype=float, na_value=float("nan"))
    names, units = view.table["name"].tolist(), view.table.index.tolist()
    order = rank_order(ranks, names)
    picked = state.area if state.area in view.table.index else None
    options = [units[i] for i in order[: sections.MAX_TABLE_ROWS]]
    if picked is not None and picked not in options:
        options.append(picked)
    # Ranks are floats when some area has no index (all of Sweden): show them as integers.
    labels = {
        units[i]: f"{'–' if ranks[i] != ranks[i] else int(ranks[i])}. {names[i]}" for i in order
    }
    st.selectbox(
        ctx.tr("area.pick"),
        options=options,
        format_func=labels.__getitem__,
        placeholder=ctx.tr("area.pick"),
        **bind("area_pick", "area", picked),
    )
    if picked is None:
        return
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


# The full run: what does not depend on the weights, and containers for what does.
st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1
ctx = start_page("nav.map")
present = ctx.state.present
# The weight controls around a slot for the sliders: only the sliders follow a move.
if present:
    sections.presentation_style()
    menu = st.popover(ctx.tr("present.weights"))
    controls.weight_options(ctx, menu)
    weights_slot = menu.container()
    controls.weight_reset(ctx, menu)
    menu.toggle(ctx.tr("share.present"), **bind("present", "present", True))
    share_slot = None
else:
    controls.weight_options(ctx, st.sidebar)
    weights_slot = st.sidebar.container()
    controls.weight_reset(ctx, st.sidebar)
    ctx = controls.display_controls(ctx)
    share_slot = st.sidebar.container()  # the share panel, once the view is known
state = ctx.state

st.title(ctx.tr("app.title"))
if not present:
    st.caption(ctx.tr("app.tagline"))
with st.container():  # one slot, however many notices (see sections.banners)
    for notice in url_notices(ctx):
        st.warning(ctx.tr("notice.url", detail=str(notice)), icon="⚠️")
head = st.container()

table = get_dimension_table(ctx)
view = try_view(ctx, table)
drawable = view is not None and bool(top_units(view, TOP_K))
# Filled by the fragment below, which every full run runs too.
latest = st.session_state.setdefault(LATEST_KEY, Latest())
if drawable and not present:
    # Under the headline; the PDF is of the weights on screen when clicked.
    report_button(ctx, "main", key="report_main", state_now=latest.state)
ref = map_reference(ctx)
show_reference = state.layer == "reference"
map_col, side_col = st.columns([1, 1] if present else [3, 2], gap="medium")
# Beside and below the map, what does not follow the weights is drawn here,
# around slots for what does (a slider move redraws only those).
below: dict[str, Any] = {}
# No map when the page stops above it (every weight zero, or no index): the
# fragment below says why.
if drawable:
    classes = classify(view.table["index"], state.classes)
    with map_col:
        clicked = mapping.draw_map(
            ctx,
            view,
            ref.shown.classes.colours if show_reference else classes.colours,
            state.area,
            reference=(ref.label, ref.text),
            height=620 if present else mapping.MAP_HEIGHT,
        )
        st.caption(ref.caption if show_reference else ctx.tr("map.caption"))
        if present:
            map_legend(ctx, ref)
    if clicked is not None and clicked != state.area:
        ctx = set_state(ctx, area=clicked)
    if not present:
        with side_col:
            map_legend(ctx, ref)
            ranking_beside_map(ctx, table, ref)
            below["bounds"] = bounds_section.sentence_frame(ctx, table)
            below["comparison"] = reflists.comparison_frame(ctx)
            below["area"] = area_frame(ctx, view)
if not present and drawable:
    share_slot = share_panel(ctx, share_slot)
    picked_figures(ctx, table, view)
    below["robust"] = sections.robustness_frame(ctx)
    st.subheader(ctx.tr("ranking.header"))
    # On request: the table is most of what a slider move costs the server (and
    # the browser), and the ranking itself is beside the map.
    st.toggle(ctx.tr("table.show"), key=SHOW_TABLE_KEY)
    if not st.session_state.get(SHOW_TABLE_KEY):
        sections.table_hidden_note(ctx)
        sections.ranking_download(ctx, latest.ranking)
    below["table"] = st.container()
    st.subheader(ctx.tr("compare.header"))
    below["compare"] = st.container()
    # On request only: one chart less to redraw on every slider move.
    st.toggle(ctx.tr("compare.show_chart"), key=SHOW_CHART_KEY)
    below["chart"] = st.container()
weighted(
    ctx,
    table,
    ref,
    Slots(
        weights=weights_slot,
        head=head,
        side=side_col,
        share=share_slot,
        **below,
    ),
)
# Below everything the weights change, drawn by the full run only: its widgets
# change the page (a full rerun), and a slider move does not redraw it.
if not present:
    own_indicator_panel(ctx)

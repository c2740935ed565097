"""The sidebar: preset, weight sliders (with their share of the index) and display options.

Every widget is bound to the view state (see :func:`ui.core.bind`), so the view
survives page switches and lives in the URL.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from areaindex.i18n import number
from areaindex.index.index_rules import slider_weights, weight_shares
from areaindex.store.divisions import LEVEL_IDS
from areaindex.views.indexview import effective_method
from areaindex.views.scope import MALMO, SWEDEN, kommun_names
from areaindex.views.urlstate import CLASSIFICATIONS, LAYERS, SEXES, ViewState
from ui.core import STATE_KEY, Context, bind, current, present_indicators
from ui.reference_lists import reference_picker

WEIGHT_KEY = "w_{}"


def _preset_weights(ctx: Context, preset: str) -> dict[str, int]:
    method = ctx.presets[preset]
    return slider_weights(method.weights, [d.id for d in ctx.dataset.catalogue.dimensions])


def _on_preset_change(ctx: Context) -> None:
    preset = st.session_state["preset"]
    state: ViewState = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(
        state, preset=preset, weights=_preset_weights(ctx, preset)
    )


def _on_reset(ctx: Context) -> None:
    state: ViewState = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(
        state,
        preset=ctx.defaults.preset,
        official_only=False,
        weights=_preset_weights(ctx, ctx.defaults.preset),
    )


def weight_controls(ctx: Context, container: object | None = None) -> Context:
    """Preset, one slider per dimension, the resulting percentages, official-only switch.

    Drawn in the sidebar, or in ``container`` (presentation mode puts them in a
    menu above the map). The map page draws the three parts apart, so that a
    slider move redraws only the sliders.
    """
    sidebar = container if container is not None else st.sidebar
    weight_options(ctx, sidebar)
    ctx = weight_sliders(ctx, sidebar)
    weight_reset(ctx, sidebar)
    return ctx


def weight_options(ctx: Context, container: object) -> None:
    """Above the sliders: the preset to start from, its description, the official-only switch."""
    lang, state = ctx.lang, ctx.state
    st.session_state["preset"] = state.preset
    container.selectbox(
        "Förslag att utgå från" if lang == "sv" else "Proposal to start from",
        options=list(ctx.presets),
        format_func=lambda pid: (
            ctx.presets[pid].title.en if lang == "en" else ctx.presets[pid].title.sv
        ),
        key="preset",
        on_change=_on_preset_change,
        args=(ctx,),
    )
    method = ctx.presets[state.preset]
    container.caption(method.description.en if lang == "en" else method.description.sv)
    container.subheader(ctx.tr("weights.header"), help=ctx.tr("weights.help"))
    only_official = ctx.scope.official_only  # outside Malmö nothing else exists
    container.toggle(
        ctx.tr("options.official_only"),
        help=ctx.tr("options.official_only_help"),
        disabled=only_official,
        **bind("official_only", "official_only", state.official_only or only_official),
    )


def weight_sliders(ctx: Context, container: object) -> Context:
    """One slider per dimension, its label carrying its share of the index."""
    lang, state = ctx.lang, ctx.state
    catalogue = ctx.dataset.catalogue
    method = ctx.presets[state.preset]
    # Indicators without values here (Malmö's own figures elsewhere) are out of play.
    present = present_indicators(ctx)
    effective = effective_method(
        method, catalogue, state.official_only or ctx.scope.official_only, present=present
    )
    in_play = set(effective.dimension_ids)
    weights = {d.id: int(state.weights.get(d.id, 0)) for d in catalogue.dimensions}
    shares = weight_shares({d: (w if d in in_play else 0) for d, w in weights.items()})
    official = {ind.dimension for ind in catalogue.indicators if not ind.illustrative}
    for dim in catalogue.dimensions:
        marker = "" if dim.id in official else f" ({ctx.tr('area.illustrative')})"
        share = (
            ctx.tr("weights.none_official")
            if dim.id not in in_play
            else ctx.tr("weights.share", share=f"{shares[dim.id]:.0f}")
        )
        container.slider(
            f"{dim.name(lang)}{marker} · {share}",
            min_value=0,
            max_value=10,
            # The view state (bind) decides the value; giving it here as well
            # spares Streamlit a copy of the whole session state per slider.
            value=weights[dim.id],
            step=1,
            disabled=dim.id not in in_play,
            help=dim.description(lang),
            **bind(WEIGHT_KEY.format(dim.id), f"weights.{dim.id}", weights[dim.id]),
        )
    return current(ctx)


def weight_reset(ctx: Context, container: object) -> None:
    """Below the sliders: back to the city office's proposal."""
    container.button(ctx.tr("weights.reset"), on_click=_on_reset, args=(ctx,))


def _on_year_change() -> None:
    state: ViewState = st.session_state[STATE_KEY]
    year = st.session_state["year"]
    st.session_state[STATE_KEY] = replace(state, year=None if year == "latest" else int(year))


def _on_kommun_change() -> None:
    state: ViewState = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(
        state, kommun=st.session_state["kommun"], area=None, areas=()
    )


def _on_level_change() -> None:
    state: ViewState = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(state, level=st.session_state["level"], area=None)


def display_controls(ctx: Context) -> Context:
    """Geographic level, classification and background map."""
    lang, state = ctx.lang, ctx.state
    sidebar = st.sidebar
    sidebar.subheader(ctx.tr("options.header"))
    names = kommun_names(ctx.dataset)
    st.session_state["kommun"] = state.kommun
    sidebar.selectbox(
        ctx.tr("options.kommun"),
        options=[MALMO, SWEDEN, *[k for k in names if k != MALMO]],
        format_func=lambda k: ctx.tr("options.kommun.sverige") if k == SWEDEN else names[k],
        key="kommun",
        on_change=_on_kommun_change,
        help=ctx.tr("options.kommun_help"),
    )
    if state.kommun == MALMO:
        st.session_state["level"] = state.level
        sidebar.selectbox(
            ctx.tr("map.level"),
            options=list(LEVEL_IDS),
            format_func=lambda lvl: ctx.dataset.level(lvl).name(lang),
            key="level",
            on_change=_on_level_change,
        )
    else:
        # Elsewhere RegSO is the only level: show it (the view keeps Malmö's
        # level for a return to Malmö).
        count = number(len(ctx.names), 0, lang)
        sidebar.selectbox(
            ctx.tr("map.level"),
            options=["regso"],
            format_func=lambda _: ctx.tr("options.level_regso", n=count),
            key="level_elsewhere",
            disabled=True,
        )
        sidebar.caption(ctx.tr("options.level_only_malmo"))
    # "latest" rather than None: a selectbox shows None as "nothing chosen".
    st.session_state["year"] = "latest" if state.year is None else state.year
    sidebar.selectbox(
        ctx.tr("options.year"),
        options=["latest", *ctx.dataset.years()],
        format_func=lambda y: ctx.tr("options.year.latest") if y == "latest" else str(y),
        help=ctx.tr("options.year_help"),
        key="year",
        on_change=_on_year_change,
    )
    sidebar.segmented_control(
        ctx.tr("options.sex"),
        options=list(SEXES),
        format_func=lambda sex: ctx.tr(f"sex.{sex}"),
        help=ctx.tr("options.sex_help"),
        **bind("sex", "sex", state.sex),
    )
    sidebar.radio(
        ctx.tr("options.layer"),
        options=list(LAYERS),
        format_func=lambda layer: ctx.tr(f"options.layer.{layer}"),
        **bind("layer", "layer", state.layer),
    )
    reference_picker(ctx, sidebar)
    sidebar.radio(
        ctx.tr("options.classes"),
        options=list(CLASSIFICATIONS),
        format_func=lambda c: ctx.tr(f"options.classes.{c}"),
        **bind("classes", "classes", state.classes),
    )
    sidebar.toggle(
        ctx.tr("options.basemap"),
        help=ctx.tr("options.basemap_help"),
        **bind("basemap", "basemap", state.basemap),
    )
    return current(ctx)

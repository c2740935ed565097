"""The sidebar: preset, weight sliders (with their share of the index) and display options.

Widget values are seeded from the view state, and the view state is rebuilt
from the widgets after they are drawn, so the state survives page switches
(Streamlit forgets the values of widgets that a page does not draw).
"""

from __future__ import annotations

import streamlit as st

from areaindex.divisions import LEVEL_IDS
from areaindex.indexview import effective_method, weight_shares
from areaindex.urlstate import CLASSIFICATIONS, LANGS
from ui.core import Context, set_state

WEIGHT_KEY = "w_{}"


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _apply_preset_weights(ctx: Context, preset: str) -> None:
    method = ctx.presets[preset]
    for dim in ctx.dataset.catalogue.dimensions:
        st.session_state[WEIGHT_KEY.format(dim.id)] = round(method.weights.get(dim.id, 0))


def _on_preset_change(ctx: Context) -> None:
    _apply_preset_weights(ctx, st.session_state["preset"])


def _on_reset(ctx: Context) -> None:
    st.session_state["preset"] = ctx.defaults.preset
    st.session_state["official_only"] = False
    _apply_preset_weights(ctx, ctx.defaults.preset)


def language_control(ctx: Context) -> Context:
    """Language choice (Swedish first)."""
    _seed("lang", ctx.state.lang)
    lang = st.sidebar.segmented_control(
        ctx.tr("options.language"),
        options=list(LANGS),
        format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
        key="lang",
    )
    return set_state(ctx, lang=lang or ctx.state.lang)


def weight_controls(ctx: Context) -> Context:
    """Preset, one slider per dimension, the resulting percentages, official-only switch."""
    lang = ctx.lang
    catalogue = ctx.dataset.catalogue
    sidebar = st.sidebar
    _seed("preset", ctx.state.preset)
    _seed("official_only", ctx.state.official_only)
    for dim in catalogue.dimensions:
        _seed(WEIGHT_KEY.format(dim.id), int(ctx.state.weights.get(dim.id, 0)))

    sidebar.selectbox(
        "Förslag att utgå från" if lang == "sv" else "Proposal to start from",
        options=list(ctx.presets),
        format_func=lambda pid: (
            ctx.presets[pid].title.en if lang == "en" else ctx.presets[pid].title.sv
        ),
        key="preset",
        on_change=_on_preset_change,
        args=(ctx,),
    )
    method = ctx.presets[st.session_state["preset"]]
    sidebar.caption(method.description.en if lang == "en" else method.description.sv)

    sidebar.subheader(ctx.tr("weights.header"), help=ctx.tr("weights.help"))
    official_only = sidebar.toggle(
        ctx.tr("options.official_only"),
        key="official_only",
        help=ctx.tr("options.official_only_help"),
    )
    effective = effective_method(method, catalogue, official_only)
    in_play = set(effective.dimension_ids)
    weights = {
        dim.id: int(st.session_state[WEIGHT_KEY.format(dim.id)]) for dim in catalogue.dimensions
    }
    shares = weight_shares({d: (w if d in in_play else 0) for d, w in weights.items()})
    official = {ind.dimension for ind in catalogue.indicators if not ind.illustrative}
    for dim in catalogue.dimensions:
        key = WEIGHT_KEY.format(dim.id)
        name = dim.name(lang)
        marker = "" if dim.id in official else f" ({ctx.tr('area.illustrative')})"
        share = (
            ctx.tr("weights.none_official")
            if dim.id not in in_play
            else ctx.tr("weights.share", share=_percent(shares[dim.id]))
        )
        sidebar.slider(
            f"{name}{marker} · {share}",
            min_value=0,
            max_value=10,
            step=1,
            key=key,
            disabled=dim.id not in in_play,
            help=dim.description(lang),
        )
    sidebar.button(ctx.tr("weights.reset"), on_click=_on_reset, args=(ctx,))
    return set_state(
        ctx,
        preset=st.session_state["preset"],
        official_only=official_only,
        weights=weights,
    )


def display_controls(ctx: Context) -> Context:
    """Geographic level, classification and background map."""
    lang = ctx.lang
    sidebar = st.sidebar
    sidebar.subheader(ctx.tr("options.header"))
    _seed("level", ctx.state.level)
    _seed("classes", ctx.state.classes)
    _seed("basemap", ctx.state.basemap)
    level = sidebar.selectbox(
        ctx.tr("map.level"),
        options=list(LEVEL_IDS),
        format_func=lambda lvl: ctx.dataset.level(lvl).name(lang),
        key="level",
    )
    classes = sidebar.radio(
        ctx.tr("options.classes"),
        options=list(CLASSIFICATIONS),
        format_func=lambda c: ctx.tr(f"options.classes.{c}"),
        key="classes",
    )
    basemap = sidebar.toggle(
        ctx.tr("options.basemap"), key="basemap", help=ctx.tr("options.basemap_help")
    )
    area = ctx.state.area if level == ctx.state.level else None
    return set_state(ctx, level=level, classes=classes, basemap=basemap, area=area)


def _percent(value: float) -> str:
    """A share in whole percent, Swedish style (no decimals needed for 0–10 sliders)."""
    return f"{value:.0f}"

"""Public lists on the page: the reference-layer choice, map layer, sentences and data page.

All logic is in :mod:`areaindex.views.reference_lists`; this module only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from areaindex.store.reference_lists import SCB, code_of
from areaindex.views.reference import ReferenceLayer
from areaindex.views.reference_lists import (
    ComparisonBasis,
    category_label,
    compare_with,
    comparison_basis,
    reference_choices,
    reference_lists,
)
from ui.core import STATE_KEY, Context, get_dataset, get_list_layer
from ui.memo import memo

PICK_KEY = "reference_pick"


def _on_pick() -> None:
    # Picking a reference means wanting to see it: switch the map to the reference layer.
    state = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(state, ref=st.session_state[PICK_KEY], layer="reference")


def reference_picker(ctx: Context, container: object | None = None) -> None:
    """Which reference the map shows: SCB's area type, a Police list-year, Områdesprogrammet."""
    box = container if container is not None else st.sidebar
    if not ctx.scope.is_malmo:
        box.caption(ctx.tr("reflists.only_malmo"))
        return
    lists = {r.id: r for r in reference_lists(ctx.dataset, ctx.lang)}

    def label(ref: str) -> str:
        if ref == SCB:
            return ctx.tr("reflists.option.scb")
        return ctx.tr("reflists.option.list", name=lists[ref].name, label=lists[ref].label)

    st.session_state[PICK_KEY] = ctx.state.ref
    box.selectbox(
        ctx.tr("reflists.pick"),
        options=reference_choices(ctx.dataset),
        format_func=label,
        help=ctx.tr("reflists.pick_help"),
        key=PICK_KEY,
        on_change=_on_pick,
    )


@dataclass(frozen=True)
class MapReference:
    """What the map, its tooltip and its legend show for a public list."""

    layer: ReferenceLayer
    tooltip_label: str
    tooltip_text: dict[str, str]
    title: str
    note: str
    caption: str


def map_reference(ctx: Context) -> MapReference | None:
    """The chosen list as a map layer, or None when SCB's area type is the reference."""
    layer = get_list_layer(ctx)
    if layer is None:
        return None
    info = {r.id: r for r in reference_lists(ctx.dataset, ctx.lang)}[ctx.state.ref]
    text = {u: category_label(int(v), ctx.lang) for u, v in layer.values.items()}
    rule = "" if ctx.scope.level == "regso" else ctx.tr("reflists.area_rule")
    return MapReference(
        layer=layer,
        tooltip_label=ctx.tr("reflists.tooltip", short=info.short, label=info.label),
        tooltip_text=text,
        title=ctx.tr("reflists.legend_title", name=info.name, label=info.label),
        note=ctx.tr(
            "reflists.legend_note",
            source=info.source,
            label=info.label,
            list_note=info.list_note,
            area_rule=rule,
            note=info.note,
        ),
        caption=ctx.tr("reflists.map_caption", short=info.short, label=info.label),
    )


@memo(max_entries=64)
def _comparison_basis(level: str, lang: str, police: str | None) -> ComparisonBasis:
    """The lists' units for Malmö at ``level``, shared by every session and every move.

    A slider move changes only the top units; comparing them is set lookups.
    """
    return comparison_basis(get_dataset(), level, lang, police=police)


def _basis(ctx: Context) -> ComparisonBasis:
    police = ctx.state.ref if ctx.state.ref.startswith("polisen-") else None
    if ctx.dataset is get_dataset():
        return _comparison_basis(ctx.scope.level, ctx.lang, police)
    return comparison_basis(ctx.dataset, ctx.scope.level, ctx.lang, police=police)


def comparison_frame(ctx: Context) -> object | None:
    """The comparison box's border and caption around a slot; None outside Malmö.

    Neither depends on the weights: the full page run draws them, and
    :func:`comparison_box` draws the sentences in the slot on every slider move.
    """
    if not ctx.scope.is_malmo:
        return None
    basis = _basis(ctx)
    with st.container(border=True, key="reference-comparison"):
        slot = st.container()
        note = next((entry[3] for entry in basis.lists if entry[0].startswith("polisen-")), "")
        regso = ctx.scope.level == "regso"
        st.caption(ctx.tr("reflists.caption_regso" if regso else "reflists.caption", note=note))
    return slot


def comparison_box(ctx: Context, top: list[str], slot: object | None) -> None:
    """One plain sentence per list and for SCB's area type, for the current top units.

    In ``slot`` (from :func:`comparison_frame`); nothing when there is none.
    """
    if slot is None or not top:
        return
    comparisons = compare_with(_basis(ctx), top)
    # One element for the header and the list: fewer messages per slider move.
    items = "\n".join(f"- {c.sentence}" for c in comparisons)
    with slot:
        st.markdown(f"**{ctx.tr('reflists.header')}**\n\n{items}")


def data_section(ctx: Context) -> None:
    """The data page: what the lists are, what is missing, and the RegSO key."""
    st.subheader(ctx.tr("reflists.data_header"))
    st.markdown(ctx.tr("reflists.data_text"))
    areas = ctx.dataset.reference_areas
    st.markdown(f"**{ctx.tr('reflists.data_years')}**")
    rows, notes = [], []
    every = reference_lists(ctx.dataset, ctx.lang, named_only=False)
    for r in every:
        mine = areas[areas["id"] == r.id]
        rows.append(
            {
                ctx.tr("reflists.col.list"): r.name,
                ctx.tr("reflists.col.year"): r.label,
                ctx.tr("reflists.col.areas"): ", ".join(sorted(mine["area"].unique())) or "–",
                ctx.tr("reflists.col.regso"): mine["regso"].nunique(),
            }
        )
        notes.append(f"- **{r.name} {r.label}:** {r.note} {r.source}.")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown("\n".join(notes))
    st.markdown(f"**{ctx.tr('reflists.data_key')}**")
    names = ctx.dataset.unit_names("regso")
    key = pd.DataFrame(
        {
            ctx.tr("reflists.col.list"): areas["id"].map(
                {r.id: f"{r.short} {r.label}" for r in every}
            ),
            ctx.tr("reflists.col.area"): areas["area"],
            ctx.tr("reflists.col.category"): [
                category_label(code_of(c if ok else "unconfirmed"), ctx.lang)
                for c, ok in zip(areas["category"], areas["confirmed"], strict=True)
            ],
            ctx.tr("reflists.col.regso"): areas["regso"].map(names),
            ctx.tr("reflists.col.match"): areas["match"],
        }
    )
    st.dataframe(key, hide_index=True, width="stretch")

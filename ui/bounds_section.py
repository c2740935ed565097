"""Exact best and worst rank on the pages: the sentence beside the map, the robustness section.

All logic is in :mod:`areaindex.index.bounds` and :mod:`areaindex.views.bounds_view`; this
module lays it out and applies a witness weighting to the sliders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.index.bounds import (
    BoundsUnavailable,
    RankBounds,
    cached_rank_bounds,
    rank_bounds,
)
from areaindex.views.bounds_view import (
    MAX_UNITS,
    Headline,
    Witness,
    bounds_chart,
    bounds_frame,
    group_sentences,
    headline,
    slider_witness,
)
from areaindex.views.export import to_excel_csv
from areaindex.views.indexview import DimensionTable, IndexView
from ui.core import STATE_KEY, Context, bind
from ui.memo import memo

APPLIED_KEY = "_bounds_applied"


@memo(max_entries=4096)
def _unit_bounds(_scores: pd.DataFrame, digest: str, how: str, unit: str) -> RankBounds:
    """One unit's bounds over every weighting, shared by every session.

    Keyed by a digest of the scores themselves: a slider move that brings a unit
    into the top k computes its bounds once, whichever units stand beside it.
    """
    return rank_bounds(_scores, None, how=how, units=[unit])


@memo(max_entries=1024)
def _top_bounds(_scores: pd.DataFrame, digest: str, how: str, units: tuple[str, ...]) -> RankBounds:
    """The bounds of ``units`` merged from their own (see :func:`_unit_bounds`), kept
    for the next move that leaves the top units as they are."""
    return merge_unit_bounds({u: _unit_bounds(_scores, digest, how, u) for u in units})


@memo(max_entries=4096)
def _headline(
    _summary: pd.DataFrame,
    digest: str,
    how: str,
    units: tuple[str, ...],
    ranks: tuple[int, ...],
    names: tuple[str, ...],
    k: int,
    lang: str,
) -> Headline | None:
    """:func:`headline` for the top ``units`` (their bounds: ``digest``, ``how``, ``units``)."""
    current = pd.Series(ranks, index=list(units), dtype=float)
    return headline(_summary, current, dict(zip(units, names, strict=True)), k=k, lang=lang)


def scores_digest(scores: pd.DataFrame) -> str:
    """A digest of a score table: its values, unit ids and dimensions."""
    digest = hashlib.sha256(np.ascontiguousarray(scores.to_numpy(dtype=float)).tobytes())
    for part in (scores.shape, scores.index.name, *scores.index, "\0", *scores.columns):
        digest.update(repr(part).encode("utf-8") + b"\0")
    return digest.hexdigest()


def merge_unit_bounds(parts: Mapping[str, RankBounds]) -> RankBounds:
    """One :class:`RankBounds` from per-unit results (unit -> its own result).

    Each unit's ranks over every weighting do not depend on which other units'
    bounds are asked for (all units count as rivals), so the merged summary
    equals a single call for those units; only the witnesses may be other
    weightings that give the same ranks.
    """
    first = next(iter(parts.values()))
    ids = first.summary.index

    def rows(attribute: str) -> pd.DataFrame:
        return pd.concat(
            [getattr(result, attribute).loc[[u]] for u, result in parts.items()]
        ).reindex(ids)

    return RankBounds(
        rows("summary"), rows("best_weights"), rows("worst_weights"), first.eps, first.how
    )


def _bounds(
    ctx: Context,
    table: DimensionTable,
    free: tuple[str, ...] | None = None,
    around: float | None = None,
    units: tuple[str, ...] | None = None,
    digest: str | None = None,
) -> RankBounds | None:
    """The bounds (cached per scores and region), or None after saying why not."""
    if len(table.scores) > MAX_UNITS:
        st.caption(ctx.tr("bounds.too_many", n=MAX_UNITS))
        return None
    weights = {d: float(ctx.state.weights.get(d, 0)) for d in table.scores.columns}
    how = table.method.aggregation.across
    try:
        if free is None and around is None and units:
            # A few units' bounds, well under a second even when new (a spinner shows
            # only after half a second, and costs a thread and a message per move).
            digest = digest or scores_digest(table.scores)
            return _top_bounds(table.scores, digest, how, units)
        with st.spinner(ctx.tr("bounds.header")):
            return cached_rank_bounds(
                table.scores, weights, how=how, free=free, around=around, units=units
            )
    except BoundsUnavailable as exc:
        st.info(ctx.tr("bounds.unavailable", detail=exc.message), icon="ℹ️")
        return None
    except RuntimeError:
        # The solver failed or a witness did not check out: say so, never guess.
        st.warning(ctx.tr("bounds.failed"), icon="⚠️")
        return None


def _apply(weights: dict[str, int], name: str, rank: int) -> None:
    state = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(state, weights={**state.weights, **weights})
    st.session_state[APPLIED_KEY] = (name, rank)


def applied_notice(ctx: Context) -> None:
    """Say once which weighting a witness button set."""
    applied = st.session_state.pop(APPLIED_KEY, None)
    if applied is not None:
        st.success(ctx.tr("bounds.applied", name=applied[0], rank=applied[1]), icon="⚖️")


def witness_button(
    ctx: Context,
    table: DimensionTable,
    result: RankBounds,
    witness: Witness,
    *,
    key: str,
    free: tuple[str, ...] | None = None,
    around: float | None = None,
) -> None:
    """A button that sets the sliders to a weighting giving ``witness.unit`` its bound."""
    names = ctx.names
    name = names.get(witness.unit, witness.unit)
    current = {d: float(ctx.state.weights.get(d, 0)) for d in table.scores.columns}
    sliders, got = slider_witness(
        table.scores,
        current,
        witness,
        how=table.method.aggregation.across,
        free=free,
        around=around,
    )
    label = (
        ctx.tr("bounds.button_worst", name=name, rank=got)
        if witness.side == "worst"
        else ctx.tr("bounds.button_best", name=name, rank=got)
    )
    st.button(
        label,
        key=key,
        on_click=_apply,
        args=(sliders, name, got),
    )
    if got != witness.rank:
        frame = result.worst_weights if witness.side == "worst" else result.best_weights
        dims = {d.id: d.name(ctx.lang) for d in ctx.dataset.catalogue.dimensions}
        shares = ", ".join(
            f"{dims.get(d, d)} {number(100 * w, 0, ctx.lang)} %"
            for d, w in frame.loc[witness.unit].items()
            if w >= 0.005
        )
        st.caption(
            ctx.tr("bounds.slider_note", name=name, got=got, rank=witness.rank, weights=shares)
        )


def sentence_frame(ctx: Context, table: DimensionTable) -> object | None:
    """The border around :func:`main_sentence` and its link to the robustness page.

    Neither depends on the weights: the full page run draws them around a slot
    (returned), and the sentence is drawn there on every slider move. None when
    there is no sentence to draw (too many areas, or a single dimension).
    """
    if len(table.scores) > MAX_UNITS or len(table.scores.columns) < 2:
        return None
    with st.container(border=True):
        slot = st.container()
        st.page_link("pages/robusthet.py", label=ctx.tr("robust.more"))
    return slot


def main_sentence(
    ctx: Context, table: DimensionTable, view: IndexView, k: int, slot: object | None
) -> None:
    """Beside the map, in ``slot`` (:func:`sentence_frame`): one plain sentence and a
    button that shows its weighting."""
    if slot is None:
        return
    # The sentence is about the current top k: only their bounds are needed (the
    # other areas still count as rivals), which keeps RegSO quick.
    ranks = view.table["rank"].dropna()
    units = tuple(sorted(ranks.index[ranks <= k]))
    digest = scores_digest(table.scores)
    with slot:
        result = _bounds(ctx, table, units=units, digest=digest)
    if result is None:
        return
    # The sentence reads only these units' bounds, ranks and names: kept for the
    # next move that leaves them as they are.
    line = _headline(
        result.summary,
        digest,
        table.method.aggregation.across,
        units,
        tuple(int(ranks[u]) for u in units),
        tuple(ctx.names.get(u, u) for u in units),
        k,
        ctx.lang,
    )
    if line is None:
        return
    with slot:
        applied_notice(ctx)
        st.markdown(f"**{ctx.tr('bounds.header')}** {line.text}")
        if line.witness is not None:
            witness_button(ctx, table, result, line.witness, key="bounds_main")


def page_section(ctx: Context, table: DimensionTable, view: IndexView, k: int) -> None:
    """On the robustness page: options, the span chart, the top-k groups and their buttons."""
    st.subheader(ctx.tr("bounds.page_header"))
    st.markdown(ctx.tr("bounds.page_intro"))
    applied_notice(ctx)
    dims = [str(d) for d in table.scores.columns]
    names_of = {d.id: d.name(ctx.lang) for d in ctx.dataset.catalogue.dimensions}
    c1, c2, c3 = st.columns([1, 1, 2])
    region = c1.radio(
        ctx.tr("bounds.region"),
        options=["all", "around"],
        format_func={
            "all": ctx.tr("bounds.region.all"),
            "around": ctx.tr("bounds.region.around"),
        }.__getitem__,
        **bind("bounds_region", "bounds_region", ctx.state.bounds_region),
    )
    around = None
    if region == "around":
        around = float(
            c2.slider(
                ctx.tr("bounds.around"),
                5,
                100,
                step=5,
                help=ctx.tr("bounds.around_help"),
                **bind("bounds_around", "bounds_around", ctx.state.bounds_around),
            )
        )
    chosen = c3.multiselect(
        ctx.tr("bounds.free"),
        options=dims,
        format_func=lambda d: names_of.get(d, d),
        **bind(
            "bounds_free",
            "bounds_free",
            [d for d in ctx.state.bounds_free if d in dims] or dims,
        ),
    )
    if not chosen:
        st.info(ctx.tr("bounds.free_none"), icon="ℹ️")
        return
    free = None if set(chosen) == set(dims) else tuple(sorted(chosen))
    result = _bounds(ctx, table, free, around)
    if result is None:
        return
    summary, current, names = result.summary, view.table["rank"], ctx.names
    inexact = summary[~summary["exact"].fillna(True)]
    if len(inexact):
        extra = int(
            max(
                (inexact["best"] - inexact["best_limit"]).max(),
                (inexact["worst_limit"] - inexact["worst"]).max(),
            )
        )
        st.warning(ctx.tr("bounds.inexact", n=len(inexact), extra=extra), icon="⏱️")
    always, never, first, second = group_sentences(summary, current, names, k=k, lang=ctx.lang)
    left, right = st.columns(2)
    with left:
        st.markdown(always)
        if first is not None:
            witness_button(ctx, table, result, first, key="bounds_always", free=free, around=around)
    with right:
        st.markdown(never)
        if second is not None:
            witness_button(ctx, table, result, second, key="bounds_never", free=free, around=around)
    st.plotly_chart(
        bounds_chart(
            summary,
            current,
            names,
            title=ctx.tr("bounds.chart_title"),
            x_title=ctx.tr("bounds.chart_x"),
            span_label=ctx.tr("bounds.legend_span"),
            now_label=ctx.tr("bounds.legend_now"),
        ),
        width="stretch",
        config={"displayModeBar": False},
        key="bounds_chart",
    )
    st.caption(ctx.tr("bounds.caption"))
    ranked = view.table.dropna(subset=["rank"]).sort_values(["rank", "name"])
    pick = st.selectbox(
        ctx.tr("bounds.pick"),
        options=ranked.index.tolist(),
        format_func=lambda u: f"{int(ranked.at[u, 'rank'])}. {names.get(u, u)}",
        key="bounds_pick",
    )
    fixed = pick in summary.index and summary.at[pick, "best"] == summary.at[pick, "worst"]
    if fixed:
        st.caption(
            ctx.tr("bounds.fixed", name=names.get(pick, pick), rank=int(summary.at[pick, "best"]))
        )
    elif pick is not None and pick in summary.index and pd.notna(summary.at[pick, "best"]):
        b1, b2 = st.columns(2)
        with b1:
            witness_button(
                ctx,
                table,
                result,
                Witness(pick, "best", int(summary.at[pick, "best"])),
                key="bounds_pick_best",
                free=free,
                around=around,
            )
        with b2:
            witness_button(
                ctx,
                table,
                result,
                Witness(pick, "worst", int(summary.at[pick, "worst"])),
                key="bounds_pick_worst",
                free=free,
                around=around,
            )
    frame = bounds_frame(summary, current, names, ctx.lang)
    st.dataframe(frame, hide_index=True, width="stretch")
    export = frame.copy()
    for side, weights in (("best", result.best_weights), ("worst", result.worst_weights)):
        for d in dims:
            export[f"{side}.w.{d}"] = weights.loc[frame.index, d].to_numpy()
    st.download_button(
        ctx.tr("bounds.download"),
        # Written when clicked; a download changes nothing on the page (no rerun).
        data=lambda: to_excel_csv(export),
        file_name=f"rangspann_{ctx.state.kommun}_{ctx.level_id}.csv",
        mime="text/csv",
        key="bounds_download",
        on_click="ignore",
    )

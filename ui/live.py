"""The map page's ranking and legend, drawn in the browser so they follow a slider at once.

See :mod:`areaindex.live` for the data and ``ui/live/*.js`` for the drawing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from areaindex.indexview import DimensionTable
from areaindex.live import live_data
from ui.core import Context
from ui.sections import MAX_CHART_ROWS, dimension_names

_HERE = Path(__file__).resolve().parent / "live"
# Not isolated in a shadow root: the component reads the sidebar's sliders and
# the tests and screen readers see its list like the rest of the page.
_COMPONENT = st.components.v2.component(
    "omradesindex_live",
    css=(_HERE / "style.css").read_text(encoding="utf-8"),
    js=(_HERE / "engine.js").read_text(encoding="utf-8")
    + "\n"
    + (_HERE / "component.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def _texts(ctx: Context, k: int) -> dict[str, str]:
    return {
        "title": ctx.tr("ranking.chart_title"),
        "title_top": ctx.tr("ranking.chart_title_top", n="{n}"),
        "caption": ctx.tr("ranking.chart_caption", k=k),
        "all_zero": ctx.tr("weights.all_zero"),
        "no_index": ctx.tr("notice.no_index"),
        "illustrative": ctx.tr("area.illustrative"),
        "legend_title": ctx.tr("legend.title"),
        "legend_count": ctx.tr("legend.count", n="{n}"),
        "legend_missing": ctx.tr("legend.missing"),
        "legend_note": ctx.tr("legend.illustrative"),
        "tooltip_index": ctx.tr("tooltip.index"),
        "tooltip_rank": ctx.tr("tooltip.rank"),
        "tooltip_rank_of": ctx.tr("tooltip.rank_of", rank="{rank}", n="{n}"),
        "tooltip_illustrative": ctx.tr("tooltip.illustrative"),
        "ranking_label": ctx.tr("ranking.keys"),
    }


def live_part(
    ctx: Context,
    table: DimensionTable,
    part: str,
    *,
    k: int = 3,
    points: dict[str, tuple[float, float]] | None = None,
    reference: tuple[str, dict[str, str]] | None = None,
    recolour_map: bool = True,
    large: bool = False,
) -> None:
    """Mount the ranking (``part="ranking"``, which also recolours the map) or the legend."""
    state = ctx.state
    data = live_data(
        table,
        state.weights,
        ctx.names,
        ctx.dataset.catalogue,
        dimension_names(ctx),
        _texts(ctx, k),
        classes=state.classes,
        top_k=k,
        max_rows=MAX_CHART_ROWS,
        lang=ctx.lang,
        points=points if part == "ranking" else None,
        selected=state.area,
        reference=reference if part == "ranking" else None,
        recolour_map=recolour_map,
    )
    data["part"] = part
    data["large"] = large
    _COMPONENT(data=data, key=f"live_{part}")

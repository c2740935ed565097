"""The map page's ranking and legend, drawn in the browser so they follow a slider at once.

The same component draws the share panel's link and copy button (no server
round trip, and no code highlighter for one line of text).

See :mod:`areaindex.views.live` for the data and ``ui/live/*.js`` for the drawing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from areaindex.views.indexview import DimensionTable
from areaindex.views.live import BIG_KEYS, live_data
from ui.core import Context, own_indicators, publish_static
from ui.sections import MAX_CHART_ROWS, dimension_names

_HERE = Path(__file__).resolve().parent / "live"


@st.cache_resource
def _component() -> Any:
    """Register the component once per process.

    Its code and its style sheet are static files (fetched once by the
    browser), so each rerun sends only a short loader, not the 20 kB of
    JavaScript and 2.6 kB of CSS with every element.
    """
    script = "\n".join(
        [
            (_HERE / "engine.js").read_text(encoding="utf-8"),
            (_HERE / "component.js").read_text(encoding="utf-8"),
            "export default oiMount;",
        ]
    )
    url = publish_static("live", "live", ".js", script.encode("utf-8"))
    css = publish_static("live", "style", ".css", (_HERE / "style.css").read_bytes())
    loader = (
        # The loader itself runs from a blob: URL, so the addresses are made absolute.
        f'const css = new URL("{css}", window.location.href).href;\n'
        'let sheet = document.querySelector(`link[href="${css}"]`);\n'
        "const styled = sheet ? Promise.resolve() : new Promise((done) => {\n"
        '  sheet = document.createElement("link");\n'
        '  sheet.rel = "stylesheet";\n'
        "  sheet.href = css;\n"
        "  sheet.onload = sheet.onerror = done;\n"
        "  document.head.appendChild(sheet);\n"
        "});\n"
        f'const script = import(new URL("{url}", window.location.href).href);\n'
        "// Drawn once the style sheet is there: never a moment unstyled.\n"
        "const ready = Promise.all([script, styled]);\n"
        "export default function (component) {\n"
        "  ready.then(([module]) => module.default(component));\n"
        "}\n"
    )
    # Not in a shadow root: the component reads the sidebar's sliders, and
    # screen readers and tests see its list like the rest of the page.
    return st.components.v2.component("omradesindex_live", js=loader, isolate_styles=False)


def _texts(ctx: Context, k: int) -> dict[str, str]:
    return {
        "title": ctx.tr("ranking.chart_title"),
        "title_top": ctx.tr("ranking.chart_title_top", n="{n}"),
        "caption": ctx.tr("ranking.chart_caption", k=k),
        "caption_hatched": ctx.tr("ranking.chart_caption_hatched"),
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
        "tooltip_approximate": ctx.tr("tooltip.approximate_geography"),
        "ranking_label": ctx.tr("ranking.keys"),
        "negative_parts": ctx.tr("ranking.negative_parts"),
    }


def live_ranking(
    ctx: Context,
    table: DimensionTable,
    *,
    k: int = 3,
    points: dict[str, tuple[float, float]] | None = None,
    reference: tuple[str, dict[str, str]] | None = None,
    recolour_map: bool = True,
    large: bool = False,
) -> None:
    """The ranking list; it also recolours the page's map and feeds :func:`live_legend`."""
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
        points=points,
        selected=state.area,
        reference=reference,
        recolour_map=recolour_map,
    )
    # The weight-independent data goes to a static file that the browser fetches
    # once, instead of travelling with every rerun (0.3 MB for all of Sweden).
    # Only public statistics: a session's own indicators never leave its messages.
    if not own_indicators():
        big = {key: data.pop(key) for key in BIG_KEYS}
        text = json.dumps(big, ensure_ascii=False, separators=(",", ":"))
        data["source"] = publish_static("live", "data", ".json", text.encode("utf-8"))
    data["part"] = "ranking"
    data["large"] = large
    _component()(data=data, key="live_ranking")


def live_legend(*, large: bool = False) -> None:
    """The map legend, drawn from the view :func:`live_ranking` computes in the browser."""
    _component()(data={"part": "legend", "large": large}, key="live_legend")


def live_share(texts: dict[str, str], download: dict[str, object] | None = None) -> None:
    """The view's link (the page's address) in a read-only field and a button that copies it.

    ``texts``: ``copy`` (the button), ``copied`` and ``copy_manual`` (the
    messages after a click, when copying worked or must be done by hand) and
    ``link_label`` (the field's accessible name).

    ``download``: a small text file the browser saves on a click, without asking
    the server for it (``label``, ``file_name``, ``mime``): the view's method
    file, sent with the panel on every run, either whole (``text``) or as the
    URL of a static JSON list of the text around its weights (``template``,
    fetched once) and the weights as the file writes them (``values``), which
    the browser puts between those parts.
    """
    data: dict[str, object] = {"part": "share", "texts": texts}
    if download is not None:
        data["download"] = download
    _component()(data=data, key="live_share")

"""Page sections shared by several pages: banners, headline, ranking, robustness."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.views.banners import INFO, OVER_TIME, WARNING, view_banners
from areaindex.views.charts import top_k_share_html
from areaindex.views.export import ranking_frame, to_excel_csv
from areaindex.views.indexview import DimensionTable, IndexView, top_units
from areaindex.views.robust_view import statements
from ui.core import Context, get_robustness, sync_url

MAX_CHART_ROWS = 30
# Thousands of areas (all of Sweden): the table and the area list show the top of
# the ranking. Every row would be re-sent on each slider move (about 0.7 MB) and
# styling them costs over a second; the CSV download has every area.
MAX_TABLE_ROWS = 200
TOP_STYLE = "font-weight: bold; background-color: #fde0dd"
# As st.caption draws: smaller, in the theme's text colour (#111111, .streamlit/config.toml)
# at 60 % (4.9:1 on white).
CAPTION_STYLE = "font-size:0.875rem;color:rgba(17,17,17,0.6);margin:0.25rem 0 0"
TEXT_STYLE = "margin:0 0 1rem"  # as a paragraph of st.markdown
BOLD = re.compile(r"\*\*(.+?)\*\*")


def dimension_names(ctx: Context) -> dict[str, str]:
    """Dimension id -> name in the page language."""
    return {d.id: d.name(ctx.lang) for d in ctx.dataset.catalogue.dimensions}


def banners(ctx: Context, view: IndexView, table: DimensionTable) -> None:
    """Warnings and notes that must be seen: illustrative data, provisional areas, year, sex.

    The notes are :func:`areaindex.views.banners.view_banners`, which the PDF report prints too.
    """
    icons = {WARNING: "⚠️", INFO: "ℹ️", OVER_TIME: "📅"}
    notes = view_banners(
        ctx.dataset, ctx.state, ctx.scope, view, table, details=not ctx.state.present
    )
    # One slot whatever the number of notes: when a weight change adds or removes a
    # note, the elements below keep their place, so the rerun updates them instead of
    # drawing a second copy beside the old one until the run ends.
    with st.container():
        for note in notes:
            show = st.warning if note.kind == WARNING else st.info
            show(note.text, icon=icons[note.kind])


def headline(ctx: Context, view: IndexView, k: int) -> list[str]:
    """ "Highest priority: A, B and C" and what the index is made of; returns the top units."""
    top = top_units(view, k)
    if not top:
        st.warning(ctx.tr("notice.no_index"), icon="⚠️")
        sync_url(ctx)
        st.stop()
    names = [view.table.at[u, "name"] for u in top]
    joiner = " och " if ctx.lang == "sv" else " and "
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]
    dims = dimension_names(ctx)
    parts = " · ".join(
        f"{dims[d]} {number(view.shares[d], 0, ctx.lang)} %" for d in view.dimensions
    )
    # The heading and what the index is made of (as a caption) in one element:
    # fewer messages per slider move.
    summary = html.escape(ctx.tr("weights.summary", parts=parts))
    st.markdown(
        f'### {ctx.tr("ranking.top")}: {listed}\n\n<p style="{CAPTION_STYLE}">{summary}</p>',
        unsafe_allow_html=True,
    )
    return top


def robustness_frame(ctx: Context) -> object:
    """The robustness box's border and its link to the robustness page, around a slot.

    Returns the slot, where :func:`robustness_box` draws on every slider move.
    """
    with st.container(border=True):
        slot = st.container()
        st.page_link("pages/robusthet.py", label=ctx.tr("robust.more"))
    return slot


def robustness_box(
    ctx: Context, view: IndexView, table: DimensionTable, top: list[str], k: int
) -> None:
    """ "Område X är bland de 3 mest prioriterade i 94 % av viktningarna" and its chart."""
    names = ctx.names
    if len(view.dimensions) < 2:
        st.markdown(f"**{ctx.tr('robust.header')}**")
        st.caption(ctx.tr("robust.single_dimension"))
        return
    # Thousands of areas: fewer draws keep the answer quick (and the box says so).
    draws = 10_000 if len(view.table) <= 500 else 1_000
    summary = get_robustness(ctx, table, k=k, n_draws=draws, top_only=True)
    # The header and the sentences as one element: fewer messages per slider move.
    sentences = statements(summary, names, top, k=k, lang=ctx.lang)
    caption = ctx.tr("robust.box_caption", n=number(draws, 0, ctx.lang), spread=25)
    # The header, the sentences, the bars and the caption as one element: fewer
    # messages per slider move, and no markdown to parse in the browser.
    header = f"<strong>{html.escape(ctx.tr('robust.header'))}</strong>"
    paragraphs = [header, *map(_bold, sentences)]
    st.html(
        "".join(f'<p style="{TEXT_STYLE}">{p}</p>' for p in paragraphs)
        + top_k_share_html(summary, names, label=ctx.tr("robust.chart_title", k=k), lang=ctx.lang)
        + f'<p style="{CAPTION_STYLE}">{html.escape(caption)}</p>'
    )


def _bold(sentence: str) -> str:
    """A sentence of the text table as HTML: escaped, its ``**bold**`` parts in <strong>."""
    return BOLD.sub(r"<strong>\1</strong>", html.escape(sentence))


def ranking_table_section(ctx: Context, view: IndexView, k: int) -> None:
    """The ranking as a table (top k highlighted) and its CSV download.

    The map page draws it on request (it is what a slider move costs the
    server most); otherwise it draws only the download and a line that says
    where the ranking is (:func:`table_hidden_note`, :func:`ranking_download`).
    """
    lang = ctx.lang
    ranking = ranking_table(ctx, view)
    rank_col = ctx.tr("table.rank")
    shown = ranking.head(MAX_TABLE_ROWS)
    # The top k rows highlighted: one frame of styles at once, not a call per row.
    top = (shown[rank_col].notna() & (shown[rank_col] <= k)).fillna(False).to_numpy(dtype=bool)
    styles = pd.DataFrame(
        np.where(np.repeat(top[:, None], shown.shape[1], axis=1), TOP_STYLE, ""),
        index=shown.index,
        columns=shown.columns,
    )
    st.dataframe(
        shown.style.apply(lambda _: styles, axis=None).format(
            precision=1,
            decimal="," if lang == "sv" else ".",
            thousands="\u00a0" if lang == "sv" else ",",
        ),
        hide_index=True,
        width="stretch",
        height=min(36 * (len(shown) + 1) + 4, 640),
    )
    st.caption(ctx.tr("table.caption"))
    if len(shown) < len(ranking):
        st.caption(ctx.tr("table.top_only", n=len(shown), total=len(ranking)))
    ranking_download(ctx, lambda: ranking)


def table_hidden_note(ctx: Context) -> None:
    """Where the ranking is while its table is not drawn (it does not follow the weights)."""
    st.caption(ctx.tr("table.hidden"))


def ranking_table(ctx: Context, view: IndexView) -> pd.DataFrame:
    """The ranking as the table and the CSV file show it."""
    dims = dimension_names(ctx)
    dataset = ctx.dataset
    units = dataset.units[dataset.units["level"] == ctx.level_id]
    population = dict(zip(units["unit"], units["population"], strict=True))
    return ranking_frame(
        view,
        dims,
        lang=ctx.lang,
        population=population,
        illustrative_names={d: dims[d] for d in view.illustrative_dimensions},
        approximate_names={d: dims[d] for d in view.approximate_dimensions},
    )


def ranking_download(ctx: Context, ranking: Callable[[], pd.DataFrame]) -> None:
    """The ranking's CSV download; ``ranking`` is called when the button is clicked."""
    st.download_button(
        ctx.tr("download.csv"),
        # Written when clicked, not on every slider move.
        data=lambda: to_excel_csv(ranking()),
        file_name=f"omradesindex_{ctx.state.kommun}_{ctx.level_id}.csv",
        mime="text/csv",
        # A download changes nothing on the page: no rerun.
        on_click="ignore",
    )


PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"] {display: none;}
html {font-size: 20px;}
.block-container {padding-top: 1.5rem; max-width: 100%;}
h1 {font-size: 2rem;}
</style>
"""


def presentation_style() -> None:
    """Large type and no sidebar, for a projector."""
    st.html(PRESENTATION_CSS)

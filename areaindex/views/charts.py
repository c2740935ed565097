"""Plotly figures for the dashboard (no network: plotly.js comes with Streamlit).

Dimensions are coloured with the Okabe–Ito palette (safe for colour-blind
readers); illustrative contributions are hatched as well, so colour is never the
only thing that tells them apart.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from areaindex.i18n import number
from areaindex.rounding import round_half_up

# Okabe & Ito (2008), in dimension order.
DIMENSION_COLOURS = {
    "delaktighet": "#E69F00",
    "utbildning": "#56B4E9",
    "ekonomi": "#009E73",
    "boende": "#0072B2",
    "halsa": "#D55E00",
    "tillit": "#CC79A7",
    "trygghet": "#F0E442",
    "barn_unga": "#000000",
}
FALLBACK_COLOUR = "#999999"
TOP_K_COLOUR = "#bd0026"
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "omradesindex", "scale": 2},
}


def _top_k_rows(
    summary: pd.DataFrame, names: Mapping[str, str], min_share: float
) -> tuple[pd.DataFrame, np.ndarray]:
    """Areas ever in the top group, most often first, and their share in whole percent."""
    share = summary["top_k_share"].to_numpy(dtype=float)
    rank = summary["current_rank"].to_numpy(dtype=float, na_value=np.nan)
    chosen = np.flatnonzero(share >= min_share)
    # Most often first, then by current rank (a missing rank last); stable, as
    # pandas sorts, without its overhead on every slider move.
    order = chosen[np.lexsort((rank[chosen], -share[chosen]))]
    rows = summary.iloc[order].copy()
    rows["name"] = [names.get(u, u) for u in rows.index]
    # Half away from zero, as the sentences above the chart round (not NumPy's half-to-even).
    return rows, round_half_up(100 * rows["top_k_share"].to_numpy(dtype=float), 0)


def top_k_share_chart(
    summary: pd.DataFrame,
    names: Mapping[str, str],
    *,
    k: int,
    title: str = "",
    lang: str = "sv",
    min_share: float = 0.005,
    height_per_row: int = 24,
) -> go.Figure:
    """Bars: the share of weightings in which each area is among the top ``k``.

    Parameters
    ----------
    summary : pandas.DataFrame
        :attr:`areaindex.index.robustness.RankUncertainty.summary` (index = unit ids).
    names : mapping
        Unit id -> display name.
    k : int
        Size of the top group (for the title).
    min_share : float
        Areas below this share are left out (they are never in the top group).
    """
    rows, percent = _top_k_rows(summary, names, min_share)
    fig = go.Figure(
        go.Bar(
            y=rows["name"],
            x=percent,
            orientation="h",
            marker={"color": TOP_K_COLOUR},
            text=[f"{number(v, 0, lang)} %" for v in percent],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f} %<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 13}},
        height=max(160, 60 + height_per_row * len(rows)),
        margin={"l": 10, "r": 40, "t": 40 if title else 10, "b": 10},
        xaxis={"range": [0, 115], "visible": False},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=",\u00a0" if lang == "sv" else ".,",
        showlegend=False,
    )
    return fig


def top_k_share_html(
    summary: pd.DataFrame,
    names: Mapping[str, str],
    *,
    label: str,
    lang: str = "sv",
    min_share: float = 0.005,
) -> str:
    """:func:`top_k_share_chart` as a plain HTML list of bars.

    For the map page: without a plotly chart there the browser does not load
    plotly.js (3.5 MB of JavaScript) before the map is drawn, and a list is read
    out by screen readers as it is shown.

    Parameters
    ----------
    summary, names, min_share
        As for :func:`top_k_share_chart`.
    label : str
        What the list shows (its accessible name).
    lang : {"sv", "en"}
        Number format.
    """
    rows, percent = _top_k_rows(summary, names, min_share)
    items = []
    for name, value in zip(rows["name"], percent, strict=True):
        text = f"{number(value, 0, lang)} %"
        items.append(
            '<li style="display:grid;grid-template-columns:minmax(8em,45%) 1fr 3.5em;'
            'gap:6px;align-items:center;margin:2px 0">'
            f"<span>{html.escape(str(name))}</span>"
            f'<span aria-hidden="true" style="display:block;height:14px;width:{value:.0f}%;'
            f'background:{TOP_K_COLOUR}"></span>'
            f'<span style="text-align:right">{text}</span></li>'
        )
    return (
        f'<ul class="top-k-bars" aria-label="{html.escape(label)}" '
        f'style="list-style:none;padding:0;margin:4px 0">{"".join(items)}</ul>'
    )


def rank_interval_chart(
    summary: pd.DataFrame,
    names: Mapping[str, str],
    *,
    title: str = "",
    x_title: str = "",
    height_per_row: int = 26,
) -> go.Figure:
    """Each area's rank now (dot) and the 5–95 % range of its rank across weightings (line)."""
    rows = summary.dropna(subset=["current_rank"]).copy()
    rows["name"] = [names.get(u, u) for u in rows.index]
    rows = rows.sort_values(["current_rank", "name"])
    labels = [f"{int(r)}. {n}" for r, n in zip(rows["current_rank"], rows["name"], strict=True)]
    lo = rows["p05_rank"].astype(float)
    hi = rows["p95_rank"].astype(float)
    now = rows["current_rank"].astype(float)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=now,
            mode="markers",
            marker={"size": 10, "color": "#bd0026", "symbol": "circle"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (hi - now).to_numpy(),
                "arrayminus": (now - lo).to_numpy(),
                "color": "#444444",
                "thickness": 2,
                "width": 4,
            },
            hovertemplate="%{y}: %{x}<extra></extra>",
            showlegend=False,
        )
    )
    n = len(rows)
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=max(240, 80 + height_per_row * n),
        margin={"l": 10, "r": 20, "t": 50 if title else 10, "b": 40},
        xaxis={"title": x_title, "range": [0.5, max(n, 1) + 0.5], "dtick": 1 if n <= 20 else 5},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
    )
    return fig


def sensitivity_chart(
    sobol: pd.DataFrame,
    dimension_names: Mapping[str, str],
    *,
    total_label: str,
    first_label: str,
    lang: str = "sv",
) -> go.Figure:
    """Total-effect (and first-order) Sobol index of each dimension weight, as bars."""
    rows = sobol[sobol["total_effect"].abs() > 0].sort_values("total_effect", ascending=False)
    names = [dimension_names.get(d, d) for d in rows.index]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=rows["total_effect"].clip(lower=0).round(2),
            orientation="h",
            name=total_label,
            marker={"color": [DIMENSION_COLOURS.get(d, FALLBACK_COLOUR) for d in rows.index]},
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=rows["first_order"].clip(lower=0).round(2),
            orientation="h",
            name=first_label,
            marker={
                "color": "#ffffff",
                "line": {"color": "#333333", "width": 1},
                "pattern": {"shape": ".", "fgcolor": "#333333", "fillmode": "overlay"},
            },
        )
    )
    fig.update_layout(
        barmode="group",
        height=max(200, 80 + 44 * len(rows)),
        margin={"l": 10, "r": 20, "t": 30, "b": 30},
        xaxis={"range": [0, 1]},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=",\u00a0" if lang == "sv" else ".,",
    )
    return fig


def reference_scatter(
    index: pd.Series,
    reference: pd.Series,
    names: Mapping[str, str],
    *,
    x_title: str,
    y_title: str,
    reverse_x: bool = False,
    lang: str = "sv",
) -> go.Figure:
    """Index (y) against the reference (x), one labelled dot per area."""
    both = pd.concat([index.rename("index"), reference.rename("ref")], axis=1).dropna()
    labels = [names.get(u, u) for u in both.index]
    fig = go.Figure(
        go.Scatter(
            x=both["ref"],
            y=both["index"],
            mode="markers+text" if len(both) <= 20 else "markers",
            text=labels,
            textposition="top center",
            textfont={"size": 11},
            marker={"size": 9, "color": "#bd0026", "line": {"color": "#ffffff", "width": 1}},
            hovertext=labels,
            hovertemplate="%{hovertext}<br>%{x:.1f} · %{y:.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 20, "b": 40},
        xaxis={"title": x_title, "autorange": "reversed" if reverse_x else True},
        yaxis={"title": y_title, "range": [-5, 108]},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=",\u00a0" if lang == "sv" else ".,",
        showlegend=False,
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


def bump_chart(
    left: pd.Series,
    right: pd.Series,
    names: Mapping[str, str],
    *,
    left_label: str,
    right_label: str,
    top_k: int = 3,
    height_per_row: int = 28,
) -> go.Figure:
    """Ranks under two scenarios joined by lines; areas entering or leaving the top k stand out.

    Parameters
    ----------
    left, right : pandas.Series
        Rank per unit (1 = highest priority) under each scenario.
    names : mapping
        Unit id -> display name.
    left_label, right_label : str
        Scenario names on the x axis.
    top_k : int
        Size of the top group; lines of units that enter or leave it are red
        (leaving: dashed), other lines grey.
    """
    both = pd.concat([left.rename("a"), right.rename("b")], axis=1).dropna()
    fig = go.Figure()
    for unit, row in both.sort_values("a").iterrows():
        a, b = int(row["a"]), int(row["b"])
        entering, leaving = a > top_k >= b, a <= top_k < b
        moved = entering or leaving
        colour = "#bd0026" if moved else ("#444444" if a <= top_k else "#9a9a9a")
        name = names.get(unit, unit)
        fig.add_trace(
            go.Scatter(
                x=[0, 1],
                y=[a, b],
                mode="lines+markers+text",
                line={
                    "color": colour,
                    "width": 3 if colour != "#9a9a9a" else 1.5,
                    "dash": "dash" if leaving else "solid",
                },
                marker={"size": 8, "color": colour},
                text=[f"{a}. {name}", f"{b}. {name}"],
                textposition=["middle left", "middle right"],
                textfont={"size": 12, "color": "#7a0019" if moved else "#222222"},
                hovertemplate=f"{name}: %{{y}}<extra></extra>",
                showlegend=False,
                cliponaxis=False,
            )
        )
    n = len(both)
    fig.add_hrect(
        y0=0.5, y1=top_k + 0.5, fillcolor="rgba(189, 0, 38, 0.08)", line_width=0, layer="below"
    )
    fig.update_layout(
        height=max(300, 70 + height_per_row * n),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={
            "side": "top",
            "showgrid": False,
            "fixedrange": True,
            "range": [-1.2, 2.2],
            "tickvals": [0, 1],
            "ticktext": [left_label, right_label],
            "zeroline": False,
        },
        yaxis={"visible": False, "range": [n + 0.5, 0.5], "fixedrange": True},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
    )
    return fig


# Okabe & Ito colours for up to four compared areas, with distinct marker shapes.
AREA_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
AREA_PATTERNS = ("", "/", ".", "x")


def area_comparison_chart(
    scores: pd.DataFrame,
    dimension_names: Mapping[str, str],
    *,
    x_title: str = "",
    lang: str = "sv",
) -> go.Figure:
    """Dimension scores of two to four areas side by side (rows: areas, columns: dimensions)."""
    fig = go.Figure()
    labels = [dimension_names.get(d, d) for d in scores.columns]
    for i, (name, row) in enumerate(scores.iterrows()):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=row.round(1).to_numpy(),
                orientation="h",
                name=str(name),
                marker={
                    "color": AREA_COLOURS[i % len(AREA_COLOURS)],
                    "pattern": {
                        "shape": AREA_PATTERNS[i % len(AREA_PATTERNS)],
                        "fgcolor": "#ffffff",
                        "fillmode": "overlay",
                    },
                },
                hovertemplate=f"{name}: %{{x:.1f}}<extra>%{{y}}</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        height=max(260, 80 + 26 * len(labels) * max(1, len(scores))),
        margin={"l": 10, "r": 20, "t": 30, "b": 40},
        xaxis={"title": x_title, "range": [0, 100]},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=",\u00a0" if lang == "sv" else ".,",
    )
    return fig


def trend_chart(
    series: Mapping[str, pd.Series],
    *,
    title: str = "",
    y_title: str = "",
    lang: str = "sv",
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Lines over years (index = year) for a few named series; the first is emphasised."""
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot")
    for i, (name, values) in enumerate(series.items()):
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in values.index],
                y=values.to_numpy(),
                mode="lines+markers",
                name=name,
                line={
                    "color": AREA_COLOURS[i % len(AREA_COLOURS)],
                    "width": 3 if i == 0 else 2,
                    "dash": dashes[i % len(dashes)],
                },
            )
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 13}},
        height=280,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 30},
        # From zero unless a range is given: a small change should not look like a big one.
        yaxis={
            "title": y_title,
            **({"range": list(y_range)} if y_range else {"rangemode": "tozero"}),
        },
        xaxis={"type": "category"},
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.35, "x": 0},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=",\u00a0" if lang == "sv" else ".,",
    )
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig

"""Plotly figures for the dashboard (no network: plotly.js comes with Streamlit).

Dimensions are coloured with the Okabe–Ito palette (safe for colour-blind
readers); illustrative contributions are hatched as well, so colour is never the
only thing that tells them apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from areaindex.i18n import number

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
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "omradesindex", "scale": 2},
}


def ranking_chart(
    table: pd.DataFrame,
    dimensions: Sequence[str],
    dimension_names: Mapping[str, str],
    *,
    illustrative: Sequence[str] = (),
    top_k: int = 3,
    title: str = "",
    x_title: str = "",
    lang: str = "sv",
    illustrative_label: str = "illustrativ",
    height_per_row: int = 26,
) -> go.Figure:
    """Horizontal stacked bars: each area's index as the sum of dimension contributions.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit with columns ``name``, ``rank``, ``index`` and
        ``contrib.<dimension>`` (weighted contribution, summing to the index).
    dimensions : sequence of str
        Dimensions in play, in stacking order.
    dimension_names : mapping
        Dimension id -> display name.
    illustrative : sequence of str
        Dimensions whose values are illustrative (hatched, named so in the legend).
    top_k : int, default 3
        How many top priorities to highlight.
    """
    rows = table.dropna(subset=["index"]).sort_values(["rank", "name"])
    labels = [
        f"<b>{int(r)}. {n}</b>" if r <= top_k else f"{int(r)}. {n}"
        for r, n in zip(rows["rank"], rows["name"], strict=True)
    ]
    fig = go.Figure()
    for dim in dimensions:
        hatched = dim in illustrative
        name = dimension_names.get(dim, dim) + (f" ({illustrative_label})" if hatched else "")
        fig.add_trace(
            go.Bar(
                y=labels,
                x=rows[f"contrib.{dim}"].round(1),
                orientation="h",
                name=name,
                marker={
                    "color": DIMENSION_COLOURS.get(dim, FALLBACK_COLOUR),
                    "line": {"color": "#ffffff", "width": 0.5},
                    # overlay keeps the dimension's colour under the hatching
                    "pattern": {
                        "shape": "/" if hatched else "",
                        "fgcolor": "#000000",
                        "fgopacity": 0.45,
                        "fillmode": "overlay",
                    },
                },
                hovertemplate=f"{dimension_names.get(dim, dim)}: %{{x:.1f}}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=rows["index"],
            mode="text",
            text=[number(v, 1, lang) for v in rows["index"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    n = len(rows)
    if 0 < top_k < n:
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=top_k - 0.5,
            y1=-0.5,
            fillcolor="rgba(189, 0, 38, 0.08)",
            line={"width": 0},
            layer="below",
        )
    fig.update_layout(
        barmode="stack",
        title={"text": title, "font": {"size": 15}},
        height=max(260, 90 + height_per_row * n),
        margin={"l": 10, "r": 40, "t": 50 if title else 10, "b": 40},
        xaxis={"title": x_title, "range": [0, 108]},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        separators=",\u00a0" if lang == "sv" else ".,",
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 13},
        uniformtext={"minsize": 10},
    )
    return fig

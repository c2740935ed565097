"""Plotly figures of the statistical audit, in the house style of :mod:`areaindex.views.charts`.

Readable in black and white: every heat-map cell carries its value, and the
effective weights are told apart from the nominal ones by fill pattern as well
as colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from areaindex.i18n import numbers
from areaindex.views.charts import DIMENSION_COLOURS, FALLBACK_COLOUR

# Diverging, colour-blind safe (ColorBrewer RdBu): red = negative, blue = positive.
# The ends stop short of RdBu's darkest shades so that black cell text keeps a
# contrast of at least 4.5:1 (WCAG AA) everywhere.
CORRELATION_SCALE = [
    [0.0, "#d6604d"],
    [0.25, "#f4a582"],
    [0.5, "#f7f7f7"],
    [0.75, "#92c5de"],
    [1.0, "#4393c3"],
]


def _separators(lang: str) -> str:
    return ",\u00a0" if lang == "sv" else ".,"


def correlation_heatmap(
    corr: pd.DataFrame,
    labels: Mapping[str, str],
    dimension_of: Mapping[str, str],
    *,
    title: str = "",
    lang: str = "sv",
    cell: int = 46,
) -> go.Figure:
    """Heat map of the correlation matrix, values written in each cell, dimensions framed.

    Parameters
    ----------
    corr : pandas.DataFrame
        Square correlation matrix indexed by indicator column (method order, so
        each dimension's indicators are adjacent).
    labels : mapping
        Indicator column -> display name.
    dimension_of : mapping
        Indicator column -> dimension id (for the frames around each block).
    """
    columns = list(corr.columns)
    names = [labels.get(c, c) for c in columns]
    z = corr.to_numpy(dtype=float)
    text = np.array(numbers(z.ravel(), 2, lang), dtype=object).reshape(z.shape)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            zmin=-1,
            zmax=1,
            colorscale=CORRELATION_SCALE,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11, "color": "#000000"},
            hovertemplate="%{y} × %{x}: r = %{text}<extra></extra>",
            colorbar={"title": {"text": "r"}, "thickness": 12, "len": 0.8},
            xgap=1,
            ygap=1,
        )
    )
    # A frame around each dimension's block (rows and columns of its indicators).
    start = 0
    for i in range(1, len(columns) + 1):
        if i == len(columns) or dimension_of[columns[i]] != dimension_of[columns[start]]:
            fig.add_shape(
                type="rect",
                x0=start - 0.5,
                x1=i - 0.5,
                y0=start - 0.5,
                y1=i - 0.5,
                line={"color": "#000000", "width": 2},
                fillcolor="rgba(0,0,0,0)",
            )
            start = i
    side = max(260, 160 + cell * len(columns))
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=side,
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        xaxis={"side": "bottom", "tickangle": -35, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=_separators(lang),
    )
    return fig


def effective_weight_chart(
    effective: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    nominal_label: str,
    effective_label: str,
    lang: str = "sv",
    dominance: float = 0.5,
) -> go.Figure:
    """Bars per dimension: nominal weight (outlined, hatched) beside effective weight (filled).

    Parameters
    ----------
    effective : pandas.DataFrame
        :attr:`areaindex.views.audit.Audit.effective_dimensions` (shares 0-1).
    labels : mapping
        Dimension id -> display name.
    dominance : float
        Drawn as a dashed line: above it one dimension carries more than half.
    """
    ids: Sequence[str] = list(effective.index)
    names = [labels.get(d, d) for d in ids]
    nominal = 100 * effective["nominal"].to_numpy(dtype=float)
    eff = 100 * effective["effective"].to_numpy(dtype=float)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=nominal,
            orientation="h",
            name=nominal_label,
            marker={
                "color": "#ffffff",
                "line": {"color": "#333333", "width": 1},
                "pattern": {"shape": "/", "fgcolor": "#333333", "fillmode": "overlay"},
            },
            text=[f"{v} %" for v in numbers(nominal, 0, lang)],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=eff,
            orientation="h",
            name=effective_label,
            marker={"color": [DIMENSION_COLOURS.get(d, FALLBACK_COLOUR) for d in ids]},
            text=[f"{v} %" for v in numbers(eff, 0, lang)],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.add_vline(x=100 * dominance, line={"color": "#bd0026", "dash": "dash", "width": 1})
    top = float(np.nanmax(np.concatenate([nominal, eff, [100 * dominance]])))
    fig.update_layout(
        barmode="group",
        height=max(220, 90 + 56 * len(ids)),
        margin={"l": 10, "r": 30, "t": 30, "b": 30},
        xaxis={"range": [0, top * 1.15], "ticksuffix": " %"},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        separators=_separators(lang),
    )
    return fig

"""Exact rank bounds for the page: which areas to mention, the sentences, the chart.

Pure functions on the output of :func:`areaindex.index.bounds.rank_bounds` and the
current ranks; the pages in ``ui/`` only lay them out. A "witness button"
applies a weighting that reaches a bound, so a sceptic can see it on the map:
:func:`slider_witness` finds one the sliders (whole numbers 0-10) can show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from areaindex.i18n import t
from areaindex.index.bounds import cached_rank_bounds
from areaindex.views.indexview import rank_order

# Exact bounds are solved per area; beyond this many areas (all of Sweden) the
# page says so instead of making the user wait.
MAX_UNITS = 150
SLIDER_MAX = 10


@dataclass(frozen=True)
class Witness:
    """A weighting to show: it gives ``unit`` the rank ``rank`` (its ``side`` bound)."""

    unit: str
    side: str  # "best" or "worst"
    rank: int


@dataclass(frozen=True)
class Headline:
    """The sentence beside the map and the weighting its button applies."""

    text: str
    witness: Witness | None


def _ranked(summary: pd.DataFrame, current: pd.Series, names: Mapping[str, str]) -> pd.DataFrame:
    now = current.reindex(summary.index)
    keep = (summary["best"].notna() & summary["worst"].notna() & now.notna()).to_numpy()
    rows = summary.loc[keep].copy()
    rows["current"] = now.to_numpy()[keep]
    rows["name"] = [names.get(u, u) for u in rows.index]
    rows["span"] = rows["worst"] - rows["best"]
    return rows.iloc[rank_order(rows["current"].to_numpy(), rows["name"].tolist())]


def join_names(names: Sequence[str], lang: str = "sv", max_names: int | None = None) -> str:
    """``"A, B och C"`` (``"A, B and C"``); past ``max_names``, ``"A, B och 5 till"``."""
    names = list(names)
    if not names:
        return t("bounds.nobody", lang)
    if max_names is not None and len(names) > max_names:
        rest = t("bounds.more", lang, n=len(names) - max_names)
        names = [*names[:max_names], rest]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" och " if lang == "sv" else " and ") + names[-1]


def headline(
    summary: pd.DataFrame,
    current: pd.Series,
    names: Mapping[str, str],
    *,
    k: int = 3,
    lang: str = "sv",
) -> Headline | None:
    """One plain sentence about the top area and the most weighting-dependent of the top k.

    "Rosengård är högst prioriterad med varje tänkbar viktning; Oxie kan hamna
    var som helst mellan plats 4 och 12." The button shows the worst case of the
    area whose place depends most on the weighting (the top area's if it can
    fall; otherwise the widest span among the current top ``k``).

    Parameters
    ----------
    summary : pandas.DataFrame
        :attr:`areaindex.index.bounds.RankBounds.summary`.
    current : pandas.Series
        Unit -> current rank.
    names : mapping
        Unit id -> display name.
    k : int, default 3
        How many of the top areas to consider.
    lang : str, default "sv"
        Language.

    Returns
    -------
    Headline or None
        None when no area is ranked.
    """
    rows = _ranked(summary, current, names)
    if rows.empty:
        return None
    first = rows.iloc[0]
    top_unit = rows.index[0]
    if int(first["worst"]) == 1:
        parts = [t("bounds.top_fixed", lang, name=first["name"])]
    else:
        parts = [t("bounds.top_varies", lang, name=first["name"], worst=int(first["worst"]))]
    witness = None
    if int(first["worst"]) > 1:
        witness = Witness(str(top_unit), "worst", int(first["worst"]))
    others = rows.iloc[1:][rows["current"].iloc[1:] <= k]
    moving = others[others["span"] > 0]
    if not moving.empty:
        unit = moving.sort_values(["span", "current"], ascending=[False, True]).index[0]
        row = rows.loc[unit]
        parts.append(
            t(
                "bounds.span",
                lang,
                name=row["name"],
                best=int(row["best"]),
                worst=int(row["worst"]),
            )
        )
        if witness is None:
            witness = Witness(str(unit), "worst", int(row["worst"]))
    elif len(others):
        parts.append(t("bounds.top_k_fixed", lang, k=min(k, len(rows))))
    text = "; ".join(parts) + "."
    return Headline(text[0].upper() + text[1:], witness)


def top_k_groups(summary: pd.DataFrame, current: pd.Series, k: int) -> tuple[list[str], list[str]]:
    """Areas in the top ``k`` for every weighting, and areas in it for none.

    Returns
    -------
    (list of str, list of str)
        Unit ids, each list in current rank order.
    """
    rows = _ranked(summary, current, {})
    always = rows.index[rows["worst"] <= k].tolist()
    never = rows.index[rows["best"] > k].tolist()
    return [str(u) for u in always], [str(u) for u in never]


def group_sentences(
    summary: pd.DataFrame,
    current: pd.Series,
    names: Mapping[str, str],
    *,
    k: int,
    lang: str = "sv",
    max_names: int = 10,
) -> tuple[str, str, Witness | None, Witness | None]:
    """The "always in the top k" and "never in the top k" sentences and their witnesses.

    Each list names at most ``max_names`` areas (in current rank order) and
    counts the rest, so 80 RegSO do not become a wall of text.

    The first witness is the worst case of the "always" area closest to falling
    out (it still stays in); the second the best case of the "never" area that
    comes closest (it still stays out). Either is None when its list is empty.
    """
    always, never = top_k_groups(summary, current, k)
    rows = _ranked(summary, current, names)
    listed = {
        key: join_names(rows.loc[units, "name"], lang, max_names)
        for key, units in (("always", always), ("never", never))
    }
    always_text = t("bounds.always", lang, k=k, names=listed["always"])
    never_text = t("bounds.never", lang, k=k, names=listed["never"])
    first = second = None
    if always:
        unit = rows.loc[always].sort_values(["worst", "current"], ascending=[False, True]).index[0]
        first = Witness(str(unit), "worst", int(rows.at[unit, "worst"]))
    if never:
        unit = rows.loc[never].sort_values(["best", "current"]).index[0]
        second = Witness(str(unit), "best", int(rows.at[unit, "best"]))
    return always_text, never_text, first, second


def slider_witness(
    dim_scores: pd.DataFrame,
    weights: Mapping[str, float],
    witness: Witness,
    *,
    how: str = "mean",
    free: Sequence[str] | None = None,
    around: float | None = None,
) -> tuple[dict[str, int], int]:
    """Whole-number slider weights (0-10) that bring the unit as close to the bound as they can.

    The sliders move in whole steps, so the exact bound may need finer weights;
    the rank returned is what these weights give (equal to the bound in most
    cases; the page says so when it is not).

    Returns
    -------
    (dict of str to int, int)
        Weight per dimension of ``dim_scores`` and the unit's rank with them.
    """
    result = cached_rank_bounds(
        dim_scores,
        weights,
        how=how,
        free=free,
        around=around,
        grid=SLIDER_MAX,
        units=(witness.unit,),
    )
    frame = result.best_weights if witness.side == "best" else result.worst_weights
    # Whole numbers already (the grid); + 0.5 guards against a float just below one.
    chosen = {d: int(v + 0.5) for d, v in frame.loc[witness.unit].items()}
    return chosen, int(result.summary.at[witness.unit, witness.side])


def bounds_chart(
    summary: pd.DataFrame,
    current: pd.Series,
    names: Mapping[str, str],
    *,
    title: str = "",
    x_title: str = "",
    span_label: str = "",
    now_label: str = "",
    height_per_row: int = 24,
) -> go.Figure:
    """Each area's possible ranks (a bar from best to worst) and its rank now (a mark).

    Black and grey only, so it reads in black and white; sorted by current rank,
    rank 1 at the top and at the left.
    """
    rows = _ranked(summary, current, names)
    labels = [f"{int(r)}. {n}" for r, n in zip(rows["current"], rows["name"], strict=True)]
    best = rows["best"].astype(float).to_numpy()
    worst = rows["worst"].astype(float).to_numpy()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=worst - best + 0.8,
            base=best - 0.4,
            orientation="h",
            marker={"color": "#d9d9d9", "line": {"color": "#000000", "width": 1}},
            name=span_label,
            customdata=list(zip(best.astype(int), worst.astype(int), strict=True)),
            hovertemplate="%{y}: %{customdata[0]}–%{customdata[1]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=rows["current"].astype(float),
            mode="markers",
            marker={"symbol": "diamond", "size": 11, "color": "#000000"},
            name=now_label,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    n = max(len(rows), 1)
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=max(240, 110 + height_per_row * len(rows)),
        margin={"l": 10, "r": 20, "t": 50 if title else 10, "b": 40},
        xaxis={
            "title": x_title,
            "range": [0.4, n + 0.6],
            "dtick": 1 if n <= 20 else 5,
            "gridcolor": "#eeeeee",
        },
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#ffffff",
        font={"family": "sans-serif", "size": 12},
        legend={"orientation": "h", "y": -0.12 if len(rows) > 20 else -0.25, "x": 0},
        bargap=0.35,
    )
    return fig


def bounds_frame(
    summary: pd.DataFrame, current: pd.Series, names: Mapping[str, str], lang: str = "sv"
) -> pd.DataFrame:
    """The bounds as a display table, in current rank order."""
    rows = _ranked(summary, current, names)
    return pd.DataFrame(
        {
            t("table.area", lang): rows["name"],
            t("bounds.table.current", lang): rows["current"].astype("Int64"),
            t("bounds.table.best", lang): rows["best"].astype("Int64"),
            t("bounds.table.worst", lang): rows["worst"].astype("Int64"),
        }
    )

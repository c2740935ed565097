"""Comparing two scenarios: how ranks move, who enters or leaves the top priorities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from areaindex.i18n import t
from areaindex.views.indexview import IndexView


@dataclass(frozen=True)
class RankChanges:
    """Rank per unit under scenarios A and B, sorted by the size of the change."""

    table: pd.DataFrame  # index unit; name, rank_a, rank_b, change (B - A), status
    entering: tuple[str, ...]  # units in B's top k but not A's
    leaving: tuple[str, ...]  # units in A's top k but not B's


def rank_changes(a: IndexView, b: IndexView, k: int = 3) -> RankChanges:
    """Compare two index views of the same units.

    Parameters
    ----------
    a, b : IndexView
        The two scenarios (same level, so the same units).
    k : int, default 3
        Size of the top group.

    Returns
    -------
    RankChanges
        ``change`` is ``rank_b - rank_a``: negative means the area moves up
        (higher priority) in B. ``status`` is ``"in"`` (enters the top k),
        ``"out"`` (leaves it) or ``""``. Sorted by the absolute change, largest
        first, then by rank under A.
    """
    table = pd.DataFrame(
        {
            "name": a.table["name"],
            "rank_a": a.table["rank"].astype("Int64"),
            "rank_b": b.table["rank"].reindex(a.table.index).astype("Int64"),
        }
    )
    table["change"] = (table["rank_b"] - table["rank_a"]).astype("Int64")
    in_a = table["rank_a"] <= k
    in_b = table["rank_b"] <= k
    table["status"] = ""
    table.loc[in_b & ~in_a, "status"] = "in"
    table.loc[in_a & ~in_b, "status"] = "out"
    order = table.assign(size=table["change"].abs()).sort_values(
        ["size", "rank_a"], ascending=[False, True], na_position="last"
    )
    table = order.drop(columns=["size"])
    entering = tuple(table.index[table["status"] == "in"])
    leaving = tuple(table.index[table["status"] == "out"])
    return RankChanges(table, entering, leaving)


def summary_sentence(
    changes: RankChanges, names: Mapping[str, str], b_title: str, k: int, lang: str = "sv"
) -> str:
    """One sentence answering "who moves into or out of the top k with scenario B?"."""

    def listing(units: tuple[str, ...]) -> str:
        labels = [names.get(u, u) for u in units]
        if len(labels) <= 1:
            return "".join(labels)
        joiner = " och " if lang == "sv" else " and "
        return ", ".join(labels[:-1]) + joiner + labels[-1]

    if not changes.entering and not changes.leaving:
        return t("scenario.same_top", lang, k=k, b=b_title)
    return t(
        "scenario.moves",
        lang,
        b=b_title,
        k=k,
        entering=listing(changes.entering) or "–",
        leaving=listing(changes.leaving) or "–",
    )


def changes_table(
    changes: RankChanges, *, a_title: str, b_title: str, k: int = 3, lang: str = "sv"
) -> pd.DataFrame:
    """The rank changes as a display table."""
    status = {"in": t("scenario.status.in", lang), "out": t("scenario.status.out", lang), "": ""}

    def arrow(change: object) -> str:
        if pd.isna(change):
            return "–"
        change = int(change)
        if change < 0:
            return f"↑ {-change}"
        if change > 0:
            return f"↓ {change}"
        return "±0"

    table = changes.table
    return pd.DataFrame(
        {
            t("table.area", lang): table["name"],
            a_title: table["rank_a"],
            b_title: table["rank_b"],
            t("scenario.col.change", lang): [arrow(c) for c in table["change"]],
            t("scenario.col.top", lang, k=k): [status[s] for s in table["status"]],
        }
    ).reset_index(drop=True)

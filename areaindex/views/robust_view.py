"""How sure is the ranking: the robustness analysis as statements and tables for the page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from areaindex.i18n import number, t


def statements(
    summary: pd.DataFrame,
    names: Mapping[str, str],
    units: Sequence[str],
    *,
    k: int,
    lang: str = "sv",
) -> list[str]:
    """Sentences like "Rosengård är bland de 3 mest prioriterade i 94 % av viktningarna".

    Parameters
    ----------
    summary : pandas.DataFrame
        :attr:`areaindex.index.robustness.RankUncertainty.summary`.
    names : mapping
        Unit id -> display name.
    units : sequence of str
        The units to describe (for example the current top ``k``), in order.
    k : int
        Size of the top group.
    lang : str
        Language.
    """
    out = []
    for unit in units:
        share = 100 * float(summary.at[unit, "top_k_share"])
        out.append(
            t(
                "robust.statement",
                lang,
                name=names.get(unit, unit),
                k=k,
                share=number(share, 0, lang),
            )
        )
    return out


def summary_table(
    summary: pd.DataFrame, names: Mapping[str, str], *, k: int, lang: str = "sv"
) -> pd.DataFrame:
    """The Monte-Carlo summary per area as a display table, in current rank order."""
    rows = summary.dropna(subset=["current_rank"]).copy()
    rows["name"] = [names.get(u, u) for u in rows.index]
    rows = rows.sort_values(["current_rank", "name"])
    return pd.DataFrame(
        {
            t("table.area", lang): rows["name"],
            t("robust.table.current", lang): rows["current_rank"].astype("Int64"),
            t("robust.table.median", lang): rows["median_rank"].astype("Int64"),
            t("robust.table.interval", lang): [
                f"{int(a)}–{int(b)}"
                for a, b in zip(rows["p05_rank"], rows["p95_rank"], strict=True)
            ],
            t("robust.table.topk", lang, k=k): [
                f"{number(100 * v, 0, lang)} %" for v in rows["top_k_share"]
            ],
        }
    ).reset_index(drop=True)


def leave_one_out_table(
    loo: pd.DataFrame,
    names: Mapping[str, str],
    dimension_names: Mapping[str, str],
    *,
    lang: str = "sv",
) -> pd.DataFrame:
    """Wide table: area, rank now, and its rank without each dimension (change in brackets)."""
    if loo.empty:
        return pd.DataFrame()
    current = loo.drop_duplicates("unit").set_index("unit")["current_rank"]
    order = current.sort_values(kind="mergesort").index
    table = pd.DataFrame(
        {
            t("table.area", lang): [names.get(u, u) for u in order],
            t("robust.table.current", lang): current.loc[order].astype("Int64").to_numpy(),
        }
    )
    for dim, rows in loo.groupby("dimension", sort=False):
        rows = rows.set_index("unit").loc[order]
        cells = []
        for new, shift in zip(rows["new_rank"], rows["rank_shift"], strict=True):
            if pd.isna(new):
                cells.append("–")
            else:
                sign = f"+{int(shift)}" if shift > 0 else (str(int(shift)) if shift < 0 else "±0")
                cells.append(f"{int(new)} ({sign})")
        table[t("robust.loo_without", lang, dim=dimension_names.get(dim, dim))] = cells
    return table

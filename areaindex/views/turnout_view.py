"""How approximate the turnout geography is, laid out for the data page.

The figures are computed by ``build`` (:func:`areaindex.sources.turnout.approximation_table`)
and read from the database; this module only picks a level, indicator and year
and formats them.
"""

from __future__ import annotations

import pandas as pd

from areaindex.i18n import number, t
from areaindex.store.dataset import Dataset


def approximation_summary(
    dataset: Dataset, level: str, indicator: str = "voter_turnout", year: int = 2022
) -> tuple[float, pd.DataFrame]:
    """The share of eligible voters whose district straddles a border of ``level``.

    Returns
    -------
    (share, table)
        The municipality-wide share in percent (NaN if unknown) and one row per
        unit of the level (columns ``unit, name, eligible, eligible_split,
        share_split``) in display order.
    """
    frame = dataset.turnout_approximation
    if frame.empty:
        return float("nan"), pd.DataFrame(
            columns=["unit", "name", "eligible", "eligible_split", "share_split"]
        )
    rows = frame[
        (frame["level"] == level) & (frame["indicator"] == indicator) & (frame["year"] == year)
    ]
    names = dataset.unit_names(level)
    order = {u: i for i, u in enumerate(dataset.unit_ids(level))}
    table = rows.assign(name=rows["unit"].map(names), order=rows["unit"].map(order))
    table = table.sort_values("order")[
        ["unit", "name", "eligible", "eligible_split", "share_split"]
    ].reset_index(drop=True)
    total = float(table["eligible"].sum())
    share = 100.0 * float(table["eligible_split"].sum()) / total if total > 0 else float("nan")
    return share, table


def not_placed(dataset: Dataset, election: str = "kommunval_2022") -> tuple[str, int, int] | None:
    """The rows of an election that are not places: (codes, eligible, voters), or None.

    Kept by ``prepare`` in the catalogue's meta (``val_ej_fordelade:<election>``).
    """
    text = dataset.meta.get(f"catalogue.val_ej_fordelade:{election}")
    if not text:
        return None
    codes, eligible, voters = (part.strip() for part in text.split(";"))
    return codes.replace(" ", ", "), int(eligible), int(voters)


def city_turnout(
    dataset: Dataset, indicator: str = "voter_turnout", year: int = 2022, election: str = ""
) -> tuple[float, float] | None:
    """Malmö's turnout from the areas' counts, and with the votes not placed added back.

    Returns
    -------
    (areas, all) in percent, or None when the data are missing.
    """
    election = election or "kommunval_2022"
    left = not_placed(dataset, election)
    rows = dataset.values.query(
        "level == 'kommun' and indicator == @indicator and year == @year and sex == 'total'"
    )
    if left is None or rows.empty:
        return None
    voters, eligible = float(rows["numerator"].iloc[0]), float(rows["denominator"].iloc[0])
    if eligible <= 0:
        return None
    return 100.0 * voters / eligible, 100.0 * (voters + left[2]) / (eligible + left[1])


def approximation_display(table: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """The per-area table with headings in the page language and numbers formatted."""
    return pd.DataFrame(
        {
            t("table.area", lang): table["name"],
            t("turnout.col.eligible", lang): [number(v, 0, lang) for v in table["eligible"]],
            t("turnout.col.split", lang): [number(v, 0, lang) for v in table["eligible_split"]],
            t("turnout.col.share", lang): [number(v, 1, lang) for v in table["share_split"]],
        }
    )

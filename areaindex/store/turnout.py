"""Election turnout in the committed format: the RegSO allocation and how approximate it is.

``prepare`` allocates the raw election results to RegSO (``areaindex.sources.turnout``)
and writes ``data/valdistrikt_regso.csv``; ``build`` reads it here and measures,
per level and unit, the share of eligible voters from districts that straddle a
border (:func:`split_share`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.data_errors import SourceError
from areaindex.store.longtable import read_committed_csv

ALLOCATION_FILE = "valdistrikt_regso.csv"  # under data/, written by prepare
ALLOCATION_COLUMNS = ("election", "year", "valdistriktskod", "regso", "share", "eligible", "voters")


@dataclass(frozen=True)
class TurnoutIndicator:
    """Which elections make up one turnout indicator (one election per year)."""

    indicator: str
    elections: tuple[str, ...]


TURNOUT_INDICATORS: tuple[TurnoutIndicator, ...] = (
    TurnoutIndicator("voter_turnout", ("kommunval_2022",)),
    TurnoutIndicator("voter_turnout_riksdag", ("riksdagsval_2018", "riksdagsval_2022")),
)


def split_share(allocation: pd.DataFrame, groups: Mapping[str, str] | pd.Series) -> pd.DataFrame:
    """How approximate the geography is at one level, per unit and election.

    A district *straddles* a border of the level when its eligible voters were
    allocated to more than one unit of the level. For each unit: its eligible
    voters, those of them that come from straddling districts, and that share
    in percent.

    Parameters
    ----------
    allocation : pandas.DataFrame
        Columns :data:`ALLOCATION_COLUMNS` (RegSO level).
    groups : mapping or pandas.Series
        RegSO code -> unit of the level.

    Returns
    -------
    pandas.DataFrame
        Columns ``election, unit, eligible, eligible_split, share_split``.
    """
    groups = pd.Series(groups)
    frame = allocation.assign(unit=allocation["regso"].map(groups))
    if frame["unit"].isna().any():
        raise ValueError(f"RegSO {frame.loc[frame['unit'].isna(), 'regso'].iloc[0]} saknar område")
    reached = frame.groupby(["election", "valdistriktskod"])["unit"].transform("nunique")
    frame["split"] = np.where(reached > 1, frame["eligible"], 0)
    sums = frame.groupby(["election", "unit"], sort=True)[["eligible", "split"]].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (100.0 * sums["split"] / sums["eligible"]).where(sums["eligible"] > 0)
    return pd.DataFrame(
        {
            "election": sums.index.get_level_values("election"),
            "unit": sums.index.get_level_values("unit"),
            "eligible": sums["eligible"].to_numpy(),
            "eligible_split": sums["split"].to_numpy(),
            "share_split": share.to_numpy(),
        }
    )


def read_allocation(path: str | Path, codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Read the committed allocation (``data/valdistrikt_regso.csv``).

    Raises
    ------
    SourceError
        If the file is missing, lacks a column, holds a non-count or (with
        ``codes``) a RegSO that is not on the map.
    """
    path = Path(path)
    frame = read_committed_csv(
        path, ALLOCATION_COLUMNS, dtype={"valdistriktskod": str, "regso": str, "election": str}
    )
    for column in ("year", "share", "eligible", "voters"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() | (numbers < 0)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise SourceError(
                path, f"{frame.iloc[row][column]!r} är inget antal", row=row, column=column
            )
        frame[column] = numbers
    if codes is not None:
        unknown = ~frame["regso"].isin(set(codes))
        if unknown.any():
            row = int(np.flatnonzero(unknown.to_numpy())[0])
            raise SourceError(
                path,
                f"RegSO {frame.iloc[row]['regso']!r} finns inte på kartan",
                row=row,
                column="regso",
            )
    return frame[list(ALLOCATION_COLUMNS)]


def approximation_table(allocation: pd.DataFrame, membership: pd.DataFrame) -> pd.DataFrame:
    """:func:`split_share` for every level and turnout indicator year (built into the database).

    Parameters
    ----------
    allocation : pandas.DataFrame
        The committed allocation (:func:`read_allocation`).
    membership : pandas.DataFrame
        Columns ``regso, level, unit`` (every level, the city included).

    Returns
    -------
    pandas.DataFrame
        Columns ``level, unit, indicator, year, eligible, eligible_split,
        share_split``.
    """
    # The election's year as prepare wrote it beside each row.
    years = allocation.drop_duplicates("election").set_index("election")["year"]
    parts = []
    for spec in TURNOUT_INDICATORS:
        rows = allocation[allocation["election"].isin(spec.elections)]
        for level, member in membership.groupby("level", sort=True):
            table = split_share(rows, member.set_index("regso")["unit"])
            table["year"] = table["election"].map(years)
            parts.append(table.assign(level=level, indicator=spec.indicator))
    columns = ["level", "unit", "indicator", "year", "eligible", "eligible_split", "share_split"]
    out = pd.concat(parts, ignore_index=True)[columns]
    return out.sort_values(columns[:4], ignore_index=True)

"""A planner's own indicator, added to the index for one session only.

The values come from an uploaded file (:mod:`areaindex.uploads`) and live in the
user's session: they are never written to the database and never shared. An
indicator uploaded per RegSO can be shown for larger areas: counts are summed,
shares and averages weighted by population (an approximation, marked as such).
An indicator uploaded for, say, the 14 areas exists only at that level.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from areaindex.index.method import Dimension, Indicator, Method, Text
from areaindex.store.catalogue import DIRECTIONS
from areaindex.store.dataset import Dataset

AGGREGATIONS = ("weighted_mean", "sum")


@dataclass(frozen=True)
class OwnIndicator:
    """One uploaded indicator: where it belongs in the index and its values."""

    id: str
    name: str
    dimension: str
    direction: str
    level: str
    values: tuple[tuple[str, float], ...]  # (unit id, value), NaN for missing
    unit: str = ""
    aggregation: str = "weighted_mean"

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS[:2]:
            raise ValueError(f"okänd riktning {self.direction!r}")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"okänd sammanvägning {self.aggregation!r}")

    @property
    def key(self) -> str:
        """Changes whenever anything about the indicator changes (for caches)."""
        text = repr((self.id, self.name, self.dimension, self.direction, self.level))
        text += repr((self.values, self.aggregation))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def own_values(own: OwnIndicator, dataset: Dataset, level: str) -> tuple[pd.Series, bool]:
    """The indicator's values for the units of ``level`` and whether they are approximate.

    Values uploaded per RegSO are combined into larger areas (sum, or mean
    weighted by the latest population); values uploaded for another level are
    missing at every other level.
    """
    units = dataset.unit_ids(level)
    values = pd.Series(dict(own.values), dtype=float)
    if own.level == level:
        return values.reindex(units), False
    if own.level != "regso":
        return pd.Series(np.nan, index=units, dtype=float), False
    groups = dataset.membership.get(level, {})
    pop = dataset.units[dataset.units["level"] == "regso"].set_index("unit")["population"]
    out = {}
    for unit in units:
        members = [r for r in groups.get(unit, []) if r in values.index]
        v = values.reindex(members)
        present = v.notna()
        if not present.any():
            out[unit] = np.nan
        elif own.aggregation == "sum":
            out[unit] = float(v.sum()) if present.all() else np.nan
        else:
            w = pop.reindex(members)[present]
            out[unit] = float((v[present] * w).sum() / w.sum()) if w.sum() > 0 else np.nan
    return pd.Series(out, dtype=float).reindex(units), own.aggregation != "sum"


def with_own_indicators(
    method: Method, own: Sequence[OwnIndicator], titles: dict[str, Text]
) -> Method:
    """The method with every own indicator added to its dimension.

    A dimension the method lacks (dropped because it had only illustrative
    values, say) is added with weight 0; the user's slider sets its weight.
    """
    dims = list(method.dimensions)
    for item in own:
        ref = Indicator(column=item.id, direction=item.direction, title=Text(item.name, item.name))
        for i, dim in enumerate(dims):
            if dim.id == item.dimension:
                dims[i] = replace(dim, indicators=(*dim.indicators, ref))
                break
        else:
            title = titles.get(item.dimension, Text(item.dimension, item.dimension))
            dims.append(Dimension(item.dimension, title, 0.0, (ref,)))
    return replace(method, dimensions=tuple(dims))


def next_id(own: Sequence[OwnIndicator]) -> str:
    """A column id for a new own indicator that no other indicator uses."""
    used = {o.id for o in own}
    n = 1
    while f"egen_{n}" in used:
        n += 1
    return f"egen_{n}"

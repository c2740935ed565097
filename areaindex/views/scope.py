"""Which areas a view covers: Malmö's levels, another municipality's RegSO, or all of Sweden.

Malmö (1280) has the full dataset: 14 areas, historical stadsdelar and
stadsområden, RegSO, and illustrative indicators. Every other municipality, and
the whole country, has SCB's official indicators per RegSO only.
"""

from __future__ import annotations

from dataclasses import dataclass

from areaindex.store.dataset import Dataset
from areaindex.store.divisions import CITY_LEVEL, CITY_UNIT

MALMO = CITY_UNIT  # "1280"
SWEDEN = "sverige"
NATIONAL_LEVEL = "sverige"
NATIONAL_KOMMUN_LEVEL = "sverige_kommun"
OVERVIEW_SHAPES = "sverige_oversikt"


@dataclass(frozen=True)
class Scope:
    """Where the view's units come from and how they are drawn."""

    kommun: str  # municipality code or "sverige"
    level: str  # the level of the units' values
    shapes: str  # the level of the shapes drawn
    units: tuple[str, ...] | None  # a subset of the level's units, None for all
    city: tuple[str, str] | None  # (level, unit) of the "city value", None for Sweden

    @property
    def is_malmo(self) -> bool:
        """True for Malmö's own levels (with the 14 areas and illustrative data)."""
        return self.kommun == MALMO

    @property
    def official_only(self) -> bool:
        """Outside Malmö only official statistics exist."""
        return not self.is_malmo


def scope_of(dataset: Dataset, kommun: str, level: str) -> Scope:
    """The scope of a view: municipality (or all of Sweden) and geographic level.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    kommun : str
        ``"1280"`` (Malmö), another municipality code, or ``"sverige"``.
    level : str
        Malmö's level; ignored elsewhere, where RegSO is the only level.
    """
    if kommun == MALMO:
        return Scope(MALMO, level, level, None, (CITY_LEVEL.id, CITY_UNIT))
    if kommun == SWEDEN:
        return Scope(SWEDEN, NATIONAL_LEVEL, OVERVIEW_SHAPES, None, None)
    units = dataset.units
    subset = units[(units["level"] == NATIONAL_LEVEL) & (units["kommun"] == kommun)]
    ordered = tuple(subset.sort_values("unit_order")["unit"])
    return Scope(kommun, NATIONAL_LEVEL, NATIONAL_LEVEL, ordered, (NATIONAL_KOMMUN_LEVEL, kommun))


def kommun_names(dataset: Dataset) -> dict[str, str]:
    """Municipality code -> name, Malmö first, then alphabetical."""
    units = dataset.units[dataset.units["level"] == NATIONAL_KOMMUN_LEVEL]
    names = dict(zip(units["unit"], units["name"], strict=True))
    order = sorted(names, key=lambda code: (code != MALMO, names[code].casefold()))
    return {code: names[code] for code in order}


def unit_names(dataset: Dataset, scope: Scope) -> dict[str, str]:
    """Unit id -> name for the units in scope (a municipality's RegSO without its name)."""
    names = dataset.unit_names(scope.level)
    if scope.units is None:
        return names
    # Inside one municipality its name in brackets only repeats itself.
    return {u: names[u].rsplit(" (", 1)[0] for u in scope.units}

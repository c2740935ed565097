"""The indicator catalogue: what every indicator is, where it comes from, how it aggregates.

The catalogue is committed as ``data/catalogue.toml``, written by ``prepare``
from the definitions in :mod:`areaindex.sources.official` and
:mod:`areaindex.sources.illustrative`, and read by ``build`` and the app. Every number on
screen is traced through it to its source, year and definition.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from areaindex.data_errors import SourceError

DIRECTIONS = ("higher_is_need", "lower_is_need", "none")
STATUSES = ("official", "illustrative")
KINDS = ("outcome", "operational", "context", "reference")
AGGREGATIONS = ("ratio", "sum", "weighted_mean", "weighted_median", "categorical")
SEXES = ("total", "women", "men")
CITY_LEVEL_ID = "kommun"  # areaindex.store.divisions.CITY_LEVEL; the whole municipality is exact


@dataclass(frozen=True)
class Dimension:
    """A dimension of the index (delaktighet, utbildning, …)."""

    id: str
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    proposed_by: str

    def name(self, lang: str = "sv") -> str:
        """Name in Swedish (``sv``) or English (``en``)."""
        return self.name_en if lang == "en" else self.name_sv

    def description(self, lang: str = "sv") -> str:
        """Description in Swedish (``sv``) or English (``en``)."""
        return self.description_en if lang == "en" else self.description_sv


@dataclass(frozen=True)
class Indicator:
    """One indicator and everything needed to trace and aggregate it.

    ``aggregation`` says how RegSO values combine into larger areas:

    - ``ratio``: sum numerators and denominators, value = scale · Σnum / Σden (exact);
    - ``sum``: sum of values (counts, exact);
    - ``weighted_mean`` / ``weighted_median``: mean of values weighted by the
      denominator (a population); only an approximation of the true mean or
      median of the larger area, and marked as such;
    - ``categorical``: a class that exists only for the source unit.

    ``approximate_geography`` marks values moved onto RegSO from another
    geography by area shares (election turnout from valdistrikt): approximate
    for every area but the whole municipality.
    """

    id: str
    name_sv: str
    name_en: str
    definition_sv: str
    definition_en: str
    dimension: str
    direction: str
    unit: str
    source: str
    years: tuple[int, ...]
    status: str
    kind: str
    aggregation: str
    scale: float = 1.0
    decimals: int = 1
    source_geography: str = "RegSO"
    sexes: tuple[str, ...] = ("total",)
    licence: str = "CC0"
    note_sv: str = ""
    note_en: str = ""
    weight_basis: str = ""
    approximate_geography: bool = False

    @property
    def illustrative(self) -> bool:
        """True when the values are modelled, not published statistics."""
        return self.status == "illustrative"

    def name(self, lang: str = "sv") -> str:
        """Name in Swedish (``sv``) or English (``en``)."""
        return self.name_en if lang == "en" else self.name_sv

    def definition(self, lang: str = "sv") -> str:
        """Definition in Swedish (``sv``) or English (``en``)."""
        return self.definition_en if lang == "en" else self.definition_sv

    def approximate_at(self, level: str) -> bool:
        """Whether values of this indicator at ``level`` are approximations."""
        if self.approximate_geography and level != CITY_LEVEL_ID:
            return True
        if self.aggregation == "weighted_median":
            return True  # medians never aggregate exactly, not even DeSO -> RegSO
        return self.aggregation == "weighted_mean" and level != "regso"


@dataclass(frozen=True)
class Catalogue:
    """All dimensions and indicators, in display order."""

    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    meta: Mapping[str, str] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (``KeyError`` if unknown)."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id (``KeyError`` if unknown)."""
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Indicator ids in display order."""
        return tuple(ind.id for ind in self.indicators)

    def in_dimension(self, dimension_id: str) -> tuple[Indicator, ...]:
        """Indicators of one dimension."""
        return tuple(ind for ind in self.indicators if ind.dimension == dimension_id)


def validate(catalogue: Catalogue, path: str | Path = "data/catalogue.toml") -> None:
    """Check internal consistency; raise :class:`SourceError` naming the entry at fault."""
    dim_ids = [d.id for d in catalogue.dimensions]
    if len(set(dim_ids)) != len(dim_ids):
        raise SourceError(path, "dubbla dimensions-id (duplicate dimension ids)")
    seen: set[str] = set()
    allowed_dims = {*dim_ids, "context", "reference"}
    for ind in catalogue.indicators:
        where = f"indicators.{ind.id}"
        if ind.id in seen:
            raise SourceError(path, f"{where}: id förekommer två gånger (duplicate id)")
        seen.add(ind.id)
        checks = [
            (ind.dimension in allowed_dims, "dimension", ind.dimension),
            (ind.direction in DIRECTIONS, "direction", ind.direction),
            (ind.status in STATUSES, "status", ind.status),
            (ind.kind in KINDS, "kind", ind.kind),
            (ind.aggregation in AGGREGATIONS, "aggregation", ind.aggregation),
            (set(ind.sexes) <= set(SEXES) and "total" in ind.sexes, "sexes", ind.sexes),
            (len(ind.years) > 0, "years", ind.years),
        ]
        for ok, key, value in checks:
            if not ok:
                raise SourceError(path, f"{where}.{key}: ogiltigt värde {value!r}")
        in_index = ind.dimension in dim_ids
        if in_index and ind.direction == "none":
            raise SourceError(path, f"{where}.direction: en indexindikator måste ha riktning")
        if ind.aggregation in ("weighted_mean", "weighted_median") and not ind.weight_basis:
            raise SourceError(path, f"{where}.weight_basis: vikt saknas för medelvärde")


def catalogue_to_toml(catalogue: Catalogue, header: str = "") -> str:
    """Serialise the catalogue as TOML (the committed ``data/catalogue.toml``)."""
    doc: dict[str, Any] = {
        "meta": dict(catalogue.meta),
        "dimensions": {d.id: _without_id(asdict(d)) for d in catalogue.dimensions},
        "indicators": {
            i.id: {
                k: list(v) if isinstance(v, tuple) else v for k, v in _without_id(asdict(i)).items()
            }
            for i in catalogue.indicators
        },
    }
    text = tomli_w.dumps(doc)
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + ("\n" if comment else "") + text


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate a catalogue TOML file.

    Raises
    ------
    SourceError
        If the file is missing, is not valid TOML, or an entry is invalid; the
        message names the entry and key.
    """
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(path, f"ogiltig TOML: {exc}") from exc
    dims = tuple(
        _build(Dimension, {"id": key, **value}, path, f"dimensions.{key}")
        for key, value in doc.get("dimensions", {}).items()
    )
    inds = tuple(
        _build(Indicator, {"id": key, **value}, path, f"indicators.{key}")
        for key, value in doc.get("indicators", {}).items()
    )
    catalogue = Catalogue(dims, inds, doc.get("meta", {}))
    validate(catalogue, path)
    return catalogue


def _without_id(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "id"}


def _build(cls: type, record: dict[str, Any], path: Path, where: str) -> Any:
    names = {f.name for f in fields(cls)}
    unknown = set(record) - names
    if unknown:
        raise SourceError(path, f"{where}: okända nycklar {sorted(unknown)}")
    try:
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in record.items()}
        return cls(**values)
    except TypeError as exc:
        raise SourceError(path, f"{where}: {exc}") from exc


def merge(parts: Iterable[Catalogue], meta: Mapping[str, str] | None = None) -> Catalogue:
    """Join catalogues (official and illustrative) into one, keeping order."""
    dims: list[Dimension] = []
    inds: list[Indicator] = []
    for part in parts:
        dims += [d for d in part.dimensions if d.id not in {x.id for x in dims}]
        inds += list(part.indicators)
    return Catalogue(tuple(dims), tuple(inds), dict(meta or {}))

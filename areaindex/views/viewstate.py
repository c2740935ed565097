"""From a URL state and the dataset to the view: one path for the pages and the report.

The pages (through :mod:`ui.core`, which adds caching) and ``python -m areaindex
report`` both turn a :class:`~areaindex.views.urlstate.ViewState` into a dimension
table and an :class:`~areaindex.views.indexview.IndexView` with these functions, so a
link gives the same ranking on screen and on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from areaindex.index.index_rules import slider_weights
from areaindex.index.method import Method
from areaindex.store.dataset import Dataset
from areaindex.store.divisions import LEVEL_IDS
from areaindex.uploads.own import OwnIndicator
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    DimensionTable,
    IndexView,
    dimension_table,
    index_view,
)
from areaindex.views.reference_lists import reference_choices
from areaindex.views.scope import NATIONAL_LEVEL, SWEDEN, Scope, kommun_names, scope_of, unit_names
from areaindex.views.urlstate import Choices, Notice, ViewState, parse_query


def default_state(presets: Mapping[str, Method], dimensions: Sequence[str]) -> ViewState:
    """The view with no URL parameters: the city office's proposal on the 14 areas."""
    method = presets[DEFAULT_METHOD]
    return ViewState(weights=slider_weights(method.weights, dimensions), preset=method.id)


def choices(dataset: Dataset, presets: Mapping[str, Method]) -> Choices:
    """What URL parameters may select."""
    return Choices(
        dimensions=[d.id for d in dataset.catalogue.dimensions],
        presets=list(presets),
        levels=list(LEVEL_IDS),
        years=dataset.years(),
        areas={lvl: dataset.unit_ids(lvl) for lvl in (*LEVEL_IDS, NATIONAL_LEVEL)},
        kommuner=[*kommun_names(dataset), SWEDEN],
        references=reference_choices(dataset),
    )


@dataclass(frozen=True)
class TableRequest:
    """Everything a dimension table depends on (the pages cache by these fields)."""

    method: Method
    level: str
    year: int | None
    sex: str
    official_only: bool
    units: tuple[str, ...] | None
    kommun: str


def table_request(
    dataset: Dataset,
    state: ViewState,
    method: Method,
    *,
    level: str | None = None,
    year: int | str | None = "view",
) -> TableRequest:
    """What to compute for ``state`` with ``method``.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    state : ViewState
        The view.
    method : Method
        The method (the view's, or another preset for a comparison).
    level : str, optional
        Another level of Malmö (the area profile's RegSO); all its units.
    year : int or None or "view"
        Another year (the area profile's trend); ``"view"`` keeps the view's.
    """
    scope = scope_of(dataset, state.kommun, state.level)
    units = scope.units if level is None else None
    return TableRequest(
        method=method,
        level=level or scope.level,
        year=state.year if year == "view" else year,
        sex=state.sex,
        official_only=state.official_only or scope.official_only,
        units=units,
        kommun=scope.kommun if units is not None else "",
    )


def build_table(
    dataset: Dataset, request: TableRequest, own: Sequence[OwnIndicator] = ()
) -> DimensionTable:
    """The dimension table of a request; a chosen year means fixed goalposts (follow-up)."""
    return dimension_table(
        dataset,
        request.method,
        request.level,
        year=request.year,
        sex=request.sex,
        official_only=request.official_only,
        over_time=request.year is not None,
        own=tuple(own),
        units=request.units,
    )


@dataclass(frozen=True)
class StateView:
    """A view computed from a URL state."""

    state: ViewState
    defaults: ViewState
    method: Method
    scope: Scope
    names: dict[str, str]
    table: DimensionTable
    view: IndexView


def view_from_state(
    dataset: Dataset,
    presets: Mapping[str, Method],
    state: ViewState,
    *,
    own: Sequence[OwnIndicator] = (),
    build: Callable[[Dataset, TableRequest, Sequence[OwnIndicator]], DimensionTable] = build_table,
) -> StateView:
    """Compute the view of ``state``, as the pages do.

    ``build`` makes the dimension table (a caller may pass a caching version of
    :func:`build_table`).

    Raises
    ------
    ScoringError
        When every weight in play is zero.
    """
    method = presets[state.preset]
    scope = scope_of(dataset, state.kommun, state.level)
    names = unit_names(dataset, scope)
    table = build(dataset, table_request(dataset, state, method), own)
    view = index_view(table, state.weights, names, dataset.catalogue)
    defaults = default_state(presets, [d.id for d in dataset.catalogue.dimensions])
    return StateView(state, defaults, method, scope, names, table, view)


@dataclass(frozen=True)
class Link:
    """A view's link taken apart: the page's address (may be empty) and its parameters."""

    base: str  # scheme://host/path without the query, "" for a bare query string
    page: str  # the page's path name ("" for the main page, "scenarier", "omrade", …)
    params: dict[str, str]


def split_link(text: str) -> Link:
    """Read a view's link (``http://…/omrade?w_x=3&…``) or a bare query string.

    A bare query string may start with ``?``. A key given several times counts
    with its last value, as in :func:`~areaindex.views.urlstate.parse_query`.

    Raises
    ------
    ValueError
        When the text holds no parameter at all (``key=value``).
    """
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme and parts.netloc:
        base = f"{parts.scheme}://{parts.netloc}{parts.path}"
        page = parts.path.strip("/").rsplit("/", 1)[-1]
        query = parts.query
    else:
        base, page = "", ""
        query = text[1:] if text.startswith("?") else text
    params = dict(parse_qsl(query, keep_blank_values=True))
    if not params and query.strip():
        raise ValueError(f"ingen parameter (nyckel=värde) i {text[:60]!r}")
    return Link(base, page, params)


def state_from_params(
    params: Mapping[str, str], dataset: Dataset, presets: Mapping[str, Method]
) -> tuple[ViewState, list[Notice]]:
    """The view state of query parameters, with the notices the page would show."""
    defaults = default_state(presets, [d.id for d in dataset.catalogue.dimensions])
    return parse_query(params, defaults, choices(dataset, presets))

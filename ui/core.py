"""Cached data, the view state (session <-> URL) and page set-up for every page."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from areaindex import build as db_build
from areaindex.dataset import Dataset, load_dataset
from areaindex.divisions import LEVEL_IDS
from areaindex.i18n import t
from areaindex.indexview import DEFAULT_METHOD, DimensionTable, dimension_table, load_presets
from areaindex.method import Method
from areaindex.urlstate import Choices, Notice, ViewState, parse_query, to_query

ROOT = Path(__file__).resolve().parent.parent
STATE_KEY = "_view"
NOTICES_KEY = "_url_notices"


def database_path() -> Path:
    """The database file: ``$AREAINDEX_DB`` or ``indicators.duckdb`` in the project root."""
    return Path(os.environ.get("AREAINDEX_DB", ROOT / "indicators.duckdb"))


@st.cache_resource(show_spinner="Bygger databasen första gången …")
def get_dataset() -> Dataset:
    """The dataset, loaded once per server process; built first if the file is missing."""
    path = database_path()
    if not path.exists():
        db_build.build(path)
    return load_dataset(path)


@st.cache_resource
def get_presets() -> dict[str, Method]:
    """The dashboard's preset methods (``methods/malmo_*.toml``)."""
    return load_presets()


@st.cache_resource(max_entries=64)
def get_dimension_table(
    preset: str, level: str, year: int | None, sex: str, official_only: bool
) -> DimensionTable:
    """Normalised indicators and dimension scores, cached per view (not per weights)."""
    return dimension_table(
        get_dataset(),
        get_presets()[preset],
        level,
        year=year,
        sex=sex,
        official_only=official_only,
    )


@dataclass(frozen=True)
class Context:
    """What every page needs: data, presets, the current view and its defaults."""

    dataset: Dataset
    presets: dict[str, Method]
    state: ViewState
    defaults: ViewState

    @property
    def lang(self) -> str:
        """The page language."""
        return self.state.lang

    def tr(self, key: str, **fields: object) -> str:
        """Translate a text key into the page language."""
        return t(key, self.state.lang, **fields)


def default_state(presets: dict[str, Method], dimensions: list[str]) -> ViewState:
    """The view with no URL parameters: the city office's proposal on the 14 areas."""
    method = presets[DEFAULT_METHOD]
    weights = {d: round(method.weights.get(d, 0)) for d in dimensions}
    return ViewState(weights=weights, preset=method.id)


def choices(dataset: Dataset, presets: dict[str, Method]) -> Choices:
    """What URL parameters may select."""
    return Choices(
        dimensions=[d.id for d in dataset.catalogue.dimensions],
        presets=list(presets),
        levels=list(LEVEL_IDS),
        years=dataset.years(),
        areas={lvl: dataset.unit_ids(lvl) for lvl in LEVEL_IDS},
    )


def context() -> Context:
    """Load data and the view state; on a session's first run, read the view from the URL."""
    dataset = get_dataset()
    presets = get_presets()
    defaults = default_state(presets, [d.id for d in dataset.catalogue.dimensions])
    if STATE_KEY not in st.session_state:
        state, notices = parse_query(st.query_params.to_dict(), defaults, choices(dataset, presets))
        st.session_state[STATE_KEY] = state
        st.session_state[NOTICES_KEY] = notices
    return Context(dataset, presets, st.session_state[STATE_KEY], defaults)


def set_state(ctx: Context, **changes: object) -> Context:
    """Change the view (and remember it for the session)."""
    state = replace(ctx.state, **changes)
    st.session_state[STATE_KEY] = state
    return replace(ctx, state=state)


def sync_url(ctx: Context) -> None:
    """Write the view into the address bar, so a copied link restores it."""
    wanted = to_query(ctx.state, ctx.defaults)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def url_notices(ctx: Context) -> list[Notice]:
    """Invalid URL values found when the session started (shown once)."""
    return st.session_state.pop(NOTICES_KEY, [])

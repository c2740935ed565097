"""Cached data, the view state (session <-> URL) and page set-up for every page."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import NoReturn

import pandas as pd
import streamlit as st

from areaindex.errors import ScoringError
from areaindex.i18n import t
from areaindex.index.method import Method, method_to_toml
from areaindex.index.robustness import rank_uncertainty, top_k_shares
from areaindex.store.dataset import Dataset, load_dataset
from areaindex.store.reference_lists import SCB
from areaindex.uploads.own import OwnIndicator
from areaindex.views.indexview import (
    DimensionTable,
    IndexView,
    index_view,
    indicators_at,
    load_presets,
)
from areaindex.views.reference import ReferenceLayer, reference_layer
from areaindex.views.reference_lists import list_layer
from areaindex.views.scope import Scope, scope_of
from areaindex.views.scope import unit_names as scope_unit_names
from areaindex.views.urlstate import LANGS, Notice, ViewState, parse_query, to_query
from areaindex.views.viewstate import (
    TableRequest,
    build_table,
    choices,
    default_state,
    table_request,
)
from ui import memo

ROOT = Path(__file__).resolve().parent.parent
STATE_KEY = "_view"
NOTICES_KEY = "_url_notices"
UPLOADED_KEY = "_uploaded_methods"
OWN_KEY = "_own_indicators"


def publish_static(folder: str, stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` under ``static/<folder>/`` with a hash of it in the name; return its URL.

    Streamlit serves ``static/`` (``enableStaticServing``); a name that changes
    with the content means a browser never uses a stale copy and may cache it.
    """
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = f"{stem}-{digest}{suffix}"
    target = static_path() / folder / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # atomic: another process may write the same file
    return f"/app/static/{folder}/{name}"


def static_path() -> Path:
    """The folder Streamlit serves at ``/app/static``: ``$AREAINDEX_STATIC`` or ``static/``.

    Streamlit serves ``static/`` beside the script it runs; tests run the app from
    a throw-away tree (``testkit.server.app_tree``) and point this at its folder.
    """
    return Path(os.environ.get("AREAINDEX_STATIC", ROOT / "static"))


def database_path() -> Path:
    """The database file: ``$AREAINDEX_DB`` or ``indicators.duckdb`` in the project root."""
    return Path(os.environ.get("AREAINDEX_DB", ROOT / "indicators.duckdb"))


def get_dataset() -> Dataset:
    """The dataset, loaded once per server process.

    A page never builds the database (``make run`` or the launcher ``ui.serve``
    does): without one it says how to build it, in both languages, and stops.
    """
    path = database_path()
    if not path.exists():
        st.error(
            "\n\n".join(t("database.missing", lang, path=path) for lang in LANGS),
            icon="⚠️",
        )
        st.stop()
    return _load_dataset(str(path))


@st.cache_resource
def _load_dataset(path: str) -> Dataset:
    # Loaded again (first use, or Streamlit's caches were cleared): what the memos
    # remember was computed from the old data.
    memo.clear_all()
    return load_dataset(Path(path))


@st.cache_resource
def get_presets() -> dict[str, Method]:
    """The dashboard's preset methods (``methods/malmo_*.toml``)."""
    return load_presets()


@functools.lru_cache(maxsize=256)
def method_key(method: Method) -> str:
    """A cache key that changes whenever anything in the method changes.

    Remembered per method (a frozen, hashable value): writing the TOML text is
    a few milliseconds, asked for on every slider move.
    """
    return f"{method.id}:{hashlib.sha256(method_to_toml(method).encode()).hexdigest()[:16]}"


@st.cache_resource(max_entries=64)
def _dimension_table(
    _request: TableRequest,
    key: str,
    level: str,
    year: int | None,
    sex: str,
    official_only: bool,
    _own: tuple[OwnIndicator, ...] = (),
    own_key: str = "",
    units_key: str = "",
) -> DimensionTable:
    return build_table(get_dataset(), _request, _own)


def get_dimension_table(
    ctx: Context,
    *,
    method: Method | None = None,
    level: str | None = None,
    year: int | str | None = "view",
) -> DimensionTable:
    """Normalised indicators and dimension scores, cached (not per weights).

    By default for the view's method, level and year; pages comparing methods,
    levels or years pass them explicitly. The request is made by
    :func:`areaindex.views.viewstate.table_request`, as the PDF report's is.
    """
    request = table_request(ctx.dataset, ctx.state, method or ctx.method, level=level, year=year)
    own = own_indicators()
    return _dimension_table(
        request,
        method_key(request.method),
        request.level,
        request.year,
        request.sex,
        request.official_only,
        own,
        ",".join(o.key for o in own),
        request.kommun,
    )


def stop_page(ctx: Context, message: str) -> NoReturn:
    """Say why the page cannot go on, keep the URL in step with the view, end this run."""
    st.info(message, icon="ℹ️")
    sync_url(ctx)
    st.stop()


def get_view(ctx: Context) -> tuple[DimensionTable, IndexView]:
    """The view's dimension table and index; with every weight at zero, say so and stop."""
    table = get_dimension_table(ctx)
    try:
        view = index_view(table, ctx.state.weights, ctx.names, ctx.dataset.catalogue)
    except ScoringError:
        stop_page(ctx, ctx.tr("weights.all_zero"))
    return table, view


@memo.memo(max_entries=64)
def _unit_names(kommun: str, level: str) -> dict[str, str]:
    """Unit names of a scope, once per process (never changed: callers get a copy)."""
    dataset = get_dataset()
    return scope_unit_names(dataset, scope_of(dataset, kommun, level))


@memo.memo(max_entries=16)
def _indicators_at(level: str) -> frozenset[str]:
    return indicators_at(get_dataset(), level)


def present_indicators(ctx: Context) -> frozenset[str]:
    """The indicators with values at the view's level, once per process (a scan of every value)."""
    if ctx.dataset is not get_dataset():
        return indicators_at(ctx.dataset, ctx.scope.level)
    return _indicators_at(ctx.scope.level)


def own_indicators() -> tuple[OwnIndicator, ...]:
    """The user's own indicators in this session (never stored, never shared)."""
    return tuple(st.session_state.get(OWN_KEY, ()))


@st.cache_resource(max_entries=64)
def _reference_layer(level: str, lang: str, units: tuple[str, ...] | None, kommun: str):
    return reference_layer(get_dataset(), level, lang, units=list(units) if units else None)


def get_reference_layer(ctx: Context) -> ReferenceLayer:
    """The reference layer (SCB's area type) for the view's units, once per process.

    It does not depend on the weights, so a slider move never recomputes it.
    """
    scope = ctx.scope
    return _reference_layer(scope.level, ctx.lang, scope.units, ctx.state.kommun)


@st.cache_resource(max_entries=64)
def _list_layer(list_year: str, level: str, lang: str) -> ReferenceLayer:
    return list_layer(get_dataset(), list_year, level, lang)


def get_list_layer(ctx: Context) -> ReferenceLayer | None:
    """The public list chosen as reference layer (Malmö only), or None for SCB's area type."""
    if ctx.state.ref == SCB or not ctx.scope.is_malmo:
        return None
    return _list_layer(ctx.state.ref, ctx.scope.level, ctx.lang)


# A resource, not data: the same summary object for every caller (they only read
# it), without copying it through pickle on every slider move.
@memo.memo(max_entries=256)
def _robustness(
    _dims: DimensionTable,
    key: tuple,
    weights: tuple[tuple[str, float], ...],
    k: int,
    n_draws: int,
    mode: str,
    spread: float,
    top_only: bool,
) -> pd.DataFrame:
    scores = _dims.scores
    in_play = {d: w for d, w in weights if d in scores.columns}
    agg = _dims.method.aggregation
    options = dict(
        k=k,
        n_draws=n_draws,
        mode=mode,
        spread=spread,
        seed=0,
        how=agg.across,
        min_share=agg.min_share,
        decimals=agg.decimals,
    )
    if top_only:
        return top_k_shares(scores, in_play, **options)
    return rank_uncertainty(scores, in_play, **options).summary


def get_robustness(
    ctx: Context,
    dims: DimensionTable,
    *,
    k: int = 3,
    n_draws: int = 10_000,
    mode: str = "perturb",
    spread: float = 0.25,
    top_only: bool = False,
) -> pd.DataFrame:
    """Monte-Carlo rank summary around the current weights, cached per view and weights.

    ``top_only``: only ``current_rank`` and ``top_k_share`` (the same figures,
    several times less work), for the map page's box after every slider move.
    """
    state = ctx.state
    key = (
        method_key(ctx.method),
        state.kommun,
        state.level,
        state.year,
        state.sex,
        state.official_only,
        tuple(o.key for o in own_indicators()),
    )
    weights = tuple(sorted((d, float(w)) for d, w in state.weights.items()))
    return _robustness(dims, key, weights, k, n_draws, mode, spread, top_only)


@dataclass(frozen=True)
class Context:
    """What every page needs: data, presets, the current view and its defaults."""

    dataset: Dataset
    presets: dict[str, Method]
    state: ViewState
    defaults: ViewState

    @property
    def method(self) -> Method:
        """The method (preset or uploaded) behind the view."""
        return self.presets[self.state.preset]

    # Computed once per context (a context lives for one state of the view): pages
    # ask for them many times in a run.
    @cached_property
    def scope(self) -> Scope:
        """Malmö's levels, another municipality's RegSO or all of Sweden."""
        return scope_of(self.dataset, self.state.kommun, self.state.level)

    @cached_property
    def names(self) -> dict[str, str]:
        """Unit id -> name of the units in the view (a copy: callers may change it)."""
        if self.dataset is not get_dataset():
            return scope_unit_names(self.dataset, self.scope)
        return dict(_unit_names(self.state.kommun, self.state.level))

    @property
    def level_id(self) -> str:
        """The level of the view's units (``sverige`` outside Malmö)."""
        return self.scope.level

    @property
    def lang(self) -> str:
        """The page language."""
        return self.state.lang

    def tr(self, key: str, **fields: object) -> str:
        """Translate a text key into the page language."""
        return t(key, self.state.lang, **fields)


def context() -> Context:
    """Load data and the view state; on a session's first run, read the view from the URL."""
    dataset = get_dataset()
    presets = {**get_presets(), **st.session_state.get(UPLOADED_KEY, {})}
    defaults = default_state(get_presets(), [d.id for d in dataset.catalogue.dimensions])
    if STATE_KEY not in st.session_state:
        state, notices = parse_query(st.query_params.to_dict(), defaults, choices(dataset, presets))
        st.session_state[STATE_KEY] = state
        st.session_state[NOTICES_KEY] = notices
    return Context(dataset, presets, st.session_state[STATE_KEY], defaults)


def bind(key: str, field: str, value: object) -> dict[str, object]:
    """Load a widget from the view state and keep the view state updated from it.

    Streamlit forgets a widget's value when a page does not draw it, so the
    view state (kept under its own key) is the truth: the widget is loaded from
    it before it is drawn, and its ``on_change`` callback (which runs before the
    next script run) writes the user's change back. ``field`` is a ViewState
    field, or ``weights.<dimension>``.

    Returns
    -------
    dict
        Keyword arguments for the widget call (``key``, ``on_change``, ``args``).
    """
    st.session_state[key] = value
    return {"key": key, "on_change": _store, "args": (key, field)}


def _store(key: str, field: str) -> None:
    state: ViewState = st.session_state[STATE_KEY]
    value = st.session_state[key]
    if value is None and field in ("sex", "lang", "classes", "layer", "level"):
        return  # a segmented control or radio clicked off: keep the current choice
    if field.startswith("weights."):
        weights = {**state.weights, field.split(".", 1)[1]: int(value)}
        st.session_state[STATE_KEY] = replace(state, weights=weights)
    else:
        if isinstance(value, list):  # a multiselect: the view state keeps tuples
            value = tuple(value)
        st.session_state[STATE_KEY] = replace(state, **{field: value})


def current(ctx: Context) -> Context:
    """The context with the latest view state (after callbacks and clicks)."""
    return replace(ctx, state=st.session_state[STATE_KEY])


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


# Page script -> navigation label key. Streamlit discovers pages/*.py itself (its
# own menu is hidden in .streamlit/config.toml); this menu is translated.
PAGES = (
    ("app.py", "nav.map"),
    ("pages/scenarier.py", "nav.scenarios"),
    ("pages/omrade.py", "nav.profile"),
    ("pages/jamfor_omraden.py", "nav.compare_areas"),
    ("pages/robusthet.py", "nav.robustness"),
    ("pages/granskning.py", "nav.audit"),
    ("pages/metod.py", "nav.method"),
    ("pages/data_och_metod.py", "nav.data"),
)


def start_page(title_key: str) -> Context:
    """Set up a page: config, view state, language choice and the translated menu."""
    ctx = context()
    lang = ctx.state.lang
    # "auto": the sidebar starts closed on phones, open on larger screens.
    st.set_page_config(
        page_title=f"{t(title_key, lang)} – Områdesindex Malmö",
        layout="wide",
        initial_sidebar_state="collapsed" if ctx.state.present else "auto",
    )
    with st.sidebar:
        for script, key in PAGES:
            st.page_link(script, label=t(key, lang))
        st.divider()
        st.segmented_control(
            "Språk / Language",
            options=list(LANGS),
            format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
            **bind("lang", "lang", lang),
        )
    return ctx

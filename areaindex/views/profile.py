"""Key figures of one area beside the map: every indicator against the city value."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from areaindex.errors import ScoringError
from areaindex.i18n import number, t
from areaindex.index.index_rules import rank_descending
from areaindex.index.method import Method
from areaindex.store.catalogue import Catalogue, Indicator
from areaindex.store.dataset import Dataset, indicator_frame
from areaindex.store.divisions import CITY_LEVEL, CITY_UNIT
from areaindex.views.indexview import DimensionTable, IndexView, index_view

# Indicators with several years, drawn as trends in the area profile (page and report).
TREND_INDICATORS = (
    "mean_wage_income",
    "share_rented",
    "share_foreign_born",
    "population",
    "voter_turnout_riksdag",  # 2018 and 2022: the same kind of election both years
)
CONTEXT_IDS = ("population", "share_foreign_born", "share_children", "share_in_challenged_areas")


def format_value(indicator: Indicator, value: float | None, lang: str = "sv") -> str:
    """A value with its unit, e.g. ``"45,2 %"`` or ``"271,0 tkr"``."""
    if value is None or value != value:
        return "–"
    text = number(value, indicator.decimals, lang)
    unit = indicator.unit
    if unit == "%":
        return f"{text} %"
    if unit in ("personer",):
        return text
    return f"{text} {unit}"


def key_figures(
    dataset: Dataset,
    dims: DimensionTable,
    unit: str,
    level: str,
    *,
    year: int | None = None,
    sex: str = "total",
    lang: str = "sv",
    city: tuple[str, str] | None = (CITY_LEVEL.id, CITY_UNIT),
) -> pd.DataFrame:
    """One row per indicator of the index and per context indicator, for one area.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    dims : DimensionTable
        The current index's indicators (values, years, approximation flags).
    unit : str
        The area's id at ``level``.
    level : str
        Its level.
    year, sex, lang
        As in the view.
    city : (level, unit), optional
        Where the comparison value comes from (Malmö by default, the
        municipality for another municipality's RegSO); None leaves it out.

    Returns
    -------
    pandas.DataFrame
        Columns (in the page language): dimension, indicator, value, city value,
        year, note (approximate / illustrative), and ``indicator_id``.
    """
    catalogue = dataset.catalogue
    known = set(catalogue.ids)
    own_ids = [c for c in dims.method.indicator_columns if c not in known]
    method_ids = [c for c in dims.method.indicator_columns if c in known]
    context_ids = [i for i in CONTEXT_IDS if i not in method_ids]
    context = indicator_frame(
        dataset, level, year=year, indicators=context_ids, first_year_fallback=True
    )
    city_level, city_unit = city if city is not None else (CITY_LEVEL.id, CITY_UNIT)
    city_context = indicator_frame(
        dataset, city_level, year=year, indicators=context_ids, first_year_fallback=True
    ).values.reindex([city_unit])
    # The city value of each index indicator, for the same sex and year rule as the area's.
    split = [c for c in method_ids if sex in catalogue.indicator(c).sexes]
    parts = [
        indicator_frame(
            dataset, city_level, year=year, sex=s, indicators=ids, first_year_fallback=True
        ).values.reindex([city_unit])
        for s, ids in ((sex, split), ("total", [c for c in method_ids if c not in split]))
        if ids
    ]
    city_method = pd.concat(parts, axis=1)[method_ids]
    rows = []
    for frame, city_values, ids in (
        (dims.raw, city_method, method_ids),
        (context, city_context, context_ids),
    ):
        for ind_id in ids:
            ind = catalogue.indicator(ind_id)
            value = frame.values.at[unit, ind_id]
            year_used = frame.years.at[unit, ind_id]
            notes = []
            if bool(frame.approximate.at[unit, ind_id]):
                notes.append(t("area.approx", lang))
            if ind.illustrative:
                notes.append(t("area.illustrative", lang))
            if ind.dimension in ("context", "reference"):
                dimension = t(f"data.kind.{ind.kind}", lang).split(" (")[0]
            else:
                dimension = catalogue.dimension(ind.dimension).name(lang)
            rows.append(
                {
                    t("data.col.dimension", lang): dimension,
                    t("area.indicator", lang): ind.name(lang),
                    t("area.value", lang): format_value(ind, value, lang),
                    t("area.city", lang): (
                        format_value(ind, city_values.at[city_unit, ind_id], lang)
                        if city is not None
                        else "–"
                    ),
                    t("area.year", lang): "–" if pd.isna(year_used) else str(int(year_used)),
                    "": ", ".join(notes),
                    "indicator_id": ind_id,
                }
            )
    rows.extend(_own_rows(dims, unit, own_ids, lang))
    return pd.DataFrame(rows)


def _own_rows(dims: DimensionTable, unit: str, own_ids: list[str], lang: str) -> list[dict]:
    """Rows for the user's own indicators: value as uploaded, marked as own data."""
    titles = {ind.column: ind.title for d in dims.method.dimensions for ind in d.indicators}
    dimension_of = {ind.column: d for d in dims.method.dimensions for ind in d.indicators}
    rows = []
    for ind_id in own_ids:
        value = dims.raw.values.at[unit, ind_id]
        notes = [t("upload.badge", lang)]
        if bool(dims.raw.approximate.at[unit, ind_id]):
            notes.append(t("area.approx", lang))
        title = titles[ind_id]
        dim = dimension_of[ind_id].title
        rows.append(
            {
                t("data.col.dimension", lang): dim.en if lang == "en" else dim.sv,
                t("area.indicator", lang): title.en if lang == "en" else title.sv,
                t("area.value", lang): number(value, 2, lang),
                t("area.city", lang): "–",
                t("area.year", lang): "–",
                "": ", ".join(notes),
                "indicator_id": ind_id,
            }
        )
    return rows


def dimension_profile(
    view: IndexView, unit: str, dimension_names: dict[str, str], lang: str = "sv"
) -> pd.DataFrame:
    """The area's score (0–100) and rank in each dimension in play, with its weight."""
    rows = []
    for dim in view.dimensions:
        scores = view.table[f"score.{dim}"]
        rank = rank_descending(scores)
        rows.append(
            {
                t("data.col.dimension", lang): dimension_names.get(dim, dim),
                t("profile.score", lang): number(scores.at[unit], 1, lang),
                t("tooltip.rank", lang): "–" if pd.isna(rank.at[unit]) else str(int(rank.at[unit])),
                t("profile.weight", lang): f"{number(view.shares[dim], 0, lang)} %",
            }
        )
    return pd.DataFrame(rows)


def indicator_trend(
    dataset: Dataset,
    indicator: str,
    level: str,
    unit: str,
    *,
    sex: str = "total",
    city: tuple[str, str] | None = (CITY_LEVEL.id, CITY_UNIT),
) -> pd.DataFrame:
    """An indicator's value per year for one area and for the whole city (or municipality).

    Returns
    -------
    pandas.DataFrame
        Index: year; columns ``area`` and ``city``.
    """
    rows = dataset.values
    rows = rows[(rows["indicator"] == indicator) & (rows["sex"] == sex)]
    area = rows[(rows["level"] == level) & (rows["unit"] == unit)].set_index("year")["value"]
    if city is None:
        return pd.DataFrame({"area": area, "city": float("nan")}).sort_index()
    whole = rows[(rows["level"] == city[0]) & (rows["unit"] == city[1])]
    return pd.DataFrame({"area": area, "city": whole.set_index("year")["value"]}).sort_index()


def members(dataset: Dataset, level: str, unit: str) -> list[str]:
    """The RegSO that make up ``unit`` of ``level`` (itself at RegSO level)."""
    if level == "regso":
        return [unit]
    return dataset.membership.get(level, {}).get(unit, [])


def compare_figures(
    dataset: Dataset,
    dims: DimensionTable,
    units: list[str],
    level: str,
    *,
    year: int | None = None,
    sex: str = "total",
    lang: str = "sv",
    city: tuple[str, str] | None = (CITY_LEVEL.id, CITY_UNIT),
) -> pd.DataFrame:
    """Every indicator for several areas side by side, with the city value, year and notes.

    One column per area (named after it), values formatted with their units. The
    year column shows the year used; when areas differ in year for an indicator
    (they never do for published data), the years are listed.
    """
    names = dataset.unit_names(level)
    frames = [
        key_figures(dataset, dims, unit, level, year=year, sex=sex, lang=lang, city=city)
        for unit in units
    ]
    value, city, year_col = t("area.value", lang), t("area.city", lang), t("area.year", lang)
    base = frames[0].drop(columns=[value])
    out = base[[t("data.col.dimension", lang), t("area.indicator", lang)]].copy()
    for unit, frame in zip(units, frames, strict=True):
        out[names[unit]] = frame[value].to_numpy()
    out[city] = base[city].to_numpy()
    years = pd.concat([f[year_col] for f in frames], axis=1)
    out[year_col] = [", ".join(dict.fromkeys(r)) for r in years.to_numpy()]
    out[""] = base[""].to_numpy()
    return out


def preset_rows(
    presets: Mapping[str, Method],
    table_for: Callable[[Method], DimensionTable],
    unit: str,
    names: Mapping[str, str],
    catalogue: Catalogue,
) -> pd.DataFrame:
    """The area's index and rank under every preset, each with its own weights.

    Parameters
    ----------
    presets : mapping of str to Method
        The proposals, in the order shown.
    table_for : callable
        Method -> its :class:`DimensionTable` for the view (the page passes
        its cached loader).
    unit : str
        The area.
    names : mapping
        Unit id -> name.
    catalogue : Catalogue
        The indicator catalogue.

    Returns
    -------
    pandas.DataFrame
        One row per preset whose index can be computed (a preset whose
        weights are all zero in the view is left out), columns ``preset``
        (id), ``title_sv``, ``title_en``, ``index`` (NaN when the area has
        none) and ``rank`` (``Int64``, ``<NA>`` when missing).
    """
    rows = []
    for preset_id, method in presets.items():
        try:
            view = index_view(table_for(method), method.weights, names, catalogue)
        except ScoringError:
            continue
        row = view.table.loc[unit]
        rows.append(
            {
                "preset": preset_id,
                "title_sv": method.title.sv,
                "title_en": method.title.en,
                "index": float(row["index"]),
                "rank": row["rank"],
            }
        )
    frame = pd.DataFrame(rows, columns=["preset", "title_sv", "title_en", "index", "rank"])
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def index_trend(
    table_for_year: Callable[[int], DimensionTable],
    years: Iterable[int],
    weights: Mapping[str, float],
    unit: str,
    names: Mapping[str, str],
    catalogue: Catalogue,
) -> pd.DataFrame:
    """The area's index and the median area's index, year by year, with the view's weights.

    Parameters
    ----------
    table_for_year : callable
        Year -> the view's :class:`DimensionTable` for that year (scored on
        the first year's scale, so a change is a change in the area).
    years : iterable of int
        The years, in order.
    weights : mapping
        The view's weights.
    unit : str
        The area.
    names : mapping
        Unit id -> name.
    catalogue : Catalogue
        The indicator catalogue.

    Returns
    -------
    pandas.DataFrame
        Index: year; columns ``area`` and ``median``. The series stops at the
        first year whose index cannot be computed (all weights in play zero).
    """
    area: dict[int, float] = {}
    median: dict[int, float] = {}
    for year in years:
        try:
            view = index_view(table_for_year(year), weights, names, catalogue)
        except ScoringError:
            break
        area[year] = float(view.table.at[unit, "index"])
        median[year] = float(view.table["index"].median())
    frame = pd.DataFrame(
        {"area": pd.Series(area, dtype=float), "median": pd.Series(median, dtype=float)}
    )
    frame.index.name = "year"
    return frame

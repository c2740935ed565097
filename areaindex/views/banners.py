"""The notes a view must carry: illustrative data, provisional or approximate areas, year, sex.

One definition for the page (:func:`ui.sections.banners` shows them as banners)
and the PDF report (which prints them in a box), so that paper and screen warn
about the same things.
"""

from __future__ import annotations

from dataclasses import dataclass

from areaindex.i18n import number, t
from areaindex.store.dataset import Dataset
from areaindex.views.indexview import DimensionTable, IndexView
from areaindex.views.scope import Scope, kommun_names
from areaindex.views.urlstate import ViewState

WARNING, INFO, OVER_TIME = "warning", "info", "over_time"


@dataclass(frozen=True)
class Banner:
    """One note: its kind (``warning``, ``info``, ``over_time``) and its text (Markdown)."""

    kind: str
    text: str


def view_banners(
    dataset: Dataset,
    state: ViewState,
    scope: Scope,
    view: IndexView,
    table: DimensionTable,
    *,
    details: bool = True,
) -> list[Banner]:
    """The view's notes, most important first.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    state : ViewState
        The view (language, level, year, sex).
    scope : Scope
        Its municipality and level.
    view, table : IndexView, DimensionTable
        The computed index and its indicators.
    details : bool, default True
        Include the notes on the year and on indicators without a sex split
        (presentation mode leaves them out).
    """
    lang, catalogue = state.lang, dataset.catalogue
    names = {d.id: d.name(lang) for d in catalogue.dimensions}
    out: list[Banner] = []
    if view.illustrative_dimensions:
        dims = ", ".join(names[d] for d in view.illustrative_dimensions)
        out.append(Banner(WARNING, t("banner.illustrative", lang, dims=dims)))
    level = dataset.level(state.level)
    if not scope.is_malmo:
        where = (
            t("options.kommun.sverige", lang)
            if scope.units is None
            else kommun_names(dataset)[scope.kommun]
        )
        n = number(len(view.table), 0, lang)
        out.append(Banner(INFO, t("banner.national", lang, where=where, n=n)))
    elif level.provisional:
        out.append(Banner(INFO, t("banner.provisional", lang)))
    elif level.approximate:
        out.append(Banner(INFO, t("banner.approximate_level", lang, note=level.note(lang))))
    if not details:
        return out
    if view.approximate_dimensions and not (scope.is_malmo and state.level == "kommun"):
        dims = ", ".join(names[d] for d in view.approximate_dimensions)
        out.append(Banner(INFO, t("banner.approximate_geography", lang, dims=dims)))
    if state.year is not None:
        single = [
            catalogue.indicator(c).name(lang)
            for c in table.method.indicator_columns
            if c in catalogue.ids and len(catalogue.indicator(c).years) == 1
        ]
        text = t("notice.over_time", lang, year=state.year, single=", ".join(single))
        out.append(Banner(OVER_TIME, text))
    in_index = {
        ind.column
        for dim in table.method.dimensions
        if dim.id in view.dimensions
        for ind in dim.indicators
    }
    unsplit = [c for c in table.totals_for_sex if c in in_index]
    if unsplit:
        text = t(
            "notice.sex_totals",
            lang,
            sex=t(f"sex.{state.sex}", lang),
            n=len(unsplit),
            names=", ".join(catalogue.indicator(c).name(lang) for c in unsplit),
        )
        out.append(Banner(INFO, text))
    return out

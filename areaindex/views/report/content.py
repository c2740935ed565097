"""What each report says: its sections, built from a view state and the dataset.

A report kind is a tuple of section functions (:data:`MAIN_SECTIONS`,
:data:`COMPARISON_SECTIONS`, :data:`PROFILE_SECTIONS`). Each takes the
:class:`ReportInput` and returns a :class:`~areaindex.views.report.document.Section`,
or None when it has nothing to say (its data is absent), and is then left out.
A new section — the comparison with reference lists, the best and worst
possible rank — is one more function in these tuples.

Every number comes from the same package functions the pages call
(:func:`areaindex.views.viewstate.view_from_state`, :func:`areaindex.views.classify.classify`,
:func:`areaindex.index.robustness.rank_uncertainty`,
:func:`areaindex.views.reference.rank_agreement`,
:func:`areaindex.views.scenarios.rank_changes`, :func:`areaindex.views.profile.key_figures`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import urlencode

import pandas as pd

from areaindex.errors import ScoringError
from areaindex.i18n import number, numbers, t
from areaindex.index.bounds import BoundsUnavailable, cached_rank_bounds
from areaindex.index.method import Method, method_to_toml
from areaindex.index.robustness import rank_uncertainty
from areaindex.store.dataset import Dataset
from areaindex.uploads.own import OwnIndicator
from areaindex.views.banners import WARNING, Banner, view_banners
from areaindex.views.bounds_view import MAX_UNITS as BOUNDS_MAX_UNITS
from areaindex.views.bounds_view import headline as bounds_headline
from areaindex.views.classify import classify
from areaindex.views.export import ranking_frame
from areaindex.views.indexview import (
    DimensionTable,
    IndexView,
    index_view,
    method_years,
    top_units,
)
from areaindex.views.profile import TREND_INDICATORS, indicator_trend, key_figures, members
from areaindex.views.reference import AREA_TYPE, rank_agreement, reference_layer
from areaindex.views.reference_lists import compare_top
from areaindex.views.report.document import (
    Report,
    Section,
    box,
    bullet_list,
    figure,
    inline,
    numbered_list,
    paragraph,
    table,
)
from areaindex.views.report.staticmap import map_png, shapes_frame
from areaindex.views.robust_view import statements
from areaindex.views.scenarios import changes_table, rank_changes, summary_sentence
from areaindex.views.scope import kommun_names
from areaindex.views.urlstate import ViewState, to_query
from areaindex.views.viewstate import (
    StateView,
    TableRequest,
    build_table,
    table_request,
    view_from_state,
)

TOP_K = 3
MAX_RANKING_ROWS = 60  # on paper; all of Sweden has thousands (the CSV has every row)
ROBUSTNESS_SPREAD = 0.25
BOUNDS_TABLE_UNITS = 30  # up to this many units the report lists every one; above, the top k
MAIN, COMPARISON, PROFILE = "main", "comparison", "profile"
KINDS = (MAIN, COMPARISON, PROFILE)
# A link's page path -> report kind; any other page gives the main report of its view.
PAGE_KINDS = {"scenarier": COMPARISON, "omrade": PROFILE}
PERCENT = "\u00a0%"  # a no-break space: "17 %" never breaks between number and sign


class ReportError(ValueError):
    """The view cannot be made into a report (the message says why, in its language)."""


# Dimension tables do not depend on the weights: a worker process keeps the recent
# ones, as the pages do (a profile's trend needs one per year).
_TABLES: OrderedDict[tuple, DimensionTable] = OrderedDict()
MAX_CACHED_TABLES = 32


def cached_table(
    dataset: Dataset, request: TableRequest, own: Sequence[OwnIndicator] = ()
) -> DimensionTable:
    """:func:`areaindex.views.viewstate.build_table`, remembered per dataset, request, own data."""
    if dataset.path is None:  # a dataset made in memory: nothing says what it holds
        return build_table(dataset, request, own)
    method_text = hashlib.sha256(method_to_toml(request.method).encode()).hexdigest()
    key = (
        str(dataset.path),
        dataset.meta.get("inputs_sha256", ""),
        method_text,
        request.level,
        request.year,
        request.sex,
        request.official_only,
        request.units,
        tuple(o.key for o in own),
    )
    if key in _TABLES:
        _TABLES.move_to_end(key)
        return _TABLES[key]
    table = build_table(dataset, request, own)
    _TABLES[key] = table
    while len(_TABLES) > MAX_CACHED_TABLES:
        _TABLES.popitem(last=False)
    return table


@dataclass(frozen=True)
class ReportInput:
    """Everything a report is made from."""

    dataset: Dataset
    presets: Mapping[str, Method]
    state: ViewState
    kind: str = MAIN
    base_url: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    own: tuple[OwnIndicator, ...] = ()

    @property
    def lang(self) -> str:
        """The report language."""
        return self.state.lang

    def tr(self, key: str, **fields: object) -> str:
        """Translate a text key into the report language."""
        return t(key, self.lang, **fields)

    @cached_property
    def current(self) -> StateView:
        """The view of the state, as the page computes it."""
        try:
            return view_from_state(
                self.dataset, self.presets, self.state, own=self.own, build=cached_table
            )
        except ScoringError as exc:  # every weight is zero
            raise ReportError(self.tr("weights.all_zero")) from exc

    @property
    def view(self) -> IndexView:
        """The index of the view."""
        return self.current.view

    @cached_property
    def top(self) -> list[str]:
        """The top priorities, best first (more than k when tied), as the page's headline."""
        top = top_units(self.view, TOP_K)
        if not top:
            raise ReportError(self.tr("notice.no_index"))
        return top

    @property
    def dimension_names(self) -> dict[str, str]:
        """Dimension id -> name in the report language."""
        return {d.id: d.name(self.lang) for d in self.dataset.catalogue.dimensions}

    def method_title(self, method: Method) -> str:
        """A method's title in the report language."""
        return method.title.en if self.lang == "en" else method.title.sv

    @cached_property
    def link(self) -> str:
        """The link that restores the view."""
        query = urlencode(to_query(self.state, self.current.defaults))
        return f"{self.base_url}?{query}" if self.base_url else f"?{query}"

    @cached_property
    def comparison(self) -> tuple[str, IndexView]:
        """The proposal compared with (as the comparison page picks it) and its view."""
        others = [p for p in self.presets if p != self.state.preset] or list(self.presets)
        vs = self.state.vs if self.state.vs in self.presets else others[0]
        method = self.presets[vs]
        request = table_request(self.dataset, self.state, method)
        table_b = cached_table(self.dataset, request, self.own)
        try:
            view_b = index_view(table_b, method.weights, self.current.names, self.dataset.catalogue)
        except ScoringError as exc:
            raise ReportError(self.tr("weights.all_zero")) from exc
        return vs, view_b


def joined(names: Sequence[str], lang: str) -> str:
    """ "A, B och C" / "A, B and C"."""
    joiner = " och " if lang == "sv" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _png_alt(inp: ReportInput, view: IndexView, top: Sequence[str]) -> str:
    names = [view.table.at[u, "name"] for u in top]
    return inp.tr("report.map.alt", top=joined(names, inp.lang))


def index_map(inp: ReportInput, view: IndexView, *, width_cm: float = 17.0) -> bytes:
    """The view's index map: the screen's classes and colours, ranks on the areas."""
    scope = inp.current.scope
    classes = classify(view.table["index"], inp.state.classes)
    frame = shapes_frame(inp.dataset, scope.shapes, list(view.table.index))
    return map_png(
        frame,
        classes,
        view.table["rank"].to_dict(),
        lang=inp.lang,
        legend_title=inp.tr("report.map.legend_title"),
        width_cm=width_cm,
        height_cm=width_cm * (0.72 if width_cm >= 10 else 1.2),
    )


# --- sections shared by the kinds ---------------------------------------------------------


def proposal_section(inp: ReportInput) -> Section:
    """The proposal, the geography and the weights as percentages of the index."""
    state, view = inp.state, inp.view
    scope = inp.current.scope
    dims = inp.dimension_names
    if scope.is_malmo:
        where = inp.dataset.level(state.level).name(inp.lang)  # "14 områden", "91 RegSO"
    else:
        name = (
            t("options.kommun.sverige", inp.lang)
            if scope.units is None
            else kommun_names(inp.dataset)[scope.kommun]
        )
        where = f"{name}, {number(len(view.table), 0, inp.lang)} RegSO"
    facts = [
        inp.tr("report.proposal.method", title=inp.method_title(inp.current.method)),
        inp.tr("report.proposal.areas", where=where),
        inp.tr(
            "report.proposal.year",
            year=state.year if state.year is not None else inp.tr("report.latest"),
        ),
        inp.tr("report.proposal.sex", sex=inp.tr(f"sex.{state.sex}")),
    ]
    if state.official_only or scope.official_only:
        facts.append(inp.tr("report.proposal.official"))
    weights = pd.DataFrame(
        {
            inp.tr("report.col.dimension"): [
                dims[d] for d in inp.current.table.method.dimension_ids
            ],
            inp.tr("report.col.weight"): [
                str(int(state.weights.get(d, 0))) for d in inp.current.table.method.dimension_ids
            ],
            inp.tr("report.col.share"): [
                f"{number(view.shares.get(d, 0.0), 0, inp.lang)}{PERCENT}"
                for d in inp.current.table.method.dimension_ids
            ],
        }
    )
    body = bullet_list(facts) + table(
        weights,
        caption=inp.tr("report.weights_caption"),
        numeric=(inp.tr("report.col.weight"), inp.tr("report.col.share")),
    )
    return Section("proposal", inp.tr("report.proposal.header"), body)


def notes_section(inp: ReportInput) -> Section | None:
    """The screen's banners: illustrative values, provisional or approximate areas, year, sex."""
    current = inp.current
    notes = view_banners(inp.dataset, inp.state, current.scope, current.view, current.table)
    if inp.own:
        names = ", ".join(o.name for o in inp.own)
        notes.append(Banner(WARNING, inp.tr("report.own", names=names)))
    if not notes:
        return None
    body = "".join(
        box(paragraph(n.text), "note warning" if n.kind == WARNING else "note") for n in notes
    )
    return Section("notes", inp.tr("report.notes.header"), body)


def headline_section(inp: ReportInput) -> Section:
    """ "Högst prioritet: A, B och C" and what the index is made of, as on the page."""
    view = inp.view
    names = [view.table.at[u, "name"] for u in inp.top]
    dims = inp.dimension_names
    parts = " · ".join(
        f"{dims[d]} {number(view.shares[d], 0, inp.lang)}{PERCENT}" for d in view.dimensions
    )
    body = paragraph(f"**{inp.tr('ranking.top')}: {joined(names, inp.lang)}**", "lead")
    body += paragraph(inp.tr("report.proposal.method", title=inp.method_title(inp.current.method)))
    body += paragraph(inp.tr("weights.summary", parts=parts))
    return Section("summary", inp.tr("report.summary.header"), body)


def map_section(inp: ReportInput) -> Section:
    """The index map with numbered areas and its legend."""
    png = index_map(inp, inp.view)
    caption = inp.tr(
        "report.map.caption",
        classes=inp.tr(f"report.classes.{inp.state.classes}"),
    )
    return Section(
        "map", inp.tr("report.map.header"), figure(png, _png_alt(inp, inp.view, inp.top), caption)
    )


def ranking_section(inp: ReportInput) -> Section:
    """The ranking with each dimension's score (the top priorities in bold)."""
    view = inp.view
    dims = inp.dimension_names
    frame = ranking_frame(view, dims, lang=inp.lang).drop(columns=[inp.tr("table.illustrative")])
    shown = frame.head(MAX_RANKING_ROWS)
    rank_col, area_col = inp.tr("table.rank"), inp.tr("table.area")
    cells = pd.DataFrame({rank_col: ["–" if pd.isna(r) else str(int(r)) for r in shown[rank_col]]})
    cells[area_col] = shown[area_col].to_numpy()
    for column in shown.columns[2:]:
        cells[column] = numbers(shown[column].to_numpy(dtype=float), 1, inp.lang)
    score_columns = [c for c in cells.columns if c != area_col]
    top_rows = list(range(min(len(inp.top), len(cells))))
    body = table(cells, caption=inp.tr("table.caption"), numeric=score_columns, emphasise=top_rows)
    if len(shown) < len(frame):
        body += paragraph(inp.tr("table.top_only", n=len(shown), total=len(frame)))
    if view.illustrative_dimensions:
        body += paragraph(
            inp.tr(
                "report.ranking.illustrative",
                dims=", ".join(dims[d] for d in view.illustrative_dimensions),
            )
        )
    return Section("ranking", inp.tr("ranking.header"), body)


def robustness_section(inp: ReportInput) -> Section:
    """The robustness statement of the page's box: how often each top area stays on top."""
    view, current = inp.view, inp.current
    if len(view.dimensions) < 2:
        return Section(
            "robustness", inp.tr("robust.header"), paragraph(inp.tr("robust.single_dimension"))
        )
    draws = 10_000 if len(view.table) <= 500 else 1_000
    scores = current.table.scores
    weights = {d: float(w) for d, w in sorted(inp.state.weights.items()) if d in scores.columns}
    agg = current.table.method.aggregation
    result = rank_uncertainty(
        scores,
        weights,
        k=TOP_K,
        n_draws=draws,
        mode="perturb",
        spread=ROBUSTNESS_SPREAD,
        seed=0,
        how=agg.across,
        min_share=agg.min_share,
        decimals=agg.decimals,
    )
    sentences = statements(result.summary, current.names, inp.top, k=TOP_K, lang=inp.lang)
    body = "".join(paragraph(s) for s in sentences)
    body += paragraph(
        inp.tr(
            "robust.box_caption",
            n=number(draws, 0, inp.lang),
            spread=round(100 * ROBUSTNESS_SPREAD),
        ),
        "meta",
    )
    return Section("robustness", inp.tr("robust.header"), body)


def reference_section(inp: ReportInput) -> Section:
    """The comparison with SCB's area type: the rank correlation and the top areas' values."""
    scope = inp.current.scope
    layer = reference_layer(
        inp.dataset, scope.level, inp.lang, units=list(scope.units) if scope.units else None
    )
    rho = rank_agreement(inp.view.table["index"], layer.values, layer.indicator)
    body = paragraph(inp.tr("compare.text", rho=number(rho, 2, inp.lang)))
    if layer.indicator == AREA_TYPE:
        label = inp.tr("tooltip.reference_type")
        values = numbers(layer.values.reindex(inp.top), 0, inp.lang)
    else:
        label = inp.tr("tooltip.reference_share")
        values = [f"{v}{PERCENT}" for v in numbers(layer.values.reindex(inp.top), 0, inp.lang)]
    frame = pd.DataFrame(
        {
            inp.tr("table.rank"): [str(int(inp.view.table.at[u, "rank"])) for u in inp.top],
            inp.tr("table.area"): [inp.view.table.at[u, "name"] for u in inp.top],
            label: values,
        }
    )
    body += table(frame, caption=inp.tr("report.reference.caption"), numeric=(label,))
    return Section("reference", inp.tr("compare.header"), body)


def bounds_section(inp: ReportInput) -> Section | None:
    """The best and worst possible rank over every weighting, as the map page says it."""
    scores = inp.current.table.scores
    if len(scores) > BOUNDS_MAX_UNITS or len(scores.columns) < 2:
        return None
    ranks = inp.view.table["rank"].dropna()
    # As on the map page: with many units only the top k get bounds (every unit is a rival).
    wanted = ranks.index if len(ranks) <= BOUNDS_TABLE_UNITS else ranks.index[ranks <= TOP_K]
    try:
        result = cached_rank_bounds(
            scores,
            {d: float(inp.state.weights.get(d, 0)) for d in scores.columns},
            how=inp.current.table.method.aggregation.across,
            units=tuple(sorted(wanted)),
        )
    except (BoundsUnavailable, RuntimeError):
        return None  # the page says why; the paper leaves the section out
    names = inp.current.names
    line = bounds_headline(result.summary, inp.view.table["rank"], names, k=TOP_K, lang=inp.lang)
    body = paragraph(line.text) if line is not None else ""
    shown = ranks.loc[list(wanted)].sort_values(kind="mergesort")
    frame = pd.DataFrame(
        {
            inp.tr("table.rank"): [str(int(r)) for r in shown],
            inp.tr("table.area"): [names.get(u, u) for u in shown.index],
            inp.tr("bounds.table.best"): [
                str(int(result.summary.at[u, "best"])) for u in shown.index
            ],
            inp.tr("bounds.table.worst"): [
                str(int(result.summary.at[u, "worst"])) for u in shown.index
            ],
        }
    )
    best, worst = inp.tr("bounds.table.best"), inp.tr("bounds.table.worst")
    body += table(frame, numeric=(inp.tr("table.rank"), best, worst))
    return Section("bounds", inp.tr("bounds.header"), body)


def reference_lists_section(inp: ReportInput) -> Section | None:
    """The top priorities against the Police's list, Områdesprogrammet and SCB's area type."""
    scope = inp.current.scope
    if not scope.is_malmo or not inp.top:
        return None
    police = inp.state.ref if inp.state.ref.startswith("polisen-") else None
    comparisons = compare_top(inp.dataset, inp.top, scope.level, inp.lang, police=police)
    body = "".join(paragraph(c.sentence) for c in comparisons)
    note = next((c.note for c in comparisons if c.reference.startswith("polisen-")), "")
    caption = "reflists.caption_regso" if scope.level == "regso" else "reflists.caption"
    body += paragraph(inp.tr(caption, note=note), "meta")
    return Section("reference_lists", inp.tr("reflists.header"), body)


def method_section(inp: ReportInput) -> Section:
    """The method in plain words: the steps of the method page."""
    method = inp.current.table.method
    norm = method.normalisation
    lo, hi = (number(v, 0, inp.lang) for v in norm.range)
    agg = method.aggregation
    steps = [
        inp.tr("method.step.direction"),
        inp.tr(
            "method.step.normalisation", text=inp.tr(f"method.norm.{norm.method}", lo=lo, hi=hi)
        ),
        inp.tr("method.step.within", text=inp.tr(f"method.agg.{agg.within}")),
        inp.tr("report.method.across", text=inp.tr(f"method.agg.{agg.across}")),
        inp.tr("method.step.missing", missing=number(100 * (1 - agg.min_share), 0, inp.lang)),
    ]
    body = paragraph(inp.tr("report.method.intro", title=inp.method_title(method)))
    body += numbered_list(steps)
    body += paragraph(f"{inp.tr('method.source')}: {method.source}", "meta")
    return Section("method", inp.tr("report.method.header"), body)


def _source_rows(inp: ReportInput, indicator_ids: Sequence[str]) -> pd.DataFrame:
    catalogue = inp.dataset.catalogue
    known = set(catalogue.ids)
    grouped: dict[tuple[str, str], dict[str, object]] = {}
    for ind_id in indicator_ids:
        if ind_id not in known:
            continue
        ind = catalogue.indicator(ind_id)
        row = grouped.setdefault(
            (ind.source, ind.licence), {"years": set(), "names": [], "illustrative": False}
        )
        row["years"] |= set(ind.years)
        row["names"].append(ind.name(inp.lang))
        row["illustrative"] = row["illustrative"] or ind.illustrative
    rows = []
    for (source, licence), row in grouped.items():
        years = sorted(row["years"])
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        rows.append(
            {
                inp.tr("area.source"): source,
                inp.tr("report.col.indicators"): ", ".join(row["names"]),
                inp.tr("area.year"): span,
                inp.tr("data.col.licence"): licence,
            }
        )
    return pd.DataFrame(rows)


def sources_section(inp: ReportInput) -> Section:
    """Every source behind the report, with its years and licence (from the catalogue)."""
    scope = inp.current.scope
    used = list(inp.current.table.method.indicator_columns)
    reference = (
        "scb_area_type" if scope.level in ("regso", "sverige") else "share_in_challenged_areas"
    )
    extra = [reference, "population"]
    if inp.kind == PROFILE:
        extra += list(TREND_INDICATORS)
    ids = list(dict.fromkeys([*used, *extra]))
    body = table(_source_rows(inp, ids), caption=inp.tr("report.sources.caption"))
    geography = inp.dataset.meta.get("catalogue.geography") if inp.dataset.meta else None
    body += paragraph(inp.tr("report.sources.geography", geography=geography or "RegSO (SCB)"))
    return Section("sources", inp.tr("report.sources.header"), body)


def link_section(inp: ReportInput) -> Section:
    """The link that restores the view in the app."""
    body = paragraph(inp.tr("report.link.text"))
    body += f'<p class="link"><a href="{inline(inp.link)}">{inline(inp.link)}</a></p>'
    body += paragraph(inp.tr("report.link.made", date=inp.today.isoformat()), "meta")
    return Section("link", inp.tr("report.link.header"), body)


# --- the comparison of proposals ----------------------------------------------------------


def comparison_section(inp: ReportInput) -> Section:
    """Who moves into or out of the top priorities, both maps and the rank changes."""
    vs, view_b = inp.comparison
    view_a = inp.view
    names = inp.current.names
    a_title = inp.tr("scenario.current")
    b_title = inp.method_title(inp.presets[vs])
    changes = rank_changes(view_a, view_b, TOP_K)
    body = paragraph(f"**{summary_sentence(changes, names, b_title, TOP_K, inp.lang)}**", "lead")
    for view, title in ((view_a, a_title), (view_b, b_title)):
        png = index_map(inp, view, width_cm=8.4)  # two side by side
        alt = inp.tr(
            "report.map.alt_named",
            title=title,
            top=joined([view.table.at[u, "name"] for u in top_units(view, TOP_K)], inp.lang),
        )
        body += figure(png, alt, f"**{title}**", "half")
    changes_frame = changes_table(
        changes, a_title=a_title, b_title=b_title, k=TOP_K, lang=inp.lang
    ).astype(object)
    body += "<h3>" + inline(inp.tr("scenario.table_header")) + "</h3>"
    body += table(
        changes_frame.head(MAX_RANKING_ROWS),
        caption=inp.tr("report.comparison.caption", k=TOP_K),
        numeric=(a_title, b_title),
    )
    return Section("comparison", inp.tr("scenario.header"), body)


# --- the area profile ---------------------------------------------------------------------


def _area(inp: ReportInput) -> str:
    area = inp.state.area
    if area is None or area not in inp.view.table.index:
        raise ReportError(inp.tr("report.error.no_area"))
    return area


def profile_summary_section(inp: ReportInput) -> Section:
    """The area's rank, index and population, and its dimensions against the median area."""
    area = _area(inp)
    view, current = inp.view, inp.current
    row = view.table.loc[area]
    n = int(view.table["rank"].notna().sum())
    population = inp.dataset.units.query("level == @current.scope.level and unit == @area")[
        "population"
    ]
    rank = inp.tr("tooltip.rank_of", rank=int(row["rank"]), n=n) if pd.notna(row["rank"]) else "–"
    facts = [
        f"**{inp.tr('tooltip.rank')}:** {rank}",
        f"**{inp.tr('tooltip.index')}:** {number(row['index'], 1, inp.lang)}",
        f"**{inp.tr('table.population')}:** "
        f"{number(float(population.iloc[0]), 0, inp.lang) if len(population) else '–'}",
    ]
    scores = current.table.scores[list(view.dimensions)]
    dims = inp.dimension_names
    frame = pd.DataFrame(
        {
            inp.tr("report.col.dimension"): [dims[d] for d in scores.columns],
            current.names[area]: numbers(scores.loc[area].to_numpy(float), 1, inp.lang),
            inp.tr("profile.median"): numbers(scores.median().to_numpy(float), 1, inp.lang),
            inp.tr("profile.weight"): [
                f"{number(view.shares[d], 0, inp.lang)}{PERCENT}" for d in scores.columns
            ],
        }
    )
    body = bullet_list(facts) + paragraph(inp.tr("profile.dimensions_text"))
    body += table(
        frame,
        caption=inp.tr("report.profile.dimensions_caption"),
        numeric=tuple(frame.columns[1:]),
    )
    return Section("profile", current.names[area], body)


def figures_section(inp: ReportInput) -> Section:
    """Every indicator of the area against the city (the page's key figures)."""
    area = _area(inp)
    current, state = inp.current, inp.state
    figures = key_figures(
        inp.dataset,
        current.table,
        area,
        current.scope.level,
        year=state.year,
        sex=state.sex,
        lang=inp.lang,
        city=current.scope.city,
    ).drop(columns=["indicator_id"])
    figures = figures.rename(columns={"": inp.tr("report.col.note")})
    body = table(figures, caption=inp.tr("area.figures_caption"))
    return Section("figures", inp.tr("area.figures", name=current.names[area]), body)


def trend_png(inp: ReportInput, area: str) -> tuple[bytes, str]:
    """Small multiples: the index per year (area and median area) and the trend indicators."""
    from matplotlib.figure import Figure

    current, catalogue = inp.current, inp.dataset.catalogue
    names = current.names
    index_by_year, median_by_year = {}, {}
    for year in method_years(inp.dataset, current.method):
        request = table_request(inp.dataset, inp.state, current.method, year=year)
        try:
            year_view = index_view(
                cached_table(inp.dataset, request, inp.own), inp.state.weights, names, catalogue
            )
        except ScoringError:
            break
        index_by_year[year] = year_view.table.at[area, "index"]
        median_by_year[year] = year_view.table["index"].median()
    city_name = "Malmö" if current.scope.is_malmo else inp.tr("report.city")
    panels = [
        (
            inp.tr("profile.trend_index"),
            {
                names[area]: pd.Series(index_by_year),
                inp.tr("profile.median"): pd.Series(median_by_year),
            },
            (0, 105),
        )
    ]
    for indicator_id in TREND_INDICATORS:
        indicator = catalogue.indicator(indicator_id)
        trend = indicator_trend(
            inp.dataset, indicator_id, current.scope.level, area, city=current.scope.city
        )
        series = {names[area]: trend["area"]}
        if indicator_id != "population":
            series[city_name] = trend["city"]
        panels.append((f"{indicator.name(inp.lang)} ({indicator.unit})", series, None))
    fig = Figure(figsize=(17 / 2.54, 16 / 2.54), dpi=200)
    axes = fig.subplots(3, 2).ravel()
    styles = (("-", "o", 1.8), ("--", "s", 1.2))
    for ax, (title, series, limits) in zip(axes, panels, strict=False):
        for (label, values), (line, marker, width) in zip(series.items(), styles, strict=False):
            values = values.dropna()
            ax.plot(
                [str(y) for y in values.index],
                values.to_numpy(float),
                linestyle=line,
                marker=marker,
                linewidth=width,
                color="black",
                markersize=3.5,
                label=label,
            )
        ax.set_title(title, fontsize=7.5)
        ax.tick_params(labelsize=6.5)
        if limits:
            ax.set_ylim(*limits)
        else:
            ax.set_ylim(bottom=0)
        ax.legend(fontsize=6, frameon=False, loc="lower left")
        ax.grid(axis="y", linewidth=0.3, color="#999999")
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    summary = ", ".join(f"{y}: {number(v, 1, inp.lang)}" for y, v in index_by_year.items())
    return buffer.getvalue(), inp.tr("report.trend.alt", name=names[area], values=summary)


def trend_section(inp: ReportInput) -> Section:
    """The area's index and indicators over the years."""
    area = _area(inp)
    png, alt = trend_png(inp, area)
    body = paragraph(inp.tr("profile.trend_text")) + figure(png, alt)
    return Section("trend", inp.tr("profile.trend"), body)


def regso_section(inp: ReportInput) -> Section | None:
    """The area's RegSO on a map, coloured by the same index among all of Malmö's RegSO."""
    area = _area(inp)
    state, current = inp.state, inp.current
    regso = members(inp.dataset, state.level, area) if current.scope.is_malmo else []
    if state.level == "regso" or not regso:
        return None
    request = table_request(inp.dataset, state, current.method, level="regso")
    regso_view = index_view(
        cached_table(inp.dataset, request, inp.own),
        state.weights,
        inp.dataset.unit_names("regso"),
        inp.dataset.catalogue,
    )
    classes = classify(regso_view.table["index"], state.classes)
    inside = regso_view.table.loc[regso_view.table.index.isin(regso)]
    frame = shapes_frame(inp.dataset, "regso", list(inside.index))
    png = map_png(
        frame,
        classes,
        inside["rank"].to_dict(),
        lang=inp.lang,
        legend_title=inp.tr("report.map.legend_title"),
        width_cm=15,
        height_cm=11,
    )
    ordered = inside.sort_values(["rank", "name"])
    n = len(regso_view.table)
    frame_rows = pd.DataFrame(
        {
            "RegSO": ordered["name"],
            inp.tr("tooltip.index"): numbers(ordered["index"].to_numpy(float), 1, inp.lang),
            inp.tr("tooltip.rank"): [
                inp.tr("tooltip.rank_of", rank=int(r), n=n) if pd.notna(r) else "–"
                for r in ordered["rank"]
            ],
        }
    )
    alt = inp.tr("report.regso.alt", name=current.names[area], n=len(inside))
    body = paragraph(inp.tr("profile.regso_text")) + figure(png, alt)
    body += table(frame_rows, numeric=(inp.tr("tooltip.index"), inp.tr("tooltip.rank")))
    return Section("regso", inp.tr("profile.regso"), body)


SectionFunction = Callable[[ReportInput], "Section | None"]

MAIN_SECTIONS: tuple[SectionFunction, ...] = (
    headline_section,
    notes_section,
    map_section,
    proposal_section,
    ranking_section,
    robustness_section,
    bounds_section,
    reference_lists_section,
    reference_section,
    method_section,
    sources_section,
    link_section,
)
COMPARISON_SECTIONS: tuple[SectionFunction, ...] = (
    comparison_section,
    notes_section,
    proposal_section,
    method_section,
    sources_section,
    link_section,
)
PROFILE_SECTIONS: tuple[SectionFunction, ...] = (
    profile_summary_section,
    notes_section,
    figures_section,
    trend_section,
    regso_section,
    proposal_section,
    method_section,
    sources_section,
    link_section,
)
SECTIONS: dict[str, tuple[SectionFunction, ...]] = {
    MAIN: MAIN_SECTIONS,
    COMPARISON: COMPARISON_SECTIONS,
    PROFILE: PROFILE_SECTIONS,
}


def build_report(inp: ReportInput, sections: Sequence[SectionFunction] | None = None) -> Report:
    """The report of a view: its title and every section that has something to say.

    Parameters
    ----------
    inp : ReportInput
        The dataset, presets, view state and report kind.
    sections : sequence of callables, optional
        The section functions, in order; by default those of ``inp.kind``.

    Raises
    ------
    ReportError
        When the view has no index (every weight zero) or, for an area profile,
        no area is chosen.
    """
    functions = SECTIONS[inp.kind] if sections is None else sections
    built = tuple(s for s in (f(inp) for f in functions) if s is not None)
    title = inp.tr(f"report.title.{inp.kind}")
    if inp.kind == PROFILE:
        title = f"{title}: {inp.current.names[_area(inp)]}"
    subtitle = (
        inp.tr("app.title"),
        inp.tr("report.date", date=inp.today.isoformat()),
    )
    return Report(
        lang=inp.lang,
        title=title,
        subtitle=subtitle,
        sections=built,
        keywords=(inp.tr("app.title"), inp.method_title(inp.current.method)),
    )


def with_lang(inp: ReportInput, lang: str) -> ReportInput:
    """The same report input in another language."""
    return replace(inp, state=replace(inp.state, lang=lang))

"""The statistical audit of the index: coverage, outliers, correlations, effective weights."""

from __future__ import annotations

from functools import partial

import streamlit as st

from areaindex.i18n import number
from areaindex.views import audit_view as av
from areaindex.views.audit import Audit, audit, indicator_dimension
from areaindex.views.audit_charts import correlation_heatmap, effective_weight_chart
from areaindex.views.charts import PLOTLY_CONFIG
from areaindex.views.export import to_excel_csv
from areaindex.views.indexview import DimensionTable
from areaindex.views.scope import kommun_names
from ui import controls
from ui.core import get_view, method_key, own_indicators, start_page, stop_page, sync_url
from ui.sections import banners

ctx = start_page("nav.audit")
ctx = controls.weight_controls(ctx)
ctx = controls.display_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset


@st.cache_data(max_entries=64, show_spinner=False)
def _audit(_table: DimensionTable, key: tuple, weights: tuple[tuple[str, float], ...]) -> Audit:
    return audit(_table.method, _table.raw.values, dict(weights))


def show(table: av.AuditTable, caption: str | None = None) -> None:
    """A table, an optional caption and its CSV download."""
    st.dataframe(table.shown(lang), hide_index=True, width="stretch")
    if caption:
        st.caption(caption)
    st.download_button(
        ctx.tr("audit.download"),
        # Written when clicked; a download changes nothing on the page (no rerun).
        data=partial(to_excel_csv, table.for_csv()),
        file_name=f"granskning_{table.key}_{state.kommun}_{ctx.level_id}.csv",
        mime="text/csv",
        key=f"csv_{table.key}",
        on_click="ignore",
    )


st.title(ctx.tr("audit.header"))
table, view = get_view(ctx)
method = table.method
scope = ctx.scope
if scope.is_malmo:
    level_name = dataset.level(state.level).name(lang)
else:
    where = (
        ctx.tr("options.kommun.sverige")
        if scope.units is None
        else kommun_names(dataset)[scope.kommun]
    )
    level_name = f"{where}, {ctx.tr('options.level_regso', n=number(len(ctx.names), 0, lang))}"
title = method.title.en if lang == "en" else method.title.sv
st.markdown(ctx.tr("audit.intro", method=title, level=level_name))
banners(ctx, view, table)

weights = {d: float(state.weights.get(d, 0)) for d in method.dimension_ids}
key = (
    method_key(ctx.method),
    state.kommun,
    state.level,
    state.year,
    state.sex,
    state.official_only,
    tuple(o.key for o in own_indicators()),
)
result = _audit(table, key, tuple(sorted(weights.items())))
n = result.n_units
if n < 4:
    stop_page(ctx, ctx.tr("audit.too_few", n=n))

catalogue_names = {i.id: i.name(lang) for i in dataset.catalogue.indicators}
ind_labels = av.indicator_labels(method, lang, catalogue_names)
dim_labels = {**av.dimension_labels(method, lang)}
dim_labels.update({d.id: d.name(lang) for d in dataset.catalogue.dimensions})
unit_names = ctx.names

# Headline: how many checks pass, then one line per check (icon and word, not colour alone).
found = av.findings(result, ind_labels, dim_labels, lang)
st.markdown(ctx.tr("audit.headline", ok=sum(f.ok for f in found), total=len(found)))
for f in found:
    word = ctx.tr("audit.ok" if f.ok else "audit.remark")
    icon = ":material/check_circle:" if f.ok else ":material/warning:"
    st.markdown(f"{icon} *{word}.* {f.text}")
st.caption(ctx.tr("audit.headline_note"))
r_text = number(result.critical_r, 2, lang)
if n < 30:
    st.info(ctx.tr("audit.small_n", n=n, r=r_text, df=n - 2), icon="ℹ️")
else:
    st.caption(ctx.tr("audit.large_n", n=number(n, 0, lang), r=r_text))

# 1. Coverage and missing values
agg = method.aggregation
st.header(ctx.tr("audit.coverage.header"))
rule = (
    ctx.tr("audit.coverage.rule_strict")
    if agg.min_share >= 1
    else ctx.tr(
        "audit.coverage.rule",
        missing=number(100 * (1 - agg.min_share), 0, lang),
        share=number(agg.min_share, 2, "en"),
    )
)
st.markdown(ctx.tr("audit.coverage.text", rule=rule))
st.subheader(ctx.tr("audit.coverage.indicators"))
show(av.indicator_coverage_table(result, ind_labels, dim_labels, lang))
st.subheader(ctx.tr("audit.coverage.units"))
incomplete = result.unit_coverage["n_present"] < result.unit_coverage["n_indicators"]
if not incomplete.any():
    st.markdown(
        ctx.tr("audit.coverage.units_complete", n=number(n, 0, lang), k=len(result.indicators))
    )
else:
    show(
        av.unit_coverage_table(result, unit_names, dim_labels, lang),
        ctx.tr(
            "audit.coverage.units_caption",
            count=number(int(incomplete.sum()), 0, lang),
            n=number(n, 0, lang),
        ),
    )
    effect = result.missing_effect
    if len(effect):
        moved, most = av.rank_change_summary(effect, "rank_imputed")
        st.subheader(ctx.tr("audit.coverage.effect"))
        st.markdown(
            ctx.tr(
                "audit.coverage.effect_text",
                moved=number(moved, 0, lang),
                count=number(len(effect), 0, lang),
                most=number(most, 0, lang),
            )
        )
        show(av.missing_effect_table(result, unit_names, lang))

# 2. Distribution and outliers
st.header(ctx.tr("audit.dist.header"))
st.markdown(ctx.tr("audit.dist.text"))
show(av.distribution_table(result, ind_labels, dim_labels, lang))
if not result.distribution["outlier"].any():
    st.markdown(ctx.tr("audit.dist.none"))
else:
    st.subheader(ctx.tr("audit.dist.ranks"))
    if not (result.winsorised_ranks["change"].fillna(0) != 0).any():
        st.markdown(ctx.tr("audit.dist.no_change"))
    show(av.winsorised_table(result, unit_names, lang))

# 3. Correlations, alpha and PCA
st.header(ctx.tr("audit.corr.header"))
st.markdown(ctx.tr("audit.corr.text"))
st.plotly_chart(
    correlation_heatmap(
        result.correlations,
        ind_labels,
        indicator_dimension(method),
        title=ctx.tr("audit.corr.heatmap"),
        lang=lang,
    ),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="audit_heatmap",
)
show(av.correlation_table(result, ind_labels, lang))
st.subheader(ctx.tr("audit.corr.pairs"))
if len(result.collinear_pairs):
    show(av.pairs_table(result, ind_labels, lang))
else:
    st.markdown(ctx.tr("audit.corr.no_pairs"))
st.subheader(ctx.tr("audit.corr.vs_dimension"))
show(av.against_table(result, ind_labels, dim_labels, lang), ctx.tr("audit.corr.alone_note"))
st.subheader(ctx.tr("audit.consistency.header"))
st.markdown(ctx.tr("audit.consistency.text"))
show(av.consistency_table(result, dim_labels, lang))

# 4. Effective weights
st.header(ctx.tr("audit.weights.header"))
st.markdown(ctx.tr("audit.weights.text"))
eff = result.effective_dimensions
for d in eff.index[eff["dominant"]]:
    st.warning(
        ctx.tr(
            "audit.weights.dominant",
            name=dim_labels.get(d, d),
            share=f"{number(100 * eff.at[d, 'effective'], 0, lang)} %",
        ),
        icon="⚠️",
    )
st.plotly_chart(
    effective_weight_chart(
        eff,
        dim_labels,
        nominal_label=ctx.tr("audit.weights.chart_nominal"),
        effective_label=ctx.tr("audit.weights.chart_effective"),
        lang=lang,
    ),
    width="stretch",
    config=PLOTLY_CONFIG,
    key="audit_weights",
)
st.subheader(ctx.tr("audit.weights.dimensions"))
show(av.effective_dimension_table(result, dim_labels, lang))
st.subheader(ctx.tr("audit.weights.indicators"))
show(av.effective_indicator_table(result, ind_labels, dim_labels, lang))
sync_url(ctx)

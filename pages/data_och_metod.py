"""Data and method: every source, licence, year and definition; what is illustrative."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.views.turnout_view import (
    approximation_display,
    approximation_summary,
    city_turnout,
    not_placed,
)
from ui import reference_lists
from ui.core import start_page, sync_url

ctx = start_page("nav.data")
lang, dataset = ctx.lang, ctx.dataset
catalogue = dataset.catalogue

st.title(ctx.tr("data.header"))
st.markdown(ctx.tr("data.intro"))

st.subheader(ctx.tr("data.illustrative_header"))
illustrative = [i for i in catalogue.indicators if i.illustrative]
dims_without_data = [
    d.name(lang)
    for d in catalogue.dimensions
    if all(i.illustrative for i in catalogue.in_dimension(d.id))
]
# Indicators the city added with `add-indicator` may leave a dimension, or all, official.
if dims_without_data:
    st.warning(ctx.tr("banner.illustrative", dims=", ".join(dims_without_data)), icon="⚠️")
if illustrative:
    st.markdown(ctx.tr("data.illustrative_text", n=len(illustrative)))
    st.markdown(
        "\n".join(
            f"- {i.name(lang)} ({catalogue.dimension(i.dimension).name(lang)})"
            for i in illustrative
        )
    )

st.subheader(ctx.tr("data.method"))
st.markdown(ctx.tr("data.method_text"))

st.subheader(ctx.tr("data.indicators"))
rows = []
for ind in catalogue.indicators:
    if ind.dimension in ("context", "reference"):
        dimension = ctx.tr(f"data.kind.{ind.kind}")
    else:
        dimension = catalogue.dimension(ind.dimension).name(lang)
    note = ind.note_en if lang == "en" else ind.note_sv
    rows.append(
        {
            ctx.tr("data.col.dimension"): dimension,
            ctx.tr("data.col.indicator"): ind.name(lang),
            ctx.tr("data.col.definition"): ind.definition(lang) + (f" {note}" if note else ""),
            ctx.tr("data.col.direction"): ctx.tr(f"data.direction.{ind.direction}"),
            ctx.tr("data.col.unit"): ind.unit,
            ctx.tr("data.col.years"): ", ".join(str(y) for y in ind.years),
            ctx.tr("data.col.source"): ind.source,
            ctx.tr("data.col.licence"): ind.licence,
            ctx.tr("data.col.status"): ctx.tr(f"data.status.{ind.status}"),
            ctx.tr("data.col.kind"): ctx.tr(f"data.kind.{ind.kind}"),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

st.subheader(ctx.tr("turnout.header"))
st.markdown(ctx.tr("turnout.text"))
share, split = approximation_summary(dataset, ctx.level_id)
if not split.empty:
    level_name = dataset.level(ctx.level_id).name(lang)
    st.markdown(ctx.tr("turnout.size", level=level_name, share=number(share, 1, lang)))
    st.dataframe(approximation_display(split, lang), hide_index=True, width="stretch")
left, city = not_placed(dataset), city_turnout(dataset)
if left is not None and city is not None:
    codes, eligible, voters = left
    st.caption(
        ctx.tr(
            "turnout.not_places",
            codes=codes,
            eligible=number(eligible, 0, lang),
            voters=number(voters, 0, lang),
            areas=number(city[0], 1, lang),
            all=number(city[1], 1, lang),
        )
    )
st.caption(ctx.tr("turnout.source"))

st.subheader(ctx.tr("data.sources"))
st.markdown(ctx.tr("data.sources_text"))

st.subheader(ctx.tr("data.levels"))
for level in dataset.levels:
    st.markdown(f"**{level.name(lang)}** — {level.note(lang)}")
st.markdown(ctx.tr("data.division_text"))
division = pd.DataFrame(
    [
        {
            ctx.tr("table.area"): dataset.unit_names("omraden")[unit],
            ctx.tr("table.population"): int(
                dataset.units.query("level == 'omraden' and unit == @unit")["population"].iloc[0]
            ),
            "RegSO": ", ".join(
                dataset.unit_names("regso")[r] for r in dataset.membership["omraden"][unit]
            ),
        }
        for unit in dataset.unit_ids("omraden")
    ]
)
st.dataframe(division, hide_index=True, width="stretch")

reference_lists.data_section(ctx)

st.caption(ctx.tr("data.fingerprint", sha=dataset.meta.get("inputs_sha256", "–")[:12]))
sync_url(ctx)

"""The method behind the view: every choice in plain words; download and upload method files."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from areaindex.errors import MethodError
from areaindex.i18n import number
from areaindex.index.index_rules import slider_weights
from areaindex.index.method import method_to_toml, parse_method
from areaindex.views.indexview import check_compatible, effective_method, weight_table
from ui import controls
from ui.core import STATE_KEY, UPLOADED_KEY, start_page, sync_url

UPLOAD_KEY = "method_upload"
UPLOAD_RESULT = "_method_upload_result"

ctx = start_page("nav.method")


def _on_upload() -> None:
    """Validate an uploaded method file and, if it fits, switch the session to it."""
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        return
    try:
        text = file.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.session_state[UPLOAD_RESULT] = ("error", ctx.tr("method.upload_encoding"))
        return
    try:
        method = parse_method(text, file=file.name)
        check_compatible(method, ctx.dataset.catalogue)
    except MethodError as exc:
        st.session_state[UPLOAD_RESULT] = ("error", str(exc))
        return
    key = f"egen-{method.id}"
    st.session_state.setdefault(UPLOADED_KEY, {})[key] = method
    weights = slider_weights(method.weights, [d.id for d in ctx.dataset.catalogue.dimensions])
    state = st.session_state[STATE_KEY]
    st.session_state[STATE_KEY] = replace(state, preset=key, weights=weights)
    title = method.title.en if ctx.lang == "en" else method.title.sv
    st.session_state[UPLOAD_RESULT] = ("ok", ctx.tr("method.upload_ok", title=title))


ctx = controls.weight_controls(ctx)
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
catalogue = dataset.catalogue
method = effective_method(ctx.method, catalogue, state.official_only)
title = method.title.en if lang == "en" else method.title.sv

st.title(ctx.tr("method.header"))
st.markdown(ctx.tr("method.intro", title=title))
st.caption(f"{ctx.tr('method.source')}: {method.source}")

st.subheader(ctx.tr("method.steps"))
norm = method.normalisation
lo, hi = (number(v, 0, lang) for v in norm.range)
norm_text = ctx.tr(f"method.norm.{norm.method}", lo=lo, hi=hi)
agg = method.aggregation
steps = [
    ctx.tr("method.step.direction"),
    ctx.tr("method.step.normalisation", text=norm_text),
    ctx.tr("method.step.within", text=ctx.tr(f"method.agg.{agg.within}")),
    ctx.tr("method.step.across", text=ctx.tr(f"method.agg.{agg.across}")),
    ctx.tr("method.step.missing", missing=number(100 * (1 - agg.min_share), 0, lang)),
]
st.markdown("\n".join(f"{i}. {text}" for i, text in enumerate(steps, start=1)))

st.subheader(ctx.tr("method.table"))
weights = {d: float(state.weights.get(d, 0)) for d in method.dimension_ids}
rows = []
for row in weight_table(method, weights).to_dict("records"):
    ind = catalogue.indicator(row["indicator"])
    share = row["dimension_share"]
    rows.append(
        {
            ctx.tr("data.col.dimension"): catalogue.dimension(row["dimension"]).name(lang),
            ctx.tr("method.col.weight"): "–" if pd.isna(share) else f"{number(share, 0, lang)} %",
            ctx.tr("data.col.indicator"): ind.name(lang),
            ctx.tr("method.col.effective"): f"{number(row['indicator_share'], 1, lang)} %",
            ctx.tr("data.col.direction"): ctx.tr(f"data.direction.{row['direction']}"),
            ctx.tr("data.col.definition"): ind.definition(lang),
            ctx.tr("data.col.years"): ", ".join(str(y) for y in ind.years),
            ctx.tr("data.col.source"): ind.source,
            ctx.tr("data.col.status"): ctx.tr(f"data.status.{ind.status}"),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.info(ctx.tr("method.tradeoff"), icon="⚖️")

current = method.with_weights(weights)
st.download_button(
    ctx.tr("method.download"),
    # Written when clicked; a download changes nothing on the page (no rerun).
    data=lambda: method_to_toml(current).encode("utf-8"),
    file_name=f"{current.id}.toml",
    mime="application/toml",
    on_click="ignore",
)
st.file_uploader(
    ctx.tr("method.upload"),
    type=["toml"],
    key=UPLOAD_KEY,
    on_change=_on_upload,
    help=ctx.tr("method.upload_help"),
)
result = st.session_state.get(UPLOAD_RESULT)
if result is not None:
    kind, message = result
    if kind == "ok":
        st.success(message, icon="✅")
    else:
        st.error(ctx.tr("method.upload_error", detail=message), icon="🚫")
sync_url(ctx)

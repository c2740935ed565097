"""Lower bound for ``bench/browser.py``: only what a slider move must update.

Not part of the product. The real app's own pieces and nothing else: its view
state (``ui.core.context``, URL parameters included), its weight sliders
(``ui.controls.weight_controls``, in the sidebar), its map
(``ui.mapping.draw_map``) and its ranking chart
(``ui.sections.ranking_chart_section``), with the real app's caches. A full
rerun of this script costs about what a rerun of an ``st.fragment`` holding the
sliders, the map and the chart would cost in the real app (Streamlit 1.67 lets
a fragment write to ``st.sidebar``), or the real app with everything else moved
after them in script order. So its figures bound what taking the rest of the
page out of the slider's path can gain.
"""

from __future__ import annotations

import streamlit as st

from areaindex.classify import classify
from areaindex.errors import ScoringError
from areaindex.indexview import index_view
from ui import controls, mapping, sections
from ui.core import context, get_dimension_table

st.set_page_config(page_title="Områdesindex (nedre gräns)", layout="wide")
ctx = controls.weight_controls(context())
state, dataset = ctx.state, ctx.dataset
try:
    view = index_view(
        get_dimension_table(ctx),
        state.weights,
        dataset.unit_names(state.level),
        dataset.catalogue,
    )
except ScoringError:
    st.stop()
left, right = st.columns([3, 2])
with left:
    mapping.draw_map(ctx, view, classify(view.table["index"], state.classes).colours, state.area)
with right:
    sections.ranking_chart_section(ctx, view, 3)

"""Områdesindex Malmö — entry point: page set-up and navigation.

Run with ``make run`` (or ``streamlit run app.py``). Every page lives in
``pages/``; all computation is in the :mod:`areaindex` package.
"""

from __future__ import annotations

import streamlit as st

from ui.controls import language_control
from ui.core import context

st.set_page_config(
    page_title="Områdesindex Malmö",
    layout="wide",
    initial_sidebar_state="expanded",
)

ctx = language_control(context())
pages = [
    st.Page("pages/karta.py", title=ctx.tr("nav.map"), default=True),
    st.Page(
        "pages/data_och_metod.py",
        title=ctx.tr("nav.data"),
        url_path="data-och-metod",
    ),
]
st.navigation(pages).run()

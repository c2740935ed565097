"""The "Download report (PDF)" button: the view's link rendered in a worker process.

Streamlit serves every session from one process. Rendering a report (maps with
matplotlib, layout with WeasyPrint) takes a few seconds of CPU, mostly in
Python, so it would hold the GIL and slow every other session's reruns if it
ran in the session's thread. It runs in a small process pool shared by all
sessions instead; the session's thread only waits for the result (waiting
releases the GIL). The button's data is a callable, so nothing is rendered
until someone asks for a report, and the worker receives the view's query
string: the same input as ``python -m areaindex report``, hence the same PDF.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from urllib.parse import urlencode, urlsplit

import streamlit as st

from areaindex.views.urlstate import ViewState, to_query
from ui.core import UPLOADED_KEY, Context, database_path, own_indicators

REPORT_WORKERS = 1  # reports queue behind each other; the app's sessions never wait for them
REPORT_TIMEOUT = 120  # seconds; generous, a report takes a few


@st.cache_resource
def report_pool() -> ProcessPoolExecutor:
    """The process pool shared by every session (spawned: the server runs threads)."""
    return ProcessPoolExecutor(
        max_workers=REPORT_WORKERS, mp_context=multiprocessing.get_context("spawn")
    )


def page_address() -> str:
    """This page's address without its query (for the link printed in the report)."""
    try:
        url = st.context.url or ""
    except Exception:  # outside a browser session (AppTest) there is no URL
        url = ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme and parts.netloc else ""


def report_button(
    ctx: Context,
    kind: str,
    *,
    key: str,
    state_now: Callable[[], ViewState] | None = None,
) -> None:
    """A download button whose PDF is rendered only when clicked.

    Parameters
    ----------
    ctx : Context
        The page's context (its view state is the report's).
    kind : {"main", "comparison", "profile"}
        Which report.
    key : str
        Widget key.
    state_now : callable, optional
        The view state when the button is clicked, for a button the full page
        run draws while the weights change under it (the map page); by default
        ``ctx.state``.
    """
    defaults = ctx.defaults
    base = page_address()
    database = str(database_path())
    uploaded = dict(st.session_state.get(UPLOADED_KEY, {}))
    own = own_indicators()
    pool = report_pool()

    def render() -> bytes:
        # Imported on the first click: the server itself never needs matplotlib or WeasyPrint.
        from areaindex.views.report.render import render_in_worker

        query = urlencode(to_query(state_now() if state_now else ctx.state, defaults))
        args = (render_in_worker, database, query, kind, base, uploaded, own)
        try:
            return pool.submit(*args).result(timeout=REPORT_TIMEOUT)
        except BrokenProcessPool:
            # A worker died (e.g. out of memory): a new pool for the next request.
            report_pool.clear()
            return report_pool().submit(*args).result(timeout=REPORT_TIMEOUT)

    names = {"main": "omradesindex", "comparison": "jamforelse", "profile": "omradesprofil"}
    suffix = f"_{ctx.state.area}" if kind == "profile" and ctx.state.area else ""
    st.download_button(
        ctx.tr("report.download"),
        data=render,
        file_name=f"{names[kind]}{suffix}_{ctx.lang}.pdf",
        mime="application/pdf",
        on_click="ignore",
        help=ctx.tr("report.download_help"),
        icon=":material/picture_as_pdf:",
        key=key,
    )

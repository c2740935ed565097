"""Sharing the view: its link with a copy button, presentation mode, the method file."""

from __future__ import annotations

import streamlit as st

from areaindex.index.method import weighted_method_toml
from areaindex.views.indexview import effective_method
from ui.core import Context, bind
from ui.live import live_share


def share_panel(ctx: Context, container: object | None = None) -> object:
    """The panel: its text and the presentation-mode switch, around a slot for the link.

    In the sidebar, or in ``container``. Returns the slot: :func:`share_link`
    draws there, on every slider move (the rest of the panel stays as it is).
    """
    where = container if container is not None else st.sidebar
    with where.expander(ctx.tr("share.header")):
        st.caption(ctx.tr("share.text"))
        slot = st.container()
        st.toggle(
            ctx.tr("share.present"),
            help=ctx.tr("share.present_help"),
            **bind("present", "present", ctx.state.present),
        )
    return slot


def share_link(ctx: Context, slot: object) -> None:
    """The view's link with a copy button, and the view's method file to save."""
    method = effective_method(ctx.method, ctx.dataset.catalogue, ctx.state.official_only)
    weights = {d: float(ctx.state.weights.get(d, 0)) for d in method.dimension_ids}
    with slot:
        live_share(
            {
                "copy": ctx.tr("share.copy"),
                "copied": ctx.tr("share.copied"),
                "copy_manual": ctx.tr("share.copy_manual"),
                "link_label": ctx.tr("share.link_label"),
            },
            # Saved by the browser from the panel itself: no file kept on the
            # server per session and move, and nothing to fetch on the click.
            download={
                "label": ctx.tr("method.download"),
                "file_name": f"{method.id}.toml",
                "mime": "application/toml",
                "text": weighted_method_toml(method, weights),
            },
        )

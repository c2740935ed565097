"""Sharing the view: its link with a copy button, presentation mode, the method file."""

from __future__ import annotations

import streamlit as st

from areaindex.index.method import method_to_toml
from areaindex.views.indexview import effective_method
from ui.core import Context, bind
from ui.live import live_share


def share_panel(ctx: Context, container: object | None = None) -> None:
    """The link to this view (with a copy button) and the presentation-mode switch.

    In the sidebar, or in ``container`` (a slot in the sidebar the page keeps for it).
    """
    where = container if container is not None else st.sidebar
    method = effective_method(ctx.method, ctx.dataset.catalogue, ctx.state.official_only)
    weights = {d: float(ctx.state.weights.get(d, 0)) for d in method.dimension_ids}
    with where.expander(ctx.tr("share.header")):
        st.caption(ctx.tr("share.text"))
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
                "text": method_to_toml(method.with_weights(weights)),
            },
        )
        st.toggle(
            ctx.tr("share.present"),
            help=ctx.tr("share.present_help"),
            **bind("present", "present", ctx.state.present),
        )

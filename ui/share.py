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
    with where.expander(ctx.tr("share.header")):
        st.caption(ctx.tr("share.text"))
        live_share(
            {
                "copy": ctx.tr("share.copy"),
                "copied": ctx.tr("share.copied"),
                "copy_manual": ctx.tr("share.copy_manual"),
                "link_label": ctx.tr("share.link_label"),
            }
        )
        st.toggle(
            ctx.tr("share.present"),
            help=ctx.tr("share.present_help"),
            **bind("present", "present", ctx.state.present),
        )
        method = effective_method(ctx.method, ctx.dataset.catalogue, ctx.state.official_only)
        weights = {d: float(ctx.state.weights.get(d, 0)) for d in method.dimension_ids}
        st.download_button(
            ctx.tr("method.download"),
            # A few hundred bytes, written with the panel: a stored file, not a
            # callable that a later run of the page could drop before the click.
            data=method_to_toml(method.with_weights(weights)).encode("utf-8"),
            file_name=f"{method.id}.toml",
            mime="application/toml",
            key="share_method_download",
            on_click="ignore",  # a download changes nothing on the page: no rerun
        )

"""Sharing the view: its link with a copy button, presentation mode, the method file."""

from __future__ import annotations

import json

import streamlit as st

from areaindex.index.method import Method, weighted_method_parts, weighted_method_toml
from areaindex.views.indexview import effective_method
from ui.core import Context, bind, get_presets, publish_static
from ui.live import live_share
from ui.memo import memo


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
    download: dict[str, object] = {
        "label": ctx.tr("method.download"),
        "file_name": f"{method.id}.toml",
        "mime": "application/toml",
    }
    if get_presets().get(ctx.state.preset) is ctx.method:
        # A public method: its text around the weights is a static file the
        # browser fetches once; a move sends only the weights, as the file
        # writes them (5 kB less per move).
        parts, values = weighted_method_parts(method, weights)
        download["template"] = _template(method, parts)
        download["values"] = list(values)
    else:
        # A method uploaded in this session stays in its messages.
        download["text"] = weighted_method_toml(method, weights)
    with slot:
        live_share(
            {
                "copy": ctx.tr("share.copy"),
                "copied": ctx.tr("share.copied"),
                "copy_manual": ctx.tr("share.copy_manual"),
                "link_label": ctx.tr("share.link_label"),
            },
            # Saved by the browser from the panel itself: no file kept on the
            # server per session and move.
            download=download,
        )


@memo(max_entries=64)
def _template(method: Method, _parts: tuple[str, ...]) -> str:
    """The URL of a public method's text around its weights (a static JSON list)."""
    text = json.dumps(list(_parts), ensure_ascii=False)
    return publish_static("live", f"method-{method.id}", ".json", text.encode("utf-8"))

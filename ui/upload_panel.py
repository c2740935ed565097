"""The "Lägg till egen indikator" panel: upload a file, check it, add it for this session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from areaindex.i18n import number
from areaindex.uploads import DEFAULT_MAX_BYTES, UploadError, UploadResult, read_indicator_file
from areaindex.uploads.own import OwnIndicator, next_id
from ui.core import OWN_KEY, Context, own_indicators

FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]


@st.cache_data(max_entries=16, show_spinner=False)
def _read(data: bytes, name: str, value_column: str | None, lang: str) -> UploadResult | str:
    """Read once per file, column and language; an error comes back as its message."""
    from ui.core import get_dataset  # cached dataset; imported here to keep the cache key small

    try:
        return read_indicator_file(data, name, get_dataset(), value_column=value_column, lang=lang)
    except UploadError as exc:
        return str(exc)


def _remove(own_id: str) -> None:
    st.session_state[OWN_KEY] = tuple(o for o in own_indicators() if o.id != own_id)


def own_indicator_panel(ctx: Context) -> None:
    """Upload, check and add a session-only indicator; list and remove the added ones."""
    lang, dataset = ctx.lang, ctx.dataset
    added = own_indicators()
    with st.expander(ctx.tr("upload.header"), expanded=bool(added)):
        st.markdown(ctx.tr("upload.intro"))
        st.caption(ctx.tr("upload.session_only"))
        for item in added:
            c1, c2 = st.columns([4, 1])
            level_name = dataset.level(item.level).name(lang)
            c1.markdown(f"**{item.name}** · {level_name} · {ctx.tr('upload.badge')}")
            c2.button(
                ctx.tr("upload.remove", name=item.name),
                key=f"remove_{item.id}",
                on_click=_remove,
                args=(item.id,),
            )
        file = st.file_uploader(
            ctx.tr("upload.file_label"),
            type=FILE_TYPES,
            key=f"own_upload_{st.session_state.get('own_upload_round', 0)}",
            help=ctx.tr("upload.file_help", max_mb=number(DEFAULT_MAX_BYTES / 1e6, 0, lang)),
        )
        if file is None:
            return
        data = file.getvalue()
        column = st.session_state.get("own_value_column")
        result = _read(data, file.name, column, lang)
        if isinstance(result, str) and column is not None:
            result = _read(data, file.name, None, lang)  # a column from an earlier file
        if isinstance(result, str):
            st.error(f"**{ctx.tr('upload.error_header')}.** {result}", icon="🚫")
            st.caption(ctx.tr("upload.error_hint"))
            return
        _describe(ctx, result)
        _add_form(ctx, result)


def _describe(ctx: Context, result: UploadResult) -> None:
    lang = ctx.lang
    level_name = ctx.dataset.level(result.level).name(lang)
    if result.sheet is not None:
        st.caption(ctx.tr("upload.sheet_info", level=level_name, sheet=result.sheet))
    else:
        separator = {";": "semicolon", ",": "comma", "\t": "tab"}.get(result.separator or "")
        st.caption(
            ctx.tr(
                "upload.file_info",
                level=level_name,
                encoding=result.encoding or "–",
                separator=ctx.tr(f"upload.separator.{separator}") if separator else "–",
            )
        )
    if result.notices:
        with st.container(border=True):
            st.markdown(f"**{ctx.tr('upload.notices_header')}**")
            st.markdown("\n".join(f"- {n}" for n in result.notices))
    if len(result.numeric_columns) > 1:
        st.selectbox(
            ctx.tr("upload.value_column"),
            options=list(result.numeric_columns),
            index=list(result.numeric_columns).index(result.value_column),
            key="own_value_column",
            help=ctx.tr("upload.value_column_help"),
        )
    if result.missing_units:
        st.caption(ctx.tr("upload.missing", count=len(result.missing_units)))
    names = ctx.dataset.unit_names(result.level)
    preview = pd.DataFrame(
        {
            ctx.tr("upload.preview_area"): [names[u] for u in result.values.index],
            ctx.tr("upload.preview_value"): [number(v, 2, lang) for v in result.values],
        }
    )
    st.markdown(f"**{ctx.tr('upload.preview')}**")
    st.dataframe(preview, hide_index=True, width="stretch", height=220)


def _add_form(ctx: Context, result: UploadResult) -> None:
    catalogue = ctx.dataset.catalogue
    with st.form("own_indicator_form", border=True):
        name = st.text_input(
            ctx.tr("upload.name"),
            value=ctx.tr("upload.name_default", column=result.value_column),
            max_chars=80,
        )
        unit = st.text_input(ctx.tr("upload.unit"), max_chars=20)
        dimension = st.selectbox(
            ctx.tr("upload.dimension"),
            options=[d.id for d in catalogue.dimensions],
            format_func=lambda d: catalogue.dimension(d).name(ctx.lang),
            help=ctx.tr("upload.dimension_help"),
        )
        direction = st.radio(
            ctx.tr("upload.direction"),
            options=["higher_is_need", "lower_is_need"],
            format_func=lambda d: ctx.tr(f"upload.direction.{d}"),
            help=ctx.tr("upload.direction_help"),
        )
        aggregation = "weighted_mean"
        if result.level == "regso":
            aggregation = st.radio(
                ctx.tr("upload.aggregation"),
                options=["weighted_mean", "sum"],
                format_func=lambda a: ctx.tr(f"upload.aggregation.{a}"),
                help=ctx.tr("upload.aggregation_help"),
            )
        if not st.form_submit_button(ctx.tr("upload.add"), type="primary"):
            return
    added = own_indicators()
    item = OwnIndicator(
        id=next_id(added),
        name=(name or result.value_column).strip()[:80],
        dimension=dimension,
        direction=direction,
        level=result.level,
        values=tuple((u, float(v)) for u, v in result.values.items()),
        unit=unit.strip()[:20],
        aggregation=aggregation,
    )
    st.session_state[OWN_KEY] = (*added, item)
    # A new uploader key empties the field, so the same file is not added twice.
    st.session_state["own_upload_round"] = st.session_state.get("own_upload_round", 0) + 1
    count = int(result.values.notna().sum())
    level_name = ctx.dataset.level(result.level).name(ctx.lang)
    st.success(
        ctx.tr(
            "upload.success",
            name=item.name,
            count=count,
            total=len(result.values),
            level=level_name,
        ),
        icon="✅",
    )
    if result.level != ctx.state.level:
        st.info(
            ctx.tr(
                "upload.level_differs",
                file_level=level_name,
                map_level=ctx.dataset.level(ctx.state.level).name(ctx.lang),
            ),
            icon="ℹ️",
        )
    st.rerun()

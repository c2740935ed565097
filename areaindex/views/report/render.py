"""From a view's link to a PDF: the one path the pages and the command line share.

The pages send their view's query string (:func:`areaindex.views.urlstate.to_query`)
and the command line a link someone copied; both end in :func:`render_link`,
so the same state gives the same report. :func:`render_in_worker` is the entry
point for a worker process (the app renders in a process pool so that a report
never holds up other users' sessions): it keeps the dataset loaded between
reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from areaindex.i18n import t
from areaindex.index.method import Method
from areaindex.store.dataset import Dataset, load_dataset
from areaindex.uploads.own import OwnIndicator
from areaindex.views.indexview import load_presets
from areaindex.views.report.content import (
    KINDS,
    MAIN,
    PAGE_KINDS,
    ReportError,
    ReportInput,
    build_report,
)
from areaindex.views.report.document import to_pdf
from areaindex.views.viewstate import split_link, state_from_params

# Worker processes keep these between reports (a dataset loads in about half a second).
_DATASETS: dict[str, Dataset] = {}
_PRESETS: dict[str, Method] = {}


def kind_of_page(page: str) -> str:
    """The report kind of a page's path name (``scenarier``, ``omrade``; else the main one)."""
    return PAGE_KINDS.get(page, MAIN)


def render_link(
    link: str,
    dataset: Dataset,
    presets: Mapping[str, Method],
    *,
    kind: str | None = None,
    base_url: str | None = None,
    strict: bool = True,
    today: dt.date | None = None,
    own: Sequence[OwnIndicator] = (),
) -> bytes:
    """The PDF report of a view's link or bare query string.

    Parameters
    ----------
    link : str
        ``http://host/omrade?w_…=…`` or its query string (with or without ``?``).
    dataset : Dataset
        Loaded data.
    presets : mapping
        The methods a link may name (the presets, and a session's uploaded methods).
    kind : {"main", "comparison", "profile"}, optional
        The report; by default from the link's page (the main report for a bare
        query string).
    base_url : str, optional
        The app's address for the link printed in the report; by default the
        link's own address.
    strict : bool, default True
        Refuse a link with invalid values (the command line); the pages pass
        their own, valid, state.
    today : datetime.date, optional
        The date printed (today by default).
    own : sequence of OwnIndicator
        A session's own indicators.

    Raises
    ------
    ReportError
        Naming what is wrong: no parameters, invalid values, every weight zero,
        no area for a profile.
    """
    try:
        parts = split_link(link)
    except ValueError as exc:
        raise ReportError(t("report.error.link", "sv", detail=str(exc))) from exc
    state, notices = state_from_params(parts.params, dataset, presets)
    if strict and notices:
        detail = ", ".join(str(n) for n in notices)
        raise ReportError(t("report.error.values", state.lang, detail=detail))
    chosen = kind or kind_of_page(parts.page)
    if chosen not in KINDS:
        raise ReportError(f"okänd rapporttyp {chosen!r} (unknown report kind)")
    inp = ReportInput(
        dataset=dataset,
        presets=presets,
        state=state,
        kind=chosen,
        base_url=parts.base if base_url is None else base_url,
        today=today or dt.date.today(),
        own=tuple(own),
    )
    return to_pdf(build_report(inp))


def render_in_worker(
    database: str,
    link: str,
    kind: str,
    base_url: str,
    extra_presets: Mapping[str, Method] | None = None,
    own: Sequence[OwnIndicator] = (),
) -> bytes:
    """Render in a worker process: load the dataset once per process, then reuse it."""
    key = str(Path(database).resolve())
    if key not in _DATASETS:
        _DATASETS[key] = load_dataset(key)
    if not _PRESETS:
        _PRESETS.update(load_presets())
    presets = {**_PRESETS, **(extra_presets or {})}
    return render_link(
        link,
        _DATASETS[key],
        presets,
        kind=kind,
        base_url=base_url,
        strict=False,
        own=own,
    )

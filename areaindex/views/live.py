"""What the browser needs to redraw the map and the ranking itself when a slider moves.

A weight slider move reruns the whole Streamlit script (about 300 ms before the
map and the chart have changed on screen). The map page instead sends the
browser the dimension scores, which do not depend on the weights, and the
browser combines them with the slider values at once (``ui/live/engine.js``,
the same arithmetic as :mod:`areaindex.index.index_rules` - index with the method's
decimals, contributions, ranks - and :func:`areaindex.views.classify.classify`), and
restyles the map as :func:`map_styles` does. The rerun then updates the rest
of the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from areaindex.i18n import numbers
from areaindex.store.catalogue import Catalogue
from areaindex.views.charts import DIMENSION_COLOURS, FALLBACK_COLOUR
from areaindex.views.classify import MISSING_COLOUR, PALETTE
from areaindex.views.indexview import (
    DimensionTable,
    IndexView,
    approximate_geography_columns,
    illustrative_columns,
)
from areaindex.views.mapview import AreaStyle

# Texts the browser shows; each must be given (the page passes its translations).
TEXT_KEYS = (
    "title",
    "title_top",
    "caption",
    "caption_hatched",
    "all_zero",
    "no_index",
    "illustrative",
    "legend_title",
    "legend_count",
    "legend_missing",
    "legend_note",
    "tooltip_index",
    "tooltip_rank",
    "tooltip_rank_of",
    "tooltip_illustrative",
    "tooltip_approximate",
    "ranking_label",
    "negative_parts",
)
# Above MANY_AREAS the map labels only the ten first; above HUGE_AREAS its
# tooltip keeps index and rank. The server-drawn map (ui.mapping.draw_map) and
# the browser's recolouring both use these.
MANY_AREAS = 20
HUGE_AREAS = 500
# The parts of :func:`live_data` that are large and do not depend on the view's
# weights, selection or texts (a page may serve them as a static file).
BIG_KEYS = ("units", "names", "scores", "points", "reference")


def _json_float(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def live_data(
    dims: DimensionTable,
    weights: Mapping[str, float],
    names: Mapping[str, str],
    catalogue: Catalogue,
    dimension_names: Mapping[str, str],
    texts: Mapping[str, str],
    *,
    classes: str = "quantiles",
    k: int = 5,
    top_k: int = 3,
    max_rows: int = 30,
    lang: str = "sv",
    points: Mapping[str, Sequence[float]] | None = None,
    selected: str | None = None,
    reference: tuple[str, Mapping[str, str]] | None = None,
    recolour_map: bool = True,
) -> dict[str, Any]:
    """The weight-independent inputs of the map page's index, as JSON-ready data.

    Parameters
    ----------
    dims : DimensionTable
        Dimension scores of the units shown (output of
        :func:`areaindex.views.indexview.dimension_table`).
    weights : mapping
        The current weight per dimension (the browser uses the sliders' values
        when it can read them, these otherwise).
    names : mapping
        Unit id -> display name.
    catalogue : Catalogue
        To tell which dimensions carry illustrative values.
    dimension_names : mapping
        Dimension id -> name in the page language.
    texts : mapping
        The translated texts named in :data:`TEXT_KEYS`.
    classes : {"quantiles", "fisher_jenks"}, default "quantiles"
        The map's classification.
    k : int, default 5
        Number of map classes.
    top_k : int, default 3
        Ranks shaded as the top priority.
    max_rows : int, default 30
        The ranking lists at most the areas ranked this high.
    lang : {"sv", "en"}, default "sv"
        Number format.
    points : mapping, optional
        Unit id -> ``(lat, lon)`` of its rank label on the map.
    selected : str, optional
        The unit outlined on the map.
    reference : tuple, optional
        The reference layer's tooltip label and text per unit (first tooltip row).
    recolour_map : bool, default True
        Whether the browser recolours the map (not when it shows a fixed layer,
        whose tooltips and rank labels it still updates).

    Raises
    ------
    KeyError
        If a text in :data:`TEXT_KEYS` is missing.
    """
    method = dims.method
    illustrative = set(illustrative_columns(method, catalogue))
    approximate = set(approximate_geography_columns(method, catalogue))
    units = [str(u) for u in dims.scores.index]
    dimensions = [
        {
            "id": dim.id,
            "name": dimension_names.get(dim.id, dim.id),
            "colour": DIMENSION_COLOURS.get(dim.id, FALLBACK_COLOUR),
            "illustrative": any(i.column in illustrative for i in dim.indicators),
            "approximate": any(i.column in approximate for i in dim.indicators),
            "slider": f"w_{dim.id}",
            "weight": float(weights.get(dim.id, 0.0)),
        }
        for dim in method.dimensions
    ]
    return {
        "units": units,
        "names": [names.get(u, u) for u in units],
        "dimensions": dimensions,
        "scores": [
            [_json_float(v) for v in dims.scores[d["id"]].to_numpy(dtype=float)] for d in dimensions
        ],
        "how": method.aggregation.across,
        "min_share": float(method.aggregation.min_share),
        "decimals": method.aggregation.decimals,
        "classes": classes,
        "k": int(k),
        "palette": list(PALETTE),
        "missing": MISSING_COLOUR,
        "top_k": int(top_k),
        "max_rows": int(max_rows),
        "many": MANY_AREAS,
        "huge": HUGE_AREAS,
        "lang": lang,
        "texts": {key: texts[key] for key in TEXT_KEYS},
        "points": {u: [float(p[0]), float(p[1])] for u, p in (points or {}).items()},
        "selected": selected,
        "reference": (
            None
            if reference is None
            else {"label": reference[0], "text": {u: reference[1].get(u, "–") for u in units}}
        ),
        "recolour_map": recolour_map,
    }


def map_styles(
    view: IndexView,
    colours: Sequence[str],
    dimension_names: Mapping[str, str],
    texts: Mapping[str, str],
    *,
    lang: str = "sv",
    reference: tuple[str, Mapping[str, str]] | None = None,
) -> tuple[list[str], dict[str, AreaStyle]]:
    """The map's tooltip rows, rank labels and fills for a view (the browser repeats this).

    Parameters
    ----------
    view : IndexView
        The index view of the units drawn.
    colours : sequence of str
        Fill per unit of ``view.table``, in its order.
    dimension_names : mapping
        Dimension id -> name in the page language.
    texts : mapping
        ``tooltip_index``, ``tooltip_rank``, ``tooltip_rank_of`` (with ``{rank}``
        and ``{n}``), ``tooltip_illustrative`` and ``tooltip_approximate``,
        translated.
    lang : {"sv", "en"}, default "sv"
        Number format.
    reference : tuple, optional
        The reference layer's label and text per unit (the first tooltip row).

    Returns
    -------
    (list of str, dict of str to AreaStyle)
        The tooltip's row titles, and per unit its fill, label (the rank; above
        :data:`MANY_AREAS` ranked areas only ranks 1-10) and tooltip rows
        (above :data:`HUGE_AREAS` only index and rank).
    """
    table = view.table
    n = int(table["rank"].notna().sum())
    many, huge = n > MANY_AREAS, n > HUGE_AREAS
    shown = () if huge else view.dimensions
    illustrative = [dimension_names.get(d, d) for d in view.illustrative_dimensions]
    aliases = [texts["tooltip_index"], texts["tooltip_rank"]]
    aliases += [dimension_names.get(d, d) for d in shown]
    if reference is not None:
        aliases.insert(0, reference[0])
    if illustrative:
        aliases.append(texts["tooltip_illustrative"])
    approximate = [dimension_names.get(d, d) for d in view.approximate_dimensions]
    if approximate:
        aliases.append(texts["tooltip_approximate"])
    # Column by column (formatted together), not row by row: thousands of areas.
    units = [str(u) for u in table.index]
    columns: dict[str, list[str]] = {}
    if reference is not None:
        columns["reference"] = [reference[1].get(u, "–") for u in units]
    columns["index"] = numbers(table["index"], 1, lang)
    ranks = [None if pd.isna(r) else int(r) for r in table["rank"]]
    rank_of = texts["tooltip_rank_of"].replace("{n}", str(n))
    columns["rank"] = ["–" if r is None else rank_of.replace("{rank}", str(r)) for r in ranks]
    for d in shown:
        columns[f"dim_{d}"] = numbers(table[f"score.{d}"], 1, lang)
    if illustrative:
        columns["illustrative"] = [", ".join(illustrative)] * len(units)
    if approximate:
        columns["approximate"] = [", ".join(approximate)] * len(units)
    fills = list(colours)
    styles = {}
    for i, unit in enumerate(units):
        rank = ranks[i]
        label = str(rank) if rank is not None and (not many or rank <= 10) else ""
        styles[unit] = AreaStyle(fills[i], label, {f: v[i] for f, v in columns.items()})
    return aliases, styles

"""The map as a picture for the printed report: geopandas and matplotlib, no tiles.

The same shapes (:func:`areaindex.store.dataset.feature_collection`), classes and
colours (:func:`areaindex.views.classify.classify`) as the map on screen. On paper
colour alone is not enough (black-and-white printers, colour-blind readers):
every class also has its own hatching, and the legend numbers the classes.
Areas carry their rank as on screen (all of them up to
:data:`areaindex.views.live.MANY_AREAS` areas, else the ten first).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from areaindex.i18n import number, t
from areaindex.store.dataset import Dataset, feature_collection
from areaindex.views.classify import MISSING_COLOUR, Classification
from areaindex.views.live import MANY_AREAS

# One hatching per class, sparser for low need, denser for high: the classes stay
# apart in greyscale. Index = position of the class's colour in the palette.
HATCHES = ("", "..", "//", "xx", "xxxx")
MISSING_HATCH = "--"
# SWEREF 99 TM: Sweden's national projection, true shapes for a map of Malmö.
PROJECTED_CRS = "EPSG:3006"
DPI = 200
TOP_LABELLED = 10


def shapes_frame(dataset: Dataset, shapes_level: str, units: Sequence[str]) -> gpd.GeoDataFrame:
    """The shapes of ``units`` (at ``shapes_level``) as a projected GeoDataFrame, by unit."""
    collection = feature_collection(dataset, shapes_level)
    frame = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    frame = frame.set_index("unit")
    frame = frame.loc[frame.index.intersection(pd.Index(units))]
    return frame.to_crs(PROJECTED_CRS)


def hatch_of(classes: Classification, colour: str) -> str:
    """The hatching of a class colour: its place in the legend spread over :data:`HATCHES`."""
    palette = [b.colour for b in classes.bins]
    if colour not in palette:
        return MISSING_HATCH
    position = palette.index(colour)
    return HATCHES[round(position * (len(HATCHES) - 1) / max(1, len(palette) - 1))]


def legend_entries(classes: Classification, lang: str) -> list[tuple[str, str, str]]:
    """(colour, hatch, label) per legend row: "Klass 1: 12,3 – 25,0 (3 områden)"."""
    rows = []
    for i, b in enumerate(classes.bins, start=1):
        span = t("legend.class", lang, lo=number(b.lower, 1, lang), hi=number(b.upper, 1, lang))
        count = t("legend.count", lang, n=b.count)
        label = t("report.map.class", lang, i=i, span=span, n=count)
        rows.append((b.colour, hatch_of(classes, b.colour), label))
    if (classes.classes < 0).any():
        rows.append((MISSING_COLOUR, MISSING_HATCH, t("legend.missing", lang)))
    return rows


def map_png(
    frame: gpd.GeoDataFrame,
    classes: Classification,
    ranks: Mapping[str, float],
    *,
    lang: str = "sv",
    legend_title: str = "",
    width_cm: float = 17.0,
    height_cm: float = 12.0,
    legend: bool = True,
) -> bytes:
    """Draw the choropleth with hatching, rank numbers and a legend; return PNG bytes.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Projected shapes indexed by unit (:func:`shapes_frame`).
    classes : Classification
        Classes and colours of the units, as on screen.
    ranks : mapping
        Unit -> rank (NaN for no rank), written on the areas.
    lang : str
        Language of the legend.
    legend_title : str
        Title above the legend.
    width_cm, height_cm : float
        Size of the picture.
    legend : bool
        Draw the legend below the map.
    """
    # A Figure without pyplot: no global figure registry, no display back-end.
    with matplotlib.rc_context({"hatch.linewidth": 0.4, "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
        narrow = width_cm < 10
        entries = legend_entries(classes, lang) if legend else []
        # Room below the map for the legend: one row per entry when narrow, else two columns.
        rows = len(entries) if narrow else (len(entries) + 1) // 2
        bottom = min(0.5, (rows + 1.6) * 0.42 / height_cm) if legend else 0.0
        ax = fig.add_axes((0.0, bottom, 1.0, 1.0 - bottom))
        ax.set_axis_off()
        ax.set_aspect("equal")
        ranked = [r for r in ranks.values() if r == r]
        many = len(ranked) > MANY_AREAS
        colours = classes.colours.reindex(frame.index).fillna(MISSING_COLOUR)
        thin = len(frame) > MANY_AREAS
        # One draw call per class (thousands of areas for all of Sweden).
        for colour, group in frame.groupby(colours.to_numpy(), sort=False):
            group.plot(
                ax=ax,
                facecolor=colour,
                edgecolor="#333333",
                linewidth=0.15 if thin else 0.6,
                hatch=hatch_of(classes, colour),
            )
        for unit, geometry in frame.geometry.items():
            rank = ranks.get(unit, float("nan"))
            if rank != rank or (many and rank > TOP_LABELLED):
                continue
            point = geometry.representative_point()
            ax.annotate(
                str(int(rank)),
                (point.x, point.y),
                ha="center",
                va="center",
                fontsize=7,
                fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": "black", "lw": 0.6},
            )
        if legend:
            handles = [
                Patch(facecolor=c, edgecolor="#333333", hatch=h, label=label)
                for c, h, label in entries
            ]
            fig.legend(
                handles=handles,
                loc="lower center",
                ncol=1 if narrow else 2,
                fontsize=7,
                title=legend_title,
                title_fontsize=8,
                frameon=False,
                handlelength=2.4,
                handleheight=1.4,
            )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()

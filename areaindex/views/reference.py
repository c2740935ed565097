"""SCB's socio-economic area type (2022) as a reference layer to hold any index against.

At RegSO level the reference is SCB's own class, 1 (major socio-economic
challenges) to 5 (very good conditions). Larger areas have no class of their
own, so they show the share of their population living in RegSO of type 1 or 2,
computed from counts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from areaindex.i18n import number
from areaindex.store.dataset import Dataset, indicator_frame
from areaindex.views.classify import Classification, classify_categories, classify_fixed

AREA_TYPE = "scb_area_type"
CHALLENGED_SHARE = "share_in_challenged_areas"
# Darker = greater need, as on the index map: type 1 darkest.
AREA_TYPE_COLOURS = ("#bd0026", "#f03b20", "#fd8d3c", "#fecc5c", "#ffffb2")
AREA_TYPE_NAMES = {
    "sv": (
        "stora socioekonomiska utmaningar",
        "socioekonomiska utmaningar",
        "socioekonomiskt blandat",
        "goda förutsättningar",
        "mycket goda förutsättningar",
    ),
    "en": (
        "major socio-economic challenges",
        "socio-economic challenges",
        "socio-economically mixed",
        "good conditions",
        "very good conditions",
    ),
}
# Share of inhabitants in type 1-2 RegSO: "none" and four quarters.
SHARE_BOUNDS = (0.0, 1e-9, 25.0, 50.0, 75.0, 100.0)
SHARE_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


@dataclass(frozen=True)
class ReferenceLayer:
    """Reference values per unit, their classes and legend labels."""

    indicator: str
    values: pd.Series
    classes: Classification
    labels: tuple[str, ...]  # one per legend bin, lowest class first


REGSO_LEVELS = ("regso", "sverige")


def reference_layer(
    dataset: Dataset, level: str, lang: str = "sv", units: list[str] | None = None
) -> ReferenceLayer:
    """The reference layer for the units of ``level``.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    level : str
        ``regso`` shows the area type; any larger level the share of inhabitants
        living in RegSO of type 1–2.
    lang : str
        Language of the legend labels.
    units : list of str, optional
        Only these units (one municipality's RegSO of the national level).
    """
    if level in REGSO_LEVELS:
        values = indicator_frame(dataset, level, indicators=[AREA_TYPE]).values[AREA_TYPE]
        if units is not None:
            values = values.reindex(units)
        classes = classify_categories(values, (1, 2, 3, 4, 5), AREA_TYPE_COLOURS)
        names = AREA_TYPE_NAMES["en" if lang == "en" else "sv"]
        labels = tuple(f"{i}: {name}" for i, name in enumerate(names, start=1))
        return ReferenceLayer(AREA_TYPE, values, classes, labels)
    values = indicator_frame(dataset, level, indicators=[CHALLENGED_SHARE]).values[CHALLENGED_SHARE]
    classes = classify_fixed(values, SHARE_BOUNDS, SHARE_COLOURS)
    quarters = tuple(
        f"{number(lo, 0, lang)}–{number(hi, 0, lang)} %"
        for lo, hi in itertools.pairwise(SHARE_BOUNDS[2:])
    )
    labels = ("0 %", f"> 0–{number(25, 0, lang)} %", *quarters)
    return ReferenceLayer(CHALLENGED_SHARE, values, classes, labels)


def rank_agreement(index: pd.Series, reference: pd.Series, indicator: str) -> float:
    """Spearman rank correlation between the index and the reference (need-oriented).

    The area type runs the other way (1 = greatest challenges), so it is negated:
    a positive correlation always means that the index and SCB agree on where
    the need is. NaN when fewer than three units have both values.
    """
    ref = -reference if indicator == AREA_TYPE else reference
    x = index.to_numpy(dtype=float, na_value=np.nan)
    y = ref.reindex(index.index).to_numpy(dtype=float, na_value=np.nan)
    both = ~(np.isnan(x) | np.isnan(y))
    x, y = x[both], y[both]
    if len(x) < 3 or np.unique(x).size < 2 or np.unique(y).size < 2:
        return float("nan")
    # Spearman's rho is Pearson's r of the ranks (ties get their mean rank), as in
    # scipy.stats.spearmanr; computed here so that SciPy is not imported at start-up.
    return float(np.corrcoef(_mean_ranks(x), _mean_ranks(y))[0, 1])


def _mean_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, tied values sharing the mean of their ranks (``rank(method="average")``)."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    # Tied values hold the ranks after every smaller value: their mean is the middle one.
    below = np.cumsum(counts) - counts
    return (below + (counts + 1) / 2)[inverse]

"""Choropleth classes and colours.

Five classes by quantiles or Fisher–Jenks natural breaks (both deterministic;
``mapclassify.NaturalBreaks`` is random between runs and is not used), coloured
with ColorBrewer's YlOrRd, a sequential palette that is safe for colour-blind
readers and in greyscale print.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

# ColorBrewer YlOrRd, 5 classes (colour-blind safe, print friendly).
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
MISSING_COLOUR = "#d9d9d9"
# Text colour with enough contrast (WCAG AA) on each fill.
TEXT_ON = {
    "#ffffb2": "#000000",
    "#fecc5c": "#000000",
    "#fd8d3c": "#000000",
    "#f03b20": "#000000",
    "#bd0026": "#ffffff",
    MISSING_COLOUR: "#000000",
}
CLASSIFIERS = ("quantiles", "fisher_jenks")


@dataclass(frozen=True)
class ClassBin:
    """One legend entry: a colour and the values it stands for."""

    colour: str
    lower: float
    upper: float
    count: int


@dataclass(frozen=True)
class Classification:
    """Class per unit and the legend."""

    classes: pd.Series  # unit -> class index (0 = lowest), -1 = missing
    colours: pd.Series  # unit -> fill colour
    bins: tuple[ClassBin, ...]
    method: str


def _score_at_percentile(ordered: np.ndarray, percent: float) -> float:
    # SciPy's scoreatpercentile (which mapclassify uses), to the last bit: the two
    # neighbours weighted by distance, divided by the weights' sum.
    idx = percent / 100.0 * (len(ordered) - 1)
    i = int(idx)
    if i == idx:
        return float(ordered[i])
    weights = np.array([(i + 1) - idx, idx - i], dtype=float)
    return float(np.add.reduce(ordered[i : i + 2] * weights) / weights.sum())


def quantile_classes(values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Quantile classes exactly as ``mapclassify.Quantiles``: class per value, upper bounds.

    Upper bounds are the 100/k, 200/k, ... percentiles (linear interpolation),
    repeated bounds collapsed (fewer classes when values tie); a value equal to a
    bound belongs to the class below it.

    Parameters
    ----------
    values : numpy.ndarray
        Values without missing ones.
    k : int
        Number of classes wanted.

    Returns
    -------
    tuple of numpy.ndarray
        The class (0 = lowest) of each value, and each class's upper bound.
    """
    step = 100.0 / k
    percents = np.arange(step, 100 + step, step)
    percents[-1] = min(percents[-1], 100.0)
    bounds = np.unique([_score_at_percentile(np.sort(values), p) for p in percents])
    return np.searchsorted(bounds, values, side="left"), bounds


def classify(values: pd.Series, method: str = "quantiles", k: int = 5) -> Classification:
    """Put values into ``k`` classes and give each a colour.

    Parameters
    ----------
    values : pandas.Series
        Index scores by unit; NaN is "missing" and gets a grey fill.
    method : {"quantiles", "fisher_jenks"}
        Quantiles put about as many units in each class; Fisher–Jenks puts
        breaks where the values jump.
    k : int, default 5
        Number of classes; fewer when there are fewer distinct values.

    Returns
    -------
    Classification
    """
    if method not in CLASSIFIERS:
        raise ValueError(f"okänd klassindelning {method!r}")
    valid = values.dropna().astype(float)
    classes = pd.Series(-1, index=values.index, dtype=int)
    distinct = int(valid.nunique())
    if distinct == 0:
        return Classification(classes, classes.map(lambda _: MISSING_COLOUR), (), method)
    k = max(1, min(k, distinct))
    if k == 1:
        yb = np.zeros(len(valid), dtype=int)
        uppers = [float(valid.max())]
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # mapclassify warns when classes collapse
            if method == "quantiles":
                yb, upper_bounds = quantile_classes(valid.to_numpy(), k)
            else:
                # Imported here: mapclassify pulls in scikit-learn and SciPy (about a
                # second at start-up), and the default classification does not need it.
                import mapclassify

                model = mapclassify.FisherJenks(valid.to_numpy(), k=k)
                yb, upper_bounds = np.asarray(model.yb), np.asarray(model.bins)
        yb = np.asarray(yb, dtype=int)
        uppers = [float(b) for b in upper_bounds]
    used = sorted(set(yb.tolist()))
    # Spread the used classes over the palette so that 3 classes still run light to dark.
    palette_index = {
        c: round(i * (len(PALETTE) - 1) / max(1, len(used) - 1)) for i, c in enumerate(used)
    }
    classes.loc[valid.index] = [used.index(c) for c in yb]
    colours = pd.Series(MISSING_COLOUR, index=values.index, dtype=object)
    colours.loc[valid.index] = [PALETTE[palette_index[c]] for c in yb]
    bins = []
    for c in used:
        members = valid[yb == c]
        lower = float(members.min())
        upper = uppers[c] if c < len(uppers) else float(members.max())
        upper = min(upper, float(valid.max()))
        bins.append(ClassBin(PALETTE[palette_index[c]], lower, upper, len(members)))
    return Classification(classes, colours, tuple(bins), method)


def classify_fixed(
    values: pd.Series, bounds: Sequence[float], palette: Sequence[str] = PALETTE
) -> Classification:
    """Classes with fixed bounds (for a reference layer that must mean the same everywhere).

    Parameters
    ----------
    values : pandas.Series
        Values by unit; NaN is missing.
    bounds : sequence of float
        Class edges, lowest first; ``len(bounds) - 1`` classes. A value equal to
        an inner edge goes to the lower class, except the lowest edge which
        belongs to the first class.
    palette : sequence of str
        One colour per class, lightest first.
    """
    edges = np.asarray(bounds, dtype=float)
    k = len(edges) - 1
    if k < 1 or len(palette) < k or np.any(np.diff(edges) <= 0):
        raise ValueError("ogiltiga klassgränser")
    valid = values.dropna().astype(float)
    idx = np.clip(np.searchsorted(edges, valid.to_numpy(), side="left") - 1, 0, k - 1)
    classes = pd.Series(-1, index=values.index, dtype=int)
    classes.loc[valid.index] = idx
    colours = pd.Series(MISSING_COLOUR, index=values.index, dtype=object)
    colours.loc[valid.index] = [palette[i] for i in idx]
    bins = tuple(
        ClassBin(palette[i], float(edges[i]), float(edges[i + 1]), int((idx == i).sum()))
        for i in range(k)
    )
    return Classification(classes, colours, bins, "fixed")


def classify_categories(
    values: pd.Series, categories: Sequence[int], palette: Sequence[str]
) -> Classification:
    """One colour per category (e.g. SCB's area types 1–5); other values are missing."""
    classes = pd.Series(-1, index=values.index, dtype=int)
    colours = pd.Series(MISSING_COLOUR, index=values.index, dtype=object)
    bins = []
    for i, (category, colour) in enumerate(zip(categories, palette, strict=True)):
        member = values == category
        classes[member] = i
        colours[member] = colour
        bins.append(ClassBin(colour, float(category), float(category), int(member.sum())))
    return Classification(classes, colours, tuple(bins), "categories")

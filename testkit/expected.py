"""Independent reference computations for tests (plain pandas, not the engine)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.index.method import load_method
from areaindex.store.dataset import Dataset, indicator_frame

ROOT = Path(__file__).resolve().parent.parent

# The Malmö catalogue's eight dimensions in order: the city office's four, then
# the committees' additions. Written out, not read from the catalogue, so that
# tests check the catalogue against it.
MALMO_DIMENSIONS: tuple[str, ...] = (
    "delaktighet",
    "utbildning",
    "ekonomi",
    "boende",
    "halsa",
    "tillit",
    "trygghet",
    "barn_unga",
)


def expected_ranking(
    dataset: Dataset,
    weights: dict[str, float],
    level: str = "omraden",
    units: list[str] | None = None,
    official_only: bool = False,
) -> list[str]:
    """Names by rank, computed by hand from the method file and the database."""
    method = load_method(ROOT / "methods" / "malmo_stadskontoret_2023.toml")
    if official_only:
        illustrative = {i.id for i in dataset.catalogue.indicators if i.illustrative}
        method = method.without_indicators(
            [c for c in method.indicator_columns if c in illustrative]
        )
    raw = indicator_frame(dataset, level, indicators=list(method.indicator_columns)).values
    # Indicators without any value at the level (Malmö's turnout in the national data)
    # are left out, with a dimension that has nothing left.
    empty = [c for c in raw.columns if raw[c].isna().all()]
    if empty:
        method = method.without_indicators(empty)
        raw = raw.drop(columns=empty)
    if units is not None:
        raw = raw.loc[units]
    scores = {}
    for dim in method.dimensions:
        cols = []
        for ind in dim.indicators:
            x = raw[ind.column] if ind.direction == "higher_is_need" else -raw[ind.column]
            cols.append(100 * (x - x.min()) / (x.max() - x.min()))
        scores[dim.id] = np.nanmean(np.column_stack(cols), axis=1)
    frame = pd.DataFrame(scores, index=raw.index)
    w = np.array([weights.get(d, 0) for d in frame.columns], dtype=float)
    index = pd.Series(frame.to_numpy() @ w / w.sum(), index=frame.index)
    names = dataset.unit_names(level)
    ranked = index.dropna().sort_values(ascending=False, kind="mergesort").index
    return [names[u] for u in ranked]

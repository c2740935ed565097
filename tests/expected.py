"""Independent reference computations for tests (plain pandas, not the engine)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.dataset import Dataset, indicator_frame
from areaindex.method import load_method

ROOT = Path(__file__).resolve().parent.parent


def expected_ranking(
    dataset: Dataset, weights: dict[str, float], level: str = "omraden"
) -> list[str]:
    """Names by rank, computed by hand from the method file and the database."""
    method = load_method(ROOT / "methods" / "malmo_stadskontoret_2023.toml")
    raw = indicator_frame(dataset, level, indicators=list(method.indicator_columns)).values
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
    return [names[u] for u in index.sort_values(ascending=False, kind="mergesort").index]

"""Choosing slider presses that change both the ranking and the map colours."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from bench.browser.settings import DIMENSIONS, KEYS, START_WEIGHTS
from testkit.server import database_path


class Predictor:
    """The ranking and map colours for a set of weights (areaindex's scoring, as both apps).

    Only used to choose presses that change both; what the page shows decides.
    """

    def __init__(self, level: str) -> None:
        from areaindex.store.dataset import load_dataset
        from areaindex.views.classify import classify
        from areaindex.views.indexview import (
            DEFAULT_METHOD,
            dimension_table,
            index_view,
            load_presets,
        )

        dataset = load_dataset(database_path())
        self._dims = dimension_table(dataset, load_presets()[DEFAULT_METHOD], level)
        self._names = dataset.unit_names(level)
        self._catalogue = dataset.catalogue
        self._index_view, self._classify = index_view, classify

    def outcome(self, weights: Mapping[str, int]) -> tuple[tuple, tuple] | None:
        if sum(weights.values()) <= 0:
            return None
        view = self._index_view(self._dims, weights, self._names, self._catalogue)
        table = view.table.dropna(subset=["index"]).sort_values(["rank", "name"])
        ranks = zip(table["rank"], table["name"], strict=True)
        ranking = tuple(f"{int(r)}. {n}" for r, n in ranks)
        colours = tuple(self._classify(view.table["index"]).colours.sort_index())
        return ranking, colours


def predictor_for(level: str) -> Predictor | None:
    try:
        return Predictor(level)
    except Exception as exc:
        print(f"  (no prediction of the ranking: {exc}; pressing in rotation)", file=sys.stderr)
        return None


def _after(key: str, value: int) -> int:
    moves = {"End": 10, "Home": 0, "ArrowRight": value + 1, "ArrowLeft": value - 1}
    return min(10, max(0, moves[key]))


def choose_press(
    weights: Mapping[str, int],
    predictor: Predictor | None,
    visited: set[tuple[int, ...]],
    turn: int,
    enabled: Sequence[str] | None = None,
) -> tuple[str, str]:
    """The next (dimension, key): a key predicted to change ranking and colours.

    Prefers weights not seen before in this server, then the next slider in
    rotation, then End/Home and ArrowRight/ArrowLeft on alternate turns.
    """
    dims = [d for d in DIMENSIONS if enabled is None or d in enabled]
    order = dims[turn % len(dims) :] + dims[: turn % len(dims)]
    keys = KEYS if turn % 2 == 0 else KEYS[2:] + KEYS[:2]
    now = predictor.outcome(weights) if predictor else None
    best: tuple[int, str, str] | None = None
    for i, dim in enumerate(order):
        for j, key in enumerate(keys):
            new = {**weights, dim: _after(key, weights[dim])}
            if new[dim] == weights[dim] or sum(new.values()) == 0:
                continue
            score = i * 10 + j + (1000 if tuple(new.values()) in visited else 0)
            if predictor is not None and now is not None:
                then = predictor.outcome(new)
                if then is None:
                    continue
                if then[0] == now[0] or then[1] == now[1]:
                    score += 10_000
            if best is None or score < best[0]:
                best = (score, dim, key)
    if best is None:
        raise RuntimeError(f"no slider press changes anything from {weights}")
    return best[1], best[2]


def enabled_dimensions(page) -> list[str]:
    """Dimensions whose slider can be moved (all of Sweden: the official ones only)."""
    found = []
    for slider in page.evaluate("() => window.__bench.sliders()"):
        for dim, name in DIMENSIONS.items():
            if slider["label"].startswith(name) and not slider.get("disabled"):
                found.append(dim)
    return found


def read_weights(page) -> dict[str, int]:
    """The sliders' current values, by dimension."""
    weights = dict(START_WEIGHTS)
    for slider in page.evaluate("() => window.__bench.sliders()"):
        for dim, name in DIMENSIONS.items():
            if slider["label"].startswith(name) and slider["value"] is not None:
                weights[dim] = int(slider["value"])
    return weights

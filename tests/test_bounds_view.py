"""Which areas the bounds sentences mention, and what they say (areaindex.views.bounds_view)."""

from __future__ import annotations

import pandas as pd
import pytest

from areaindex.index.bounds import rank_bounds
from areaindex.index.engine import combine_index, rank_descending
from areaindex.views.bounds_view import (
    Witness,
    bounds_chart,
    group_sentences,
    headline,
    join_names,
    slider_witness,
    top_k_groups,
)


def summary(rows: dict[str, tuple[int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["best", "worst"])
    return frame.astype("Int64")


# Current ranks 1..5; A is always first, C moves most among the top three.
SUMMARY = summary({"A": (1, 1), "B": (2, 3), "C": (2, 5), "D": (3, 5), "E": (5, 5)})
CURRENT = pd.Series({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})
NAMES = {"A": "Rosengård", "B": "Oxie", "C": "Husie", "D": "Limhamn", "E": "Hyllie"}


def test_headline_names_the_fixed_top_area_and_the_widest_span_of_the_top_k():
    line = headline(SUMMARY, CURRENT, NAMES, k=3)
    assert line.text == (
        "Rosengård är högst prioriterad med varje tänkbar viktning; "
        "Husie kan hamna var som helst mellan plats 2 och 5."
    )
    assert line.witness == Witness("C", "worst", 5)


def test_headline_when_the_top_area_can_fall_shows_its_worst_case():
    rows = summary({"A": (1, 4), "B": (1, 2), "C": (3, 3)})
    line = headline(rows, pd.Series({"A": 1, "B": 2, "C": 3}), NAMES, k=3, lang="en")
    assert line.text.startswith(
        "Rosengård has the highest priority now, but can end up in place 4 with another weighting"
    )
    assert line.witness == Witness("A", "worst", 4)


def test_headline_when_the_top_k_never_move():
    rows = summary({"A": (1, 1), "B": (2, 2), "C": (3, 3), "D": (4, 6)})
    line = headline(rows, pd.Series({"A": 1, "B": 2, "C": 3, "D": 4}), NAMES, k=3)
    assert line.text.endswith("de 3 högst prioriterade behåller sina platser med varje viktning.")
    assert line.witness is None


def test_always_and_never_in_the_top_k():
    assert top_k_groups(SUMMARY, CURRENT, 3) == (["A", "B"], ["E"])
    always, never, first, second = group_sentences(SUMMARY, CURRENT, NAMES, k=3)
    assert "Rosengård och Oxie" in always
    assert never.endswith("Hyllie.")
    # Oxie is the "always" area closest to falling out; Hyllie the closest "never".
    assert first == Witness("B", "worst", 3)
    assert second == Witness("E", "best", 5)
    _, never_none, _, nobody = group_sentences(SUMMARY, CURRENT, NAMES, k=4)
    assert nobody is not None and "Hyllie" in never_none
    always_none, _, none, _ = group_sentences(
        summary({"A": (1, 3), "B": (1, 3), "C": (1, 3)}),
        pd.Series({"A": 1, "B": 2, "C": 3}),
        NAMES,
        k=1,
    )
    assert "inget område" in always_none and none is None


def test_join_names():
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B", "C"], "en") == "A, B and C"
    assert join_names(list("ABCDE"), max_names=2) == "A, B och 3 områden till"


def test_slider_witness_gives_whole_weights_that_reach_the_rank():
    scores = pd.DataFrame(
        {"d0": [100, 0, 55, 20], "d1": [0, 100, 50, 30], "d2": [30, 40, 0, 90]},
        index=pd.Index(["A", "B", "C", "D"], name="unit"),
    )
    exact = rank_bounds(scores)
    for unit in scores.index:
        for side in ("best", "worst"):
            bound = int(exact.summary.at[unit, side])
            weights, got = slider_witness(
                scores, {"d0": 5, "d1": 5, "d2": 0}, Witness(unit, side, bound)
            )
            assert all(isinstance(w, int) and 0 <= w <= 10 for w in weights.values())
            rank = rank_descending(combine_index(scores, weights))[unit]
            assert rank == got
            # Whole steps can only be less extreme than the exact bound.
            assert got >= bound if side == "best" else got <= bound


def test_chart_is_sorted_by_current_rank_and_spans_best_to_worst():
    fig = bounds_chart(SUMMARY, CURRENT, NAMES)
    bars, marks = fig.data
    assert list(bars.y) == ["1. Rosengård", "2. Oxie", "3. Husie", "4. Limhamn", "5. Hyllie"]
    ends = [b + x for b, x in zip(bars.base, bars.x, strict=True)]
    assert ends == pytest.approx([1.4, 3.4, 5.4, 5.4, 5.4])
    assert list(bars.base) == pytest.approx([0.6, 1.6, 1.6, 2.6, 4.6])
    assert list(marks.x) == [1, 2, 3, 4, 5]
    assert fig.layout.yaxis.autorange == "reversed"

"""The map page's rank bounds, asked unit by unit (shared between sessions), merged.

``ui.bounds_section`` caches each unit's bounds over every weighting on its own,
so a slider move that changes the top three computes only the newcomer. The
merged result must say what one call for the same units says: the same best and
worst ranks, proven limits and exactness, for every unit asked about, and
nothing for the others.
"""

from __future__ import annotations

import pandas as pd
import pytest

from areaindex.index.bounds import rank_bounds
from areaindex.views.indexview import DEFAULT_METHOD, dimension_table, load_presets
from ui.bounds_section import merge_unit_bounds

COLUMNS = ["best", "worst", "best_limit", "worst_limit", "exact"]


@pytest.mark.parametrize(
    ("level", "units"),
    [
        ("omraden", slice(0, 3)),
        ("omraden", slice(5, 9)),
        ("regso", slice(0, 3)),
        ("regso", slice(40, 43)),
    ],
)
def test_merged_unit_bounds_equal_one_call_for_the_same_units(dataset, level, units):
    dims = dimension_table(dataset, load_presets()[DEFAULT_METHOD], level)
    scores = dims.scores
    how = dims.method.aggregation.across
    wanted = sorted(scores.index[units])
    together = rank_bounds(scores, None, how=how, units=wanted)
    merged = merge_unit_bounds({u: rank_bounds(scores, None, how=how, units=[u]) for u in wanted})
    pd.testing.assert_frame_equal(merged.summary[COLUMNS], together.summary[COLUMNS])
    assert merged.summary.loc[wanted, "best"].notna().all()
    others = scores.index.difference(wanted)
    assert merged.summary.loc[others, "best"].isna().all()
    assert list(merged.best_weights.index) == list(scores.index)
    assert (merged.eps, merged.how) == (together.eps, together.how)


def test_the_cache_key_changes_with_any_score_unit_or_dimension(dataset):
    from ui.bounds_section import scores_digest

    scores = dimension_table(dataset, load_presets()[DEFAULT_METHOD], "omraden").scores
    same = scores.copy()
    assert scores_digest(same) == scores_digest(scores)
    changed = scores.copy()
    changed.iloc[3, 1] += 1e-9
    renamed = scores.rename(index={scores.index[0]: "x"})
    fewer = scores.drop(columns=scores.columns[-1])
    digests = {scores_digest(t) for t in (scores, changed, renamed, fewer)}
    assert len(digests) == 4


def test_slider_grid_bounds_are_shared_whatever_the_current_weights(dataset):
    """The witness buttons' whole-number bounds over every weighting do not depend
    on where the sliders stand: one cached result serves every move."""
    from areaindex.index.bounds import cached_rank_bounds

    dims = dimension_table(dataset, load_presets()[DEFAULT_METHOD], "omraden")
    scores, how = dims.scores, dims.method.aggregation.across
    unit = (scores.index[2],)
    one = {d: 1.0 for d in scores.columns}
    other = {d: float(i + 1) for i, d in enumerate(scores.columns)}
    first = cached_rank_bounds(scores, one, how=how, grid=10, units=unit)
    assert cached_rank_bounds(scores, other, how=how, grid=10, units=unit) is first
    fresh = rank_bounds(scores, other, how=how, grid=10, units=list(unit))
    pd.testing.assert_frame_equal(fresh.summary[COLUMNS], first.summary[COLUMNS])
    # Around the current weights they do matter: another entry.
    near = cached_rank_bounds(scores, one, how=how, grid=10, around=25.0, units=unit)
    assert cached_rank_bounds(scores, other, how=how, grid=10, around=25.0, units=unit) is not near

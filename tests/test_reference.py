"""The index held against SCB's area type: the rank agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from areaindex.views.reference import AREA_TYPE, rank_agreement


@pytest.mark.parametrize("seed", range(20))
def test_rank_agreement_is_spearmans_rho_with_ties(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 60))
    units = [f"u{i}" for i in range(n)]
    index = pd.Series(np.round(rng.uniform(0, 100, n), 0), index=units)
    share = pd.Series(np.round(rng.uniform(0, 100, n) / 20) * 20, index=units)
    expected = stats.spearmanr(index, share).statistic
    assert rank_agreement(index, share, "share") == pytest.approx(expected, abs=1e-12)


def test_area_type_runs_the_other_way():
    index = pd.Series([90.0, 60.0, 30.0, 10.0], index=list("abcd"))
    area_type = pd.Series([1, 2, 4, 5], index=list("abcd"))  # 1 = major challenges
    assert rank_agreement(index, area_type, AREA_TYPE) == pytest.approx(1.0)


def test_missing_values_are_left_out_and_too_few_give_nan():
    index = pd.Series([90.0, 60.0, np.nan, 10.0], index=list("abcd"))
    share = pd.Series([50.0, 40.0, 30.0, np.nan], index=list("abcd"))
    assert np.isnan(rank_agreement(index, share, "share"))
    index["c"], share["d"] = 30.0, 0.0
    assert rank_agreement(index, share, "share") == pytest.approx(1.0)

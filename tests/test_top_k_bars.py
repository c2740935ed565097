"""The robustness box's bars (areaindex.views.charts): which areas, in which order.

Sorted with NumPy on every slider move; held here to pandas' own sort on the
same keys (share descending, then current rank, a missing rank last, stable).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.views.charts import _top_k_rows, top_k_share_html


def reference_rows(summary: pd.DataFrame, names: dict[str, str], min_share: float) -> list[str]:
    rows = summary[summary["top_k_share"] >= min_share].copy()
    rows["name"] = [names.get(u, u) for u in rows.index]
    return list(rows.sort_values(["top_k_share", "current_rank"], ascending=[False, True]).index)


@pytest.mark.parametrize("seed", range(20))
def test_rows_and_order_match_a_pandas_sort(seed: int):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    rank = pd.array(rng.integers(1, 6, size=n), dtype="Int64")
    rank[rng.random(n) < 0.2] = pd.NA
    summary = pd.DataFrame(
        {
            "top_k_share": rng.choice([0.0, 0.004, 0.005, 0.1, 0.5, 1.0], size=n),
            "current_rank": rank,
        },
        index=[f"u{i}" for i in range(n)],
    )
    names = {u: u.upper() for u in summary.index}
    rows, percent = _top_k_rows(summary, names, 0.005)
    assert list(rows.index) == reference_rows(summary, names, 0.005)
    assert list(rows["name"]) == [names[u] for u in rows.index]
    # Whole percent, half away from zero (0.5 % shows as 1 %), as the sentences round.
    assert percent.tolist() == [float(np.floor(100 * s + 0.5)) for s in rows["top_k_share"]]


def test_the_list_names_each_area_with_its_share():
    summary = pd.DataFrame(
        {"top_k_share": [0.25, 1.0, 0.0], "current_rank": pd.array([2, 1, 3], dtype="Int64")},
        index=["b", "a", "c"],
    )
    html = top_k_share_html(summary, {"a": "Rosengård", "b": "Husie"}, label="Topp 3", lang="sv")
    assert html.index("Rosengård") < html.index("Husie")
    assert "100 %" in html and "25 %" in html
    assert "<span>c</span>" not in html  # never in the top group: no bar

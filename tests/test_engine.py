"""Tests for areaindex.index.engine on small hand-computed tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.errors import MethodError, ScoringError, TableError
from areaindex.index.engine import (
    combine_index,
    dimension_scores,
    normalised_indicators,
    observed_goalposts,
    rank_descending,
    score_table,
)
from areaindex.index.method import Method, parse_method

NAN = np.nan

BASE = """
[method]
id = "t"
title = "T"
description = "D"
source = "S"
id_column = "id"
missing_values = [-999]

[normalisation]
method = "minmax"

[aggregation]
within = "mean"
across = "mean"
min_share = 0.5

[[dimensions]]
id = "A"
title = "A"
weight = 1

  [[dimensions.indicators]]
  column = "a"
  direction = "higher_is_need"

  [[dimensions.indicators]]
  column = "b"
  direction = "lower_is_need"

[[dimensions]]
id = "B"
title = "B"
weight = 3

  [[dimensions.indicators]]
  column = "c"
  direction = "higher_is_need"
"""


def method(extra: str = "", **replacements: str) -> Method:
    text = BASE
    for old, new in replacements.items():
        text = text.replace(old, new)
    return parse_method(text.replace("[[dimensions]]", extra + "\n[[dimensions]]", 1))


def table(**overrides: list[object]) -> pd.DataFrame:
    data: dict[str, list[object]] = {
        "id": ["u1", "u2", "u3"],
        "a": [0, 5, 10],
        "b": [30, 20, 10],
        "c": [1, 3, 2],
    }
    data.update(overrides)
    return pd.DataFrame(data)


# Hand computation for table():
#   a -> minmax [0, 50, 100]; b is lower_is_need: -b = [-30, -20, -10] -> [0, 50, 100]
#   c -> [0, 100, 50]
#   A = mean(a, b) = [0, 50, 100]; B = c = [0, 100, 50]
#   index = (1 A + 3 B) / 4 = [0, 87.5, 62.5] -> rank [3, 1, 2]


def test_score_table_hand_computed() -> None:
    out = score_table(method(), table())
    assert out.columns.tolist() == [
        "id",
        "a.normalised",
        "b.normalised",
        "c.normalised",
        "A.score",
        "B.score",
        "index.score",
        "index.rank",
    ]
    assert out["id"].tolist() == ["u1", "u2", "u3"]
    assert out["a.normalised"].tolist() == [0.0, 50.0, 100.0]
    assert out["b.normalised"].tolist() == [0.0, 50.0, 100.0]
    assert out["A.score"].tolist() == [0.0, 50.0, 100.0]
    assert out["B.score"].tolist() == [0.0, 100.0, 50.0]
    assert out["index.score"].tolist() == [0.0, 87.5, 62.5]
    assert out["index.rank"].tolist() == [3, 1, 2]
    assert str(out["index.rank"].dtype) == "Int64"


def test_weights_override_gives_ties() -> None:
    # A = 3, B = 3: index = (A + B) / 2 = [0, 75, 75]: u2 and u3 share rank 1.
    out = score_table(method(), table(), weights={"A": 3})
    assert out["index.score"].tolist() == [0.0, 75.0, 75.0]
    assert out["index.rank"].tolist() == [3, 1, 1]


def test_weights_override_errors() -> None:
    with pytest.raises(MethodError):
        score_table(method(), table(), weights={"C": 1})
    with pytest.raises(ScoringError) as info:
        score_table(method(), table(), weights={"A": 0, "B": 0})
    assert info.value.message.startswith("Alla vikter är noll")


def test_missing_value_code_and_min_share() -> None:
    # a of u1 is -999 (missing): a over [5, 10] -> [nan, 0, 100]
    # A = [b only = 0, mean(0, 50) = 25, 100]; index = (A + 3B)/4 = [0, 81.25, 62.5]
    out = score_table(method(), table(a=[-999, 5, 10]))
    assert np.isnan(out["a.normalised"][0])
    assert out["A.score"].tolist() == [0.0, 25.0, 100.0]
    assert out["index.score"].tolist() == [0.0, 81.25, 62.5]
    # With min_share 0.6 u1's A (share 0.5) is missing; its index then rests on
    # B alone (share 3/4 >= 0.6): index = B = 0.
    out = score_table(method(**{"min_share = 0.5": "min_share = 0.6"}), table(a=[-999, 5, 10]))
    assert np.isnan(out["A.score"][0])
    assert out["index.score"][0] == 0.0
    assert out["index.rank"].tolist() == [3, 1, 2]


def test_missing_index_gets_missing_rank() -> None:
    m = method(**{"min_share = 0.5": "min_share = 1.0"})
    out = score_table(m, table(c=[1, None, 2]))
    assert np.isnan(out["index.score"][1])
    assert out["index.rank"].isna().tolist() == [False, True, False]
    # u1 = 0, u3 = (100 + 3*100)/4 = 100 (c over [1, 2] -> [0, 100])
    assert out["index.rank"][0] == 2
    assert out["index.rank"][2] == 1


def test_flags_and_rescale_columns() -> None:
    extra = '[rescale]\nindex = { method = "percent_rank", decimals = 4 }\n'
    extra += 'dimensions = { method = "rank" }\n[flags]\nthreshold = 90\n'
    out = score_table(method(extra), table())
    assert out.columns.tolist() == [
        "id",
        "a.normalised",
        "a.flag",
        "b.normalised",
        "b.flag",
        "c.normalised",
        "c.flag",
        "A.score",
        "A.rescaled",
        "A.flags",
        "B.score",
        "B.rescaled",
        "B.flags",
        "index.score",
        "index.rescaled",
        "index.flags",
        "index.rank",
    ]
    # flags: normalised >= 90 -> a: u3, b: u3, c: u2
    assert out["a.flag"].tolist() == [0, 0, 1]
    assert out["c.flag"].tolist() == [0, 1, 0]
    assert out["A.flags"].tolist() == [0, 0, 2]
    assert out["B.flags"].tolist() == [0, 1, 0]
    assert out["index.flags"].tolist() == [0, 1, 2]
    assert str(out["a.flag"].dtype) == "Int64"
    # rank of A = [0, 50, 100] ascending; percent rank of index [0, 87.5, 62.5]
    assert out["A.rescaled"].tolist() == [1.0, 2.0, 3.0]
    assert out["index.rescaled"].tolist() == [0.0, 1.0, 0.5]


def test_missing_flag_is_not_counted() -> None:
    out = score_table(method("[flags]\nthreshold = 90\n"), table(a=[-999, 5, 10]))
    assert out["a.flag"].isna().tolist() == [True, False, False]
    assert out["A.flags"].tolist() == [0, 0, 2]


def test_text_columns_with_spaces_and_empty_cells() -> None:
    t = table(a=[" 0 ", "5", "1e1"], b=["30", "", "10"])
    out = normalised_indicators(method(), t)
    assert out["a"].tolist() == [0.0, 50.0, 100.0]
    assert np.isnan(out["b"]["u2"])
    assert out.index.name == "id"


def test_dimension_scores_do_not_depend_on_dimension_weights() -> None:
    m = method()
    norm = normalised_indicators(m, table())
    a = dimension_scores(m, norm)
    b = dimension_scores(m.with_weights({"A": 0, "B": 9}), norm)
    pd.testing.assert_frame_equal(a, b)
    assert a.columns.tolist() == ["A", "B"]


def test_indicator_weights_within_dimension() -> None:
    # b weighted 3: A = (1*a + 3*b)/4 with a = [0, 50, 100], b = [0, 50, 100] -> same;
    # use b reversed to see the weight: b = [10, 20, 30] lower -> [100, 50, 0]
    m = method(**{'column = "b"': 'column = "b"\n  weight = 3'})
    out = score_table(m, table(b=[10, 20, 30]))
    assert out["A.score"].tolist() == [75.0, 50.0, 25.0]


def test_combine_index_matches_hand_computation() -> None:
    dims = pd.DataFrame({"A": [0.0, 50.0, 100.0], "B": [0.0, 100.0, NAN]}, index=["x", "y", "z"])
    out = combine_index(dims, {"A": 1, "B": 3}, how="mean", min_share=0.2)
    # z has only A (share 1/4 >= 0.2) -> 100
    assert out.tolist() == [0.0, 87.5, 100.0]
    assert out.name == "index.score"
    assert out.index.tolist() == ["x", "y", "z"]
    out = combine_index(dims, {"A": 1, "B": 3}, how="sum", min_share=0.2, decimals=1)
    # sums: 0, 50 + 300 = 350, z: 100 scaled by 4/1 = 400
    assert out.tolist() == [0.0, 350.0, 400.0]


def test_combine_index_weight_errors() -> None:
    dims = pd.DataFrame({"A": [1.0], "B": [2.0]})
    with pytest.raises(ScoringError) as info:
        combine_index(dims, {"A": 1})
    assert info.value.dimension == "B"
    with pytest.raises(ScoringError) as info:
        combine_index(dims, {"A": 1, "B": 1, "C": 1})
    assert info.value.dimension == "C"
    with pytest.raises(ScoringError) as info:
        combine_index(dims, {"A": 1, "B": -2})
    assert info.value.dimension == "B"
    with pytest.raises(ScoringError) as info:
        combine_index(dims, {"A": 0, "B": 0})
    assert "Alla vikter är noll" in info.value.message


def test_geometric_index_refuses_zero_dimension_score() -> None:
    dims = pd.DataFrame({"ekonomi": [10.0, 20.0], "boende": [5.0, 0.0]})
    with pytest.raises(ScoringError) as info:
        combine_index(dims, {"ekonomi": 1, "boende": 1}, how="geometric_mean")
    assert info.value.dimension == "boende"
    assert "boende" in str(info.value)


def test_geometric_index_hand_computed() -> None:
    dims = pd.DataFrame({"A": [4.0, 1.0], "B": [9.0, 100.0]})
    out = combine_index(dims, {"A": 1, "B": 1}, how="geometric_mean")
    # sqrt(36) = 6, sqrt(100) = 10
    assert out.tolist() == pytest.approx([6.0, 10.0])


def test_rank_descending_ties_and_missing() -> None:
    ranks = rank_descending(pd.Series([9.0, 7.0, 9.0, 5.0, NAN]))
    assert ranks.tolist()[:4] == [1, 3, 1, 4]
    assert ranks.isna().tolist() == [False, False, False, False, True]
    assert str(ranks.dtype) == "Int64"


# --------------------------------------------------------------------------- table errors


def test_missing_id_column() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table().rename(columns={"id": "omrade"}))
    assert info.value.column == "id"
    assert "Id-kolumnen 'id' saknas" in info.value.message


def test_missing_indicator_column() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table().drop(columns="c"))
    assert info.value.column == "c"
    assert "'c'" in info.value.message


def test_non_numeric_value_names_column_row_and_value() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table(b=["30", "tjugo", "10"]))
    err = info.value
    assert (err.column, err.row, err.value) == ("b", 2, "tjugo")
    assert "'tjugo'" in err.message
    assert "datarad 2" in err.message
    assert "u2" in err.message


def test_infinite_value_is_rejected() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table(c=[1.0, np.inf, 2.0]))
    assert info.value.row == 2


def test_duplicate_ids() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table(id=["u1", "u2", "u1"]))
    err = info.value
    assert err.column == "id"
    assert err.value == "u1"
    assert "1, 3" in err.message


def test_empty_id() -> None:
    with pytest.raises(TableError) as info:
        score_table(method(), table(id=["u1", " ", "u3"]))
    assert info.value.row == 2


# --------------------------------------------------------------------------- goalposts


def test_goalposts_follow_up_over_time() -> None:
    m = method()
    baseline = table()
    posts = observed_goalposts(m, baseline)
    assert posts == {"a": (0.0, 10.0), "b": (10.0, 30.0), "c": (1.0, 3.0)}
    fixed = m.with_goalposts(posts)
    # On the baseline itself goalposts equal min-max.
    pd.testing.assert_frame_equal(
        normalised_indicators(fixed, baseline), normalised_indicators(m, baseline)
    )
    # A later year keeps the baseline scale (truncated at the goalposts):
    # a = 20 -> 100 (truncated), 5 -> 50; b = 40 (lower_is_need) -> 0, 20 -> 50
    later = table(a=[20, 5, 10], b=[40, 20, 10])
    out = normalised_indicators(fixed, later)
    assert out["a"].tolist() == [100.0, 50.0, 100.0]
    assert out["b"].tolist() == [0.0, 50.0, 100.0]

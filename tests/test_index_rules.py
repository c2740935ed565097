"""The index defined once (areaindex.index.index_rules): contributions, ties, decimals, sliders.

Plain pytest and Hypothesis on generated scores, hand-computed cases, and the
real data (``built_db``) to show that ``score``, the dashboard and the
robustness analysis give the same index and ranks.
"""

from __future__ import annotations

import argparse
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areaindex import data_errors, errors
from areaindex.cli.score import run as score_run
from areaindex.errors import ScoringError
from areaindex.index.combine import HOW
from areaindex.index.engine import (
    combine_index,
    dimension_scores,
    normalised_indicators,
    score_table,
)
from areaindex.index.index_rules import (
    check_weights,
    combine,
    contributions,
    rank_descending,
    rank_matrix,
    slider_weights,
)
from areaindex.index.method import parse_method
from areaindex.index.robustness import leave_one_out, rank_uncertainty
from areaindex.rounding import round_half_up
from areaindex.store.catalogue import load_catalogue
from areaindex.store.dataset import load_dataset
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    dimension_table,
    index_view,
    load_presets,
    weight_table,
)
from testkit.expected import ROOT
from tests.uploaded_methods import uploaded_method, uploaded_method_toml

NAN = np.nan


def frame(rows: list[list[float]]) -> pd.DataFrame:
    data = np.array(rows, dtype=float)
    return pd.DataFrame(
        data,
        index=[f"u{i}" for i in range(len(data))],
        columns=[f"d{j}" for j in range(data.shape[1])],
    )


# --------------------------------------------------------------------------- contributions


@st.composite
def cases(draw):
    how = draw(st.sampled_from(HOW))
    n = draw(st.integers(1, 12))
    m = draw(st.integers(1, 6))
    low = 0.01 if how == "geometric_mean" else -50.0
    value = st.floats(low, 100.0, allow_nan=False) | st.just(1.0)
    cell = st.one_of(value, value, value, st.just(NAN))
    rows = draw(st.lists(st.lists(cell, min_size=m, max_size=m), min_size=n, max_size=n))
    weights = draw(
        st.lists(
            # Weights as method files and sliders give them (not 5e-324, whose
            # inverse overflows when "sum" scales up a unit with a missing score).
            st.integers(0, 10).map(float) | st.floats(0.001, 30.0, allow_nan=False),
            min_size=m,
            max_size=m,
        ).filter(lambda w: sum(w) > 0)
    )
    min_share = draw(st.sampled_from([0.0, 0.5, 1.0]))
    decimals = draw(st.sampled_from([None, 0, 2, 6]))
    named = dict(zip([f"d{j}" for j in range(m)], weights, strict=True))
    return how, frame(rows), named, min_share, decimals


@settings(deadline=None, max_examples=400)
@given(cases())
def test_contributions_add_up_to_the_index_shown_for_every_aggregation(case):
    how, scores, weights, min_share, decimals = case
    result = combine(scores, weights, how, min_share, decimals)
    index = result.index.to_numpy()
    parts = result.contributions.to_numpy()
    expected = combine_index(scores, weights, how, min_share, decimals).to_numpy()
    np.testing.assert_array_equal(index, expected)  # the same index as `score`
    w = np.array(list(weights.values()))
    for i in range(len(index)):
        if math.isnan(index[i]):
            assert np.isnan(parts[i]).all()
            continue
        unused = np.isnan(scores.to_numpy()[i]) | (w == 0)
        assert (parts[i][unused] == 0).all()
        # Float sums: the error is bounded by the size of the terms added.
        slack = 1e-9 * (np.abs(parts[i]).sum() + abs(index[i]) + 1.0)
        assert abs(parts[i].sum() - index[i]) <= slack


@settings(deadline=None, max_examples=200)
@given(cases())
def test_mean_contributions_are_the_weighted_terms(case):
    _, scores, weights, min_share, _ = case
    result = combine(scores, weights, "mean", min_share, None)
    x = scores.to_numpy()
    w = np.array(list(weights.values()))
    present = ~np.isnan(x) & (w > 0)
    present_weight = (present * w).sum(axis=1)
    for i in np.flatnonzero(~np.isnan(result.index.to_numpy())):
        terms = np.where(present[i], np.nan_to_num(x[i]) * w / present_weight[i], 0.0)
        # Rule 3: when the terms w_d s_d add up to exactly zero (added left to right,
        # as the combination adds them), the index (then 0) is split by weight.
        total = 0.0
        for j in range(len(w)):
            total = total + (w[j] * x[i, j] if present[i, j] else 0.0)
        if total == 0.0:
            terms = result.index.iat[i] * np.where(present[i], w, 0.0) / present_weight[i]
        np.testing.assert_allclose(result.contributions.to_numpy()[i], terms, atol=1e-9)


def test_mean_contributions_when_the_terms_cancel_are_split_by_weight():
    """Found by the property above: 1 and -1 with equal weights give an index of 0,
    and each dimension's part is then 0 (rule 3), not +0.5 and -0.5."""
    scores = frame([[1.0, -1.0]])
    result = combine(scores, {"d0": 1.0, "d1": 1.0}, "mean", 0.0, None)
    assert result.index.iat[0] == 0.0
    assert result.contributions.to_numpy()[0].tolist() == [0.0, 0.0]


def test_sum_contributions_add_up_where_the_mean_rule_did_not():
    # The review's case: with "sum" the old bars (w s / present weight) gave the
    # weighted mean, a fraction of the index.
    scores = frame([[80.0, 60.0, 40.0], [10.0, NAN, 30.0]])
    result = combine(scores, {"d0": 5, "d1": 5, "d2": 5}, "sum", min_share=0.5)
    assert result.index.tolist() == [900.0, 300.0]  # 5*(80+60+40); 5*40 scaled by 15/10
    np.testing.assert_allclose(result.contributions.loc["u0"], [400.0, 300.0, 200.0])
    np.testing.assert_allclose(result.contributions.loc["u1"], [75.0, 0.0, 225.0])


def test_geometric_mean_contributions_by_logarithm():
    scores = frame([[4.0, 1.0], [16.0, 4.0], [1.0, 1.0], [0.5, 2.0], [0.25, 0.5]])
    result = combine(scores, {"d0": 1, "d1": 1}, "geometric_mean")
    np.testing.assert_allclose(result.index, [2.0, 8.0, 1.0, 1.0, math.sqrt(0.125)])
    parts = result.contributions
    np.testing.assert_allclose(parts.loc["u0"], [2.0, 0.0])  # ln 1 = 0: no part
    np.testing.assert_allclose(parts.loc["u1"], [8 * 2 / 3, 8 / 3])  # ln 16 = 2 ln 4
    # An index of exactly 1: the logarithms add up to 0, so the index is split by weight.
    np.testing.assert_allclose(parts.loc["u2"], [0.5, 0.5])
    np.testing.assert_allclose(parts.loc["u3"], [0.5, 0.5])
    # Both below 1: ln I < 0 and both parts pull the same way, so both are positive.
    assert (parts.loc["u4"] > 0).all()
    assert parts.loc["u4"].sum() == pytest.approx(result.index["u4"])


def test_contributions_reject_an_unknown_aggregation():
    with pytest.raises(ValueError):
        contributions(np.ones((1, 1)), np.ones(1), np.ones(1), how="median")


# --------------------------------------------------------------------------- one tie rule


TIED = frame(
    [
        [3.0, 7.0, 1.0],
        [3.0, 7.0, 1.0],  # identical to u0
        [1.0, 3.0, 7.0],  # the same numbers in another order
        [5.0, 2.0, 4.0],
        [0.1, 0.2, 0.3],
        [0.3, 0.2, 0.1],
        [9.0, NAN, 9.0],
        [2.0, 2.0, 2.0],
    ]
)


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("decimals", [None, 1])
def test_engine_robustness_and_score_rank_ties_alike(how, decimals):
    weights = {"d0": 1.0, "d1": 1.0, "d2": 1.0}
    index = combine_index(TIED, weights, how, 0.5, decimals)
    expected = rank_descending(index)
    assert expected["u0"] == expected["u1"]
    uncertainty = rank_uncertainty(
        TIED, weights, n_draws=50, how=how, min_share=0.5, decimals=decimals
    )
    pd.testing.assert_series_equal(uncertainty.summary["current_rank"], expected, check_names=False)
    loo = leave_one_out(TIED, weights, how=how, min_share=0.5, decimals=decimals)
    for _, part in loo.groupby("dimension"):
        assert part["current_rank"].tolist() == expected.tolist()
    # `score` on a table with these values as single-indicator dimensions.
    text = uploaded_toml_for_tied(how, decimals)
    method = parse_method(text)
    table = TIED.reset_index(names="unit")
    scored = score_table(method, table)
    assert scored["index.rank"].tolist() == expected.tolist()


def uploaded_toml_for_tied(how: str, decimals: int | None) -> str:
    lines = [
        "[method]",
        'id = "tied"',
        'title = "Lika"',
        'description = "Test"',
        'source = "test"',
        'id_column = "unit"',
        "[normalisation]",
        'method = "none"',
        "[aggregation]",
        'within = "mean"',
        f'across = "{how}"',
        "min_share = 0.5",
    ]
    if decimals is not None:
        lines.append(f"decimals = {decimals}")
    for j in range(3):
        lines += [
            "[[dimensions]]",
            f'id = "d{j}"',
            f'title = "d{j}"',
            "weight = 1",
            "  [[dimensions.indicators]]",
            f'  column = "d{j}"',
            '  direction = "higher_is_need"',
        ]
    return "\n".join(lines) + "\n"


def test_identical_units_get_bitwise_identical_scores_under_any_weights():
    # A matrix product may add in another order for some rows; the index must not.
    rng = np.random.default_rng(7)
    row = rng.uniform(0, 100, 7)
    scores = pd.DataFrame(np.tile(row, (257, 1)), columns=[f"d{j}" for j in range(7)])
    for how in HOW:
        for _ in range(20):
            weights = dict(zip(scores.columns, rng.uniform(0, 10, 7), strict=True))
            index = combine_index(scores, weights, how).to_numpy()
            assert (index == index[0]).all()
            assert (rank_matrix(index) == 1).all()


def test_ties_are_exact_after_the_method_s_decimals():
    values = pd.Series([0.1 + 0.2, 0.3, 0.1])
    assert rank_descending(values).tolist() == [1, 2, 3]
    assert rank_descending(pd.Series(round_half_up(values, 6))).tolist() == [1, 1, 3]


# --------------------------------------------------------------------------- weights


def test_one_weight_check_with_the_same_message_everywhere():
    scores = frame([[1.0, 2.0], [3.0, 4.0]])
    cases = [
        ({"d0": 1.0}, "d1"),
        ({"d0": 1.0, "d1": 1.0, "x": 1.0}, "x"),
        ({"d0": 1.0, "d1": -1.0}, "d1"),
        ({"d0": 1.0, "d1": math.inf}, "d1"),
        ({"d0": 0.0, "d1": 0.0}, None),
    ]
    for weights, dimension in cases:
        with pytest.raises(ScoringError) as base:
            check_weights(weights, list(scores.columns))
        assert base.value.dimension == dimension
        for call in (
            lambda w=weights: combine_index(scores, w),
            lambda w=weights: rank_uncertainty(scores, w, n_draws=10),
            lambda w=weights: leave_one_out(scores, w),
        ):
            with pytest.raises(ScoringError) as other:
                call()
            assert str(other.value) == str(base.value)


def test_slider_weights_round_half_up_and_scale_large_weights():
    dims = ["a", "b", "c", "d"]
    assert slider_weights({"a": 2.5, "b": 0.225, "c": 10}, dims) == {
        "a": 3,
        "b": 0,
        "c": 10,
        "d": 0,
    }
    # Above 10: the largest becomes 10, the rest keep their ratio as whole steps allow.
    assert slider_weights({"a": 20, "b": 35, "c": 10}, dims) == {"a": 6, "b": 10, "c": 3, "d": 0}
    assert slider_weights({}, dims) == dict.fromkeys(dims, 0)


def test_every_preset_s_sliders_are_its_weights():
    for method in load_presets().values():
        sliders = slider_weights(method.weights, list(method.dimension_ids))
        assert sliders == {d: int(w) for d, w in method.weights.items()}


def test_one_error_base_class():
    assert data_errors.AreaIndexError is errors.AreaIndexError
    for cls in (data_errors.SourceError, data_errors.BuildError, errors.MethodError):
        assert issubclass(cls, errors.AreaIndexError)


# --------------------------------------------------------------------------- method page


def test_weight_table_shares():
    method = uploaded_method()
    table = weight_table(method, {"utbildning": 2, "ekonomi": 1, "boende": 1})
    assert table["indicator"].tolist() == list(method.indicator_columns)
    by_dim = table.drop_duplicates("dimension").set_index("dimension")["dimension_share"]
    assert by_dim.to_dict() == {"utbildning": 50.0, "ekonomi": 25.0, "boende": 25.0}
    assert table["indicator_share"].sum() == pytest.approx(100.0)
    assert table.set_index("indicator").loc["median_income", "indicator_share"] == 12.5
    zero = weight_table(method, {})
    assert zero["dimension_share"].isna().all() and (zero["indicator_share"] == 0).all()


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


@pytest.mark.parametrize("across", HOW)
@pytest.mark.parametrize("level", ["omraden", "regso"])
def test_dashboard_score_and_robustness_agree_with_decimals(dataset, tmp_path, across, level):
    method = uploaded_method(across=across, within="geometric_mean", decimals=2)
    table = dimension_table(dataset, method, level)
    names = dataset.unit_names(level)
    catalogue = dataset.catalogue
    view = index_view(table, method.weights, names, catalogue)
    index = view.table["index"]
    assert index.notna().sum() > 0
    valid = index.dropna().to_numpy()
    np.testing.assert_array_equal(round_half_up(valid, 2), valid)  # 2 decimals shown
    # The command line on the same raw values writes the same index and ranks.
    raw = table.raw.values.reset_index(names="unit")
    source, method_file, out = tmp_path / "t.csv", tmp_path / "m.toml", tmp_path / "o.csv"
    raw.to_csv(source, index=False)
    method_file.write_text(uploaded_method_toml(across=across, within="geometric_mean"))
    args = argparse.Namespace(method=method_file, table=source, output=out, weight=[])
    assert score_run(args) == 0
    scored = pd.read_csv(out, dtype={"unit": str}).set_index("unit").loc[index.index]
    np.testing.assert_array_equal(scored["index.score"].to_numpy(), index.to_numpy())
    assert scored["index.rank"].astype("Int64").tolist() == view.table["rank"].tolist()
    # The robustness page's current ranks are the dashboard's.
    summary = rank_uncertainty(
        table.scores,
        method.weights,
        n_draws=20,
        how=across,
        min_share=method.aggregation.min_share,
        decimals=method.aggregation.decimals,
    ).summary
    assert summary["current_rank"].tolist() == view.table["rank"].tolist()
    # Contributions add up to the index shown.
    parts = view.table[[f"contrib.{d}" for d in view.dimensions]].sum(axis=1)
    np.testing.assert_allclose(parts[index.notna()], index.dropna(), rtol=1e-9, atol=1e-9)


def test_default_dashboard_unchanged_by_the_new_rules(dataset):
    method = load_presets()[DEFAULT_METHOD]
    table = dimension_table(dataset, method, "omraden")
    weights = {d: 5 for d in ("delaktighet", "utbildning", "ekonomi", "boende")}
    view = index_view(table, weights, {}, load_catalogue(ROOT / "data" / "catalogue.toml"))
    scores = table.scores[list(weights)]
    expected = scores.mean(axis=1)  # equal weights, nothing missing: the plain mean
    np.testing.assert_allclose(view.table["index"], expected, rtol=1e-12)
    assert view.table["rank"].tolist() == rank_descending(view.table["index"]).tolist()
    raw = table.raw.values.reset_index(names="unit")
    direct = dimension_scores(table.method, normalised_indicators(table.method, raw))
    pd.testing.assert_frame_equal(direct, table.scores, check_names=False)

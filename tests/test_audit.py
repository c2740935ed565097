"""The statistical audit: every figure against a value computed another way, flags on
hand-made data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from areaindex.index.engine import score_table
from areaindex.index.method import parse_method
from areaindex.views import audit as A


def method_of(dimensions: dict[str, list[str]], *, min_share: float = 1.0, weights=None) -> object:
    """A min-max, weighted-mean method; every indicator ``higher_is_need``."""
    parts = [
        '[method]\nid = "t"\ntitle = "T"\ndescription = "T"\nsource = "T"\nid_column = "unit"',
        '[normalisation]\nmethod = "minmax"\nrange = [0, 100]',
        f'[aggregation]\nwithin = "mean"\nacross = "mean"\nmin_share = {min_share}',
    ]
    for d, columns in dimensions.items():
        w = (weights or {}).get(d, 1)
        inds = "\n".join(
            f'[[dimensions.indicators]]\ncolumn = "{c}"\ndirection = "higher_is_need"'
            for c in columns
        )
        parts.append(f'[[dimensions]]\nid = "{d}"\ntitle = "{d}"\nweight = {w}\n{inds}')
    return parse_method("\n\n".join(parts))


def frame(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=pd.Index([f"u{i}" for i in range(n)], name="unit"))


# --------------------------------------------------------------------------- moments


def moment_skew(x: np.ndarray) -> float:
    n = len(x)
    d = x - x.mean()
    g1 = (d**3).mean() / (d**2).mean() ** 1.5
    return g1 * np.sqrt(n * (n - 1)) / (n - 2)


def moment_excess_kurtosis(x: np.ndarray) -> float:
    n = len(x)
    d = x - x.mean()
    g2 = (d**4).mean() / (d**2).mean() ** 2 - 3
    return (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_skewness_and_kurtosis_match_the_moment_formulas(seed):
    x = np.random.default_rng(seed).lognormal(size=14)
    assert A.skewness(x) == pytest.approx(moment_skew(x), rel=1e-12)
    assert A.excess_kurtosis(x) == pytest.approx(moment_excess_kurtosis(x), rel=1e-12)


def test_kurtosis_is_excess_kurtosis():
    # A large normal sample: excess kurtosis near 0 (Pearson's kurtosis would be near 3).
    x = np.random.default_rng(5).normal(size=200_000)
    assert abs(A.excess_kurtosis(x)) < 0.05


def test_moments_ignore_missing_and_need_enough_values():
    x = np.array([1.0, 2.0, np.nan, 4.0, 8.0, 16.0])
    assert A.skewness(x) == pytest.approx(moment_skew(x[~np.isnan(x)]))
    assert np.isnan(A.excess_kurtosis(np.array([1.0, 2.0, 5.0])))
    assert np.isnan(A.skewness(np.array([3.0, 3.0, 3.0, 3.0])))


def test_outlier_rule_needs_both_skew_and_kurtosis():
    assert A.is_outlying(2.1, 3.6)
    assert A.is_outlying(-2.1, 3.6)
    assert not A.is_outlying(2.1, 3.4)
    assert not A.is_outlying(1.9, 10.0)
    assert not A.is_outlying(2.0, 3.5)  # strictly above, as COINr


def test_winsorising_pulls_in_the_extreme_values_until_the_flag_clears():
    # COINr's own example: 1..10 with two high outliers.
    x = np.array([*range(1, 11), 30.0, 100.0])
    assert A.is_outlying(moment_skew(x), moment_excess_kurtosis(x))
    treated, points = A.winsorise(x)
    # First step: 100 -> 30 (the next highest). Still flagged? Check by the moments.
    step1 = x.copy()
    step1[11] = 30.0
    if A.is_outlying(moment_skew(step1), moment_excess_kurtosis(step1)):
        assert points >= 3  # then both 30s are set to 10 together
        assert treated.max() <= 10.0
    else:
        assert points == 1
        np.testing.assert_array_equal(treated, step1)
    assert not A.is_outlying(moment_skew(treated), moment_excess_kurtosis(treated))
    # Nothing below the top is touched.
    np.testing.assert_array_equal(treated[:10], x[:10])


def test_winsorising_low_outliers_and_the_point_limit():
    x = -np.array([*range(1, 21), 500.0, 600.0, 700.0])
    assert A.skewness(x) < -2  # low outliers
    treated, points = A.winsorise(x, max_points=2)
    assert points == 2  # stopped by the limit, still flagged
    assert A.is_outlying(A.skewness(treated), A.excess_kurtosis(treated))
    np.testing.assert_array_equal(treated[-3:], [-500.0, -500.0, -500.0])
    np.testing.assert_array_equal(treated[:20], x[:20])
    full, n_full = A.winsorise(x)
    assert n_full == 3 and full.min() == -20.0
    assert not A.is_outlying(A.skewness(full), A.excess_kurtosis(full))
    unchanged, zero = A.winsorise(np.arange(10.0))
    assert zero == 0
    np.testing.assert_array_equal(unchanged, np.arange(10.0))


def test_distribution_flags_and_winsorising_changes_the_ranking_as_the_engine_says():
    rng = np.random.default_rng(3)
    a = np.round(rng.normal(50, 10, size=14), 3)
    a[0] = 400.0  # one area far out
    b = np.round(rng.normal(50, 10, size=14), 3)
    raw = frame(a=a, b=b)
    method = method_of({"d1": ["a"], "d2": ["b"]})
    result = A.audit(method, raw, {"d1": 1, "d2": 1})
    dist = result.distribution
    assert bool(dist.at["a", "outlier"]) and not bool(dist.at["b", "outlier"])
    assert dist.at["a", "winsorised"] >= 1
    assert dist.at["a", "skew"] == pytest.approx(moment_skew(a))
    # The rank changes are the engine's ranks of the treated table.
    treated = raw.copy()
    treated["a"] = A.winsorise(a)[0]
    before = score_table(method, raw.reset_index())["index.rank"].to_numpy()
    after = score_table(method, treated.reset_index())["index.rank"].to_numpy()
    ranks = result.winsorised_ranks
    np.testing.assert_array_equal(ranks["rank"].to_numpy(), before)
    np.testing.assert_array_equal(ranks["rank_after"].to_numpy(), after)
    np.testing.assert_array_equal(ranks["change"].to_numpy(), after - before)
    assert (ranks["change"] != 0).any()


# --------------------------------------------------------------------------- coverage


def test_coverage_per_indicator_and_unit_and_what_the_rule_does():
    nan = np.nan
    raw = frame(
        a=[1.0, 2.0, 3.0, 4.0, 5.0],
        b=[2.0, nan, 4.0, nan, 5.0],  # 3/5 = 60 % < 65 %: low
        c=[1.0, 3.0, nan, 2.0, 9.0],  # 4/5 = 80 %
        e=[5.0, 4.0, 3.0, nan, 1.0],
    )
    method = method_of({"d1": ["a", "b"], "d2": ["c", "e"]}, min_share=0.5)
    result = A.audit(method, raw, {"d1": 1, "d2": 1})
    cov = result.indicator_coverage
    assert cov["n_present"].to_dict() == {"a": 5, "b": 3, "c": 4, "e": 4}
    assert cov["low"].to_dict() == {"a": False, "b": True, "c": False, "e": False}
    units = result.unit_coverage
    assert units.at["u3", "n_present"] == 2 and units.at["u3", "share"] == pytest.approx(0.5)
    assert bool(units.at["u3", "low"])  # 50 % < 65 %
    # u3 lacks b (d1: a is half the weight = min_share: kept, re-weighted) and e (d2 too).
    assert units.at["u3", "reweighted"] == ("d1", "d2")
    assert units.at["u3", "dropped"] == ()
    assert not units.at["u0", "reweighted"] and not bool(units.at["u0", "index_missing"])
    # With min_share = 1 the same gaps drop the dimensions and the index.
    strict = A.audit(method_of({"d1": ["a", "b"], "d2": ["c", "e"]}), raw, {"d1": 1, "d2": 1})
    assert strict.unit_coverage.at["u3", "dropped"] == ("d1", "d2")
    assert bool(strict.unit_coverage.at["u3", "index_missing"])


def test_missing_value_effect_compares_with_mean_imputation():
    nan = np.nan
    raw = frame(a=[0.0, 10.0, 5.0, 8.0], b=[0.0, nan, 5.0, 6.0])
    method = method_of({"d1": ["a", "b"]}, min_share=0.5)
    effect = A.audit(method, raw, {"d1": 1}).missing_effect
    assert effect.index.tolist() == ["u1"]
    # Rule: u1 = mean of its a only = 100 -> rank 1. Imputed: b = mean(0, 83.3, 100) = 61.1,
    # u1 = (100 + 61.1) / 2 = 80.6 < u3 = (80 + 100) / 2 = 90 -> rank 2.
    assert effect.loc["u1"].tolist() == [1, 2, 1]
    complete = A.audit(method, frame(a=[1.0, 2.0, 3.0, 4.0], b=[2.0, 1, 4, 3]), {"d1": 1})
    assert complete.missing_effect.empty


# --------------------------------------------------------------------------- correlation


def test_critical_correlation_matches_the_t_test_and_the_table():
    r = A.critical_correlation(14)
    assert r == pytest.approx(0.532, abs=5e-4)  # printed tables: df = 12 -> 0.532
    # A sample with exactly this r has p = 0.05 in scipy's Pearson test.
    from scipy import stats

    rng = np.random.default_rng(0)
    x = rng.normal(size=14)
    x = x - x.mean()
    z = rng.normal(size=14)
    z = z - z.mean()
    z = z - x * (x @ z) / (x @ x)  # centred and orthogonal to x
    y = r * x / np.linalg.norm(x) + np.sqrt(1 - r * r) * z / np.linalg.norm(z)
    assert stats.pearsonr(x, y).pvalue == pytest.approx(0.05, abs=1e-9)
    assert np.isnan(A.critical_correlation(3))


def test_pairs_that_count_twice_and_an_indicator_against_its_dimension():
    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    raw = frame(
        a=a,
        b=a + np.array([0.1, -0.1, 0.1, -0.1, 0.1, -0.1]),  # r(a, b) > 0.99
        c=a[::-1].copy(),  # runs against d1
        e=np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0]),
    )
    method = method_of({"d1": ["a", "b", "c"], "d2": ["e"]})
    result = A.audit(method, raw, {"d1": 1, "d2": 1})
    pairs = result.collinear_pairs
    assert {frozenset(p) for p in zip(pairs["a"], pairs["b"], strict=True)} >= {
        frozenset({"a", "b"}),
        frozenset({"a", "c"}),  # |r| = 1, opposite sign: also redundant
    }
    assert bool(pairs.loc[0, "same_dimension"])
    assert (pairs["r"].abs() > A.COLLINEAR_THRESHOLD).all()
    corr = result.correlations
    assert corr.at["a", "e"] == pytest.approx(np.corrcoef(a, raw["e"])[0, 1])
    against = result.against_dimension
    assert against["against"].to_dict() == {"a": False, "b": False, "c": True, "e": False}
    assert bool(against.at["e", "alone"]) and against.at["e", "r_dimension"] == pytest.approx(1)


# --------------------------------------------------------------------------- alpha and PCA


def alpha_from_covariances(x: np.ndarray) -> float:
    """Cronbach's alpha from the mean variance and mean inter-item covariance."""
    cov = np.cov(x, rowvar=False)
    k = cov.shape[0]
    v = np.trace(cov) / k
    c = (cov.sum() - np.trace(cov)) / (k * (k - 1))
    return k * c / (v + (k - 1) * c)


@pytest.mark.parametrize("k", [2, 3, 5])
def test_cronbach_alpha_two_ways(k):
    rng = np.random.default_rng(k)
    common = rng.normal(size=(30, 1))
    x = common + rng.normal(scale=0.8, size=(30, k)) * rng.uniform(0.5, 2, size=k)
    assert A.cronbach_alpha(x) == pytest.approx(alpha_from_covariances(x), rel=1e-12)


def test_cronbach_alpha_hand_cases():
    x = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [5.0, 5.0]])
    assert A.cronbach_alpha(x) == pytest.approx(1.0)
    y = np.column_stack([x[:, 0], -x[:, 0]])  # total has no variation
    assert np.isnan(A.cronbach_alpha(y))
    assert np.isnan(A.cronbach_alpha(x[:, :1]))


def test_first_component_share_two_ways():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40, 4)) + rng.normal(size=(40, 1))
    eigen, share = A.first_component_share(x)
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    s = np.linalg.svd(z, compute_uv=False)
    assert share == pytest.approx(s[0] ** 2 / (s**2).sum(), rel=1e-12)
    assert eigen == pytest.approx(s[0] ** 2 / (len(x) - 1), rel=1e-12)
    # Two items: the first component explains (1 + |r|) / 2.
    r = np.corrcoef(x[:, 0], x[:, 1])[0, 1]
    assert A.first_component_share(x[:, :2])[1] == pytest.approx((1 + abs(r)) / 2)


def test_consistency_per_dimension_uses_the_normalised_indicators():
    rng = np.random.default_rng(11)
    base = rng.normal(size=20)
    raw = frame(
        a=base + rng.normal(scale=0.3, size=20),
        b=base + rng.normal(scale=0.3, size=20),
        c=rng.normal(size=20),
    )
    method = method_of({"d1": ["a", "b"], "d2": ["c"]})
    table = A.audit(method, raw, {"d1": 1, "d2": 1}).consistency
    norm = (raw[["a", "b"]] - raw[["a", "b"]].min()) / (
        raw[["a", "b"]].max() - raw[["a", "b"]].min()
    )
    assert table.at["d1", "alpha"] == pytest.approx(alpha_from_covariances(norm.to_numpy()))
    assert bool(table.at["d1", "alpha_ok"]) and bool(table.at["d1", "pc1_ok"])
    assert np.isnan(table.at["d2", "alpha"]) and table.at["d2", "k"] == 1


# --------------------------------------------------------------------------- effective weights


def test_effective_shares_on_a_hand_made_case():
    # Orthogonal, centred components: r^2 of each with their sum is its share of the variance.
    a = np.array([1.0, -1.0, 1.0, -1.0])
    b = np.array([1.0, 1.0, -1.0, -1.0])
    parts = pd.DataFrame({"a": a, "b": b})
    equal = A.effective_shares(parts, pd.Series(a + b))
    assert equal["effective"].tolist() == pytest.approx([0.5, 0.5])
    double = A.effective_shares(parts, pd.Series(2 * a + b))
    assert double["r2"].tolist() == pytest.approx([0.8, 0.2])
    assert double["effective"].tolist() == pytest.approx([0.8, 0.2])
    flat = A.effective_shares(pd.DataFrame({"a": a, "z": np.zeros(4)}), pd.Series(a))
    assert flat["effective"].tolist() == pytest.approx([1.0, 0.0])


def test_equal_weights_can_hide_a_dominant_dimension():
    rng = np.random.default_rng(2)
    big = rng.normal(size=30)
    raw = frame(
        a=big,
        b=np.round(rng.uniform(0, 1, size=30), 2) * 0.01 + 5,  # hardly varies, min-max stretches it
        c=np.where(np.arange(30) == 0, 100.0, 0.0),  # one area only: little correlation
    )
    method = method_of({"d1": ["a"], "d2": ["b"], "d3": ["c"]})
    result = A.audit(method, raw, {"d1": 1, "d2": 1, "d3": 1})
    dims = result.effective_dimensions
    assert dims["nominal"].tolist() == pytest.approx([1 / 3] * 3)
    assert dims["effective"].sum() == pytest.approx(1.0)
    # By hand: r^2 of each dimension score with the index, normalised.
    from areaindex.index.engine import dimension_scores, normalised_indicators

    norm = normalised_indicators(method, raw.reset_index())
    scores = dimension_scores(method, norm)
    index = scores.mean(axis=1)
    r2 = np.array([np.corrcoef(scores[d], index)[0, 1] ** 2 for d in ["d1", "d2", "d3"]])
    assert dims["effective"].to_numpy() == pytest.approx(r2 / r2.sum())
    assert dims["dominant"].tolist() == list(r2 / r2.sum() > 0.5)
    inds = result.effective_indicators
    assert inds["nominal"].tolist() == pytest.approx([1 / 3] * 3)


def test_dominance_flag_when_one_dimension_carries_more_than_half():
    rng = np.random.default_rng(4)
    raw = frame(a=rng.normal(size=40), b=rng.normal(size=40))
    method = method_of({"d1": ["a"], "d2": ["b"]}, weights={"d1": 3, "d2": 1})
    dims = A.audit(method, raw, {"d1": 3, "d2": 1}).effective_dimensions
    assert dims["nominal"].tolist() == pytest.approx([0.75, 0.25])
    assert bool(dims.at["d1", "dominant"]) and not bool(dims.at["d2", "dominant"])


def test_only_weighted_dimensions_are_audited():
    rng = np.random.default_rng(9)
    raw = frame(a=rng.normal(size=10), b=rng.normal(size=10), c=rng.normal(size=10))
    method = method_of({"d1": ["a"], "d2": ["b"], "d3": ["c"]})
    result = A.audit(method, raw, {"d1": 1, "d2": 0, "d3": 2})
    assert result.dimensions == ("d1", "d3")
    assert result.indicators == ("a", "c")
    assert list(result.correlations.columns) == ["a", "c"]


# --------------------------------------------------------------------------- page tables


def test_findings_name_what_is_wrong_and_tables_format_for_the_language():
    from areaindex.i18n import number
    from areaindex.views import audit_view as av
    from areaindex.views.export import to_excel_csv

    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    raw = frame(
        a=a,
        b=a + np.array([0.1, -0.1, 0.1, -0.1, 0.1, -0.1]),
        c=a[::-1].copy(),
        e=np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0]),
    )
    method = method_of({"d1": ["a", "b", "c"], "d2": ["e"]})
    result = A.audit(method, raw, {"d1": 1, "d2": 1})
    labels = {"a": "Alfa", "b": "Beta", "c": "Ceta", "e": "Epsilon"}
    found = {f.check: f for f in av.findings(result, labels, {"d1": "D1", "d2": "D2"}, "sv")}
    assert list(found) == list(av.CHECKS)
    assert not found["against"].ok and "Ceta" in found["against"].text
    assert not found["collinear"].ok
    assert found["coverage"].ok and found["outliers"].ok
    # 3 of the 6 defined pairs (a-b, a-c, b-c) have |r| > 0.9.
    assert "3 av 6" in found["collinear"].text
    english = av.findings(result, labels, {"d1": "D1", "d2": "D2"}, "en")
    assert "3 of 6" in english[2].text

    table = av.against_table(result, labels, {"d1": "D1", "d2": "D2"}, "sv")
    shown = table.shown("sv")
    assert shown["Går emot dimensionen"].tolist() == ["nej", "nej", "ja", "nej"]
    r = result.against_dimension.at["c", "r_dimension"]
    assert shown["r med dimensionen"].iloc[2] == number(r, 2, "sv")
    # The CSV has numbers (rounded as shown), Swedish Excel style.
    csv = to_excel_csv(table.for_csv()).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Dimension;Indikator;r med dimensionen")
    assert table.for_csv()["r med dimensionen"].iloc[2] == pytest.approx(round(r, 2))


def test_p_values_below_the_last_decimal_are_shown_as_less_than():
    from areaindex.views.audit_view import AuditTable

    table = AuditTable("x", pd.DataFrame({"p": [0.00001, 0.04]}), {"p": 3}, pvalues=("p",))
    assert table.shown("sv")["p"].tolist() == ["< 0,001", "0,040"]
    assert table.shown("en")["p"].tolist() == ["< 0.001", "0.040"]


def test_rank_change_summary_counts_a_rank_gained_or_lost():
    from areaindex.views.audit_view import rank_change_summary

    ranks = pd.DataFrame(
        {
            "rank": pd.array([1, 2, None, 4], dtype="Int64"),
            "after": pd.array([1, 4, 3, None], dtype="Int64"),
        }
    )
    assert rank_change_summary(ranks, "after") == (3, 2)


def test_heat_map_writes_every_value_and_frames_each_dimension():
    from areaindex.views.audit_charts import correlation_heatmap

    corr = pd.DataFrame(
        [[1.0, 0.95, -0.2], [0.95, 1.0, 0.1], [-0.2, 0.1, 1.0]],
        index=["a", "b", "c"],
        columns=["a", "b", "c"],
    )
    fig = correlation_heatmap(corr, {"a": "A"}, {"a": "d1", "b": "d1", "c": "d2"}, lang="sv")
    heat = fig.data[0]
    assert heat.text[0][1] == "0,95" and heat.text[0][2] == "-0,20"
    assert list(heat.x) == ["A", "b", "c"]
    frames = [(s.x0, s.x1) for s in fig.layout.shapes]
    assert frames == [(-0.5, 1.5), (1.5, 2.5)]


def test_findings_for_a_single_dimension_and_a_dominant_one():
    from areaindex.i18n import number
    from areaindex.views import audit_view as av

    rng = np.random.default_rng(4)
    raw = frame(a=rng.normal(size=40), b=rng.normal(size=40))
    method = method_of({"d1": ["a"], "d2": ["b"]})
    single = A.audit(method, raw, {"d1": 1, "d2": 0})
    found = av.findings(single, {}, {"d1": "D1"}, "sv")[-1]
    assert found.ok and "bara en dimension" in found.text
    dominant = A.audit(method, raw, {"d1": 3, "d2": 1})
    found = av.findings(dominant, {}, {"d1": "D1", "d2": "D2"}, "sv")[-1]
    share = 100 * dominant.effective_dimensions.at["d1", "effective"]
    assert not found.ok and "D1 bär i praktiken" in found.text
    assert f"{number(share, 0, 'sv')} %" in found.text and "(nominellt 75 %)" in found.text

"""``ui/live/engine.js`` and the component's view against the Python engine, in Chromium.

The map page redraws its ranking, legend and map colours in the browser when a
slider moves (see :mod:`areaindex.views.live`). What the browser computes must be
what the server computes: each JavaScript function is run in Debian's Chromium
on the same generated inputs as the Python function it mirrors, and on the
real data at every geography level with random weights. Index values may
differ in the last bits (sums in another order); ranks, classes, colours,
legend bounds and formatted numbers must be identical.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.i18n import number, t
from areaindex.index.combine import HOW, aggregate_many
from areaindex.index.index_rules import combine_many, contributions, rank_descending, rank_matrix
from areaindex.rounding import round_half_up
from areaindex.store.dataset import load_dataset
from areaindex.views.classify import MISSING_COLOUR, PALETTE, classify
from areaindex.views.indexview import (
    DEFAULT_METHOD,
    check_compatible,
    dimension_table,
    index_view,
    load_presets,
)
from areaindex.views.live import HUGE_AREAS, MANY_AREAS, TEXT_KEYS, live_data, map_styles
from areaindex.views.scope import MALMO, SWEDEN, scope_of
from areaindex.views.scope import unit_names as scope_unit_names
from tests.browser import OutsideRequests, block_outside
from tests.uploaded_methods import uploaded_method

pytestmark = pytest.mark.browser

LIVE = Path(__file__).resolve().parent.parent / "ui" / "live"
RNG_SEED = 20261124


def _script() -> str:
    engine = (LIVE / "engine.js").read_text(encoding="utf-8")
    component = (LIVE / "component.js").read_text(encoding="utf-8")
    # A classic script: the tests call the functions by name.
    return engine + "\n" + component


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    outside = OutsideRequests()
    block_outside(context, outside)
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(content=_script())
    yield page
    context.close()
    assert outside.urls == []


def _nan(values) -> list[float | None]:
    return [
        None if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v)
        for v in values
    ]


def _back(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def test_aggregate_matches_python_for_every_rule_and_missing_pattern(page):
    rng = np.random.default_rng(RNG_SEED)
    cases = []
    for c in range(300):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 8))
        how = HOW[c % len(HOW)]
        low = 0.5 if how == "geometric_mean" else -20.0
        x = rng.uniform(low, 100.0, size=(n, m))
        x[rng.random((n, m)) < rng.choice([0.0, 0.1, 0.4])] = np.nan
        w = rng.integers(0, 11, size=m).astype(float)
        if w.sum() == 0:
            w[0] = 1.0
        cases.append((x, w, how, float(rng.choice([0.0, 0.5, 1.0]))))
    payload = [
        {
            "columns": [_nan(x[:, j]) for j in range(x.shape[1])],
            "weights": w.tolist(),
            "how": how,
            "min_share": share,
        }
        for x, w, how, share in cases
    ]
    got = page.evaluate(
        """cases => cases.map(c => Array.from(
            oiAggregate(c.columns, c.weights, c.how, c.min_share).values,
            v => Number.isNaN(v) ? null : v))""",
        payload,
    )
    for (x, w, how, share), js in zip(cases, got, strict=True):
        expected = aggregate_many(x, w[None, :], how, share)[:, 0]
        actual = _back(js)
        np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected), err_msg=how)
        if how == "geometric_mean":
            # Math.log/exp and NumPy's may differ in the last bit.
            np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12, err_msg=how)
        else:
            # The same products added in the same order: the same bits.
            np.testing.assert_array_equal(actual, expected, err_msg=how)


def test_round_half_up_matches_python(page):
    rng = np.random.default_rng(RNG_SEED + 5)
    values = [0.0, -0.0, 0.5, -0.5, 1.5, 2.675, -2.675, 0.12345, 1.005, 99.995, 1e-9, 123456.7895]
    values += [float(v) for v in np.round(rng.uniform(-1000, 1000, 300), 4)]
    values += [float(v) for v in rng.uniform(0, 100, 300)]
    values += [float(v) for v in rng.uniform(0, 1, 100) * 1e-5]
    cases = [(v, d) for v in values for d in (0, 1, 2, 4, 6)]
    got = page.evaluate("cases => cases.map(([v, d]) => oiRoundHalfUp(v, d))", cases)
    expected = [float(round_half_up(v, d)) for v, d in cases]
    mismatches = [(c, g, e) for c, g, e in zip(cases, got, expected, strict=True) if g != e]
    assert mismatches == []
    # Never -0: the sign of zero would show as "-0,0".
    assert page.evaluate("1 / oiRoundHalfUp(-0.0001, 2)") == math.inf


def test_index_and_contributions_match_python_for_every_aggregation(page):
    rng = np.random.default_rng(RNG_SEED + 6)
    cases = []
    for c in range(240):
        n, m = int(rng.integers(1, 30)), int(rng.integers(1, 7))
        how = HOW[c % len(HOW)]
        low = 0.2 if how == "geometric_mean" else -20.0
        x = rng.uniform(low, 100.0, size=(n, m))
        if c % 4 == 0:
            x = np.round(x)  # ties, and scores of exactly 1
        x[rng.random((n, m)) < rng.choice([0.0, 0.15])] = np.nan
        w = rng.integers(0, 11, size=m).astype(float)
        if w.sum() == 0:
            w[0] = 1.0
        decimals = [None, 0, 2, 4][c % 4]
        cases.append((x, w, how, float(rng.choice([0.0, 0.5, 1.0])), decimals))
    payload = [
        {
            "columns": [_nan(x[:, j]) for j in range(x.shape[1])],
            "weights": w.tolist(),
            "how": how,
            "min_share": share,
            "decimals": decimals,
        }
        for x, w, how, share, decimals in cases
    ]
    got = page.evaluate(
        """cases => cases.map(c => {
            const r = oiCombine(c.columns, c.weights, c.how, c.min_share, c.decimals);
            const parts = oiContributions(c.columns, c.weights, r.values, c.how);
            const back = a => Array.from(a, v => Number.isNaN(v) ? null : v);
            return {index: back(r.values), rank: back(oiRank(r.values)), parts: parts.map(back)};
        })""",
        payload,
    )
    for (x, w, how, share, decimals), js in zip(cases, got, strict=True):
        index = combine_many(x, w[None, :], how, share, decimals)[:, 0]
        parts = contributions(x, w, index, how)
        label = f"{how}, decimals {decimals}"
        actual = _back(js["index"])
        np.testing.assert_array_equal(np.isnan(actual), np.isnan(index), err_msg=label)
        if how != "geometric_mean" or decimals is not None:
            np.testing.assert_array_equal(actual, index, err_msg=label)
            np.testing.assert_array_equal(_back(js["rank"]), rank_matrix(index)[:, 0])
        else:
            np.testing.assert_allclose(actual, index, rtol=1e-12, atol=1e-12, err_msg=label)
        for j, column in enumerate(js["parts"]):
            np.testing.assert_allclose(
                _back(column), parts[:, j], rtol=1e-9, atol=1e-9, err_msg=label
            )


def test_ranks_match_python_with_ties_and_missing_values(page):
    rng = np.random.default_rng(RNG_SEED + 1)
    arrays = []
    for _ in range(200):
        n = int(rng.integers(1, 50))
        values = np.round(rng.normal(50, 15, n), int(rng.integers(0, 3)))  # rounding makes ties
        values[rng.random(n) < 0.15] = np.nan
        arrays.append(values)
    got = page.evaluate(
        "arrays => arrays.map(a => Array.from(oiRank(a.map(v => v === null ? NaN : v)),"
        " r => Number.isNaN(r) ? null : r))",
        [_nan(a) for a in arrays],
    )
    for values, js in zip(arrays, got, strict=True):
        expected = rank_descending(pd.Series(values)).astype("float").to_numpy()
        np.testing.assert_array_equal(_back(js), expected)


def _classify_in_browser(page, arrays, method):
    return page.evaluate(
        """([arrays, method, palette, missing]) => arrays.map(a => oiClassify(
            Float64Array.from(a, v => v === null ? NaN : v), method, 5, palette, missing))""",
        [[_nan(a) for a in arrays], method, list(PALETTE), MISSING_COLOUR],
    )


@pytest.mark.parametrize("method", ["quantiles", "fisher_jenks"])
def test_classes_colours_and_legend_match_python(page, method):
    rng = np.random.default_rng(RNG_SEED + (method == "quantiles"))
    arrays = []
    for i in range(150):
        n = int(rng.integers(1, 120))
        values = rng.uniform(0, 100, n)
        if i % 3 == 0:
            values = np.round(values / 10) * 10  # few distinct values: classes collapse
        if i % 5 == 0:
            values[rng.random(n) < 0.2] = np.nan
        arrays.append(values)
    got = _classify_in_browser(page, arrays, method)
    for values, js in zip(arrays, got, strict=True):
        expected = classify(pd.Series(values), method)
        assert js["classes"] == expected.classes.tolist()
        assert js["colours"] == expected.colours.tolist()
        assert [(b["colour"], b["lower"], b["upper"], b["count"]) for b in js["bins"]] == [
            (b.colour, b.lower, b.upper, b.count) for b in expected.bins
        ]


def test_numbers_are_formatted_and_rounded_as_in_python(page):
    rng = np.random.default_rng(RNG_SEED + 2)
    values = [
        0.0,
        -0.0,
        0.05,
        -0.05,
        0.15,
        2.25,
        2.675,
        1.005,
        -1.45,
        12.345,
        99.95,
        100.0,
        1e-7,
        -1e-7,
        1e-300,
        123456.789,
        -9876543.21,
        1e21,
        0.1 + 0.2,
        None,
        math.nan,
    ]
    values += [float(v) for v in np.round(rng.uniform(-1000, 1000, 300), 3)]
    values += [float(v) for v in rng.uniform(0, 100, 300)]
    cases = [(v, d, lang) for v in values for d in (0, 1, 2, 3) for lang in ("sv", "en")]
    got = page.evaluate(
        "cases => cases.map(([v, d, lang]) => oiNumber(v === null ? null : v, d, lang))",
        [[None if v is None or v != v else v, d, lang] for v, d, lang in cases],
    )
    expected = [number(v, d, lang) for v, d, lang in cases]
    mismatches = [(c, g, e) for c, g, e in zip(cases, got, expected, strict=True) if g != e]
    assert mismatches == []


TEXTS = {key: f"<{key}>" for key in TEXT_KEYS}


@pytest.fixture(scope="module")
def dataset(built_db):
    return load_dataset(built_db)


# (municipality, level, official only): Malmö's 14 areas and 91 RegSO, Lund, all of Sweden.
SCOPES = [
    (MALMO, "omraden", False),
    (MALMO, "omraden", True),
    (MALMO, "regso", False),
    ("1281", "regso", True),
    (SWEDEN, "regso", True),
]


@pytest.mark.parametrize(("kommun", "level", "official"), SCOPES)
@pytest.mark.parametrize("classes", ["quantiles", "fisher_jenks"])
def test_the_browser_view_equals_index_view_on_the_real_data(
    page, dataset, kommun, level, official, classes
):
    if kommun == SWEDEN and classes == "fisher_jenks":
        pytest.skip("Fisher–Jenks over 3,363 areas is checked at the smaller levels")
    method = load_presets()[DEFAULT_METHOD]
    scope = scope_of(dataset, kommun, level)
    table = dimension_table(
        dataset,
        method,
        scope.level,
        official_only=official or scope.official_only,
        units=scope.units,
    )
    names = scope_unit_names(dataset, scope)
    dim_ids = list(table.method.dimension_ids)
    rng = np.random.default_rng(RNG_SEED + len(table.scores))
    weight_sets = [dict.fromkeys(dim_ids, 5)]
    while len(weight_sets) < 12:
        w = {d: int(v) for d, v in zip(dim_ids, rng.integers(0, 11, len(dim_ids)), strict=True)}
        if sum(w.values()) > 0:
            weight_sets.append(w)
    data = live_data(
        table,
        weight_sets[0],
        names,
        dataset.catalogue,
        {d: d for d in dim_ids},
        TEXTS,
        classes=classes,
    )
    order = [d["id"] for d in data["dimensions"]]
    got = page.evaluate(
        """([data, sets]) => sets.map(w => {
            const v = oiView(data, w);
            return {index: Array.from(v.index, x => Number.isNaN(x) ? null : x),
                    rank: Array.from(v.rank, x => Number.isNaN(x) ? null : x),
                    colours: v.classes.colours,
                    contrib: v.contrib.map(c => c.map(x => Number.isNaN(x) ? null : x))};
        })""",
        [data, [[w[d] for d in order] for w in weight_sets]],
    )
    for weights, js in zip(weight_sets, got, strict=True):
        view = index_view(table, weights, names, dataset.catalogue)
        t = view.table.loc[data["units"]]
        np.testing.assert_allclose(_back(js["index"]), t["index"], rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(_back(js["rank"]), t["rank"].astype(float))
        assert js["colours"] == classify(t["index"], classes).colours.tolist()
        for d, contrib in zip(view.dimensions, js["contrib"], strict=True):
            np.testing.assert_allclose(
                _back(contrib), t[f"contrib.{d}"], rtol=1e-12, atol=1e-12, err_msg=d
            )


# Methods whose index is not a mean: every aggregation across dimensions, with
# decimals, weights above the sliders' 10, geometric means within dimensions.
UPLOADED = {
    "sum": {"across": "sum", "within": "mean", "decimals": 3},
    "geometric_mean": {"across": "geometric_mean", "within": "geometric_mean", "decimals": None},
    "mean": {"across": "mean", "within": "sum", "decimals": 1, "min_share": 1.0},
}
VIEW_SCOPES = [(MALMO, "omraden"), (MALMO, "regso"), (SWEDEN, "regso")]
MAP_TEXTS = {
    **TEXTS,
    "tooltip_index": t("tooltip.index", "sv"),
    "tooltip_rank": t("tooltip.rank", "sv"),
    "tooltip_rank_of": t("tooltip.rank_of", "sv", rank="{rank}", n="{n}"),
    "tooltip_illustrative": 'Illustrativt <&> "data"',
}


def _real_view(dataset, method, kommun, level):
    scope = scope_of(dataset, kommun, level)
    table = dimension_table(
        dataset, method, scope.level, official_only=scope.official_only, units=scope.units
    )
    return table, scope_unit_names(dataset, scope)


def _weight_sets(dim_ids, seed, first):
    rng = np.random.default_rng(seed)
    sets = [first]
    while len(sets) < 8:
        w = {d: int(v) for d, v in zip(dim_ids, rng.integers(0, 11, len(dim_ids)), strict=True)}
        if sum(w.values()) > 0:
            sets.append(w)
    return sets


@pytest.mark.parametrize("upload", UPLOADED, ids=UPLOADED.keys())
@pytest.mark.parametrize(("kommun", "level"), VIEW_SCOPES)
def test_the_browser_view_equals_index_view_for_an_uploaded_method(
    page, dataset, upload, kommun, level
):
    method = uploaded_method(**UPLOADED[upload])
    check_compatible(method, dataset.catalogue)  # the method page's check on upload
    table, names = _real_view(dataset, method, kommun, level)
    dim_ids = list(table.method.dimension_ids)
    # The first set is the method's own weights (35 is above the sliders' 10).
    weight_sets = _weight_sets(dim_ids, RNG_SEED + len(names), dict(method.weights))
    data = live_data(table, weight_sets[0], names, dataset.catalogue, {}, TEXTS)
    assert (data["how"], data["decimals"]) == (
        method.aggregation.across,
        method.aggregation.decimals,
    )
    order = [d["id"] for d in data["dimensions"]]
    got = page.evaluate(
        """([data, sets]) => sets.map(w => {
            const v = oiView(data, w);
            if (v.error) return {error: v.error};
            const back = a => Array.from(a, x => Number.isNaN(x) ? null : x);
            return {index: back(v.index), rank: back(v.rank), contrib: v.contrib.map(back)};
        })""",
        [data, [[w[d] for d in order] for w in weight_sets]],
    )
    for weights, js in zip(weight_sets, got, strict=True):
        view = index_view(table, weights, names, dataset.catalogue)
        tab = view.table.loc[data["units"]]
        index = tab["index"].to_numpy(dtype=float)
        if method.aggregation.across == "geometric_mean" and method.aggregation.decimals is None:
            np.testing.assert_allclose(_back(js["index"]), index, rtol=1e-12, atol=1e-12)
        else:
            np.testing.assert_array_equal(_back(js["index"]), index)
        np.testing.assert_array_equal(_back(js["rank"]), tab["rank"].astype(float))
        shown = np.zeros(len(index))
        for d, contrib in zip(view.dimensions, js["contrib"], strict=True):
            np.testing.assert_allclose(
                _back(contrib), tab[f"contrib.{d}"], rtol=1e-9, atol=1e-9, err_msg=d
            )
            shown += np.nan_to_num(_back(contrib))
        # The bars add up to the number beside them.
        valid = ~np.isnan(index)
        np.testing.assert_allclose(shown[valid], index[valid], rtol=1e-9, atol=1e-9)


def _labels_and_tooltips_in_browser(page, data, weights):
    return page.evaluate(
        """([data, w]) => {
            const u = oiMapUpdate(data, oiView(data, w));
            return {fill: u.fill, rows: u.rows, aliases: u.aliases, labels: u.labels};
        }""",
        [data, weights],
    )


@pytest.mark.parametrize("method_kind", ["preset", "uploaded"])
@pytest.mark.parametrize(("kommun", "level"), VIEW_SCOPES)
def test_map_labels_and_tooltips_match_the_server_drawn_map(
    page, dataset, method_kind, kommun, level
):
    method = (
        load_presets()[DEFAULT_METHOD]
        if method_kind == "preset"
        else uploaded_method(across="sum", within="mean", decimals=2)
    )
    table, names = _real_view(dataset, method, kommun, level)
    dim_ids = list(table.method.dimension_ids)
    dim_names = {d: f"{d} <&>" for d in dim_ids}
    units = [str(u) for u in table.scores.index]
    points = {u: (float(i), float(-i)) for i, u in enumerate(units)}  # one point per unit
    reference = ("Typ", {u: f"typ {i % 3}" for i, u in enumerate(units[1:])})
    selected = units[len(units) // 2]
    weights = {d: (5 if i % 2 == 0 else 3) for i, d in enumerate(dim_ids)}
    data = live_data(
        table,
        weights,
        names,
        dataset.catalogue,
        dim_names,
        MAP_TEXTS,
        points=points,
        selected=selected,
        reference=reference,
    )
    js = _labels_and_tooltips_in_browser(page, data, [weights[d["id"]] for d in data["dimensions"]])
    view = index_view(table, weights, names, dataset.catalogue)
    colours = classify(view.table["index"], "quantiles").colours.tolist()
    aliases, styles = map_styles(view, colours, dim_names, MAP_TEXTS, reference=reference)
    assert [html.unescape(a) for a in js["aliases"]] == aliases
    assert list(js["rows"]) == units
    for unit in units:
        style = styles[unit]
        assert [html.unescape(v) for v in js["rows"][unit]] == list(style.tooltip.values()), unit
        assert js["fill"][unit] == style.fill
    by_point = {tuple(p): u for u, p in points.items()}
    labels = {by_point[(lat, lon)]: (text, chosen) for lat, lon, text, chosen in js["labels"]}
    expected = {u: (s.label, u == selected) for u, s in styles.items() if s.label}
    assert labels == expected
    n = int(view.table["rank"].notna().sum())
    if n > HUGE_AREAS:
        assert len(aliases) == 3  # reference, index, rank: no dimension rows
    if n > MANY_AREAS:
        assert max(int(text) for text, _ in labels.values()) <= 10
    else:
        assert len(labels) == n


def test_all_weights_zero_gives_the_message_not_a_ranking(page, dataset):
    method = load_presets()[DEFAULT_METHOD]
    table = dimension_table(dataset, method, "omraden")
    data = live_data(table, {}, {}, dataset.catalogue, {}, TEXTS)
    zero = [0] * len(data["dimensions"])
    assert page.evaluate("([d, w]) => oiView(d, w).error", [data, zero]) == "<all_zero>"


def test_live_data_is_plain_json_without_nan(dataset):
    method = load_presets()[DEFAULT_METHOD]
    scope = scope_of(dataset, SWEDEN, "regso")
    table = dimension_table(dataset, method, scope.level, official_only=True)
    data = live_data(table, {}, {}, dataset.catalogue, {}, TEXTS)
    text = json.dumps(data, allow_nan=False)  # raises on NaN or infinity
    assert len(data["units"]) == len(table.scores) == 3363
    assert '"scores"' in text
    with pytest.raises(KeyError):
        live_data(table, {}, {}, dataset.catalogue, {}, {"title": "x"})


def _toy(max_rows: int = 30) -> dict:
    """Four areas, two dimensions (the second illustrative); two areas tie for first."""
    return {
        "units": ["a", "b", "c", "d"],
        "names": ["Beta", "Alfa", "<Gamma>", "Delta"],
        "dimensions": [
            {
                "id": "x",
                "name": "X",
                "colour": "#111111",
                "illustrative": False,
                "slider": "w_x",
                "weight": 1,
            },
            {
                "id": "y",
                "name": "Y",
                "colour": "#222222",
                "illustrative": True,
                "slider": "w_y",
                "weight": 1,
            },
        ],
        "scores": [[50.0, 50.0, 10.0, 90.0], [50.0, 50.0, 20.0, 0.0]],
        "how": "mean",
        "min_share": 1.0,
        "classes": "quantiles",
        "k": 5,
        "palette": list(PALETTE),
        "missing": MISSING_COLOUR,
        "top_k": 1,
        "max_rows": max_rows,
        "many": 20,
        "huge": 500,
        "lang": "sv",
        "texts": TEXTS,
        "points": {},
        "selected": None,
        "reference": None,
        "recolour_map": False,
    }


READ_RANKING = """data => {
    const box = document.createElement("div");
    box.innerHTML = oiRankingHtml(data, oiView(data, [1, 1]));
    return {
        title: box.querySelector(".oi-title").textContent,
        rows: Array.from(box.querySelectorAll("ol.oi-ranking li"), li => ({
            unit: li.dataset.unit, name: li.querySelector(".oi-name").textContent,
            value: li.querySelector(".oi-value").textContent, top: li.classList.contains("oi-top"),
            hatched: Array.from(li.querySelectorAll(".oi-part"),
                                p => p.classList.contains("oi-hatched")),
        })),
        keys: Array.from(box.querySelectorAll(".oi-keys li"), li => li.textContent),
        negative: Array.from(box.querySelectorAll(".oi-negative"), p => p.textContent),
    };
}"""


def test_ranking_list_order_ties_hatching_and_escaping(page):
    shown = page.evaluate(READ_RANKING, _toy())
    assert shown["title"] == "<title>"
    assert [(r["unit"], r["name"], r["value"], r["top"]) for r in shown["rows"]] == [
        ("b", "1. Alfa", "50,0", True),  # tied for first: both shaded, by name
        ("a", "1. Beta", "50,0", True),
        ("d", "3. Delta", "45,0", False),
        ("c", "4. <Gamma>", "15,0", False),  # a name is text, never markup
    ]
    assert all(r["hatched"] == [False, True] for r in shown["rows"])
    assert shown["keys"] == ["X", "Y (<illustrative>)"]


def test_ranking_list_is_cut_at_max_rows_and_says_so(page):
    shown = page.evaluate(READ_RANKING, _toy(max_rows=2))
    assert [r["unit"] for r in shown["rows"]] == ["b", "a"]
    assert shown["title"] == "<title_top>"


def test_ranking_says_so_when_a_dimension_pulls_the_index_down(page):
    assert page.evaluate(READ_RANKING, _toy())["negative"] == []
    data = _toy()
    data["scores"] = [[50.0, 50.0, 10.0, 90.0], [-20.0, 50.0, 20.0, 0.0]]  # e.g. z-scores
    shown = page.evaluate(READ_RANKING, data)
    assert shown["negative"] == ["<negative_parts>"]
    assert [r["value"] for r in shown["rows"]] == ["50,0", "45,0", "15,0", "15,0"]

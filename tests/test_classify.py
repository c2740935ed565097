"""Choropleth classes: quantiles and Fisher–Jenks on hand-made series."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from areaindex.views.classify import (
    CLASSIFIERS,
    MISSING_COLOUR,
    PALETTE,
    TEXT_ON,
    ClassBin,
    classify,
    quantile_classes,
)

LIGHT, LIGHTER_MID, MID, DARKER_MID, DARK = PALETTE


def series(values, prefix="u"):
    return pd.Series(values, index=[f"{prefix}{i}" for i in range(len(values))], dtype=float)


def relative_luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


# --------------------------------------------------------------------------- palette


def test_palette_has_five_colours_from_light_to_dark():
    assert len(PALETTE) == 5
    assert len(set(PALETTE)) == 5
    lum = [relative_luminance(c) for c in PALETTE]
    assert lum == sorted(lum, reverse=True)
    assert MISSING_COLOUR not in PALETTE


def test_text_colour_has_enough_contrast_on_every_fill():
    for fill in (*PALETTE, MISSING_COLOUR):
        a, b = relative_luminance(fill), relative_luminance(TEXT_ON[fill])
        ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        assert ratio >= 4.5, fill


# --------------------------------------------------------------------------- quantiles


def test_quantiles_on_one_to_ten():
    values = series(range(1, 11))
    result = classify(values, "quantiles")
    assert result.method == "quantiles"
    assert result.classes.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert result.colours.tolist() == [c for c in PALETTE for _ in range(2)]
    # Breaks at the 20/40/60/80/100th percentiles (linear interpolation): 2.8, 4.6, ...
    assert [b.lower for b in result.bins] == [1, 3, 5, 7, 9]
    assert [b.upper for b in result.bins] == pytest.approx([2.8, 4.6, 6.4, 8.2, 10])
    assert [b.count for b in result.bins] == [2, 2, 2, 2, 2]
    assert [b.colour for b in result.bins] == list(PALETTE)


def test_quantiles_on_an_uneven_series():
    values = series([1, 2, 3, 10, 11, 12, 20, 21, 22, 40, 41, 100])
    result = classify(values, "quantiles")
    # 20 %: position 2.2 -> 3 + 0.2 * 7 = 4.4; 40 %: 4.4 -> 11.4; 60 %: 6.6 -> 20.6;
    # 80 %: 8.8 -> 22 + 0.8 * 18 = 36.4.
    assert result.classes.tolist() == [0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4]
    assert [b.upper for b in result.bins] == pytest.approx([4.4, 11.4, 20.6, 36.4, 100])
    assert [b.lower for b in result.bins] == [1, 10, 12, 21, 40]
    assert [b.count for b in result.bins] == [3, 2, 2, 2, 3]


def test_classes_follow_the_values_not_the_order_of_the_units():
    values = pd.Series([10.0, 1.0, 7.0, 4.0, 2.0], index=["a", "b", "c", "d", "e"])
    result = classify(values, "quantiles")
    assert result.classes.to_dict() == {"a": 4, "b": 0, "c": 3, "d": 2, "e": 1}
    assert result.colours["a"] == DARK
    assert result.colours["b"] == LIGHT


# --------------------------------------------------------------------------- Fisher–Jenks


def test_fisher_jenks_puts_breaks_where_the_values_jump():
    values = series([1, 2, 3, 10, 11, 12, 20, 21, 22, 40, 41, 100])
    result = classify(values, "fisher_jenks")
    assert result.method == "fisher_jenks"
    assert result.classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4]
    assert [(b.lower, b.upper, b.count) for b in result.bins] == [
        (1, 3, 3),
        (10, 12, 3),
        (20, 22, 3),
        (40, 41, 2),
        (100, 100, 1),
    ]
    assert [b.colour for b in result.bins] == list(PALETTE)


def test_fisher_jenks_on_shuffled_input_gives_the_same_classes_per_unit():
    values = series([1, 2, 3, 10, 11, 12, 20, 21, 22, 40, 41, 100])
    shuffled = values.sample(frac=1, random_state=7)
    assert (
        classify(shuffled, "fisher_jenks")
        .classes.sort_index()
        .equals(classify(values, "fisher_jenks").classes.sort_index())
    )


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_classification_is_deterministic(method):
    rng = np.random.default_rng(1)
    values = series(rng.uniform(0, 100, size=91).round(3))
    first = classify(values, method)
    for _ in range(5):
        again = classify(values, method)
        assert again.classes.equals(first.classes)
        assert again.colours.equals(first.colours)
        assert again.bins == first.bins


# --------------------------------------------------------------------------- edge cases


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_missing_values_get_class_minus_one_and_grey(method):
    values = pd.Series([5.0, np.nan, 1.0, 9.0, np.nan, 3.0, 7.0], index=list("abcdefg"))
    result = classify(values, method)
    assert result.classes[["b", "e"]].tolist() == [-1, -1]
    assert result.colours[["b", "e"]].tolist() == [MISSING_COLOUR, MISSING_COLOUR]
    assert (result.classes.drop(["b", "e"]) >= 0).all()
    assert MISSING_COLOUR not in result.colours.drop(["b", "e"]).tolist()
    assert sum(b.count for b in result.bins) == 5
    assert result.classes.index.equals(values.index)
    assert result.colours.index.equals(values.index)


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_only_missing_values(method):
    values = pd.Series([np.nan, np.nan], index=["a", "b"])
    result = classify(values, method)
    assert result.classes.tolist() == [-1, -1]
    assert result.colours.tolist() == [MISSING_COLOUR] * 2
    assert result.bins == ()


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_all_values_equal_give_one_class(method):
    values = pd.Series([42.0, 42.0, 42.0, np.nan], index=list("abcd"))
    result = classify(values, method)
    assert result.classes.tolist() == [0, 0, 0, -1]
    assert result.bins == (ClassBin(LIGHT, 42.0, 42.0, 3),)


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_fewer_distinct_values_than_classes(method):
    values = pd.Series([1.0, 1.0, 2.0, 2.0, 3.0], index=list("abcde"))
    result = classify(values, method, k=5)
    # Three distinct values: three classes, spread light - middle - dark.
    assert result.classes.tolist() == [0, 0, 1, 1, 2]
    assert result.colours.tolist() == [LIGHT, LIGHT, MID, MID, DARK]
    assert [b.count for b in result.bins] == [2, 2, 1]
    assert [b.lower for b in result.bins] == [1, 2, 3]
    assert [b.colour for b in result.bins] == [LIGHT, MID, DARK]


@pytest.mark.parametrize("method", CLASSIFIERS)
def test_two_distinct_values_are_light_and_dark(method):
    values = pd.Series([0.0, 100.0, 0.0], index=list("abc"))
    result = classify(values, method)
    assert result.classes.tolist() == [0, 1, 0]
    assert result.colours.tolist() == [LIGHT, DARK, LIGHT]


def test_quantiles_with_heavy_ties_keep_classes_dense():
    values = series([0, 0, 0, 0, 0, 0, 0, 0, 1, 2])
    result = classify(values, "quantiles")
    # All lower breaks collapse on 0: two classes remain, numbered 0 and 1.
    assert result.classes.tolist() == [0] * 8 + [1, 1]
    assert [(b.lower, b.upper, b.count) for b in result.bins] == [(0, 0, 8), (1, 2, 2)]
    assert [b.colour for b in result.bins] == [LIGHT, DARK]


@pytest.mark.parametrize("method", CLASSIFIERS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bins_cover_the_non_missing_values_light_to_dark(method, seed):
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0, 100, size=40).round(1)
    raw[rng.choice(40, size=6, replace=False)] = np.nan
    values = series(raw)
    result = classify(values, method)
    valid = values.dropna()
    assert sum(b.count for b in result.bins) == len(valid)
    # Each bin's count is the number of units in its class, and its bounds hold them.
    for c, b in enumerate(result.bins):
        members = valid[result.classes[valid.index] == c]
        assert len(members) == b.count
        assert b.lower == members.min()
        assert members.max() <= b.upper + 1e-9
        assert (result.colours[members.index] == b.colour).all()
    # Classes ascend with the values, colours from the palette, lightest first.
    lowers = [b.lower for b in result.bins]
    assert lowers == sorted(lowers)
    colours = [b.colour for b in result.bins]
    assert [PALETTE.index(c) for c in colours] == sorted(PALETTE.index(c) for c in colours)
    assert set(result.colours[valid.index]) <= set(PALETTE)
    order = valid.sort_values().index
    assert result.classes[order].is_monotonic_increasing


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_k_classes_use_the_ends_of_the_palette(k):
    values = series(range(20))
    result = classify(values, "quantiles", k=k)
    assert len(result.bins) == k
    assert result.bins[0].colour == LIGHT
    assert result.bins[-1].colour == (DARK if k > 1 else LIGHT)


@pytest.mark.parametrize("method", ["jenks", "natural_breaks", "Quantiles", ""])
def test_unknown_method_raises_value_error(method):
    with pytest.raises(ValueError, match="klassindelning"):
        classify(series([1, 2, 3]), method)


@pytest.mark.parametrize("seed", range(40))
def test_quantile_classes_match_mapclassify(seed):
    """Our quantiles (no mapclassify import at start-up) agree with mapclassify's exactly."""
    import mapclassify

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 120))
    k = int(rng.integers(2, 8))
    values = rng.normal(50, 20, n)
    if seed % 3 == 0:  # heavy ties: classes collapse
        values = np.round(values / 25) * 25
    if len(np.unique(values)) < 2:
        values[0] += 1
    k = min(k, len(np.unique(values)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = mapclassify.Quantiles(values, k=k)
    yb, bounds = quantile_classes(values, k)
    np.testing.assert_array_equal(bounds, model.bins)
    np.testing.assert_array_equal(yb, model.yb)
